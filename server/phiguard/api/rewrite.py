"""POST /v1/rewrite: anonymised rephrasings of one post, best first."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify

from . import operations
from .read_request import json_body

bp = Blueprint("rewrite", __name__)


@bp.post("/v1/rewrite")
def rewrite():
    state = current_app.extensions["phiguard"]
    return jsonify(operations.rewrite(json_body(), state.analyzer, state.scheduler,
                                      current_app.config["REWRITE_MAX_CHARS"]))
