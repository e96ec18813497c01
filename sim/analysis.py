"""Analysis of a sweep: replicates aggregated per point, sensitivity indices, figures, report.

* Every design: each point's mean and 95% interval (t) over its replicate runs, per outcome
  (the ``points`` table).
* ``grid`` and ``lhs``: each outcome over each varied parameter, and a heat map over two of them
  (``heatmap`` in the sweep file; by default the first two). For a ``people_share`` outcome this
  is the thesis map: the contour where the people channel's share of the displacement is one
  half, and hatching where the 95% interval of a cell includes one half.
* ``sobol``: first-order and total indices with confidence intervals (SALib, Saltelli design).
* ``morris``: mu* (with its confidence interval) and sigma (SALib).

Sensitivity indices are computed on the per-point means over replicates, in the sampler's order.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.experiment import interval
from sim.sweep import Outcome, Sweep

BOOTSTRAP = 2000  # resamples for the interval of a people share


def inputs(outcome: Outcome) -> list[str]:
    """The runs columns an outcome's estimate is computed from."""
    if outcome.statistic == "people_share":
        return [f"people_part({outcome.metric})", f"tech_part({outcome.metric})"]
    return [outcome.column]


def estimate(outcome: Outcome, runs: pd.DataFrame) -> tuple[float, float, float]:
    """Mean and 95% interval of an outcome over some runs (those of a point, or of a heat-map
    cell).

    A ``people_share`` is the share of the mean parts, ``max(P, 0) / (max(P, 0) + max(T, 0))``
    with P and T the mean people and technology parts over the runs (a ratio of means, not a
    mean of noisy per-seed ratios), with a percentile bootstrap interval over the runs (seeded,
    so the analysis is reproducible). Every other outcome: the mean with a t interval.
    """
    if outcome.statistic != "people_share":
        return interval(runs[outcome.column].to_numpy(dtype=float))
    from sim.sweep_runner import share

    people, tech = runs[inputs(outcome)].dropna().to_numpy(dtype=float).T
    if len(people) == 0:
        return (float("nan"),) * 3
    mean = float(share(people.mean(), tech.mean()))
    if len(people) < 2 or np.isnan(mean):  # NaN: neither channel displaces on average
        return mean, float("nan"), float("nan")
    rng = np.random.default_rng(len(people))
    index = rng.integers(0, len(people), size=(BOOTSTRAP, len(people)))
    resampled = share(people[index].mean(axis=1), tech[index].mean(axis=1))
    if np.isnan(resampled).all():
        return mean, float("nan"), float("nan")
    low, high = np.nanpercentile(resampled, [2.5, 97.5])
    return mean, float(low), float(high)


def point_summary(points: pd.DataFrame, runs: pd.DataFrame,
                  outcomes: tuple[Outcome, ...]) -> pd.DataFrame:
    """The points with, per outcome, the mean and 95% interval over the point's successful runs
    (see :func:`estimate`) and how many runs gave it."""
    ok = runs[runs["status"] == "ok"]
    groups = dict(tuple(ok.groupby("point_id")))
    out = points.copy()
    for o in outcomes:
        stats = [estimate(o, groups[p]) if p in groups else (np.nan,) * 3
                 for p in points["point_id"]]
        out[f"{o.column}_mean"], out[f"{o.column}_ci_low"], out[f"{o.column}_ci_high"] = (
            np.array(stats, dtype=float).T if stats else ([], [], []))
        used = inputs(o)
        out[f"{o.column}_runs"] = [int(groups[p][used].notna().all(axis=1).sum())
                                   if p in groups else 0 for p in points["point_id"]]
    return out


def sensitivity(sweep: Sweep, summary: pd.DataFrame) -> dict:
    """Sobol or Morris indices per outcome (empty for grid and LHS designs)."""
    if sweep.design not in ("sobol", "morris"):
        return {}
    from SALib.analyze import morris, sobol

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


