"""Reading a sweep file: parse it, check its scenarios and that every point of its design is a
valid parameter set; and the Sobol follow-up of a Morris screening."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from sim.errors import ScenarioError, SweepError
from sim.experiments.scenario import read_definition
from sim.experiments.sweep.design import design_points
from sim.experiments.sweep.spec import Sweep, fail, parse
from sim.model.params import Params
from sim.model.params.ai import AI_BLOCKS


def load_sweep(path: str | Path) -> Sweep:
    """Read and validate a sweep file."""
    path = Path(path)
    return sweep_from_dict(read_definition(path, SweepError), path.stem, str(path))


def sweep_from_dict(data: dict[str, Any], name: str, where: str) -> Sweep:
    """Validate a sweep definition (the parsed TOML) named ``name``; ``where`` names it in
    errors."""
    sweep = parse(data, name, where)
    bases: dict[str, Params] = {}
    for scenario in [sweep.scenario, *sweep.parameters.get("scenario", {}).get("values", [])]:
        try:
            sweep.params_at({"scenario": scenario}, bases)
        except ScenarioError as err:
            key = "scenario" if scenario == sweep.scenario else "parameters.scenario"
            raise fail(where, f"{key}: {err}") from None
    if sweep.needs_arms:  # the arms set the block switches: a scenario's would be overridden
        for scenario, params in bases.items():
            off = [block for block in AI_BLOCKS if not getattr(params.ai, block)]
            if off:
                key = "scenario" if scenario == sweep.scenario else "parameters.scenario"
                raise fail(where, f"{key}: scenario {scenario!r} switches ai.{off[0]} off, but "
                                  "thesis outcomes run every arm of the factors, which set the "
                                  "switches; leave a block out of factors to hold it off")
    if "root_seed" not in data:  # the base scenario's root seed, as in laborsim run
        sweep = dataclasses.replace(sweep, root_seed=bases[sweep.scenario].run.root_seed)
    points = design_points(sweep)
    for values in points.drop(columns="point_id").to_dict(orient="records"):
        try:  # every point must be a valid parameter set
            sweep.params_at(values, bases)
        except (TypeError, ValueError) as err:
            raise fail(where, f"parameters: the point {values} is invalid: {err}") from None
        months = sweep.params_at(values, bases).run.months
        if sweep.needs_arms and sweep.versed_month >= months:
            raise fail(where, f"versed_month {sweep.versed_month}: must be a reported month, "
                              f"0 (January 2025) to {months - 1}")
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
