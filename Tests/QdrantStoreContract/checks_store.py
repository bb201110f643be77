"""Checks of the service endpoints, collections, payload indexes, writes and error answers."""

import threading

from qdrant_client.http import models as m

import corpus
from client import Target, ensure
from suite import Skip, check, ids


@check("service: GET /, /healthz, /livez, /readyz")
def service(s):
    ensure(isinstance(s.root.get("title"), str) and s.root.get("version"), "GET /: title and version expected")
    s.t.text("/healthz", 200, "healthz check passed")
    s.t.text("/livez", 200, "healthz check passed")
    s.t.text("/readyz", 200, "all shards are ready")


@check("collections: create, info echoes config and cluster knobs, exists, list, delete")
def collection_lifecycle(s):
    name = s.create("life", corpus.create_body(shard_number=2, replication_factor=1, write_consistency_factor=1))
    exists = s.t.result("GET", f"/collections/{name}/exists", response=m.InlineResponse2009)
    ensure(exists == {"exists": True}, f"exists: {exists}")
    listed = s.t.result("GET", "/collections", response=m.InlineResponse2006)
    ensure(name in [c["name"] for c in listed["collections"]], "GET /collections does not list the new collection")
    info = s.info(name)
    params = info["config"]["params"]
    ensure(info["status"] == "green", f"status {info['status']!r}")
    ensure(info["points_count"] == 0, f"points_count {info['points_count']}")
    dense = params["vectors"]["dense"]
    ensure(dense["size"] == 8 and dense["distance"] == "Cosine", f"vectors echoed as {params['vectors']}")
    ensure(params["sparse_vectors"]["bm25"].get("modifier") == "idf", f"sparse_vectors echoed as {params.get('sparse_vectors')}")
    ensure(params["shard_number"] == 2, f"shard_number echoed as {params.get('shard_number')}")
    ensure(params["replication_factor"] == 1 and params["write_consistency_factor"] == 1, "knobs not echoed")
    if s.standin:
        messages = " ".join(w["message"] for w in info.get("warnings") or [])
        ensure("shard_number=2" in messages and "not emulated" in messages,
               f"the stand-in should warn that shard_number=2 is not emulated; warnings: {messages!r}")
    ensure(s.drop(name) is True, "DELETE of an existing collection should return true")
    ensure(s.drop(name) is False, "DELETE of a missing collection should return 200 and false")
    exists = s.t.result("GET", f"/collections/{name}/exists", response=m.InlineResponse2009)
    ensure(exists == {"exists": False}, f"exists after delete: {exists}")
    s.t.error("GET", f"/collections/{name}", None, 404, ["Not found", f"Collection `{name}` doesn't exist!"])


@check("collections: 409 on a second create, 422 on size 0")
def collection_conflict(s):
    name = s.create("dup")
    s.t.error("PUT", f"/collections/{name}", corpus.create_body(), 409,
              f"Collection `{name}` already exists!", request=m.CreateCollection)
    bad = s.name("size0")
    s.t.error("PUT", f"/collections/{bad}", corpus.create_body(dim=0), 422, "Validation error in JSON body")
    exists = s.t.result("GET", f"/collections/{bad}/exists", response=m.InlineResponse2009)
    ensure(exists == {"exists": False}, "a rejected create must not leave a collection behind")


@check("payload indexes: keyword indexes appear in payload_schema with point counts")
def payload_index(s):
    schema = s.info(s.kb())["payload_schema"]
    for field in ("category", "article_id"):
        ensure(schema.get(field, {}).get("data_type") == "keyword", f"payload_schema[{field}] = {schema.get(field)}")
        ensure(schema[field]["points"] == 12, f"payload_schema[{field}].points = {schema[field]['points']}, expected 12")


@check("upsert: deterministic UUIDs make a second upsert replace, not add")
def idempotent_upsert(s):
    name = s.load("idem")
    ensure(s.count(name) == 12, "12 points after the first upsert")
    s.upsert(name, corpus.all_points(title_suffix=" v2"))
    ensure(s.count(name) == 12, f"count after re-upsert is {s.count(name)}, expected 12")
    [rec] = s.retrieve(name, [corpus.point_id("A", 0)], with_payload=True)
    ensure(rec["payload"]["title"] == "Refunds v2", f"payload not replaced: {rec['payload']}")


