"""Read rule packs from disk, validate them against the schema, merge them and compile their rules.

Any problem stops start-up with a RulePackError that names the file and, where it can, the line:
an organisation's IT admin edits these files by hand.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator

from .rule_set import CompiledRule, PackInfo, RulePackError, RuleSet

_SLOT = re.compile(r"\{@([a-z][a-z0-9_]*)\}")
_FORBIDDEN = [
    (re.compile(r"\(\?P?<[A-Za-z_]"), "named groups are not shared by Python and JavaScript"),
    (re.compile(r"\(\?<[=!]"), "lookbehind is not allowed in shared rules"),
    (re.compile(r"\(\?[aiLmsux-]+[:)]"), "inline flags are not allowed; use ignore_case"),
    (re.compile(r"\\[AZz]"), "\\A, \\Z and \\z differ between Python and JavaScript; use ^ and $"),
    (re.compile(r"\(\?>|[*+?}][+]"), "atomic groups and possessive quantifiers are not allowed"),
    (re.compile(r"\\[1-9]"), "back-references are not allowed"),
    (re.compile(r"\\[pP]\{"), "Unicode property escapes are not allowed"),
    (re.compile(r"\((?:\?:)?(?:\\.|\[[^\]]*\]|[^()\\])[+*]\??\)(?:[+*]|\{\d+,\})"),
     "a repeated group of one repeated item, like (a+)+, risks catastrophic backtracking"),
]
_CAPITALS_ONLY = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[^a-z]*$")


def core_pack_dir() -> Path:
    """The built-in pack: phiguard/shared_rules/core inside an installed wheel, or shared_rules/core in a
    source checkout (an editable install). Found from this file rather than importlib.resources: with no
    __init__.py, phiguard.shared_rules is a namespace package, whose files() is a MultiplexedPath, not a
    path, so an installed wheel looked for the pack beside site-packages and could not start."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "shared_rules" / "core"
    return installed if installed.is_dir() else package.parents[1] / "shared_rules" / "core"


@lru_cache(maxsize=1)
def _schema_validator() -> Draft202012Validator:
    path = core_pack_dir().parent / "schema" / "pack.schema.json"
    return Draft202012Validator(json.loads(path.read_text(encoding="utf-8")))


def _line_of(source: str, needle: str) -> int | None:
    i = source.find(needle)
    return source.count("\n", 0, i) + 1 if i >= 0 else None


