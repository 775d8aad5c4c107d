"""Run compiled rules over a text: the part of detection that the extension repeats in JavaScript."""

from __future__ import annotations

from dataclasses import dataclass

from .rule_set import CompiledRule
from .validators import VALIDATORS


@dataclass(frozen=True)
class RuleMatch:
    start: int  # code points into the text (converted to UTF-16 only at the API edge)
    end: int
    entity: str
    rule: CompiledRule
    outer_start: int = -1  # the whole match (group 0), e.g. "MRN 4459921" around the finding "4459921"
    outer_end: int = -1

    def text(self, source: str) -> str:
        return source[self.start:self.end]


def match_rule(rule: CompiledRule, text: str, allow=frozenset()) -> list[RuleMatch]:
    found = []
    check = VALIDATORS.get(rule.validator) if rule.validator else None
    for regex in rule.regexes:
        for m in regex.finditer(text):
            start, end = m.span(rule.group)
            if start < 0 or start == end:
                continue
            span = text[start:end]
            key = span.strip().lower()
            if key in rule.exclude_terms or key in allow:
                continue
            if check is not None and not check(span):
                continue
            found.append(RuleMatch(start, end, rule.entity, rule, m.start(), m.end()))
    return found


def match_rules(rules, text: str, allow=frozenset()) -> list[RuleMatch]:
    found = []
    for rule in rules:
        found.extend(match_rule(rule, text, allow))
    found.sort(key=lambda m: (m.start, -m.end))
    return found
