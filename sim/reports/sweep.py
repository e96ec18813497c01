"""The report of a sweep: each outcome over the varied parameters, the heat map (for a people
share, the thesis map), Sobol or Morris indices, and analysis.md / analysis.html.

A thin layer over :mod:`sim.experiments.sweep.sensitivity`, which computes everything drawn here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.experiments.sweep.sensitivity import ranked
from sim.experiments.sweep.spec import Outcome, Sweep
from sim.experiments.thesis import HYPOTHESES
from sim.reports.figures import plt
from sim.reports.html import report_files
from sim.reports.text import md_code, md_text, number, plot_text, slug


def _label(value) -> str:
    """A parameter's value as text (floats to 3 significant digits); not yet escaped."""
    return number(value, ".3g") if isinstance(value, float) else str(value)


def _interval(mean, low, high, digits: str = ".3g") -> str:
    return f"{number(mean, digits)} [{number(low, '.3g')}, {number(high, '.3g')}]"


def marginal_figure(sweep: Sweep, summary: pd.DataFrame, outcome: Outcome):
    """The outcome's point means (with 95% intervals) over each varied parameter; for a grid,
    a line through the mean over the other parameters. A parameter with text values (a grid
    over scenarios) gets one labelled position per value, in the sweep file's order."""
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
            ax.set_xticks(range(len(order)), [plot_text(v) for v in order], rotation=30,
                          ha="right", fontsize=8)
        else:
            x = values
        ax.errorbar(x, mean, yerr=err, fmt="o", ms=4, alpha=0.7, elinewidth=0.8, capsize=2)
        if sweep.design == "grid" and not text and values.nunique() > 1:
            line = summary.groupby(name)[f"{outcome.column}_mean"].mean()
            ax.plot(line.index, line.to_numpy(), "k-", lw=1.2, label="mean over the others")
            ax.legend(frameon=False, fontsize=7)
        ax.set_xlabel(plot_text(name))
    axes[0][0].set_ylabel(plot_text(outcome.column), fontsize=8)
    fig.suptitle(f"{plot_text(outcome.column)}\nby parameter: point means with 95% intervals",
                 fontsize=9)
    return fig


def heatmap_figure(sweep: Sweep, cells: pd.DataFrame, outcome: Outcome):
    """Heat map of the outcome over two parameters. For a people share (the thesis map), the
    one-half contour and hatching where the cell's interval includes one half; for a
    hypothesis' statistic (the hypothesis map), the same at zero."""
    a, b = sweep.heatmap[:2]
    grid = cells.pivot(index=b, columns=a, values="mean")
    fig, ax = plt.subplots(figsize=(6.5, 5), constrained_layout=True)
    share = outcome.statistic in ("people_share", "share")
    threshold = {"people_share": 0.5, "hypothesis": 0.0}.get(outcome.statistic)
    values = grid.to_numpy()
    if outcome.statistic == "hypothesis":
        span = float(np.nanmax(np.abs(values))) if np.isfinite(values).any() else 1.0
        limits = {"cmap": "RdBu_r", "vmin": -span, "vmax": span}
    else:
        limits = {"cmap": "RdBu_r" if share else "viridis", "vmin": 0 if share else None,
                  "vmax": 1 if share else None}
    mesh = ax.pcolormesh(np.arange(grid.shape[1] + 1), np.arange(grid.shape[0] + 1),
                         values, **limits)
    fig.colorbar(mesh, ax=ax, label=plot_text(outcome.column))
    ax.set_xticks(np.arange(grid.shape[1]) + 0.5, [plot_text(_label(v)) for v in grid.columns])
    ax.set_yticks(np.arange(grid.shape[0]) + 0.5, [plot_text(_label(v)) for v in grid.index])
    ax.set_xlabel(plot_text(a))
    ax.set_ylabel(plot_text(b))
    ax.set_facecolor("0.85")  # grey: no value (failed runs, or for a share: no displacement)
    if values.size <= 150:
        for i, j in np.ndindex(values.shape):
            if np.isfinite(values[i, j]):
                r, g, b_, _ = mesh.cmap(mesh.norm(values[i, j]))
                dark = 0.299 * r + 0.587 * g + 0.114 * b_ < 0.5  # white labels on dark cells
                ax.text(j + 0.5, i + 0.5, f"{values[i, j]:.2g}", ha="center", va="center",
                        fontsize=7, color="w" if dark else "k")
    if threshold is not None:
        low = cells.pivot(index=b, columns=a, values="ci_low").to_numpy()
        high = cells.pivot(index=b, columns=a, values="ci_high").to_numpy()
        for i, j in np.ndindex(values.shape):
            if np.isfinite(values[i, j]) and not (low[i, j] > threshold
                                                  or high[i, j] < threshold):
                ax.add_patch(plt.Rectangle((j, i), 1, 1, fill=False, hatch="///", lw=0,
                                           color="0.3"))
        finite = values[np.isfinite(values)]
        if (min(values.shape) > 1 and len(finite) >= 4 and finite.min() < threshold
                < finite.max()):
            ax.contour(np.arange(values.shape[1]) + 0.5, np.arange(values.shape[0]) + 0.5,
                       values, levels=[threshold], colors="k", linewidths=1.5)
    if outcome.statistic == "people_share":
        ax.set_title("Thesis map: people channel's share of what the two channels displace\n"
                     "red: people > technology; black line: one half;\n"
                     "hatched: interval includes 1/2; grey: no displacement", fontsize=9)
    elif outcome.statistic == "hypothesis":
        ax.set_title(f"Hypothesis map: {plot_text(outcome.metric)}'s statistic (mean over runs)"
                     "\nred: supported side; black line: zero;\nhatched: interval includes "
                     "zero", fontsize=9)
    else:
        ax.set_title(f"{plot_text(outcome.column)} (mean over runs)")
    return fig


