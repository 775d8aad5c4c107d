"""deploy/native/: the system-wide native host for IT. Each script registers the host --system for every
browser with arguments `phiguard` accepts, and can take it away again."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from phiguard.cli import build_parser

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
SCRIPTS = [DEPLOY / "native" / "linux" / "install-phiguard-native-host.sh",
           DEPLOY / "native" / "macos" / "install-phiguard-native-host.sh",
           DEPLOY / "native" / "windows" / "Register-PhiGuardNativeHost.ps1"]


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


@pytest.mark.parametrize("script", SCRIPTS[:2], ids=lambda p: p.parent.name)
def test_shell_scripts_parse(script):
    if not shutil.which("sh"):
        pytest.skip("no sh")
    subprocess.run(["sh", "-n", str(script)], check=True)


def test_readme_documents_the_kit():
    text = (DEPLOY / "README.md").read_text(encoding="utf-8")
    for script in SCRIPTS:
        assert script.relative_to(DEPLOY).as_posix() in text
    for path in ("/etc/opt/chrome/native-messaging-hosts", "/usr/lib/mozilla/native-messaging-hosts",
                 "/Library/Google/Chrome/NativeMessagingHosts",
                 "HKEY_LOCAL_MACHINE\\Software\\Google\\Chrome\\NativeMessagingHosts\\org.phiguard.engine"):
        assert path in text
