"""The server as shipped: `phiguard serve` under waitress, over real HTTP on loopback."""

import json
import time
import urllib.error
import urllib.request

import pytest


@pytest.fixture(scope="module")
def served(tmp_path_factory, serving):
    with serving(tmp_path_factory.mktemp("serve")) as (port, log):
        yield f"http://127.0.0.1:{port}", log


def _post(url, body, headers=None):
    req = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json",
                                                                                **(headers or {})})
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.status, json.loads(r.read())


def test_health_analyze_and_rewrite_over_http(served):
    base, _ = served
    status, body = _post(base + "/v1/analyze", {"text": "My client Sandra, 81, lives in Whitby 😀"})
    assert status == 200 and body["risk"] == "high"
    status, body = _post(base + "/v1/rewrite", {"text": "I have a client with PTSD and am wondering what might help?"})
    assert status == 200 and body["suggestions"]


def test_errors_are_json_over_http(served):
    base, _ = served
    with pytest.raises(urllib.error.HTTPError) as e:
        _post(base + "/v1/analyze", {"txt": "x"})
    assert e.value.code == 400 and json.loads(e.value.read())["error"]["code"] == "missing_text"


def test_server_log_holds_no_post_text(served):
    base, log = served
    _post(base + "/v1/analyze", {"text": "My patient Bartholomew Quince lives in Tobermory"})
    time.sleep(0.2)
    text = log.read_text()
    assert "analyze chars=" in text
    assert "Bartholomew" not in text and "Tobermory" not in text
