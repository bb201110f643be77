"""The stand-in's fast request parsing reads every request exactly as the slow path does, and its
fast answer encoding writes what the slow path writes.

The stand-in parses bodies with orjson when it can and headers without Python's email parser
(deploy/qdrant-standin/README.md, "CPU per request"), and encodes answers with orjson; all fall back to the standard library for
anything unusual. This compares the two paths on the cases where they could differ: integers
beyond 64 bits, constants, invalid UTF-8, lone surrogates, folded or malformed header lines,
float formats and control characters in answers.
Stand-in only (it imports the stand-in's code); run by run.sh before the contract checks.

    .run/venv/bin/python Tests/QdrantStoreContract/standin_parsing.py
"""

import email.parser
import http.client
import io
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "deploy", "qdrant-standin"))

import standin  # noqa: E402

BODIES = [
    b'{"limit": 10, "query": [0.0690410705, -0.0409761969, 0.000268261318]}',
    b'{"a":1', b'\xff\xfe{}', b'{"a":NaN}', b'{"a":Infinity}', b'{"a":-Infinity}',
    b'{"a":123456789012345678901234567890}', b'{"a":18446744073709551616}', b'{"a":-9223372036854775809}',
    b'{"a":[9223372036854775807]}', b'{"id":12345678901234567890}', b'[-12345678901234567890]', b'12345678901234567890',
    b'[0.0012345678901234567,1]', b'[1234567890123456789.5]', b'[1234567890123456789012e3]',
    b'[1e4000000000000000000]', b'[1e-4000000000000000000]', b'[-0.0000000000000000001234]',
    b'{"t":"x 12345678901234567890"}', b'\xef\xbb\xbf{"a":1}', b'{"a":"\\ud800"}', b'{"a":1,"a":2}',
    b'{"a":-0.0}', b'{"x":"\xc3\xa9"}', b'{"a":1} x', b'{"a":"\x01"}', b'[1,]', b'  ',
]

# (body, whether it holds an integer of 19 digits or more)
LONG_INTEGERS = [
    (b'{"a":12345678901234567890}', True), (b'[-12345678901234567890]', True), (b'1234567890123456789', True),
    (b'{"t":"12345678901234567890"}', True), (b'[123456789012345678]', False), (b'[0.0012345678901234567]', False),
    (b'[1234567890123456789.5]', False), (b'[1e-1234567890123456789]', False), (b'[1E+1234567890123456789]', False),
]

HEADERS = [
    b"Host: x\r\nContent-Type: application/json\r\nContent-Length: 12\r\nExpect:\r\nAccept: */*\r\n\r\nBODY",
    b"Host:   spaced   \r\nX-A: 1\r\nx-a: 2\r\n\r\n", b"Host: x\r\n folded\r\n\r\n", b"Bad line\r\nHost: x\r\n\r\n",
    b"Host: x\n\n", b"Host : x\r\n\r\n", b"Caf\xe9: \xe9t\xe9\r\n\r\n", b"\r\n", b"Host: x\r\n", b"A: b: c\r\n\r\n",
    b"A:\tb\r\n\r\n", b"A:b\r\n\r\n", b"A: \xff\r\n\r\n", b"Authorization: Bearer k\r\n\r\n", b"api-key: k\r\n\r\n",
]

# Answers: both encodings must read back as the same value (or both refuse it).
ANSWERS = [
    {"result": {"points": [{"id": "5c56c793-69f3-4fbf-87e6-c4bf54c28c26", "version": 3, "score": 0.8123456789012345,
                            "payload": {"title": "Exporter vos données", "text": "步骤 1\n\t\"quoted\" \u0001 \u2028 😀",
                                        "chunk": 0, "ingested_at": 1733456789000123, "tags": [], "x": None, "ok": True}}]},
     "status": "ok", "time": 0.000123},
    {"a": [1e-7, 1e16, 1e300, -0.0, 0.1, 5e-324, 123456789.125, -1.5e-10]},
    {"big": 2**64, "neg": -(2**63) - 1, "max": 2**63 - 1, "min": -(2**63)},
    {"bad": "\ud800"}, {"nested": [[[{"k": "v"}]]], "empty": {}},
]


def encoded(obj):
    try:
        return ("value", standin.json.loads(standin.encode_json(obj)))
    except ValueError as exc:
        return ("error", type(exc).__name__)


def parsed(body):
    try:
        return ("value", repr(standin.parse_json(body)))
    except Exception as exc:  # noqa: BLE001 - the error is what is compared
        return ("error", type(exc).__name__, getattr(exc, "status", None), getattr(exc, "message", str(exc)))


def email_headers(raw):
    lines = http.client._read_headers(io.BytesIO(raw))
    return email.parser.Parser(_class=http.client.HTTPMessage).parsestr(b"".join(lines).decode("iso-8859-1"))


def main():
    failures = []
    if standin.orjson is None:
        failures.append("orjson is not installed: the fast path is not tested (deploy/local/requirements.txt)")
    fast_module = standin.orjson
    for body in BODIES:
        fast = parsed(body)
        standin.orjson = None
        slow = parsed(body)
        standin.orjson = fast_module
        if fast != slow:
            failures.append(f"body {body!r}: {fast} with orjson, {slow} with json")
    for answer in ANSWERS:
        fast = encoded(answer)
        standin.orjson = None
        slow = encoded(answer)
        standin.orjson = fast_module
        if fast != slow or (fast[0] == "value" and repr(fast[1]) != repr(slow[1])):
            failures.append(f"answer {answer!r}: {fast} with orjson, {slow} with json")
    for body, expected in LONG_INTEGERS:
        if standin.has_long_integer(body) != expected:
            failures.append(f"has_long_integer({body!r}) is not {expected}")
    for raw in HEADERS:
        fast, slow = standin.parse_headers(io.BytesIO(raw)), email_headers(raw)
        if fast.items() != slow.items() or fast.get("host") != slow.get("host"):
            failures.append(f"headers {raw!r}: {fast.items()} against the email parser's {slow.items()}")
    for failure in failures:
        print(f"  FAIL  {failure}")
    checked = len(BODIES) + len(ANSWERS) + len(LONG_INTEGERS) + len(HEADERS)
    print(f"stand-in parsing: {checked - len(failures)}/{checked} cases read and written as the standard library does")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