def _read_file(path: Path) -> tuple[dict, str]:
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise RulePackError(path, f"cannot read: {e}") from None
    try:
        data = json.loads(source)
    except json.JSONDecodeError as e:
        raise RulePackError(path, f"not valid JSON: {e.msg}", e.lineno) from None
    errors = sorted(_schema_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        where = "/".join(str(p) for p in err.absolute_path) or "(top level)"
        line = None
        node = data
        for part in err.absolute_path:  # point at the nearest object with an id, else the key
            node = node[part]
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                line = _line_of(source, f'"{node["id"]}"') or line
            elif isinstance(part, str):
                line = _line_of(source, f'"{part}"') or line
        raise RulePackError(path, f"{where}: {err.message}", line)
    return data, source


def _pack_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*.json") if p.is_file())


def _expand_slots(pattern: str, vocabularies: dict, case_sensitive: bool, where) -> str:
    def replace(m):
        name = m.group(1)
        if name not in vocabularies:
            raise RulePackError(where[0], f"pattern uses unknown vocabulary {{@{name}}}", where[1])
        return _alternation(vocabularies[name], case_sensitive)

    return _SLOT.sub(replace, pattern)


def _longest_first(terms):
    return sorted(set(terms), key=lambda t: (-len(t), t))


def _term_regex(term: str, case_sensitive: bool) -> str:
    escaped = r"\s+".join(re.escape(part) for part in term.split())
    first = term[0]
    if case_sensitive and first.isalpha() and first.isascii():
        escaped = f"[{first.lower()}{first.upper()}]" + escaped[1:]
    return escaped


def _alternation(terms, case_sensitive: bool) -> str:
    """The terms as one ordered alternation, longest first: what a {@slot} expands to."""
    return "(?:" + "|".join(_term_regex(t, case_sensitive) for t in _longest_first(terms)) + ")"


_SPACE = object()  # the trie's key for a run of spaces between two words of a term
_END = object()  # marks a trie node where a term ends


def _trie_regex(terms, ignore_case: bool) -> str:
    """The terms as a prefix trie written as a regex: matches what _alternation(terms) matches.

    At any position the ordered alternation takes the first term, longest first, that matches; two
    terms that both match there match texts of which one extends the other, and the longer text
    comes from the longer term. The trie takes the same one: from each node at most one branch can
    match the next character (branches are distinct characters, case-folded when ignoring case, or
    one run of spaces), and a term ending at a node is an optional tail, tried longest first. A
    thousand-term alternation costs a try of every term at every word start; the trie, one walk.
    Terms are compared by their words: a term with two spaces in a row is its one-space form.
    ["melanoma", "malignant melanoma", "malaria"] -> (?:m(?:al(?:aria|ignant\\s+melanoma)|elanoma))
    """
    root = {}
    for term in terms:
        node = root
        for i, word in enumerate(term.split()):
            if i:
                node = node.setdefault(_SPACE, {})
            for ch in word:
                key = ch.lower() if ignore_case and ch.isascii() else ch
                node = node.setdefault(key, {})
        node[_END] = True

    def render(node) -> str:
        branches = [(r"\s+" if key is _SPACE else re.escape(key)) + render(child)
                    for key, child in sorted(((k, v) for k, v in node.items() if k is not _END),
                                             key=lambda kv: "" if kv[0] is _SPACE else kv[0])]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if _END in node:
            return body + "?" if len(branches) == 1 and len(body) == 1 else "(?:" + body + ")?"
        return body

    return "(?:" + render(root) + ")"


def lint_pattern(pattern: str) -> str | None:
    """Why a pattern is outside the Python/JavaScript subset, or None."""
    for regex, why in _FORBIDDEN:
        if regex.search(pattern):
            return why
    return None


def _compile(raw: dict, vocabularies: dict, path: Path, source: str) -> CompiledRule:
    where = (path, _line_of(source, f'"{raw["id"]}"'))
    excluded = []
    for name in raw.get("exclude_vocabularies", []):
        if name not in vocabularies:
            raise RulePackError(where[0], f"rule {raw['id']}: unknown vocabulary {name!r} in exclude_vocabularies", where[1])
        excluded += [t.lower() for t in vocabularies[name]]
    if "terms" in raw:
        name = raw["terms"]
        if name not in vocabularies:
            raise RulePackError(where[0], f"rule {raw['id']}: unknown vocabulary {name!r}", where[1])
        caps = [t for t in vocabularies[name] if _CAPITALS_ONLY.match(t)]
        other = [t for t in vocabularies[name] if not _CAPITALS_ONLY.match(t)]
        sources = []
        # (?!\w) rather than a closing \b: a term may end in a non-word character ("u.s.", "Dr.").
        if other:
            sources.append((r"\b" + _trie_regex(other, ignore_case=True) + r"(?!\w)", re.I))
        if caps:
            sources.append((r"\b" + _trie_regex(caps, ignore_case=False) + r"(?!\w)", 0))
    else:
        why = lint_pattern(raw["pattern"])
        if why:
            raise RulePackError(where[0], f"rule {raw['id']}: {why}", where[1])
        ignore_case = raw.get("ignore_case", False)
        expanded = _expand_slots(raw["pattern"], vocabularies, not ignore_case, where)
        sources = [(expanded, re.I if ignore_case else 0)]
    regexes = []
    for pattern, flags in sources:
        try:
            regexes.append(re.compile(pattern, flags | re.ASCII))
        except re.error as e:
            raise RulePackError(where[0], f"rule {raw['id']}: bad regular expression: {e}", where[1]) from None
    group = raw.get("group", 0)
    if any(group > r.groups for r in regexes):
        raise RulePackError(where[0], f"rule {raw['id']}: group {group} does not exist in the pattern", where[1])
    return CompiledRule(
        id=raw["id"], entity=raw["entity"], regexes=tuple(regexes), group=group,
        validator=raw.get("validator"), exclude_terms=frozenset(excluded),
        strength=raw.get("strength", "normal"), standalone_severity=raw.get("standalone_severity"),
        explanation=raw.get("explanation"), score=raw.get("score", 0.85),
        implies_context_with=tuple(raw.get("implies_context_with", ())),
        source=f"{path}", vectors=raw.get("vectors", {}),
    )


def load_rule_set(extra_pack_dirs=()) -> RuleSet:
    """Load the core pack, then each extra pack in order, into one validated, compiled RuleSet."""
    rule_set = RuleSet()
    raw_rules = []  # (raw, path, source): compiled once every vocabulary is known
    hiders = []  # (path, source, entity): checked once every pack's entities are known
    seen_ids = {}
    allow = set()
    for directory in [core_pack_dir(), *map(Path, extra_pack_dirs)]:
        if not directory.is_dir():
            raise RulePackError(directory, "rule pack directory does not exist")
        files = _pack_files(directory)
        info = None
        for path in files:
            data, source = _read_file(path)
            if "pack" in data:
                if info is not None:
                    raise RulePackError(path, f"a second 'pack' header (the first is in {info.path})",
                                        _line_of(source, '"pack"'))
                info = PackInfo(path=str(path), **data["pack"])
            rule_set.settings.update(data.get("settings", {}))
            rule_set.entities.update(data.get("entities", {}))
            hiders += [(path, source, name) for name, entity in data.get("entities", {}).items() if "hides" in entity]
            for vocab in data.get("vocabularies", []):
                rule_set.vocabularies.setdefault(vocab["id"], []).extend(vocab["terms"])
            for raw in data.get("rules", []):
                if raw["id"] in seen_ids:
                    raise RulePackError(path, f"rule id {raw['id']!r} is already used in {seen_ids[raw['id']]}",
                                        _line_of(source, f'"{raw["id"]}"'))
                seen_ids[raw["id"]] = str(path)
                raw_rules.append((raw, path, source))
            allow.update(t.strip().lower() for t in data.get("allow", []))
            rule_set.severity_overrides.update(data.get("severity_overrides", {}))
            rule_set.rewrite.update(data.get("rewrite", {}))
            if "practice_model" in data:
                rule_set.practice_model = data["practice_model"]
        if info is None:
            raise RulePackError(directory, "no file in this pack has a 'pack' header with its name and version")
        rule_set.packs.append(info)
    for path, source, name in hiders:
        # A misspelt name would hide nothing, silently.
        unknown = [e for e in rule_set.entities[name].get("hides", {}).get("entities", []) if e not in rule_set.entities]
        if unknown:
            raise RulePackError(path, f"entity {name}: hides {unknown[0]!r}, which is not defined in any 'entities'",
                                _line_of(source, f'"{name}"'))
    for raw, path, source in raw_rules:
        if raw["entity"] not in rule_set.entities:
            raise RulePackError(path, f"rule {raw['id']}: entity {raw['entity']!r} is not defined in any 'entities'",
                                _line_of(source, f'"{raw["id"]}"'))
        rule_set.rules.append(_compile(raw, rule_set.vocabularies, path, source))
    rule_set.allow = frozenset(allow)
    return rule_set
