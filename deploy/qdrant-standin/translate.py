"""REST JSON → qdrant_edge objects (points, vectors, filters, queries) and engine results → JSON.

Everything a request body can hold passes through here, so this is where the stand-in refuses
what it cannot emulate (400 `not supported by the stand-in`), rejects unknown fields under
--strict, and validates what would otherwise reach the engine unchecked (a sparse vector whose
`indices` and `values` differ in length panics Edge 0.9.0 and corrupts the shard on disk).
"""

import json
import math

import qdrant_edge as qe

from errors import bad_request, format_error, internal, unsupported, validation_error
from filters import filter_  # noqa: F401  (re-exported for api.py)
from values import boolean, count, enum, number, point_id, point_ids  # noqa: F401

MAX_U32 = 2**32 - 1
UNSUPPORTED_QUERIES = ("recommend", "discover", "context", "order_by", "formula", "sample",
                       "relevance_feedback", "mmr", "image", "object")


class Context:
    """Per-server translation settings: strictness and the cache of BM25 models by options."""

    def __init__(self, strict):
        self.strict = strict
        self._bm25 = {}

    def fields(self, obj, allowed, where, refused=()):
        """Checks an object's keys: refused ones always fail, unknown ones fail under --strict."""
        if not isinstance(obj, dict):
            raise format_error(f"invalid type: expected a map at {where}")
        for key in obj:
            if key in refused:
                raise unsupported(f"`{key}` in {where}")
            if key not in allowed and self.strict:
                raise bad_request(f"unknown field `{key}` in {where} (the stand-in runs with "
                                  "--strict; the real server would ignore it)")
        return obj

    def bm25(self, options, where):
        key = json.dumps(options, sort_keys=True)
        if key not in self._bm25:
            self._bm25[key] = qe.Bm25(bm25_config(options, where))
        return self._bm25[key]


# ── vectors ──────────────────────────────────────────────────────────────────────────────────

def dense(values, where):
    if values and isinstance(values[0], list):
        raise unsupported(f"multivectors at {where}")
    if not values:
        raise validation_error(where, "dense vector must not be empty")
    # The common case in one pass; the element-wise check (with its error path) only when it fails.
    # An f-string per component cost ~0.1–0.2 ms per 384-float vector.
    if all(type(v) is float or type(v) is int for v in values):
        return [float(v) for v in values]
    return [number(v, f"{where}[{i}]") for i, v in enumerate(values)]


def sparse(obj, ctx, where):
    ctx.fields(obj, ("indices", "values"), where)
    indices, values = obj.get("indices"), obj.get("values")
    if not isinstance(indices, list) or not isinstance(values, list):
        raise format_error(f"missing field `indices` or `values` at {where}")
    for i, index in enumerate(indices):
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index <= MAX_U32:
            raise format_error(f"invalid value {json.dumps(index)}, expected u32 at {where}.indices[{i}]")
    values = [number(v, f"{where}.values[{i}]") for i, v in enumerate(values)]
    if len(values) != len(indices):
        raise validation_error(f"{where}.values", "must be the same length as indices")
    if len(set(indices)) != len(indices):
        raise validation_error(f"{where}.indices", "must be unique")
    return qe.SparseVector(indices, values)


def document(obj, ctx, where):
    """A `{"text", "model", "options"}` Document. Only Qdrant's built-in `qdrant/bm25` exists here."""
    ctx.fields(obj, ("text", "model", "options"), where)
    text, model = obj.get("text"), obj.get("model")
    if not isinstance(text, str) or not isinstance(model, str):
        raise format_error(f"a Document needs string fields `text` and `model` at {where}")
    if model.lower() != "qdrant/bm25":
        raise unsupported(f"inference model `{model}` at {where} (only qdrant/bm25 is emulated)")
    return ctx.bm25(obj.get("options") or {}, f"{where}.options")