@check("upsert: UUIDs come back in canonical lower-case form; ints stay ints")
def uuid_canonical(s):
    name = s.create("uuid")
    upper = corpus.point_id("E", 0).upper()
    s.upsert(name, [{"id": upper, "vector": {"dense": corpus.dense("A", 0)}, "payload": {"n": 1}},
                    {"id": 42, "vector": {"dense": corpus.dense("B", 0)}, "payload": {"n": 2}}])
    records = s.retrieve(name, [upper.lower(), 42])
    ensure(sorted(map(str, ids(records))) == sorted([upper.lower(), "42"]), f"retrieved ids {ids(records)}")
    ensure(any(r["id"] == 42 for r in records), "integer id came back as a string")


@check("delete: by filter removes exactly one article's chunks")
def delete_by_filter(s):
    name = s.load("delf")
    body = {"filter": {"must": [corpus.match("article_id", "C")]}}
    result = s.t.result("POST", f"/collections/{name}/points/delete?wait=true", body,
                        request=m.FilterSelector, response=m.InlineResponse2008)
    ensure(result["status"] == "completed", f"status {result['status']!r}")
    ensure(s.count(name) == 9, f"count after delete is {s.count(name)}, expected 9")
    ensure(s.count(name, {"must": [corpus.match("article_id", "C")]}) == 0, "article C still has points")
    hits = s.query(name, {"query": corpus.bm25("export csv download"), "using": "bm25", "limit": 10,
                          "with_payload": True})
    ensure(all(h["payload"]["article_id"] != "C" for h in hits), "a deleted chunk is still found")


@check("delete: by ids, unknown ids are ignored")
def delete_by_ids(s):
    name = s.load("deli")
    body = {"points": [corpus.point_id("A", 0), corpus.point_id("A", 1), corpus.point_id("Z", 9)]}
    s.t.result("POST", f"/collections/{name}/points/delete?wait=true", body,
               request=m.PointIdsList, response=m.InlineResponse2008)
    ensure(s.count(name) == 10, f"count after deleting 2 ids is {s.count(name)}, expected 10")


@check("errors: 404 for a missing collection on every endpoint")
def errors_404(s):
    missing = s.name("missing")
    text = f"Collection `{missing}` doesn't exist!"
    s.t.error("GET", f"/collections/{missing}", None, 404, text)
    s.t.error("POST", f"/collections/{missing}/points/query", {"query": corpus.dense("A", 0), "using": "dense"},
              404, text, request=m.QueryRequest)
    s.t.error("PUT", f"/collections/{missing}/points?wait=true", {"points": corpus.all_points(articles="A")},
              404, text, request=m.PointsList)
    s.t.error("POST", f"/collections/{missing}/points/count", {"exact": True}, 404, text, request=m.CountRequest)
    s.t.error("POST", f"/collections/{missing}/points/delete?wait=true",
              {"filter": {"must": [corpus.match("article_id", "A")]}}, 404, text, request=m.FilterSelector)


@check("errors: 400 for wrong dimensions, unknown vector names, bad ids and broken JSON")
def errors_400(s):
    name = s.kb()
    short = {"points": [{"id": 1, "vector": {"dense": [0.1, 0.2, 0.3]}}]}
    s.t.error("PUT", f"/collections/{name}/points?wait=true", short, 400,
              ["Wrong input", "Vector dimension error: expected dim: 8, got 3"], request=m.PointsList)
    s.t.error("POST", f"/collections/{name}/points/query", {"query": [0.1, 0.2, 0.3], "using": "dense"}, 400,
              "Vector dimension error: expected dim: 8, got 3", request=m.QueryRequest)
    unknown = {"points": [{"id": 1, "vector": {"colour": corpus.dense("A", 0)}}]}
    s.t.error("PUT", f"/collections/{name}/points?wait=true", unknown, 400,
              ["Wrong input", "Not existing vector name error: colour"], request=m.PointsList)
    bad_id = {"points": [{"id": "not-a-uuid", "vector": {"dense": corpus.dense("A", 0)}}]}
    s.t.error("PUT", f"/collections/{name}/points?wait=true", bad_id, 400,
              ["Format error in JSON body", "not a valid point ID"], request=m.PointsList)
    s.t.error("POST", f"/collections/{name}/points/query", None, 400, "Format error in JSON body",
              raw_body=b'{"query": [0.1, ')
    ensure(s.count(name) == 12, "a rejected write changed the collection")


