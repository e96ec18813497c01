"""Analysis of a sweep: replicates aggregated per point, sensitivity indices, the thesis map.

* Every design: each point's mean and 95% interval (t) over its replicate runs, per outcome
  (the ``points`` table).
* ``grid`` and ``lhs``: each outcome over each varied parameter, and a heat map over two of them
  (``heatmap`` in the sweep file; by default the first two). For a ``people_share`` outcome this
  is the thesis map: the contour where the people channel's share of the displacement is one
  half, and hatching where the 95% interval of a cell includes one half. For a ``hypothesis``
  outcome, the hypothesis map: the zero contour, hatching where the interval includes zero,
  and the cells counted by verdict (:func:`hypothesis_counts`).
* ``sobol``: first-order and total indices with confidence intervals (SALib, Saltelli design).
* ``morris``: mu* (with its confidence interval) and sigma (SALib).

Sensitivity indices are computed on the per-point means over replicates, in the sampler's order.
The figures and analysis.md are drawn by :mod:`sim.reports.sweep`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.experiments.factors import DEFAULT_FACTORS
from sim.experiments.sweep.spec import Outcome, Sweep, part_column
from sim.experiments.sweep.tasks import share_factors
from sim.stats import displacement_share, people_share, t_interval

BOOTSTRAP = 2000  # resamples for the interval of a share


def inputs(outcome: Outcome, factors: dict[str, tuple[str, ...]] | None = None) -> list[str]:
    """The runs columns an outcome's estimate is computed from (a share: the parts of
    ``factors``, by default the five blocks)."""
    if outcome.statistic == "people_share":
        return [part_column("people", outcome.metric), part_column("technology", outcome.metric)]
    if outcome.statistic == "share":
        return [part_column(f, outcome.metric) for f in (factors or DEFAULT_FACTORS)]
    return [outcome.column]


def _share_of_means(outcome: Outcome, parts: np.ndarray, names: list[str],
                    factors: dict[str, tuple[str, ...]]) -> np.ndarray:
    """An outcome's share from mean parts (``parts``: the :func:`inputs` columns' means, last
    axis the columns named ``names``; more axes for bootstrap resamples)."""
    by = {name: parts[..., i] for i, name in enumerate(names)}
    if outcome.statistic == "people_share":
        return people_share(by["people"], by["technology"])
    own = [by[f] for f in share_factors(outcome.factor, factors)]
    return displacement_share(own, [by[f] for f in factors])


def estimate(outcome: Outcome, runs: pd.DataFrame,
             factors: dict[str, tuple[str, ...]] | None = None) -> tuple[float, float, float]:
    """Mean and 95% interval of an outcome over some runs (those of a point, or of a heat-map
    cell).

    A share (``people_share``, ``share``) is the share of the mean parts, e.g.
    ``max(P, 0) / (max(P, 0) + max(T, 0))`` with P and T the mean people and technology parts
    over the runs (a ratio of means, not a mean of noisy per-seed ratios), with a percentile
    bootstrap interval over the runs (seeded, so the analysis is reproducible). Every other
    outcome: the mean with a t interval.
    """
    if outcome.statistic not in ("people_share", "share"):
        return t_interval(runs[outcome.column].to_numpy(dtype=float))
    factors = factors or DEFAULT_FACTORS
    columns = inputs(outcome, factors)
    names = [c.split("[", 1)[1].split("]", 1)[0] for c in columns]
    parts = runs[columns].dropna().to_numpy(dtype=float)
    if len(parts) == 0:
        return (float("nan"),) * 3
    mean = float(_share_of_means(outcome, parts.mean(axis=0), names, factors))
    if len(parts) < 2 or np.isnan(mean):  # NaN: nothing displaces on average
        return mean, float("nan"), float("nan")
    rng = np.random.default_rng(len(parts))
    index = rng.integers(0, len(parts), size=(BOOTSTRAP, len(parts)))
    resampled = _share_of_means(outcome, parts[index].mean(axis=1), names, factors)
    if np.isnan(resampled).all():
        return mean, float("nan"), float("nan")
    low, high = np.nanpercentile(resampled, [2.5, 97.5])
    return mean, float(low), float(high)


def point_summary(points: pd.DataFrame, runs: pd.DataFrame, sweep: Sweep) -> pd.DataFrame:
    """The points with, per outcome, the mean and 95% interval over the point's successful runs
    (see :func:`estimate`) and how many runs gave it."""
    ok = runs[runs["status"] == "ok"]
    groups = dict(tuple(ok.groupby("point_id")))
    out = points.copy()
    for o in sweep.outcomes:
        stats = [estimate(o, groups[p], sweep.factors) if p in groups else (np.nan,) * 3
                 for p in points["point_id"]]
        out[f"{o.column}_mean"], out[f"{o.column}_ci_low"], out[f"{o.column}_ci_high"] = (
            np.array(stats, dtype=float).T if stats else ([], [], []))
        used = inputs(o, sweep.factors)
        out[f"{o.column}_runs"] = [int(groups[p][used].notna().all(axis=1).sum())
                                   if p in groups else 0 for p in points["point_id"]]
    return out


def sensitivity(sweep: Sweep, summary: pd.DataFrame) -> dict:
    """Sobol or Morris indices per outcome (empty for grid and LHS designs)."""
    if sweep.design not in ("sobol", "morris"):
        return {}
    from SALib.analyze import morris, sobol  # about a second to import: only when indices are due

    problem = sweep.problem()
    seed = sweep.root_seed % (2**32)
    out = {}
    for o in sweep.outcomes:
        y = summary[f"{o.column}_mean"].to_numpy(dtype=float)
        if not np.isfinite(y).all():
            out[o.column] = {"skipped": f"{int((~np.isfinite(y)).sum())} points have no value "
                                        "(failed runs or an undefined share)"}
            continue
        if sweep.design == "sobol":
            s = sobol.analyze(problem, y, calc_second_order=sweep.second_order, seed=seed)
            out[o.column] = {key: dict(zip(sweep.names, map(float, s[key]), strict=True))
                             for key in ("S1", "S1_conf", "ST", "ST_conf")}
        else:
            x = summary[sweep.names].to_numpy(dtype=float)
            s = morris.analyze(problem, x, y, num_levels=sweep.levels, seed=seed)
            out[o.column] = {key: dict(zip(sweep.names, map(float, s[key]), strict=True))
                             for key in ("mu", "mu_star", "mu_star_conf", "sigma")}
    return out


def ranked(index: dict[str, float | None]) -> list[str]:
    """Parameter names by an index (parameter -> value), largest first; a missing value
    (None, as saved, or NaN) last.

    >>> ranked({"a": 0.1, "b": None, "c": 0.5})
    ['c', 'a', 'b']
    """
    def key(name: str) -> float:
        value = index[name]
        return -value if value is not None and value == value else float("inf")

    return sorted(index, key=key)


def top_parameters(result: dict, outcome: str, k: int) -> list[str]:
    """The ``k`` parameters with the largest Morris mu* for ``outcome``."""
    return ranked(result["indices"][outcome]["mu_star"])[:k]


def heatmap_cells(sweep: Sweep, summary: pd.DataFrame, runs: pd.DataFrame,
                  outcome: Outcome, bins: int = 6) -> pd.DataFrame:
    """Cells over the two heat-map parameters: the outcome's mean and 95% interval over every
    successful run of the points in the cell (grid: each value pair, averaged over any other
    varied parameter; LHS: ``bins`` equal bins of each)."""
    a, b = sweep.heatmap[:2]
    frame = summary[["point_id", a, b]].copy()
    if sweep.design != "grid":
        for name in (a, b):
            lo, hi = sweep.parameters[name]["min"], sweep.parameters[name]["max"]
            edges = np.linspace(lo, hi, bins + 1)
            index = np.clip(np.digitize(frame[name], edges) - 1, 0, bins - 1)
            frame[name] = (edges[index] + edges[index + 1]) / 2
    joined = runs[runs["status"] == "ok"].drop(columns=[a, b], errors="ignore").merge(
        frame, on="point_id")
    rows = []
    for (x, y), group in joined.groupby([a, b]):
        mean, low, high = estimate(outcome, group, sweep.factors)
        rows.append({a: x, b: y, "mean": mean, "ci_low": low, "ci_high": high,
                     "runs": len(group)})
    return pd.DataFrame(rows)


def analyze(sweep: Sweep, summary: pd.DataFrame, runs: pd.DataFrame) -> dict:
    """Everything the analysis found (written as analysis.json)."""
    result = {"design": sweep.design, "points": int(len(summary)),
              "replicates": sweep.replicates,
              "outcomes": [o.column for o in sweep.outcomes],
              "indices": sensitivity(sweep, summary)}
    if sweep.design in ("grid", "lhs") and len(sweep.heatmap) >= 2:
        result["heatmap"] = {
            o.column: heatmap_cells(sweep, summary, runs, o).to_dict(orient="records")
            for o in sweep.outcomes}
        shares = [o for o in sweep.outcomes if o.statistic == "people_share"]
        for o in shares:
            cells = pd.DataFrame(result["heatmap"][o.column])
            result.setdefault("thesis_map", {})[o.column] = {
                "cells": len(cells),
                "people_share_above_half": int((cells["ci_low"] > 0.5).sum()),
                "people_share_below_half": int((cells["ci_high"] < 0.5).sum()),
                "no_displacement": int(cells["mean"].isna().sum()),
                "undecided": int((cells["mean"].notna() & ~(cells["ci_low"] > 0.5)
                                  & ~(cells["ci_high"] < 0.5)).sum()),
            }
        for o in (o for o in sweep.outcomes if o.statistic == "hypothesis"):
            cells = pd.DataFrame(result["heatmap"][o.column])
            result.setdefault("hypothesis_map", {})[o.column] = hypothesis_counts(cells)
    return result


def hypothesis_counts(cells: pd.DataFrame) -> dict[str, int]:
    """Heat-map cells of a hypothesis' statistic by verdict: ``supported`` (95% interval above
    zero), ``rejected`` (below), ``undecided`` (includes zero, or no interval) and ``no_value``.
    """
    above, below = cells["ci_low"] > 0, cells["ci_high"] < 0
    return {"cells": len(cells), "supported": int(above.sum()), "rejected": int(below.sum()),
            "undecided": int((cells["mean"].notna() & ~above & ~below).sum()),
            "no_value": int(cells["mean"].isna().sum())}
