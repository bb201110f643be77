"""Persistence across restarts: `seed N` writes generation N of a known state into one collection,
`verify N` checks that exactly that state is there (run after the server was restarted or killed),
`cleanup` drops it. Generation 2 builds on generation 1, so a run can restart in between."""

from qdrant_client.http import models as m

import corpus
from client import CheckFailed, ensure
from suite import ids


def expected_state(generation):
    """{point id: title} after generation N."""
    state = {corpus.point_id(a, c): title for a, c, _, title, _ in corpus.chunks()}
    del state[corpus.point_id("D", 2)]
    if generation >= 2:
        for a, c, _, title, _ in corpus.chunks("C"):
            state[corpus.point_id(a, c)] = title + " v2"
        for a, c, *_ in corpus.chunks("A"):
            del state[corpus.point_id(a, c)]
        state[corpus.point_id("E", 0)] = "Extra"
    return state


def seed(s, name, generation):
    if generation == 1:
        s.t.call("DELETE", f"/collections/{name}")
        s.t.result("PUT", f"/collections/{name}", corpus.create_body(shard_number=2),
                   request=m.CreateCollection, response=m.InlineResponse2001)
        s.index(name, "category")
        s.index(name, "article_id")
        s.upsert(name, corpus.all_points())
        s.t.result("POST", f"/collections/{name}/points/delete?wait=true", {"points": [corpus.point_id("D", 2)]},
                   request=m.PointIdsList, response=m.InlineResponse2008)
    elif generation == 2:
        s.upsert(name, corpus.all_points(title_suffix=" v2", articles="C"))
        s.t.result("POST", f"/collections/{name}/points/delete?wait=true",
                   {"filter": {"must": [corpus.match("article_id", "A")]}},
                   request=m.FilterSelector, response=m.InlineResponse2008)
        extra = corpus.point("E", 0, "support", "Extra", "Contact support by chat or email")
        s.upsert(name, [extra])
    else:
        raise CheckFailed(f"unknown generation {generation}")
    verify(s, name, generation)


def verify(s, name, generation):
    state = expected_state(generation)
    info = s.info(name)
    params = info["config"]["params"]
    ensure(params["vectors"]["dense"]["size"] == corpus.DIM and params["shard_number"] == 2,
           f"collection config not kept: {params}")
    ensure(params["sparse_vectors"]["bm25"].get("modifier") == "idf", "sparse vector config not kept")
    schema = info["payload_schema"]
    ensure(all(schema.get(f, {}).get("data_type") == "keyword" for f in ("category", "article_id")),
           f"payload indexes not kept: {schema}")
    ensure(s.count(name) == len(state), f"count {s.count(name)}, expected {len(state)}")
    records = s.retrieve(name, sorted(state), with_payload=True)
    got = {r["id"]: r["payload"]["title"] for r in records}
    ensure(got == state, f"points or payloads differ from generation {generation}: "
                         f"missing {sorted(set(state) - set(got))[:3]}, titles {sorted(got.items())[:2]}")
    hits = s.query(name, {"query": corpus.bm25("password reset link"), "using": "bm25", "limit": 3})
    ensure(hits and hits[0]["id"] == corpus.point_id("B", 1), f"BM25 query after restart: {ids(hits)}")
    hits = s.query(name, {"query": corpus.dense("B", 0), "using": "dense", "limit": 1,
                          "filter": {"must": [corpus.match("category", "account")]}})
    ensure(ids(hits) == [corpus.point_id("B", 0)], f"filtered dense query after restart: {ids(hits)}")


def cleanup(s, name):
    s.t.result("DELETE", f"/collections/{name}", response=m.InlineResponse2001)
