"""Scalar values of request bodies: numbers, counts, booleans, enum names and point ids.

Each checker names the JSON path it looked at, and fails the way the server does: 400 `Format
error in JSON body` when the type is wrong, 422 `Validation error` when a bound is broken.
"""

import json
import uuid

from errors import format_error, validation_error

MAX_U64 = 2**64 - 1


def number(value, where):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise format_error(f"invalid type: {json.dumps(value)}, expected a number at {where}")
    return float(value)


def count(value, where, default, minimum=1):
    """A usize with a lower bound: 400 when it is not an unsigned integer, 422 when too small."""
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int):
        raise format_error(f"invalid type: {json.dumps(value)}, expected usize at {where}")
    if value < 0:
        raise format_error(f"invalid value: integer `{value}`, expected usize at {where}")
    if value < minimum:
        raise validation_error(where, f"value {value} invalid, must be {minimum} or larger")
    return value


def boolean(value, where, default=None):
    if value is None:
        return default
    if not isinstance(value, bool):
        raise format_error(f"invalid type: {json.dumps(value)}, expected a boolean at {where}")
    return value


def enum(enum_type, name, where):
    """`"cosine"`-style REST names → the Edge enum member with that name, case-insensitively."""
    if isinstance(name, str):
        for member in dir(enum_type):
            if not member.startswith("_") and member.lower() == name.replace("_", "").lower():
                return getattr(enum_type, member)
    raise format_error(f"unknown variant {json.dumps(name)} at {where}")


def enum_name(value):
    """An Edge enum member → its REST spelling (`PayloadSchemaType.Keyword` → `keyword`)."""
    return str(value).rsplit(".", 1)[-1].lower()


def point_id(value, where):
    """An unsigned integer or a UUID in any form the server parses → int or canonical UUID string."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_U64:
        return value
    if isinstance(value, str):
        try:
            return str(uuid.UUID(value))
        except ValueError:
            pass
    raise format_error(f"value {value} is not a valid point ID, valid values are either an unsigned "
                       f"integer or a UUID at {where}")


def point_ids(values, where):
    if not isinstance(values, list):
        raise format_error(f"invalid type: expected a sequence of point ids at {where}")
    return [point_id(v, f"{where}[{i}]") for i, v in enumerate(values)]
