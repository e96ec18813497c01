"""Scenarios: TOML files of parameter values, with inheritance and command-line overrides.

A scenario file has optional top-level ``description`` and ``extends`` keys and one table per
parameter section (``[population]``, ``[firms]``, ``[market]``, ``[run]``, ...); anything not
set takes its documented default (:mod:`sim.model.params`). ``extends = "baseline"`` inherits
another scenario, found next to the file or among the shipped ones. ``--set section.key=value``
overrides win over files. Every mistake raises :class:`~sim.errors.ScenarioError` with one line
naming the file, the key and the allowed values.
"""

from __future__ import annotations

import difflib
import sys
import tomllib
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

from sim.errors import LaborsimError, ScenarioError
from sim.model.params import RETIRED, Params, keys_of, limits, section_classes, unknown_key

TOP_LEVEL_KEYS = ("description", "extends")


@dataclass(frozen=True)
class Scenario:
    """A resolved scenario: its name, the files it was read from, and its parameters."""

    name: str
    params: Params
    description: str = ""
    files: tuple[str, ...] = ()
    overrides: tuple[str, ...] = field(default=())


def shipped_scenarios_dir() -> Path:
    """Folder of the scenario files installed with laborsim (the repository's ``scenarios/``
    when running from a source checkout that is not installed)."""
    try:
        return Path(str(files("sim.scenarios")))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[2] / "scenarios"


def available_scenarios(folder: Path | None = None) -> list[str]:
    """Names of the shipped scenarios (and of those in ``folder``, if given)."""
    names = {p.stem for p in shipped_scenarios_dir().glob("*.toml")}
    if folder is not None and folder.is_dir():
        names |= {p.stem for p in folder.glob("*.toml")}
    return sorted(names)


def find_scenario(name_or_path: str, near: Path | None = None) -> Path:
    """Path of a scenario given as a file path or as a name.

    A name is looked up in ``near`` (the folder of the file that extends it), then in
    ``./scenarios``, then among the shipped scenarios.
    """
    candidate = Path(name_or_path)
    if candidate.suffix == ".toml" or candidate.is_file():
        if near is not None and not candidate.is_absolute() and (near / candidate).is_file():
            return near / candidate  # a relative path in 'extends' is relative to its file
        if candidate.is_file():
            return candidate
        if candidate.is_dir():
            raise ScenarioError(f"{name_or_path}: is a folder, not a scenario file")
        if candidate.exists():
            raise ScenarioError(f"{name_or_path}: not a regular file")
        raise ScenarioError(f"{name_or_path}: no such scenario file")
    folders = [d for d in (near, Path("scenarios"), shipped_scenarios_dir()) if d is not None]
    for folder in folders:
        path = folder / f"{name_or_path}.toml"
        if path.is_file():
            return path
    known = sorted(set(available_scenarios(Path("scenarios")))
                   | set(available_scenarios(near) if near is not None else []))
    hint = difflib.get_close_matches(name_or_path, known, n=1)
    did_you_mean = f"; did you mean '{hint[0]}'?" if hint else ""
    raise ScenarioError(
        f"unknown scenario '{name_or_path}'{did_you_mean} (available: {', '.join(known)})"
    )


def read_definition(path: Path, error: type[LaborsimError] = ScenarioError) -> dict[str, Any]:
    """The parsed TOML of a scenario or sweep file; anything else (a folder, a file that is
    too large, not UTF-8 or not TOML, nesting too deep to parse) raises ``error`` with one
    line naming the file."""
    if path.is_dir():
        raise error(f"{path}: is a folder, not a TOML file")
    if path.exists() and not path.is_file():  # a device or a pipe would block or never end
        raise error(f"{path}: not a regular file")
    try:
        with path.open("rb") as fh:
            data = fh.read(limits.MAX_DEFINITION_BYTES + 1)
    except OSError as err:
        raise error(f"{path}: cannot read: {err.strerror or err}") from None
    if len(data) > limits.MAX_DEFINITION_BYTES:
        raise error(f"{path}: larger than {limits.MAX_DEFINITION_BYTES:,} bytes; scenario and "
                    "sweep files are a few KB of TOML")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise error(f"{path}: not UTF-8 text (byte {err.start}); TOML files are UTF-8") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise error(f"{path}: not valid TOML: {' '.join(str(err).split())}") from None
    except RecursionError:
        raise error(f"{path}: not valid TOML: nested too deeply") from None
    except ValueError:  # Python refuses to read integers of more than 4,300 digits
        raise error(f"{path}: holds an integer of more than {_MAX_DIGITS:,} digits; no "
                    "parameter takes one") from None


_MAX_DIGITS = sys.get_int_max_str_digits() or 4300


def shorten(text: str, most: int = 60) -> str:
    """``text`` for a one-line message: at most ``most`` characters, one line."""
    text = " ".join(str(text).split())
    return text if len(text) <= most else f"{text[:most]}... ({len(text):,} characters)"


def _read_toml(path: Path) -> dict[str, Any]:
    return read_definition(path, ScenarioError)


def _check_keys(data: dict[str, Any], origin: str, files: bool = True) -> None:
    """Reject unknown sections and keys, suggesting the closest valid ones (``files``: the
    top-level keys of a file, ``description`` and ``extends``, are allowed too)."""
    sections = section_classes()
    for name, value in data.items():
        if files and name in TOP_LEVEL_KEYS:
            continue
        if name not in sections:
            valid = list(sections) + (list(TOP_LEVEL_KEYS) if files else [])
            raise ScenarioError(f"{origin}: unknown section '{name}'{closest(name, valid)}")
        if not isinstance(value, dict):
            raise ScenarioError(f"{origin}: '{name}' must be a table ([{name}])")
        valid_keys = keys_of(sections[name])
        for key in value:
            if key not in valid_keys:
                raise ScenarioError(f"{origin}: {key_error(name, key, valid_keys)}")


