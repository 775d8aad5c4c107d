"""GET /healthz and GET /v1/policy: what a load balancer and the extension's popup need to know."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify

from .. import __version__

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    state = current_app.extensions["phiguard"]
    return jsonify({"status": "ok", "version": __version__, "model": state.analyzer.model_name})


@bp.get("/v1/policy")
def policy():
    state = current_app.extensions["phiguard"]
    rules = state.rule_set
    return jsonify({
        "version": __version__,
        "enforcement": current_app.config["ENFORCEMENT"],
        "auth_required": bool(current_app.config.get("API_TOKEN")),
        "rule_packs": [{"name": p.name, "version": p.version, "description": p.description} for p in rules.packs],
        "context_scope": rules.settings.get("context_scope", "post"),
        "model": state.analyzer.model_name,
    })
