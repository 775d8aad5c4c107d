"""`phiguard install-native-host` / `uninstall-native-host`: tell each browser where PHI Guard's native
host is. A browser finds a host by name, org.phiguard.engine, through a JSON manifest in a directory it
knows (Linux, macOS) or a registry key naming the manifest (Windows). The manifest names a launcher, an
executable that starts this environment's Python with `-m phiguard native-host` (browsers run a
program, not a command line), and the extensions allowed to start it (PHI Guard's own, or an
organisation's builds of it).

Where each browser looks is data (LOCATIONS, REGISTRY_KEYS), so every platform's table can be tested
anywhere; winreg is used only on Windows.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import stat
import sys
from dataclasses import dataclass
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath

from .native_host import HOST_NAME

# Chrome and Edge: the id fixed by extension/chrome_key.json (deploy/tools/extension_id.py prints it).
CHROME_EXTENSION_ID = "gfndljdmplkkpabcdkanfdchleockfhp"
CHROME_ORIGIN = f"chrome-extension://{CHROME_EXTENSION_ID}/"
# Firefox: browser_specific_settings.gecko.id in extension/manifest.json.
GECKO_ID = "phiguard@phiguard.org"
# What an organisation's own build may use instead (extension/build.mjs --gecko-id, --no-chrome-key):
# a Firefox add-on id is name@domain or a {GUID}, as build.mjs checks; a Chrome id is 32 letters a-p.
_GECKO_ID_SHAPE = re.compile(r"(?:\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}"
                             r"|[A-Za-z0-9._-]*@[A-Za-z0-9._-]+)")
_CHROME_ID_SHAPE = re.compile(r"[a-p]{32}")
BROWSERS = ("chrome", "chromium", "edge", "firefox")
SCOPES = ("user", "system")
DESCRIPTION = "PHI Guard: checks posts for client-identifying detail on this computer"

# Directories holding the manifests, by platform, browser and scope. {config} is $XDG_CONFIG_HOME
# (~/.config by default), as Chrome, Chromium and Edge use it on Linux.
LOCATIONS = {
    "linux": {
        ("chrome", "user"): "{config}/google-chrome/NativeMessagingHosts",
        ("chromium", "user"): "{config}/chromium/NativeMessagingHosts",
        ("edge", "user"): "{config}/microsoft-edge/NativeMessagingHosts",
        ("firefox", "user"): "{home}/.mozilla/native-messaging-hosts",
        ("chrome", "system"): "/etc/opt/chrome/native-messaging-hosts",
        ("chromium", "system"): "/etc/chromium/native-messaging-hosts",
        ("edge", "system"): "/etc/opt/edge/native-messaging-hosts",
        ("firefox", "system"): "/usr/lib/mozilla/native-messaging-hosts",
    },
    "darwin": {
        ("chrome", "user"): "{home}/Library/Application Support/Google/Chrome/NativeMessagingHosts",
        ("chromium", "user"): "{home}/Library/Application Support/Chromium/NativeMessagingHosts",
        ("edge", "user"): "{home}/Library/Application Support/Microsoft Edge/NativeMessagingHosts",
        ("firefox", "user"): "{home}/Library/Application Support/Mozilla/NativeMessagingHosts",
        ("chrome", "system"): "/Library/Google/Chrome/NativeMessagingHosts",
        ("chromium", "system"): "/Library/Application Support/Chromium/NativeMessagingHosts",
        ("edge", "system"): "/Library/Microsoft/Edge/NativeMessagingHosts",
        ("firefox", "system"): "/Library/Application Support/Mozilla/NativeMessagingHosts",
    },
    # On Windows the manifest may be anywhere: the registry key names it. One folder per browser, as
    # Chrome's manifest (allowed_origins) and Firefox's (allowed_extensions) differ.
    "win32": {
        **{(b, "user"): "{localappdata}\\PHI Guard\\NativeMessagingHosts\\" + b for b in BROWSERS},
        **{(b, "system"): "{programfiles}\\PHI Guard\\NativeMessagingHosts\\" + b for b in BROWSERS},
    },
}
REGISTRY_ROOTS = {"user": "HKEY_CURRENT_USER", "system": "HKEY_LOCAL_MACHINE"}
REGISTRY_KEYS = {
    "chrome": "Software\\Google\\Chrome\\NativeMessagingHosts",
    "chromium": "Software\\Chromium\\NativeMessagingHosts",
    "edge": "Software\\Microsoft\\Edge\\NativeMessagingHosts",
    "firefox": "Software\\Mozilla\\NativeMessagingHosts",
}
LAUNCHER_NAMES = {"linux": "phiguard-native-host", "darwin": "phiguard-native-host",
                  "win32": "phiguard-native-host.bat"}


def platform_key(platform: str = sys.platform) -> str:
    return "win32" if platform.startswith(("win", "cygwin")) else "darwin" if platform == "darwin" else "linux"


@dataclass(frozen=True)
class Registration:
    browser: str
    scope: str
    platform: str
    manifest: PurePath
    launcher: PurePath
    registry_key: str | None  # "HKEY_CURRENT_USER\\Software\\...\\org.phiguard.engine" on Windows

    @property
    def is_firefox(self) -> bool:
        return self.browser == "firefox"


def registrations(browsers=BROWSERS, scope: str = "user", platform: str = sys.platform, environ=None,
                  home: str | None = None) -> list[Registration]:
    """Where each browser's manifest and launcher go, for this (or another) platform."""
    environ = os.environ if environ is None else environ
    key = platform_key(platform)
    pure = PureWindowsPath if key == "win32" else PurePosixPath
    home = home or environ.get("HOME") or environ.get("USERPROFILE") or str(Path.home())
    values = {"home": home, "config": environ.get("XDG_CONFIG_HOME") or f"{home}/.config",
              "localappdata": environ.get("LOCALAPPDATA") or f"{home}\\AppData\\Local",
              "programfiles": environ.get("ProgramFiles") or environ.get("PROGRAMFILES") or "C:\\Program Files"}
    out = []
    for browser in browsers:
        directory = pure(LOCATIONS[key][(browser, scope)].format(**values))
        registry = f"{REGISTRY_ROOTS[scope]}\\{REGISTRY_KEYS[browser]}\\{HOST_NAME}" if key == "win32" else None
        out.append(Registration(browser, scope, key, directory / f"{HOST_NAME}.json",
                                directory / LAUNCHER_NAMES[key], registry))
    return out


