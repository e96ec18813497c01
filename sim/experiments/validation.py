"""Validation targets: facts of the US labor market the no-AI economy should show.

One table serves the test suite (``tests/experiments/test_calibration.py``) and the validation
script (``experiments/validate.py``, whose output is the README's validation section). Each target
names the run column it is checked against (a summary column of
:func:`sim.experiments.summary.summarize` or :func:`sim.experiments.summary.state_summary`, or a
column of :data:`DERIVED_COLUMNS` computed from them run by run), its range, the source of the
range, and two honest flags:

* ``calibrated``: a parameter was chosen with this target in view (or the target holds by
  construction), so agreement is not an independent check; otherwise the target is
  *validated*: nothing was tuned to it.
* ``required``: the calibration test asserts it (the mean over seeds lies in the range, with an
  interval narrow enough to tell); the others are reported for comparison only, with the reason
  in their note.

Where the range is a band chosen here around an approximate or single published figure, the
source says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sim.experiments.summary import (
    AGE_SHARE_GROUPS,
    TAIL_MIN_SIZE,
    age_share_column,
    cps_age_shares,
)
from sim.model.occupations import default_occupations
from sim.model.params import Params, describe_params
from sim.stats import t_interval


@dataclass(frozen=True)
class Target:
    """One fact: a run column and the range the data put it in."""

    name: str
    column: str
    low: float
    high: float
    source: str
    required: bool = True
    calibrated: bool = False  # a parameter was chosen with this target in view
    note: str = ""  # why it is reported only, or how to read the comparison
    percent: bool = True  # shown as a percentage (rates and shares)


def mobility_switch_share() -> float:
    """Share of applications the mobility matrix sends to another occupation, weighted by
    employment: what the occupation-switch share of hires from unemployment is by
    construction if applications to every occupation succeed alike."""
    occ = default_occupations()
    return float(occ.employment_share @ (1.0 - np.diag(occ.mobility)))


def _difference(a: str, b: str) -> Callable[[pd.DataFrame], pd.Series]:
    return lambda runs: runs[a] - runs[b]


def _ratio(a: str, b: str) -> Callable[[pd.DataFrame], pd.Series]:
    return lambda runs: runs[a] / runs[b]


#: Columns computed run by run from the summary columns (name -> function of the runs table);
#: their targets are orderings (a difference above zero) or ratios.
DERIVED_COLUMNS: dict[str, Callable[[pd.DataFrame], pd.Series]] = {
    "unemployment_gap_22_25_over_26_34": _difference("unemployment_rate_age_22_25_mean",
                                                     "unemployment_rate_age_26_34_mean"),
    "unemployment_gap_26_34_over_35_49": _difference("unemployment_rate_age_26_34_mean",
                                                     "unemployment_rate_age_35_49_mean"),
    "participation_gap_35_49_over_50_plus": _difference("participation_rate_age_35_49_mean",
                                                        "participation_rate_age_50_plus_mean"),
    "unemployment_ratio_22_25_to_all": _ratio("unemployment_rate_age_22_25_mean",
                                              "unemployment_rate_mean"),
}

#: Where the CPS flows come from (the [careers] parameters cite the same).
CPS_FLOWS = "BLS CPS labor force status flows (research series), 2015-2019"
#: Where the age profile of unemployment comes from.
CPS_AGES = "BLS CPS annual averages (table 3), approximate"
#: How to read the age-group levels.
AGES_NOTE = ("reported: approximate annual averages of 2018-19 and 2022-24, when overall "
             "unemployment was 3.5-4% (bands mine); the model's groups are not the CPS groups")
_SWITCH = mobility_switch_share()
_AGE_SHARES = cps_age_shares()

TARGETS = (
    # --- unemployment, vacancies and the job-finding rate
    Target("monthly job-finding rate (U to E)", "job_finding_rate_mean", 0.25, 0.50,
           "Shimer (2005) 0.45; issue range 0.25-0.50", calibrated=True),
    Target("unemployment rate", "unemployment_rate_mean", 0.035, 0.07,
           "BLS CPS; issue range 3.5-7%"),
    Target("vacancy rate (openings / (employment + openings))", "vacancy_rate_mean", 0.02, 0.06,
           "JOLTS 2000-2025: 2-7%, 4.6% in May 2025"),
    Target("Beveridge curve slope (log v on log u, within run)", "beveridge_slope", -np.inf,
           0.0, "negative in every US episode (Beveridge curve)", percent=False),
    Target("matching function: unemployment elasticity", "matching_elasticity", 0.5, 0.7,
           "Petrongolo & Pissarides (2001): 0.5-0.7 (market.hiring_standard chosen with it in "
           "view)", percent=False, calibrated=True),
    Target("long-term unemployed share (over 6 months)", "long_term_unemployment_share_mean",
           0.159, 0.212, "BLS CPS: 15.9% mean 1948-2019, 21.2% in 2019"),
    # --- CPS gross flows between employment, unemployment and non-participation
    Target("separation rate into unemployment (E to U)", "separation_rate_mean", 0.010, 0.015,
           f"{CPS_FLOWS}: about 1.0-1.1% raw, about 1.3-1.5% corrected for classification "
           "error; the range spans both"),
    Target("E to N flow", "flow_e_to_n_mean", 0.012, 0.016,
           f"{CPS_FLOWS}: 2.5-3% raw, about half corrected for classification error "
           "(Krusell, Mukoyama, Rogerson & Sahin 2017); band mine around the corrected value",
           calibrated=True),
    Target("U to N flow", "flow_u_to_n_mean", 0.13, 0.16,
           f"{CPS_FLOWS}: 20-24% raw, about 13-15% corrected; band mine", calibrated=True),
    Target("N to E flow", "flow_n_to_e_mean", 0.020, 0.030,
           f"{CPS_FLOWS}: about 4.5% raw, about 2.5% corrected; band mine", calibrated=True),
    Target("N to U flow", "flow_n_to_u_mean", 0.018, 0.025,
           f"{CPS_FLOWS}: about 2-2.5%, raw and corrected alike; band mine", calibrated=True),
    Target("participation rate (labor force / people)", "participation_rate_mean", 0.66, 0.74,
           "BLS CPS 2023 annual averages by age weighted to ages 22-74: about 70% "
           "(approximate; 62.6% for all 16+); band mine", required=False, calibrated=True,
           note="reported: the model's people are drawn from the age distribution of the "
           "labor force, not of the population, so their participation is a rough comparison "
           "only (the flow rates set it)"),
    # --- JOLTS and job-to-job flows
    Target("JOLTS hires rate", "hires_rate_mean", 0.034, 0.044, "JOLTS 2000-05: 3.4-4.4%"),
    Target("JOLTS layoffs rate", "layoff_rate_mean", 0.010, 0.017,
           "JOLTS 2000-05: 1.0-1.7% (includes discharges for cause)"),
    Target("job-to-job rate", "job_to_job_rate_mean", 0.020, 0.026,
           "Fallick & Fleischman (2004): 2.0-2.6% a month"),
    Target("share of hires not from unemployment", "hires_not_from_unemployment_share_mean",
           0.65, 0.85,
           "Hall & Schulhofer-Wohl (2018): employed and out-of-the-labor-force job seekers "
           "make about 78% of hires; band mine"),
    # --- wages
    Target("variance of log annual wages", "log_wage_variance_mean", 0.25, 0.55,
           "OEWS 2023 p10/p90 imply about 0.31 for a lognormal; CPS 0.3-0.5", percent=False),
    # --- the age profile of unemployment
    Target("unemployment 22-25 above 26-34 (difference)", "unemployment_gap_22_25_over_26_34",
           0.0, np.inf, "BLS CPS: the young have the highest unemployment rates"),
    Target("unemployment 26-34 above 35-49 (difference)", "unemployment_gap_26_34_over_35_49",
           0.0, np.inf, "BLS CPS: 25-34 above 35-44 and 45-54 in every year"),
    Target("unemployment 22-25 / overall rate", "unemployment_ratio_22_25_to_all", 1.4, 2.1,
           "BLS CPS annual averages, approximate: 20-24 / all ages about 1.7-2.0; "
           "band mine (22-25 lies a little below 20-24)", required=False, percent=False,
           note="reported: a published series for exactly 22-25 was not used"),
    Target("unemployment rate 22-25", "unemployment_rate_age_22_25_mean", 0.05, 0.09,
           f"{CPS_AGES}: 20-24 about 6.5-8%", required=False, note=AGES_NOTE),
    Target("unemployment rate 26-34", "unemployment_rate_age_26_34_mean", 0.03, 0.05,
           f"{CPS_AGES}: 25-34 about 3.5-4.5%", required=False, note=AGES_NOTE),
    Target("unemployment rate 35-49", "unemployment_rate_age_35_49_mean", 0.025, 0.04,
           f"{CPS_AGES}: 35-44 and 45-54 about 3%", required=False, note=AGES_NOTE),
    Target("unemployment rate 50+", "unemployment_rate_age_50_plus_mean", 0.025, 0.04,
           f"{CPS_AGES}: 45-54 and 55+ about 3%", required=False, note=AGES_NOTE),
    Target("participation 35-49 above 50+ (difference)", "participation_gap_35_49_over_50_plus",
           0.0, np.inf,
           f"{CPS_AGES}: 35-44 and 45-54 about 81-83%, 55-64 about 65%, 65+ about 19%",
           required=False, note="reported: the flows between employment, unemployment and "
           "non-participation do not depend on age, so participation does not fall with age "
           "as in the data (it rises a little: the young are more often unemployed, and the "
           "unemployed leave the labor force most)"),
    # --- the age structure (the exit hazard is derived from the CPS table)
    *(Target(f"labor force share aged {first}-{last}", age_share_column(first, last),
             0.9 * _AGE_SHARES[age_share_column(first, last)],
             1.1 * _AGE_SHARES[age_share_column(first, last)],
             "BLS CPS 2023 annual averages, table 3 (sim/model/data/labor_force_ages.toml); "
             "band mine: the table's share +-10%", calibrated=True,
             required=first != 22,
             note="reported: smaller by construction, entry is at ages 22-25 (the table's "
             "22-24 is 3/5 of its 20-24)" if first == 22 else "")
      for first, last in AGE_SHARE_GROUPS),
    # --- occupation switching
    Target("occupation switch share of hires from unemployment (nine groups)",
           "occupation_switch_share_mean", _SWITCH - 0.03, _SWITCH + 0.03,
           f"the mobility matrix's employment-weighted off-diagonal share, {100 * _SWITCH:.1f}%"
           " (sim/model/data/occupations.toml); band mine, +-3 points", calibrated=True,
           note="by construction: the matrix sets where applications go"),
    Target("... against changes of SOC major group", "occupation_switch_share_mean", 0.40, 0.48,
           "Carrillo-Tudela & Visschers (2023): 44% of the re-employed change major group",
           required=False, calibrated=True,
           note="not comparable: 'other' (89% of employment) spans most SOC major groups, so "
           "most major-group changes are moves within 'other' the model does not see; the "
           "matrix's diagonal is set from this figure"),
    # --- firms
    Target("firm-size tail exponent (employment, Pareto)", "firm_size_tail_final", 0.9, 1.3,
           f"Axtell (2001): 1.059 for US firms; band mine (Hill estimate, firms of "
           f"{TAIL_MIN_SIZE}+ employees)", calibrated=True, percent=False,
           note="by construction: firm scales are drawn with firms.size_tail = 1.059; with "
           "10,000 people the cap on the largest firm (firms.max_size_share) steepens the "
           "tail (about 1.2 here, about 1.07 with 100,000 people)"),
    Target("employees per firm", "mean_firm_size_final", 18.0, 26.0,
           "Census SUSB 2019: about 22 employees per employer firm; band mine",
           required=False, calibrated=True, percent=False,
           note="reported: by construction, firms.mean_size = 22 sets positions per firm; "
           "employment per firm is lower by the open vacancies and by the positions of the "
           "freelance market"),
)


def with_derived(runs: pd.DataFrame) -> pd.DataFrame:
    """``runs`` with the columns of :data:`DERIVED_COLUMNS` added (NaN where an input column
    is missing)."""
    out = runs.copy()
    for name, derive in DERIVED_COLUMNS.items():
        try:
            out[name] = derive(runs).astype(float)
        except KeyError:
            out[name] = np.nan
    return out


def validation_table(runs: pd.DataFrame) -> pd.DataFrame:
    """Per target: mean over runs, 95% interval of the mean, min and max over runs, and
    whether the mean lies in the target range (a column the runs lack gives NaN and no
    runs)."""
    ok = runs[runs["status"] == "ok"] if "status" in runs else runs
    ok = with_derived(ok)
    rows = []
    for t in TARGETS:
        values = (ok[t.column].to_numpy(dtype=float) if t.column in ok
                  else np.full(len(ok), np.nan))
        finite = values[np.isfinite(values)]
        mean, low, high = t_interval(values)
        rows.append({
            "target": t.name, "column": t.column, "low": t.low, "high": t.high,
            "source": t.source, "required": t.required, "calibrated": t.calibrated,
            "note": t.note, "percent": t.percent,
            "mean": mean, "ci_low": low, "ci_high": high,
            "min": finite.min() if len(finite) else np.nan,
            "max": finite.max() if len(finite) else np.nan,
            "in_range": bool(t.low <= mean <= t.high), "runs": len(finite),
        })
    return pd.DataFrame(rows)


def parameters_by_source(kind: str, params: Params | None = None) -> list[dict]:
    """The parameters whose ``source`` starts with ``kind`` (``"judgment"``, ``"calibrated"``
    or ``"derived"``), as rows of :func:`sim.model.params.describe_params`."""
    rows = describe_params(params if params is not None else Params())
    return [r for r in rows if r["source"].lower().startswith(kind)]