def top_parameters(result: dict, outcome: str, k: int) -> list[str]:
    """The ``k`` parameters with the largest Morris mu* for ``outcome``."""
    mu_star = result["indices"][outcome]["mu_star"]
    return [name for name, _ in sorted(mu_star.items(), key=lambda kv: -kv[1])[:k]]


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
        mean, low, high = estimate(outcome, group)
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
    return result


# ---------------------------------------------------------------- figures and report
def _label(value) -> str:
    return f"{value:.3g}" if isinstance(value, float) else str(value)


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in text).strip("_")


def marginal_figure(sweep: Sweep, summary: pd.DataFrame, outcome: Outcome):
    """The outcome's point means (with 95% intervals) over each varied parameter; for a grid,
    a line through the mean over the other parameters. A parameter with text values (a grid
    over scenarios) gets one labelled position per value, in the sweep file's order."""
    from sim.plots import plt

    names = sweep.names
    fig, axes = plt.subplots(1, len(names), figsize=(max(5.5, 4.2 * len(names)), 4),
                             squeeze=False, constrained_layout=True)
    mean = summary[f"{outcome.column}_mean"]
    err = np.nan_to_num(np.vstack([mean - summary[f"{outcome.column}_ci_low"],
                                   summary[f"{outcome.column}_ci_high"] - mean]))
    for ax, name in zip(axes[0], names, strict=True):
        values = summary[name]
        text = not pd.api.types.is_numeric_dtype(values)
        if text:
            order = list(dict.fromkeys(sweep.parameters[name]["values"]))
            x = values.map({v: i for i, v in enumerate(order)})
            ax.set_xticks(range(len(order)), order, rotation=30, ha="right", fontsize=8)
        else:
            x = values
        ax.errorbar(x, mean, yerr=err, fmt="o", ms=4, alpha=0.7, elinewidth=0.8, capsize=2)
        if sweep.design == "grid" and not text and values.nunique() > 1:
            line = summary.groupby(name)[f"{outcome.column}_mean"].mean()
            ax.plot(line.index, line.to_numpy(), "k-", lw=1.2, label="mean over the others")
            ax.legend(frameon=False, fontsize=7)
        ax.set_xlabel(name)
    axes[0][0].set_ylabel(outcome.column, fontsize=8)
    fig.suptitle(f"{outcome.column}\nby parameter: point means with 95% intervals", fontsize=9)
    return fig


def heatmap_figure(sweep: Sweep, cells: pd.DataFrame, outcome: Outcome):
    """Heat map of the outcome over two parameters; for a people share, the 0.5 contour and
    hatching where the cell's interval includes 0.5 (the thesis map)."""
    from sim.plots import plt

    a, b = sweep.heatmap[:2]
    grid = cells.pivot(index=b, columns=a, values="mean")
    fig, ax = plt.subplots(figsize=(6.5, 5), constrained_layout=True)
    share = outcome.statistic == "people_share"
    mesh = ax.pcolormesh(np.arange(grid.shape[1] + 1), np.arange(grid.shape[0] + 1),
                         grid.to_numpy(), cmap="RdBu_r" if share else "viridis",
                         vmin=0 if share else None, vmax=1 if share else None)
    fig.colorbar(mesh, ax=ax, label=outcome.column)
    ax.set_xticks(np.arange(grid.shape[1]) + 0.5, [_label(v) for v in grid.columns])
    ax.set_yticks(np.arange(grid.shape[0]) + 0.5, [_label(v) for v in grid.index])
    ax.set_xlabel(a)
    ax.set_ylabel(b)
    values = grid.to_numpy()
    ax.set_facecolor("0.85")  # grey: no value (failed runs, or for a share: no displacement)
    if values.size <= 150:
        for i, j in np.ndindex(values.shape):
            if np.isfinite(values[i, j]):
                ax.text(j + 0.5, i + 0.5, f"{values[i, j]:.2g}", ha="center", va="center",
                        fontsize=7, color="k")
    if share:
        low = cells.pivot(index=b, columns=a, values="ci_low").to_numpy()
        high = cells.pivot(index=b, columns=a, values="ci_high").to_numpy()
        for i, j in np.ndindex(values.shape):
            if np.isfinite(values[i, j]) and not (low[i, j] > 0.5 or high[i, j] < 0.5):
                ax.add_patch(plt.Rectangle((j, i), 1, 1, fill=False, hatch="///", lw=0,
                                           color="0.3"))
        if min(values.shape) > 1 and np.isfinite(values).sum() >= 4:
            ax.contour(np.arange(values.shape[1]) + 0.5, np.arange(values.shape[0]) + 0.5,
                       values, levels=[0.5], colors="k", linewidths=1.5)
        ax.set_title("Thesis map: people channel's share of the displacement\n"
                     "(red: people > tech; black line: one half; hatched: interval includes "
                     "1/2; grey: no displacement)", fontsize=9)
    else:
        ax.set_title(f"{outcome.column} (mean over runs)")
    return fig


