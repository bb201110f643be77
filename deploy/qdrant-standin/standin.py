#!/usr/bin/env python3
"""A local stand-in for the Qdrant REST API, backed by Qdrant's own engine (qdrant-edge-py).

Test infrastructure, not product: it serves the REST subset the knowledge service uses
(see README.md and ../../shared/design/qdrant.md), answers with the real server's envelope,
status codes and error texts, and refuses everything else with a 400. One process, one data
directory, one lock around every engine call.

    python standin.py --host 127.0.0.1 --port 6333 --data-dir .run/qdrant
    python standin.py --port 0 --data-dir DIR     # picks a free port, prints it, writes DIR/port
"""

import argparse
import email.parser
import fcntl
import http.client
import json
import os
import re
import signal
import sys
import threading
import time
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, unquote, urlsplit

try:  # parses a 384-float query vector ~10x faster than json; errors are still json's (parse_json)
    import orjson
except ImportError:  # the stand-in runs without it, only slower
    orjson = None

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import api  # noqa: E402
from collections_store import Registry  # noqa: E402
from errors import ApiError, format_error, internal, unsupported  # noqa: E402
from translate import Context  # noqa: E402

EMULATED_VERSION = "1.19.0"  # the server version whose REST shapes this stand-in follows
MAX_BODY = 32 * 1024 * 1024  # the server's default service.max_request_size_mb
DIGIT_RUN = re.compile(rb"[0-9]{19,}")
DIGITS_AS_ZEROS = bytes(0x30 if 0x30 <= b <= 0x39 else 0x20 for b in range(256))  # bytes.translate table
HEADER_NAME = re.compile(r"[\x21-\x39\x3b-\x7e]+\Z")  # what the email parser accepts as a header name
TEXT_ROUTES = {"/healthz": "healthz check passed", "/livez": "healthz check passed",
               "/readyz": "all shards are ready"}


def parse_headers(fp, _class=http.client.HTTPMessage):
    """http.client.parse_headers without the email parser for plain `Name: value` lines, which it
    spent a seventh of the stand-in's CPU on; anything else (folded lines, a line without a colon)
    still goes through the email parser, so every request reads as it did."""
    lines = http.client._read_headers(fp)  # the line-length and header-count limits
    message = _class()
    for line in lines:
        if line in (b"\r\n", b"\n", b""):
            break
        name, colon, value = line.decode("iso-8859-1").partition(":")
        if not colon or not HEADER_NAME.match(name) or not value.endswith("\n"):
            return email.parser.Parser(_class=_class).parsestr(b"".join(lines).decode("iso-8859-1"))
        message[name] = value.lstrip(" \t").rstrip("\r\n")
    return message


