"""The phiguard command: check prints findings readably or as JSON; serve refuses unsafe binds."""

import json
import subprocess
import sys

import pytest
from phiguard.cli import build_parser, main

POST = "My client Sandra, 81, keeps falling in her bathroom in Whitby."


def test_check_prints_findings(capsys):
    assert main(["check", POST]) == 1
    out = capsys.readouterr().out
    assert out.startswith("Risk: high.")
    assert "PERSON" in out and "'Sandra'" in out and "fixes:" in out


def test_check_json_matches_the_api(capsys, client):
    assert main(["check", "--json", POST]) == 1
    assert json.loads(capsys.readouterr().out) == client.post("/v1/analyze", json={"text": POST}).get_json()


def test_check_reads_stdin(monkeypatch, capsys):
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO(POST))
    assert main(["check", "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["risk"] == "high"


def test_check_rewrite_prints_suggestions(capsys):
    assert main(["check", "--rewrite", POST]) == 1
    out = capsys.readouterr().out
    assert "Suggestion 1 (deidentify)" in out and "Whitby" not in out.split("Suggestion 1")[1]


@pytest.mark.parametrize("text,fail_on,code", [
    (POST, None, 1),                      # high >= the default threshold, medium
    ("I have a client with PTSD and am wondering what interventions might help?", None, 1),   # medium
    ("I have a client with PTSD and am wondering what interventions might help?", "high", 0),
    ("Thanks to Dr. Anita Rao for a fantastic keynote today.", None, 0),                      # none
    ("Thanks to Dr. Anita Rao for a fantastic keynote today.", "low", 0),
    (POST, "high", 1),
])
def test_check_exits_non_zero_at_or_above_the_threshold(text, fail_on, code, capsys):
    # Before: exit 0 whatever the risk, so `phiguard check` could not gate a script.
    assert main(["check", text] + (["--fail-on", fail_on] if fail_on else [])) == code


def test_check_help_documents_the_exit_codes(capsys):
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "--fail-on" in out and "exit status" in out.lower()
    assert "0 " in out and "1 " in out and "2 " in out


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
    token.chmod(0o600)
    assert main(["serve", "--host", "0.0.0.0", "--token-file", str(token)]) == 2
    assert "at least 16" in capsys.readouterr().err


def test_serve_defaults_to_loopback():
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 8765)


def test_version():
    out = subprocess.run([sys.executable, "-m", "phiguard", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("phiguard ")


def test_scan_reports_risky_posts_in_order(tmp_path, capsys):
    archive = tmp_path / "posts.txt"
    archive.write_text("Anyone have resources on splinting?\nMy client Sandra, 81, lives in Whitby.\n\n"
                       "Line one\\nMy patient's NHS number is 401 023 2137\n", encoding="utf-8")
    assert main(["scan", "--quiet", "--json", str(archive)]) == 0
    out, err = capsys.readouterr()
    report = [json.loads(line) for line in out.splitlines()]
    # "post" counts posts; "line" is where the post is in the file (the blank line is not a post).
    assert [(r["post"], r["line"], r["risk"]) for r in report] == [(2, 2, "high"), (3, 4, "high")]
    assert "text" not in report[0]
    assert json.loads(err.strip().splitlines()[-1])["by_risk"] == {"none": 1, "low": 0, "medium": 0, "high": 2}


@pytest.mark.parametrize("suffix,content", [
    (".jsonl", '{"text": "My client Sandra, 81, lives in Whitby."}\n{"text": "Happy OT week!"}\n'),
    (".csv", 'id,text\n1,"My client Sandra, 81, lives in Whitby."\n2,Happy OT week!\n'),
])
def test_scan_reads_jsonl_and_csv(tmp_path, capsys, suffix, content):
    archive = tmp_path / f"posts{suffix}"
    archive.write_text(content, encoding="utf-8")
    out_file = tmp_path / "report.jsonl"
    assert main(["scan", "-q", "--min-risk", "none", "-o", str(out_file), str(archive)]) == 0
    assert [json.loads(line)["risk"] for line in out_file.read_text().splitlines()] == ["high", "none"]


def test_scan_of_a_bad_jsonl_names_the_line(tmp_path, capsys):
    archive = tmp_path / "posts.jsonl"
    archive.write_text('{"text": "fine"}\n{"txt": "oops"}\n', encoding="utf-8")
    assert main(["scan", "-q", str(archive)]) == 2
    assert "posts.jsonl:2" in capsys.readouterr().err


def test_batch_and_single_analysis_agree(analyzer):
    posts = ["My client Sandra, 81, lives in Whitby.", "Thanks Dr Rao!", "I have a client with PTSD 😀", ""] * 20
    assert [a.findings for a in analyzer.analyze_many(posts, batch_size=7)] == [analyzer.analyze(p).findings for p in posts]


def test_scan_of_a_csv_without_a_text_column_refuses_and_lists_the_columns(tmp_path, capsys):
    # Before: every row read as "" and the audit reported all "none", exit 0.
    archive = tmp_path / "posts.csv"
    archive.write_text('id,body\n1,"My client Sandra, 81, lives in Whitby."\n', encoding="utf-8")
    assert main(["scan", "-q", str(archive)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "posts.csv" in err and '"text"' in err and "id, body" in err and "--column" in err
    assert len(err.strip().splitlines()) == 1


def test_scan_matches_the_csv_header_case_insensitively(tmp_path, capsys):
    archive = tmp_path / "posts.csv"
    archive.write_text('\ufeffID, Text \n1,"My client Sandra, 81, lives in Whitby."\n2,Happy OT week!\n', encoding="utf-8")
    assert main(["scan", "-q", "--min-risk", "none", str(archive)]) == 0
    assert [json.loads(line)["risk"] for line in capsys.readouterr().out.splitlines()] == ["high", "none"]


def test_scan_column_chooses_another_csv_column(tmp_path, capsys):
    archive = tmp_path / "posts.csv"
    archive.write_text('id,Body\n1,"My client Sandra, 81, lives in Whitby."\n', encoding="utf-8")
    assert main(["scan", "-q", "--column", "body", str(archive)]) == 0
    assert [json.loads(line)["risk"] for line in capsys.readouterr().out.splitlines()] == ["high"]
    assert main(["scan", "-q", "--column", "message", str(archive)]) == 2
    assert "no \"message\" column" in capsys.readouterr().err


def _one_clear_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


@pytest.mark.parametrize("content,expected", [
    ("My client Sandra, 81, lives in Whitby.\n".encode("utf-16"), "UTF-16"),          # with its byte-order mark
    ("My client Sandra\n".encode("utf-16-le"), "binary"),                            # NUL bytes, no mark
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (b"Fine post\nCaf\xe9 with my client\n", "posts.txt:2"),                        # Windows-1252
], ids=["utf16-bom", "utf16-no-bom", "png", "cp1252"])
def test_scan_of_a_file_that_is_not_utf8_text_says_so_in_one_line(tmp_path, capsys, content, expected):
    # Before: "'utf-8' codec can't decode byte 0xff in position 0..." without the file name or a hint.
    archive = tmp_path / "posts.txt"
    archive.write_bytes(content)
    assert main(["scan", "-q", str(archive)]) == 2
    line = _one_clear_line(capsys.readouterr().err)
    assert "posts.txt" in line and expected in line and "UTF-8" in line


def test_scan_into_a_missing_directory_says_so_in_one_line(tmp_path, capsys):
    # Before: a FileNotFoundError traceback, after the whole archive had been analysed.
    archive = tmp_path / "posts.txt"
    archive.write_text("Happy OT week!\n", encoding="utf-8")
    missing = tmp_path / "no-such-dir" / "report.jsonl"
    assert main(["scan", "-q", "-o", str(missing), str(archive)]) == 2
    line = _one_clear_line(capsys.readouterr().err)
    assert "no-such-dir" in line and "does not exist" in line


@pytest.mark.parametrize("content", ["", "\n\n  \n", "id,text\n"], ids=["empty", "blank-lines", "csv-header-only"])
def test_scan_of_an_empty_archive_has_its_own_exit_code(tmp_path, capsys, content):
    # Before: a blank line and exit 0, as if the archive had been checked and found clean.
    archive = tmp_path / ("posts.csv" if content.startswith("id") else "posts.txt")
    archive.write_text(content, encoding="utf-8")
    assert main(["scan", "-q", str(archive)]) == 3
    out, err = capsys.readouterr()
    assert out == ""
    line = _one_clear_line(err)
    assert archive.name in line and "no posts" in line


def test_scan_of_a_missing_file_says_so_in_one_line(tmp_path, capsys):
    assert main(["scan", "-q", str(tmp_path / "nope.txt")]) == 2
    assert "nope.txt" in _one_clear_line(capsys.readouterr().err)


def test_scan_reports_csv_and_jsonl_source_lines_and_optionally_the_text(tmp_path, capsys):
    archive = tmp_path / "posts.csv"
    archive.write_text('id,text\n1,"Happy OT week!\nSee you all"\n2,"My client Sandra, 81, lives in Whitby."\n',
                       encoding="utf-8")
    assert main(["scan", "-q", "--include-text", str(archive)]) == 0
    [row] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert (row["post"], row["line"], row["text"]) == (2, 4, "My client Sandra, 81, lives in Whitby.")
    archive = tmp_path / "posts.jsonl"
    archive.write_text('{"text": "Happy OT week!"}\n\n{"text": "My client Sandra, 81, lives in Whitby."}\n')
    assert main(["scan", "-q", str(archive)]) == 0
    [row] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert (row["post"], row["line"]) == (2, 3)


def test_scan_shows_a_progress_bar_with_a_total_and_a_readable_summary(tmp_path, capsys):
    # Before: "scanned N posts (r/s)" with no total, percentage or ETA, then raw JSON on stderr.
    archive = tmp_path / "posts.txt"
    archive.write_text("Happy OT week!\nMy client Sandra, 81, lives in Whitby.\nAnyone have splinting tips?\n")
    report = tmp_path / "report.jsonl"
    assert main(["scan", "-o", str(report), str(archive)]) == 0
    err = capsys.readouterr().err
    assert "3/3" in err and "100%" in err
    summary = err.replace("\r", "\n").strip().splitlines()
    assert not any(line.lstrip().startswith("{") for line in summary)
    assert any(line.startswith("Scanned 3 posts") and "1 high" in line and "2 none" in line for line in summary), err
    assert any("1 post at or above medium" in line and str(report) in line for line in summary), err


def test_scan_progress_is_a_tqdm_bar_with_eta():
    import io

    from phiguard.scan_archive import progress_bar

    stream = io.StringIO()
    with progress_bar(total=200, stream=stream) as bar:
        bar.update(50)
        bar.refresh()
    assert "50/200" in stream.getvalue() and "25%" in stream.getvalue() and "<" in stream.getvalue()  # elapsed<ETA


@pytest.fixture()
def taken_port():
    """A port already in use: a serve that got past its checks returns 1 here instead of serving."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        yield s.getsockname()[1]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o660])
def test_serve_refuses_a_token_file_others_can_read(tmp_path, capsys, taken_port, mode):
    # Before: a world-readable token file was accepted silently.
    token = tmp_path / "token"
    token.write_text("0123456789abcdef0123456789abcdef\n")
    token.chmod(mode)
    assert main(["serve", "--port", str(taken_port), "--token-file", str(token)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and str(token) in err and f"{mode:o}" in err and "chmod 600" in err


@pytest.mark.parametrize("content", ["correct horse battery staple", "line-one-0123456789\nline-two-0123456789",
                                     "tab\tinside-0123456789abcdef"])
def test_serve_refuses_a_token_that_is_not_one_word(tmp_path, capsys, taken_port, content):
    # Before: any string was a token, though a header cannot carry some of them intact.
    token = tmp_path / "token"
    token.write_text(content)
    token.chmod(0o600)
    assert main(["serve", "--port", str(taken_port), "--token-file", str(token)]) == 2
    assert "printable" in capsys.readouterr().err


@pytest.mark.parametrize("mode", [0o600, 0o400])
def test_serve_accepts_a_private_token_file(tmp_path, capsys, taken_port, mode):
    token = tmp_path / "token"
    token.write_text("0123456789abcdef0123456789abcdef\n")
    token.chmod(mode)
    assert main(["serve", "--port", str(taken_port), "--token-file", str(token)]) == 1  # got as far as binding
    assert "is in use" in capsys.readouterr().err


@pytest.mark.parametrize("where", ["config", "environment"])
def test_serve_checks_a_token_set_in_a_config_file_or_the_environment(tmp_path, capsys, taken_port, monkeypatch,
                                                                         where):
    # Before: only --token-file was checked, so api_token = "x" in a config file served the network.
    args = ["serve", "--host", "0.0.0.0", "--port", str(taken_port)]
    if where == "config":
        config = tmp_path / "phiguard.toml"
        config.write_text('api_token = "short"\n', encoding="utf-8")
        args += ["--config", str(config)]
    else:
        monkeypatch.setenv("PHIGUARD_API_TOKEN", "short")
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "at least 16" in err and "api_token" in err


def test_serve_takes_a_strong_token_from_the_environment_beyond_loopback(capsys, monkeypatch):
    # Before: a token from PHIGUARD_API_TOKEN was not seen, so serving beyond loopback was refused.
    monkeypatch.setenv("PHIGUARD_API_TOKEN", "0123456789abcdef0123456789abcdef")
    assert main(["serve", "--host", "192.0.2.10", "--port", "0"]) == 1  # TEST-NET: got as far as binding
    err = capsys.readouterr().err
    assert "cannot listen on 192.0.2.10" in err and "refusing" not in err
