// Does a post tell of one specific person or encounter from the writer's practice? The
// extension's copy of server/phiguard/detection/practice_model.py: the same words, word classes
// and pairs of them, summed in the same order, so both engines give the same probability
// (shared_rules/vectors/practice_context.json; SPEC.md, "Practice context").

// ASCII words with inner apostrophes; JavaScript's default (non-unicode) matching is what the
// server's ASCII regex does.
const WORD = /[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)*/g;
const WHOLE_WORD = /^[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)*$/;
const DIGITS = /[0-9]+/g;
const SENTENCE_BREAK = /[.!?\n]/;
export const BOUNDARY = '|';
const TWO_CAPITALS = /[A-Z].*[A-Z]/;

function normalise(word) {
  return word.toLowerCase().replace(/\u2019/g, "'").replace(DIGITS, '0');
}

/** [{text, start, end}]: normalised words with their UTF-16 offsets. */
export function words(text) {
  return Array.from(text.matchAll(WORD), (m) => ({ text: normalise(m[0]), start: m.index, end: m.index + m[0].length }));
}

// Python sorts strings by code point; features are ASCII, so plain comparison agrees.
function byCodePoint(a, b) {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

// bias + the weights of the features, summed in sorted order from the bias, as the server does, so
// both give the same float.
function linear(bias, weights, features) {
  let z = bias;
  for (const f of [...features].sort(byCodePoint)) z += weights.get(f) ?? 0;
  return z;
}

function sigmoid(z) {
  return z > -60 ? 1 / (1 + Math.exp(-z)) : 0;
}

export class PracticeModel {
  constructor(spec, vocabularies) {
    this.version = spec.version ?? '';
    this.threshold = Number(spec.threshold);
    this.bias = Number(spec.bias);
    this.weights = new Map(Object.entries(spec.weights));
    const classes = new Map();
    for (const name of Object.keys(spec.classes).sort(byCodePoint)) {
      for (const id of spec.classes[name]) {
        for (const raw of vocabularies[id] ?? []) {
          const term = normalise(raw);
          if (!WHOLE_WORD.test(term)) continue; // one-word terms only, as on the server
          if (!classes.has(term)) classes.set(term, new Set());
          classes.get(term).add(name);
        }
      }
    }
    this.classes = new Map([...classes].map(([w, c]) => [w, [...c].sort(byCodePoint)]));
    this.past = new Set(vocabularies[spec.past_tense_vocabulary ?? ''] ?? []);
    this.detail = spec.detail ?? null;
    this.detailWeights = this.detail ? new Map(Object.entries(this.detail.weights)) : null;
  }

  wordsWithUnits(text) {
    return words(text).map((w) => {
      const units = [w.text, ...(this.classes.get(w.text) ?? []).map((c) => `@${c}`)];
      if (this.past.has(w.text) || (w.text.length > 4 && w.text.endsWith('ed'))) units.push('@past');
      if (/[0-9]/.test(w.text)) units.push('@number');
      return { word: w, units };
    });
  }

  units(text) {
    const seq = [[BOUNDARY]];
    let lastEnd = 0;
    for (const { word, units } of this.wordsWithUnits(text)) {
      if (seq[seq.length - 1][0] !== BOUNDARY && SENTENCE_BREAK.test(text.slice(lastEnd, word.start))) seq.push([BOUNDARY]);
      seq.push(units);
      lastEnd = word.end;
    }
    if (seq[seq.length - 1][0] !== BOUNDARY) seq.push([BOUNDARY]);
    return seq;
  }

  features(text) {
    const seq = this.units(text);
    const found = new Set();
    seq.forEach((here, i) => {
      for (const u of here) if (u !== BOUNDARY) found.add(u);
      if (i + 1 < seq.length) for (const u of here) for (const v of seq[i + 1]) found.add(`${u} ${v}`);
    });
    return found;
  }

  score(text) {
    return linear(this.bias, this.weights, this.features(text));
  }

  // Each word with the features the detail model reads: its units, its neighbours' ("<u", ">u";
  // "|" at a sentence break) and its shape ("^cap", "^cap_inside", "^caps").
  wordFeatures(text) {
    const seq = this.wordsWithUnits(text);
    return seq.map(({ word, units }, i) => {
      const before = i === 0 || SENTENCE_BREAK.test(text.slice(seq[i - 1].word.end, word.start));
      const after = i + 1 === seq.length || SENTENCE_BREAK.test(text.slice(word.end, seq[i + 1].word.start));
      const feats = new Set(units);
      for (const u of before ? [BOUNDARY] : seq[i - 1].units) feats.add(`<${u}`);
      for (const u of after ? [BOUNDARY] : seq[i + 1].units) feats.add(`>${u}`);
      const original = text.slice(word.start, word.end);
      if (original[0] >= 'A' && original[0] <= 'Z') feats.add(before ? '^cap' : '^cap_inside');
      if (original.toUpperCase() === original && TWO_CAPITALS.test(original)) feats.add('^caps');
      return { word, feats, before };
    });
  }

  detailProbabilities(text) {
    const bias = Number(this.detail.bias);
    return this.wordFeatures(text).map(({ word, feats, before }) => (
      { word, probability: sigmoid(linear(bias, this.detailWeights, feats)), before }));
  }

  /** [start, end] of each run of adjacent words, within one sentence, read as a particular of the story. */
  detailSpans(text) {
    if (!this.detail) return [];
    const threshold = Number(this.detail.threshold);
    const spans = [];
    let lastFlagged = false;
    for (const { word, probability, before } of this.detailProbabilities(text)) {
      const flagged = probability >= threshold;
      if (flagged && lastFlagged && !before) spans[spans.length - 1][1] = word.end;
      else if (flagged) spans.push([word.start, word.end]);
      lastFlagged = flagged;
    }
    return spans;
  }

  /** [start, end] of the n words weighing most towards "practice" on their own, in text order. */
  cues(text, n = 3) {
    const scored = [];
    this.wordsWithUnits(text).forEach(({ word, units }, i) => {
      let weight = 0;
      for (const u of units) weight += this.weights.get(u) ?? 0;
      if (weight > 0 && !/^[0-9]+$/.test(word.text)) scored.push({ weight, i, word }); // "2" alone says nothing to a reader
    });
    return scored.sort((a, b) => b.weight - a.weight || a.i - b.i).slice(0, n)
      .sort((a, b) => a.i - b.i).map(({ word }) => [word.start, word.end]);
  }

  probability(text) {
    return sigmoid(this.score(text));
  }

  tellsOfPractice(text) {
    return this.probability(text) >= this.threshold;
  }
}

export function practiceModelOf(merged) {
  return merged.practice_model ? new PracticeModel(merged.practice_model, merged.vocabularies) : null;
}