def vector_input(value, ctx, where, purpose):
    """A dense list, a sparse object or a Document → what Edge takes; Documents are embedded here
    (`purpose` is "document" for upserts, "query" for searches, as the server does)."""
    if isinstance(value, list):
        return dense(value, where)
    if isinstance(value, dict):
        if "indices" in value or "values" in value:
            return sparse(value, ctx, where)
        if "text" in value or "model" in value:
            model = document(value, ctx, where)
            embed = model.embed_document if purpose == "document" else model.embed_query
            return embed(value["text"])
        if "image" in value or "object" in value:
            raise unsupported(f"inference of images and objects at {where}")
    if isinstance(value, (int, str)) and not isinstance(value, bool):
        raise unsupported(f"using a point id as the query vector at {where}")
    raise format_error(f"data did not match any variant of untagged enum VectorInput at {where}")


def vector_struct(value, ctx, where):
    """A point's `vector`: one unnamed dense vector or a map of named vectors."""
    if isinstance(value, list):
        return dense(value, where)
    if not isinstance(value, dict):
        raise format_error(f"data did not match any variant of untagged enum VectorStruct at {where}")
    if "text" in value and "model" in value:
        raise unsupported(f"a Document as the unnamed vector at {where}; name the vector")
    return {name: vector_input(v, ctx, f"{where}.{name}", "document") for name, v in value.items()}


def bm25_config(options, where):
    """REST `Bm25Config` options → Edge's Bm25Config (same fields, enums spelled in lower case)."""
    if not isinstance(options, dict):
        raise format_error(f"invalid type: expected a map at {where}")
    plain = ("k", "b", "avg_len", "language", "lowercase", "ascii_folding", "min_token_len", "max_token_len")
    kwargs = {}
    for key, value in options.items():
        if key in plain:
            kwargs[key] = value
        elif key == "tokenizer":
            kwargs[key] = enum(qe.TokenizerType, value, f"{where}.tokenizer")
        elif key == "stopwords":
            kwargs[key] = stopwords(value, f"{where}.stopwords")
        elif key == "stemmer":
            kwargs[key] = stemmer(value, f"{where}.stemmer")
        else:
            raise format_error(f"unknown field `{key}` at {where}")
    try:
        return qe.Bm25Config(**kwargs)
    except (TypeError, ValueError) as exc:
        raise format_error(f"{exc} at {where}") from None


def stopwords(value, where):
    if isinstance(value, str):
        return enum(qe.Language, value, where)
    if isinstance(value, dict) and set(value) <= {"languages", "custom"}:
        languages = {enum(qe.Language, v, where) for v in value.get("languages") or []}
        return qe.StopwordsSet(languages=languages or None, custom=set(value.get("custom") or []) or None)
    raise format_error(f"data did not match any variant of untagged enum StopwordsInterface at {where}")


def stemmer(value, where):
    kind = value.get("type") if isinstance(value, dict) else None
    if kind == "none":
        return qe.DisabledStemmer()
    if kind == "snowball":
        return qe.SnowballParams(enum(qe.SnowballLanguage, value.get("language"), f"{where}.language"))
    raise format_error(f"data did not match any variant of StemmingAlgorithm at {where}")


# ── queries ──────────────────────────────────────────────────────────────────────────────────

def with_payload(value, where, default):
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    if isinstance(value, dict) and len(value) == 1:
        (kind, keys), = value.items()
        if kind in ("include", "exclude") and isinstance(keys, list):
            return (qe.PayloadSelector.Include if kind == "include" else qe.PayloadSelector.Exclude)(keys)
    raise format_error(f"data did not match any variant of untagged enum WithPayloadInterface at {where}")


