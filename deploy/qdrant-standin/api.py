"""The REST endpoints: one function per route, `(registry, ctx, request) → result`.

The server holds its lock around each call, so these run one at a time; `result` is what goes
under "result" in the envelope. Routes the real server has but this stand-in does not emulate
answer 400 `not supported by the stand-in`; anything else is 404.
"""

import re

import qdrant_edge as qe

import translate as tr
from collections_store import CREATE_FIELDS, CREATE_REFUSED, field_schema, info
from errors import ApiError, bad_request, format_error, from_engine, unsupported


class Request:
    def __init__(self, method, path, params, body, args):
        self.method, self.path, self.params, self.body, self.args = method, path, params, body, args

    def json(self, ctx, where, allowed=(), refused=("shard_key",), required=True):
        """The body as a JSON object whose top-level keys are checked like every nested object."""
        if self.body is None:
            if required:
                raise format_error("EOF while parsing a value at line 1 column 0")
            return {}
        return ctx.fields(self.body, allowed, where, refused=refused)


WRITE_PARAMS = ("wait", "ordering", "timeout")
READ_PARAMS = ("consistency", "timeout")


def check_params(req, ctx, allowed):
    for key, value in req.params.items():
        if key not in allowed:
            if ctx.strict:
                raise bad_request(f"unknown query parameter `{key}` (the stand-in runs with --strict)")
            continue
        if key == "wait" and value not in ("true", "false"):
            raise ApiError(400, f"Query deserialize error: wait: provided string was not `true` or `false`")
        if key == "ordering" and value not in ("weak", "medium", "strong"):
            raise ApiError(400, f"Query deserialize error: unknown variant `{value}`, expected one of "
                                "`weak`, `medium`, `strong`")
        if key == "consistency" and value not in ("majority", "quorum", "all") and not value.isdigit():
            raise ApiError(400, "Query deserialize error: consistency: expected an integer or one of "
                                "`majority`, `quorum`, `all`")
        if key == "timeout" and not value.isdigit():
            raise ApiError(400, "Query deserialize error: timeout: invalid digit found in string")


def engine(call, *args):
    """Runs one Edge call, turning whatever it raises into the server's error."""
    try:
        return call(*args)
    except ApiError:
        raise
    except BaseException as exc:  # PanicException is a BaseException
        raise from_engine(exc) from None


def update_result(req, coll):
    return {"operation_id": coll.next_operation_id(),
            "status": "completed" if req.params.get("wait") == "true" else "acknowledged"}


# ── collections ──────────────────────────────────────────────────────────────────────────────

def list_collections(reg, ctx, req):
    check_params(req, ctx, ())
    return {"collections": [{"name": name} for name in sorted(reg.collections)]}


def get_collection(reg, ctx, req):
    check_params(req, ctx, ())
    return engine(info, reg.get(req.args[0]))


def collection_exists(reg, ctx, req):
    check_params(req, ctx, ())
    return {"exists": req.args[0] in reg.collections}


def create_collection(reg, ctx, req):
    check_params(req, ctx, ("timeout",))
    body = req.json(ctx, "create collection", allowed=CREATE_FIELDS, refused=CREATE_REFUSED)
    engine(reg.create, req.args[0], body)
    return True


def delete_collection(reg, ctx, req):
    check_params(req, ctx, ("timeout",))
    return engine(reg.drop, req.args[0])


def create_index(reg, ctx, req):
    check_params(req, ctx, WRITE_PARAMS)
    coll = reg.get(req.args[0])
    body = req.json(ctx, "create field index", allowed=("field_name", "field_schema"))
    if not isinstance(body.get("field_name"), str):
        raise format_error("missing field `field_name`")
    schema = field_schema(body.get("field_schema"), ctx)
    engine(coll.shard.update, qe.UpdateOperation.create_field_index(body["field_name"], schema))
    return update_result(req, coll)


