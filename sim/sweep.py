"""Sweep definitions: which parameters to vary, how (the design), and what to measure.

A sweep is a TOML file (see ``experiments/*.toml``)::

    description = "..."
    scenario = "baseline"          # the base scenario (name or path)
    design = "grid"                # grid | lhs | sobol | morris
    samples = 16                   # lhs: points; sobol: N (a power of two); morris: trajectories
    replicates = 4                 # seeds per point (the same seeds at every point)
    years = 10                     # optional: run.years of every run
    workers = 5000                 # optional: population.workers of every run
    root_seed = 20251125           # optional: default, the base scenario's run.root_seed
    set = ["market.quit_rate=0.012"]   # optional: overrides of the base scenario

    [parameters]                   # section.key = how it varies
    "ai.capability_growth" = { values = [0.1, 0.2, 0.4] }          # a list (grid)
    "ai.demand_elasticity" = { min = 0.0, max = 1.5, step = 0.5 }  # a range with steps (grid)
    "ai.propensity_effect" = { min = 0.5, max = 2.0 }              # bounds (lhs, sobol, morris)

    [[outcomes]]                   # what to analyse
    metric = "unemployment_rate_low_propensity"
    statistic = "path_mean"        # horizon | path_mean | people_share | people_part | tech_part

Parameters drawn from bounds are uniform between them (``dist = "uniform"``, the only
distribution supported). ``horizon`` is a metric's value in the last month, ``path_mean`` its
mean over the months; the thesis statistics run the point in the four arms of
:mod:`sim.hypotheses` and measure the metric's change (default: the low-propensity third's
unemployment-months, ``unemployment_months/low``): ``people_part`` and ``tech_part`` are its
Shapley parts, ``people_share`` the people channel's share of the displacement (positive parts
only: ``max(people, 0) / (max(people, 0) + max(tech, 0))``; empty when neither displaces).

Every mistake raises :class:`SweepError` with one line naming the file and the key.
"""

from __future__ import annotations

import dataclasses
import difflib
import itertools
import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sim.params import Params, section_classes
from sim.rules.accounting import METRIC_NAMES
from sim.scenario import ScenarioError, load_scenario

DESIGNS = ("grid", "lhs", "sobol", "morris")
STATISTICS = ("horizon", "path_mean", "people_share", "people_part", "tech_part")
THESIS_STATISTICS = ("people_share", "people_part", "tech_part")
THESIS_METRICS = ("unemployment_months/low", "unemployment_months/high", "unemployment_months/all",
                  "employment_rate_end/low", "employment_rate_end/high", "employment_rate_end/all",
                  "earnings/low", "earnings/high", "earnings/all")
TOP_LEVEL = ("description", "scenario", "design", "samples", "replicates", "years", "workers",
             "root_seed", "set", "parameters", "outcomes", "second_order", "levels", "followup",
             "heatmap")
RANGE_KEYS = ("values", "min", "max", "step", "dist")
OUTCOME_KEYS = ("metric", "statistic")
FOLLOWUP_KEYS = ("design", "top", "samples")


class SweepError(ValueError):
    """A sweep file is wrong; the message is one line naming the file and the key."""


@dataclass(frozen=True)
class Outcome:
    """One analysed outcome: a metric and a statistic over each run."""

    metric: str
    statistic: str

    @property
    def column(self) -> str:
        """Its column in runs.parquet, e.g. ``path_mean(unemployment_rate)``."""
        return f"{self.statistic}({self.metric})"

    @property
    def thesis(self) -> bool:
        """Whether the point must be run in the four thesis arms."""
        return self.statistic in THESIS_STATISTICS


