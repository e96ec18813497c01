"""Summaries of runs: one run's headline numbers from its months, and the across-run table
that ``laborsim run`` and ``laborsim show`` print.

:func:`summarize` gives the columns of ``runs.parquet`` that summarise a run: horizon means of
the main metrics, final-month values, totals by cause, the Beveridge-curve slope and the
matching-function elasticity (the validation targets of :mod:`sim.experiments.validation` are
read from these columns). :func:`summary_table` pools runs into means with 95% intervals.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.stats import t_interval

#: Metrics summarised by their mean over the horizon in ``runs.parquet``.
SUMMARY_METRICS = (
    "unemployment_rate", "vacancy_rate", "job_finding_rate", "separation_rate",
    "job_to_job_rate", "long_term_unemployment_share", "mean_log_wage", "log_wage_variance",
    "hires_rate", "layoff_rate", "quit_rate", "ai_adoption_rate", "mean_ai_proficiency",
    "automation_share", "ai_wage_premium", "freelance_share", "mean_output_quality",
    "unemployment_rate_low_propensity", "unemployment_rate_high_propensity",
)


def beveridge_slope(unemployment: np.ndarray, vacancy: np.ndarray) -> float:
    """OLS slope of log vacancy rate on log unemployment rate (negative: a Beveridge curve)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        x, y = np.log(unemployment), np.log(vacancy)
    ok = np.isfinite(x) & np.isfinite(y)
    if ok.sum() < 3 or np.ptp(x[ok]) == 0:
        return float("nan")
    return float(np.polyfit(x[ok], y[ok], 1)[0])


def matching_elasticity(timeseries: pd.DataFrame) -> float:
    """Unemployment elasticity of the emergent matching function.

    With hires ``m = A u^a v^(1-a)`` the job-finding rate is ``f = A (v/u)^(1-a)``; the slope
    of log f on log tightness (start-of-month vacancies over unemployed) is ``1 - a``.
    """
    tightness = (timeseries["vacancies"] / timeseries["unemployed"]).shift(1).to_numpy()
    slope = beveridge_slope(tightness, timeseries["job_finding_rate"].to_numpy())
    return 1.0 - slope


def summarize(timeseries: pd.DataFrame) -> dict:
    """Horizon means of the main metrics, final-month values, the Beveridge slope and the
    matching-function elasticity."""
    out = {f"{name}_mean": float(np.nanmean(timeseries[name])) if timeseries[name].notna().any()
           else float("nan") for name in SUMMARY_METRICS}
    last = timeseries.iloc[-1]
    out["unemployment_rate_final"] = float(last["unemployment_rate"])
    out["ai_adoption_rate_final"] = float(last["ai_adoption_rate"])
    for cause in ("demand", "automation", "outcompeted", "policy"):
        out[f"separations_{cause}_total"] = int(timeseries[f"separations_{cause}"].sum())
    out["quits_total"] = int(timeseries["quits"].sum())
    out["lost_hires_outcompeted_total"] = int(timeseries["lost_hires_outcompeted"].sum())
    out["lost_hires_policy_total"] = int(timeseries["lost_hires_policy"].sum())
    out["employment_final"] = int(last["employment"])
    out["output_mean"] = float(timeseries["output"].mean())
    out["beveridge_slope"] = beveridge_slope(timeseries["unemployment_rate"].to_numpy(),
                                             timeseries["vacancy_rate"].to_numpy())
    out["matching_elasticity"] = matching_elasticity(timeseries)
    return out


#: Rows of the printed summary: (runs.parquet column, label, scale, unit).
SUMMARY_ROWS = (
    ("unemployment_rate_mean", "unemployment rate", 100, "%"),
    ("vacancy_rate_mean", "vacancy rate", 100, "%"),
    ("job_finding_rate_mean", "job-finding rate", 100, "% a month"),
    ("separation_rate_mean", "separation rate (E to U)", 100, "% a month"),
    ("job_to_job_rate_mean", "job-to-job rate", 100, "% a month"),
    ("long_term_unemployment_share_mean", "long-term unemployed share", 100, "%"),
    ("log_wage_variance_mean", "variance of log wages", 1, ""),
    ("beveridge_slope", "Beveridge slope (log v on log u)", 1, ""),
    ("freelance_share_mean", "freelance share", 100, "%"),
    ("ai_adoption_rate_final", "AI users among the employed, end", 100, "%"),
    ("automation_share_mean", "tasks automated", 100, "%"),
    ("unemployment_rate_low_propensity_mean", "unemployment, low AI propensity", 100, "%"),
    ("unemployment_rate_high_propensity_mean", "unemployment, high AI propensity", 100, "%"),
)


def summary_table(runs: pd.DataFrame) -> pd.DataFrame:
    """Across-run mean, 95% interval of the mean, min and max of the headline outcomes."""
    ok = runs[runs["status"] == "ok"]
    rows = []
    for column, label, scale, unit in SUMMARY_ROWS:
        values = ok[column].to_numpy(dtype=float) * scale if column in ok else np.array([])
        mean, low, high = t_interval(values)
        finite = values[np.isfinite(values)]
        rows.append({"outcome": label, "unit": unit, "mean": mean, "ci_low": low,
                     "ci_high": high, "min": finite.min() if len(finite) else np.nan,
                     "max": finite.max() if len(finite) else np.nan})
    return pd.DataFrame(rows)
