"""Collections on disk: one Edge shard per collection, created, loaded and dropped crash-safely.

Layout under the data directory:
    DATA/<collection>/shard/               the Edge shard (edge_config.json, segments/, wal/)
    DATA/<collection>/standin_meta.json    the create body verbatim, cluster knobs, created_at
A collection is built in `DATA/.creating-*` and renamed into place once its meta file is written,
and dropped by renaming it to `DATA/.dropping-*` first, so a crash never leaves half a collection;
dot-directories left by a crash are removed at start-up. Names must match NAME_RE (stricter than
the server: names become directory names).
"""

import datetime
import json
import os
import re
import shutil
import sys
import uuid

import qdrant_edge as qe

from errors import ApiError, format_error, unsupported, validation_error, bad_request
from translate import Context
from values import boolean, count, enum, enum_name

NAME_RE = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,254}$")
META = "standin_meta.json"
DISTANCES = ("Cosine", "Euclid", "Dot", "Manhattan")
DATATYPES = {"float32": "Float32", "float16": "Float16", "uint8": "Uint8"}
KNOBS = ("shard_number", "replication_factor", "write_consistency_factor")
CREATE_FIELDS = ("vectors", "sparse_vectors", "on_disk_payload", "metadata", "sharding_method") + KNOBS
CREATE_REFUSED = ("hnsw_config", "wal_config", "optimizers_config", "quantization_config",
                  "strict_mode_config", "init_from", "payload", "id_tracker")

# What GET /collections/{c} shows for settings the stand-in has no equivalent of: the server's
# defaults, flagged by a warning, because CollectionInfo requires them.
SERVER_HNSW_DEFAULTS = {"m": 16, "ef_construct": 100, "full_scan_threshold": 10000,
                        "max_indexing_threads": 0, "on_disk": False}
SERVER_OPTIMIZER_DEFAULTS = {"deleted_threshold": 0.2, "vacuum_min_vector_number": 1000,
                             "default_segment_number": 0, "max_segment_size": None,
                             "memmap_threshold": None, "indexing_threshold": 10000,
                             "flush_interval_sec": 5, "max_optimization_threads": None}
SERVER_WAL_DEFAULTS = {"wal_capacity_mb": 32, "wal_segments_ahead": 0}


def check_name(name):
    if not NAME_RE.match(name):
        raise ApiError(422, "Validation error in path parameters: [collection_name: must match "
                            f"{NAME_RE.pattern} in the stand-in, got {json.dumps(name)}]")


class Collection:
    """An open collection: its Edge shard, the stored meta and a per-process operation counter."""

    def __init__(self, name, path, shard, meta):
        self.name, self.path, self.shard, self.meta = name, path, shard, meta
        self.operation_id = 0

    def next_operation_id(self):
        self.operation_id += 1
        return self.operation_id


class Registry:
    """All collections of one data directory. Callers hold the server's lock around every call.

    `search_threads` sizes each shard's search pool. Edge's default (one thread per CPU, eight here)
    wakes every pool thread for each query even though a collection has one segment to read: on two
    cores that doubled the CPU per query (measured in README.md). It is not part of the collection,
    so it is applied at every load.
    """

    def __init__(self, data_dir, ctx, search_threads=1):
        self.data_dir, self.ctx, self.search_threads = data_dir, ctx, search_threads
        self.collections = {}
        os.makedirs(data_dir, exist_ok=True)
        for entry in sorted(os.listdir(data_dir)):
            path = os.path.join(data_dir, entry)
            if entry.startswith(".creating-") or entry.startswith(".dropping-"):
                shutil.rmtree(path, ignore_errors=True)
            elif os.path.isfile(os.path.join(path, META)):
                with open(os.path.join(path, META), encoding="utf-8") as f:
                    meta = json.load(f)
                try:
                    shard = qe.EdgeShard.load(os.path.join(path, "shard"), self.load_config(meta))
                except BaseException as exc:  # a corrupt shard: fail loudly rather than serve without it
                    sys.exit(f"qdrant-standin: cannot load collection {entry} from {path}: {exc}\n"
                             f"(remove that directory to drop the collection)")
                self.collections[entry] = Collection(entry, path, shard, meta)
                print(f"qdrant-standin: loaded collection {entry} ({shard.info().points_count} points)",
                      file=sys.stderr)

    def load_config(self, meta):
        """The stored collection's config with this server's search pool (Edge requires the vectors
        with any config; they are checked against the shard). Stored bodies were valid when created,
        so they are read leniently: a collection created with --no-strict still loads with --strict."""
        return edge_config(meta["create_body"], Context(strict=False), self.search_threads)

    def get(self, name):
        check_name(name)
        if name not in self.collections:
            raise ApiError(404, f"Not found: Collection `{name}` doesn't exist!")
        return self.collections[name]

    def create(self, name, body):
        check_name(name)
        config = edge_config(body, self.ctx, self.search_threads)
        if name in self.collections:
            raise ApiError(409, f"Wrong input: Collection `{name}` already exists!")
        staging = os.path.join(self.data_dir, f".creating-{name}-{uuid.uuid4().hex[:8]}")
        os.makedirs(staging)
        try:
            qe.EdgeShard.create(os.path.join(staging, "shard"), config).close()
            meta = {"name": name, "created_at": now_iso(), "create_body": body}
            write_json(os.path.join(staging, META), meta)
            final = os.path.join(self.data_dir, name)
            os.rename(staging, final)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        fsync_dir(self.data_dir)
        shard = qe.EdgeShard.load(os.path.join(final, "shard"))
        self.collections[name] = Collection(name, final, shard, meta)

    def drop(self, name):
        check_name(name)
        coll = self.collections.pop(name, None)
        if coll is None:
            return False
        coll.shard.close()
        doomed = os.path.join(self.data_dir, f".dropping-{name}-{uuid.uuid4().hex[:8]}")
        os.rename(coll.path, doomed)
        fsync_dir(self.data_dir)
        shutil.rmtree(doomed, ignore_errors=True)
        return True

    def close(self):
        for coll in self.collections.values():
            try:
                coll.shard.flush()
                coll.shard.close()
            except BaseException as exc:  # keep closing the others
                print(f"qdrant-standin: closing {coll.name}: {exc}", file=sys.stderr)
        self.collections.clear()


