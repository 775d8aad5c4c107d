"""The API's operations, whatever carries them: the HTTP blueprints and the native-messaging host
(phiguard.native_host) both call these, so both validate a request the same way, give the same
error codes and answer with the same JSON bodies (offsets in UTF-16 code units)."""

from __future__ import annotations

import logging
import time
from contextlib import contextmanager

from .. import __version__
from ..text_offsets import Utf16Offsets
from .errors import ApiError
from .read_request import optional_string, text_field

log = logging.getLogger("phiguard.api")


def post_fields(body: dict) -> str:
    """The text of an analyze or rewrite request, once the whole request has been checked."""
    text = text_field(body)
    optional_string(body, "site")
    return text


def assessment_json(text: str, assessment, replacements=None) -> dict:
    """replacements: one tuple per finding, computed in context (rewrite.span_replacements); else each finding's own."""
    offsets = Utf16Offsets(text)
    replacements = replacements or [f.replacements for f in assessment.findings]
    return {
        "risk": assessment.risk,
        "summary": assessment.summary,
        "findings": [
            {"start": offsets.to_utf16(f.start), "end": offsets.to_utf16(f.end), "type": f.entity,
             "severity": f.severity, "score": f.score, "explanation": f.explanation,
             "replacements": list(fixes)}
            for f, fixes in zip(assessment.findings, replacements)
        ],
    }


@contextmanager
def _engine(analyzer, scheduler, text: str):
    """The HTTP server's scheduler (a budget, the queue, long posts in pieces) when there is one; the
    native host answers one request at a time and uses the analyzer directly."""
    if scheduler is None:
        yield analyzer
    else:
        with scheduler.request(text) as queued:
            yield queued


def analyze(body: dict, analyzer, scheduler=None) -> dict:
    text = post_fields(body)
    started = time.perf_counter()
    with _engine(analyzer, scheduler, text) as engine:
        assessment = engine.analyze(text)
    # Counts and timings only: the post itself must never reach a log.
    log.info("analyze chars=%d findings=%d risk=%s ms=%.1f", len(text), len(assessment.findings),
             assessment.risk, (time.perf_counter() - started) * 1000)
    return analysis_json(text, assessment, analyzer)


def analysis_json(text: str, assessment, analyzer) -> dict:
    """The analysis with each finding's replacements computed on its phrase in context: what /v1/analyze,
    the native host, `phiguard check` and `phiguard scan` all answer."""
    from ..rewrite.span_replacements import replacements_in_context

    return assessment_json(text, assessment, replacements_in_context(text, assessment, analyzer.rule_set))


# Answered once when the engine is built (app.shared_analyzer): spaCy, the recognizers, the risk
# assessment and the fixes in context each set themselves up on their first post (about 90 ms of
# the first check, measured), and the first post is the one a user waits on for the first
# underlines. A client, an age, a place, a date and direct identifiers, so every kind of
# recognizer and of fix runs.
WARM_UP_TEXT = ("My client Sam, 40, was seen at the clinic in Leeds on 3 March; "
                "email sam@example.com, phone 07700 900123, NHS number 401 023 2137.")


def warm_up(analyzer) -> dict:
    """The analysis of WARM_UP_TEXT, as /v1/analyze would answer it, so no user's post pays for the first-call set-up."""
    return analysis_json(WARM_UP_TEXT, analyzer.analyze(WARM_UP_TEXT), analyzer)


def rewrite(body: dict, analyzer, scheduler=None, max_chars: int | None = None) -> dict:
    from ..rewrite.rewrite_post import rewrite_json

    text = post_fields(body)
    if max_chars is not None and len(text) > max_chars:
        raise ApiError(413, "text_too_long", f"Posts over {max_chars} characters are checked but not rewritten "
                       "as a whole; fix each underlined detail with its own suggestion.")
    started = time.perf_counter()
    with _engine(analyzer, scheduler, text) as engine:
        result = rewrite_json(text, engine)
    log.info("rewrite chars=%d suggestions=%d ms=%.1f", len(text), len(result["suggestions"]),
             (time.perf_counter() - started) * 1000)
    return result


def health(analyzer) -> dict:
    """`state` is "ready" once the engine is built; the native host, which builds it on first use,
    answers "starting" (and "model": null) before that rather than making the caller wait."""
    if analyzer is None:
        return {"status": "ok", "version": __version__, "model": None, "state": "starting"}
    return {"status": "ok", "version": __version__, "model": analyzer.model_name, "state": "ready"}


def policy(analyzer, enforcement: str, auth_required: bool) -> dict:
    rules = analyzer.rule_set
    return {
        "version": __version__,
        "enforcement": enforcement,
        "auth_required": auth_required,
        "rule_packs": [{"name": p.name, "version": p.version, "description": p.description} for p in rules.packs],
        "context_scope": rules.settings.get("context_scope", "post"),
        "model": analyzer.model_name,
    }
