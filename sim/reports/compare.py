"""Side-by-side comparison of saved experiments.

For each metric and experiment: the mean and 95% interval over replicate runs of the value in
the last month ("horizon") and of the mean over all reported months ("path"); the difference
from the first experiment with a significance test: paired t-test when both ran the same seeds
(common random numbers), Welch's t-test otherwise; differences with p >= 0.05 are flagged as
within noise. With fewer than two runs on either side there is no interval and no test (shown
as n/a; ``within_noise`` is empty). Parameters: only those that differ. Folders from other
laborsim versions, with other horizons or of another kind are still compared, with a warning
saying what differs. Every text from a folder is escaped in the report
(:mod:`sim.reports.text`).

The experiments are loaded folders (:class:`sim.store.read.Experiment`, from ``sim.load``); this
module only reads their manifests and tables.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from sim.errors import ExperimentError
from sim.reports.figures import band, plt
from sim.reports.html import report_files
from sim.reports.text import md_text, number, plot_text, slug
from sim.stats import t_interval

DEFAULT_METRICS = (
    "unemployment_rate", "vacancy_rate", "job_finding_rate", "job_to_job_rate",
    "mean_log_wage", "ai_adoption_rate", "automation_share", "freelance_share",
    "unemployment_rate_low_propensity", "unemployment_rate_high_propensity",
)
NOISE_P = 0.05


@dataclass
class Comparison:
    """The comparison of several experiments (the first is the reference)."""

    labels: list[str]
    metrics: list[str]
    parameters: pd.DataFrame  # key, then one column per experiment (differing keys only)
    outcomes: pd.DataFrame  # one row per (metric, statistic, experiment)
    warnings: list[str]
    experiments: list = field(repr=False)  # the loaded experiments (sim.store.read)


def per_run(experiment, metric: str, arm: str) -> pd.DataFrame:
    """Per run: seed, value in the last month (horizon) and mean over the months (path)."""
    ts = experiment.timeseries
    if "arm" in ts:
        ts = ts[ts["arm"] == arm]
    seeds = experiment.runs.set_index("run_id")["seed"]
    grouped = ts.sort_values("step").groupby("run_id")[metric]
    out = pd.DataFrame({"horizon": grouped.last(), "path": grouped.mean()})
    out["seed"] = seeds.reindex(out.index).to_numpy()
    return out


def difference_test(reference: pd.DataFrame, other: pd.DataFrame, column: str) -> tuple:
    """(difference of means, p-value, test name), paired by seed when the seeds match."""
    a = reference[np.isfinite(reference[column].astype(float))]
    b = other[np.isfinite(other[column].astype(float))]
    diff = float(b[column].mean() - a[column].mean())
    if len(a) < 2 or len(b) < 2:
        return diff, float("nan"), "none (fewer than 2 runs)"
    with warnings.catch_warnings():  # scipy warns of precision loss on near-equal samples
        warnings.simplefilter("ignore", RuntimeWarning)
        if a["seed"].is_unique and b["seed"].is_unique and set(a["seed"]) == set(b["seed"]):
            x = a.set_index("seed")[column]
            y = b.set_index("seed")[column].loc[x.index]
            if np.allclose(x.to_numpy(), y.to_numpy()):
                return diff, 1.0, "paired t-test"
            return diff, float(stats.ttest_rel(y, x).pvalue), "paired t-test"
        return diff, float(stats.ttest_ind(b[column], a[column], equal_var=False).pvalue), \
            "Welch"


def differing_parameters(experiments: list, labels: list[str]) -> pd.DataFrame:
    """Parameters whose values are not the same in every experiment."""
    flat = []
    for exp in experiments:
        flat.append({f"{section}.{key}": value
                     for section, values in exp.manifest.get("parameters", {}).items()
                     for key, value in values.items()})
    keys = sorted(set().union(*flat))
    rows = []
    for key in keys:
        values = [f.get(key, "(absent)") for f in flat]
        if any(v != values[0] for v in values[1:]):
            rows.append({"parameter": key, **dict(zip(labels, values, strict=True))})
    return pd.DataFrame(rows, columns=["parameter", *labels])


def warnings_for(experiments: list, labels: list[str]) -> list[str]:
    """What differs between the folders beyond parameters (version, horizon, kind, schema)."""
    out = []
    for what, get in (("laborsim version", lambda e: e.manifest.get("laborsim_version")),
                      ("horizon (months)", lambda e: e.manifest.get("horizon_months")),
                      ("kind", lambda e: e.manifest.get("kind")),
                      ("schema version", lambda e: e.manifest.get("schema_version")),
                      ("git commit", lambda e: (e.manifest.get("environment", {})
                                                .get("git", {}).get("commit")))):
        values = [get(e) for e in experiments]
        if any(v != values[0] for v in values[1:]):
            out.append(f"{what} differs: " + ", ".join(
                f"{label}: {value}" for label, value in zip(labels, values, strict=True)))
    return out


def compare(experiments: list, metrics: list[str] | None = None,
            arm: str = "full", labels: list[str] | None = None) -> Comparison:
    """Compare experiments (the first is the reference); see the module docstring."""
    labels = labels or [e.folder.name for e in experiments]
    metrics = list(metrics or [m for m in DEFAULT_METRICS
                               if all(m in e.timeseries for e in experiments)])
    for e in experiments:
        if "arm" in e.timeseries and arm not in set(e.timeseries["arm"]):
            raise ExperimentError(f"{e.folder / 'timeseries.parquet'}: no arm '{arm}' (arms: "
                                  f"{', '.join(sorted(set(e.timeseries['arm'])))})")
    for m in metrics:
        for e in experiments:
            if m not in e.timeseries:
                raise ExperimentError(f"{e.folder / 'timeseries.parquet'}: no metric '{m}'")
    rows = []
    for metric in metrics:
        values = [per_run(e, metric, arm) for e in experiments]
        for statistic in ("horizon", "path"):
            for label, v in zip(labels, values, strict=True):
                mean, low, high = t_interval(v[statistic].to_numpy())
                diff, p, test = difference_test(values[0], v, statistic)
                reference = label == labels[0]
                rows.append({
                    "metric": metric, "statistic": statistic, "experiment": label,
                    "runs": int(v[statistic].notna().sum()), "mean": mean, "ci_low": low,
                    "ci_high": high, "difference": np.nan if reference else diff,
                    "p_value": np.nan if reference else p, "test": "" if reference else test,
                    "within_noise": None if reference or not np.isfinite(p)
                    else bool(not p < NOISE_P),
                })
    return Comparison(labels, metrics, differing_parameters(experiments, labels),
                      pd.DataFrame(rows), warnings_for(experiments, labels), experiments)


def overlay_figure(comparison: Comparison, metric: str, arm: str = "full"):
    """``metric`` over time in every experiment, mean with a 5-95% band across runs."""
    fig, ax = plt.subplots(figsize=(8, 4), constrained_layout=True)
    for i, (label, exp) in enumerate(zip(comparison.labels, comparison.experiments,
                                         strict=True)):
        ts = exp.timeseries
        if "arm" in ts:
            ts = ts[ts["arm"] == arm]
        band(ax, ts, metric, plot_text(label), f"C{i}", scale=1)
    ax.set_title(plot_text(metric))
    ax.set_xlabel("month (0 = January 2025)")
    ax.legend(frameon=False, fontsize=8)
    return fig


def markdown(comparison: Comparison, images: dict[str, str]) -> str:
    """compare.md (``images``: figure path -> link). Labels, parameter names and values,
    metric names and warnings are data, escaped by :func:`~sim.reports.text.md_text`; a
    missing number (one run: no interval; the reference: no difference) is ``n/a``."""
    labels = [md_text(label) for label in comparison.labels]
    lines = ["# Comparison of experiments", "",
             "Reference: " + labels[0] + ". Others: " + ", ".join(labels[1:]) + ".", ""]
    if comparison.warnings:
        lines += ["## Warnings", "", *[f"- {md_text(w)}" for w in comparison.warnings], ""]
    lines += ["## Parameters that differ", ""]
    if comparison.parameters.empty:
        lines += ["None: the experiments ran the same parameters.", ""]
    else:
        lines += ["| parameter | " + " | ".join(labels) + " |",
                  "|---|" + "---|" * len(labels)]
        for row in comparison.parameters.itertuples(index=False):
            lines.append("| " + " | ".join(md_text(v) for v in row) + " |")
        lines.append("")
    lines += ["## Outcomes", "",
              "Mean over runs [95% interval]; difference from the reference with its test "
              f"(paired by seed when the seeds match; *within noise* when p >= {NOISE_P}).", "",
              "| metric | statistic | experiment | runs | mean [95% interval] | difference | "
              "p | |", "|---|---|---|---|---|---|---|---|"]
    for r in comparison.outcomes.itertuples():
        if r.within_noise is None:
            flag = "no test" if r.test else ""
        else:
            flag = "within noise" if r.within_noise else "**differs**"
        lines.append(f"| {md_text(r.metric)} | {r.statistic} | {md_text(r.experiment)} | "
                     f"{r.runs} | {number(r.mean)} [{number(r.ci_low)}, {number(r.ci_high)}] | "
                     f"{number(r.difference)} | {number(r.p_value)} | {flag} |")
    if (comparison.outcomes["runs"] < 2).any():
        lines += ["", "n/a: an experiment with one run has no interval, and a difference has no "
                  "test unless both experiments have at least two runs."]
    for metric in comparison.metrics:
        lines += ["", f"## {md_text(metric)}", "",
                  f"![{md_text(metric)}]({images[figure_path(metric)]})"]
    lines.append("")
    return "\n".join(lines)


def figure_path(metric: str) -> str:
    """The overlay figure's path in the comparison folder (a file-name-safe metric name)."""
    return f"figures/{slug(metric)}.png"


def report(comparison: Comparison, arm: str = "full") -> dict[str, str | bytes]:
    """The comparison's files: figures/<metric>.png, compare.md, a self-contained
    compare.html and compare.csv (the outcome table)."""
    figures = {figure_path(metric): overlay_figure(comparison, metric, arm)
               for metric in comparison.metrics}
    files = report_files("compare", "Comparison of experiments", figures,
                         lambda images: markdown(comparison, images))
    return {**files, "compare.csv": comparison.outcomes.to_csv(index=False)}
