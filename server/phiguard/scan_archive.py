"""`phiguard scan`: audit an exported archive of past posts, in batches, with a progress line."""

from __future__ import annotations

import codecs
import csv
import io
import json
import sys
import time
from pathlib import Path

from .api.analyze import assessment_json

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
    """Posts from a file: one per line ("lines", a literal \\n for a line break), JSON Lines with a "text"
    field, or CSV with a "text" column (`column` names another field or column)."""
    if fmt == "auto":
        fmt = {".jsonl": "jsonl", ".csv": "csv"}.get(path.suffix.lower(), "lines")
    f = io.StringIO(_decode(path, path.read_bytes()), newline="")
    if fmt == "csv":
        reader = csv.DictReader(f)
        if reader.fieldnames is None:
            return  # an empty file: no posts (the caller says so)
        # Refuse rather than read every row as "": an audit of nothing must not look clean.
        key = _find_column(path, reader.fieldnames, column)
        for row in reader:
            yield row.get(key) or ""
    elif fmt == "jsonl":
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    text = json.loads(line)[column]
                    if not isinstance(text, str):
                        raise TypeError
                    yield text
                except (ValueError, KeyError, TypeError):
                    raise ScanInputError(f"{path}:{n}: expected a JSON object with a \"{column}\" string") from None
    else:
        for line in f:
            if line.strip():
                yield line.rstrip("\r\n").replace("\\n", "\n")


def _progress(done: int, started: float, stream) -> None:
    rate = done / max(time.perf_counter() - started, 1e-9)
    stream.write(f"\rscanned {done} posts ({rate:.0f}/s)")
    stream.flush()


def scan(analyzer, posts, out, min_risk: str = "medium", progress=sys.stderr) -> dict:
    """Write one JSON line per post at or above min_risk; return counts per risk."""
    counts = dict.fromkeys(RISK_ORDER, 0)
    threshold = RISK_ORDER.index(min_risk)
    started = time.perf_counter()
    posts = list(posts)
    for number, (text, assessment) in enumerate(zip(posts, analyzer.analyze_many(posts)), 1):
        counts[assessment.risk] += 1
        if RISK_ORDER.index(assessment.risk) >= threshold:
            out.write(json.dumps({"post": number, **assessment_json(text, assessment)}, ensure_ascii=False) + "\n")
        if progress is not None and (number % 50 == 0 or number == len(posts)):
            _progress(number, started, progress)
    if progress is not None:
        progress.write("\n")
    elapsed = time.perf_counter() - started
    return {"posts": len(posts), "seconds": round(elapsed, 2),
            "posts_per_s": round(len(posts) / elapsed, 1) if elapsed else None, "by_risk": counts}
