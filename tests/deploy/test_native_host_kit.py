"""deploy/native/: the system-wide native host for IT. Each script registers the host --system for every
browser with arguments `phiguard` accepts, and can take it away again."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from phiguard.cli import build_parser
from phiguard.register_native_host import AllowedExtensions

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
SHELL_SCRIPT = DEPLOY / "native" / "unix" / "install-phiguard-native-host.sh"  # Linux and macOS
SCRIPTS = [SHELL_SCRIPT, DEPLOY / "native" / "windows" / "Register-PhiGuardNativeHost.ps1"]
# What `uname -s` says on each system the shell script serves, and where it installs there by default.
SYSTEMS = {"Linux": "/opt/phiguard/venv", "Darwin": "/Library/Application Support/PHIGuard/venv"}


def phiguard_commands(text: str) -> list[list[str]]:
    """The arguments after each call of phiguard (the shell's "$@" / PowerShell's @rules stand for --rules DIR)."""
    calls = re.findall(r"(?:bin/phiguard\"|\$Phiguard) ([a-z-]+(?: [-a-z]+)*)", text)
    return [call.split() for call in calls]


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.parent.name)
def test_script_registers_and_unregisters_system_wide(script):
    calls = phiguard_commands(script.read_text(encoding="utf-8"))
    commands = {c[0] for c in calls}
    assert {"install-native-host", "uninstall-native-host", "doctor"} <= commands
    for call in calls:
        args = build_parser().parse_args(call)
        if call[0].endswith("native-host"):
            assert args.system and args.browser == "all"
    rules = build_parser().parse_args(["install-native-host", "--system", "--rules", "/etc/phiguard/rules/x"])
    assert rules.rules == ["/etc/phiguard/rules/x"]


def test_shell_script_parses():
    subprocess.run([shutil.which("sh"), "-n", str(SHELL_SCRIPT)], check=True)


def test_readme_documents_the_kit():
    text = (DEPLOY / "README.md").read_text(encoding="utf-8")
    for script in SCRIPTS:
        assert script.relative_to(DEPLOY).as_posix() in text
    for path in ("/etc/opt/chrome/native-messaging-hosts", "/usr/lib/mozilla/native-messaging-hosts",
                 "/Library/Google/Chrome/NativeMessagingHosts",
                 "HKEY_LOCAL_MACHINE\\Software\\Google\\Chrome\\NativeMessagingHosts\\org.phiguard.engine"):
        assert path in text
    for way in ("--firefox-extension-id", "--chrome-extension-id", "-FirefoxExtensionId", "-ChromeExtensionId",
                "PHIGUARD_FIREFOX_EXTENSION_IDS", "PHIGUARD_CHROME_EXTENSION_IDS"):
        assert way in text
        for script in SCRIPTS[:1] if way.startswith("--") else SCRIPTS[1:] if way.startswith("-") else SCRIPTS:
            assert way in script.read_text(encoding="utf-8"), (way, script.name)


# ---- an organisation's own extension ids, passed through to install-native-host --------------------

NORTHSHIRE_FIREFOX = "phiguard@northshire.nhs.example"
NORTHSHIRE_CHROME = "abcdefghijklmnopabcdefghijklmnop"
OTHER_CHROME = "ponmlkjihgfedcbaponmlkjihgfedcba"
GUID = "{12345678-9abc-def0-1234-56789abcdef0}"
STUB = """#!{python}
import json, os, sys
with open(os.environ["CALLS"], "a", encoding="utf-8") as log:
    log.write(json.dumps([os.path.basename(sys.argv[0])] + sys.argv[1:]) + "\\n")
"""
# python3 -m venv DIR: a venv whose pip and phiguard only write down how they were called.
FAKE_PYTHON = """#!{python}
import json, os, sys
assert sys.argv[1:3] == ["-m", "venv"], sys.argv
with open(os.environ["CALLS"], "a", encoding="utf-8") as log:
    log.write(json.dumps([os.path.basename(sys.argv[0])] + sys.argv[1:]) + "\\n")