@dataclass(frozen=True)
class Sweep:
    """A validated sweep definition."""

    name: str
    path: str
    description: str
    scenario: str
    design: str
    samples: int
    replicates: int
    root_seed: int
    parameters: dict[str, dict[str, Any]]
    outcomes: tuple[Outcome, ...]
    overrides: tuple[str, ...] = ()
    second_order: bool = False
    levels: int = 4
    followup: dict[str, Any] | None = None
    heatmap: tuple[str, ...] = ()
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def names(self) -> list[str]:
        return list(self.parameters)

    @property
    def needs_arms(self) -> bool:
        return any(o.thesis for o in self.outcomes)

    def problem(self) -> dict[str, Any]:
        """The SALib problem: names and bounds of the varied parameters."""
        return {"num_vars": len(self.parameters), "names": self.names,
                "bounds": [[spec["min"], spec["max"]] for spec in self.parameters.values()]}

    def base_params(self, scenario: str | None = None) -> Params:
        """The base scenario (or ``scenario``, for a sweep over scenarios) with the sweep's
        overrides."""
        return load_scenario(scenario or self.scenario, list(self.overrides)).params

    def params_at(self, values: dict[str, Any], bases: dict[str, Params] | None = None
                  ) -> Params:
        """The parameters of one point: its scenario (the base one unless ``scenario`` is
        varied) with the sweep's overrides, then the point's values. ``bases`` caches the
        scenarios already read."""
        bases = {} if bases is None else bases
        name = str(values.get("scenario", self.scenario))
        if name not in bases:
            bases[name] = self.base_params(name)
        return point_params(bases[name], {k: v for k, v in values.items() if k != "scenario"})


def _fail(path: str, message: str) -> SweepError:
    return SweepError(f"{path}: {message}")


def _closest(word: str, options) -> str:
    hints = difflib.get_close_matches(word, list(options), n=2, cutoff=0.5)
    return ("; did you mean " + " or ".join(f"'{h}'" for h in hints) + "?" if hints
            else f" (valid: {', '.join(options)})")


def _param_type(key: str, path: str) -> type:
    if key == "scenario":  # a grid over whole scenarios, e.g. the policy regimes
        return str
    if "." not in key:
        raise _fail(path, f"parameters: '{key}' must be section.key, e.g. ai.demand_elasticity")
    section, name = key.split(".", 1)
    sections = section_classes()
    if section not in sections:
        raise _fail(path, f"parameters: unknown section in '{key}'{_closest(section, sections)}")
    fields = sections[section].__dataclass_fields__
    if name not in fields:
        raise _fail(path, f"parameters: unknown key '{key}'"
                          f"{_closest(name, [f'{section}.{n}' for n in fields])}")
    kind = fields[name].type
    return {"int": int, "float": float, "bool": bool, "str": str}.get(kind, kind)


def _check_range(key: str, spec: Any, design: str, path: str) -> dict[str, Any]:
    where = f"parameters.{key}"
    if not isinstance(spec, dict):
        raise _fail(path, f"{where} must be a table, e.g. {{ min = 0.1, max = 0.5 }}")
    for k in spec:
        if k not in RANGE_KEYS:
            raise _fail(path, f"{where}: unknown key '{k}'{_closest(k, RANGE_KEYS)}")
    if spec.get("dist", "uniform") != "uniform":
        raise _fail(path, f"{where}.dist must be 'uniform', got {spec['dist']!r}")
    if "values" in spec:
        values = spec["values"]
        if design != "grid":
            raise _fail(path, f"{where}: a list of values needs design = 'grid'; {design} "
                              "needs min and max")
        if not isinstance(values, list) or not values:
            raise _fail(path, f"{where}.values must be a non-empty list")
        if len(set(map(repr, values))) < len(values):
            raise _fail(path, f"{where}.values lists a value twice")
        return {"values": values}
    if "min" not in spec or "max" not in spec:
        raise _fail(path, f"{where} needs values = [...] or min and max")
    lo, hi = spec["min"], spec["max"]
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lo, hi)):
        raise _fail(path, f"{where}: min and max must be numbers")
    if not lo < hi:
        raise _fail(path, f"{where}: min ({lo}) must be below max ({hi})")
    if design == "grid":
        step = spec.get("step")
        if step is None:
            raise _fail(path, f"{where}: a grid range needs step (or give values = [...])")
        if not isinstance(step, int | float) or step <= 0:
            raise _fail(path, f"{where}.step must be a positive number, got {step!r}")
        n = int(math.floor((hi - lo) / step + 1e-9)) + 1
        return {"values": [lo + i * step for i in range(n)], "min": lo, "max": hi, "step": step}
    if "step" in spec:
        raise _fail(path, f"{where}: step applies only to design = 'grid'")
    return {"min": float(lo), "max": float(hi)}


