// Compile a merged rule set's rules into RegExps that mean what the server's Python `re` patterns mean.
//
// Mirrors _compile() in server/phiguard/rules/load_rule_packs.py. Python compiles with re.ASCII
// (+ re.IGNORECASE); we use flags 'dg' (+ 'i') and never 'u': without 'u', \w \d \b are ASCII
// classes as in Python's ASCII mode, and case folding under 'i' cannot map a non-ASCII letter onto
// an ASCII one (the long s or the Kelvin sign stay apart from s and k). 'd' gives group offsets.
//
// Known differences (tests/extension/unit and a corpus comparison found no others):
// - JavaScript's \s also matches no-break and other Unicode spaces (U+00A0, U+2000–U+200A, U+3000,
//   U+FEFF...), Python's ASCII \s only [ \t\n\r\f\v]. So "my\u00A0client" matches here only. We
//   accept it: contenteditable editors put U+00A0 between words, and offline we would rather match.
// - Under 'i', JavaScript folds non-ASCII pairs (é/É) that Python's ASCII mode keeps apart. A terms
//   rule is therefore not a RegExp here but a TermMatcher, which folds ASCII letters only ("fiancé",
//   "Guillain-Barré"); in a `pattern` rule with ignore_case, a non-ASCII letter (literal or from a
//   {@slot}) still matches either case here, as written in Python.
// - Without 'u', an astral character (emoji) is two code units to `.`, negated classes and bounded
//   quantifiers, one code point to Python. Offsets are UTF-16 code units on both sides anyway.

import { practiceModelOf } from './practice_model.js';
import { RulePackError } from './merge_packs.js';
import { VALIDATORS } from './validators.js';

const SLOT = /\{@([a-z][a-z0-9_]*)\}/g;
// Terms written in capitals (two or more capitals, no lower-case letter) match only as written.
const CAPITALS_ONLY = /^(?=(?:[^A-Z]*[A-Z]){2})[^a-z]*$/;
const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|]/g;