def delete_index(reg, ctx, req):
    check_params(req, ctx, WRITE_PARAMS)
    coll = reg.get(req.args[0])
    engine(coll.shard.update, qe.UpdateOperation.delete_field_index(req.args[1]))
    return update_result(req, coll)


# ── points ───────────────────────────────────────────────────────────────────────────────────

def upsert(reg, ctx, req):
    check_params(req, ctx, WRITE_PARAMS)
    coll = reg.get(req.args[0])
    if isinstance(req.body, dict) and "batch" in req.body:
        raise unsupported("the `batch` form of upsert; send `points` (the list form)")
    body = req.json(ctx, "upsert points", allowed=("points", "update_filter", "update_mode"))
    if not isinstance(body.get("points"), list):
        raise format_error("missing field `points`")
    points = []
    for i, p in enumerate(body["points"]):
        where = f"points[{i}]"
        ctx.fields(p, ("id", "vector", "payload"), where)
        if "id" not in p or "vector" not in p:
            raise format_error(f"missing field `{'id' if 'id' not in p else 'vector'}` at {where}")
        payload = p.get("payload")
        if payload is not None and not isinstance(payload, dict):
            raise format_error(f"invalid type: expected a map at {where}.payload")
        points.append(qe.Point(id=tr.point_id(p["id"], f"{where}.id"),
                               vector=engine(tr.vector_struct, p["vector"], ctx, f"{where}.vector"),
                               payload=payload))
    mode = body.get("update_mode")
    mode = None if mode is None else tr.enum(qe.UpdateMode, mode, "update_mode")
    condition = tr.filter_(body.get("update_filter"), ctx, "update_filter")
    engine(coll.shard.update, qe.UpdateOperation.upsert_points(points, condition=condition, update_mode=mode))
    return update_result(req, coll)


def delete_points(reg, ctx, req):
    check_params(req, ctx, WRITE_PARAMS)
    coll = reg.get(req.args[0])
    body = req.json(ctx, "delete points", allowed=("points", "filter"))
    if ("points" in body) == ("filter" in body):
        raise format_error("data did not match any variant of untagged enum PointsSelector")
    if "points" in body:
        operation = qe.UpdateOperation.delete_points(tr.point_ids(body["points"], "points"))
    else:
        operation = qe.UpdateOperation.delete_points_by_filter(tr.filter_(body["filter"], ctx, "filter"))
    engine(coll.shard.update, operation)
    return update_result(req, coll)


def count_points(reg, ctx, req):
    check_params(req, ctx, READ_PARAMS)
    coll = reg.get(req.args[0])
    body = req.json(ctx, "count points", allowed=("filter", "exact"))
    request = qe.CountRequest(exact=tr.boolean(body.get("exact"), "exact", True),
                              filter=tr.filter_(body.get("filter"), ctx, "filter"))
    return {"count": engine(coll.shard.count, request)}


def query_points(reg, ctx, req):
    check_params(req, ctx, READ_PARAMS)
    coll = reg.get(req.args[0])
    body = req.json(ctx, "query request", refused=("shard_key", "lookup_from"),
                    allowed=("prefetch", "query", "using", "filter", "params", "score_threshold",
                             "limit", "offset", "with_vector", "with_payload"))
    threshold = body.get("score_threshold")
    request = qe.QueryRequest(
        limit=tr.count(body.get("limit"), "limit", 10),
        offset=tr.count(body.get("offset"), "offset", 0, minimum=0),
        query=engine(tr.scoring_query, body.get("query"), body.get("using"), ctx, "query"),
        prefetches=engine(tr.prefetches, body.get("prefetch"), ctx, "prefetch"),
        with_vector=tr.with_vector(body.get("with_vector"), "with_vector"),
        with_payload=tr.with_payload(body.get("with_payload"), "with_payload", False),
        filter=tr.filter_(body.get("filter"), ctx, "filter"),
        score_threshold=None if threshold is None else tr.number(threshold, "score_threshold"),
        params=tr.search_params(body.get("params"), ctx, "params"))
    return {"points": [tr.scored_point(p) for p in engine(coll.shard.query, request)]}