def indices_figure(sweep: Sweep, indices: dict, outcome: Outcome):
    """Sobol S1 and ST, or Morris mu* and sigma, with confidence intervals."""
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
    ax.set_xticks(x, [plot_text(n) for n in names], rotation=20, ha="right")
    ax.set_title(f"{'Sobol indices' if sweep.design == 'sobol' else 'Morris screening'}: "
                 f"{plot_text(outcome.column)}")
    ax.legend(frameon=False)
    return fig


def report(sweep: Sweep, result: dict, summary: pd.DataFrame) -> dict[str, str | bytes]:
    """The analysis files: figures/*.png, analysis.md and a self-contained analysis.html."""
    figures = {}
    for o in sweep.outcomes:
        name = slug(o.column)
        if sweep.design in ("grid", "lhs"):
            figures[f"figures/{name}-by-parameter.png"] = marginal_figure(sweep, summary, o)
            if "heatmap" in result:
                cells = pd.DataFrame(result["heatmap"][o.column])
                figures[f"figures/{name}-heatmap.png"] = heatmap_figure(sweep, cells, o)
        elif "skipped" not in result["indices"][o.column]:
            figures[f"figures/{name}-indices.png"] = indices_figure(
                sweep, result["indices"][o.column], o)
    return report_files("analysis", f"Sweep {sweep.name}", figures,
                        lambda images: markdown(sweep, result, summary, images))


def heatmap_table(sweep: Sweep, cells: pd.DataFrame) -> list[str]:
    """The heat-map cells as a Markdown table: mean [95% interval], rows over the second
    parameter, columns over the first."""
    a, b = sweep.heatmap[:2]
    if cells.empty:
        return []
    text = cells.assign(cell=[_interval(m, lo, hi) for m, lo, hi in
                              zip(cells["mean"], cells["ci_low"], cells["ci_high"], strict=True)])
    grid = text.pivot(index=b, columns=a, values="cell")
    lines = [f"| {md_text(b)} \\ {md_text(a)} | "
             + " | ".join(md_text(_label(v)) for v in grid.columns) + " |",
             "|---|" + "---|" * len(grid.columns)]
    for value, row in grid.iterrows():
        lines.append(f"| {md_text(_label(value))} | "
                     + " | ".join(number(None) if pd.isna(c) else str(c) for c in row) + " |")
    return [*lines, ""]