# ── create body → EdgeConfig ─────────────────────────────────────────────────────────────────

def edge_config(body, ctx, search_threads=None):
    ctx.fields(body, CREATE_FIELDS, "create collection", refused=CREATE_REFUSED)
    for knob in KNOBS:
        count(body.get(knob), knob, 1)
    if body.get("sharding_method", "auto") != "auto":
        raise unsupported("sharding_method `custom` (shard keys)")
    vectors = body.get("vectors")
    if vectors is None:
        dense = None
    elif isinstance(vectors, dict) and ("size" in vectors or "distance" in vectors):
        dense = vector_params(vectors, ctx, "vectors")
    elif isinstance(vectors, dict):
        dense = {name: vector_params(p, ctx, f"vectors.{name}") for name, p in vectors.items()}
    else:
        raise format_error("data did not match any variant of untagged enum VectorsConfig at vectors")
    sparse = body.get("sparse_vectors")
    if sparse is not None:
        if not isinstance(sparse, dict):
            raise format_error("invalid type: expected a map at sparse_vectors")
        sparse = {name: sparse_params(p, ctx, f"sparse_vectors.{name}") for name, p in sparse.items()}
    return qe.EdgeConfig(vectors=dense, sparse_vectors=sparse,
                         on_disk_payload=boolean(body.get("on_disk_payload"), "on_disk_payload"),
                         max_search_threads=search_threads)


def vector_params(obj, ctx, where):
    ctx.fields(obj, ("size", "distance", "on_disk", "datatype"), where,
               refused=("hnsw_config", "quantization_config", "multivector_config", "memory"))
    if "size" not in obj or "distance" not in obj:
        raise format_error(f"missing field `{'size' if 'size' not in obj else 'distance'}` at {where}")
    size = count(obj["size"], f"{where}.size", None)
    if size > 65536:
        raise validation_error(f"{where}.size", f"value {size} invalid, must be from 1 to 65536")
    if obj["distance"] not in DISTANCES:
        raise format_error(f"unknown variant {json.dumps(obj['distance'])}, expected one of "
                           "`Cosine`, `Euclid`, `Dot`, `Manhattan` at " + where)
    return qe.EdgeVectorParams(size=size, distance=getattr(qe.Distance, obj["distance"]),
                               on_disk=boolean(obj.get("on_disk"), f"{where}.on_disk"),
                               datatype=datatype(obj.get("datatype"), f"{where}.datatype"))


def sparse_params(obj, ctx, where):
    ctx.fields(obj, ("index", "modifier"), where)
    index = ctx.fields(obj.get("index") or {}, ("full_scan_threshold", "on_disk", "datatype"),
                       f"{where}.index", refused=("memory",))
    modifier = obj.get("modifier")
    if modifier not in (None, "none", "idf"):
        raise format_error(f"unknown variant {json.dumps(modifier)}, expected `none` or `idf` at {where}.modifier")
    return qe.EdgeSparseVectorParams(
        full_scan_threshold=count(index.get("full_scan_threshold"), f"{where}.index.full_scan_threshold", None, 0),
        on_disk=boolean(index.get("on_disk"), f"{where}.index.on_disk"),
        modifier=qe.Modifier.Idf if modifier == "idf" else None,
        datatype=datatype(index.get("datatype"), f"{where}.index.datatype"))


