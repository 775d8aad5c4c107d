"""The HTTP API v1 contract the extension and score.py depend on, including every error status."""

import json

import pytest

EXTENSION = "chrome-extension://gfndljdmplkkpabcdkanfdchleockfhp"  # PHI Guard's id (extension/chrome_key.json)
OTHER_EXTENSION = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
FIREFOX = "moz-extension://3f2a8c51-1b2c-4d5e-8f90-1234567890ab"
FINDING_KEYS = {"start", "end", "type", "severity", "score", "explanation", "replacements"}


def test_analyze_shape(client):
    r = client.post("/v1/analyze", json={"text": "My client Sandra, 81, keeps falling in Whitby.", "site": "facebook"})
    assert r.status_code == 200 and r.is_json
    body = r.get_json()
    assert body["risk"] == "high"
    assert isinstance(body["summary"], str) and body["summary"]
    for f in body["findings"]:
        assert set(f) == FINDING_KEYS
        assert f["severity"] in {"low", "medium", "high"}
        assert isinstance(f["score"], float) and 0 <= f["score"] <= 1
        assert isinstance(f["replacements"], list) and all(isinstance(x, str) for x in f["replacements"])
        assert f["explanation"]
    assert [f["start"] for f in body["findings"]] == sorted(f["start"] for f in body["findings"])


def test_analyze_safe_post_has_no_findings(client):
    r = client.post("/v1/analyze", json={"text": "Thanks to Dr. Anita Rao for a fantastic keynote in Glasgow today."})
    assert r.get_json() == {"risk": "none", "summary": r.get_json()["summary"], "findings": []}


def test_empty_text_is_fine(client):
    assert client.post("/v1/analyze", json={"text": ""}).get_json()["risk"] == "none"


def test_healthz(client):
    body = client.get("/healthz").get_json()
    assert body["status"] == "ok" and body["version"] and "core_web_sm" in body["model"]


def test_policy_lists_packs_without_secrets():
    from phiguard.app import create_app

    app = create_app({"API_TOKEN": "s3cret-token-0123456789"})
    r = app.test_client().get("/v1/policy", headers={"Authorization": "Bearer s3cret-token-0123456789"})
    body = r.get_json()
    assert r.status_code == 200
    assert body["rule_packs"][0]["name"] == "phiguard-core" and body["enforcement"] == "warn"
    assert body["auth_required"] is True
    assert "s3cret" not in r.get_data(as_text=True)


def _error(r, status, code=None):
    assert r.status_code == status, r.get_data(as_text=True)
    assert r.is_json
    body = r.get_json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"} and body["error"]["message"]
    if code:
        assert body["error"]["code"] == code
    assert "Traceback" not in r.get_data(as_text=True) and "<html" not in r.get_data(as_text=True).lower()


@pytest.mark.parametrize("path", ["/v1/analyze", "/v1/rewrite"])
@pytest.mark.parametrize("data,content_type,status,code", [
    ("{not json", "application/json", 400, "invalid_json"),
    ("[1, 2]", "application/json", 400, "invalid_body"),
    ("\"text\"", "application/json", 400, "invalid_body"),
    ("{}", "application/json", 400, "missing_text"),
    ('{"text": 42}', "application/json", 400, "invalid_text"),
    ('{"text": null}', "application/json", 400, "invalid_text"),
    ('{"text": ["a"]}', "application/json", 400, "invalid_text"),
    ('{"text": "ok", "site": 3}', "application/json", 400, "invalid_site"),
    ('{"text": NaN}', "application/json", 400, "invalid_json"),
    (b'{"text": "\xff"}', "application/json", 400, "invalid_json"),
    ('{"text": "hi"}', "text/plain", 415, "unsupported_media_type"),
    ('text=hi', "application/x-www-form-urlencoded", 415, "unsupported_media_type"),
])
def test_bad_input_gets_a_clear_json_error(client, path, data, content_type, status, code):
    _error(client.post(path, data=data, content_type=content_type), status, code)


def test_body_over_the_limit_is_413(client):
    _error(client.post("/v1/analyze", data=json.dumps({"text": "a" * 70_000}), content_type="application/json"),
           413, "payload_too_large")


def test_limit_is_configurable():
    from phiguard.app import create_app

    small = create_app({"MAX_CONTENT_LENGTH": 100}).test_client()
    _error(small.post("/v1/analyze", json={"text": "a" * 200}), 413)
    assert small.post("/v1/analyze", json={"text": "a" * 20}).status_code == 200


def test_deeply_nested_json_is_a_400_not_a_crash(client):
    _error(client.post("/v1/analyze", data="[" * 20_000 + "]" * 20_000, content_type="application/json"), 400)


def test_unknown_path_is_json_404(client):
    _error(client.get("/v2/analyze"), 404, "not_found")