@dataclass(frozen=True)
class AllowedExtensions:
    """The extensions a manifest lets start the host: PHI Guard's own unless an organisation names its builds'."""

    firefox: tuple = (GECKO_ID,)
    chrome: tuple = (CHROME_EXTENSION_ID,)

    @classmethod
    def given(cls, firefox=(), chrome=()) -> AllowedExtensions:
        """The ids given on the command line (each list replacing PHI Guard's own), in order, once each;
        ValueError names the first id of the wrong shape."""
        for ids, shape, what in ((firefox, _GECKO_ID_SHAPE, "a Firefox add-on id is name@domain or a {GUID}"),
                                 (chrome, _CHROME_ID_SHAPE, "a Chrome extension id is 32 letters a to p")):
            for extension_id in ids:
                if not shape.fullmatch(extension_id):
                    raise ValueError(f"{extension_id!r}: {what}")
        return cls(tuple(dict.fromkeys(firefox)) or cls.firefox, tuple(dict.fromkeys(chrome)) or cls.chrome)

    def for_manifest(self, reg: Registration) -> dict:
        if reg.is_firefox:
            return {"allowed_extensions": list(self.firefox)}
        return {"allowed_origins": [f"chrome-extension://{i}/" for i in self.chrome]}


def manifest_json(reg: Registration, allowed: AllowedExtensions = AllowedExtensions()) -> dict:
    return {"name": HOST_NAME, "description": DESCRIPTION, "path": str(reg.launcher), "type": "stdio",
            **allowed.for_manifest(reg)}


def launcher_text(reg: Registration, python: str, extra_args=()) -> str:
    """A script that runs `python -m phiguard native-host`, passing on what the browser adds (the caller's
    origin; on Windows --parent-window=)."""
    args = ["-m", "phiguard", "native-host", *extra_args]
    if reg.platform == "win32":
        quoted = " ".join(f'"{a}"' if (" " in a or not a) else a for a in [python, *args])
        return f"@echo off\r\nrem PHI Guard's native messaging host for {reg.browser}, written by phiguard install-native-host\r\n{quoted} %*\r\n"
    command = " ".join(shlex.quote(a) for a in [python, *args])
    return f'#!/bin/sh\n# PHI Guard\'s native messaging host for {reg.browser}, written by phiguard install-native-host\nexec {command} "$@"\n'


