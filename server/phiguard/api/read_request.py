"""Validate request bodies before any text reaches the analyzer."""

from __future__ import annotations

import json

from flask import request

from .errors import ApiError


def json_body() -> dict:
    if not request.mimetype or request.mimetype != "application/json":
        raise ApiError(415, "unsupported_media_type", "Send the body as JSON with Content-Type: application/json.")
    return parse_json_object(request.get_data(cache=True))


def parse_json_object(raw: bytes, what: str = "body", example: str = '{"text": "..."}') -> dict:
    """UTF-8 JSON holding an object: an HTTP body, or a native-messaging frame (what="message")."""
    try:
        body = json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
    except UnicodeDecodeError:
        raise ApiError(400, "invalid_json", f"The {what} is not valid UTF-8.") from None
    except (ValueError, RecursionError):
        raise ApiError(400, "invalid_json", f"The {what} is not valid JSON.") from None
    if not isinstance(body, dict):
        raise ApiError(400, "invalid_body", f"The {what} must be a JSON object such as {example}.")
    return body


def _reject_constant(name):
    raise ValueError(f"{name} is not JSON")


def text_field(body: dict, max_chars: int | None = None) -> str:
    if "text" not in body:
        raise ApiError(400, "missing_text", "The body needs a \"text\" field with the post to check.")
    text = body["text"]
    if not isinstance(text, str):
        raise ApiError(400, "invalid_text", f"\"text\" must be a string, not {_json_type(text)}.")
    if max_chars is not None and len(text) > max_chars:
        raise ApiError(413, "text_too_long", f"\"text\" is longer than {max_chars} characters.")
    return text


def optional_string(body: dict, key: str) -> str | None:
    value = body.get(key)
    if value is not None and not isinstance(value, str):
        raise ApiError(400, f"invalid_{key}", f"\"{key}\" must be a string, not {_json_type(value)}.")
    return value


def _json_type(value) -> str:
    return {bool: "a boolean", int: "a number", float: "a number", list: "an array", dict: "an object",
            type(None): "null"}.get(type(value), "another type")
