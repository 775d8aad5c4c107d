"""The Flask application factory."""

from __future__ import annotations

import hmac
import logging
import re
import threading
from dataclasses import dataclass

from flask import Flask, request
from flask_cors import CORS

from .api import analyze, health, rewrite
from .api.analysis_scheduler import AnalysisScheduler
from .api.errors import error_response, register_error_handlers
from .config import DEFAULTS, settings_layers
from .rules import load_rule_set

_analyzers = {}
_analyzers_lock = threading.Lock()


@dataclass
class PhiGuardState:
    rule_set: object
    analyzer: object
    scheduler: AnalysisScheduler


def shared_analyzer(spacy_model: str, rule_packs=()):
    """One PostAnalyzer per (model, packs) per process: loading spaCy and compiling rules is the expensive
    part. Each has answered one post of its own (operations.warm_up) before anyone's."""
    from .api.operations import warm_up
    from .detection.analyze_post import PostAnalyzer

    key = (spacy_model, tuple(rule_packs))
    with _analyzers_lock:
        if key not in _analyzers:
            rule_set = load_rule_set(rule_packs)
            analyzer = PostAnalyzer(rule_set, spacy_model)
            warm_up(analyzer)
            _analyzers[key] = analyzer
        return _analyzers[key]


class _BelowWarning(logging.Filter):
    def filter(self, record):
        return record.levelno >= logging.WARNING


def silence_flask_cors_logs() -> None:
    """flask_cors logs every request's URL path (and its headers) at DEBUG; a path can carry a name, and
    DEBUG gets switched on when someone is debugging. Nothing below WARNING leaves its loggers. A filter
    acts only on its own logger's records, so it goes on each module's logger, not on "flask_cors"."""
    names = {"flask_cors", "flask_cors.core", "flask_cors.extension", "flask_cors.decorator"}
    names |= {name for name in logging.root.manager.loggerDict if name.startswith("flask_cors.")}
    for name in names:
        logger = logging.getLogger(name)
        if not any(isinstance(f, _BelowWarning) for f in logger.filters):
            logger.addFilter(_BelowWarning())


def create_app(config: dict | None = None) -> Flask:
    """Defaults, then the file named by PHIGUARD_CONFIG, then PHIGUARD_* variables, then `config` (tests, CLI)."""
    app = Flask("phiguard")
    app.config.update(DEFAULTS)
    layers = settings_layers(config)
    for layer in layers:
        app.config.update(layer)
    if app.config.get("PUBLIC_BIND") and not any("ALLOWED_HOSTS" in layer for layer in layers):
        # Served beyond loopback (behind a token) under names we cannot guess: accept any Host,
        # unless some layer of configuration named the allowed ones.
        app.config["ALLOWED_HOSTS"] = ["*"]
    app.json.sort_keys = False

    analyzer = shared_analyzer(app.config["SPACY_MODEL"], app.config["RULE_PACKS"])
    app.extensions["phiguard"] = PhiGuardState(analyzer.rule_set, analyzer,
                                               AnalysisScheduler.from_config(analyzer, app.config))

    origins = [re.compile(f"^{o}$") for o in app.config["CORS_ORIGINS"]]
    CORS(app, origins=origins, methods=["GET", "POST", "OPTIONS"],
         allow_headers=["Content-Type", "Authorization"], max_age=600)
    silence_flask_cors_logs()
    _guard_requests(app, origins)
    register_error_handlers(app)
    app.register_blueprint(health.bp)
    app.register_blueprint(analyze.bp)
    app.register_blueprint(rewrite.bp)
    return app


def _guard_requests(app: Flask, origins) -> None:
    allowed_hosts = {h.lower() for h in app.config["ALLOWED_HOSTS"]}
    token = app.config.get("API_TOKEN")

    @app.before_request
    def check_host_origin_token():
        # A web page must not be able to use the local server: a rebound DNS name fails the
        # Host check, and a page's Origin (anything but the extension's) fails the Origin check.
        host = _host_name(request.host)
        if "*" not in allowed_hosts and host not in allowed_hosts:
            return error_response(403, "forbidden_host", f"Host {host!r} is not allowed.")
        origin = request.headers.get("Origin")
        if origin and not any(o.match(origin) for o in origins):
            return error_response(403, "forbidden_origin", "Only the PHI Guard extension may call this server.")
        if token and request.path.startswith("/v1/") and request.method != "OPTIONS":
            sent = request.headers.get("Authorization", "")
            expected = f"Bearer {token}"
            if not hmac.compare_digest(sent.encode(), expected.encode()):
                return error_response(401, "unauthorized", "A valid 'Authorization: Bearer <token>' header is required.")
        return None


def _host_name(host: str) -> str:
    host = host.lower()
    if host.startswith("["):
        return host[1:host.index("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host