def scroll_points(reg, ctx, req):
    check_params(req, ctx, READ_PARAMS)
    coll = reg.get(req.args[0])
    body = req.json(ctx, "scroll request", refused=("shard_key", "order_by"),
                    allowed=("offset", "limit", "filter", "with_payload", "with_vector"))
    offset = body.get("offset")
    request = qe.ScrollRequest(
        offset=None if offset is None else tr.point_id(offset, "offset"),
        limit=tr.count(body.get("limit"), "limit", 10),
        filter=tr.filter_(body.get("filter"), ctx, "filter"),
        with_payload=tr.with_payload(body.get("with_payload"), "with_payload", True),
        with_vector=tr.with_vector(body.get("with_vector"), "with_vector"))
    records, next_offset = engine(coll.shard.scroll, request)
    return {"points": [tr.record(r) for r in records],
            "next_page_offset": None if next_offset is None else tr.out_id(next_offset)}


def retrieve_points(reg, ctx, req):
    check_params(req, ctx, READ_PARAMS)
    coll = reg.get(req.args[0])
    body = req.json(ctx, "point request", allowed=("ids", "with_payload", "with_vector"))
    ids = tr.point_ids(body.get("ids"), "ids")
    records = engine(coll.shard.retrieve, ids, tr.with_payload(body.get("with_payload"), "with_payload", True),
                     tr.with_vector(body.get("with_vector"), "with_vector"))
    return [tr.record(r) for r in records]


def get_point(reg, ctx, req):
    check_params(req, ctx, READ_PARAMS)
    coll = reg.get(req.args[0])
    try:
        pid = tr.point_id(int(req.args[1]) if req.args[1].isdigit() else req.args[1], "id")
    except ApiError:
        raise ApiError(400, f"Wrong input: Unable to parse point id `{req.args[1]}`") from None
    records = engine(coll.shard.retrieve, [pid], True, True)
    if not records:
        raise ApiError(404, f"Not found: No point with id {pid} found")
    return tr.record(records[0])


# ── routing ──────────────────────────────────────────────────────────────────────────────────

NAME = r"([^/]+)"
ROUTES = [(method, re.compile(f"^{pattern}$"), handler) for method, pattern, handler in (
    ("GET", "/collections", list_collections),
    ("GET", f"/collections/{NAME}", get_collection),
    ("PUT", f"/collections/{NAME}", create_collection),
    ("DELETE", f"/collections/{NAME}", delete_collection),
    ("GET", f"/collections/{NAME}/exists", collection_exists),
    ("PUT", f"/collections/{NAME}/index", create_index),
    ("DELETE", f"/collections/{NAME}/index/{NAME}", delete_index),
    ("PUT", f"/collections/{NAME}/points", upsert),
    ("POST", f"/collections/{NAME}/points", retrieve_points),
    ("GET", f"/collections/{NAME}/points/{NAME}", get_point),
    ("POST", f"/collections/{NAME}/points/delete", delete_points),
    ("POST", f"/collections/{NAME}/points/count", count_points),
    ("POST", f"/collections/{NAME}/points/query", query_points),
    ("POST", f"/collections/{NAME}/points/scroll", scroll_points),
)]

# Real Qdrant API families the stand-in knows exist but does not emulate.
UNSUPPORTED = re.compile(r"^/(aliases|snapshots|cluster|telemetry|metrics|locks|issues|collections/aliases"
                         r"|collections/[^/]+/(aliases|snapshots|shards|cluster|facet|points/\w+))(/|$)")


def route(method, path):
    """(handler, path args) for a request, or an ApiError for an unknown or unsupported route."""
    for route_method, pattern, handler in ROUTES:
        m = pattern.match(path)
        if m and route_method == method:
            return handler, m.groups()
    if UNSUPPORTED.match(path) or re.match(r"^/collections/[^/]+$", path):
        raise unsupported(f"{method} {path}")
    raise ApiError(404, f"Not found: no endpoint {method} {path}")
