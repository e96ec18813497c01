"""What a folder's files must look like before laborsim uses them.

Three checks, each failing with one line that names the file and the field:

* :func:`check_manifest`: every manifest field has its type (a small declarative schema,
  :data:`MANIFEST_FIELDS`), and the manifest's own digest (:func:`digest`) matches, so an edit
  to any field is detected and named.
* :func:`read_json`: a JSON document is parsed with limits on size, nesting depth and the
  digits of an integer, and without NaN or infinities.
* :func:`check_table`: a Parquet table has the columns laborsim needs, numbers where numbers
  belong, and the row count the manifest recorded (read from the file's footer, before the
  table itself is read).
"""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path
from typing import Any

from sim.errors import ExperimentError

#: Limits on what a JSON document in a folder may be (a manifest of a 100,000-run sweep is
#: about 10 MB; analyses are smaller).
MAX_JSON_BYTES = 256 * 2**20
MAX_DEPTH = 32
MAX_INT_DIGITS = 40
#: Limits on Parquet tables: columns per table.
MAX_COLUMNS = 20_000

HEX = set("0123456789abcdef")


def first_line(err: BaseException) -> str:
    """An exception's message, on one line (libraries such as pyarrow write several)."""
    lines = str(err).strip().splitlines()
    return lines[0][:200] if lines else type(err).__name__


#: Columns that identify a row of each table (no two rows may share them).
KEYS = {"runs": ("arm", "run_id"), "timeseries": ("arm", "run_id", "step"),
        "points": ("point_id",), "groups": ("seed", "arm", "outcome", "group"),
        "group_months": ("seed", "arm", "step")}


def check_rows(frame: Any, path: Path, name: str, required: tuple[str, ...] = ()) -> None:
    """Checks on a table's rows once read: the columns ``required`` (e.g. a sweep's varied
    parameters in its points), and no two rows with the same key (:data:`KEYS`)."""
    for column in required:
        if column not in frame.columns:
            raise ExperimentError(f"{path}: column '{column[:60]}' is missing")
    key = [c for c in KEYS.get(name, ()) if c in frame.columns]
    if key and frame.duplicated(key).any():
        raise ExperimentError(f"{path}: two rows with the same {', '.join(key)}")


def _parse_int(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_INT_DIGITS:
        raise ValueError(f"an integer with {digits} digits (at most {MAX_INT_DIGITS})")
    return int(text)


def _parse_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"the number {text[:20]} is out of range")
    return value


def _refuse_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    if len(set(keys)) != len(keys):
        twice = next(k for k in keys if keys.count(k) > 1)
        raise ValueError(f"the key {twice[:40]!r} appears twice in one object")
    return dict(pairs)


def depth(value: Any) -> int:
    """Nesting depth of parsed JSON (a scalar is 0), computed without recursion."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level + 1)
            if level + 1 > MAX_DEPTH:
                return deepest
            stack.extend((v, level + 1) for v in (item.values() if isinstance(item, dict)
                                                  else item))
    return deepest


def read_json(path: Path, max_bytes: int = MAX_JSON_BYTES) -> Any:
    """Parse a JSON file defensively (size, depth, integer digits, finite numbers, no key twice
    in one object); raise :class:`ExperimentError` naming the file otherwise."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ExperimentError(f"{path}: {size:,} bytes, more than the {max_bytes:,} a "
                                  "laborsim JSON file may have")
        text = path.read_bytes().decode("utf-8")
        value = json.loads(text, parse_int=_parse_int, parse_float=_parse_float,
                           parse_constant=_refuse_constant, object_pairs_hook=_unique_keys)
    except ExperimentError:
        raise
    except UnicodeDecodeError:
        raise ExperimentError(f"{path}: not UTF-8 text") from None
    except RecursionError:
        raise ExperimentError(f"{path}: nested deeper than {MAX_DEPTH} levels") from None
    except ValueError as err:  # JSONDecodeError, and the limits above
        raise ExperimentError(f"{path}: not valid laborsim JSON ({err})") from None
    except OSError as err:
        raise ExperimentError(f"{path}: cannot be read ({err.strerror})") from None
    if depth(value) > MAX_DEPTH:
        raise ExperimentError(f"{path}: nested deeper than {MAX_DEPTH} levels")
    return value


