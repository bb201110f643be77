"""Errors the stand-in answers with, in the real server's words and status codes.

Every failure leaves the server as an ApiError, which the HTTP layer turns into
Qdrant's error envelope: {"status": {"error": "<text>"}, "time": <seconds>}.
"""


class ApiError(Exception):
    """A failed request: an HTTP status code and the text Qdrant would put in status.error."""

    def __init__(self, status, message, headers=None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def wrong_input(text):
    """400 for input the engine rejected (the server's `BadInput`)."""
    return ApiError(400, f"Wrong input: {text}")


def bad_request(text):
    """400 for a request the server understands but will not run."""
    return ApiError(400, f"Bad request: {text}")


def unsupported(feature):
    """400 for a real Qdrant feature that this stand-in does not emulate."""
    return ApiError(400, f"Bad request: not supported by the stand-in: {feature}")


def format_error(text):
    """400 for a body that is not JSON or does not have the expected shape."""
    return ApiError(400, f"Format error in JSON body: {text}")


def validation_error(path, text):
    """422 for a body that parses but breaks a constraint, e.g. `limit: 0`."""
    return ApiError(422, f"Validation error in JSON body: [{path}: {text}]")


def not_found(text):
    return ApiError(404, f"Not found: {text}")


def collection_not_found(name):
    return not_found(f"Collection `{name}` doesn't exist!")


def internal(text):
    return ApiError(500, f"Service internal error: {text}")


# Engine texts that mean the storage, not the request, is at fault.
_SERVER_SIDE_PREFIXES = ("Service runtime error", "Inconsistent storage", "Service internal error")


def from_engine(exc):
    """Maps an exception raised by qdrant_edge to the ApiError the real server would give.

    qdrant_edge raises plain `Exception` with the engine's own text (the text the server wraps
    in `Wrong input: …`), `ValueError`/`TypeError` for values it cannot convert, and a pyo3
    `PanicException` (a BaseException) when the engine panics.
    """
    if isinstance(exc, ApiError):
        return exc
    text = str(exc).strip() or type(exc).__name__
    if type(exc).__name__ == "PanicException":
        return internal(f"engine panic: {text}")
    if isinstance(exc, (ValueError, TypeError)):
        return format_error(text.splitlines()[0])
    if isinstance(exc, Exception):
        if text.startswith(_SERVER_SIDE_PREFIXES):
            return internal(text)
        if text.startswith("Validation failed: "):
            return bad_request(text[len("Validation failed: "):])
        return wrong_input(text)
    return internal(text)
