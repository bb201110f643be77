"""Checks of the Query API (dense, BM25 Documents, hybrid fusion, thresholds, paging, payload
selection), filters, scroll and retrieval, all on the shared `kb` collection."""

from qdrant_client.http import models as m

import corpus
from client import CheckFailed, ensure
from suite import Skip, check, close, expect_order, ids

PROBE = [1.0, 0.1, 0.0, 0.0, 0.5, 0.2, 0.0, 0.0]  # nearest A#0 > A#1 > A#2 ≫ the rest


def local_scores(query):
    return {corpus.point_id(a, c): corpus.cosine(query, corpus.dense(a, c)) for a, c, *_ in corpus.chunks()}


def hybrid(dense_query, text, fusion, flt=None, limit=5):
    body = {"prefetch": [{"query": dense_query, "using": "dense", "limit": 20},
                         {"query": corpus.bm25(text), "using": "bm25", "limit": 20}],
            "query": fusion, "limit": limit, "with_payload": True}
    if flt is not None:
        body["filter"] = flt
    return body


@check("query: dense nearest scores match cosine similarity, ranked by score")
def dense_nearest(s):
    hits = s.query(s.kb(), {"query": PROBE, "using": "dense", "limit": 12})
    ensure(len(hits) == 12, f"{len(hits)} hits, expected 12")
    expect_order(hits, local_scores(PROBE), "dense query")
    ensure(ids(hits)[:3] == [corpus.point_id("A", c) for c in range(3)], "top 3 should be A#0, A#1, A#2")
    nearest = s.query(s.kb(), {"query": {"nearest": PROBE}, "using": "dense", "limit": 3})
    ensure(ids(nearest) == ids(hits)[:3], "{\"nearest\": v} and a bare vector should give the same answer")


@check("query: limit and offset page through the ranking")
def limit_offset(s):
    full = ids(s.query(s.kb(), {"query": PROBE, "using": "dense", "limit": 3}))
    page = ids(s.query(s.kb(), {"query": PROBE, "using": "dense", "limit": 2, "offset": 1}))
    ensure(page == full[1:3], f"offset 1 limit 2 gave {page}, expected {full[1:3]}")
    default = s.query(s.kb(), {"query": PROBE, "using": "dense"})
    ensure(len(default) == 10, f"default limit gave {len(default)} hits, expected 10")


@check("query: score_threshold drops weaker hits")
def score_threshold(s):
    probe = corpus.dense("A", 1)
    hits = s.query(s.kb(), {"query": probe, "using": "dense", "limit": 10, "score_threshold": 0.95})
    expected = {pid for pid, score in local_scores(probe).items() if score >= 0.95}
    ensure(set(ids(hits)) == expected, f"threshold 0.95 kept {ids(hits)}, expected {sorted(expected)}")


@check("query: BM25 Documents (qdrant/bm25) upserted and queried by text")
def bm25_documents(s):
    hits = s.query(s.kb(), {"query": corpus.bm25("password reset link"), "using": "bm25", "limit": 5,
                            "with_payload": True})
    ensure(hits and hits[0]["id"] == corpus.point_id("B", 1), f"top hit {hits[:1]}, expected B#1")
    order = ids(hits)
    ensure(corpus.point_id("B", 0) in order, "B#0 (password + reset) should be found")
    for p in hits:
        if p["payload"]["article_id"] != "B":
            ensure(order.index(p["id"]) > order.index(corpus.point_id("B", 0)), "a non-B chunk outranked B#0")
    ensure(all(h["score"] > 0 for h in hits), "BM25 scores must be positive")
    none = s.query(s.kb(), {"query": corpus.bm25("zebra xylophone"), "using": "bm25", "limit": 5})
    ensure(none == [], f"unknown words matched {ids(none)}")


@check("query: BM25 document vectors equal qdrant_edge's Bm25 (server and Edge tokenise alike)")
def bm25_parity(s):
    try:
        import qdrant_edge
    except ImportError:
        raise Skip("qdrant_edge is not installed here")
    [rec] = s.retrieve(s.kb(), [corpus.point_id("B", 1)], with_vector=["bm25"])
    got = rec["vector"]["bm25"]
    want = qdrant_edge.Bm25().embed_document(corpus.ARTICLES["B"][2][1])
    ensure(sorted(got["indices"]) == sorted(want.indices), f"token ids {got['indices']} != {want.indices}")
    got_values = dict(zip(got["indices"], got["values"]))
    for index, value in zip(want.indices, want.values):
        ensure(close(got_values[index], value), f"weight of token {index}: {got_values[index]} != {value}")


@check("query: hybrid dense + BM25 with RRF (k=2) and a category filter")
def hybrid_rrf(s):
    flt = {"must": [corpus.match("category", "technical")]}
    hits = s.query(s.kb(), hybrid(corpus.dense("D", 1), "identity provider certificate expired", {"fusion": "rrf"}, flt))
    ensure(hits and hits[0]["id"] == corpus.point_id("D", 1), f"top hit {ids(hits)[:1]}, expected D#1")
    ensure(close(hits[0]["score"], 1.0), f"top RRF score {hits[0]['score']}, expected 1/(0+2) + 1/(0+2) = 1.0")
    ensure(all(h["payload"]["category"] == "technical" for h in hits), "the filter let another category through")
    scores = [h["score"] for h in hits]
    ensure(scores == sorted(scores, reverse=True), "fused scores are not in descending order")
    other = s.query(s.kb(), hybrid(corpus.dense("A", 0), "refund", {"fusion": "rrf"}, flt))
    ensure(all(h["payload"]["category"] == "technical" for h in other),
           "a top-level filter must apply inside every prefetch")
    kept = s.query(s.kb(), {**hybrid(corpus.dense("D", 1), "identity provider certificate expired",
                                     {"fusion": "rrf"}, flt), "score_threshold": 0.6})
    ensure(kept and all(h["score"] >= 0.6 for h in kept), "score_threshold on the fused score")


