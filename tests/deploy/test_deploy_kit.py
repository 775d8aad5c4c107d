"""The organisation deployment kit in deploy/: every example policy, unit, container and rule pack is checked.

The managed settings in each policy file (Chrome/Chromium Linux JSON, Windows .reg, macOS .mobileconfig,
Firefox policies.json and profile) must validate *strictly* against extension/managed_schema.json: no
unknown keys, the right types, allowed values. The extension id everywhere must be the one computed from
the manifest's key. Server and auto-start recipes must pass arguments `phiguard serve` accepts, and a
server listening beyond loopback must always get a token file.

Extra rule packs can be checked with the same tests: PHIGUARD_DEPLOY_PACKS=dir1:dir2 python -m pytest tests/deploy
"""

from __future__ import annotations

import base64
import functools
import hashlib
import ipaddress
import json
import os
import plistlib
import re
import shlex
import shutil
import subprocess
import sys
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from jsonschema import Draft202012Validator
from phiguard.cli import _is_loopback, build_parser
from phiguard.config import DEFAULTS, read_config_file
from phiguard.rules import RulePackError, load_rule_set
from phiguard.rules.match_rules import match_rule

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
EXTENSION = REPO / "extension"
MANAGED_SCHEMA = json.loads((EXTENSION / "managed_schema.json").read_text(encoding="utf-8"))
MANIFEST = json.loads((EXTENSION / "manifest.json").read_text(encoding="utf-8"))
GECKO_ID = MANIFEST["browser_specific_settings"]["gecko"]["id"]
PACK_SCHEMA = json.loads((REPO / "shared_rules" / "schema" / "pack.schema.json").read_text(encoding="utf-8"))

LINUX_JSON = DEPLOY / "chrome" / "linux" / "phiguard.json"
WINDOWS_REG = DEPLOY / "chrome" / "windows" / "phiguard.reg"
MACOS_PROFILE = DEPLOY / "chrome" / "macos" / "phiguard.mobileconfig"
FIREFOX_POLICIES = DEPLOY / "firefox" / "policies.json"
FIREFOX_PROFILE = DEPLOY / "firefox" / "macos" / "phiguard-firefox.mobileconfig"
UPDATE_XML = DEPLOY / "selfhost" / "update.xml"
UPDATES_JSON = DEPLOY / "selfhost" / "updates.json"
SERVER = DEPLOY / "server"
LOCAL = DEPLOY / "local"
EXAMPLE_PACK = DEPLOY / "example_rule_pack"
README = DEPLOY / "README.md"

REG_VENDORS = {"Google Chrome": r"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Google\Chrome",
               "Microsoft Edge": r"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Edge"}


# ---- the extension id ------------------------------------------------------------------------

def chrome_id(der: bytes) -> str:
    """Chrome's id: sha256 of the DER public key, first 32 hex digits, 0-f mapped to a-p."""
    return "".join("abcdefghijklmnop"[int(c, 16)] for c in hashlib.sha256(der).hexdigest()[:32])


def manifest_key() -> str:
    """The key Chrome builds carry (build.mjs copies it from chrome_key.json into the manifest)."""
    return MANIFEST.get("key") or json.loads((EXTENSION / "chrome_key.json").read_text(encoding="utf-8"))["key"]


CHROME_ID = chrome_id(base64.b64decode(manifest_key()))
ID_LIKE = re.compile(r"(?<![a-z0-9])[a-p]{32}(?![a-z0-9])")


def test_chrome_id_computation_matches_chromes_algorithm():
    # sha256("") starts e3b0c442: e->o, 3->d, b->l, 0->a, c->m, 4->e, 4->e, 2->c.
    assert chrome_id(b"").startswith("odlameec")
    assert re.fullmatch(r"[a-p]{32}", CHROME_ID)
    recorded = json.loads((EXTENSION / "chrome_key.json").read_text(encoding="utf-8")).get("id")
    if recorded:
        assert recorded == CHROME_ID


def test_built_chrome_manifest_carries_the_same_key():
    built = EXTENSION / "dist" / "chrome" / "manifest.json"
    if not built.exists():
        pytest.skip("extension not built (node extension/build.mjs)")
    assert chrome_id(base64.b64decode(json.loads(built.read_text(encoding="utf-8"))["key"])) == CHROME_ID


def test_extension_id_tool_agrees():
    sys.path.insert(0, str(DEPLOY / "tools"))
    try:
        import extension_id
    finally:
        sys.path.remove(str(DEPLOY / "tools"))
    assert extension_id.id_from_base64_key(manifest_key()) == CHROME_ID
    out = subprocess.run([sys.executable, str(DEPLOY / "tools" / "extension_id.py")], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == CHROME_ID


def test_extension_id_tool_reads_a_pem_key(tmp_path):
    if not shutil.which("openssl"):
        pytest.skip("openssl not installed")
    pem = tmp_path / "signing.pem"
    subprocess.run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", str(pem)],
                   check=True, capture_output=True)
    der = subprocess.run(["openssl", "pkey", "-in", str(pem), "-pubout", "-outform", "DER"], check=True,
                         capture_output=True).stdout
    out = subprocess.run([sys.executable, str(DEPLOY / "tools" / "extension_id.py"), "--pem", str(pem)],
                         capture_output=True, text=True, check=True).stdout.strip()
    assert out == chrome_id(der) != CHROME_ID


TEXT_SUFFIXES = {".json", ".reg", ".mobileconfig", ".xml", ".toml", ".md", ".conf", ".service", ".plist", ".ps1", ""}
KIT_FILES = sorted(p for p in DEPLOY.rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES)


@pytest.mark.parametrize("path", KIT_FILES, ids=lambda p: str(p.relative_to(DEPLOY)))
def test_every_extension_id_in_the_kit_is_the_computed_one(path):
    wrong = sorted(set(ID_LIKE.findall(path.read_text(encoding="utf-8"))) - {CHROME_ID})
    assert wrong == [], f"{path.relative_to(REPO)} names extension ids other than {CHROME_ID}"


@pytest.mark.parametrize("path", [LINUX_JSON, WINDOWS_REG, MACOS_PROFILE, UPDATE_XML, SERVER / "phiguard.toml", README],
                         ids=lambda p: p.name)
def test_chrome_files_name_the_extension(path):
    assert CHROME_ID in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", [FIREFOX_POLICIES, FIREFOX_PROFILE, UPDATES_JSON, README], ids=lambda p: p.name)
def test_firefox_files_name_the_gecko_id(path):
    assert GECKO_ID == "phiguard@phiguard.org"
    assert GECKO_ID in path.read_text(encoding="utf-8")


# ---- the managed-settings schema, made strict -----------------------------------------------

_SCHEMA_WORDS = {"type", "title", "description", "enum", "items", "properties", "additionalProperties",
                 "patternProperties", "required", "id", "minimum", "maximum", "pattern"}


