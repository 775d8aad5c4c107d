"""POST /v1/analyze: findings and risk for one post, offsets in UTF-16 code units."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify

from . import operations
from .operations import analysis_json, assessment_json  # noqa: F401  (phiguard check and scan use them from here)
from .read_request import json_body

bp = Blueprint("analyze", __name__)


@bp.post("/v1/analyze")
def analyze():
    state = current_app.extensions["phiguard"]
    return jsonify(operations.analyze(json_body(), state.analyzer, state.scheduler))
