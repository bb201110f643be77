"""REST filters → qdrant_edge Filter objects.

Like the server's Filter (`additionalProperties: false`), these reject unknown keys always, with
or without --strict.
"""

import qdrant_edge as qe

from errors import format_error, unsupported, validation_error
from values import boolean, count, number, point_ids

FILTER_KEYS = ("should", "min_should", "must", "must_not")


def filter_(obj, ctx, where):
    """A Filter. Like the server's (`additionalProperties: false`), it rejects unknown keys always."""
    if obj is None:
        return None
    if not isinstance(obj, dict):
        raise format_error(f"invalid type: expected a Filter map at {where}")
    for key in obj:
        if key not in FILTER_KEYS:
            raise format_error(f"unknown field `{key}`, expected one of `should`, `min_should`, "
                               f"`must`, `must_not` at {where}")

    def clauses(key):
        value = obj.get(key)
        if value is None:
            return None
        items = value if isinstance(value, list) else [value]
        return [condition(c, ctx, f"{where}.{key}[{i}]") for i, c in enumerate(items)]

    min_should = None
    if obj.get("min_should") is not None:
        spec = obj["min_should"]
        if not isinstance(spec, dict) or set(spec) != {"conditions", "min_count"}:
            raise format_error(f"min_should needs `conditions` and `min_count` at {where}.min_should")
        min_should = qe.MinShould(
            [condition(c, ctx, f"{where}.min_should.conditions[{i}]") for i, c in enumerate(spec["conditions"])],
            count(spec["min_count"], f"{where}.min_should.min_count", 0, minimum=0))
    return qe.Filter(must=clauses("must"), should=clauses("should"), must_not=clauses("must_not"),
                     min_should=min_should)


def condition(obj, ctx, where):
    if not isinstance(obj, dict):
        raise format_error(f"data did not match any variant of untagged enum Condition at {where}")
    if "key" in obj:
        return field_condition(obj, ctx, where)
    if "has_id" in obj:
        return qe.HasIdCondition(set(point_ids(obj["has_id"], f"{where}.has_id")))
    if "has_vector" in obj:
        return qe.HasVectorCondition(obj["has_vector"])
    for kind, make in (("is_empty", qe.IsEmptyCondition), ("is_null", qe.IsNullCondition)):
        if kind in obj:
            inner = obj[kind]
            if not isinstance(inner, dict) or not isinstance(inner.get("key"), str):
                raise format_error(f"`{kind}` needs a `key` at {where}")
            return make(inner["key"])
    if "nested" in obj:
        inner = obj["nested"]
        if not isinstance(inner, dict) or set(inner) != {"key", "filter"}:
            raise format_error(f"`nested` needs `key` and `filter` at {where}")
        return qe.NestedCondition(inner["key"], filter_(inner["filter"], ctx, f"{where}.nested.filter"))
    if "slice" in obj:
        raise unsupported(f"slice conditions at {where}")
    if not obj or any(k in obj for k in FILTER_KEYS):
        return filter_(obj, ctx, where)
    raise format_error(f"data did not match any variant of untagged enum Condition at {where}")


MATCHES = {"value": qe.MatchValue, "any": qe.MatchAny, "except": qe.MatchExcept, "text": qe.MatchText,
           "text_any": qe.MatchTextAny, "phrase": qe.MatchPhrase, "prefix": qe.MatchPrefix,
           "substring": qe.MatchSubstring}


def field_condition(obj, ctx, where):
    for key in obj:
        if key.startswith("geo_"):
            raise unsupported(f"geo conditions at {where}")
        if key not in ("key", "match", "range", "values_count", "is_empty", "is_null"):
            raise format_error(f"unknown field `{key}` in a field condition at {where}")
    kwargs = {}
    if obj.get("match") is not None:
        match = obj["match"]
        if not isinstance(match, dict) or len(match) != 1 or next(iter(match)) not in MATCHES:
            raise format_error(f"data did not match any variant of untagged enum Match at {where}.match")
        kind, value = next(iter(match.items()))
        if kind in ("any", "except") and not isinstance(value, list):
            raise format_error(f"`{kind}` needs a list at {where}.match")
        kwargs["match"] = MATCHES[kind](value)
    if obj.get("range") is not None:
        bounds = obj["range"]
        if not isinstance(bounds, dict) or not set(bounds) <= {"gt", "gte", "lt", "lte"}:
            raise format_error(f"a range takes `gt`, `gte`, `lt`, `lte` at {where}.range")
        datetime = any(isinstance(v, str) for v in bounds.values())
        make = qe.RangeDateTime if datetime else qe.RangeFloat
        kwargs["range"] = make(**{k: v if datetime else number(v, f"{where}.range.{k}")
                                  for k, v in bounds.items() if v is not None})
    if obj.get("values_count") is not None:
        bounds = obj["values_count"]
        if not isinstance(bounds, dict) or not set(bounds) <= {"gt", "gte", "lt", "lte"}:
            raise format_error(f"values_count takes `gt`, `gte`, `lt`, `lte` at {where}.values_count")
        kwargs["values_count"] = qe.ValuesCount(**bounds)
    for flag in ("is_empty", "is_null"):
        if obj.get(flag) is not None:
            kwargs[flag] = boolean(obj[flag], f"{where}.{flag}")
    if not kwargs:
        raise validation_error(where, "At least one field condition must be specified")
    return qe.FieldCondition(key=obj["key"], **kwargs)