def strict_schema(chrome_schema: dict) -> dict:
    """A JSON Schema from Chrome's managed_schema: objects get additionalProperties false unless they say otherwise."""
    unknown = set(chrome_schema) - _SCHEMA_WORDS
    assert not unknown, f"managed_schema uses {unknown}: teach strict_schema() about it"
    out = {k: chrome_schema[k] for k in ("type", "enum", "minimum", "maximum", "pattern", "required") if k in chrome_schema}
    if chrome_schema.get("type") == "object":
        out["properties"] = {k: strict_schema(v) for k, v in chrome_schema.get("properties", {}).items()}
        if "patternProperties" in chrome_schema:
            out["patternProperties"] = {k: strict_schema(v) for k, v in chrome_schema["patternProperties"].items()}
        extra = chrome_schema.get("additionalProperties")
        out["additionalProperties"] = strict_schema(extra) if isinstance(extra, dict) else False
    if chrome_schema.get("type") == "array":
        out["items"] = strict_schema(chrome_schema["items"])
    return out


STRICT = Draft202012Validator(strict_schema(MANAGED_SCHEMA))


def schema_errors(settings) -> list[str]:
    return sorted(f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in STRICT.iter_errors(settings))


def test_managed_schema_is_what_chrome_accepts():
    # Chrome: the top level is an object of properties with no additionalProperties of its own.
    assert MANAGED_SCHEMA["type"] == "object" and "additionalProperties" not in MANAGED_SCHEMA
    assert all("type" in spec for spec in MANAGED_SCHEMA["properties"].values())


@pytest.mark.parametrize("bad", [
    {"serverUrl": "https://x.example", "unknownKey": 1},
    {"allowUserDisable": "false"},
    {"allowUserDisable": 0},
    {"enforcement": "strict"},
    {"sites": ["facebook", "instagram"]},
    {"sites": "facebook"},
    {"serverUrl": 8765},
])
def test_strict_schema_rejects_bad_settings(bad):
    assert schema_errors(bad) != []


def test_strict_schema_accepts_every_key():
    sample = {"serverUrl": "http://127.0.0.1:8765", "apiToken": "x" * 16, "enforcement": "warn",
              "sites": ["x"], "minimumSeverity": "medium", "allowUserDisable": True, "allowPersonalAllowList": False,
              "offlineFallback": True, "organisationName": "Org", "supportUrl": "https://help.example",
              "transport": "native", "guidanceUrl": "https://guidance.example/social-media",
              "guidanceName": "Guidance on social media"}
    assert set(sample) == set(MANAGED_SCHEMA["properties"])
    assert schema_errors(sample) == []


# ---- reading each policy format --------------------------------------------------------------

_REG_STRING = r'"((?:[^"\\]|\\.)*)"'


def _reg_unescape(s: str) -> str:
    return re.sub(r"\\(.)", r"\1", s)


def parse_reg(text: str) -> dict[str, dict[str, object]]:
    """A .reg file as {key path (lower case): {value name: str | int}}; only REG_SZ and REG_DWORD are allowed."""
    lines = text.splitlines()
    assert lines[0] == "Windows Registry Editor Version 5.00"
    keys: dict[str, dict[str, object]] = {}
    current = None
    for number, raw in enumerate(lines[1:], start=2):
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        if line.startswith("[") and line.endswith("]"):
            assert not line.startswith("[-"), f"line {number}: the kit must not delete keys"
            current = line[1:-1].lower()
            keys.setdefault(current, {})
            continue
        m = re.fullmatch(_REG_STRING + r"=(.*)", line)
        assert m and current is not None, f"line {number}: not a value line: {raw!r}"
        name, rhs = _reg_unescape(m.group(1)), m.group(2)
        if (s := re.fullmatch(_REG_STRING, rhs)) is not None:
            value: object = _reg_unescape(s.group(1))
        elif (d := re.fullmatch(r"dword:([0-9a-fA-F]{8})", rhs)) is not None:
            value = int(d.group(1), 16)
        else:
            raise AssertionError(f"line {number}: only REG_SZ and REG_DWORD values are used by policies: {raw!r}")
        assert name not in keys[current], f"line {number}: {name} set twice"
        keys[current][name] = value
    return keys


def registry_settings(keys: dict, policy_key: str, schema: dict) -> dict:
    """Chrome's registry-to-JSON conversion for an extension's policy key, without its leniency:
    booleans are REG_DWORD 0/1, lists are a subkey of values "1".."n", everything else is REG_SZ."""
    props = schema["properties"]
    out: dict[str, object] = {}
    for name, value in keys.get(policy_key, {}).items():
        kind = props.get(name, {}).get("type")
        out[name] = bool(value) if kind == "boolean" and value in (0, 1) and isinstance(value, int) else value
    prefix = policy_key + "\\"
    for path, values in keys.items():
        if not path.startswith(prefix) or "\\" in path[len(prefix):]:
            continue
        name = next((k for k in props if k.lower() == path[len(prefix):]), path[len(prefix):])
        assert sorted(values, key=int) == [str(i) for i in range(1, len(values) + 1)], f"{path}: number list items 1..n"
        out[name] = [values[str(i)] for i in range(1, len(values) + 1)]
    return out


def load_reg() -> dict:
    raw = WINDOWS_REG.read_bytes()
    raw.decode("ascii")  # regedit reads ASCII .reg files everywhere; no BOM, no UTF-8 surprises
    assert b"\n" not in raw.replace(b"\r\n", b""), "the .reg file must have Windows (CRLF) line endings"
    return parse_reg(raw.decode("ascii"))


def load_profile(path: Path) -> dict:
    with path.open("rb") as f:
        return plistlib.load(f, fmt=plistlib.FMT_XML)


def payloads(profile: dict, payload_type: str | None = None, prefix: str | None = None) -> list[dict]:
    found = [p for p in profile["PayloadContent"]
             if (payload_type is None or p["PayloadType"] == payload_type)
             and (prefix is None or p["PayloadType"].startswith(prefix))]
    return found


def without_payload_keys(payload: dict) -> dict:
    return {k: v for k, v in payload.items() if not k.startswith("Payload")}


