"""Does a post tell of one specific person or encounter from the writer's practice?

Phrase rules cannot answer this: clinicians narrate ("Guy came in last night with…", "You were born
at 24 weeks…", "in court tomorrow for a case where…") far more often than they write "my client".
So the answer is a small linear model over the post's words and word *classes* (a person noun, a
time anchor, a practice setting, a third-person pronoun, a past-tense verb…), trained by
server/training/train_practice_context.py on a documented corpus and shipped as data in the core
pack (`practice_model` in shared_rules/core/model/). The classes come from vocabularies, so what
the model learnt about "@person_noun" carries over to a noun it never saw in training, and an
organisation that extends a vocabulary extends the model too.

The extension's offline mode runs the same model (extension/src/rules/practice_model.js); the
feature extraction below is specified in shared_rules/SPEC.md and both engines run
shared_rules/vectors/practice_context.json.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

# Words: ASCII letters and digits, with inner apostrophes ("she'd", "o'clock"). Non-ASCII letters
# split words in both engines alike (JavaScript's \w is ASCII too).
_WORD = re.compile(r"[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)*")
_DIGITS = re.compile(r"[0-9]+")
# A sentence or line ends between two words when the gap holds one of these.
_BOUNDARY = re.compile(r"[.!?\n]")
BOUNDARY = "|"
_TWO_CAPITALS = re.compile(r"[A-Z].*[A-Z]")


@dataclass(frozen=True)
class Word:
    text: str  # normalised: lower case, straight apostrophe, digit runs as "0"
    start: int
    end: int


def words(text: str) -> list:
    out = []
    for m in _WORD.finditer(text):
        norm = _DIGITS.sub("0", m.group().lower().replace("\u2019", "'"))
        out.append(Word(norm, m.start(), m.end()))
    return out


def _linear(bias: float, weights: dict, features) -> float:
    """bias + the weights of the features, summed in sorted order from the bias, as the JavaScript
    engine does, so both give the same float."""
    z = bias
    for f in sorted(features):
        z += weights.get(f, 0.0)
    return z


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0


def _past_tense(word: str, irregular: frozenset) -> bool:
    return word in irregular or (len(word) > 4 and word.endswith("ed"))


class PracticeModel:
    """The practice-context model of a rule set: `probability(text)` in [0, 1]."""

    def __init__(self, spec: dict, vocabularies: dict):
        self.version = spec.get("version", "")
        self.threshold = float(spec["threshold"])
        self.bias = float(spec["bias"])
        self.weights = spec["weights"]
        self._classes = {}  # word -> sorted class names
        for name, vocab_ids in sorted(spec["classes"].items()):
            for vocab_id in vocab_ids:
                for term in vocabularies.get(vocab_id, []):
                    term = _DIGITS.sub("0", term.lower().replace("\u2019", "'"))
                    if _WORD.fullmatch(term):  # one-word terms only: the model reads words, not phrases
                        self._classes.setdefault(term, set()).add(name)
        self._classes = {w: tuple(sorted(c)) for w, c in self._classes.items()}
        self._past = frozenset(vocabularies.get(spec.get("past_tense_vocabulary", ""), []))
        self.detail = spec.get("detail")

    def words_with_units(self, text: str) -> list:
        """Each word with the units it stands for: itself and its classes."""
        out = []
        for w in words(text):
            units = [w.text] + ["@" + c for c in self._classes.get(w.text, ())]
            if _past_tense(w.text, self._past):
                units.append("@past")
            if any(ch.isdigit() for ch in w.text):
                units.append("@number")
            out.append((w, units))
        return out

    def units(self, text: str) -> list:
        """Per position, the units of a word; sentence breaks (and both ends) as "|"."""
        seq = [[BOUNDARY]]
        last_end = 0
        for w, units in self.words_with_units(text):
            if seq[-1] != [BOUNDARY] and _BOUNDARY.search(text, last_end, w.start):
                seq.append([BOUNDARY])
            seq.append(units)
            last_end = w.end
        if seq[-1] != [BOUNDARY]:
            seq.append([BOUNDARY])
        return seq

    def features(self, text: str) -> set:
        seq = self.units(text)
        found = set()
        for i, here in enumerate(seq):
            for u in here:
                if u != BOUNDARY:
                    found.add(u)
            if i + 1 < len(seq):
                for u in here:
                    for v in seq[i + 1]:
                        found.add(u + " " + v)
        return found

    def score(self, text: str) -> float:
        return _linear(self.bias, self.weights, self.features(text))

    def probability(self, text: str) -> float:
        return _sigmoid(self.score(text))

    def tells_of_practice(self, text: str) -> bool:
        return self.probability(text) >= self.threshold

    def word_features(self, text: str) -> list:
        """Each word with the features the detail model reads: its units, its neighbours' (as "<u" and
        ">u"; "|" at a sentence break) and its shape ("^cap", "^caps")."""
        seq = self.words_with_units(text)
        out = []
        for i, (w, units) in enumerate(seq):
            before = i == 0 or _BOUNDARY.search(text, seq[i - 1][0].end, w.start) is not None
            after = i + 1 == len(seq) or _BOUNDARY.search(text, w.end, seq[i + 1][0].start) is not None
            feats = set(units)
            feats.update("<" + u for u in ([BOUNDARY] if before else seq[i - 1][1]))
            feats.update(">" + u for u in ([BOUNDARY] if after else seq[i + 1][1]))
            original = text[w.start:w.end]
            if "A" <= original[0] <= "Z":
                feats.add("^cap" if before else "^cap_inside")
            if original.upper() == original and _TWO_CAPITALS.search(original):
                feats.add("^caps")
            out.append((w, feats, before))
        return out

    def detail_probabilities(self, text: str) -> list:
        """(word, probability that it is part of a particular of the story, sentence break before it)."""
        weights, bias = self.detail["weights"], float(self.detail["bias"])
        return [(w, _sigmoid(_linear(bias, weights, feats)), before) for w, feats, before in self.word_features(text)]

    def detail_spans(self, text: str) -> list:
        """(start, end) of each run of adjacent words, within one sentence, that the detail model reads
        as a particular of the story (who, where, when, what happened). Empty without a detail model."""
        if not self.detail:
            return []
        threshold = float(self.detail["threshold"])
        spans = []
        last_flagged = False
        for w, p, before in self.detail_probabilities(text):
            flagged = p >= threshold
            if flagged and last_flagged and not before:
                spans[-1] = (spans[-1][0], w.end)
            elif flagged:
                spans.append((w.start, w.end))
            last_flagged = flagged
        return spans

    def cues(self, text: str, n: int = 3) -> list:
        """(start, end) of the n words that weigh most towards "practice" on their own (the word and its
        classes), in text order: what an explanation can quote."""
        weights = self.weights
        scored = []
        for i, (w, units) in enumerate(self.words_with_units(text)):
            weight = 0.0
            for u in units:
                weight += weights.get(u, 0.0)
            if weight > 0 and not w.text.isdigit():  # "2" alone says nothing to a reader
                scored.append((-weight, i, w))
        best = sorted(scored)[:n]
        return [(w.start, w.end) for _, _, w in sorted(best, key=lambda x: x[1])]


def practice_model_of(rule_set):
    spec = getattr(rule_set, "practice_model", None)
    return PracticeModel(spec, rule_set.vocabularies) if spec else None