def indices_figure(sweep: Sweep, indices: dict, outcome: Outcome):
    """Sobol S1 and ST, or Morris mu* and sigma, with confidence intervals."""
    from sim.plots import plt

    names = sweep.names
    x = np.arange(len(names))
    fig, ax = plt.subplots(figsize=(max(6, 1.2 * len(names)), 3.8), constrained_layout=True)
    if sweep.design == "sobol":
        pairs = (("S1", "S1_conf", "first order"), ("ST", "ST_conf", "total"))
    else:
        pairs = (("mu_star", "mu_star_conf", "mu*"), ("sigma", None, "sigma"))
    for k, (key, conf, label) in enumerate(pairs):
        values = [indices[key][n] for n in names]
        errs = [indices[conf][n] for n in names] if conf else None
        ax.bar(x + (k - 0.5) * 0.38, values, 0.38, yerr=errs, capsize=3, label=label)
    ax.set_xticks(x, names, rotation=20, ha="right")
    ax.set_title(f"{'Sobol indices' if sweep.design == 'sobol' else 'Morris screening'}: "
                 f"{outcome.column}")
    ax.legend(frameon=False)
    return fig


def report(sweep: Sweep, result: dict, summary: pd.DataFrame) -> tuple[dict, dict]:
    """Figures (``figures/<name>.png``) and documents (analysis.md, analysis.html)."""
    from sim.report import data_uri, html_page, png_bytes

    figures = {}
    for o in sweep.outcomes:
        slug = _slug(o.column)
        if sweep.design in ("grid", "lhs"):
            figures[f"figures/{slug}-by-parameter.png"] = marginal_figure(sweep, summary, o)
            if "heatmap" in result:
                cells = pd.DataFrame(result["heatmap"][o.column])
                figures[f"figures/{slug}-heatmap.png"] = heatmap_figure(sweep, cells, o)
        elif "skipped" not in result["indices"][o.column]:
            figures[f"figures/{slug}-indices.png"] = indices_figure(
                sweep, result["indices"][o.column], o)
    pngs = {name: png_bytes(fig) for name, fig in figures.items()}
    text = markdown(sweep, result, summary, {n: n for n in figures})
    page = html_page(markdown(sweep, result, summary, {n: data_uri(p) for n, p in pngs.items()}),
                     f"Sweep {sweep.name}")
    return figures, {"analysis.md": text, "analysis.html": page}


def heatmap_table(sweep: Sweep, cells: pd.DataFrame) -> list[str]:
    """The heat-map cells as a Markdown table: mean [95% interval], rows over the second
    parameter, columns over the first."""
    a, b = sweep.heatmap[:2]
    if cells.empty:
        return []
    text = cells.assign(cell=[f"{m:.3g} [{lo:.3g}, {hi:.3g}]" for m, lo, hi in
                              zip(cells["mean"], cells["ci_low"], cells["ci_high"], strict=True)])
    grid = text.pivot(index=b, columns=a, values="cell")
    lines = [f"| {b} \\ {a} | " + " | ".join(_label(v) for v in grid.columns) + " |",
             "|---|" + "---|" * len(grid.columns)]
    for value, row in grid.iterrows():
        lines.append(f"| {_label(value)} | " + " | ".join(str(c) for c in row) + " |")
    return [*lines, ""]


