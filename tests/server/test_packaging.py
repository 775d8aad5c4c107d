"""Installing PHI Guard is quiet, and the wheel carries every shared rule file."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel_build(tmp_path_factory):
    """Build the wheel with the setuptools backend from a copy of the sources (the checkout stays clean)."""
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, src / name)
    for name in ("server", "shared_rules"):
        shutil.copytree(REPO / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run([sys.executable, "-W", "default", "-c",
                           "import sys; from setuptools import build_meta; build_meta.build_wheel(sys.argv[1])", str(out)],
                          cwd=src, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    [wheel] = out.glob("phiguard-*.whl")
    return wheel, done.stdout + done.stderr


def test_building_the_package_prints_no_warnings(wheel_build):
    # Before: ~250 lines of warnings (project.license as a table; phiguard.shared_rules.* not in packages).
    _, output = wheel_build
    warnings = [line for line in output.splitlines() if "warning" in line.lower()
                and "byte-compiling is disabled" not in line]  # PYTHONDONTWRITEBYTECODE, not the package
    assert warnings == []


def test_the_wheel_carries_every_shared_rule_file(wheel_build):
    wheel, _ = wheel_build
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {"phiguard/shared_rules/" + p.relative_to(REPO / "shared_rules").as_posix()
                for p in (REPO / "shared_rules").rglob("*") if p.is_file() and p.suffix in {".json", ".md"}}
    assert expected - names == set()
    assert any(n.endswith("METADATA") for n in names)
    metadata = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("METADATA"))).decode()
    assert "License-Expression: MIT" in metadata


def test_the_installed_wheel_finds_its_own_rule_pack(wheel_build, tmp_path):
    # Before: core_pack_dir() took str() of importlib.resources' MultiplexedPath (phiguard.shared_rules
    # is a namespace package), missed, and looked beside site-packages: `pip install .` (the README's
    # install, the container) gave a server that exited with "rule pack directory does not exist".
    wheel, _ = wheel_build
    site = tmp_path / "site-packages"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    probe = ("import phiguard, sys; from phiguard.rules import core_pack_dir, load_rule_set;"
             "print(phiguard.__file__); print(core_pack_dir()); print(len(load_rule_set().rules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, cwd=tmp_path,
                          env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-2000:]
    package_file, pack_dir, rules = done.stdout.split()
    assert Path(package_file).is_relative_to(site), "the wheel's copy was imported, not the checkout's"
    assert Path(pack_dir) == site / "phiguard" / "shared_rules" / "core"
    assert int(rules) > 50
