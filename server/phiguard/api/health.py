"""GET /healthz and GET /v1/policy: what a load balancer and the extension's popup need to know."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify

from . import operations

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    # The HTTP server builds its engine before it listens, so it is always "ready" here.
    return jsonify(operations.health(current_app.extensions["phiguard"].analyzer))


@bp.get("/v1/policy")
def policy():
    return jsonify(operations.policy(current_app.extensions["phiguard"].analyzer, current_app.config["ENFORCEMENT"],
                                     bool(current_app.config.get("API_TOKEN"))))