def test_wrong_method_is_json_405(client):
    r = client.get("/v1/analyze")
    _error(r, 405, "method_not_allowed")
    assert "POST" in r.headers["Allow"]


@pytest.mark.parametrize("origin", [EXTENSION, FIREFOX])
def test_cors_allows_the_extension(client, origin):
    r = client.options("/v1/analyze", headers={"Origin": origin, "Access-Control-Request-Method": "POST",
                                               "Access-Control-Request-Headers": "content-type"})
    assert r.headers.get("Access-Control-Allow-Origin") == origin
    r = client.post("/v1/analyze", json={"text": "hello"}, headers={"Origin": origin})
    assert r.status_code == 200 and r.headers.get("Access-Control-Allow-Origin") == origin


@pytest.mark.parametrize("origin", ["https://www.facebook.com", "http://evil.example", "null",
                                    "chrome-extension://short", "moz-extension://not-a-uuid",
                                    # Before: any chrome-extension:// id was accepted, so any installed
                                    # extension could send text to the server.
                                    OTHER_EXTENSION, EXTENSION + ".evil.example"])
def test_web_pages_cannot_use_the_server(client, origin):
    r = client.post("/v1/analyze", json={"text": "hello"}, headers={"Origin": origin})
    _error(r, 403, "forbidden_origin")
    assert "Access-Control-Allow-Origin" not in r.headers
    preflight = client.options("/v1/analyze", headers={"Origin": origin, "Access-Control-Request-Method": "POST"})
    assert preflight.headers.get("Access-Control-Allow-Origin") in (None, "")
    assert "*" not in preflight.headers.get("Access-Control-Allow-Origin", "")


@pytest.mark.parametrize("host,status", [("127.0.0.1:8765", 200), ("localhost:8765", 200), ("[::1]:8765", 200),
                                         ("evil.example:8765", 403), ("127.0.0.1.nip.io", 403)])
def test_host_header_defeats_dns_rebinding(client, host, status):
    r = client.post("/v1/analyze", json={"text": "hello"}, headers={"Host": host})
    assert r.status_code == status


def test_token_required_when_configured():
    from phiguard.app import create_app

    c = create_app({"API_TOKEN": "correct-horse-battery-staple"}).test_client()
    _error(c.post("/v1/analyze", json={"text": "hi"}), 401, "unauthorized")
    _error(c.post("/v1/analyze", json={"text": "hi"}, headers={"Authorization": "Bearer wrong"}), 401)
    _error(c.post("/v1/analyze", json={"text": "hi"}, headers={"Authorization": "correct-horse-battery-staple"}), 401)
    ok = c.post("/v1/analyze", json={"text": "hi"}, headers={"Authorization": "Bearer correct-horse-battery-staple"})
    assert ok.status_code == 200
    assert c.get("/healthz").status_code == 200  # load balancers probe without the token


def test_public_bind_accepts_any_host_unless_configured(tmp_path, monkeypatch):
    from phiguard.app import create_app

    public = create_app({"PUBLIC_BIND": True, "API_TOKEN": "t" * 20}).test_client()
    ok = public.post("/v1/analyze", json={"text": "hi"}, headers={"Host": "phiguard.trust.example",
                                                                  "Authorization": "Bearer " + "t" * 20})
    assert ok.status_code == 200
    settings = tmp_path / "phiguard.toml"
    settings.write_text('allowed_hosts = ["phiguard.trust.example"]\n')
    monkeypatch.setenv("PHIGUARD_CONFIG", str(settings))
    configured = create_app({"PUBLIC_BIND": True, "API_TOKEN": "t" * 20}).test_client()
    assert configured.post("/v1/analyze", json={"text": "hi"}, headers={"Host": "other.example",
                                                                        "Authorization": "Bearer " + "t" * 20}).status_code == 403


def test_the_default_chrome_origin_is_the_id_of_the_extension_key():
    import importlib.util
    from pathlib import Path

    from phiguard.config import DEFAULTS

    tool = Path(__file__).resolve().parents[2] / "deploy" / "tools" / "extension_id.py"
    spec = importlib.util.spec_from_file_location("extension_id", tool)
    extension_id = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(extension_id)
    key = json.loads(extension_id.DEFAULT_KEY_FILE.read_text())["key"]
    chrome = [o for o in DEFAULTS["CORS_ORIGINS"] if o.startswith("chrome-extension://")]
    assert chrome == [f"chrome-extension://{extension_id.id_from_base64_key(key)}"]


def test_cors_origins_are_configurable():
    from phiguard.app import create_app

    client = create_app({"TESTING": True, "CORS_ORIGINS": [OTHER_EXTENSION]}).test_client()
    assert client.post("/v1/analyze", json={"text": "hi"}, headers={"Origin": OTHER_EXTENSION}).status_code == 200
    assert client.post("/v1/analyze", json={"text": "hi"}, headers={"Origin": EXTENSION}).status_code == 403