// The same checks as _FORBIDDEN in load_rule_packs.py: patterns outside the shared subset.
const FORBIDDEN = [
  [/\(\?P?<[A-Za-z_]/, 'named groups are not shared by Python and JavaScript'],
  [/\(\?<[=!]/, 'lookbehind is not allowed in shared rules'],
  [/\(\?[aiLmsux-]+[:)]/, 'inline flags are not allowed; use ignore_case'],
  [/\\[AZz]/, '\\A, \\Z and \\z differ between Python and JavaScript; use ^ and $'],
  [/\(\?>|[*+?}][+]/, 'atomic groups and possessive quantifiers are not allowed'],
  [/\\[1-9]/, 'back-references are not allowed'],
  [/\\[pP]\{/, 'Unicode property escapes are not allowed'],
  [/\((?:\?:)?(?:\\.|\[[^\]]*\]|[^()\\])[+*]\??\)(?:[+*]|\{\d+,\})/,
    'a repeated group of one repeated item, like (a+)+, risks catastrophic backtracking'],
];

const DEFAULT_SCORE = 0.85;

/** Why a pattern is outside the Python/JavaScript subset, or null. */
export function lintPattern(pattern) {
  for (const [regex, why] of FORBIDDEN) {
    if (regex.test(pattern)) return why;
  }
  return null;
}

// Python compares strings by code point, JavaScript's < by UTF-16 unit; they differ for astral text.
function compareCodePoints(a, b) {
  const x = Array.from(a, (c) => c.codePointAt(0));
  const y = Array.from(b, (c) => c.codePointAt(0));
  for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
    if (x[i] !== y[i]) return x[i] - y[i];
  }
  return x.length - y.length;
}

/** Unique terms, longest first (so "complex trauma" is tried before "trauma"), then in code-point order. */
export function longestFirst(terms) {
  return [...new Set(terms)].sort((a, b) => Array.from(b).length - Array.from(a).length || compareCodePoints(a, b));
}

// With `asciiCaseless`, each ASCII letter becomes [xX]: ignoring case without the 'i' flag.
function escapeLiteral(text, asciiCaseless) {
  if (!asciiCaseless) return text.replace(REGEX_SPECIAL, '\\$&');
  return Array.from(text, (c) => (/^[A-Za-z]$/.test(c)
    ? `[${c.toLowerCase()}${c.toUpperCase()}]`
    : c.replace(REGEX_SPECIAL, '\\$&'))).join('');
}

/**
 * One term as a regex source: escaped, each run of spaces as \s+. With `caseSensitive`, an ASCII
 * first letter matches either case so a term still matches at the start of a sentence.
 */
export function termRegex(term, caseSensitive, asciiCaseless = false) {
  const parts = term.trim().split(/\s+/).filter(Boolean);
  let escaped = parts.map((part) => escapeLiteral(part, asciiCaseless)).join('\\s+');
  const first = term[0];
  if (caseSensitive && !asciiCaseless && /^[A-Za-z]$/.test(first)) {
    escaped = `[${first.toLowerCase()}${first.toUpperCase()}]${escaped.slice(1)}`;
  }
  return escaped;
}

// What a {@slot} expands to: the terms, longest first. (A terms rule was this too: see TermMatcher.)
function alternation(terms, caseSensitive) {
  return `(?:${longestFirst(terms).map((t) => termRegex(t, caseSensitive)).join('|')})`;
}

const SPACE = ' '; // the trie's key for a run of spaces between two words (a word never holds one)
const END = Symbol('end'); // marks a node where a term ends
const WORD_UNIT = /^[A-Za-z0-9_]$/;
const SPACE_UNIT = /^\s$/;

/**
 * A terms rule's matcher: what RegExp(`\\b${alternation(terms)}(?!\\w)`, 'dg' or 'dgi') finds, found by
 * walking a prefix trie of the terms instead. _trie_regex() in load_rule_packs.py builds the same trie
 * as a regex and says why it matches what the alternation does: at each word start, the longest term
 * that ends before a non-word character. V8 needs more than a second to compile a regex of thousands
 * of terms, trie or not (measured 2026-12-01: bench/README.md); this walk needs none.
 *
 * Keys are UTF-16 code units, as the regex reads them; with `ignoreCase`, ASCII letters lower-cased
 * (the 'i' flag without 'u', or [xX], folds no other letter onto an ASCII one). It has the
 * interface match_rules.js uses: lastIndex, and exec() returning a match with index and indices.
 */
export class TermMatcher {
  constructor(terms, ignoreCase) {
    this.ignoreCase = ignoreCase;
    this.lastIndex = 0;
    this.root = new Map();
    for (const term of terms) {
      const words = term.trim().split(/\s+/).filter(Boolean);
      if (!words.length) continue; // matches only '', which no rule keeps
      let node = this.root;
      words.forEach((word, i) => {
        if (i) node = node.get(SPACE) ?? node.set(SPACE, new Map()).get(SPACE);
        for (let j = 0; j < word.length; j += 1) {
          const key = this.key(word[j]);
          node = node.get(key) ?? node.set(key, new Map()).get(key);
        }
      });
      node.set(END, true);
    }
  }

  key(unit) {
    return this.ignoreCase && unit <= '\x7f' ? unit.toLowerCase() : unit;
  }

  /** The end of the longest term starting at `start` and followed by a non-word character, or -1. */
  matchAt(text, start) {
    let node = this.root;
    let best = -1;
    let i = start;
    for (;;) {
      if (node.has(END) && !(i < text.length && WORD_UNIT.test(text[i]))) best = i;
      if (i >= text.length) return best;
      let next;
      if (SPACE_UNIT.test(text[i])) {
        next = node.get(SPACE);
        while (i < text.length && SPACE_UNIT.test(text[i])) i += 1;
      } else {
        next = node.get(this.key(text[i]));
        i += 1;
      }
      if (next === undefined) return best;
      node = next;
    }
  }

  exec(text) {
    for (let start = this.lastIndex; start <= text.length; start += 1) {
      const before = start > 0 && WORD_UNIT.test(text[start - 1]);
      const after = start < text.length && WORD_UNIT.test(text[start]);
      if (before === after) continue; // \b
      const end = this.matchAt(text, start);
      if (end >= 0) {
        this.lastIndex = end;
        const m = [text.slice(start, end)];
        m.index = start;
        m.indices = [[start, end]];
        return m;
      }
    }
    this.lastIndex = 0;
    return null;
  }
}

function expandSlots(pattern, vocabularies, caseSensitive, where) {
  return pattern.replace(SLOT, (_, name) => {
    if (!Object.hasOwn(vocabularies, name)) {
      throw new RulePackError(where, `pattern uses unknown vocabulary {@${name}}`);
    }
    return alternation(vocabularies[name], caseSensitive);
  });
}

// Capture groups in a regex: an added empty alternative always matches '', and reports every group.
function groupCount(regex) {
  return new RegExp(`${regex.source}|`, regex.flags.replace('g', '')).exec('').length - 1;
}

function compileRule(raw, vocabularies, entities) {
  const where = raw.source ?? raw.id;
  const fail = (message) => { throw new RulePackError(where, `rule ${raw.id}: ${message}`); };
  if (!Object.hasOwn(entities, raw.entity)) {
    fail(`entity '${raw.entity}' is not defined in any 'entities'`);
  }
  if ((raw.pattern === undefined) === (raw.terms === undefined)) {
    fail("needs exactly one of 'pattern' or 'terms'");
  }
  if (raw.validator !== undefined && !Object.hasOwn(VALIDATORS, raw.validator)) {
    fail(`unknown validator '${raw.validator}'`);
  }
  const excludeTerms = new Set();
  for (const name of raw.exclude_vocabularies ?? []) {
    if (!Object.hasOwn(vocabularies, name)) fail(`unknown vocabulary '${name}' in exclude_vocabularies`);
    for (const term of vocabularies[name]) excludeTerms.add(term.toLowerCase());
  }

  const sources = []; // [source, ignoreCase] or a TermMatcher
  if (raw.terms !== undefined) {
    if (!Object.hasOwn(vocabularies, raw.terms)) fail(`unknown vocabulary '${raw.terms}'`);
    const terms = vocabularies[raw.terms];
    const capitals = terms.filter((t) => CAPITALS_ONLY.test(t));
    const other = terms.filter((t) => !CAPITALS_ONLY.test(t));
    // (?!\w) rather than a closing \b: a term may end in a non-word character ("u.s.", "Dr.").
    // \b(?:t1|t2|…)(?!\w), walked as a trie: (?!\w) rather than a closing \b, as a term may end in a
    // non-word character ("u.s.", "Dr."). The alternation compiled with 'i', or without it and with
    // [xX] for each ASCII letter when a term has a non-ASCII cased letter, ignores ASCII case only.
    if (other.length) sources.push(new TermMatcher(other, true));
    if (capitals.length) sources.push(new TermMatcher(capitals, false));
  } else {
    const why = lintPattern(raw.pattern);
    if (why) fail(why);
    const ignoreCase = raw.ignore_case ?? false;
    sources.push([expandSlots(raw.pattern, vocabularies, !ignoreCase, where), ignoreCase]);
  }

  const regexes = sources.map((source) => {
    if (source instanceof TermMatcher) return source;
    const [pattern, ignoreCase] = source;
    try {
      return new RegExp(pattern, ignoreCase ? 'dgi' : 'dg');
    } catch (e) {
      return fail(`bad regular expression: ${e.message}`);
    }
  });
  const group = raw.group ?? 0;
  if (regexes.some((r) => group > (r instanceof TermMatcher ? 0 : groupCount(r)))) fail(`group ${group} does not exist in the pattern`);

  return Object.freeze({
    id: raw.id,
    entity: raw.entity,
    regexes: Object.freeze(regexes),
    group,
    validator: raw.validator ?? null,
    excludeTerms,
    strength: raw.strength ?? 'normal',
    standaloneSeverity: raw.standalone_severity ?? null,
    impliesContextWith: raw.implies_context_with ?? [],
    explanation: raw.explanation ?? null,
    score: raw.score ?? DEFAULT_SCORE,
    source: raw.source ?? '',
    vectors: raw.vectors ?? {},
  });
}

// Python's Unicode \b (the server's rewrite code is not in ASCII mode), written out for JavaScript.
const WORD = '[\\p{L}\\p{N}_]';
const UNICODE_BOUNDARY = `(?:(?<=${WORD})(?!${WORD})|(?<!${WORD})(?=${WORD}))`;

// rewrite.facility_kinds: one RegExp per word, to be tested on the lower-cased finding, as
// _facility_replacements() in server/phiguard/detection/assess_risk.py does.
function compileFacilityKinds(rewrite) {
  return (rewrite.facility_kinds ?? []).map((kind) => ({
    regexes: (kind.words ?? []).map((word) => new RegExp(
      `${UNICODE_BOUNDARY}${word.replace(REGEX_SPECIAL, '\\$&')}${UNICODE_BOUNDARY}`, 'u')),
    replacement: kind.replacement ?? '',
  }));
}

/**
 * @param merged  the output of mergePacks()
 * @returns the compiled rule set that match_rules.js and assess_risk.js read.
 */
export function compileRuleSet(merged) {
  for (const [name, entity] of Object.entries(merged.entities)) {
    // A misspelt name would hide nothing, silently.
    const unknown = (entity.hides?.entities ?? []).find((e) => !Object.hasOwn(merged.entities, e));
    if (unknown !== undefined) {
      throw new RulePackError(name, `entity ${name}: hides '${unknown}', which is not defined in any 'entities'`);
    }
  }
  return Object.freeze({
    packs: merged.packs,
    settings: merged.settings,
    entities: merged.entities,
    vocabularies: merged.vocabularies,
    rules: merged.rules.map((raw) => compileRule(raw, merged.vocabularies, merged.entities)),
    allow: new Set(merged.allow),
    severityOverrides: merged.severity_overrides,
    rewrite: merged.rewrite,
    facilityKinds: compileFacilityKinds(merged.rewrite),
    practice: practiceModelOf(merged),
  });
}
