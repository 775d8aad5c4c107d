"""The phiguard command: check prints findings readably or as JSON; serve refuses unsafe binds."""

import json
import subprocess
import sys

import pytest

from phiguard.cli import build_parser, main

POST = "My client Sandra, 81, keeps falling in her bathroom in Whitby."


def test_check_prints_findings(capsys):
    assert main(["check", POST]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Risk: high.")
    assert "PERSON" in out and "'Sandra'" in out and "fixes:" in out


def test_check_json_matches_the_api(capsys, client):
    assert main(["check", "--json", POST]) == 0
    assert json.loads(capsys.readouterr().out) == client.post("/v1/analyze", json={"text": POST}).get_json()


def test_check_reads_stdin(monkeypatch, capsys):
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO(POST))
    assert main(["check", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["risk"] == "high"


def test_check_rewrite_prints_suggestions(capsys):
    assert main(["check", "--rewrite", POST]) == 0
    out = capsys.readouterr().out
    assert "Suggestion 1 (deidentify)" in out and "Whitby" not in out.split("Suggestion 1")[1]


def test_check_with_a_broken_pack_fails_cleanly(tmp_path, capsys):
    (tmp_path / "pack.json").write_text("{ not json")
    assert main(["check", "--rules", str(tmp_path), "hello"]) == 2
    err = capsys.readouterr().err
    assert "pack.json:1" in err and "not valid JSON" in err


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.10", "example.org"])
def test_serve_refuses_to_listen_beyond_loopback_without_a_token(host, capsys):
    assert main(["serve", "--host", host, "--port", "0"]) == 2
    assert "refusing to listen" in capsys.readouterr().err


def test_serve_rejects_a_short_token(tmp_path, capsys):
    token = tmp_path / "token"
    token.write_text("short")
    assert main(["serve", "--host", "0.0.0.0", "--token-file", str(token)]) == 2
    assert "at least 16" in capsys.readouterr().err


def test_serve_defaults_to_loopback():
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 8765)


def test_version():
    out = subprocess.run([sys.executable, "-m", "phiguard", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("phiguard ")
