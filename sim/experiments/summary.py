"""Summaries of runs: one run's headline numbers from its months, and the across-run table
that ``laborsim run`` and ``laborsim show`` print.

:func:`summarize` gives the columns of ``runs.parquet`` that summarise a run: horizon means of
the main metrics (the AI-market metrics among them), final-month values, totals by cause and of
matched outside offers and new-work hires, the Beveridge-curve slope and the
matching-function elasticity (the validation targets of :mod:`sim.experiments.validation` are
read from these columns). :func:`state_summary` adds the columns that need the model's state at
the end of the run (:data:`STATE_COLUMNS`: the firm-size distribution and the labor force's age
shares). :func:`summary_table` pools runs into means with 95% intervals.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.model.metrics import OCCUPATION_NAMES
from sim.model.rules.demography import AGE_GROUP_NAMES, age_table
from sim.model.state import EMPLOYED, NONPARTICIPANT
from sim.stats import t_interval

#: Metrics summarised by their mean over the horizon in ``runs.parquet``.
SUMMARY_METRICS = (
    "unemployment_rate", "vacancy_rate", "job_finding_rate", "separation_rate",
    "job_to_job_rate", "long_term_unemployment_share", "mean_log_wage", "log_wage_variance",
    "hires_rate", "layoff_rate", "quit_rate", "ai_adoption_rate", "mean_ai_proficiency",
    "automation_share", "ai_wage_premium", "freelance_share", "mean_output_quality",
    "unemployment_rate_low_propensity", "unemployment_rate_high_propensity",
    # careers and flows: CPS gross flows, participation, who is hired, the age profile
    "participation_rate", "flow_e_to_n", "flow_u_to_n", "flow_n_to_e", "flow_n_to_u",
    "hires_not_from_unemployment_share", "occupation_switch_share",
    *(f"{kind}_age_{group}" for kind in ("unemployment_rate", "participation_rate")
      for group in AGE_GROUP_NAMES),
    # the AI market: work time with AI and what it saves, pay, new work, firms' prices and
    # entry-level hiring by the firms' AI exposure
    "ai_time_share", "ai_user_intensity", "ai_heavy_user_share", "ai_time_saved",
    "ai_pay_pass_through", "new_work_position_share", "new_work_employment_share",
    "price_augmented_firms", "price_other_firms", "market_share_augmented_firms",
    "entry_hire_rate_high_exposure_firms", "entry_hire_rate_low_exposure_firms",
    *(f"ai_time_share_age_{group}" for group in AGE_GROUP_NAMES),
    *(f"ai_time_share_occ_{name}" for name in OCCUPATION_NAMES),
)
#: Metrics also summarised by their mean over the first year of the horizon
#: (``<name>_first_year``: 2025, about two years after AI arrived in November 2022, when
#: Humlum & Vestergaard (2025) measured the pass-through of chatbot gains to earnings).
FIRST_YEAR_METRICS = ("ai_pay_pass_through",)
FIRST_YEAR_MONTHS = 12
#: Metrics summarised by their total over the horizon in ``runs.parquet`` (``<name>_total``).
TOTAL_METRICS = (
    "separations_demand", "separations_automation", "separations_outcompeted",
    "separations_policy", "separations_match", "quits", "retirements",
    "lost_hires_outcompeted", "lost_hires_policy", "counteroffers", "new_work_hires",
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
    """Horizon means of the main metrics (:data:`SUMMARY_METRICS`), final-month values,
    horizon totals (:data:`TOTAL_METRICS`), the Beveridge slope and the matching-function
    elasticity."""
    out = {f"{name}_mean": float(np.nanmean(timeseries[name])) if timeseries[name].notna().any()
           else float("nan") for name in SUMMARY_METRICS}
    for name in FIRST_YEAR_METRICS:
        first_year = timeseries[name].iloc[:FIRST_YEAR_MONTHS]
        out[f"{name}_first_year"] = (float(np.nanmean(first_year)) if first_year.notna().any()
                                     else float("nan"))
    last = timeseries.iloc[-1]
    out["unemployment_rate_final"] = float(last["unemployment_rate"])
    out["ai_adoption_rate_final"] = float(last["ai_adoption_rate"])
    for name in TOTAL_METRICS:
        out[f"{name}_total"] = int(timeseries[name].sum())
    out["employment_final"] = int(last["employment"])
    out["output_mean"] = float(timeseries["output"].mean())
    out["beveridge_slope"] = beveridge_slope(timeseries["unemployment_rate"].to_numpy(),
                                             timeseries["vacancy_rate"].to_numpy())
    out["matching_elasticity"] = matching_elasticity(timeseries)
    return out


#: Smallest firm (employees) in the firm-size tail fit of :func:`firm_size_tail`.
TAIL_MIN_SIZE = 10

#: Age groups (first and last age, inclusive) of the labor-force age shares of
#: :func:`state_summary`: the CPS table's groups, with its two oldest merged (65-74).
AGE_SHARE_GROUPS = ((22, 24), (25, 34), (35, 44), (45, 54), (55, 64), (65, 74))


def age_share_column(first: int, last: int) -> str:
    """Run column of the labor-force share aged ``first`` to ``last``."""
    return f"labor_force_age_share_{first}_{last}_final"


#: Run columns computed from the model's state at the end of a run (:func:`state_summary`):
#: column -> (unit, meaning), for the column descriptions of :mod:`sim.store.columns`.
STATE_COLUMNS = {
    "firm_size_tail_final": (
        "Pareto exponent",
        "tail exponent of firm employment in the last month: discrete maximum-likelihood "
        f"(Hill) estimate over firms with at least {TAIL_MIN_SIZE} employees (Clauset, Shalizi "
        "& Newman 2009); 1 is Zipf"),
    "mean_firm_size_final": (
        "employees per firm", "employed workers per firm with employees, last month"),
    **{age_share_column(first, last): (
        "share", f"labor force aged {first}-{last} / labor force, last month")
       for first, last in AGE_SHARE_GROUPS},
}


def firm_size_tail(sizes: np.ndarray, min_size: int = TAIL_MIN_SIZE) -> float:
    """Tail exponent ``alpha`` of a firm-size distribution, ``P(S >= s) ~ s^-alpha``.

    The maximum-likelihood (Hill) estimate over the firms with at least ``min_size``
    employees, with the half-unit continuity correction for sizes that are whole numbers of
    workers (a Pareto size rounded; Clauset, Shalizi & Newman 2009, SIAM Review 51:661, eq.
    3.7, whose density exponent is ``alpha + 1``): ``alpha = n / sum(log(s_i / (min_size -
    1/2)))``. NaN with fewer than ten such firms. Axtell (2001) finds ``alpha`` = 1.059 for US
    firms.

    >>> rng = np.random.default_rng(0)
    >>> sizes = np.rint(rng.random(20_000) ** -1.0)  # Pareto, alpha 1, rounded to workers
    >>> round(firm_size_tail(sizes), 1)
    1.0
    """
    sizes = np.asarray(sizes, dtype=float)
    tail = sizes[sizes >= min_size]
    if len(tail) < 10:
        return float("nan")
    return float(len(tail) / np.log(tail / (min_size - 0.5)).sum())


def state_summary(status: np.ndarray, employer: np.ndarray, age_months: np.ndarray,
                  n_firms: int) -> dict:
    """The run columns of :data:`STATE_COLUMNS`, from the workers' status, employer and age
    at the end of a run and the number of firms: the firm-size distribution (its tail
    exponent and mean) and the labor force's age shares (compared with the CPS table the
    exit hazard is derived from, ``sim/model/data/labor_force_ages.toml``)."""
    employed = status == EMPLOYED
    sizes = np.bincount(employer[employed], minlength=n_firms)
    active = sizes[sizes > 0]
    in_force = status != NONPARTICIPANT
    age = age_months[in_force] // 12
    out = {"firm_size_tail_final": firm_size_tail(sizes),
           "mean_firm_size_final": float(active.mean()) if len(active) else float("nan")}
    for first, last in AGE_SHARE_GROUPS:
        out[age_share_column(first, last)] = (float(((age >= first) & (age <= last)).mean())
                                              if len(age) else float("nan"))
    return out


def cps_age_shares() -> dict[str, float]:
    """The CPS labor-force share of each of :data:`AGE_SHARE_GROUPS` (the table's groups
    summed; shares of the ages the table covers), keyed by run column."""
    first, last, share = age_table()
    return {age_share_column(lo, hi): float(share[(first >= lo) & (last <= hi)].sum())
            for lo, hi in AGE_SHARE_GROUPS}


#: Rows of the printed summary: (runs.parquet column, label, scale, unit).
SUMMARY_ROWS = (
    ("unemployment_rate_mean", "unemployment rate", 100, "%"),
    ("participation_rate_mean", "participation rate", 100, "%"),
    ("unemployment_rate_age_22_25_mean", "unemployment rate, aged 22-25", 100, "%"),
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
    ("unemployment_rate_low_propensity_mean", "unemployed/people, low-AI third", 100, "%"),
    ("unemployment_rate_high_propensity_mean", "unemployed/people, high-AI third", 100, "%"),
    ("ai_time_share_mean", "work time with AI, employed", 100, "%"),
    ("ai_time_saved_mean", "work hours AI saves (net)", 100, "%"),
    ("ai_pay_pass_through_first_year", "AI gain passed to pay, 2025", 100,
     "% of gain (Humlum & Vestergaard: 3-7%)"),
    ("ai_pay_pass_through_mean", "AI gain passed to pay, all years", 100, "% of gain"),
    ("new_work_employment_share_mean", "employed in new AI work", 100, "%"),
    ("price_augmented_firms_mean", "price, AI-augmented firms", 1, "(1 = no AI)"),
    ("price_other_firms_mean", "price, other firms", 1, "(1 = no AI)"),
    ("market_share_augmented_firms_mean", "market share, AI-augmented firms", 100,
     "% (half by scale)"),
    ("entry_hire_rate_high_exposure_firms_mean", "entry hires, high-exposure firms", 100,
     "% of staff a month"),
    ("entry_hire_rate_low_exposure_firms_mean", "entry hires, low-exposure firms", 100,
     "% of staff a month"),
    *((f"ai_time_share_age_{group}_mean",
       f"work time with AI, aged {group.replace('_plus', '+').replace('_', '-')}", 100,
       "% (employed)") for group in AGE_GROUP_NAMES),
    *((f"ai_time_share_occ_{name}_mean", f"work time with AI, {name.replace('_', ' ')}", 100,
       "% (employed)") for name in OCCUPATION_NAMES),
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
