// Checks that a regular expression cannot express, named from rule data (`"validator": "nhs_mod11"`).
// The same names and behaviour as server/phiguard/rules/validators.py; shared_rules/SPEC.md defines them.

function digitsOf(text) {
  return Array.from(text.match(/\d/g) ?? [], Number);
}

/** 10 digits outside the test range 999… whose modulus-11 check digit (weights 10..2; 11 -> 0; 10 is never issued) is right. */
export function nhs_mod11(text) {
  const d = digitsOf(text);
  // 999 000 0000 to 999 999 9999: NHS test numbers, never issued.
  if (d.length !== 10 || (d[0] === 9 && d[1] === 9 && d[2] === 9)) return false;
  let total = 0;
  for (let i = 0; i < 9; i += 1) total += (10 - i) * d[i];
  let check = 11 - (total % 11);
  if (check === 11) check = 0;
  return check !== 10 && check === d[9];
}

// Numbers printed in adverts and on sample cards, never issued to a person.
const SSN_SAMPLES = new Set(['123456789', '078051120']);

/** 9 digits; area not 000, 666 or 9xx; group not 00; serial not 0000; not a famous sample. */
export function us_ssn(text) {
  const s = digitsOf(text).join('');
  if (s.length !== 9 || SSN_SAMPLES.has(s)) return false;
  const area = s.slice(0, 3);
  const group = s.slice(3, 5);
  const serial = s.slice(5);
  return area !== '000' && area !== '666' && !area.startsWith('9') && group !== '00' && serial !== '0000';
}

/** The first run of digits is an age a person can have: 0 to 120 ("aged 2021" is a year). */
export function age_range(text) {
  const m = /\d+/.exec(text);
  return m !== null && Number(m[0]) <= 120;
}

/** The Luhn checksum of a 13- to 19-digit card number holds. */
export function luhn(text) {
  const d = digitsOf(text);
  if (d.length < 13 || d.length > 19) return false;
  let total = 0;
  d.reverse().forEach((x, i) => {
    let y = x;
    if (i % 2) {
      y *= 2;
      if (y > 9) y -= 9;
    }
    total += y;
  });
  return total % 10 === 0;
}

export const VALIDATORS = Object.freeze({ nhs_mod11, us_ssn, age_range, luhn });
