"""`phiguard doctor`: is PHI Guard set up on this computer, and what will the extension use?

It reports which browsers have the native host registered (per user and system-wide) and whether each
registered launcher answers, whether the model loads, whether a local HTTP server answers, and the
transport the extension would pick in each browser: a managed serverUrl (a central server) first, then
the native host, then a local HTTP server at the default address, then limited mode (the extension's
built-in rules). A managed `transport` (auto, native, http) forces one. Only managed settings can be
read from outside the browser: a server address a user typed into the options page is not seen.
"""

from __future__ import annotations

import json
import plistlib
import struct
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from . import __version__
from .register_native_host import (
    BROWSERS,
    CHROME_EXTENSION_ID,
    CHROME_ORIGIN,
    GECKO_ID,
    SCOPES,
    WindowsRegistry,
    is_executable,
    platform_key,
    registrations,
)

DEFAULT_SERVER_URL = "http://127.0.0.1:8765"
# Where each browser reads an administrator's settings for an extension (deploy/README.md).
LINUX_POLICY_DIRS = {"chrome": "/etc/opt/chrome/policies/managed", "chromium": "/etc/chromium/policies/managed",
                     "edge": "/etc/opt/edge/policies/managed"}
LINUX_FIREFOX_POLICIES = ["/etc/firefox/policies/policies.json", "/usr/lib/firefox/distribution/policies.json",
                          "/usr/lib/firefox-esr/distribution/policies.json"]
MACOS_DOMAINS = {"chrome": f"com.google.Chrome.extensions.{CHROME_EXTENSION_ID}",
                 "chromium": f"org.chromium.Chromium.extensions.{CHROME_EXTENSION_ID}",
                 "edge": f"com.microsoft.Edge.extensions.{CHROME_EXTENSION_ID}"}
WINDOWS_POLICY_KEYS = {"chrome": "SOFTWARE\\Policies\\Google\\Chrome\\3rdparty\\extensions\\" + CHROME_EXTENSION_ID + "\\policy",
                       "chromium": "SOFTWARE\\Policies\\Chromium\\3rdparty\\extensions\\" + CHROME_EXTENSION_ID + "\\policy",
                       "edge": "SOFTWARE\\Policies\\Microsoft\\Edge\\3rdparty\\extensions\\" + CHROME_EXTENSION_ID + "\\policy",
                       "firefox": "SOFTWARE\\Policies\\Mozilla\\Firefox\\3rdparty\\Extensions\\" + GECKO_ID}
MANAGED_KEYS = ("serverUrl", "transport", "offlineFallback")


# ---- the native host's registrations ---------------------------------------------------------

def check_registration(reg, registry=None, probe: bool = True) -> dict:
    found = {"browser": reg.browser, "scope": reg.scope, "manifest": str(reg.manifest), "registered": False,
             "problems": []}
    if reg.registry_key:
        found["registry_key"] = reg.registry_key
        named = registry.get(reg.registry_key) if registry else None
        if named is None:
            return found
        manifest_path = Path(named)
    else:
        manifest_path = Path(reg.manifest)
    if not manifest_path.exists():
        return found
    found["registered"] = True
    problems = found["problems"]
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        problems.append(f"the manifest cannot be read: {e}")
        return found
    if manifest.get("name") != reg.manifest.stem:
        problems.append(f"the manifest names {manifest.get('name')!r}, not {reg.manifest.stem!r}")
    allowed = manifest.get("allowed_extensions" if reg.is_firefox else "allowed_origins") or []
    # An organisation's own build has its own id (install-native-host --firefox-extension-id): any
    # extension allowed will do, and the probe calls as the first one.
    if not allowed or not all(isinstance(a, str) for a in allowed):
        problems.append("the manifest allows no extension to start the host")
        allowed = []
    elif (GECKO_ID if reg.is_firefox else CHROME_ORIGIN) not in allowed:
        found["allowed"] = allowed
    launcher = Path(str(manifest.get("path", "")))
    found["launcher"] = str(launcher)
    if not launcher.is_absolute() or not is_executable(launcher):
        problems.append(f"the launcher {launcher} is missing or not executable")
    elif probe:
        found["answers"] = probe_launcher(launcher, reg, allowed[0] if allowed else None)
        if "error" in found["answers"]:
            problems.append(f"the launcher does not answer: {found['answers']['error']}")
    return found