def key_error(section: str, key: str, valid_keys: list[str]) -> str:
    """The message for an unknown key ``section.key``: what replaced it when it is a retired
    key of an earlier version (:data:`~sim.model.params.RETIRED`), else the closest valid keys.

    >>> key_error("ai", "augmentation", ["ranking"]).split(":")[0]
    "'ai.augmentation' no longer exists"
    >>> key_error("ai", "rankin", ["ranking", "policies"])
    "unknown key 'ai.rankin'; did you mean 'ai.ranking'?"
    """
    if f"{section}.{key}" in RETIRED:
        return str(unknown_key(section, key))
    return f"unknown key '{section}.{key}'{closest(key, valid_keys, prefix=section + '.')}"


def closest(word: str, options: list[str], prefix: str = "", n: int = 3) -> str:
    """``; did you mean 'x'?`` with up to ``n`` close matches of ``word`` among ``options``,
    or `` (valid: ...)`` listing them all when none is close (for one-line errors)."""
    hints = difflib.get_close_matches(word, options, n=n, cutoff=0.5)
    if not hints:
        return f" (valid: {', '.join(prefix + o for o in options)})"
    return "; did you mean " + " or ".join(f"'{prefix}{h}'" for h in hints) + "?"


def _resolve(path: Path, chain: tuple[Path, ...] = ()) -> tuple[dict, dict, list[Path], str]:
    """Merged values, the file each key came from, the files read, and the description."""
    if path.resolve() in chain:
        raise ScenarioError(f"{path}: 'extends' forms a cycle")
    data = _read_toml(path)
    _check_keys(data, str(path))
    values: dict[str, dict[str, Any]] = {}
    origin: dict[str, str] = {}
    read = [path]
    description = data.get("description", "")
    if not isinstance(description, str):
        raise ScenarioError(f"{path}: 'description' must be a string, got "
                            f"{type(description).__name__}")
    if "extends" in data:
        parent = data["extends"]
        if not isinstance(parent, str):
            raise ScenarioError(f"{path}: 'extends' must be a scenario name or path")
        try:
            parent_path = find_scenario(parent, near=path.parent)
        except ScenarioError as err:
            raise ScenarioError(f"{path}: extends: {err}") from None
        values, origin, parent_read, parent_description = _resolve(
            parent_path, chain + (path.resolve(),))
        read = parent_read + read
        description = description or parent_description
    for section, table in data.items():
        if section in TOP_LEVEL_KEYS:
            continue
        for key, value in table.items():
            values.setdefault(section, {})[key] = value
            origin[f"{section}.{key}"] = str(path)
    return values, origin, read, description


def parse_override(text: str) -> tuple[str, str, Any]:
    """``section.key=value`` -> (section, key, value); the value is read as TOML when it can be
    (numbers, booleans, quoted strings) and as a plain string otherwise."""
    if "=" not in text or "." not in text.split("=", 1)[0]:
        raise ScenarioError(f"--set {text}: expected section.key=value, e.g. run.years=5")
    dotted, raw = text.split("=", 1)
    section, key = dotted.strip().split(".", 1)
    try:
        value = tomllib.loads(f"v = {raw.strip()}")["v"]
    except tomllib.TOMLDecodeError:
        value = raw.strip()
    except (ValueError, RecursionError):  # an integer of more than 4,300 digits; deep nesting
        raise ScenarioError(f"--set {shorten(text)}: not a value any parameter takes (an "
                            f"integer of more than {_MAX_DIGITS:,} digits, or nested too "
                            "deeply)") from None
    return section, key, value


def shortcut_overrides(*, seeds: int | None = None, years: int | None = None,
                       workers: int | None = None) -> list[str]:
    """The ``--set`` overrides the ``--seeds``, ``--years`` and ``--workers`` shortcuts stand
    for (``run.seeds``, ``run.years``, ``population.workers``), for those given.

    >>> shortcut_overrides(seeds=3, workers=500)
    ['run.seeds=3', 'population.workers=500']
    """
    return [f"{key}={value}" for key, value in (("run.seeds", seeds), ("run.years", years),
                                                ("population.workers", workers))
            if value is not None]


def load_scenario(name_or_path: str = "baseline", overrides: list[str] | tuple[str, ...] = ()
                  ) -> Scenario:
    """Read, merge and validate a scenario, then apply ``--set`` style overrides."""
    path = find_scenario(name_or_path)
    values, origin, read, description = _resolve(path)
    for text in overrides:
        section, key, value = parse_override(text)
        _check_keys({section: {key: value}}, f"--set {text}", files=False)
        values.setdefault(section, {})[key] = value
        origin[f"{section}.{key}"] = f"--set {text}"
    try:
        params = Params.from_dict(values)
    except (TypeError, ValueError) as err:
        message = str(err)
        dotted = message.split(" ", 1)[0]
        in_section = [o for key, o in origin.items() if key.startswith(dotted + ".")]
        named = [o for key, o in origin.items() if key in message]  # a check of two keys
        where = (origin.get(dotted) or (in_section[-1] if in_section else None)
                 or (named[-1] if named else str(path)))
        raise ScenarioError(f"{where}: {message}") from None
    return Scenario(name=path.stem, params=params, description=description,
                    files=tuple(str(p) for p in read), overrides=tuple(overrides))