if "PHIGUARD_VENV" not in os.environ:
    sys.exit(1)  # the system's own default path: only written down, never made here
bin_dir = os.path.join(sys.argv[3], "bin")
os.makedirs(bin_dir, exist_ok=True)
for name in ("pip", "phiguard"):
    with open(os.path.join(bin_dir, name), "w", encoding="utf-8") as f:
        f.write({stub!r})
    os.chmod(os.path.join(bin_dir, name), 0o755)
"""


def run_script(system: str, tmp_path: Path, *args: str, default_venv: bool = False,
               **environ: str) -> tuple[subprocess.CompletedProcess, list]:
    """Runs the deploy shell script as IT would on `system`, with its venv under tmp_path (a space in
    the path, as on macOS) and nothing on PATH but that system's `uname` and a python3 that makes the
    recording venv: (the run, the calls of python, pip and phiguard)."""
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir(exist_ok=True)
    (fake_bin / "uname").write_text(f"#!/bin/sh\necho {system}\n", encoding="utf-8")
    (fake_bin / "uname").chmod(0o755)
    stub = STUB.format(python=sys.executable)
    for name in ("python3", "python3.11"):
        (fake_bin / name).write_text(FAKE_PYTHON.format(python=sys.executable, stub=stub), encoding="utf-8")
        (fake_bin / name).chmod(0o755)
    calls = tmp_path / "calls.jsonl"
    calls.touch()
    if not default_venv:
        environ.setdefault("PHIGUARD_VENV", str(tmp_path / "Application Support" / "venv"))
    run = subprocess.run([shutil.which("sh"), str(SHELL_SCRIPT), *args], capture_output=True, text=True, timeout=60,
                         env={"PATH": str(fake_bin), "CALLS": str(calls), **environ})
    return run, [json.loads(line) for line in calls.read_text(encoding="utf-8").splitlines()]


def installed_with(calls: list):
    """What install-native-host was asked for, as phiguard itself parses it."""
    [install] = [c[1:] for c in calls if c[0] == "phiguard" and c[1] == "install-native-host"]
    args = build_parser().parse_args(install)
    assert args.system and args.browser == "all"
    return args, AllowedExtensions.given(args.firefox_extension_id or (), args.chrome_extension_id or ())


@pytest.mark.parametrize("system", SYSTEMS)
def test_shell_script_passes_extension_id_options_and_packs_through(system, tmp_path):
    run, calls = run_script(system, tmp_path, "--firefox-extension-id", NORTHSHIRE_FIREFOX,
                            "--chrome-extension-id", NORTHSHIRE_CHROME, "/srv/phiguard wheel",
                            "/etc/phiguard/rules/north shire", f"--chrome-extension-id={OTHER_CHROME}",
                            "--firefox-extension-id=phiguard@phiguard.org")
    assert run.returncode == 0, run.stderr
    assert ["pip", "install", "--quiet", "/srv/phiguard wheel"] in calls
    args, allowed = installed_with(calls)
    assert args.rules == ["/etc/phiguard/rules/north shire"]
    assert allowed.firefox == (NORTHSHIRE_FIREFOX, "phiguard@phiguard.org")
    assert allowed.chrome == (NORTHSHIRE_CHROME, OTHER_CHROME)
    assert calls[-1] == ["phiguard", "doctor", "--no-model"]


@pytest.mark.parametrize("system", SYSTEMS)
def test_shell_script_reads_extension_ids_from_the_environment(system, tmp_path):
    # What an MDM or configuration tool sets when it cannot pass arguments; empty fields are no ids.
    run, calls = run_script(system, tmp_path, "phiguard",
                            PHIGUARD_FIREFOX_EXTENSION_IDS=f" {NORTHSHIRE_FIREFOX},{GUID} ",
                            PHIGUARD_CHROME_EXTENSION_IDS=f"{NORTHSHIRE_CHROME},,{OTHER_CHROME},")
    assert run.returncode == 0, run.stderr
    _, allowed = installed_with(calls)
    assert allowed.firefox == (NORTHSHIRE_FIREFOX, GUID)
    assert allowed.chrome == (NORTHSHIRE_CHROME, OTHER_CHROME)


@pytest.mark.parametrize("system", SYSTEMS)
def test_an_option_wins_over_its_variable_and_without_either_only_phiguards_own_may_start_the_host(system, tmp_path):
    run, calls = run_script(system, tmp_path, "--chrome-extension-id", OTHER_CHROME, "phiguard",
                            PHIGUARD_CHROME_EXTENSION_IDS=NORTHSHIRE_CHROME, PHIGUARD_FIREFOX_EXTENSION_IDS=GUID)
    assert run.returncode == 0, run.stderr
    _, allowed = installed_with(calls)
    assert (allowed.chrome, allowed.firefox) == ((OTHER_CHROME,), (GUID,))
    (tmp_path / "calls.jsonl").unlink()
    run, calls = run_script(system, tmp_path, "phiguard")
    assert run.returncode == 0, run.stderr
    assert installed_with(calls)[1] == AllowedExtensions()


@pytest.mark.parametrize("system", SYSTEMS)
@pytest.mark.parametrize(("args", "says"), [(("phiguard", "--chrome-extension-id"), "needs an id"),
                                            (("--firefox-id", "x@y", "phiguard"), "unknown option --firefox-id"),
                                            ((f"--chrome-extension-id={NORTHSHIRE_CHROME}",), "give the PHI Guard package")])
def test_shell_script_refuses_bad_arguments_before_installing_anything(system, tmp_path, args, says):
    run, calls = run_script(system, tmp_path, *args)
    assert run.returncode == 2 and says in run.stderr
    assert calls == [] and not (tmp_path / "Application Support").exists()


@pytest.mark.parametrize("system", SYSTEMS)
def test_shell_script_installs_where_its_system_keeps_programs_with_a_python_new_enough(system, tmp_path):
    run, calls = run_script(system, tmp_path, "phiguard", default_venv=True)
    # The stand-in python refuses to make the system's own directory, so the run stops there.
    assert run.returncode != 0 and calls[-1][1:] == ["-m", "venv", SYSTEMS[system]]
    # macOS's /usr/bin/python3 is too old for PHI Guard: there the script asks for a versioned one.
    assert calls[-1][0] == ("python3.11" if system == "Darwin" else "python3")


@pytest.mark.parametrize("system", SYSTEMS)
def test_shell_script_uninstalls(system, tmp_path):
    run_script(system, tmp_path, "phiguard")
    run, calls = run_script(system, tmp_path, "--uninstall")
    assert run.returncode == 0, run.stderr
    assert calls[-1] == ["phiguard", "uninstall-native-host", "--system", "--browser", "all"]


def test_powershell_script_passes_extension_ids_through():
    # No PowerShell here to run it: its parameters, their variables and the flags they become, read as text.
    text = SCRIPTS[1].read_text(encoding="utf-8")
    for parameter, variable in (("FirefoxExtensionId", "PHIGUARD_FIREFOX_EXTENSION_IDS"),
                                ("ChromeExtensionId", "PHIGUARD_CHROME_EXTENSION_IDS")):
        assert f"[string[]]${parameter} = @($env:{variable})" in text
        assert f".PARAMETER {parameter}" in text
    flags = dict(re.findall(r"foreach \(\$id in \(\$(\w+) -split '\[ ,\]' \| Where-Object \{ \$_ \}\)\) "
                            r"\{ \$ids \+= @\('(--[a-z-]+)', \$id\) \}", text))
    assert flags == {"FirefoxExtensionId": "--firefox-extension-id", "ChromeExtensionId": "--chrome-extension-id"}
    assert "& $Phiguard install-native-host --system --browser all @rules @ids\n" in text
    args = build_parser().parse_args(["install-native-host", "--system", "--browser", "all",
                                      flags["FirefoxExtensionId"], NORTHSHIRE_FIREFOX,
                                      flags["ChromeExtensionId"], NORTHSHIRE_CHROME])
    assert (args.firefox_extension_id, args.chrome_extension_id) == ([NORTHSHIRE_FIREFOX], [NORTHSHIRE_CHROME])