http.client.parse_headers = parse_headers  # http.server reads every request's headers through it


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address, registry, ctx, api_key, verbose):
        super().__init__(address, Handler)
        self.lock = threading.RLock()
        self.registry, self.ctx, self.api_key, self.verbose = registry, ctx, api_key, verbose


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive; every answer carries Content-Length
    server_version = "qdrant-standin"
    disable_nagle_algorithm = True  # answers are written at once (see send)

    def do_GET(self):
        self.dispatch()

    do_PUT = do_POST = do_DELETE = do_PATCH = do_GET

    def dispatch(self):
        started = time.perf_counter()
        try:
            raw = self.read_body()
            url = urlsplit(self.path)
            path = unquote(url.path) or "/"
            if self.command == "GET" and path in TEXT_ROUTES:
                return self.send(200, TEXT_ROUTES[path].encode(), "text/plain; charset=utf-8")
            if self.command == "GET" and path == "/":
                return self.send_json(200, {"title": "qdrant-edge stand-in", "version": EMULATED_VERSION,
                                            "commit": None, "engine": "qdrant-edge-py 0.9.0",
                                            "strict": self.server.ctx.strict})
            if not self.authorized():
                return
            handler, args = api.route(self.command, path)
            params = dict(parse_qsl(url.query, keep_blank_values=True))
            request = api.Request(self.command, path, params, parse_json(raw), args)
            with self.server.lock:
                result = handler(self.server.registry, self.server.ctx, request)
            self.send_json(200, {"result": result, "status": "ok", "time": time.perf_counter() - started})
        except ApiError as exc:
            self.send_error_envelope(exc, started)
        except BaseException as exc:  # never a dropped connection: the client gets a 500
            traceback.print_exc()
            self.send_error_envelope(internal(f"{type(exc).__name__}: {exc}"), started)

    def read_body(self):
        if self.headers.get("Content-Encoding", "identity").lower() != "identity":
            self.close_connection = True
            raise unsupported("compressed request bodies (Content-Encoding)")
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self.read_chunked()
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self.close_connection = True  # the body is not read, so the connection cannot be reused
            raise ApiError(413, f"Payload too large: JSON payload ({length} bytes) is larger than "
                                f"allowed (limit: {MAX_BODY} bytes).")
        return self.rfile.read(length) if length else b""

    def read_chunked(self):
        chunks, total = [], 0
        while True:
            size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                return b"".join(chunks)
            total += size
            if total > MAX_BODY:
                self.close_connection = True
                raise ApiError(413, f"Payload too large: larger than allowed (limit: {MAX_BODY} bytes).")
            chunks.append(self.rfile.read(size))
            self.rfile.readline()

    def authorized(self):
        key = self.server.api_key
        if not key:
            return True
        bearer = self.headers.get("Authorization", "")
        given = self.headers.get("api-key") or (bearer[7:] if bearer.startswith("Bearer ") else None)
        if given == key:
            return True
        # Like the server: auth failures are plain text, not the JSON envelope.
        text = "Invalid API key or JWT" if given else "Must provide an API key or an Authorization bearer token"
        self.send(403 if given else 401, text.encode(), "text/plain; charset=utf-8")
        return False

    def send_error_envelope(self, exc, started):
        self.send_json(exc.status, {"status": {"error": exc.message}, "time": time.perf_counter() - started},
                       exc.headers)

    def send_json(self, status, obj, headers=None):
        try:
            body = encode_json(obj)
        except ValueError as exc:  # not representable in JSON (a lone surrogate, a NaN score)
            status, body = 500, json.dumps({"status": {"error": f"Service internal error: {exc}"},
                                            "time": 0.0}).encode()
        self.send(status, body, "application/json", headers)

    def send(self, status, body, content_type, headers=None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        # end_headers() and a second write, in one: headers and body leave in one segment, so the
        # client wakes once per answer (http.server buffers headers in _headers_buffer until
        # flush_headers, since Python 3.3).
        self._headers_buffer.append(b"\r\n" + body)
        self.flush_headers()

    def log_request(self, code="-", size="-"):
        if self.server.verbose or (isinstance(code, int) and code >= 500):
            self.log_message('"%s" %s', self.requestline, code)


def encode_json(obj):
    """A search's answer (~36 KB of chunk payloads) in ~9 µs instead of json's ~160. orjson writes
    NaN as null where json refuses it, but the only floats an answer holds that no request set are
    scores, which translate.scored_point checks; what orjson cannot encode (an integer beyond 64
    bits, a lone surrogate) goes to json, which encodes it or says why not."""
    if orjson is not None:
        try:
            return orjson.dumps(obj)
        except (orjson.JSONEncodeError, TypeError):
            pass
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


def parse_json(raw):
    if not raw.strip():
        return None
    # orjson reads an integer beyond 64 bits as a float; json keeps it exact (an id or a limit then
    # gets the error a server gives), so a body with an integer of 19 digits or more goes to json.
    if orjson is not None and not has_long_integer(raw):
        try:
            return orjson.loads(raw)
        except orjson.JSONDecodeError:
            pass  # json decides, and words the error
    try:
        return json.loads(raw.decode("utf-8"), parse_constant=reject_constant)
    except UnicodeDecodeError as exc:
        raise format_error(f"invalid UTF-8: {exc.reason}") from None
    except json.JSONDecodeError as exc:
        raise format_error(f"{exc.msg} at line {exc.lineno} column {exc.colno}") from None


def has_long_integer(raw):
    """Whether a run of 19 or more digits in `raw` is an integer rather than a fraction or an
    exponent (a string that holds one counts too: json then parses a body orjson could have).
    A regular expression alone scans a body of floats digit by digit (~150 µs for a 384-float
    vector); translating it first finds in ~10 µs that most bodies have no such run at all."""
    if b"0" * 19 not in raw.translate(DIGITS_AS_ZEROS):
        return False
    for run in DIGIT_RUN.finditer(raw):
        before, after = raw[run.start() - 1:run.start()], raw[run.end():run.end() + 1]
        if before == b"-":
            before = raw[run.start() - 2:run.start() - 1]
        if before not in (b".", b"e", b"E", b"+") and after not in (b".", b"e", b"E"):
            return True
    return False


def reject_constant(name):
    raise format_error(f"expected value: `{name}` is not JSON")


def write_port_file(path, port):
    tmp = f"{path}.tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(f"{port}\n")
    os.replace(tmp, path)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Qdrant REST stand-in on qdrant-edge-py")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=6333, help="0 picks a free port")
    parser.add_argument("--data-dir", default=".run/qdrant-standin")
    parser.add_argument("--port-file", help="where to write the bound port (default DATA/port)")
    parser.add_argument("--strict", action=argparse.BooleanOptionalAction, default=True,
                        help="reject unknown fields and query parameters (default on; the server ignores them)")
    parser.add_argument("--api-key", default=os.environ.get("QDRANT__SERVICE__API_KEY"),
                        help="require this key in `api-key` or `Authorization: Bearer` (default: no auth)")
    parser.add_argument("--search-threads", type=int, default=1, metavar="N",
                        help="threads in each collection's search pool (default 1; Edge's own default is one per CPU)")
    parser.add_argument("--verbose", action="store_true", help="log every request")
    args = parser.parse_args(argv)

    os.makedirs(args.data_dir, exist_ok=True)
    lock_file = open(os.path.join(args.data_dir, "standin.lock"), "w")
    try:
        fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        sys.exit(f"qdrant-standin: {args.data_dir} is in use by another stand-in")

    ctx = Context(strict=args.strict)
    if args.search_threads < 1:
        parser.error("--search-threads must be at least 1")
    registry = Registry(args.data_dir, ctx, args.search_threads)
    server = Server((args.host, args.port), registry, ctx, args.api_key, args.verbose)
    port = server.server_address[1]
    port_file = args.port_file or os.path.join(args.data_dir, "port")
    write_port_file(port_file, port)
    print(port, flush=True)
    print(f"qdrant-standin: listening on http://{args.host}:{port} (data {args.data_dir}, "
          f"strict={'on' if args.strict else 'off'})", file=sys.stderr, flush=True)

    def stop(signum, _frame):
        print(f"qdrant-standin: signal {signum}, shutting down", file=sys.stderr, flush=True)
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    server.serve_forever(poll_interval=0.2)
    server.server_close()
    with server.lock:  # waits for a request in progress, then closes every shard
        registry.close()
    os.remove(port_file)
    print("qdrant-standin: stopped", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
