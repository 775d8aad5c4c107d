"""The browsers' native-messaging framing, nothing else: each message is a 32-bit unsigned length in the
machine's own byte order, then that many bytes of UTF-8 JSON, on the host's stdin (from the browser)
and stdout (to the browser). Chrome refuses a message over 1 MB from a host (and disconnects it), and
sends at most 64 MiB to one (https://developer.chrome.com/docs/extensions/develop/concepts/native-messaging)."""

from __future__ import annotations

import json
import struct

HEADER = struct.Struct("=I")  # "=": native byte order, standard 4-byte size, no padding
MAX_TO_BROWSER = 1024 * 1024
MAX_FROM_BROWSER = 64 * 1024 * 1024
_SKIP_CHUNK = 64 * 1024


class StreamClosed(Exception):
    """The browser closed the pipe: at a message boundary, or in the middle of one."""


class UnreadableLength(Exception):
    """A length no browser would send: the stream is out of step, and nothing after it can be trusted."""

    def __init__(self, length: int):
        super().__init__(f"a message length of {length} bytes is beyond the {MAX_FROM_BROWSER} a browser sends")
        self.length = length


class MessageTooLarge(ValueError):
    def __init__(self, size: int, limit: int):
        super().__init__(f"the message is {size} bytes, over the limit of {limit}")
        self.size, self.limit = size, limit


class Oversized:
    """What read_message returns for a message over the caller's limit: it has been read past, not kept."""

    def __init__(self, length: int):
        self.length = length


def _read_exactly(stream, n: int) -> bytes:
    """n bytes, or fewer only at the end of the stream: a pipe hands data over in pieces of any size."""
    chunks, remaining = [], n
    while remaining:
        chunk = stream.read(remaining)
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def read_message(stream, limit: int) -> bytes | Oversized:
    """The next message's bytes; Oversized (having skipped its bytes, so the next message can still be read)
    when it is longer than `limit`. Raises StreamClosed at the end of the stream, UnreadableLength for a
    length beyond what any browser sends."""
    header = _read_exactly(stream, HEADER.size)
    if len(header) < HEADER.size:
        raise StreamClosed("stdin closed" if not header else "stdin closed inside a message's length")
    (length,) = HEADER.unpack(header)
    if length > MAX_FROM_BROWSER:
        raise UnreadableLength(length)
    if length > limit:
        remaining = length
        while remaining:
            skipped = len(_read_exactly(stream, min(remaining, _SKIP_CHUNK)))
            if not skipped:
                raise StreamClosed("stdin closed inside a message")
            remaining -= skipped
        return Oversized(length)
    payload = _read_exactly(stream, length)
    if len(payload) < length:
        raise StreamClosed("stdin closed inside a message")
    return payload


def encode_message(message, limit: int = MAX_TO_BROWSER) -> bytes:
    """The framed bytes of a JSON-serialisable message; MessageTooLarge when it is over `limit` bytes."""
    try:
        payload = json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate cannot be UTF-8; as \\udxxx it reaches JavaScript intact
        payload = json.dumps(message, separators=(",", ":")).encode("ascii")
    if len(payload) > limit:
        raise MessageTooLarge(len(payload), limit)
    return HEADER.pack(len(payload)) + payload


def write_message(stream, message, limit: int = MAX_TO_BROWSER) -> None:
    stream.write(encode_message(message, limit))
    stream.flush()