def probe_launcher(launcher: Path, reg, extension: str | None = None, timeout: float = 30) -> dict:
    """Start the launcher as the browser would, for `extension` (PHI Guard's own by default), and ask it for its health."""
    caller = ["/dev/null", extension or GECKO_ID] if reg.is_firefox else [extension or CHROME_ORIGIN]
    request = json.dumps({"id": "doctor", "op": "health"}).encode()
    started = time.perf_counter()
    try:
        done = subprocess.run([str(launcher), *caller], input=struct.pack("=I", len(request)) + request,
                              capture_output=True, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as e:
        return {"error": str(e)}
    out = done.stdout
    try:
        (length,) = struct.unpack("=I", out[:4])
        reply = json.loads(out[4:4 + length])
        return {"seconds": round(time.perf_counter() - started, 2), **reply["result"]}
    except (struct.error, ValueError, KeyError, TypeError):
        last = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit status {done.returncode}"]
        return {"error": last[0]}


# ---- managed settings --------------------------------------------------------------------------

def managed_settings(browser: str, platform: str = sys.platform, root: str = "/") -> dict:
    """PHI Guard's settings that an administrator set for this browser (only the keys doctor needs);
    `root` stands for / in the Linux and macOS paths (tests)."""
    key = platform_key(platform)
    base = Path(root)
    found = {}
    try:
        if key == "linux" and browser in LINUX_POLICY_DIRS:
            for path in sorted((base / LINUX_POLICY_DIRS[browser].lstrip("/")).glob("*.json")):
                data = json.loads(path.read_text(encoding="utf-8"))
                found.update(data.get("3rdparty", {}).get("extensions", {}).get(CHROME_EXTENSION_ID, {}))
        elif key == "linux" and browser == "firefox":
            for path in (base / p.lstrip("/") for p in LINUX_FIREFOX_POLICIES):
                if path.exists():
                    data = json.loads(path.read_text(encoding="utf-8")).get("policies", {})
                    found.update(data.get("3rdparty", {}).get("Extensions", {}).get(GECKO_ID, {}))
                    break
        elif key == "darwin" and browser in MACOS_DOMAINS:
            path = base / "Library/Managed Preferences" / f"{MACOS_DOMAINS[browser]}.plist"
            if path.exists():
                found.update(plistlib.loads(path.read_bytes()))
        elif key == "win32":
            found.update(_windows_policy_values(WINDOWS_POLICY_KEYS[browser]))
    except (OSError, ValueError, AttributeError):
        pass
    return {k: found[k] for k in MANAGED_KEYS if k in found}


def _windows_policy_values(subkey: str) -> dict:
    import winreg

    values = {}
    for root in (winreg.HKEY_CURRENT_USER, winreg.HKEY_LOCAL_MACHINE):  # machine policy wins
        try:
            with winreg.OpenKey(root, subkey) as handle:
                for name in MANAGED_KEYS:
                    try:
                        value = winreg.QueryValueEx(handle, name)[0]
                    except OSError:
                        continue
                    values[name] = bool(value) if name == "offlineFallback" else value
        except OSError:
            continue
    return values


def server_url_problem(url) -> str:
    """The extension's own check (extension/src/settings/defaults.js): https, or http to this computer."""
    from urllib.parse import urlsplit

    if not isinstance(url, str):
        return "not text"
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
    except ValueError:
        return "not a web address"
    if parts.scheme not in ("http", "https") or not host:
        return "not an http(s) address"
    loopback = host in ("localhost", "::1") or (host.count(".") == 3 and host.split(".")[0] == "127")
    if parts.scheme == "http" and not loopback:
        return "http:// is only allowed to this computer"
    return ""


# ---- the whole picture -------------------------------------------------------------------------

def probe_http(url: str = DEFAULT_SERVER_URL, timeout: float = 1.0) -> dict:
    try:
        with urllib.request.urlopen(f"{url}/healthz", timeout=timeout) as r:
            return {"url": url, "answers": True, **json.loads(r.read())}
    except (OSError, ValueError) as e:
        return {"url": url, "answers": False, "error": str(getattr(e, "reason", e))}


def check_model(settings: dict) -> dict:
    from .app import shared_analyzer

    started = time.perf_counter()
    try:
        analyzer = shared_analyzer(settings["SPACY_MODEL"], settings["RULE_PACKS"])
    except Exception as e:  # doctor reports every failure, whatever it is
        return {"loads": False, "error": f"{type(e).__name__}: {e}"}
    return {"loads": True, "model": analyzer.model_name, "seconds": round(time.perf_counter() - started, 2),
            "rule_packs": [f"{p.name} {p.version}" for p in analyzer.rule_set.packs]}


def pick_transport(managed: dict, native: bool, http_answers: bool) -> dict:
    """What the extension picks (issue 13): managed serverUrl, else native, else local HTTP, else limited."""
    forced = managed.get("transport", "auto")
    server = managed.get("serverUrl")
    server = server if server and not server_url_problem(server) else None
    fallback = {"transport": "limited", "reason": "the extension's built-in rules"} \
        if managed.get("offlineFallback", True) is not False else \
        {"transport": "none", "reason": "offlineFallback is off: posts are not checked"}
    if forced == "native":
        return {"transport": "native", "reason": "transport forced to native by policy"} if native else \
            {**fallback, "reason": f"transport forced to native by policy, but the host is not registered; {fallback['reason']}"}
    if server and forced in ("auto", "http"):
        return {"transport": "server", "url": server.rstrip("/"), "reason": "serverUrl set by policy"}
    if native and forced == "auto":
        return {"transport": "native", "reason": "the native host is registered"}
    if http_answers:
        return {"transport": "http", "url": DEFAULT_SERVER_URL, "reason": "a local server answers"}
    return fallback


def diagnose(settings: dict, load_model: bool = True, probe: bool = True, platform: str = sys.platform,
             registry=None) -> dict:
    if registry is None and platform_key(platform) == "win32":
        registry = WindowsRegistry()
    found = [check_registration(reg, registry, probe) for scope in SCOPES
             for reg in registrations(BROWSERS, scope, platform)]
    http = probe_http()
    report = {"version": __version__, "python": sys.executable, "native_host": found,
              "model": check_model(settings) if load_model else None, "local_http": http, "transport": {}}
    for browser in BROWSERS:
        native = any(r["registered"] and not r["problems"] for r in found if r["browser"] == browser)
        report["transport"][browser] = pick_transport(managed_settings(browser, platform), native, http["answers"])
    return report


def describe(report: dict) -> str:
    lines = [f"PHI Guard {report['version']} ({report['python']})", "", "Native host org.phiguard.engine:"]
    for r in report["native_host"]:
        where = f"{r['browser']:<9} {'per user' if r['scope'] == 'user' else 'system':<9}"
        if not r["registered"]:
            lines.append(f"  {where} not registered")
            continue
        state = "registered"
        answers = r.get("answers") or {}
        if "state" in answers:
            state += f", answers ({answers['state']}, {answers['seconds']} s)"
        lines.append(f"  {where} {state}: {r.get('registry_key') or r['manifest']}")
        if r.get("allowed"):
            lines.append(f"  {'':<19} for your own build: {', '.join(r['allowed'])}")
        lines += [f"  {'':<19} problem: {p}" for p in r["problems"]]
    model = report["model"]
    if model is None:
        lines.append("\nModel: not checked")
    elif model["loads"]:
        lines.append(f"\nModel: {model['model']} loads ({model['seconds']} s); rule packs: {', '.join(model['rule_packs'])}")
    else:
        lines.append(f"\nModel: does not load: {model['error']}")
    http = report["local_http"]
    lines.append(f"Local HTTP server {http['url']}: " + (f"answers (version {http.get('version')})" if http["answers"]
                                                          else "not running"))
    lines.append("\nThe extension would use:")
    for browser, pick in report["transport"].items():
        what = {"server": f"the organisation's server {pick.get('url')}", "native": "the native host (no port open)",
                "http": f"the local server {pick.get('url')}", "limited": "limited mode",
                "none": "nothing"}[pick["transport"]]
        lines.append(f"  {browser:<9} {what} ({pick['reason']})")
    if not any(r["registered"] for r in report["native_host"]):
        lines.append("\nTo check posts with the full engine and no open port, run: phiguard install-native-host")
    return "\n".join(lines)


def exit_status(report: dict) -> int:
    """1 when something is broken: the model does not load, or a registration is wrong."""
    model_fails = report["model"] is not None and not report["model"]["loads"]
    return 1 if model_fails or any(r["problems"] for r in report["native_host"]) else 0
