"""One candidate hiding another: an entity's `hides` (shared_rules/SPEC.md, "Entities that hide others").

"call me on 0161 496 0772" is the writer's own number, whatever Presidio's phone recognizer makes of
it; "our Patient Advice and Liaison Service" names no patient. The extension's offline mode does the
same in extension/src/rules/assess_risk.js (visibleMatches)."""

from __future__ import annotations


def _hides(spec: dict, entity: str, category: str) -> bool:
    return entity in spec.get("entities", ()) or category in spec.get("categories", ())


def visible_candidates(candidates, rule_set) -> list:
    """The candidates no overlapping candidate hides, without organisation names: those only hide."""
    hiders = [(c, rule_set.entities[c.entity]["hides"]) for c in candidates
              if "hides" in rule_set.entities.get(c.entity, {})]
    return [c for c in candidates if rule_set.category(c.entity) != "organisation"
            and not any(h is not c and h.start < c.end and c.start < h.end
                        and _hides(spec, c.entity, rule_set.category(c.entity)) for h, spec in hiders)]