@functools.cache
def settings_sources() -> dict[str, dict]:
    """{where: the managed settings for PHI Guard} from every policy example in the kit."""
    sources = {}
    linux = json.loads(LINUX_JSON.read_text(encoding="utf-8"))
    assert list(linux["3rdparty"]["extensions"]) == [CHROME_ID]
    sources["chrome/linux/phiguard.json"] = linux["3rdparty"]["extensions"][CHROME_ID]

    keys = load_reg()
    for vendor, base in REG_VENDORS.items():
        extensions = base.lower() + r"\3rdparty\extensions"
        ids = {p[len(extensions) + 1:].split("\\")[0] for p in keys if p.startswith(extensions + "\\")}
        assert ids == {CHROME_ID}, f"{vendor}: 3rdparty extension ids {ids}"
        sources[f"chrome/windows/phiguard.reg ({vendor})"] = registry_settings(
            keys, f"{extensions}\\{CHROME_ID}\\policy", MANAGED_SCHEMA)

    profile = load_profile(MACOS_PROFILE)
    ext_payloads = payloads(profile, prefix="com.google.Chrome.extensions.")
    assert [p["PayloadType"] for p in ext_payloads] == [f"com.google.Chrome.extensions.{CHROME_ID}"]
    sources["chrome/macos/phiguard.mobileconfig"] = without_payload_keys(ext_payloads[0])

    firefox = json.loads(FIREFOX_POLICIES.read_text(encoding="utf-8"))
    assert list(firefox["policies"]["3rdparty"]["Extensions"]) == [GECKO_ID]
    sources["firefox/policies.json"] = firefox["policies"]["3rdparty"]["Extensions"][GECKO_ID]

    ff_profile = load_profile(FIREFOX_PROFILE)
    (ff_payload,) = payloads(ff_profile, "org.mozilla.firefox")
    assert list(ff_payload["3rdparty"]["Extensions"]) == [GECKO_ID]
    sources["firefox/macos/phiguard-firefox.mobileconfig"] = ff_payload["3rdparty"]["Extensions"][GECKO_ID]
    return sources


SOURCE_NAMES = ["chrome/linux/phiguard.json"] + [f"chrome/windows/phiguard.reg ({v})" for v in REG_VENDORS] + [
    "chrome/macos/phiguard.mobileconfig", "firefox/policies.json", "firefox/macos/phiguard-firefox.mobileconfig"]


def test_settings_are_read_from_every_policy_example():
    assert sorted(settings_sources()) == sorted(SOURCE_NAMES)


@pytest.mark.parametrize("where", SOURCE_NAMES)
def test_managed_settings_validate_strictly_against_the_schema(where):
    settings = settings_sources()[where]
    assert settings, f"{where}: no managed settings found"
    assert schema_errors(settings) == []


@pytest.mark.parametrize("where", SOURCE_NAMES)
def test_managed_settings_pass_the_extensions_own_checks(where):
    # What extension/src/settings/defaults.js accepts beyond the schema: a value it rejects is silently ignored.
    s = settings_sources()[where]
    for key in ("serverUrl", "supportUrl"):
        if s.get(key):
            url = urlsplit(s[key])
            assert url.scheme in ("http", "https") and url.hostname, f"{key} must be an http(s) URL"
    if "serverUrl" in s and not _is_loopback(urlsplit(s["serverUrl"]).hostname):
        assert urlsplit(s["serverUrl"]).scheme == "https", "a central server is reached over HTTPS only"
        assert len(s.get("apiToken", "")) >= 16, "a central server needs the token (16+ characters, like --token-file)"
    assert len(s.get("organisationName", "")) <= 200
    assert len(s.get("apiToken", "")) <= 4096


def test_every_example_sets_every_key_the_same_way():
    reference = settings_sources()["chrome/linux/phiguard.json"]
    assert set(reference) == set(MANAGED_SCHEMA["properties"]), "the Linux example shows every managed key"
    different = {where: s for where, s in settings_sources().items() if s != reference}
    assert different == {}


def test_examples_start_with_warn_as_the_readme_advises():
    # "Start with warn for a pilot": an admin who copies an example must not start with block.
    assert "Start with `warn`" in README.read_text(encoding="utf-8")
    assert {where: s["enforcement"] for where, s in settings_sources().items()} == dict.fromkeys(SOURCE_NAMES, "warn")
    assert read_config_file(TOML)["ENFORCEMENT"] == "warn"


def test_registry_booleans_are_dwords_and_lists_are_subkeys():
    keys = load_reg()
    for base in REG_VENDORS.values():
        policy = keys[f"{base.lower()}\\3rdparty\\extensions\\{CHROME_ID}\\policy"]
        for name, spec in MANAGED_SCHEMA["properties"].items():
            if spec["type"] == "boolean" and name in policy:
                assert policy[name] in (0, 1) and isinstance(policy[name], int), f"{name} must be dword:0000000x"
            if spec["type"] == "array":
                assert name not in policy, f"{name} is a list: a subkey of numbered values, not a value"


def test_registry_reader_catches_a_wrong_type():
    broken = WINDOWS_REG.read_text(encoding="ascii").replace('"allowUserDisable"=dword:00000000', '"allowUserDisable"="0"')
    keys = parse_reg(broken)
    settings = registry_settings(keys, f"{REG_VENDORS['Google Chrome'].lower()}\\3rdparty\\extensions\\{CHROME_ID}\\policy",
                                 MANAGED_SCHEMA)
    assert schema_errors(settings) != []


# ---- installation policies -------------------------------------------------------------------

@functools.cache
def chrome_install_policies() -> dict[str, tuple[list, dict]]:
    """{where: (ExtensionInstallForcelist, ExtensionSettings)}."""
    out = {}
    linux = json.loads(LINUX_JSON.read_text(encoding="utf-8"))
    out["linux"] = (linux["ExtensionInstallForcelist"], linux["ExtensionSettings"])
    keys = load_reg()
    for vendor, base in REG_VENDORS.items():
        forcelist = keys[f"{base.lower()}\\extensioninstallforcelist"]
        out[vendor] = ([forcelist[k] for k in sorted(forcelist, key=int)], json.loads(keys[base.lower()]["ExtensionSettings"]))
    (chrome,) = payloads(load_profile(MACOS_PROFILE), "com.google.Chrome")
    out["macos"] = (chrome["ExtensionInstallForcelist"], chrome["ExtensionSettings"])
    return out


@pytest.mark.parametrize("where", ["linux", *REG_VENDORS, "macos"])
def test_chrome_force_installs_from_the_self_hosted_update_manifest(where):
    forcelist, settings = chrome_install_policies()[where]
    assert forcelist == [f"{CHROME_ID};{update_url()}"]
    assert list(settings) == [CHROME_ID]
    entry = settings[CHROME_ID]
    assert entry["installation_mode"] == "force_installed"
    assert entry["update_url"] == update_url()
    # The manifest has no update_url: without the override, later updates would be looked for in the Web Store.
    assert entry["override_update_url"] is True
    assert "update_url" not in MANIFEST
    assert set(entry) <= {"installation_mode", "update_url", "override_update_url", "toolbar_pin"}


def update_url() -> str:
    linux = json.loads(LINUX_JSON.read_text(encoding="utf-8"))
    url = linux["ExtensionSettings"][CHROME_ID]["update_url"]
    assert url.startswith("https://") and url.endswith("/update.xml")
    return url


