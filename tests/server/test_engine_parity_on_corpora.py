"""Both engines' rule paths agree on every corpus post: risk, spans, types and severities.

The shared vectors pin chosen cases; this pins the thousands of real-looking posts in tests/corpus
(and the team's dev corpora when present), where a difference between the Python and the
JavaScript implementations of the practice model, the scopes or a rule would first show.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from phiguard.detection.rule_only import analyze_with_rules

ROOT = Path(__file__).resolve().parents[2]
HELPER = ROOT / "tests" / "extension" / "helpers" / "analyze_texts.mjs"
CORPORA = sorted((ROOT / "tests" / "corpus").glob("*_*.txt")) + sorted((ROOT.parent / "shared" / "eval").glob("dev*_*.txt"))


def _posts(path: Path) -> list:
    lines = path.read_text(encoding="utf-8").splitlines()
    if path.stem.endswith("_phi"):
        return [line[len("text: "):].replace("\\n", "\n") for line in lines if line.startswith("text: ")]
    return [line.replace("\\n", "\n") for line in lines if line.strip() and not line.startswith("#")]


def _utf16(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


@pytest.fixture(scope="module")
def texts():
    found = [t for path in CORPORA for t in _posts(path)]
    assert len(found) > 1500, "the corpora were not found"
    return found


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node for the extension's engine")
def test_javascript_rule_path_gives_what_python_gives(rule_set, texts, tmp_path):
    src, out = tmp_path / "texts.json", tmp_path / "results.json"
    src.write_text(json.dumps(texts), encoding="utf-8")
    subprocess.run(["node", str(HELPER), str(src), str(out)], check=True, timeout=600)
    js = json.loads(out.read_text(encoding="utf-8"))
    differ = []
    for text, (risk, findings) in zip(texts, js):
        a = analyze_with_rules(text, rule_set)
        python = [[_utf16(text, f.start), _utf16(text, f.end), f.entity, f.severity] for f in a.findings]
        if a.risk != risk or python != findings:
            differ.append(text[:80])
    assert not differ, f"{len(differ)} of {len(texts)} posts differ, e.g. {differ[:3]}"
