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
    "ai.capability_growth" = { values = [0.1, 0.2, 0.4] }     # a list (grid)
    "firms.industry_demand_elasticity" = { min = 0.0, max = 1.5, step = 0.5 }
                                                              # a range with steps (grid)
    "ai.propensity_effect" = { min = 0.5, max = 2.0 }         # bounds (lhs, sobol, morris)

    factors = "people=ranking+productivity,technology=automation,other=new_work+policies"
                                   # optional, as laborsim thesis --factors (default: the
                                   # five blocks, 32 arms a run)
    versed_month = 0               # optional, as laborsim thesis --versed-month

    [[outcomes]]                   # what to analyse
    metric = "unemployment_rate_low_propensity"
    statistic = "path_mean"        # horizon | path_mean | part | share | people_share |
                                   # hypothesis
    [[outcomes]]
    statistic = "part"
    factor = "automation"          # part and share: a factor, a channel (people,
                                   # technology) or, for part, total
    metric = "unemployment_months/not_versed"

``horizon`` is a metric's value in the last month, ``path_mean`` its mean over the months.
The thesis statistics run the point's seed in every arm of the factors, as the thesis test
does (:func:`sim.experiments.thesis.run_seed`), and measure a group outcome of the cohort
(``<outcome>/<group>``, default ``unemployment_months/not_versed``;
:func:`sim.experiments.thesis.outcome_keys`): ``part`` is the Shapley value of a factor, of a
channel (the sum of its factors') or the ``total`` change; ``share`` a factor's or channel's
share of the displacement, its positive parts over the positive parts of every factor;
``people_share`` the people channel's share of what the two channels displace
(``max(people, 0) / (max(people, 0) + max(technology, 0))``; empty when neither displaces,
above one half where H1 holds). ``hypothesis`` is the per-seed statistic of a hypothesis of
the thesis test (``metric = "H1"``, ...; :data:`sim.experiments.thesis.STATISTICS`), positive
where it is supported. Every run of a point with thesis outcomes records every factor's and
channel's part of each thesis metric asked for (``part[<factor>](<metric>)``).

Parameters drawn from bounds are uniform between them (``dist = "uniform"``, the only
distribution supported).

Every mistake raises :class:`~sim.errors.SweepError` with one line naming the file and the key.
This module parses and checks a definition (every key's check is here, so it runs a little over
300 lines); :mod:`~sim.experiments.sweep.design` draws its
points and :mod:`~sim.experiments.sweep.load` reads a file and checks every point.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from sim.errors import LaborsimError, SweepError
from sim.experiments.factors import (
    CHANNELS,
    arms,
    channel_factors,
    format_factors,
    parse_factors,
)
from sim.experiments.scenario import closest, load_scenario
from sim.experiments.thesis import HYPOTHESES, outcome_keys
from sim.model.metrics import METRIC_NAMES
from sim.model.params import RETIRED, Params, limits, section_classes, unknown_key
from sim.model.params.ai import AI_BLOCKS

DESIGNS = ("grid", "lhs", "sobol", "morris")
STATISTICS = ("horizon", "path_mean", "part", "share", "people_share", "hypothesis")
THESIS_STATISTICS = ("part", "share", "people_share", "hypothesis")
#: Statistics that were renamed, and what replaces them.
RETIRED_STATISTICS = {"people_part": "statistic = 'part' with factor = 'people'",
                      "tech_part": "statistic = 'part' with factor = 'technology'"}
#: The thesis metric of part, share and people_share when an outcome names none.
THESIS_METRIC = "unemployment_months/not_versed"
#: Hypotheses whose statistic compares the people and the technology channel.
CHANNEL_HYPOTHESES = ("H1", "H1 relative")
TOP_LEVEL = ("description", "scenario", "design", "samples", "replicates", "years", "workers",
             "root_seed", "set", "parameters", "outcomes", "second_order", "levels", "followup",
             "heatmap", "factors", "versed_month")
RANGE_KEYS = ("values", "min", "max", "step", "dist")
OUTCOME_KEYS = ("metric", "statistic", "factor")
FOLLOWUP_KEYS = ("design", "top", "samples")


@dataclass(frozen=True)
class Outcome:
    """One analysed outcome: a metric and a statistic over each run (and, for ``part`` and
    ``share``, the factor or channel)."""

    metric: str
    statistic: str
    factor: str = ""

    @property
    def column(self) -> str:
        """Its column in runs.parquet, e.g. ``path_mean(unemployment_rate)`` or
        ``part[automation](unemployment_months/not_versed)``."""
        factor = f"[{self.factor}]" if self.factor else ""
        return f"{self.statistic}{factor}({self.metric})"

    @property
    def thesis(self) -> bool:
        """Whether the point must be run in every arm of the factors."""
        return self.statistic in THESIS_STATISTICS


def part_column(part: str, metric: str) -> str:
    """The runs column of one part (a factor, a channel or ``total``) of a thesis metric."""
    return Outcome(metric, "part", part).column


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
    factors: dict[str, tuple[str, ...]] = field(default_factory=lambda: parse_factors(None))
    versed_month: int = 0
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def names(self) -> list[str]:
        return list(self.parameters)

    @property
    def needs_arms(self) -> bool:
        return any(o.thesis for o in self.outcomes)

    @property
    def arms_per_run(self) -> int:
        """Simulations of one run: every arm of the factors with thesis outcomes, else one."""
        return len(arms(self.factors)) if self.needs_arms else 1

    def arms_text(self) -> str:
        """What a run of thesis outcomes simulates, in words ("" without them): its arms, the
        factors (as ``--factors`` text) and the month at which the versed are counted."""
        if not self.needs_arms:
            return ""
        return (f"each run is one seed in the {self.arms_per_run} arms of the factors "
                f"{format_factors(self.factors)}; the versed are those proficient in month "
                f"{self.versed_month}")

    @property
    def points(self) -> int:
        """How many points the design has (counted, not drawn)."""
        return design_size(self.design, self.parameters, self.samples, self.second_order)

    @property
    def runs(self) -> int:
        """Points times replicates: the runs of this sweep (without a follow-up)."""
        return self.points * self.replicates

    @property
    def followup_runs(self) -> int:
        """The runs of the Sobol follow-up of a Morris screening (0 without one)."""
        if not self.followup:
            return 0
        top = {f"p{i}": {} for i in range(self.followup["top"])}
        return design_size("sobol", top, self.followup["samples"],
                           self.second_order) * self.replicates

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


def design_size(design: str, parameters: dict[str, dict[str, Any]], samples: int,
                second_order: bool = False) -> int:
    """The number of points of a design, without drawing them: the product of the grid's
    value counts; LHS ``samples``; Sobol (Saltelli) ``samples * (D + 2)``, or ``2D + 2`` with
    second-order indices; Morris ``samples * (D + 1)``."""
    d = len(parameters)
    if design == "grid":
        return math.prod(len(spec["values"]) for spec in parameters.values())
    if design == "sobol":
        return samples * ((2 * d + 2) if second_order else (d + 2))
    if design == "morris":
        return samples * (d + 1)
    return samples


def fail(path: str, message: str) -> SweepError:
    """The :class:`~sim.errors.SweepError` of ``message`` about the sweep at ``path``."""
    return SweepError(f"{path}: {message}")


def _hint(word: str, options) -> str:
    return closest(word, list(options), n=2)


def param_type(key: str, path: str) -> type:
    """The Python type of a varied parameter ``section.key`` (``str`` for ``scenario``)."""
    if key == "scenario":  # a grid over whole scenarios, e.g. the policy regimes
        return str
    if "." not in key:
        raise fail(path, f"parameters: '{key}' must be section.key, e.g. "
                          "firms.industry_demand_elasticity")
    section, name = key.split(".", 1)
    sections = section_classes()
    if section not in sections:
        raise fail(path, f"parameters: unknown section in '{key}'{_hint(section, sections)}")
    fields = {f.name: f for f in dataclasses.fields(sections[section])}
    if name not in fields:
        if key in RETIRED:
            raise fail(path, f"parameters: {unknown_key(section, name)}")
        raise fail(path, f"parameters: unknown key '{key}'"
                          f"{_hint(name, [f'{section}.{n}' for n in fields])}")
    kind = fields[name].type
    return {"int": int, "float": float, "bool": bool, "str": str}.get(kind, kind)


def _check_range(key: str, spec: Any, design: str, path: str) -> dict[str, Any]:
    where = f"parameters.{key}"
    if not isinstance(spec, dict):
        raise fail(path, f"{where} must be a table, e.g. {{ min = 0.1, max = 0.5 }}")
    for k in spec:
        if k not in RANGE_KEYS:
            raise fail(path, f"{where}: unknown key '{k}'{_hint(k, RANGE_KEYS)}")
    if spec.get("dist", "uniform") != "uniform":
        raise fail(path, f"{where}.dist must be 'uniform', got {spec['dist']!r}")
    if "values" in spec:
        values = spec["values"]
        if design != "grid":
            raise fail(path, f"{where}: a list of values needs design = 'grid'; {design} "
                              "needs min and max")
        if not isinstance(values, list) or not values:
            raise fail(path, f"{where}.values must be a non-empty list")
        if len(set(map(repr, values))) < len(values):
            raise fail(path, f"{where}.values lists a value twice")
        return {"values": values}
    if "min" not in spec or "max" not in spec:
        raise fail(path, f"{where} needs values = [...] or min and max")
    lo, hi = spec["min"], spec["max"]
    if not all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
               for v in (lo, hi)):
        raise fail(path, f"{where}: min and max must be finite numbers")
    if not lo < hi:
        raise fail(path, f"{where}: min ({lo}) must be below max ({hi})")
    if design == "grid":
        step = spec.get("step")
        if step is None:
            raise fail(path, f"{where}: a grid range needs step (or give values = [...])")
        if not isinstance(step, int | float) or isinstance(step, bool) or \
                not math.isfinite(step) or step <= 0:
            raise fail(path, f"{where}.step must be a positive number, got {step!r}")
        n = int(math.floor((hi - lo) / step + 1e-9)) + 1
        if n > limits.MAX_RUNS:  # counted before the list is built
            raise fail(path, f"{where}: step {step} gives {n:,} values; a sweep has at most "
                              f"{limits.MAX_RUNS:,} runs (limits: user guide, section 12.1)")
        return {"values": [lo + i * step for i in range(n)], "min": lo, "max": hi, "step": step}
    if "step" in spec:
        raise fail(path, f"{where}: step applies only to design = 'grid'")
    return {"min": float(lo), "max": float(hi)}