def test_linux_policy_file_has_only_known_top_level_policies():
    linux = json.loads(LINUX_JSON.read_text(encoding="utf-8"))
    assert set(linux) == {"ExtensionInstallForcelist", "ExtensionSettings", "3rdparty"}
    assert set(linux["3rdparty"]) == {"extensions"}


def test_reg_file_only_writes_browser_policy_keys():
    for path in load_reg():
        assert any(path == b.lower() or path.startswith(b.lower() + "\\") for b in REG_VENDORS.values()), path


def test_chrome_update_manifest():
    root = ET.parse(UPDATE_XML).getroot()
    ns = "{http://www.google.com/update2/response}"
    assert root.tag == f"{ns}gupdate" and root.get("protocol") == "2.0"
    apps = root.findall(f"{ns}app")
    assert [a.get("appid") for a in apps] == [CHROME_ID]
    (check,) = apps[0].findall(f"{ns}updatecheck")
    assert check.get("version") == MANIFEST["version"]
    codebase = check.get("codebase")
    assert codebase.startswith("https://") and codebase.endswith(".crx")
    assert codebase.rsplit("/", 1)[0] == update_url().rsplit("/", 1)[0], "the .crx sits beside update.xml"


def test_firefox_policies_force_install_the_gecko_id():
    policies = json.loads(FIREFOX_POLICIES.read_text(encoding="utf-8"))
    assert set(policies) == {"policies"}
    settings = policies["policies"]["ExtensionSettings"]
    assert list(settings) == [GECKO_ID]
    entry = settings[GECKO_ID]
    assert entry["installation_mode"] == "force_installed"
    assert entry["install_url"].startswith("https://") and entry["install_url"].endswith(".xpi")
    assert set(policies["policies"]) == {"ExtensionSettings", "3rdparty"}
    assert set(policies["policies"]["3rdparty"]) == {"Extensions"}


def test_firefox_update_manifest_matches_the_policy():
    updates = json.loads(UPDATES_JSON.read_text(encoding="utf-8"))
    assert list(updates["addons"]) == [GECKO_ID]
    latest = updates["addons"][GECKO_ID]["updates"][-1]
    assert latest["version"] == MANIFEST["version"]
    install_url = json.loads(FIREFOX_POLICIES.read_text(encoding="utf-8"))["policies"]["ExtensionSettings"][GECKO_ID]["install_url"]
    assert latest["update_link"] == install_url
    gecko = MANIFEST["browser_specific_settings"]["gecko"]
    assert latest.get("applications", {}).get("gecko", {}).get("strict_min_version") == gecko["strict_min_version"]


def test_firefox_profile_matches_policies_json():
    (payload,) = payloads(load_profile(FIREFOX_PROFILE), "org.mozilla.firefox")
    assert payload["EnterprisePoliciesEnabled"] is True
    policies = json.loads(FIREFOX_POLICIES.read_text(encoding="utf-8"))["policies"]
    assert {k: payload[k] for k in policies} == policies


# ---- configuration profiles -------------------------------------------------------------------

@pytest.mark.parametrize("path", [MACOS_PROFILE, FIREFOX_PROFILE], ids=lambda p: p.name)
def test_mobileconfig_is_a_valid_profile(path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>') and "<!DOCTYPE plist" in text
    profile = load_profile(path)
    for key in ("PayloadType", "PayloadVersion", "PayloadIdentifier", "PayloadUUID", "PayloadDisplayName",
                "PayloadContent"):
        assert key in profile, f"profile lacks {key}"
    assert profile["PayloadType"] == "Configuration" and profile["PayloadVersion"] == 1
    assert profile.get("PayloadScope", "System") == "System"
    assert isinstance(profile["PayloadContent"], list) and profile["PayloadContent"]
    uuids = [profile["PayloadUUID"]]
    identifiers = [profile["PayloadIdentifier"]]
    for payload in profile["PayloadContent"]:
        for key in ("PayloadType", "PayloadVersion", "PayloadIdentifier", "PayloadUUID"):
            assert key in payload, f"{payload.get('PayloadType')} lacks {key}"
        assert payload["PayloadVersion"] == 1
        uuids.append(payload["PayloadUUID"])
        identifiers.append(payload["PayloadIdentifier"])
    for u in uuids:
        assert str(uuid.UUID(u)).upper() == u.upper()
    assert len(set(uuids)) == len(uuids) and len(set(identifiers)) == len(identifiers)


def test_profiles_do_not_share_uuids():
    seen = []
    for path in (MACOS_PROFILE, FIREFOX_PROFILE):
        profile = load_profile(path)
        seen += [profile["PayloadUUID"]] + [p["PayloadUUID"] for p in profile["PayloadContent"]]
    assert len(seen) == len(set(seen))


# ---- server and auto-start recipes -------------------------------------------------------------

def parse_unit(path: Path) -> dict[str, list[tuple[str, str]]]:
    sections: dict[str, list[tuple[str, str]]] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            current = line.strip("[]")
            sections.setdefault(current, [])
            continue
        key, _, value = line.partition("=")
        assert current and _, f"{path.name}: bad line {line!r}"
        sections[current].append((key.strip(), value.strip()))
    return sections


def unit_values(unit, section, key) -> list[str]:
    return [v for k, v in unit.get(section, []) if k == key]


def serve_args(argv: list[str]):
    """argv after the executable: must be `serve ...` that phiguard's own parser accepts."""
    assert argv[0] == "serve", argv
    return build_parser().parse_args(argv)


CREDENTIALS = "/run/credentials/phiguard.service"
SYSTEM_UNITS = [SERVER / "phiguard.service", SERVER / "phiguard@.service"]


@pytest.mark.parametrize("path", SYSTEM_UNITS, ids=lambda p: p.name)
def test_system_unit_runs_a_token_protected_hardened_server(path):
    unit = parse_unit(path)
    (exec_start,) = unit_values(unit, "Service", "ExecStart")
    argv = shlex.split(exec_start.replace("%d", CREDENTIALS).replace("%i", "8766"))
    assert argv[0].startswith("/") and argv[0].endswith("/phiguard")
    args = serve_args(argv[1:])
    assert not _is_loopback(args.host), "the central server listens for the proxy / load balancer"
    # phiguard refuses to listen beyond loopback without a token: the unit must always give one.
    assert args.token_file and args.token_file.startswith(CREDENTIALS + "/")
    credentials = dict(v.split(":", 1) for v in unit_values(unit, "Service", "LoadCredential"))
    assert Path(args.token_file).name in credentials
    assert credentials[Path(args.token_file).name] == "/etc/phiguard/api-token"
    assert args.config == "/etc/phiguard/phiguard.toml"
    for key, value in {"DynamicUser": "yes", "ProtectSystem": "strict", "ProtectHome": "yes", "PrivateTmp": "yes",
                       "NoNewPrivileges": "yes", "PrivateDevices": "yes", "CapabilityBoundingSet": "",
                       "RestrictSUIDSGID": "yes", "ProtectKernelTunables": "yes"}.items():
        assert unit_values(unit, "Service", key) == [value], f"{key}={value}"
    assert unit_values(unit, "Service", "RestartPreventExitStatus") == ["2"]
    assert unit_values(unit, "Install", "WantedBy") == ["multi-user.target"]


def test_template_unit_takes_its_port_from_the_instance_name():
    (exec_start,) = unit_values(parse_unit(SERVER / "phiguard@.service"), "Service", "ExecStart")
    assert "--port %i" in exec_start


def _systemd_verify(path: Path, tmp_path: Path, user: bool):
    if not shutil.which("systemd-analyze"):
        pytest.skip("systemd-analyze not installed")
    phiguard = shutil.which("phiguard") or str(Path(sys.executable).with_name("phiguard"))
    if not Path(phiguard).exists():
        pytest.skip("phiguard executable not found")
    copy = tmp_path / path.name
    text = path.read_text(encoding="utf-8")
    copy.write_text(re.sub(r"^ExecStart=\S+", f"ExecStart={phiguard}", text, flags=re.M), encoding="utf-8")
    env = dict(os.environ, XDG_RUNTIME_DIR=str(tmp_path))
    tmp_path.chmod(0o700)
    cmd = ["systemd-analyze", "verify"] + (["--user"] if user else []) + [str(copy)]
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=60)
    complaints = [line for line in (result.stdout + result.stderr).splitlines() if path.name in line]
    if result.returncode != 0 and not complaints:
        pytest.skip(f"systemd-analyze cannot run here: {result.stderr.strip()[:200]}")
    assert complaints == []


