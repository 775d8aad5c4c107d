"""Every error leaves as JSON {"error": {"code", "message"}}: no HTML pages, no stack traces."""

from __future__ import annotations

import logging

from flask import jsonify
from werkzeug.exceptions import HTTPException

log = logging.getLogger("phiguard.api")


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.headers = headers or {}  # HTTP only (Retry-After); the native host sends the body alone


def error_body(code: str, message: str) -> dict:
    return {"error": {"code": code, "message": message}}


def payload_too_large(limit: int, what: str = "request body") -> ApiError:
    return ApiError(413, "payload_too_large", f"The {what} is larger than the limit of {limit} bytes.")


# What any transport answers for an exception nobody expected: a message that cannot quote the post.
INTERNAL_ERROR = ApiError(500, "internal_error", "The server could not process this request.")


def log_internal_error(e: Exception) -> None:
    # Log the type only: the exception's message may quote the post.
    log.error("internal error: %s", type(e).__name__)


def error_response(status: int, code: str, message: str):
    response = jsonify(error_body(code, message))
    response.status_code = status
    return response


_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
          413: "payload_too_large", 415: "unsupported_media_type", 429: "too_many_requests"}


def register_error_handlers(app) -> None:
    @app.errorhandler(ApiError)
    def _api_error(e: ApiError):
        response = error_response(e.status, e.code, e.message)
        response.headers.update(e.headers)
        return response

    @app.errorhandler(HTTPException)
    def _http_error(e: HTTPException):
        if e.code == 413:
            too_large = payload_too_large(app.config["MAX_CONTENT_LENGTH"])
            return error_response(413, too_large.code, too_large.message)
        response = error_response(e.code or 500, _CODES.get(e.code, "http_error"), e.description or e.name)
        if e.code == 405 and hasattr(e, "valid_methods") and e.valid_methods:
            response.headers["Allow"] = ", ".join(e.valid_methods)
        return response

    @app.errorhandler(Exception)
    def _unexpected(e: Exception):
        log_internal_error(e)
        return error_response(INTERNAL_ERROR.status, INTERNAL_ERROR.code, INTERNAL_ERROR.message)