def _check_outcome(index: int, spec: Any, path: str,
                   factors: dict[str, tuple[str, ...]]) -> Outcome:
    where = f"outcomes[{index}]"
    if not isinstance(spec, dict):
        raise fail(path, f"{where} must be a table with metric and statistic")
    for k in spec:
        if k not in OUTCOME_KEYS:
            raise fail(path, f"{where}: unknown key '{k}'{_hint(k, OUTCOME_KEYS)}")
    statistic = spec.get("statistic", "path_mean")
    if statistic in RETIRED_STATISTICS:
        raise fail(path, f"{where}.statistic {statistic!r} was retired: use "
                          f"{RETIRED_STATISTICS[statistic]}")
    if statistic not in STATISTICS:
        raise fail(path, f"{where}.statistic must be one of {', '.join(STATISTICS)}, got "
                          f"{statistic!r}")
    factor = spec.get("factor", "")
    channels = channel_factors(factors)
    if statistic in ("part", "share"):
        allowed = [*factors, *(c for c in CHANNELS if c not in factors),
                   *(["total"] if statistic == "part" else [])]
        if factor not in allowed:
            raise fail(path, f"{where}.factor for {statistic} must be one of "
                              f"{', '.join(allowed)}, got {factor!r}")
        if factor in CHANNELS and not channels[factor]:
            raise fail(path, f"{where}.factor: no factor of the sweep's factors lies in the "
                              f"{factor} channel")
    elif "factor" in spec:
        raise fail(path, f"{where}.factor applies only to statistic = 'part' or 'share'")
    if statistic == "hypothesis":
        metric = spec.get("metric")
        if metric not in HYPOTHESES:
            raise fail(path, f"{where}.metric for hypothesis must be one of "
                              f"{', '.join(HYPOTHESES)}, got {metric!r}")
    elif statistic in THESIS_STATISTICS:
        metric = spec.get("metric", THESIS_METRIC)
        if metric not in outcome_keys():
            raise fail(path, f"{where}.metric for {statistic}: unknown outcome {metric!r}, "
                              "expected <outcome>/<group>, e.g. unemployment_months/not_versed "
                              "(all of them: docs/experiment-format.md)"
                              f"{_hint(str(metric), outcome_keys())}")
    else:
        metric = spec.get("metric")
        if metric in HYPOTHESES or metric in outcome_keys():
            raise fail(path, f"{where}: {metric!r} is a thesis outcome, not a monthly metric: "
                              "use statistic = " + ("'hypothesis'" if metric in HYPOTHESES
                                                    else "'part', 'share' or 'people_share'"))
        if metric not in METRIC_NAMES:
            raise fail(path, f"{where}.metric: unknown metric {metric!r}"
                              f"{_hint(str(metric), METRIC_NAMES)}")
    if (statistic == "people_share" or metric in CHANNEL_HYPOTHESES) and not all(
            channels.values()):
        raise fail(path, f"{where}: {statistic} {metric} compares the people and the "
                          "technology channel, but the sweep's factors leave one of them empty")
    return Outcome(metric, statistic, factor)


