"""Validation targets: stylized facts of the US labor market the no-AI baseline should show.

One table serves the test suite (``tests/experiments/test_calibration.py``) and the validation
script (``experiments/validate.py``, whose output is the README's validation section). Each target
names the run summary column it is checked against (see
:func:`sim.experiments.summary.summarize`), its range, the source of the range, and whether
the issue requires it (``required``) or it is reported for comparison only. Where a parameter
was chosen with a target in view, the target says so: it is then a calibration target, not an
independent check.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from sim.stats import t_interval


@dataclass(frozen=True)
class Target:
    """One stylized fact: a summary column and the range the data put it in."""

    name: str
    column: str
    low: float
    high: float
    source: str
    required: bool = True
    calibrated: bool = False  # a parameter was chosen with this target in view


TARGETS = (
    Target("monthly job-finding rate", "job_finding_rate_mean", 0.25, 0.50,
           "Shimer (2005) 0.45; issue range 0.25-0.50", calibrated=True),
    Target("monthly separation rate into unemployment", "separation_rate_mean", 0.010, 0.035,
           "Shimer (2005) 0.034; JOLTS layoffs 1.0-1.7%"),
    Target("unemployment rate", "unemployment_rate_mean", 0.035, 0.07,
           "BLS CPS; issue range 3.5-7%"),
    Target("vacancy rate (openings / (employment + openings))", "vacancy_rate_mean", 0.02, 0.06,
           "JOLTS 2000-2025: 2-7%, 4.6% in May 2025"),
    Target("Beveridge curve slope (log v on log u, within run)", "beveridge_slope", -np.inf,
           0.0, "negative in every US episode (Beveridge curve)"),
    Target("variance of log annual wages", "log_wage_variance_mean", 0.25, 0.55,
           "OEWS 2023 p10/p90 imply about 0.31 for a lognormal; CPS 0.3-0.5"),
    Target("monthly job-to-job rate", "job_to_job_rate_mean", 0.005, 0.04,
           "moves must exist; data 2.0-2.6% (Fallick & Fleischman 2004)"),
    Target("long-term unemployed share (over 6 months)", "long_term_unemployment_share_mean",
           0.159, 0.212, "BLS CPS: 15.9% mean 1948-2019, 21.2% in 2019", required=False),
    Target("JOLTS hires rate", "hires_rate_mean", 0.034, 0.044, "JOLTS 2000-05: 3.4-4.4%",
           required=False),
    Target("JOLTS layoffs rate", "layoff_rate_mean", 0.012, 0.017,
           "JOLTS 2000-05: 1.2-1.7% (includes discharges for cause)", required=False),
    Target("matching function: unemployment elasticity", "matching_elasticity", 0.5, 0.7,
           "Petrongolo & Pissarides (2001): 0.5-0.7", required=False),
)


def validation_table(runs: pd.DataFrame) -> pd.DataFrame:
    """Per target: mean over runs, 95% interval of the mean, min and max over runs, and
    whether the mean lies in the target range."""
    ok = runs[runs["status"] == "ok"] if "status" in runs else runs
    rows = []
    for t in TARGETS:
        values = ok[t.column].to_numpy(dtype=float)
        mean, low, high = t_interval(values)
        rows.append({
            "target": t.name, "column": t.column, "low": t.low, "high": t.high,
            "source": t.source, "required": t.required, "calibrated": t.calibrated,
            "mean": mean, "ci_low": low, "ci_high": high,
            "min": np.nanmin(values), "max": np.nanmax(values),
            "in_range": bool(t.low <= mean <= t.high), "runs": int(np.isfinite(values).sum()),
        })
    return pd.DataFrame(rows)
