"""POST /v1/rewrite: anonymised rephrasings of one post, best first."""

from __future__ import annotations

import logging
import time

from flask import Blueprint, current_app, jsonify

from ..rewrite.rewrite_post import rewrite_json
from .read_request import post_text

bp = Blueprint("rewrite", __name__)
log = logging.getLogger("phiguard.api")


@bp.post("/v1/rewrite")
def rewrite():
    text = post_text()
    started = time.perf_counter()
    result = rewrite_json(text, current_app.extensions["phiguard"].analyzer)
    log.info("rewrite chars=%d suggestions=%d ms=%.1f", len(text), len(result["suggestions"]),
             (time.perf_counter() - started) * 1000)
    return jsonify(result)