def _check_factors(data: dict, where: str) -> tuple[dict[str, tuple[str, ...]], int]:
    """The sweep's factors (``factors``, as ``laborsim thesis --factors``) and
    ``versed_month``."""
    text = data.get("factors")
    if text is not None and not isinstance(text, str):
        raise fail(where, 'factors must be a string, e.g. factors = "people=ranking+'
                          'productivity,technology=automation,other=new_work+policies"')
    try:
        factors = parse_factors(text, option="factors")
    except LaborsimError as err:
        raise fail(where, str(err)) from None
    versed_month = data.get("versed_month", 0)
    if not isinstance(versed_month, int) or isinstance(versed_month, bool) or versed_month < 0:
        raise fail(where, f"versed_month must be a reported month (an integer from 0), got "
                          f"{versed_month!r}")
    return factors, versed_month


def check_heatmap(heatmap: tuple[str, ...], names: list[str], where: str,
                  explicit: bool = True, key: str = "heatmap") -> None:
    """A heat map names two different varied parameters (``explicit``: the user named them;
    by default a sweep of one parameter has none)."""
    for name in heatmap:
        if name not in names:
            raise fail(where, f"{key}: '{name}' is not a varied parameter (varied: "
                              f"{', '.join(names)})")
    if explicit and (len(heatmap) != 2 or heatmap[0] == heatmap[1]):
        raise fail(where, f"{key} must name two different varied parameters, got "
                          f"{', '.join(heatmap) or 'none'}")


