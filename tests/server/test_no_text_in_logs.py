"""No post text reaches any log, at any level, from our code or Presidio's."""

import logging

POSTS = [
    "My client Sandra, 81, keeps falling in her bathroom in Whitby. Grab rails or a wet room?",
    "The NHS number on my client's referral is 401 023 2137, can admin check why it was rejected?",
    "Email my client at k.mcleod1985@yahoo.co.uk with the group timetable please.",
]
SECRETS = ["Sandra", "Whitby", "401 023 2137", "k.mcleod1985", "bathroom", "timetable"]


def test_analyze_and_rewrite_log_no_text(client, caplog):
    caplog.set_level(logging.DEBUG)
    for name in ("", "phiguard", "presidio-analyzer", "presidio-anonymizer", "werkzeug", "waitress", "flask_cors"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    for text in POSTS:
        assert client.post("/v1/analyze", json={"text": text}).status_code == 200
        assert client.post("/v1/rewrite", json={"text": text}).status_code == 200
    client.post("/v1/analyze", data='{"text": ' + '"Sandra', content_type="application/json")  # broken JSON
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert any(r.name == "phiguard.api" for r in caplog.records), "the API logs counts and timings"
    for secret in SECRETS:
        assert secret not in logged


def test_an_internal_error_logs_no_text(app, caplog, monkeypatch):
    caplog.set_level(logging.DEBUG)
    state = app.extensions["phiguard"]

    def boom(text):
        raise RuntimeError(f"failed on {text}")

    monkeypatch.setattr(state.analyzer, "analyze", boom)
    r = app.test_client().post("/v1/analyze", json={"text": POSTS[0]})
    assert r.status_code == 500 and r.get_json()["error"]["code"] == "internal_error"
    assert "Sandra" not in r.get_data(as_text=True)
    assert "Sandra" not in "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)


def test_flask_cors_logs_no_url_paths_even_at_debug(client, caplog):
    # Before: flask_cors.extension logged "Request to '/v1/...' matches CORS resource" for every request.
    caplog.set_level(logging.DEBUG)
    for name in ("flask_cors", "flask_cors.extension", "flask_cors.core", "flask_cors.decorator"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    origin = {"Origin": "chrome-extension://gfndljdmplkkpabcdkanfdchleockfhp"}
    client.post("/v1/analyze", json={"text": "hello"}, headers=origin)
    client.options("/v1/analyze", headers={**origin, "Access-Control-Request-Method": "POST"})
    client.get("/v1/Sandra-Whitby", headers=origin)  # a path may itself carry a name
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("flask_cors"))
    assert "/v1/" not in logged and "Sandra" not in logged