@pytest.mark.parametrize("path", SYSTEM_UNITS, ids=lambda p: p.name)
def test_system_unit_passes_systemd_analyze(path, tmp_path):
    _systemd_verify(path, tmp_path, user=False)


def test_user_unit_passes_systemd_analyze(tmp_path):
    _systemd_verify(LOCAL / "linux" / "phiguard-local.service", tmp_path, user=True)


@functools.cache
def local_server_commands() -> dict[str, list[str]]:
    """{recipe: the arguments after the phiguard executable} for every per-user auto-start recipe."""
    out = {}
    unit = parse_unit(LOCAL / "linux" / "phiguard-local.service")
    (exec_start,) = unit_values(unit, "Service", "ExecStart")
    argv = shlex.split(exec_start)
    assert argv[0].endswith("/phiguard")
    out["linux systemd user unit"] = argv[1:]

    plist = load_profile(LOCAL / "macos" / "org.phiguard.local-server.plist")
    program = plist["ProgramArguments"]
    assert program[:2] == ["/bin/sh", "-c"] and len(program) == 3
    words = shlex.split(program[2])
    assert words[0] == "exec" and words[1].endswith("/bin/phiguard")
    args = []
    for word in words[2:]:
        if word.startswith((">", "2>")):
            break
        args.append(word)
    out["macos launchd agent"] = args

    task = ET.parse(LOCAL / "windows" / "phiguard-local-task.xml").getroot()
    ns = {"t": "http://schemas.microsoft.com/windows/2004/02/mit/task"}
    command = task.find("t:Actions/t:Exec/t:Command", ns).text
    assert command.strip('"').endswith("\\Scripts\\pythonw.exe")
    words = shlex.split(task.find("t:Actions/t:Exec/t:Arguments", ns).text)
    assert words[:2] == ["-m", "phiguard"]
    out["windows scheduled task"] = words[2:]
    return out


@pytest.mark.parametrize("recipe", ["linux systemd user unit", "macos launchd agent", "windows scheduled task"])
def test_local_server_listens_on_loopback_only(recipe):
    args = serve_args(local_server_commands()[recipe])
    assert _is_loopback(args.host)
    assert ipaddress.ip_address(args.host).is_loopback
    # The extension's default serverUrl (and the kit's local example) is http://127.0.0.1:8765.
    assert (args.host, args.port) == ("127.0.0.1", 8765)
    assert args.token_file is None


def test_user_unit_starts_at_sign_in_and_stops_on_bad_config():
    unit = parse_unit(LOCAL / "linux" / "phiguard-local.service")
    assert unit_values(unit, "Install", "WantedBy") == ["default.target"]
    assert unit_values(unit, "Service", "RestartPreventExitStatus") == ["2"]


def test_launchd_agent():
    plist = load_profile(LOCAL / "macos" / "org.phiguard.local-server.plist")
    assert plist["Label"] == "org.phiguard.local-server"
    assert plist["RunAtLoad"] is True
    assert plist["KeepAlive"] == {"SuccessfulExit": False}
    assert plist.get("LimitLoadToSessionType") == "Aqua"


def test_windows_task_runs_for_each_user_at_sign_in():
    task = ET.parse(LOCAL / "windows" / "phiguard-local-task.xml").getroot()
    ns = {"t": "http://schemas.microsoft.com/windows/2004/02/mit/task"}
    assert task.tag == f"{{{ns['t']}}}Task"
    assert task.find("t:Triggers/t:LogonTrigger", ns) is not None
    assert task.find("t:Triggers/t:LogonTrigger/t:UserId", ns) is None, "any user's sign-in, not one user's"
    principal = task.find("t:Principals/t:Principal", ns)
    assert principal.find("t:GroupId", ns).text == "S-1-5-32-545"
    assert principal.find("t:RunLevel", ns).text == "LeastPrivilege"
    # Task Scheduler stops a task after 72 hours unless told otherwise: the server must keep running.
    assert task.find("t:Settings/t:ExecutionTimeLimit", ns).text == "PT0S"
    assert task.find("t:Settings/t:MultipleInstancesPolicy", ns).text == "IgnoreNew"


def test_windows_script_registers_the_same_task():
    script = (LOCAL / "windows" / "Register-PhiGuardLocalServer.ps1").read_text(encoding="utf-8")
    assert "'phiguard-local-task.xml'" in script
    assert "$TaskNs = 'http://schemas.microsoft.com/windows/2004/02/mit/task'" in script
    assert "Register-ScheduledTask" in script and "Unregister-ScheduledTask" in script
    m = re.search(r"^\$arguments = @\((.*)\)$", script, flags=re.M)
    assert m, "the script builds the task's arguments in one $arguments line"
    script_args = [a.replace('"$Port"', "8765").strip("'\"") for a in re.findall(r"'[^']*'|\"[^\"]*\"", m.group(1))]
    assert script_args == ["-m", "phiguard"] + local_server_commands()["windows scheduled task"]
    assert re.search(r"\[int\]\$Port = 8765", script)