def _check_outcome(index: int, spec: Any, path: str) -> Outcome:
    where = f"outcomes[{index}]"
    if not isinstance(spec, dict):
        raise _fail(path, f"{where} must be a table with metric and statistic")
    for k in spec:
        if k not in OUTCOME_KEYS:
            raise _fail(path, f"{where}: unknown key '{k}'{_closest(k, OUTCOME_KEYS)}")
    statistic = spec.get("statistic", "path_mean")
    if statistic not in STATISTICS:
        raise _fail(path, f"{where}.statistic must be one of {', '.join(STATISTICS)}, got "
                          f"{statistic!r}")
    if statistic in THESIS_STATISTICS:
        metric = spec.get("metric", "unemployment_months/low")
        if metric not in THESIS_METRICS:
            raise _fail(path, f"{where}.metric for {statistic} must be one of "
                              f"{', '.join(THESIS_METRICS)}, got {metric!r}")
    else:
        metric = spec.get("metric")
        if metric not in METRIC_NAMES:
            raise _fail(path, f"{where}.metric: unknown metric {metric!r}"
                              f"{_closest(str(metric), METRIC_NAMES)}")
    return Outcome(metric, statistic)


def _integer(data: dict, key: str, default: int | None, lowest: int, path: str) -> int | None:
    value = data.get(key, default)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < lowest:
        raise _fail(path, f"{key} must be an integer of at least {lowest}, got {value!r}")
    return value


def load_sweep(path: str | Path) -> Sweep:
    """Read and validate a sweep file."""
    path = Path(path)
    where = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise _fail(where, f"cannot read: {err.strerror}") from None
    except tomllib.TOMLDecodeError as err:
        raise _fail(where, f"not valid TOML: {err}") from None
    return sweep_from_dict(data, path.stem, where)


def sweep_from_dict(data: dict[str, Any], name: str, where: str) -> Sweep:
    """Validate a sweep definition (the parsed TOML) named ``name``; ``where`` names it in
    errors."""
    for key in data:
        if key not in TOP_LEVEL:
            raise _fail(where, f"unknown key '{key}'{_closest(key, TOP_LEVEL)}")
    design = data.get("design", "grid")
    if design not in DESIGNS:
        raise _fail(where, f"design must be one of {', '.join(DESIGNS)}, got {design!r}")
    if not isinstance(data.get("parameters"), dict) or not data["parameters"]:
        raise _fail(where, "[parameters] must name at least one parameter to vary")
    parameters = {}
    for key, spec in data["parameters"].items():
        kind = _param_type(key, where)
        parameters[key] = _check_range(key, spec, design, where)
        if design != "grid" and kind not in (int, float):
            raise _fail(where, f"parameters.{key} is {kind.__name__}: {design} designs vary "
                               "numbers only (use design = 'grid' with values)")
    outcomes = data.get("outcomes", [])
    if not isinstance(outcomes, list) or not outcomes:
        raise _fail(where, "[[outcomes]] must list at least one outcome")
    outcomes = tuple(_check_outcome(i, spec, where) for i, spec in enumerate(outcomes))
    replicates = _integer(data, "replicates", 2, 1, where)
    samples = _integer(data, "samples", None if design == "grid" else 0, 0, where)
    n_vars = len(parameters)
    if design == "sobol":
        if samples is None or samples < 2 or samples & (samples - 1):
            raise _fail(where, f"samples must be a power of two (at least 2) for design = "
                               f"'sobol', got {samples!r}")
    elif design == "lhs":
        if samples < max(2, n_vars):
            raise _fail(where, f"samples must be at least {max(2, n_vars)} for design = 'lhs' "
                               f"with {n_vars} parameters, got {samples}")
    elif design == "morris" and samples < 2:
        raise _fail(where, f"samples (trajectories) must be at least 2 for design = 'morris', "
                           f"got {samples}")
    if design == "sobol" and n_vars < 2 or design == "morris" and n_vars < 2:
        raise _fail(where, f"design = '{design}' needs at least two parameters to compare")
    levels = _integer(data, "levels", 4, 2, where)
    if levels % 2:
        raise _fail(where, f"levels must be even for design = 'morris', got {levels}")
    overrides = data.get("set", [])
    if not isinstance(overrides, list) or not all(isinstance(o, str) for o in overrides):
        raise _fail(where, "set must be a list of 'section.key=value' strings")
    for key, option in (("years", "run.years"), ("workers", "population.workers")):
        if key in data:
            overrides = [*overrides, f"{option}={_integer(data, key, None, 1, where)}"]
    followup = data.get("followup")
    if followup is not None:
        if design != "morris":
            raise _fail(where, "[followup] (Sobol on the top parameters) needs design = 'morris'")
        for key in followup:
            if key not in FOLLOWUP_KEYS:
                raise _fail(where, f"followup: unknown key '{key}'{_closest(key, FOLLOWUP_KEYS)}")
        if followup.get("design", "sobol") != "sobol":
            raise _fail(where, "followup.design must be 'sobol'")
        top = _integer(followup, "top", 3, 2, where)
        fsamples = _integer(followup, "samples", 32, 2, where)
        if fsamples & (fsamples - 1):
            raise _fail(where, f"followup.samples must be a power of two, got {fsamples}")
        followup = {"design": "sobol", "top": min(top, n_vars), "samples": fsamples}
    heatmap = tuple(data.get("heatmap", list(parameters)[:2]))
    for key in heatmap:
        if key not in parameters:
            raise _fail(where, f"heatmap: '{key}' is not a varied parameter")
    sweep = Sweep(
        name=name, path=where, description=str(data.get("description", "")),
        scenario=str(data.get("scenario", "baseline")), design=design,
        samples=samples or 0, replicates=replicates,
        root_seed=_integer(data, "root_seed", 0, 0, where), parameters=parameters,
        outcomes=outcomes, overrides=tuple(overrides),
        second_order=bool(data.get("second_order", False)), levels=levels, followup=followup,
        heatmap=heatmap, raw=data)
    bases: dict[str, Params] = {}
    for name in [sweep.scenario, *parameters.get("scenario", {}).get("values", [])]:
        try:
            sweep.params_at({"scenario": name}, bases)
        except ScenarioError as err:
            key = "scenario" if name == sweep.scenario else "parameters.scenario"
            raise _fail(where, f"{key}: {err}") from None
    if "root_seed" not in data:  # the base scenario's root seed, as in laborsim run
        sweep = dataclasses.replace(sweep, root_seed=bases[sweep.scenario].run.root_seed)
    points = design_points(sweep)
    for values in points.drop(columns="point_id").to_dict(orient="records"):
        try:  # every point must be a valid parameter set
            sweep.params_at(values, bases)
        except (TypeError, ValueError) as err:
            raise _fail(where, f"parameters: the point {values} is invalid: {err}") from None
    return sweep