def with_vector(value, where, default=False):
    if value is None:
        return default
    if isinstance(value, bool) or (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        return value
    raise format_error(f"data did not match any variant of untagged enum WithVector at {where}")


def search_params(obj, ctx, where):
    if obj is None:
        return None
    ctx.fields(obj, ("hnsw_ef", "exact", "indexed_only"), where, refused=("quantization", "acorn", "idf"))
    return qe.SearchParams(hnsw_ef=count(obj.get("hnsw_ef"), f"{where}.hnsw_ef", None, minimum=0),
                           exact=boolean(obj.get("exact"), f"{where}.exact", False),
                           indexed_only=boolean(obj.get("indexed_only"), f"{where}.indexed_only", False))


def scoring_query(value, using, ctx, where):
    """The `query` of a request or prefetch → an Edge scoring query (or None)."""
    if value is None:
        return None
    if isinstance(value, dict):
        if "nearest" in value:
            ctx.fields(value, ("nearest",), where, refused=("mmr",))
            return qe.Query.Nearest(vector_input(value["nearest"], ctx, f"{where}.nearest", "query"), using=using)
        if "fusion" in value:
            ctx.fields(value, ("fusion",), where)
            if value["fusion"] == "rrf":
                return qe.Fusion.Rrf(k=2)  # the server's default k; Edge has none
            if value["fusion"] == "dbsf":
                return qe.Fusion.Dbsf()
            raise format_error(f"unknown variant {json.dumps(value['fusion'])}, expected `rrf` or `dbsf` at {where}")
        if "rrf" in value:
            ctx.fields(value, ("rrf",), where)
            spec = ctx.fields(value["rrf"] or {}, ("k", "weights"), f"{where}.rrf")
            k = count(spec.get("k"), f"{where}.rrf.k", 2)
            weights = spec.get("weights")
            if weights is not None:
                weights = [number(w, f"{where}.rrf.weights[{i}]") for i, w in enumerate(weights)]
            return qe.Fusion.Rrf(k=k, weights=weights)
        for name in UNSUPPORTED_QUERIES:
            if name in value:
                raise unsupported(f"`{name}` queries at {where}")
    return qe.Query.Nearest(vector_input(value, ctx, where, "query"), using=using)


def prefetches(value, ctx, where):
    if value is None:
        return None
    items = value if isinstance(value, list) else [value]
    return [prefetch(p, ctx, f"{where}[{i}]") for i, p in enumerate(items)]


def prefetch(obj, ctx, where):
    ctx.fields(obj, ("prefetch", "query", "using", "filter", "params", "score_threshold", "limit"),
               where, refused=("lookup_from",))
    threshold = obj.get("score_threshold")
    return qe.Prefetch(
        limit=count(obj.get("limit"), f"{where}.limit", 10),
        query=scoring_query(obj.get("query"), obj.get("using"), ctx, f"{where}.query"),
        prefetches=prefetches(obj.get("prefetch"), ctx, f"{where}.prefetch"),
        params=search_params(obj.get("params"), ctx, f"{where}.params"),
        filter=filter_(obj.get("filter"), ctx, f"{where}.filter"),
        score_threshold=None if threshold is None else number(threshold, f"{where}.score_threshold"))


# ── results ──────────────────────────────────────────────────────────────────────────────────

def out_id(value):
    return value if isinstance(value, int) else str(value)


def out_vector(value):
    if value is None:
        return None
    if isinstance(value, dict):
        return {name: out_vector(v) for name, v in value.items()}
    if isinstance(value, qe.SparseVector):
        return {"indices": list(value.indices), "values": list(value.values)}
    return list(value)


def scored_point(p):
    # A score is the only float an answer holds that no request body set (those are finite: the
    # parser refuses NaN and Infinity), and orjson, which encodes answers, would write NaN as null.
    if not math.isfinite(p.score):
        raise internal("Out of range float values are not JSON compliant")
    return {"id": out_id(p.id), "version": p.version, "score": p.score,
            "payload": p.payload, "vector": out_vector(p.vector)}


def record(r):
    return {"id": out_id(r.id), "payload": r.payload, "vector": out_vector(r.vector)}
