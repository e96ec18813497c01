"""How a parameter is declared and checked: :func:`param` records its unit, bounds or choices,
meaning and source; :func:`check` validates a section when it is created.

Every section class (one module each in this package) names its TOML section in ``SECTION`` and
calls :func:`check` from ``__post_init__``, so a bad value raises ``ValueError`` naming
``section.key`` and the allowed values, whoever builds it (a scenario file, ``--set``, code).
"""

from __future__ import annotations

import dataclasses
from dataclasses import field
from typing import Any

#: The annotation of each parameter field (all sections use ``from __future__ import
#: annotations``, so annotations are strings) -> the Python type it must have.
TYPES = {"int": int, "float": float, "str": str, "bool": bool}


def param(default: Any, *, unit: str, doc: str, source: str, bounds=None, choices=None):
    """Declare a parameter field with its metadata (unit, bounds or choices, meaning, source)."""
    meta = {"unit": unit, "doc": doc, "source": source, "bounds": bounds, "choices": choices}
    return field(default=default, metadata=meta)


def check(obj) -> None:
    """Raise ``ValueError`` naming the parameter if any field has the wrong type or range
    (an integer given for a number is accepted and stored as a float)."""
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        name = f"{obj.SECTION}.{f.name}"
        expected = f.type if isinstance(f.type, type) else TYPES[f.type]
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            object.__setattr__(obj, f.name, float(value))
            value = float(value)
        if isinstance(value, bool) and expected is not bool or not isinstance(value, expected):
            raise ValueError(
                f"{name} must be {describe(f)}, got {value!r} ({type(value).__name__})"
            )
        lo_hi = f.metadata.get("bounds")
        if lo_hi is not None and not (lo_hi[0] <= value <= lo_hi[1]):
            raise ValueError(f"{name} must be {describe(f)}, got {value!r}")
        choices = f.metadata.get("choices")
        if choices is not None and value not in choices:
            raise ValueError(f"{name} must be {describe(f)}, got {value!r}")


def describe(f: dataclasses.Field) -> str:
    """Plain-words description of the allowed values of a field."""
    choices = f.metadata.get("choices")
    if choices is not None:
        return "one of " + ", ".join(repr(c) for c in choices)
    kind = {"int": "an integer", "float": "a number", "str": "a string", "bool": "true or false"}
    type_name = f.type if isinstance(f.type, str) else f.type.__name__
    text = kind.get(type_name, type_name)
    lo_hi = f.metadata.get("bounds")
    if lo_hi is not None:
        text += f" in [{lo_hi[0]}, {lo_hi[1]}]"
    return text