def markdown(sweep: Sweep, result: dict, summary: pd.DataFrame, images: dict) -> str:
    """analysis.md."""
    lines = [f"# Sweep {sweep.name}", "", sweep.description, "",
             f"Design **{sweep.design}**: {result['points']} points x {sweep.replicates} "
             f"replicates (the same seeds at every point), base scenario '{sweep.scenario}'"
             + (f" with {', '.join(sweep.overrides)}" if sweep.overrides else "") + ".", "",
             "Varied: " + ", ".join(f"`{n}`" for n in sweep.names) + ".", ""]
    for o in sweep.outcomes:
        lines += [f"## {o.column}", ""]
        if o.column in result.get("thesis_map", {}):
            t = result["thesis_map"][o.column]
            others = [n for n in sweep.names if n not in sweep.heatmap[:2]]
            lines += [f"Thesis map over `{sweep.heatmap[0]}` and `{sweep.heatmap[1]}`"
                      + (f" (pooling the runs over {', '.join(f'`{n}`' for n in others)})"
                         if others else "") + ": the "
                      f"people channel's share of low-propensity displacement is above one half "
                      f"in {t['people_share_above_half']} of {t['cells']} cells, below in "
                      f"{t['people_share_below_half']}, undecided (interval includes one half) "
                      f"in {t['undecided']}; in {t['no_displacement']} neither channel "
                      "displaces them on average.", ""]
        if o.column in result.get("heatmap", {}):
            lines += heatmap_table(sweep, pd.DataFrame(result["heatmap"][o.column]))
        indices = result["indices"].get(o.column)
        if indices and "skipped" in indices:
            lines += [f"Indices not computed: {indices['skipped']}.", ""]
        elif indices and sweep.design == "sobol":
            lines += ["| parameter | S1 | S1 95% conf | ST | ST 95% conf |",
                      "|---|---|---|---|---|"]
            for n in sweep.names:
                lines.append(f"| {n} | {indices['S1'][n]:.3f} | {indices['S1_conf'][n]:.3f} | "
                             f"{indices['ST'][n]:.3f} | {indices['ST_conf'][n]:.3f} |")
            lines.append("")
        elif indices:
            lines += ["| parameter | mu* | mu* 95% conf | sigma |", "|---|---|---|---|"]
            for n in sorted(sweep.names, key=lambda n: -indices["mu_star"][n]):
                lines.append(f"| {n} | {indices['mu_star'][n]:.4g} | "
                             f"{indices['mu_star_conf'][n]:.4g} | {indices['sigma'][n]:.4g} |")
            lines.append("")
        for name, src in images.items():
            if f"/{_slug(o.column)}-" in name:
                lines += [f"![{name}]({src})", ""]
    lines += ["## Points", "", "Mean over replicates [95% interval] per point (first 40 rows; "
              "all in points.parquet).", "",
              "| point | " + " | ".join(sweep.names) + " | " +
              " | ".join(o.column for o in sweep.outcomes) + " |",
              "|---|" + "---|" * (len(sweep.names) + len(sweep.outcomes))]
    for r in summary.head(40).to_dict(orient="records"):
        cells = [_label(r[n]) for n in sweep.names]
        for o in sweep.outcomes:
            c = o.column
            cells.append(f"{r[c + '_mean']:.4g} [{r[c + '_ci_low']:.3g}, {r[c + '_ci_high']:.3g}]")
        lines.append(f"| {r['point_id']} | " + " | ".join(cells) + " |")
    lines.append("")
    return "\n".join(lines)