def followup_sweep(sweep: Sweep, top: list[str]) -> Sweep:
    """The Sobol sweep that follows a Morris screening: the ``top`` parameters (by mu*) over
    the same bounds, ``followup.samples`` base samples, everything else as in ``sweep``."""
    raw = {k: v for k, v in sweep.raw.items() if k not in ("followup", "levels", "heatmap")}
    raw["design"] = "sobol"
    raw["samples"] = sweep.followup["samples"]
    raw["parameters"] = {k: sweep.raw["parameters"][k] for k in top}
    raw["description"] = (f"{sweep.description} Sobol follow-up on the top {len(top)} "
                          "parameters of the Morris screening.").strip()
    return sweep_from_dict(raw, f"{sweep.name}-sobol", f"{sweep.path} [followup]")


def design_points(sweep: Sweep) -> pd.DataFrame:
    """The design's points: ``point_id`` then one column per varied parameter.

    Grid: the full factorial of the values. LHS, Sobol (Saltelli) and Morris: SALib's samplers,
    seeded from the sweep's root seed; Sobol needs ``samples * (D + 2)`` points (``2D + 2`` with
    second-order indices), Morris ``samples * (D + 1)``.
    """
    names = sweep.names
    if sweep.design == "grid":
        values = list(itertools.product(*[sweep.parameters[n]["values"] for n in names]))
    else:
        from SALib.sample import latin, morris, sobol

        problem = sweep.problem()
        seed = sweep.root_seed % (2**32)
        if sweep.design == "lhs":
            values = latin.sample(problem, sweep.samples, seed=seed)
        elif sweep.design == "sobol":
            values = sobol.sample(problem, sweep.samples, calc_second_order=sweep.second_order,
                                  seed=seed)
        else:
            values = morris.sample(problem, sweep.samples, num_levels=sweep.levels, seed=seed)
    frame = pd.DataFrame(values, columns=names)
    for name in names:  # integer parameters take the nearest integer
        if _param_type(name, sweep.path) is int:
            frame[name] = frame[name].round().astype(np.int64)
    frame.insert(0, "point_id", np.arange(len(frame), dtype=np.int64))
    return frame


def point_params(base: Params, values: dict[str, Any]) -> Params:
    """The base parameters with one point's values set (validated)."""
    params = base
    for key, value in values.items():
        section, name = key.split(".", 1)
        if isinstance(value, np.generic):
            value = value.item()
        params = params.replace(section, **{name: value})
    return params
