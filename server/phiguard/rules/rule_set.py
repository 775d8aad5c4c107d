"""The in-memory form of one or more merged rule packs."""

from __future__ import annotations

from dataclasses import dataclass, field


class RulePackError(ValueError):
    """A rule pack cannot be used; the message names the file (and line, where known)."""

    def __init__(self, path, message, line=None):
        self.path = str(path)
        self.line = line
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class CompiledRule:
    id: str
    entity: str
    regexes: tuple  # a terms rule has one case-insensitive and one capitals-only regex
    group: int = 0
    validator: str | None = None
    exclude_terms: frozenset = frozenset()
    strength: str = "normal"
    standalone_severity: str | None = None
    explanation: str | None = None
    score: float = 0.85
    implies_context_with: tuple = ()
    source: str = ""
    vectors: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass
class PackInfo:
    name: str
    version: str
    description: str = ""
    path: str = ""


@dataclass
class RuleSet:
    packs: list = field(default_factory=list)
    settings: dict = field(default_factory=dict)
    entities: dict = field(default_factory=dict)
    vocabularies: dict = field(default_factory=dict)
    rules: list = field(default_factory=list)
    allow: frozenset = frozenset()
    severity_overrides: dict = field(default_factory=dict)
    rewrite: dict = field(default_factory=dict)
    practice_model: dict | None = None  # the raw spec; detection/practice_model.py reads it

    def practice(self):
        """The compiled practice-context model, or None when no pack has one (built once)."""
        if "_practice" not in self.__dict__:
            from ..detection.practice_model import practice_model_of  # detection imports rules

            self.__dict__["_practice"] = practice_model_of(self)
        return self.__dict__["_practice"]

    def category(self, entity: str) -> str:
        return self.entities.get(entity, {}).get("category", "quasi")

    def label(self, entity: str) -> str:
        return self.entities.get(entity, {}).get("label", entity.replace("_", " ").capitalize())