@check("errors: 422 for limit 0 and for sparse vectors with mismatched or repeated indices")
def errors_422(s):
    name = s.kb()
    s.t.error("POST", f"/collections/{name}/points/query", {"query": corpus.dense("A", 0), "using": "dense", "limit": 0},
              422, ["Validation error in JSON body", "limit"], request=m.QueryRequest)
    uneven = {"points": [{"id": 1, "vector": {"bm25": {"indices": [1, 2], "values": [0.5]}}}]}
    s.t.error("PUT", f"/collections/{name}/points?wait=true", uneven, 422,
              ["Validation error in JSON body", "must be the same length as indices"], request=m.PointsList)
    repeated = {"points": [{"id": 1, "vector": {"bm25": {"indices": [3, 3], "values": [0.5, 0.5]}}}]}
    s.t.error("PUT", f"/collections/{name}/points?wait=true", repeated, 422,
              ["Validation error in JSON body", "must be unique"], request=m.PointsList)
    ensure(s.count(name) == 12, "a rejected write changed the collection")


@check("http: keep-alive connection reused; 4 clients in parallel all answered")
def concurrency(s):
    name = s.kb()
    conn = s.t.conn
    for _ in range(10):
        s.count(name)
    ensure(s.t.conn is conn and conn is not None, "the server closed a keep-alive connection")
    failures = []

    def client():
        t = Target(f"http://{s.t.host}:{s.t.port}", timeout=30)
        t.headers = s.t.headers
        try:
            for i in range(20):
                body = {"query": corpus.dense("ABCD"[i % 4], i % 3), "using": "dense", "limit": 3}
                hits = t.result("POST", f"/collections/{name}/points/query", body, response=m.InlineResponse20022)
                if len(hits["points"]) != 3:
                    failures.append(f"{len(hits['points'])} hits")
        except Exception as exc:
            failures.append(str(exc))
        finally:
            t.close()

    threads = [threading.Thread(target=client) for _ in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(60)
    ensure(not failures, f"parallel clients failed: {failures[:3]}")


@check("stand-in: unsupported features answer 400 `not supported by the stand-in`", standin_only=True)
def standin_unsupported(s):
    name = s.kb()
    marker = "not supported by the stand-in"
    s.t.error("POST", f"/collections/{name}/points/search", {"vector": corpus.dense("A", 0), "limit": 3}, 400, marker)
    s.t.error("POST", f"/collections/{name}/points/query", {"query": {"recommend": {"positive": [1]}}}, 400, marker,
              request=m.QueryRequest)
    s.t.error("POST", f"/collections/{name}/points/query",
              {"query": {"text": "hi", "model": "sentence-transformers/all-minilm-l6-v2"}, "using": "dense"},
              400, marker, request=m.QueryRequest)
    s.t.error("POST", f"/collections/{name}/points/query",
              {"query": corpus.dense("A", 0), "using": "dense", "lookup_from": {"collection": "x"}}, 400, marker,
              request=m.QueryRequest)
    s.t.error("PUT", f"/collections/{s.name('hnsw')}", {**corpus.create_body(), "hnsw_config": {"m": 32}}, 400,
              marker, request=m.CreateCollection)


@check("stand-in: --strict rejects unknown fields the server would ignore", standin_only=True)
def standin_strict(s):
    if not s.root.get("strict"):
        raise Skip("the stand-in runs without --strict")
    name = s.kb()
    s.t.error("POST", f"/collections/{name}/points/query", {"query": corpus.dense("A", 0), "using": "dense", "limt": 3},
              400, "unknown field `limt`")