def containerfile_instructions() -> list[tuple[str, str]]:
    text = (SERVER / "Containerfile").read_text(encoding="utf-8")
    joined = re.sub(r"\\\n", " ", "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#")))
    out = []
    for line in joined.splitlines():
        if line.strip():
            word, _, rest = line.strip().partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def test_containerfile_builds_from_python_slim_and_the_repository():
    instructions = containerfile_instructions()
    assert instructions[0][0] == "FROM"
    assert re.fullmatch(r"python:3\.11-slim(@sha256:[0-9a-f]{64})?", instructions[0][1])
    assert instructions[0][1] == BASE_IMAGE
    assert sum(1 for word, _ in instructions if word == "FROM") == 1
    copied = set()
    for word, rest in instructions:
        if word == "COPY":
            assert not rest.startswith("--from"), "the image installs from the repository, not another stage"
            *sources, _dest = rest.split()
            for source in sources:
                assert (REPO / source).exists(), f"COPY {source}: not in the repository"
                copied.add(source.rstrip("/"))
    # pip install . needs pyproject.toml, its readme, and the package directories it maps.
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    needed = {"pyproject.toml", re.search(r'^readme = "([^"]+)"', pyproject, flags=re.M).group(1)}
    needed |= {d.split("/")[0] for d in re.findall(r'= "((?:server|shared_rules)[^"]*)"', pyproject)}
    assert needed <= copied, f"missing from COPY: {needed - copied}"
    # The build-context filter next to the Containerfile must let every COPY source through.
    ignore = (SERVER / "Containerfile.dockerignore").read_text(encoding="utf-8").splitlines()
    patterns = [line.strip() for line in ignore if line.strip() and not line.startswith("#")]
    assert patterns[0] == "*" and {f"!{c}" for c in copied} <= set(patterns)
    runs = [rest for word, rest in instructions if word == "RUN"]
    # Dependencies only from the hash-pinned lock, then the package itself with nothing left to fetch.
    # pip itself first, by hash (requirements/pip.in says why), then the lock.
    pip_first = [i for i, run in enumerate(runs) if re.match(r"pip install --require-hashes -r requirements/pip\.txt$", run)]
    lock = [i for i, run in enumerate(runs) if re.match(r"pip install --require-hashes -r requirements/lock\.txt$", run)]
    assert pip_first and lock and pip_first[0] < lock[0]
    assert any(re.match(r"pip install --no-deps --no-build-isolation \.(\s|$)", run) for run in runs)
    assert not any(re.search(r"\bpip install (?!--require-hashes|--no-deps)", run) for run in runs)
    users = [rest for word, rest in instructions if word == "USER"]
    assert users and users[-1].split(":")[0] not in ("root", "0")
    assert ("EXPOSE", "8765") in instructions
    assert any(word == "HEALTHCHECK" and "/healthz" in rest for word, rest in instructions)


# The base image's digest, from docker-library/repo-info (repos/python/remote/3.11-slim.md at commit
# 2477d553d2fdfa57b4ec11f63c8376eca8b7a253): recorded there, not pulled here (no registry offline).
BASE_IMAGE = "python:3.11-slim@sha256:90744cff8f32887f075c47d747a173ff333e9e98801667af93c357fa9f5e28ff"


def test_container_base_image_is_pinned_by_digest():
    # A bare tag moves under the build: the same Containerfile would build on another base tomorrow.
    (base,) = [rest for word, rest in containerfile_instructions() if word == "FROM"]
    assert re.fullmatch(r"[\w.:/-]+@sha256:[0-9a-f]{64}", base), f"FROM {base}: pin the base image by digest"
    assert "docker-library/repo-info" in (SERVER / "Containerfile").read_text(encoding="utf-8"), \
        "say where the digest comes from"
    assert BASE_IMAGE.split("@")[1] in README.read_text(encoding="utf-8")


def container_files() -> dict[str, Path]:
    """{path in the image: file in the repository} for every COPY of a single file to an absolute path."""
    files = {}
    for word, rest in containerfile_instructions():
        if word == "COPY":
            *sources, dest = rest.split()
            if len(sources) == 1 and dest.startswith("/"):
                files[dest] = REPO / sources[0]
    return files


def test_container_default_command_needs_only_what_is_in_the_image():
    # Before: CMD named /etc/phiguard/phiguard.toml, which was not in the image, and the example config
    # it suggested mounting needs a rule pack that is not there either.
    instructions = dict((w, r) for w, r in containerfile_instructions() if w in ("ENTRYPOINT", "CMD"))
    args = serve_args(json.loads(instructions["ENTRYPOINT"])[1:] + json.loads(instructions["CMD"]))
    files = container_files()
    assert args.config in files, f"--config {args.config} is not in the image"
    config = read_config_file(files[args.config])
    assert config["RULE_PACKS"] == [], "the image holds no organisation rule pack"
    assert config["ENFORCEMENT"] == "warn"
    assert "ALLOWED_HOSTS" not in config or "*" in config["ALLOWED_HOSTS"] or "localhost" in config["ALLOWED_HOSTS"], \
        "the image's own health check calls http://127.0.0.1:8765 / localhost"
    load_rule_set(config["RULE_PACKS"])


def test_container_command_is_a_token_protected_server():
    instructions = dict((w, r) for w, r in containerfile_instructions() if w in ("ENTRYPOINT", "CMD"))
    entrypoint, cmd = json.loads(instructions["ENTRYPOINT"]), json.loads(instructions["CMD"])
    argv = entrypoint + cmd
    assert argv[0] == "phiguard"
    args = serve_args(argv[1:])
    assert not _is_loopback(args.host)
    assert args.token_file and args.token_file.startswith("/run/secrets/")
    assert "--token-file" in entrypoint, "the token is not something a `podman run ... ARGS` can drop by accident"
    assert args.config == "/etc/phiguard/phiguard.toml" and args.port == 8765


def nginx_directives() -> list[str]:
    text = (SERVER / "nginx.conf").read_text(encoding="utf-8")
    return [line.split("#", 1)[0].strip() for line in text.splitlines() if line.split("#", 1)[0].strip()]


def _size(value: str) -> int:
    m = re.fullmatch(r"(\d+)([kKmM]?)", value)
    return int(m.group(1)) * {"": 1, "k": 1024, "m": 1024 * 1024}[m.group(2).lower()]


