"""The check registry and the shared state of one run: target, collection names, cleanup."""

import json
import os
import uuid

from qdrant_client.http import models as m

import corpus
from client import CheckFailed, ensure, validate

CHECKS = []


class Skip(Exception):
    pass


def check(name, min_version=None, standin_only=False):
    """Registers a check; `min_version` skips it on older servers (feature introduced then)."""
    def register(fn):
        CHECKS.append((name, fn, min_version, standin_only))
        return fn
    return register


class Suite:
    def __init__(self, target, prefix=None):
        self.t = target
        self.prefix = prefix or f"contract_{os.getpid()}_{uuid.uuid4().hex[:6]}_"
        self.created = []
        status, resp, data = target.raw("GET", "/")
        ensure(status == 200, f"GET /: HTTP {status}")
        self.root = json.loads(data)
        validate(m.VersionInfo, self.root, "GET /")
        self.version = tuple(int(p) for p in self.root["version"].split("-")[0].split(".")[:3])
        self.standin = "stand-in" in self.root["title"]
        self._kb = None

    def name(self, suffix):
        return self.prefix + suffix

    # ── collections ──

    def create(self, suffix, body=None):
        name = self.name(suffix)
        self.t.call("DELETE", f"/collections/{name}")
        result = self.t.result("PUT", f"/collections/{name}", body or corpus.create_body(),
                               request=m.CreateCollection, response=m.InlineResponse2001)
        ensure(result is True, f"create {name}: result {result!r}, expected true")
        self.created.append(name)
        return name

    def drop(self, name):
        result = self.t.result("DELETE", f"/collections/{name}", response=m.InlineResponse2001)
        if name in self.created:
            self.created.remove(name)
        return result

    def cleanup(self):
        for name in list(self.created):
            try:
                self.drop(name)
            except Exception as exc:  # report, keep cleaning
                print(f"  cleanup: could not drop {name}: {exc}")

    def index(self, name, field, schema="keyword"):
        result = self.t.result("PUT", f"/collections/{name}/index?wait=true",
                               {"field_name": field, "field_schema": schema},
                               request=m.CreateFieldIndex, response=m.InlineResponse2008)
        ensure(result["status"] == "completed", f"index {field}: status {result['status']!r}")

    def upsert(self, name, points):
        result = self.t.result("PUT", f"/collections/{name}/points?wait=true", {"points": points},
                               request=m.PointsList, response=m.InlineResponse2008)
        ensure(result["status"] == "completed", f"upsert: status {result['status']!r}, expected completed")
        return result

    def load(self, suffix, articles=None):
        """A collection with the indexes and the corpus in it."""
        name = self.create(suffix)
        self.index(name, "category")
        self.index(name, "article_id")
        self.upsert(name, corpus.all_points(articles=articles))
        return name

    def kb(self):
        """The shared read-only collection most search checks use (created on first use)."""
        if self._kb is None:
            self._kb = self.load("kb")
        return self._kb

    # ── points ──

    def count(self, name, flt=None):
        body = {"exact": True} if flt is None else {"filter": flt, "exact": True}
        return self.t.result("POST", f"/collections/{name}/points/count", body,
                             request=m.CountRequest, response=m.InlineResponse20020)["count"]

    def query(self, name, body):
        return self.t.result("POST", f"/collections/{name}/points/query", body,
                             request=m.QueryRequest, response=m.InlineResponse20022)["points"]

    def retrieve(self, name, ids, **options):
        return self.t.result("POST", f"/collections/{name}/points", {"ids": ids, **options},
                             request=m.PointRequest, response=m.InlineResponse20017)

    def info(self, name):
        return self.t.result("GET", f"/collections/{name}", response=m.InlineResponse2007)


def ids(points):
    return [p["id"] for p in points]


def close(a, b, tolerance=1e-4):
    return abs(a - b) <= tolerance


def expect_order(points, expected_scores, what, gap=1e-3):
    """Scores match the locally computed ones; order is checked only where scores differ by > gap."""
    for p in points:
        ensure(p["id"] in expected_scores, f"{what}: unexpected id {p['id']}")
        ensure(close(p["score"], expected_scores[p["id"]]),
               f"{what}: score of {p['id']} is {p['score']:.6f}, expected {expected_scores[p['id']]:.6f}")
    for earlier, later in zip(points, points[1:]):
        if expected_scores[earlier["id"]] + gap < expected_scores[later["id"]]:
            raise CheckFailed(f"{what}: {earlier['id']} ranked above {later['id']} with a lower score")