@check("query: {\"rrf\": {\"k\": 60}} scores 2/60 at the top", min_version=(1, 16, 0))
def rrf_k(s):
    hits = s.query(s.kb(), hybrid(corpus.dense("D", 1), "identity provider certificate expired", {"rrf": {"k": 60}}))
    ensure(hits[0]["id"] == corpus.point_id("D", 1) and close(hits[0]["score"], 2 / 60, 1e-6),
           f"top {hits[0]['id']} scored {hits[0]['score']}, expected D#1 with 2/60")


@check("query: weighted RRF follows the heavier prefetch", min_version=(1, 17, 0))
def rrf_weights(s):
    for weights, top in (([10.0, 0.1], ("A", 0)), ([0.1, 10.0], ("B", 1))):
        body = hybrid(corpus.dense("A", 0), "password reset link", {"rrf": {"k": 2, "weights": weights}})
        hits = s.query(s.kb(), body)
        ensure(hits[0]["id"] == corpus.point_id(*top), f"weights {weights}: top {hits[0]['id']}, expected {top}")


@check("query: DBSF fusion", min_version=(1, 11, 0))
def dbsf(s):
    body = hybrid(corpus.dense("C", 0), "export csv reports", {"fusion": "dbsf"})
    hits = s.query(s.kb(), body)
    ensure(hits and hits[0]["id"] == corpus.point_id("C", 0), f"top {ids(hits)[:1]}, expected C#0")
    scores = [h["score"] for h in hits]
    ensure(scores == sorted(scores, reverse=True), "DBSF scores are not in descending order")


@check("query: with_payload true/false/list/exclude and with_vector")
def payload_selection(s):
    base = {"query": corpus.dense("B", 0), "using": "dense", "limit": 1}
    [p] = s.query(s.kb(), base)
    ensure(p["payload"] is None, f"payload without with_payload: {p['payload']!r}")
    [p] = s.query(s.kb(), {**base, "with_payload": True})
    ensure(set(p["payload"]) == {"article_id", "chunk", "category", "title", "text"}, f"payload {p['payload']}")
    [p] = s.query(s.kb(), {**base, "with_payload": ["title"]})
    ensure(p["payload"] == {"title": "Passwords"}, f"with_payload [title] gave {p['payload']}")
    [p] = s.query(s.kb(), {**base, "with_payload": {"exclude": ["text"]}})
    ensure("text" not in p["payload"] and "title" in p["payload"], f"exclude text gave {p['payload']}")
    [p] = s.query(s.kb(), {**base, "with_vector": ["dense"]})
    vector = p["vector"]["dense"]
    ensure(len(vector) == 8 and close(sum(x * x for x in vector), 1.0), "Cosine vectors come back normalised")


@check("filters: match value/any, must_not, should, has_id, range, nested clauses")
def filters(s):
    name = s.kb()
    cases = [
        ({"must": [{"key": "category", "match": {"any": ["billing", "account"]}}]}, 6),
        ({"must_not": [corpus.match("category", "technical")]}, 6),
        ({"should": [corpus.match("article_id", "A"), corpus.match("article_id", "D")]}, 6),
        ({"must": [{"has_id": [corpus.point_id("A", 0), corpus.point_id("C", 2)]}]}, 2),
        ({"must": [{"key": "chunk", "range": {"gte": 1}}]}, 8),
        ({"must": [corpus.match("category", "technical"),
                   {"must_not": [corpus.match("article_id", "C")]}]}, 3),
        ({"must": [{"key": "category", "match": {"except": ["technical"]}}]}, 6),
    ]
    for flt, want in cases:
        got = s.count(name, flt)
        ensure(got == want, f"count with {flt} = {got}, expected {want}")
    s.t.error("POST", f"/collections/{name}/points/count", {"filter": {"muust": []}}, 400,
              "Format error in JSON body")


@check("scroll: pages cover every point once")
def scroll(s):
    seen, offset = [], None
    for _ in range(10):
        body = {"limit": 5, "with_payload": False}
        if offset is not None:
            body["offset"] = offset
        page = s.t.result("POST", f"/collections/{s.kb()}/points/scroll", body,
                          request=m.ScrollRequest, response=m.InlineResponse20019)
        seen += ids(page["points"])
        offset = page["next_page_offset"]
        if offset is None:
            break
    ensure(sorted(seen) == sorted({corpus.point_id(a, c) for a, c, *_ in corpus.chunks()}),
           f"scroll saw {len(seen)} ids, expected the 12 points once each")


@check("retrieve: POST /points by ids and GET /points/{id}")
def retrieve(s):
    name = s.kb()
    records = s.retrieve(name, [corpus.point_id("C", 1), corpus.point_id("Z", 0)], with_payload=True)
    ensure(ids(records) == [corpus.point_id("C", 1)], f"retrieved {ids(records)}")
    ensure(records[0]["payload"]["article_id"] == "C" and records[0]["vector"] is None, "record contents")
    one = s.t.result("GET", f"/collections/{name}/points/{corpus.point_id('C', 1)}", response=m.InlineResponse20016)
    ensure(one["id"] == corpus.point_id("C", 1), f"GET point gave {one['id']}")
    status, _, _ = s.t.raw("GET", f"/collections/{name}/points/{corpus.point_id('Z', 0)}")
    if status != 404:
        raise CheckFailed(f"GET of a missing point: HTTP {status}, expected 404")