def test_nginx_config_terminates_tls_and_balances_over_phiguard():
    lines = nginx_directives()
    body = "\n".join(lines)
    assert body.count("{") == body.count("}")
    assert all(line.endswith(("{", "}", ";")) for line in lines), "every directive ends with ;"
    assert "upstream phiguard {" in lines
    assert sum(1 for line in lines if line.startswith("server ") and re.match(r"server \S+:\d+", line)) >= 2
    assert any(re.fullmatch(r"listen (\[::\]:)?443 ssl;", line) for line in lines)
    assert any(line.startswith("ssl_certificate ") for line in lines)
    assert any(line.startswith("ssl_certificate_key ") for line in lines)
    assert "ssl_protocols       TLSv1.2 TLSv1.3;" in lines or "ssl_protocols TLSv1.2 TLSv1.3;" in lines
    assert "return 301 https://$host$request_uri;" in lines
    assert lines.count("proxy_pass http://phiguard;") >= 1
    assert "proxy_set_header Host $host;" in lines
    assert "location = /healthz {" in lines
    # Post text and the token never reach a log.
    assert "$request_body" not in body and "$http_authorization" not in body
    # Big enough for PHI Guard's own limit (its JSON 413), long enough for the extension's 30 s rewrite wait.
    (limit,) = [line.split()[1].rstrip(";") for line in lines if line.startswith("client_max_body_size")]
    assert _size(limit) >= DEFAULTS["MAX_CONTENT_LENGTH"]
    (timeout,) = [line.split()[1].rstrip(";") for line in lines if line.startswith("proxy_read_timeout")]
    assert int(timeout.rstrip("s")) >= 30


def nginx_upstream_hosts() -> list[str]:
    lines = nginx_directives()
    start = lines.index("upstream phiguard {")
    end = lines.index("}", start)
    return [re.match(r"server (\S+):\d+", line).group(1).strip("[]") for line in lines[start + 1:end]
            if line.startswith("server ")]


def test_nginx_sends_posts_upstream_over_loopback_or_tls():
    # PHI Guard speaks plain HTTP: an upstream on another host would carry posts and the token in clear.
    lines = nginx_directives()
    hosts = nginx_upstream_hosts()
    assert hosts, "the upstream block names no PHI Guard process"
    over_tls = all(line == "proxy_pass https://phiguard;" for line in lines if line.startswith("proxy_pass "))
    if over_tls:
        assert "proxy_ssl_verify on;" in lines, "a TLS upstream whose certificate is not checked is no protection"
    else:
        remote = [h for h in hosts if not (h == "localhost" or ipaddress.ip_address(h).is_loopback)]
        assert remote == [], f"plain-HTTP upstreams beyond loopback: {remote}"


def test_nginx_keeps_request_bodies_in_memory():
    # A body larger than client_body_buffer_size is written to a temporary file: a post on disk.
    lines = nginx_directives()
    (buffer,) = [line.split()[1].rstrip(";") for line in lines if line.startswith("client_body_buffer_size")]
    (limit,) = [line.split()[1].rstrip(";") for line in lines if line.startswith("client_max_body_size")]
    assert _size(buffer) >= _size(limit)
    assert "client_body_in_file_only on;" not in lines


# ---- phiguard.toml ---------------------------------------------------------------------------

TOML = SERVER / "phiguard.toml"


def test_server_config_loads_and_names_no_token():
    config = read_config_file(TOML)
    assert set(config) == {"SPACY_MODEL", "RULE_PACKS", "MAX_CONTENT_LENGTH", "CONNECTION_LIMIT", "CHANNEL_TIMEOUT",
                           "ALLOWED_HOSTS", "CORS_ORIGINS", "ENFORCEMENT"}
    assert "API_TOKEN" not in config and "token" not in TOML.read_text(encoding="utf-8").split("#")[0].lower()
    assert config["ENFORCEMENT"] in MANAGED_SCHEMA["properties"]["enforcement"]["enum"]
    assert config["ENFORCEMENT"] == settings_sources()["chrome/linux/phiguard.json"]["enforcement"]
    assert isinstance(config["MAX_CONTENT_LENGTH"], int) and config["MAX_CONTENT_LENGTH"] > 0


def test_server_config_admits_the_extension_and_the_policy_server_name():
    config = read_config_file(TOML)
    origins = [re.compile(f"^{o}$") for o in config["CORS_ORIGINS"]]
    allowed = lambda origin: any(o.match(origin) for o in origins)  # noqa: E731
    assert allowed(f"chrome-extension://{CHROME_ID}")
    assert allowed("moz-extension://0b7a1c2e-1234-4d5e-9f00-abcdefabcdef")
    assert not allowed("chrome-extension://" + "a" * 32)
    assert not allowed("https://phiguard.example.org") and not allowed("null")
    server_host = urlsplit(settings_sources()["chrome/linux/phiguard.json"]["serverUrl"]).hostname
    assert server_host in config["ALLOWED_HOSTS"]
    assert {"127.0.0.1", "localhost"} <= set(config["ALLOWED_HOSTS"]), "local health checks must pass"


def install_like_the_readme(tmp_path: Path) -> Path:
    """/etc/phiguard/phiguard.toml with the example pack in /etc/phiguard/rules/<name>, as deploy/README.md says."""
    etc = tmp_path / "etc" / "phiguard"
    etc.mkdir(parents=True)
    shutil.copy(TOML, etc / "phiguard.toml")
    for relative in read_config_file(TOML)["RULE_PACKS"]:
        name = Path(relative).name
        shutil.copytree(EXAMPLE_PACK, etc / "rules" / name)
    return etc / "phiguard.toml"


def test_server_config_rule_packs_load_in_the_documented_layout(tmp_path):
    config = read_config_file(install_like_the_readme(tmp_path))
    assert all(Path(p).is_dir() for p in config["RULE_PACKS"])
    rule_set = load_rule_set(config["RULE_PACKS"])
    assert [p.name for p in rule_set.packs] == ["phiguard-core", "northshire-trust"]


@pytest.mark.slow
def test_central_server_answers_the_extension_and_refuses_others(tmp_path):
    from phiguard.app import create_app

    config = read_config_file(install_like_the_readme(tmp_path))
    token = "t" * 32
    app = create_app({**config, "API_TOKEN": token, "TESTING": True})
    client = app.test_client()
    host = urlsplit(settings_sources()["chrome/linux/phiguard.json"]["serverUrl"]).hostname
    assert client.get("/healthz", headers={"Host": host}).status_code == 200
    assert client.get("/healthz", headers={"Host": "evil.example"}).status_code == 403
    origin = f"chrome-extension://{CHROME_ID}"
    body = {"text": "My client on Bluebell, NS-123456K, has had a stroke."}
    answer = client.post("/v1/analyze", json=body, headers={"Host": host, "Origin": origin,
                                                            "Authorization": f"Bearer {token}"})
    assert answer.status_code == 200 and answer.headers["Access-Control-Allow-Origin"] == origin
    found = {(body["text"][f["start"]:f["end"]], f["type"]) for f in answer.get_json()["findings"]}
    assert {("Bluebell", "FACILITY"), ("NS-123456K", "MEDICAL_RECORD_NUMBER")} <= found
    assert client.post("/v1/analyze", json=body, headers={"Host": host, "Origin": origin}).status_code == 401
    other = client.post("/v1/analyze", json=body, headers={"Host": host, "Origin": "chrome-extension://" + "b" * 32,
                                                           "Authorization": f"Bearer {token}"})
    assert other.status_code == 403