def datatype(value, where):
    if value is None:
        return None
    if value not in DATATYPES:
        raise format_error(f"unknown variant {json.dumps(value)}, expected one of `float32`, `uint8`, "
                           f"`float16` at {where}")
    return getattr(qe.VectorStorageDatatype, DATATYPES[value])


# ── payload indexes ──────────────────────────────────────────────────────────────────────────

INDEX_PARAMS = {
    "keyword": (qe.KeywordIndexParams, ("is_tenant", "on_disk")),
    "integer": (qe.IntegerIndexParams, ("lookup", "range", "is_principal", "on_disk")),
    "float": (qe.FloatIndexParams, ("is_principal", "on_disk")),
    "bool": (qe.BoolIndexParams, ("on_disk",)),
    "datetime": (qe.DatetimeIndexParams, ("is_principal", "on_disk")),
    "uuid": (qe.UuidIndexParams, ("is_tenant", "on_disk")),
    "geo": (qe.GeoIndexParams, ("on_disk",)),
    "text": (qe.TextIndexParams, ("tokenizer", "min_token_len", "max_token_len", "lowercase",
                                  "ascii_folding", "phrase_matching", "on_disk")),
}


def field_schema(value, ctx):
    """`"keyword"` or `{"type": "keyword", "is_tenant": true}` → what create_field_index takes."""
    if value is None:
        raise bad_request("field_schema is required: the stand-in does not infer index types")
    if isinstance(value, str):
        if value not in INDEX_PARAMS:
            raise format_error(f"unknown variant {json.dumps(value)} at field_schema")
        return enum(qe.PayloadSchemaType, value, "field_schema")
    if not isinstance(value, dict) or value.get("type") not in INDEX_PARAMS:
        raise format_error("data did not match any variant of untagged enum PayloadFieldSchema at field_schema")
    make, allowed = INDEX_PARAMS[value["type"]]
    options = {k: v for k, v in value.items() if k != "type"}
    for key in options:
        if key not in allowed:
            raise unsupported(f"`{key}` in a {value['type']} index")
    if "tokenizer" in options:
        options["tokenizer"] = enum(qe.TokenizerType, options["tokenizer"], "field_schema.tokenizer")
    return make(**options)


# ── GET /collections/{c} ─────────────────────────────────────────────────────────────────────

def info(coll):
    body = coll.meta["create_body"]
    shard_info = coll.shard.info()
    vectors = body.get("vectors")
    params = {
        "vectors": vectors if vectors is not None else {},
        "shard_number": body.get("shard_number", 1),
        "replication_factor": body.get("replication_factor", 1),
        "write_consistency_factor": body.get("write_consistency_factor", 1),
        "on_disk_payload": body.get("on_disk_payload", True),
    }
    if "sharding_method" in body:
        params["sharding_method"] = body["sharding_method"]
    if body.get("sparse_vectors") is not None:
        params["sparse_vectors"] = body["sparse_vectors"]
    config = {"params": params, "hnsw_config": SERVER_HNSW_DEFAULTS,
              "optimizer_config": SERVER_OPTIMIZER_DEFAULTS, "wal_config": SERVER_WAL_DEFAULTS,
              "quantization_config": None, "strict_mode_config": {"enabled": False}}
    if body.get("metadata") is not None:
        config["metadata"] = body["metadata"]
    schema = {}
    for field, index in shard_info.payload_schema.items():
        schema[field] = {"data_type": enum_name(index.data_type), "points": index.points}
    return {"status": "green", "optimizer_status": "ok", "warnings": warnings(params),
            "indexed_vectors_count": shard_info.indexed_vectors_count,
            "points_count": shard_info.points_count, "segments_count": shard_info.segments_count,
            "config": config, "payload_schema": schema, "created_at": coll.meta.get("created_at")}


def warnings(params):
    notes = [{"message": "qdrant-edge stand-in: one local Edge shard with exact (brute-force) search; "
                         "no HNSW index, optimizer or WAL tuning — hnsw_config, optimizer_config and "
                         "wal_config show the server's defaults, not settings in effect"}]
    knobs = {k: params[k] for k in KNOBS if params[k] != 1}
    if knobs:
        listed = ", ".join(f"{k}={v}" for k, v in knobs.items())
        notes.append({"message": f"single Edge shard on one node; {listed} stored but not emulated"})
    return notes


# ── files ────────────────────────────────────────────────────────────────────────────────────

def now_iso():
    return datetime.datetime.now(datetime.timezone.utc).isoformat().replace("+00:00", "Z")


def write_json(path, value):
    tmp = f"{path}.tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(value, f, indent=1)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def fsync_dir(path):
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
