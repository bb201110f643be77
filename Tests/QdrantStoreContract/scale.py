#!/usr/bin/env python3
"""Ingest and search at scale over HTTP: synthetic 384-dim chunks with server-side BM25 Documents,
upserted in batches the way the knowledge service does, then timed searches. Not part of the
contract (it proves nothing about correctness); it shows how a target copes with 100k chunks.

    python scale.py --url http://127.0.0.1:6333 --points 100000 --batch 500
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
import uuid

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from client import Target  # noqa: E402

WORDS = ("refund invoice password login export slow error sso permission seat plan upgrade vat card "
         "charge api limit dark mode integration status outage backup code reset account security "
         "workspace billing report download sync token webhook admin role trial").split()
CATEGORIES = ("billing", "technical", "account", "features", "plans", "support")


def timed(target, path, body, runs):
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        target.result("POST", path, body)
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.99) - 1 if len(samples) >= 100 else -1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--points", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--keep", action="store_true", help="keep the collection afterwards")
    args = parser.parse_args()
    t = Target(args.url, timeout=300)
    name = f"scale_{os.getpid()}"
    t.result("PUT", f"/collections/{name}", {"vectors": {"dense": {"size": 384, "distance": "Cosine"}},
                                             "sparse_vectors": {"bm25": {"modifier": "idf"}}})
    for field in ("category", "article_id"):
        t.result("PUT", f"/collections/{name}/index?wait=true", {"field_name": field, "field_schema": "keyword"})
    rng, words = np.random.default_rng(7), random.Random(7)
    started = time.perf_counter()
    for first in range(0, args.points, args.batch):
        vectors = rng.standard_normal((min(args.batch, args.points - first), 384), dtype=np.float32)
        points = []
        for i, v in enumerate(vectors):
            n = first + i
            text = " ".join(words.choices(WORDS, k=40))
            points.append({"id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"syn_{n // 8}#{n % 8}")),
                           "vector": {"dense": [round(float(x), 6) for x in v],
                                      "bm25": {"text": text, "model": "qdrant/bm25"}},
                           "payload": {"article_id": f"syn_{n // 8}", "category": CATEGORIES[n % 6], "text": text}})
        t.result("PUT", f"/collections/{name}/points?wait=true", {"points": points})
    ingest = time.perf_counter() - started
    count = t.result("POST", f"/collections/{name}/points/count", {"exact": True})["count"]
    print(f"ingest: {count} points in {ingest:.1f}s = {count / ingest:.0f} points/s (batches of {args.batch})")
    query = [round(float(x), 6) for x in rng.standard_normal(384, dtype=np.float32)]
    path = f"/collections/{name}/points/query"
    cases = {
        "dense top-10": {"query": query, "using": "dense", "limit": 10, "with_payload": True},
        "bm25 Document top-10": {"query": {"text": "refund double charge card", "model": "qdrant/bm25"},
                                 "using": "bm25", "limit": 10, "with_payload": True},
        "hybrid RRF + category filter": {
            "prefetch": [{"query": query, "using": "dense", "limit": 40},
                         {"query": {"text": "refund double charge card", "model": "qdrant/bm25"},
                          "using": "bm25", "limit": 40}],
            "query": {"fusion": "rrf"}, "filter": {"must": [{"key": "category", "match": {"value": "billing"}}]},
            "limit": 10, "with_payload": True},
        "hybrid RRF, no filter": {
            "prefetch": [{"query": query, "using": "dense", "limit": 40},
                         {"query": {"text": "refund double charge card", "model": "qdrant/bm25"},
                          "using": "bm25", "limit": 40}],
            "query": {"fusion": "rrf"}, "limit": 10, "with_payload": True},
    }
    for label, body in cases.items():
        p50, p99 = timed(t, path, body, args.runs)
        print(f"search {label}: p50 {p50:.1f} ms, max/p99 {p99:.1f} ms over {args.runs} runs")
    delete = time.perf_counter()
    t.result("POST", f"/collections/{name}/points/delete?wait=true",
             {"filter": {"must": [{"key": "article_id", "match": {"value": "syn_3"}}]}})
    print(f"delete one article by filter: {(time.perf_counter() - delete) * 1000:.1f} ms")
    if not args.keep:
        t.result("DELETE", f"/collections/{name}")
    print(json.dumps({"points": count, "ingest_s": round(ingest, 1)}))


if __name__ == "__main__":
    main()
