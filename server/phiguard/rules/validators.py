"""Checks that a regular expression cannot express; named from rule data (`"validator": "nhs_mod11"`).

The extension implements the same names; shared_rules/SPEC.md defines them.
"""

import re

_DIGITS = re.compile(r"\d")


def _digits(text):
    return [int(d) for d in _DIGITS.findall(text)]


def nhs_mod11(text: str) -> bool:
    d = _digits(text)
    if len(d) != 10 or d[:3] == [9, 9, 9]:  # 999 000 0000 to 999 999 9999: NHS test numbers, never issued
        return False
    total = sum(w * x for w, x in zip(range(10, 1, -1), d[:9]))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == d[9]


_SSN_SAMPLES = {"123456789", "078051120"}


def us_ssn(text: str) -> bool:
    s = "".join(map(str, _digits(text)))
    if len(s) != 9 or s in _SSN_SAMPLES:
        return False
    area, group, serial = s[:3], s[3:5], s[5:]
    return area != "000" and area != "666" and not area.startswith("9") and group != "00" and serial != "0000"


def age_range(text: str) -> bool:
    m = re.search(r"\d+", text)
    return m is not None and 0 <= int(m.group()) <= 120


def luhn(text: str) -> bool:
    d = _digits(text)
    if not 13 <= len(d) <= 19:
        return False
    total = 0
    for i, x in enumerate(reversed(d)):
        if i % 2:
            x *= 2
            if x > 9:
                x -= 9
        total += x
    return total % 10 == 0


VALIDATORS = {f.__name__: f for f in (nhs_mod11, us_ssn, age_range, luhn)}
