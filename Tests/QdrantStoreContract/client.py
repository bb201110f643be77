"""HTTP to a Qdrant target, with every body checked against qdrant-client's generated models.

`Target.call` validates the request body with a request model (the models forbid unknown
fields), sends it over one keep-alive connection, checks the status code and the envelope
(`result`/`status: "ok"`/`time` on success, `status.error`/`time` on failure), and validates the
response with the response model. Any mismatch raises CheckFailed.
"""

import http.client
import json
from urllib.parse import urlsplit

import pydantic
from qdrant_client.http import models as m


class CheckFailed(Exception):
    pass


def ensure(condition, message):
    if not condition:
        raise CheckFailed(message)


class Target:
    def __init__(self, url, api_key=None, timeout=30):
        parts = urlsplit(url)
        ensure(parts.scheme == "http", f"only http:// URLs are supported, got {url}")
        self.host, self.port = parts.hostname, parts.port or 6333
        self.headers = {"api-key": api_key} if api_key else {}
        self.timeout = timeout
        self.conn = None
        self.requests = 0

    def raw(self, method, path, body=None, headers=None):
        """One exchange: (status, headers, body bytes). Reconnects once if the server closed."""
        all_headers = {"Content-Type": "application/json", **self.headers, **(headers or {})}
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self.conn.request(method, path, body=body, headers=all_headers)
                resp = self.conn.getresponse()
                data = resp.read()
                self.requests += 1
                if resp.getheader("Connection", "").lower() == "close":
                    self.close()
                return resp.status, resp, data
            except (ConnectionError, http.client.HTTPException):
                self.close()
                if attempt == 2:
                    raise

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def call(self, method, path, body=None, request=None, response=None, expect=200, raw_body=None):
        """Sends `body` (validated with the `request` model) and returns the parsed JSON answer."""
        if request is not None:
            validate(request, body, f"request body of {method} {path}")
        payload = raw_body if raw_body is not None else (None if body is None else json.dumps(body).encode())
        status, resp, data = self.raw(method, path, payload)
        text = data.decode("utf-8", "replace")
        ensure(status == expect, f"{method} {path}: expected HTTP {expect}, got {status}: {text[:300]}")
        ensure(resp.getheader("Content-Type", "").startswith("application/json"),
               f"{method} {path}: Content-Type {resp.getheader('Content-Type')!r}, expected application/json")
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CheckFailed(f"{method} {path}: answer is not JSON ({exc}): {text[:200]}") from None
        if 200 <= status < 300:
            check_ok_envelope(doc, f"{method} {path}")
            if response is not None:
                validate(response, doc, f"response of {method} {path}")
        else:
            check_error_envelope(doc, f"{method} {path}")
        return doc

    def result(self, method, path, body=None, request=None, response=None):
        return self.call(method, path, body, request=request, response=response)["result"]

    def error(self, method, path, body, status, contains, request=None, raw_body=None):
        """Expects an error answer with `status` whose status.error contains every given substring."""
        doc = self.call(method, path, body, request=request, expect=status, raw_body=raw_body)
        message = doc["status"]["error"]
        for part in [contains] if isinstance(contains, str) else contains:
            ensure(part in message, f"{method} {path}: error {message!r} does not contain {part!r}")
        return message

    def text(self, path, expect_status, expect_text):
        status, resp, data = self.raw("GET", path)
        ensure(status == expect_status, f"GET {path}: expected HTTP {expect_status}, got {status}")
        ensure(resp.getheader("Content-Type", "").startswith("text/plain"),
               f"GET {path}: Content-Type {resp.getheader('Content-Type')!r}, expected text/plain")
        ensure(data.decode().strip() == expect_text, f"GET {path}: body {data[:100]!r}, expected {expect_text!r}")


def validate(model, value, what):
    try:
        model.model_validate(value)
    except pydantic.ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise CheckFailed(f"{what} does not match qdrant-client's {model.__name__}: {where}: {first['msg']}") from None


def check_ok_envelope(doc, what):
    ensure(isinstance(doc, dict), f"{what}: envelope is not an object")
    ensure("result" in doc, f"{what}: envelope has no `result`")
    ensure(doc.get("status") == "ok", f"{what}: envelope status {doc.get('status')!r}, expected 'ok'")
    ensure(isinstance(doc.get("time"), (int, float)), f"{what}: envelope `time` missing or not a number")
    extra = set(doc) - {"result", "status", "time", "usage"}
    ensure(not extra, f"{what}: unexpected envelope keys {sorted(extra)}")


def check_error_envelope(doc, what):
    ensure(isinstance(doc, dict) and isinstance(doc.get("status"), dict), f"{what}: error envelope has no status object")
    ensure(isinstance(doc["status"].get("error"), str), f"{what}: error envelope has no status.error text")
    ensure(doc.get("result") is None, f"{what}: error envelope carries a result")
    ensure(isinstance(doc.get("time"), (int, float)), f"{what}: error envelope `time` missing or not a number")
    validate(m.ErrorResponse, doc, f"error answer of {what}")

