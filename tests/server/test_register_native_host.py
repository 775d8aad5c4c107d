"""install-native-host / uninstall-native-host write and remove exactly the documented files; the macOS
and Windows locations (and Windows registry keys) are checked as data; doctor reads what was written."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import struct
import subprocess
import sys
from pathlib import Path, PureWindowsPath

import pytest
from phiguard.cli import main
from phiguard.doctor import check_registration, describe, diagnose, exit_status, pick_transport
from phiguard.register_native_host import (
    CHROME_EXTENSION_ID,
    CHROME_ORIGIN,
    GECKO_ID,
    install,
    launcher_text,
    manifest_json,
    registrations,
    uninstall,
)

REPO = Path(__file__).resolve().parents[2]

# The documented Linux files (README.md, "Register the native host"), relative to HOME.
LINUX_USER_FILES = {
    ".config/google-chrome/NativeMessagingHosts/org.phiguard.engine.json",
    ".config/google-chrome/NativeMessagingHosts/phiguard-native-host",
    ".config/chromium/NativeMessagingHosts/org.phiguard.engine.json",
    ".config/chromium/NativeMessagingHosts/phiguard-native-host",
    ".config/microsoft-edge/NativeMessagingHosts/org.phiguard.engine.json",
    ".config/microsoft-edge/NativeMessagingHosts/phiguard-native-host",
    ".mozilla/native-messaging-hosts/org.phiguard.engine.json",
    ".mozilla/native-messaging-hosts/phiguard-native-host",
}


@pytest.fixture()
def home(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    return home


def files_under(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_the_ids_are_the_extensions():
    key = json.loads((REPO / "extension" / "chrome_key.json").read_text(encoding="utf-8"))["key"]
    digest = hashlib.sha256(base64.b64decode(key)).hexdigest()[:32]
    assert "".join("abcdefghijklmnop"[int(c, 16)] for c in digest) == CHROME_EXTENSION_ID
    assert f"chrome-extension://{CHROME_EXTENSION_ID}/" == CHROME_ORIGIN
    manifest = json.loads((REPO / "extension" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["browser_specific_settings"]["gecko"]["id"] == GECKO_ID


@pytest.mark.skipif(sys.platform != "linux", reason="Linux locations")
def test_install_writes_exactly_the_documented_files_and_uninstall_removes_them(home, capsys):
    assert main(["install-native-host"]) == 0
    assert files_under(home) == LINUX_USER_FILES
    out = capsys.readouterr().out
    assert "phiguard doctor" in out
    for browser_dir in (".config/google-chrome/NativeMessagingHosts", ".mozilla/native-messaging-hosts"):
        manifest = json.loads((home / browser_dir / "org.phiguard.engine.json").read_text(encoding="utf-8"))
        launcher = home / browser_dir / "phiguard-native-host"
        assert manifest["name"] == "org.phiguard.engine" and manifest["type"] == "stdio"
        assert manifest["path"] == str(launcher) and os.path.isabs(manifest["path"])
        assert os.access(launcher, os.X_OK)
        assert f"{sys.executable} -m phiguard native-host" in launcher.read_text(encoding="utf-8")
    chrome = json.loads((home / ".config/google-chrome/NativeMessagingHosts/org.phiguard.engine.json").read_text())
    firefox = json.loads((home / ".mozilla/native-messaging-hosts/org.phiguard.engine.json").read_text())
    assert chrome["allowed_origins"] == ["chrome-extension://gfndljdmplkkpabcdkanfdchleockfhp/"]
    assert "allowed_extensions" not in chrome
    assert firefox["allowed_extensions"] == ["phiguard@phiguard.org"] and "allowed_origins" not in firefox
    (home / "unrelated.txt").write_text("mine")
    assert main(["uninstall-native-host"]) == 0
    assert files_under(home) == {"unrelated.txt"}
    assert main(["uninstall-native-host"]) == 0  # nothing left to remove is fine


@pytest.mark.skipif(sys.platform != "linux", reason="Linux locations")
def test_one_browser_only(home):
    assert main(["install-native-host", "--browser", "firefox"]) == 0
    assert files_under(home) == {f for f in LINUX_USER_FILES if f.startswith(".mozilla")}
    assert main(["uninstall-native-host", "--browser", "chrome"]) == 0
    assert files_under(home) == {f for f in LINUX_USER_FILES if f.startswith(".mozilla")}


@pytest.mark.skipif(sys.platform != "linux", reason="Linux locations")
def test_dry_run_prints_and_writes_nothing(home, capsys):
    assert main(["install-native-host", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert files_under(home) == set()
    for path in LINUX_USER_FILES:
        assert f"would write {home / path}" in out
    assert '"allowed_origins"' in out and '"allowed_extensions"' in out
    main(["install-native-host"])
    capsys.readouterr()
    assert main(["uninstall-native-host", "--dry-run"]) == 0
    assert files_under(home) == LINUX_USER_FILES
    assert capsys.readouterr().out.count("would remove") == len(LINUX_USER_FILES)


@pytest.mark.skipif(sys.platform != "linux", reason="Linux locations")
def test_xdg_config_home_is_where_chrome_looks(home, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    [reg] = registrations(["chromium"])
    assert reg.manifest == tmp_path / "xdg" / "chromium" / "NativeMessagingHosts" / "org.phiguard.engine.json"


def test_linux_system_locations_are_the_browsers():
    regs = {r.browser: r for r in registrations(scope="system", platform="linux", environ={}, home="/home/u")}
    assert {b: str(r.manifest) for b, r in regs.items()} == {
        "chrome": "/etc/opt/chrome/native-messaging-hosts/org.phiguard.engine.json",
        "chromium": "/etc/chromium/native-messaging-hosts/org.phiguard.engine.json",
        "edge": "/etc/opt/edge/native-messaging-hosts/org.phiguard.engine.json",
        "firefox": "/usr/lib/mozilla/native-messaging-hosts/org.phiguard.engine.json",
    }
    assert all(r.registry_key is None for r in regs.values())


@pytest.mark.parametrize("scope,expected", [
    ("user", {
        "chrome": "/Users/u/Library/Application Support/Google/Chrome/NativeMessagingHosts",
        "chromium": "/Users/u/Library/Application Support/Chromium/NativeMessagingHosts",
        "edge": "/Users/u/Library/Application Support/Microsoft Edge/NativeMessagingHosts",
        "firefox": "/Users/u/Library/Application Support/Mozilla/NativeMessagingHosts"}),
    ("system", {
        "chrome": "/Library/Google/Chrome/NativeMessagingHosts",
        "chromium": "/Library/Application Support/Chromium/NativeMessagingHosts",
        "edge": "/Library/Microsoft/Edge/NativeMessagingHosts",
        "firefox": "/Library/Application Support/Mozilla/NativeMessagingHosts"}),
])
def test_macos_locations(scope, expected):
    regs = registrations(scope=scope, platform="darwin", environ={}, home="/Users/u")
    assert {r.browser: str(r.manifest.parent) for r in regs} == expected
    assert all(r.manifest.name == "org.phiguard.engine.json" and r.launcher.name == "phiguard-native-host"
               and r.registry_key is None for r in regs)


WINDOWS_ENV = {"LOCALAPPDATA": "C:\\Users\\u\\AppData\\Local", "ProgramFiles": "C:\\Program Files"}


@pytest.mark.parametrize("scope,root,folder", [
    ("user", "HKEY_CURRENT_USER", "C:\\Users\\u\\AppData\\Local\\PHI Guard\\NativeMessagingHosts"),
    ("system", "HKEY_LOCAL_MACHINE", "C:\\Program Files\\PHI Guard\\NativeMessagingHosts"),
])
def test_windows_registry_keys_and_files(scope, root, folder):
    regs = {r.browser: r for r in registrations(scope=scope, platform="win32", environ=WINDOWS_ENV, home="C:\\Users\\u")}
    assert {b: r.registry_key for b, r in regs.items()} == {
        "chrome": f"{root}\\Software\\Google\\Chrome\\NativeMessagingHosts\\org.phiguard.engine",
        "chromium": f"{root}\\Software\\Chromium\\NativeMessagingHosts\\org.phiguard.engine",
        "edge": f"{root}\\Software\\Microsoft\\Edge\\NativeMessagingHosts\\org.phiguard.engine",
        "firefox": f"{root}\\Software\\Mozilla\\NativeMessagingHosts\\org.phiguard.engine",
    }
    for browser, reg in regs.items():
        assert reg.manifest == PureWindowsPath(folder, browser, "org.phiguard.engine.json")
        assert reg.launcher == PureWindowsPath(folder, browser, "phiguard-native-host.bat")


class FakeRegistry:
    def __init__(self):
        self.values = {}

    def get(self, key):
        return self.values.get(key)

    def set(self, key, value):
        self.values[key] = value

    def delete(self, key):
        return self.values.pop(key, None) is not None


def test_windows_install_sets_the_registry_and_a_batch_launcher(tmp_path):
    import io

    regs = registrations(scope="user", platform="win32", environ=WINDOWS_ENV, home="C:\\Users\\u")
    registry, out = FakeRegistry(), io.StringIO()
    assert install(regs, "C:\\Program Files\\PHI Guard\\venv\\Scripts\\python.exe", dry_run=True, out=out,
                   registry=registry) == 0
    assert registry.values == {}  # a dry run changes nothing
    assert "would set HKEY_CURRENT_USER\\Software\\Google\\Chrome\\NativeMessagingHosts\\org.phiguard.engine" in out.getvalue()
    bat = launcher_text(regs[0], "C:\\Program Files\\PHI Guard\\venv\\Scripts\\python.exe")
    assert bat.startswith("@echo off\r\n")
    assert '"C:\\Program Files\\PHI Guard\\venv\\Scripts\\python.exe" -m phiguard native-host %*' in bat
    manifest = manifest_json(regs[0])
    assert manifest["path"] == "C:\\Users\\u\\AppData\\Local\\PHI Guard\\NativeMessagingHosts\\chrome\\phiguard-native-host.bat"
    registry.values = {r.registry_key: str(r.manifest) for r in regs}
    assert uninstall(regs, out=io.StringIO(), registry=registry) == 0
    assert registry.values == {}


def test_install_passes_settings_on_to_the_host(home, tmp_path):
    config = tmp_path / "phiguard.toml"
    config.write_text('enforcement = "block"\n')
    assert main(["install-native-host", "--browser", "chromium", "--config", str(config)]) == 0
    launcher = next(home.rglob("phiguard-native-host")).read_text()
    assert f"native-host --config {config}" in launcher


ORG_GECKO_ID = "phiguard@northshire.nhs.example"
ORG_GECKO_GUID = "{6a1c37b2-9d4e-4f10-8c3b-0e2f5a7d9b41}"
ORG_CHROME_ID = "abcdefghijklmnopabcdefghijklmnop"


@pytest.mark.skipif(sys.platform != "linux", reason="Linux locations")
def test_an_organisation_allows_its_own_builds_ids(home):
    assert main(["install-native-host", "--firefox-extension-id", ORG_GECKO_ID, "--firefox-extension-id", ORG_GECKO_GUID,
                 "--chrome-extension-id", ORG_CHROME_ID]) == 0
    firefox = json.loads((home / ".mozilla/native-messaging-hosts/org.phiguard.engine.json").read_text())
    assert firefox["allowed_extensions"] == [ORG_GECKO_ID, ORG_GECKO_GUID]
    for browser_dir in (".config/google-chrome", ".config/chromium", ".config/microsoft-edge"):
        chrome = json.loads((home / browser_dir / "NativeMessagingHosts/org.phiguard.engine.json").read_text())
        assert chrome["allowed_origins"] == [f"chrome-extension://{ORG_CHROME_ID}/"]


@pytest.mark.skipif(sys.platform != "linux", reason="Linux locations")
def test_one_browsers_ids_leave_the_others_default_and_phiguards_own_can_be_kept(home):
    assert main(["install-native-host", "--firefox-extension-id", ORG_GECKO_ID, "--firefox-extension-id", GECKO_ID,
                 "--firefox-extension-id", ORG_GECKO_ID]) == 0
    firefox = json.loads((home / ".mozilla/native-messaging-hosts/org.phiguard.engine.json").read_text())
    assert firefox["allowed_extensions"] == [ORG_GECKO_ID, GECKO_ID]  # in order, once each
    chrome = json.loads((home / ".config/google-chrome/NativeMessagingHosts/org.phiguard.engine.json").read_text())
    assert chrome["allowed_origins"] == [CHROME_ORIGIN]


@pytest.mark.parametrize("flag, bad", [
    ("--firefox-extension-id", "northshire.nhs.example"),  # no @
    ("--firefox-extension-id", "{6a1c37b2-9d4e}"),
    ("--firefox-extension-id", "a b@example.org"),
    ("--chrome-extension-id", "abcdefghijklmnopabcdefghijklmnoq"),  # q is not a Chrome id letter
    ("--chrome-extension-id", "abcdefghijklmnop"),
])
def test_an_id_of_the_wrong_shape_is_refused_and_nothing_written(home, capsys, flag, bad):
    assert main(["install-native-host", flag, bad]) == 2
    assert bad in capsys.readouterr().err
    assert files_under(home) == set()


def test_the_dry_run_shows_the_ids(home, capsys):
    assert main(["install-native-host", "--dry-run", "--browser", "firefox", "--firefox-extension-id", ORG_GECKO_ID]) == 0
    out = capsys.readouterr().out
    assert ORG_GECKO_ID in out and GECKO_ID not in out


@pytest.mark.skipif(sys.platform != "linux", reason="Linux locations")
def test_doctor_accepts_an_organisations_ids_and_names_them(home, capsys):
    [reg] = registrations(["firefox"])
    main(["install-native-host", "--browser", "firefox", "--firefox-extension-id", ORG_GECKO_ID])
    found = check_registration(reg, probe=False)
    assert found["problems"] == [] and found["allowed"] == [ORG_GECKO_ID]
    capsys.readouterr()
    main(["doctor", "--no-model"])
    assert f"for your own build: {ORG_GECKO_ID}" in capsys.readouterr().out
    manifest = json.loads(Path(reg.manifest).read_text())
    Path(reg.manifest).write_text(json.dumps({**manifest, "allowed_extensions": []}))
    assert check_registration(reg, probe=False)["problems"] == ["the manifest allows no extension to start the host"]


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="runs the Linux launcher")
def test_the_registered_launcher_runs_the_host(home):
    assert main(["install-native-host", "--browser", "chrome"]) == 0
    manifest = json.loads(next(home.rglob("org.phiguard.engine.json")).read_text())
    request = json.dumps({"id": 1, "op": "health"}).encode()
    done = subprocess.run([manifest["path"], CHROME_ORIGIN], input=struct.pack("=I", len(request)) + request,
                          capture_output=True, timeout=60)
    assert done.returncode == 0
    (length,) = struct.unpack("=I", done.stdout[:4])
    assert json.loads(done.stdout[4:4 + length])["result"]["status"] == "ok"


# ---- doctor --------------------------------------------------------------------------------

@pytest.mark.skipif(sys.platform != "linux", reason="Linux locations")
def test_doctor_sees_the_registration_and_its_problems(home):
    [reg] = registrations(["firefox"])
    assert check_registration(reg)["registered"] is False
    main(["install-native-host", "--browser", "firefox"])
    assert check_registration(reg, probe=False) == {
        "browser": "firefox", "scope": "user", "manifest": str(reg.manifest), "registered": True, "problems": [],
        "launcher": str(reg.launcher)}
    Path(reg.launcher).unlink()
    assert "missing or not executable" in check_registration(reg, probe=False)["problems"][0]


@pytest.mark.skipif(sys.platform != "linux", reason="Linux locations")
def test_doctor_reports_in_lines_and_json(home, capsys):
    main(["install-native-host", "--browser", "chrome"])
    capsys.readouterr()
    assert main(["doctor", "--no-model"]) == 0
    out = capsys.readouterr().out
    assert "chrome    per user  registered" in out and "firefox   per user  not registered" in out
    assert "chrome    the native host" in out
    assert main(["doctor", "--no-model", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["transport"]["chrome"]["transport"] == "native"
    assert {r["browser"] for r in report["native_host"] if r["registered"]} == {"chrome"}


@pytest.mark.slow
def test_doctor_says_whether_the_model_loads(home):
    from phiguard.config import DEFAULTS

    report = diagnose({**DEFAULTS}, probe=False)
    assert report["model"]["loads"] and "core_web_sm" in report["model"]["model"]
    assert "Model: en_core_web_sm" in describe(report)
    broken = diagnose({**DEFAULTS, "SPACY_MODEL": "en_core_web_nonexistent"}, probe=False)
    assert broken["model"]["loads"] is False and "en_core_web_nonexistent" in broken["model"]["error"]
    assert exit_status(broken) == 1


@pytest.mark.parametrize("managed,native,http,expected", [
    ({"serverUrl": "https://phiguard.example.org/"}, True, True, "server"),
    ({"serverUrl": "http://phiguard.example.org"}, True, True, "native"),  # refused by the extension too
    ({}, True, True, "native"),
    ({}, False, True, "http"),
    ({}, False, False, "limited"),
    ({"offlineFallback": False}, False, False, "none"),
    ({"transport": "native"}, False, True, "limited"),
    ({"transport": "native", "serverUrl": "https://phiguard.example.org"}, True, True, "native"),
    ({"transport": "http"}, True, True, "http"),
    ({"transport": "http", "serverUrl": "https://phiguard.example.org"}, True, True, "server"),
])
def test_the_transport_the_extension_would_pick(managed, native, http, expected):
    assert pick_transport(managed, native, http)["transport"] == expected


def test_doctor_reads_the_managed_settings_of_the_deployment_kit(tmp_path):
    import shutil

    from phiguard.doctor import managed_settings

    chrome_dir = tmp_path / "etc/opt/chrome/policies/managed"
    chrome_dir.mkdir(parents=True)
    shutil.copy(REPO / "deploy/chrome/linux/phiguard.json", chrome_dir / "phiguard.json")
    firefox = tmp_path / "etc/firefox/policies"
    firefox.mkdir(parents=True)
    shutil.copy(REPO / "deploy/firefox/policies.json", firefox / "policies.json")
    assert managed_settings("chrome", "linux", str(tmp_path))["serverUrl"] == "https://phiguard.example.org"
    assert managed_settings("firefox", "linux", str(tmp_path))["serverUrl"] == "https://phiguard.example.org"
    assert managed_settings("edge", "linux", str(tmp_path)) == {}
    assert pick_transport(managed_settings("chrome", "linux", str(tmp_path)), True, True)["transport"] == "server"