# ---- rule packs -------------------------------------------------------------------------------

def pack_dirs() -> list[Path]:
    extra = [Path(p) for p in os.environ.get("PHIGUARD_DEPLOY_PACKS", "").split(os.pathsep) if p]
    return [EXAMPLE_PACK, *extra]


PACKS = pack_dirs()
PACK_FILES = [(d, f) for d in PACKS for f in sorted(d.rglob("*.json"))]


@pytest.mark.parametrize("pack,path", PACK_FILES, ids=[f"{d.name}/{f.relative_to(d)}" for d, f in PACK_FILES])
def test_rule_pack_file_matches_the_pack_schema(pack, path):
    errors = [e.message for e in Draft202012Validator(PACK_SCHEMA).iter_errors(json.loads(path.read_text(encoding="utf-8")))]
    assert errors == []


def own_rules(pack: Path):
    rule_set = load_rule_set([pack])
    return [r for r in rule_set.rules if Path(r.source).resolve().is_relative_to(pack.resolve())]


def rules_for_collection(pack: Path):
    """A pack that does not load gets no vector tests; test_every_pack_rule_has_a_positive_vector reports why."""
    try:
        return own_rules(pack)
    except (RulePackError, OSError, ValueError):
        return []


PACK_RULES = [(d, r) for d in PACKS for r in rules_for_collection(d)]
MATCH_CASES = [(r, v) for _, r in PACK_RULES for v in r.vectors.get("match", [])]
NO_MATCH_CASES = [(r, t) for _, r in PACK_RULES for t in r.vectors.get("no_match", [])]


def test_example_pack_loads_after_the_core_pack():
    rule_set = load_rule_set([EXAMPLE_PACK])
    assert [p.name for p in rule_set.packs] == ["phiguard-core", "northshire-trust"]
    assert len(own_rules(EXAMPLE_PACK)) >= 4


@pytest.mark.parametrize("pack", PACKS, ids=lambda d: d.name)
def test_every_pack_rule_has_a_positive_vector(pack):
    rules = own_rules(pack)
    assert rules, f"{pack} adds no rules"
    assert [r.id for r in rules if not r.vectors.get("match")] == []


@pytest.mark.parametrize("rule,vector", MATCH_CASES, ids=[f"{r.id}:{v['text'][:30]}" for r, v in MATCH_CASES])
def test_pack_rule_matches_its_vector(rule, vector):
    text = vector["text"]
    assert [text[m.start:m.end] for m in sorted(match_rule(rule, text), key=lambda m: m.start)] == vector["spans"]


@pytest.mark.parametrize("rule,text", NO_MATCH_CASES, ids=[f"{r.id}:{t[:30]}" for r, t in NO_MATCH_CASES])
def test_pack_rule_does_not_match_its_counter_example(rule, text):
    assert [text[m.start:m.end] for m in match_rule(rule, text)] == []


def test_example_pack_changes_what_is_found():
    from phiguard.detection.rule_only import analyze_with_rules

    core, trust = load_rule_set(), load_rule_set([EXAMPLE_PACK])

    def found(text, rule_set):
        return {(text[f.start:f.end], f.entity, f.severity) for f in analyze_with_rules(text, rule_set).findings}

    post = "My client on Bluebell, NS-123456K, has had a stroke."
    assert {("Bluebell", "FACILITY", "medium"), ("NS-123456K", "MEDICAL_RECORD_NUMBER", "high")} <= found(post, trust)
    assert not {f for f in found(post, core) if f[0] in ("Bluebell", "NS-123456K")}
    case = "Her Mosaic ID 1234567 is on the referral."
    assert ("1234567", "CASE_REFERENCE", "high") in found(case, trust)
    # "Hub" joins the core facility words; the allow-list keeps the trust's public website unflagged.
    assert ("Fellside Hub", "FACILITY", "medium") in found("My client goes to the Fellside Hub on Tuesdays.", trust)
    hub = "My client used the Northshire Wellbeing Hub website for advice."
    assert not {f for f in found(hub, trust) if "Hub" in f[0]}


def test_example_pack_allow_list_is_what_keeps_the_website_unflagged(tmp_path):
    from phiguard.detection.rule_only import analyze_with_rules

    copy = tmp_path / "pack"
    shutil.copytree(EXAMPLE_PACK, copy)
    header = json.loads((copy / "pack.json").read_text(encoding="utf-8"))
    header.pop("allow")
    (copy / "pack.json").write_text(json.dumps(header), encoding="utf-8")
    hub = "My client used the Northshire Wellbeing Hub website for advice."
    findings = analyze_with_rules(hub, load_rule_set([copy])).findings
    assert "Northshire Wellbeing Hub" in [hub[f.start:f.end] for f in findings]


# ---- the README --------------------------------------------------------------------------------

def readme_table_keys(text: str) -> list[str]:
    sys.path.insert(0, str(DEPLOY / "tools"))
    try:
        import managed_keys_table
    finally:
        sys.path.remove(str(DEPLOY / "tools"))
    start, end = text.index(managed_keys_table.START), text.index(managed_keys_table.END)
    rows = [line for line in text[start:end].splitlines() if line.startswith("| `")]
    return [re.match(r"\| `([^`]+)` \|", row).group(1) for row in rows]


def test_readme_table_lists_exactly_the_schema_keys():
    keys = readme_table_keys(README.read_text(encoding="utf-8"))
    assert keys == list(MANAGED_SCHEMA["properties"])


def test_readme_table_is_the_generated_one():
    sys.path.insert(0, str(DEPLOY / "tools"))
    try:
        import managed_keys_table
    finally:
        sys.path.remove(str(DEPLOY / "tools"))
    assert managed_keys_table.block() in README.read_text(encoding="utf-8"), \
        "run: python3 deploy/tools/managed_keys_table.py --write"


def test_readme_table_check_notices_a_missing_key():
    text = README.read_text(encoding="utf-8")
    broken = re.sub(r"^\| `supportUrl` \|.*\n", "", text, flags=re.M)
    assert readme_table_keys(broken) != list(MANAGED_SCHEMA["properties"])


def test_readme_links_point_at_files_in_the_kit():
    text = README.read_text(encoding="utf-8")
    targets = {t.split("#")[0] for t in re.findall(r"\]\(([^)#][^)]*)\)", text) if not t.startswith("http")}
    missing = sorted(t for t in targets if not (DEPLOY / t).exists())
    assert missing == []
    anchors = set(re.findall(r"\]\(#([^)]+)\)", text))
    headings = {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-")
                for h in re.findall(r"^#+ (.+)$", text, flags=re.M)}
    assert sorted(anchors - headings) == []
