"""Every endpoint against hostile input: a 2xx or a clear JSON 4xx, never a 5xx, and the server keeps serving."""

import json

import pytest

ENDPOINTS = ["/v1/analyze", "/v1/rewrite"]
TEXTS = {
    "empty": "",
    "whitespace": " \n\t ",
    "nul bytes": "My client\x00 Sandra\x00, 81",
    "rtl": "مريضي أحمد في ليدز My client Sandra, 81 שלום",
    "zero-width joiners": "My client 👩‍👩‍👧‍👦 San\u200bdra\u200d, 81, in Whit\u200cby",
    "combining marks": "My client Zoe\u0308 Sa\u0301ndra, 81, in Whi\u0300tby",
    "10,000 emoji": "😀" * 10_000,
    "bom and controls": "\ufeffMy client\u0007 Sandra\u001b, 81",
    "very long word": "a" * 60_000,
    "many lines": "My client Sandra\n" * 3000,
}
RAW_BODIES = {
    "not json": (b"text=hello", "application/json"),
    "json array": (b"[]", "application/json"),
    "json number": (b"42", "application/json"),
    "text is a list": (b'{"text": ["a"]}', "application/json"),
    "text is an object": (b'{"text": {"a": 1}}', "application/json"),
    "deeply nested": (b'{"text": ' + b"[" * 5000 + b"]" * 5000 + b"}", "application/json"),
    "lone surrogate": (b'{"text": "\\udc00 My client Sandra, 81"}', "application/json"),
    "invalid utf-8": (b'{"text": "\xc3\x28"}', "application/json"),
    "1 MB body": (json.dumps({"text": "x" * 1_000_000}).encode(), "application/json"),
    "wrong content type": (b'{"text": "hi"}', "text/plain"),
    "no content type": (b'{"text": "hi"}', ""),
}


def _assert_clean(r):
    assert r.status_code < 500, r.get_data(as_text=True)[:200]
    assert r.is_json
    if r.status_code >= 400:
        assert r.get_json()["error"]["message"]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("name", list(TEXTS))
def test_hostile_text(client, endpoint, name):
    r = client.post(endpoint, json={"text": TEXTS[name]})
    _assert_clean(r)
    if r.status_code == 200 and endpoint == "/v1/analyze":
        units = len(TEXTS[name].encode("utf-16-le", "surrogatepass")) // 2
        assert all(0 <= f["start"] < f["end"] <= units for f in r.get_json()["findings"])


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("name", list(RAW_BODIES))
def test_hostile_body(client, endpoint, name):
    body, content_type = RAW_BODIES[name]
    r = client.post(endpoint, data=body, headers={"Content-Type": content_type} if content_type else {})
    _assert_clean(r)


def test_server_keeps_serving_after_the_matrix(client):
    for body, content_type in RAW_BODIES.values():
        client.post("/v1/analyze", data=body, headers={"Content-Type": content_type})
    r = client.post("/v1/analyze", json={"text": "My client Sandra, 81, lives in Whitby."})
    assert r.status_code == 200 and r.get_json()["risk"] == "high"
