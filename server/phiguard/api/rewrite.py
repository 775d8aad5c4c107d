"""POST /v1/rewrite: anonymised rephrasings of one post, best first."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify

from . import operations
from .read_request import json_body

bp = Blueprint("rewrite", __name__)


@bp.post("/v1/rewrite")
def rewrite():
    return jsonify(operations.rewrite(json_body(), current_app.extensions["phiguard"].analyzer))
