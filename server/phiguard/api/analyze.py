"""POST /v1/analyze: findings and risk for one post, offsets in UTF-16 code units."""

from __future__ import annotations

import logging
import time

from flask import Blueprint, current_app, jsonify

from ..text_offsets import Utf16Offsets
from .read_request import post_text

bp = Blueprint("analyze", __name__)
log = logging.getLogger("phiguard.api")


def assessment_json(text: str, assessment) -> dict:
    offsets = Utf16Offsets(text)
    return {
        "risk": assessment.risk,
        "summary": assessment.summary,
        "findings": [
            {"start": offsets.to_utf16(f.start), "end": offsets.to_utf16(f.end), "type": f.entity,
             "severity": f.severity, "score": f.score, "explanation": f.explanation,
             "replacements": list(f.replacements)}
            for f in assessment.findings
        ],
    }


@bp.post("/v1/analyze")
def analyze():
    text = post_text()
    started = time.perf_counter()
    assessment = current_app.extensions["phiguard"].analyzer.analyze(text)
    # Counts and timings only: the post itself must never reach a log.
    log.info("analyze chars=%d findings=%d risk=%s ms=%.1f", len(text), len(assessment.findings),
             assessment.risk, (time.perf_counter() - started) * 1000)
    return jsonify(assessment_json(text, assessment))