def markdown(sweep: Sweep, result: dict, summary: pd.DataFrame, images: dict) -> str:
    """analysis.md. The sweep's name, description, base scenario, overrides, parameter names
    and values and outcome names are data, escaped by :func:`~sim.reports.text.md_text`
    (:func:`~sim.reports.text.md_code` in code spans); a missing number is ``n/a``."""
    names = {n: md_text(n) for n in sweep.names}
    lines = [f"# Sweep {md_text(sweep.name)}", "", md_text(sweep.description), "",
             f"Design **{md_text(sweep.design)}**: {result['points']} points x "
             f"{sweep.replicates} replicates (the same seeds at every point), base scenario "
             f"'{md_text(sweep.scenario)}'"
             + (f" with {', '.join(md_text(o) for o in sweep.overrides)}"
                if sweep.overrides else "") + ".", "",
             "Varied: " + ", ".join(md_code(n) for n in sweep.names) + ".", ""]
    if sweep.needs_arms:
        lines += [md_text(sweep.arms_text()[0].upper() + sweep.arms_text()[1:]) + ".", ""]
    for o in sweep.outcomes:
        lines += [f"## {md_text(o.column)}", ""]
        if o.column in result.get("thesis_map", {}):
            t = result["thesis_map"][o.column]
            others = [n for n in sweep.names if n not in sweep.heatmap[:2]]
            lines += [f"Thesis map over {md_code(sweep.heatmap[0])} and "
                      f"{md_code(sweep.heatmap[1])}"
                      + (f" (pooling the runs over {', '.join(md_code(n) for n in others)})"
                         if others else "") + ": the "
                      f"people channel's share of what the two channels displace "
                      f"({md_code(o.metric)}) is above one half "
                      f"in {t['people_share_above_half']} of {t['cells']} cells, below in "
                      f"{t['people_share_below_half']}, undecided (interval includes one half) "
                      f"in {t['undecided']}; in {t['no_displacement']} neither channel "
                      "displaces them on average.", ""]
        if o.column in result.get("hypothesis_map", {}):
            t = result["hypothesis_map"][o.column]
            lines += [f"Hypothesis map over {md_code(sweep.heatmap[0])} and "
                      f"{md_code(sweep.heatmap[1])}: {md_text(o.metric)} "
                      f"({md_text(HYPOTHESES[o.metric])}) is supported (95% interval above "
                      f"zero) in {t['supported']} of {t['cells']} cells, rejected in "
                      f"{t['rejected']}, undecided in {t['undecided']}; no value in "
                      f"{t['no_value']}.", ""]
        if o.column in result.get("heatmap", {}):
            lines += heatmap_table(sweep, pd.DataFrame(result["heatmap"][o.column]))
        indices = result["indices"].get(o.column)
        if indices and "skipped" in indices:
            lines += [f"Indices not computed: {md_text(indices['skipped'])}.", ""]
        elif indices and sweep.design == "sobol":
            lines += ["| parameter | S1 | S1 95% conf | ST | ST 95% conf |",
                      "|---|---|---|---|---|"]
            for n in sweep.names:
                lines.append(f"| {names[n]} | " + " | ".join(
                    number(indices[key][n], ".3f") for key in ("S1", "S1_conf", "ST", "ST_conf"))
                    + " |")
            lines.append("")
        elif indices:
            lines += ["| parameter | mu* | mu* 95% conf | sigma |", "|---|---|---|---|"]
            for n in ranked({n: indices["mu_star"][n] for n in sweep.names}):
                lines.append(f"| {names[n]} | " + " | ".join(
                    number(indices[key][n]) for key in ("mu_star", "mu_star_conf", "sigma"))
                    + " |")
            lines.append("")
        for name, src in images.items():
            if f"/{slug(o.column)}-" in name:
                lines += [f"![{md_text(name)}]({src})", ""]
    lines += ["## Points", "", "Mean over replicates [95% interval] per point (first 40 rows; "
              "all in points.parquet).", "",
              "| point | " + " | ".join(names.values()) + " | " +
              " | ".join(md_text(o.column) for o in sweep.outcomes) + " |",
              "|---|" + "---|" * (len(sweep.names) + len(sweep.outcomes))]
    for r in summary.head(40).to_dict(orient="records"):
        cells = [md_text(_label(r[n])) for n in sweep.names]
        for o in sweep.outcomes:
            c = o.column
            cells.append(_interval(r[c + "_mean"], r[c + "_ci_low"], r[c + "_ci_high"], ".4g"))
        lines.append(f"| {md_text(r['point_id'])} | " + " | ".join(cells) + " |")
    lines.append("")
    return "\n".join(lines)


def failure_markdown(sweep: Sweep, message: str) -> str:
    """analysis.md of a sweep whose analysis failed: what failed (``message``, escaped) and
    how to redo it."""
    return (f"# Sweep {md_text(sweep.name)}\n\nThe analysis failed: {md_text(message)}\n"
            "\nThe runs are saved; fix the cause and run `laborsim analyze` on this folder.\n")