class WindowsRegistry:
    """The registry's default values of keys under HKCU and HKLM (winreg exists only on Windows)."""

    def _split(self, key: str):
        import winreg

        root, _, sub = key.partition("\\")
        return {"HKEY_CURRENT_USER": winreg.HKEY_CURRENT_USER, "HKEY_LOCAL_MACHINE": winreg.HKEY_LOCAL_MACHINE}[root], sub

    def get(self, key: str) -> str | None:
        import winreg

        root, sub = self._split(key)
        try:
            with winreg.OpenKey(root, sub) as handle:
                return winreg.QueryValueEx(handle, "")[0]
        except OSError:
            return None

    def set(self, key: str, value: str) -> None:
        import winreg

        root, sub = self._split(key)
        with winreg.CreateKeyEx(root, sub, 0, winreg.KEY_SET_VALUE) as handle:
            winreg.SetValueEx(handle, "", 0, winreg.REG_SZ, value)

    def delete(self, key: str) -> bool:
        import winreg

        root, sub = self._split(key)
        try:
            winreg.DeleteKey(root, sub)
            return True
        except FileNotFoundError:
            return False


def default_registry():
    return WindowsRegistry() if platform_key() == "win32" else None


def install(regs, python: str, extra_args=(), dry_run: bool = False, out=None, registry=None,
            allowed: AllowedExtensions = AllowedExtensions()) -> int:
    out = out or sys.stdout
    registry = registry if registry is not None else default_registry()
    for reg in regs:
        manifest = json.dumps(manifest_json(reg, allowed), indent=2) + "\n"
        launcher = launcher_text(reg, python, extra_args)
        if dry_run:
            print(f"would write {reg.manifest}:\n{_indent(manifest)}", file=out)
            print(f"would write {reg.launcher} (executable):\n{_indent(launcher)}", file=out)
            if reg.registry_key:
                print(f"would set {reg.registry_key} (default value) = {reg.manifest}", file=out)
            continue
        try:
            path = Path(reg.manifest)
            path.parent.mkdir(parents=True, exist_ok=True)
            Path(reg.launcher).write_text(launcher, encoding="utf-8", newline="")
            Path(reg.launcher).chmod(0o755)
            path.write_text(manifest, encoding="utf-8")
            path.chmod(0o644)
            if reg.registry_key:
                registry.set(reg.registry_key, str(reg.manifest))
        except OSError as e:
            hint = " (system-wide registration needs an administrator: sudo, or an elevated prompt)" \
                if reg.scope == "system" else ""
            print(f"phiguard: cannot register the native host for {reg.browser}: {e.strerror or e}{hint}",
                  file=sys.stderr)
            return 1
        print(f"{reg.browser}: wrote {reg.manifest}", file=out)
        print(f"{reg.browser}: wrote {reg.launcher}", file=out)
        if reg.registry_key:
            print(f"{reg.browser}: set {reg.registry_key} = {reg.manifest}", file=out)
    return 0


def uninstall(regs, dry_run: bool = False, out=None, registry=None) -> int:
    out = out or sys.stdout
    registry = registry if registry is not None else default_registry()
    for reg in regs:
        for path in (Path(reg.manifest), Path(reg.launcher)):
            if not path.exists():
                continue
            if dry_run:
                print(f"would remove {path}", file=out)
                continue
            try:
                path.unlink()
            except OSError as e:
                print(f"phiguard: cannot remove {path}: {e.strerror or e}", file=sys.stderr)
                return 1
            print(f"{reg.browser}: removed {path}", file=out)
        if reg.registry_key and registry is not None:
            if dry_run:
                if registry.get(reg.registry_key) is not None:
                    print(f"would delete {reg.registry_key}", file=out)
            elif registry.delete(reg.registry_key):
                print(f"{reg.browser}: deleted {reg.registry_key}", file=out)
    return 0


def _indent(text: str) -> str:
    return "".join(f"    {line}\n" for line in text.rstrip("\r\n").replace("\r\n", "\n").split("\n"))


def launcher_args(args) -> list[str]:
    """Settings given to install-native-host that the host must get too: the browser starts it with none."""
    extra = []
    if getattr(args, "config", None):
        extra += ["--config", str(Path(args.config).resolve())]
    for pack in getattr(args, "rules", None) or []:
        extra += ["--rules", str(Path(pack).resolve())]
    if getattr(args, "model", None):
        model = args.model
        extra += ["--model", str(Path(model).resolve()) if Path(model).exists() else model]
    return extra


def is_executable(path: Path) -> bool:
    return path.is_file() and (os.name == "nt" or bool(path.stat().st_mode & stat.S_IXUSR))