# -- the manifest ------------------------------------------------------------------------------

def canonical(value: Any) -> bytes:
    """The canonical bytes of a JSON value: sorted keys, no spaces, UTF-8."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def digest(manifest: dict[str, Any]) -> dict[str, Any]:
    """The digest stored in a manifest under ``digest``: the sha256 of the canonical content
    of each field and of the whole manifest (without the digest itself)."""
    body = {k: v for k, v in manifest.items() if k != "digest"}
    return {"algorithm": "sha256",
            "manifest": hashlib.sha256(canonical(body)).hexdigest(),
            "fields": {k: hashlib.sha256(canonical(v)).hexdigest() for k, v in body.items()}}


def digest_problems(manifest: dict[str, Any], where: str) -> list[str]:
    """Sentences naming every field whose content differs from the stored digest."""
    stored = manifest.get("digest")
    if not isinstance(stored, dict) or not isinstance(stored.get("fields"), dict) or \
            not isinstance(stored.get("manifest"), str):
        return [f"{where}: has no valid 'digest'; edits cannot be checked"]
    now = digest(manifest)
    if now["manifest"] == stored["manifest"]:
        return []
    fields = stored["fields"]
    changed = sorted(k for k in now["fields"] if fields.get(k) != now["fields"][k])
    removed = sorted(k for k in fields if k not in now["fields"])
    parts = []
    if changed:
        parts.append("changed or added: " + ", ".join(changed))
    if removed:
        parts.append("removed: " + ", ".join(removed))
    return [f"{where}: edited after it was written ({'; '.join(parts) or 'digest changed'})"]


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return (_is_int(value) or isinstance(value, float) and math.isfinite(value))


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | bool) or _is_number(value)


def _is_sha(value: Any) -> bool:
    return isinstance(value, str) and len(value) == 64 and set(value) <= HEX


def _file_entry(value: Any) -> bool:
    return (isinstance(value, dict) and _is_sha(value.get("sha256"))
            and _is_int(value.get("bytes")) and value["bytes"] >= 0
            and set(value) <= {"sha256", "bytes", "rows"}
            and (_is_int(value.get("rows", 0)) and value.get("rows", 0) >= 0))


def _list_of(check):
    return lambda value: isinstance(value, list) and all(check(v) for v in value)


def _parameters(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(section, dict) and all(
            isinstance(k, str) and (_is_scalar(v) or _list_of(_is_scalar)(v))
            for k, v in section.items())
        for section in value.values())


def _scenario(value: Any) -> bool:
    return (isinstance(value, dict) and isinstance(value.get("name"), str)
            and isinstance(value.get("description", ""), str)
            and _list_of(lambda v: isinstance(v, str))(value.get("files", []))
            and _list_of(lambda v: isinstance(v, str))(value.get("overrides", [])))


def _runs(value: Any) -> bool:
    return (isinstance(value, dict) and all(_is_int(value.get(k)) and value[k] >= 0
                                            for k in ("total", "ok", "failed")))


def _text_or_null(value: Any) -> bool:
    return value is None or isinstance(value, str)


def _environment(value: Any) -> bool:
    if not isinstance(value, dict):
        return False
    git = value.get("git", {})
    packages = value.get("packages", {})
    return (all(_text_or_null(value.get(k)) for k in ("python", "platform"))
            and isinstance(packages, dict) and all(_text_or_null(v) for v in packages.values())
            and isinstance(git, dict) and _text_or_null(git.get("commit"))
            and git.get("dirty") in (None, True, False))


def _sweep(value: Any) -> bool:
    return (isinstance(value, dict) and isinstance(value.get("name"), str)
            and isinstance(value.get("design"), str) and _is_int(value.get("points"))
            and _is_int(value.get("replicates"))
            and _list_of(lambda v: isinstance(v, str))(value.get("parameters"))
            and _list_of(lambda v: isinstance(v, str))(value.get("outcomes", []))
            and isinstance(value.get("definition"), dict))


KINDS = ("run", "thesis", "sweep")

#: field -> (required, check, what it must be): the manifest's schema.
MANIFEST_FIELDS: dict[str, tuple[bool, Any, str]] = {
    "schema_version": (True, _is_int, "an integer"),
    "kind": (False, lambda v: v in KINDS, f"one of {', '.join(KINDS)}"),
    "created": (False, lambda v: isinstance(v, str), "a date and time as text"),
    "laborsim_version": (False, lambda v: v is None or isinstance(v, str), "text"),
    "scenario": (False, _scenario, "a table with a name, a description, files and overrides"),
    "parameters": (False, _parameters, "sections of key = value parameters"),
    "root_seed": (False, lambda v: _is_int(v) and v >= 0, "a non-negative integer"),
    "seeds": (False, _list_of(lambda v: _is_int(v) and v >= 0),
              "a list of non-negative integers"),
    "runs": (True, _runs, "counts total, ok and failed (non-negative integers)"),
    "horizon_months": (False, lambda v: _is_int(v) and v >= 0, "a non-negative integer"),
    "command": (False, _list_of(lambda v: isinstance(v, str)), "a list of strings"),
    "environment": (False, lambda v: _environment(v),
                    "a table of python, platform, packages and git"),
    "files": (True, lambda v: isinstance(v, dict) and all(_file_entry(e) for e in v.values()),
              "a table of path -> {sha256, bytes, rows}"),
    "sweep": (False, _sweep, "a table with name, design, points, replicates, parameters and "
                             "definition"),
    "digest": (False, lambda v: isinstance(v, dict), "a table (see docs/experiment-format.md)"),
}


def check_manifest(manifest: Any, where: str) -> None:
    """Raise :class:`ExperimentError` naming the first field of the wrong type (or missing),
    including unknown fields."""
    if not isinstance(manifest, dict):
        raise ExperimentError(f"{where}: not a laborsim manifest (a JSON object is needed)")
    for key, (required, check, what) in MANIFEST_FIELDS.items():
        if key not in manifest:
            if required:
                raise ExperimentError(f"{where}: not a laborsim manifest (no '{key}')")
            continue
        if not check(manifest[key]):
            raise ExperimentError(f"{where}: field '{key}' must be {what}, got "
                                  f"{json.dumps(manifest[key])[:60]}")
    unknown = sorted(set(manifest) - set(MANIFEST_FIELDS))
    if unknown:
        raise ExperimentError(f"{where}: unknown field '{unknown[0]}' (known: "
                              f"{', '.join(MANIFEST_FIELDS)})")
    if manifest.get("kind") == "sweep" and "sweep" not in manifest:
        raise ExperimentError(f"{where}: a sweep manifest needs its 'sweep' field")
    runs = manifest["runs"]
    if runs["ok"] + runs["failed"] != runs["total"]:
        raise ExperimentError(f"{where}: field 'runs': ok + failed must equal total")


# -- documents and tables ------------------------------------------------------------------------

THESIS_MAP_COUNTS = ("cells", "people_share_above_half", "people_share_below_half",
                     "undecided", "no_displacement")
HYPOTHESIS_MAP_COUNTS = ("cells", "supported", "rejected", "undecided", "no_value")


def _indices(value: Any) -> bool:
    """Sensitivity indices of one outcome: index -> parameter -> number (or null), or a
    ``skipped`` reason."""
    if not isinstance(value, dict):
        return False
    if "skipped" in value:
        return isinstance(value["skipped"], str)
    return all(isinstance(by_parameter, dict) and all(
        v is None or _is_number(v) for v in by_parameter.values())
        for by_parameter in value.values())


def check_document(name: str, document: Any, where: str) -> None:
    """The fields ``laborsim show`` and the reports read from thesis.json and analysis.json."""
    if not isinstance(document, dict):
        raise ExperimentError(f"{where}: must be a JSON object")
    if name == "thesis":
        verdicts = document.get("verdicts")
        if not isinstance(verdicts, dict) or not all(
                isinstance(v, dict) and isinstance(v.get("verdict"), str)
                and (v.get("estimate") is None or _is_number(v.get("estimate")))
                for v in verdicts.values()):
            raise ExperimentError(f"{where}: field 'verdicts' must map each hypothesis to a "
                                  "verdict (text) and an estimate (a number)")
    if name == "analysis":
        for key in ("thesis_map", "hypothesis_map", "indices"):
            if key in document and not isinstance(document[key], dict):
                raise ExperimentError(f"{where}: field '{key}' must be a table")
        if "error" in document and not isinstance(document["error"], str):
            raise ExperimentError(f"{where}: field 'error' must be text")
        for outcome, cells in document.get("thesis_map", {}).items():
            if not (isinstance(cells, dict) and all(
                    _is_int(cells.get(k)) for k in THESIS_MAP_COUNTS)):
                raise ExperimentError(f"{where}: field 'thesis_map.{outcome[:40]}' must hold "
                                      f"the counts {', '.join(THESIS_MAP_COUNTS)}")
        for outcome, cells in document.get("hypothesis_map", {}).items():
            if not (isinstance(cells, dict) and all(
                    _is_int(cells.get(k)) for k in HYPOTHESIS_MAP_COUNTS)):
                raise ExperimentError(f"{where}: field 'hypothesis_map.{outcome[:40]}' must "
                                      f"hold the counts {', '.join(HYPOTHESIS_MAP_COUNTS)}")
        for outcome, indices in document.get("indices", {}).items():
            if not _indices(indices):
                raise ExperimentError(f"{where}: field 'indices.{outcome[:40]}' must map each "
                                      "index (S1, ST, mu_star, ...) to numbers by parameter, "
                                      "or say why it was skipped")


#: Text columns of each table; every other column must hold numbers (or booleans).
TEXT_COLUMNS = {
    "runs": {"status", "error", "traceback", "arm", "scenario"},
    "timeseries": {"arm"},
    "events": {"kind", "cause", "propensity_third", "arm"},
    "points": {"scenario"},  # a sweep over scenarios (policy_comparison)
    "groups": {"arm", "outcome", "group"},
    "group_months": {"arm"},
}
#: Columns each table must have.
REQUIRED = {"runs": ("run_id", "seed", "status"), "timeseries": ("run_id", "step"),
            "events": ("month", "kind", "cause"), "points": ("point_id",),
            "groups": ("seed", "arm", "outcome", "group", "value"),
            "group_months": ("seed", "arm", "step")}


def check_table(path: Path, name: str, entry: dict[str, Any]) -> None:
    """Check a Parquet table's footer before reading it: required columns, numbers where
    numbers belong (text only in :data:`TEXT_COLUMNS` and a sweep's parameter columns), at
    most :data:`MAX_COLUMNS` columns, and the row count recorded in the manifest."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        meta = pq.read_metadata(path)
        schema = meta.schema.to_arrow_schema()
    except Exception as err:  # pyarrow raises several types for damaged files
        raise ExperimentError(f"{path}: cannot be read as Parquet ({first_line(err)})") from None
    if len(schema) > MAX_COLUMNS:
        raise ExperimentError(f"{path}: {len(schema):,} columns, more than {MAX_COLUMNS:,}")
    for column in REQUIRED.get(name, ()):
        if column not in schema.names:
            raise ExperimentError(f"{path}: column '{column}' is missing")
    if len(set(schema.names)) != len(schema.names):
        twice = next(c for c in schema.names if schema.names.count(c) > 1)
        raise ExperimentError(f"{path}: column '{twice[:40]}' appears twice")
    text = TEXT_COLUMNS.get(name, set())
    for column in schema:
        if "." in column.name and name in ("runs", "points"):
            continue  # a sweep's varied parameter (section.key): a number, or a grid's text
        kind = column.type
        numeric = (pa.types.is_integer(kind) or pa.types.is_floating(kind)
                   or pa.types.is_boolean(kind) or pa.types.is_null(kind))
        textual = pa.types.is_string(kind) or pa.types.is_large_string(kind) or \
            pa.types.is_null(kind)
        if column.name in text:
            if not textual:
                raise ExperimentError(f"{path}: column '{column.name}' must hold text, not "
                                      f"{kind}")
        elif not numeric:
            raise ExperimentError(f"{path}: column '{column.name}' must hold numbers, not "
                                  f"{kind}")
    if "rows" in entry and meta.num_rows != entry["rows"]:
        raise ExperimentError(f"{path}: {meta.num_rows:,} rows, the manifest says "
                              f"{entry['rows']:,}")