def check_arm_switches(sweep: Sweep) -> None:
    """Refuse, in a sweep with thesis outcomes, varying or setting an AI block switch (the
    arms set them; leave a block out of ``factors`` to hold it off)."""
    if not sweep.needs_arms:
        return
    keys = [*sweep.parameters, *(o.split("=", 1)[0].strip() for o in sweep.overrides)]
    for key in keys:
        if key in (f"ai.{block}" for block in AI_BLOCKS):
            raise fail(sweep.path, f"{key}: the thesis arms switch the AI blocks; leave a "
                                   "block out of factors to hold it off in every arm")


def _integer(data: dict, key: str, default: int | None, lowest: int, path: str,
             highest: int | None = None, prefix: str = "") -> int | None:
    value = data.get(key, default)
    if value is None:
        return None
    if highest is not None:
        if not limits.in_range(value, (lowest, highest)):
            raise fail(path, f"{prefix}{key} must be {limits.describe((lowest, highest))}, "
                              f"got {value!r}")
        return value
    if not isinstance(value, int) or isinstance(value, bool) or value < lowest:
        raise fail(path, f"{prefix}{key} must be an integer of at least {lowest}, got {value!r}")
    return value


def parse(data: dict[str, Any], name: str, where: str) -> Sweep:
    """Check the keys and values of a sweep definition (the parsed TOML) named ``name``;
    ``where`` names it in errors. Its scenarios and points are checked by
    :func:`sim.experiments.sweep.load.sweep_from_dict`."""
    for key in data:
        if key not in TOP_LEVEL:
            raise fail(where, f"unknown key '{key}'{_hint(key, TOP_LEVEL)}")
    for key, kind, example in (("description", str, '"..."'), ("scenario", str, '"baseline"'),
                               ("second_order", bool, "true")):
        if key in data and not isinstance(data[key], kind):
            raise fail(where, f"{key} must be a {'string' if kind is str else 'boolean'}, "
                              f"e.g. {key} = {example}; got {type(data[key]).__name__}")
    design = data.get("design", "grid")
    if not isinstance(design, str) or design not in DESIGNS:
        raise fail(where, f"design must be one of {', '.join(DESIGNS)}, got {design!r}")
    if not isinstance(data.get("parameters"), dict) or not data["parameters"]:
        raise fail(where, "[parameters] must name at least one parameter to vary")
    parameters = {}
    for key, spec in data["parameters"].items():
        kind = param_type(key, where)
        parameters[key] = _check_range(key, spec, design, where)
        if design != "grid" and kind not in (int, float):
            raise fail(where, f"parameters.{key} is {kind.__name__}: {design} designs vary "
                               "numbers only (use design = 'grid' with values)")
    outcomes = data.get("outcomes", [])
    if not isinstance(outcomes, list) or not outcomes:
        raise fail(where, "[[outcomes]] must list at least one outcome")
    factors, versed_month = _check_factors(data, where)
    outcomes = tuple(_check_outcome(i, spec, where, factors) for i, spec in enumerate(outcomes))
    for i, o in enumerate(outcomes):
        if o in outcomes[:i]:
            raise fail(where, f"outcomes[{i}]: {o.column} is listed twice")
    replicates = _integer(data, "replicates", 2, limits.SEEDS[0], where, limits.SEEDS[1])
    samples = _integer(data, "samples", None if design == "grid" else 0, 0, where)
    n_vars = len(parameters)
    if design == "sobol":
        if samples is None or samples < 2 or samples & (samples - 1):
            raise fail(where, f"samples must be a power of two (at least 2) for design = "
                               f"'sobol', got {samples!r}")
    elif design == "lhs":
        if samples < max(2, n_vars):
            raise fail(where, f"samples must be at least {max(2, n_vars)} for design = 'lhs' "
                               f"with {n_vars} parameters, got {samples}")
    elif design == "morris" and samples < 2:
        raise fail(where, f"samples (trajectories) must be at least 2 for design = 'morris', "
                           f"got {samples}")
    if design == "sobol" and n_vars < 2 or design == "morris" and n_vars < 2:
        raise fail(where, f"design = '{design}' needs at least two parameters to compare")
    levels = _integer(data, "levels", 4, limits.MORRIS_LEVELS[0], where,
                      limits.MORRIS_LEVELS[1])
    if levels % 2:
        raise fail(where, f"levels must be even for design = 'morris', got {levels}")
    overrides = data.get("set", [])
    if not isinstance(overrides, list) or not all(isinstance(o, str) for o in overrides):
        raise fail(where, "set must be a list of 'section.key=value' strings")
    for key, option, bounds in (("years", "run.years", limits.YEARS),
                                ("workers", "population.workers", limits.WORKERS)):
        if key in data:
            value = _integer(data, key, None, bounds[0], where, bounds[1])
            overrides = [*overrides, f"{option}={value}"]
    followup = data.get("followup")
    if followup is not None:
        if design != "morris":
            raise fail(where, "[followup] (Sobol on the top parameters) needs design = 'morris'")
        for key in followup:
            if key not in FOLLOWUP_KEYS:
                raise fail(where, f"followup: unknown key '{key}'{_hint(key, FOLLOWUP_KEYS)}")
        if followup.get("design", "sobol") != "sobol":
            raise fail(where, "followup.design must be 'sobol'")
        top = _integer(followup, "top", 3, 2, where, prefix="followup.")
        fsamples = _integer(followup, "samples", 32, 2, where, prefix="followup.")
        if fsamples & (fsamples - 1):
            raise fail(where, f"followup.samples must be a power of two, got {fsamples}")
        followup = {"design": "sobol", "top": min(top, n_vars), "samples": fsamples}
    heatmap = tuple(data.get("heatmap", list(parameters)[:2]))
    check_heatmap(heatmap, list(parameters), where, explicit="heatmap" in data)
    sweep = Sweep(
        name=name, path=where, description=str(data.get("description", "")),
        scenario=str(data.get("scenario", "baseline")), design=design,
        samples=samples or 0, replicates=replicates,
        root_seed=_integer(data, "root_seed", 0, limits.ROOT_SEED[0], where,
                           limits.ROOT_SEED[1]),
        parameters=parameters, outcomes=outcomes, overrides=tuple(overrides),
        second_order=bool(data.get("second_order", False)), levels=levels, followup=followup,
        heatmap=heatmap, factors=factors, versed_month=versed_month, raw=data)
    check_arm_switches(sweep)
    check_size(sweep)
    return sweep


def check_size(sweep: Sweep) -> None:
    """Refuse a sweep of more than :data:`~sim.model.params.limits.MAX_RUNS` runs (counted
    before any point is drawn)."""
    total = sweep.runs + sweep.followup_runs
    if total > limits.MAX_RUNS:
        followup = (f" + {sweep.followup_runs:,} runs of the follow-up"
                    if sweep.followup_runs else "")
        raise fail(sweep.path, f"{sweep.points:,} points x {sweep.replicates:,} replicates"
                               f"{followup} = {total:,} runs; a sweep has at most "
                               f"{limits.MAX_RUNS:,} runs (samples, the grid's values and "
                               "replicates set its size; limits: user guide, section 12.1)")


def point_params(base: Params, values: dict[str, Any]) -> Params:
    """The base parameters with one point's values set (validated)."""
    params = base
    for key, value in values.items():
        section, name = key.split(".", 1)
        if isinstance(value, np.generic):
            value = value.item()
        params = params.replace(section, **{name: value})
    return params
