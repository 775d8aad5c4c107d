"""`phiguard scan`: audit an exported archive of past posts, in batches, with a progress bar."""

from __future__ import annotations

import codecs
import csv
import io
import json
import sys
import time
from pathlib import Path

from tqdm import tqdm

from .api.analyze import analysis_json

RISK_ORDER = ["none", "low", "medium", "high"]


class ScanInputError(ValueError):
    """An archive that cannot be scanned as asked: the message is one line for the user."""


def _find_column(path: Path, header, column: str) -> str:
    """The CSV header matching `column`, ignoring case and surrounding spaces (Excel writes "Text")."""
    wanted = column.strip().casefold()
    for name in header or []:
        if name is not None and name.strip().casefold() == wanted:
            return name
    found = ", ".join(h.strip() for h in header or [] if h is not None) or "none"
    raise ScanInputError(f"{path}: no \"{column}\" column (columns found: {found}); "
                         "choose the column holding the posts with --column NAME")


def _decode(path: Path, raw: bytes) -> str:
    """The file as text, or a ScanInputError that names the file and says what to do."""
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise ScanInputError(f"{path}: this is UTF-32 text; scan reads UTF-8: convert it first "
                             f"(iconv -f UTF-32 -t UTF-8 {path} > posts-utf8.txt)")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ScanInputError(f"{path}: this is UTF-16 text; scan reads UTF-8: convert it first "
                             f"(iconv -f UTF-16 -t UTF-8 {path} > posts-utf8.txt), or save it as UTF-8")
    if b"\x00" in raw[:65536]:
        raise ScanInputError(f"{path}: this looks binary (it holds NUL bytes), not UTF-8 text; export the posts as "
                             "text, JSON Lines or CSV in UTF-8 (UTF-16 without a byte-order mark also looks like this)")
    try:
        return raw.decode("utf-8-sig")  # spreadsheet exports often start with a byte-order mark
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        raise ScanInputError(f"{path}:{line}: not UTF-8 text (byte 0x{raw[e.start]:02x}); save the file as UTF-8 "
                             f"(for a Windows export: iconv -f WINDOWS-1252 -t UTF-8 {path} > posts-utf8.txt)") from None


def read_posts(path: Path, fmt: str, column: str = "text"):
    """(line, post) pairs from a file: one post per line ("lines", a literal \\n for a line break), JSON Lines
    with a "text" field, or CSV with a "text" column (`column` names another field or column). `line` is
    the line of the file the post starts on, so a reviewer can find it."""
    if fmt == "auto":
        fmt = {".jsonl": "jsonl", ".csv": "csv"}.get(path.suffix.lower(), "lines")
    f = io.StringIO(_decode(path, path.read_bytes()), newline="")
    if fmt == "csv":
        reader = csv.DictReader(f)
        if reader.fieldnames is None:
            return  # an empty file: no posts (the caller says so)
        # Refuse rather than read every row as "": an audit of nothing must not look clean.
        key = _find_column(path, reader.fieldnames, column)
        start = reader.line_num + 1
        for row in reader:  # a quoted field may span lines: the row starts where the last one ended
            yield start, row.get(key) or ""
            start = reader.line_num + 1
    elif fmt == "jsonl":
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    text = json.loads(line)[column]
                    if not isinstance(text, str):
                        raise TypeError
                    yield n, text
                except (ValueError, KeyError, TypeError):
                    raise ScanInputError(f"{path}:{n}: expected a JSON object with a \"{column}\" string") from None
    else:
        for n, line in enumerate(f, 1):
            if line.strip():
                yield n, line.rstrip("\r\n").replace("\\n", "\n")


def progress_bar(total: int, stream):
    """A tqdm bar: count of total, percentage, rate and time left; nothing when stream is None."""
    return tqdm(total=total, unit="post", file=stream, disable=stream is None, mininterval=0.5,
                dynamic_ncols=True, leave=True)


def scan(analyzer, posts, out, min_risk: str = "medium", progress=sys.stderr, include_text: bool = False) -> dict:
    """Write one JSON line per post at or above min_risk; return the counts. `posts` is (line, text) pairs."""
    counts = dict.fromkeys(RISK_ORDER, 0)
    threshold = RISK_ORDER.index(min_risk)
    reported = 0
    started = time.perf_counter()
    posts = list(posts)
    texts = [text for _, text in posts]
    with progress_bar(len(posts), progress) as bar:
        for number, ((line, text), assessment) in enumerate(zip(posts, analyzer.analyze_many(texts)), 1):
            counts[assessment.risk] += 1
            if RISK_ORDER.index(assessment.risk) >= threshold:
                row = {"post": number, "line": line, **analysis_json(text, assessment, analyzer)}
                if include_text:
                    row["text"] = text
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
                reported += 1
            bar.update()
    elapsed = time.perf_counter() - started
    return {"posts": len(posts), "reported": reported, "min_risk": min_risk, "seconds": round(elapsed, 2),
            "posts_per_s": round(len(posts) / elapsed, 1) if elapsed else None, "by_risk": counts}


def describe_summary(summary: dict, destination: str) -> str:
    """The summary for a person: two lines."""
    by_risk = ", ".join(f"{summary['by_risk'][risk]} {risk}" for risk in reversed(RISK_ORDER))
    rate = f" ({summary['posts_per_s']:.0f} posts/s)" if summary["posts_per_s"] else ""
    posts = "post" if summary["posts"] == 1 else "posts"
    reported = "post" if summary["reported"] == 1 else "posts"
    return (f"Scanned {summary['posts']} {posts} in {summary['seconds']:g} s{rate}: {by_risk}.\n"
            f"{summary['reported']} {reported} at or above {summary['min_risk']} reported to {destination}.")
