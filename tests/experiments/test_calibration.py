"""The no-AI economy (the no_ai scenario) shows the required stylized facts, across seeds.

Each required target is checked on the mean over several replicate seeds: the mean must lie in
the target's range, and the 95% interval of the mean must be narrower than half the range, so
that the test has the power to tell (a failure cannot be a lucky seed, a pass cannot be noise).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sim import Params, run_replicates
from sim.experiments.tables import runs_table
from sim.experiments.validation import TARGETS, validation_table
from sim.model.streams import replicate_seeds

SEEDS = 8


@pytest.fixture(scope="module")
def baseline_runs():
    params = (Params().replace("population", workers=10_000).replace("run", years=10)
              .replace("ai", augmentation=False, automation=False))
    results = run_replicates(params, replicate_seeds(params.run.root_seed, SEEDS), jobs=2,
                             progress=False)
    return runs_table(results), pd.concat([r.timeseries for r in results], ignore_index=True)


@pytest.mark.parametrize("target", [t for t in TARGETS if t.required], ids=lambda t: t.column)
def test_required_stylized_fact(baseline_runs, target):
    row = validation_table(baseline_runs[0]).set_index("column").loc[target.column]
    assert row["runs"] == SEEDS
    assert target.low <= row["mean"] <= target.high, (
        f"{target.name}: mean {row['mean']:.4f} outside [{target.low}, {target.high}]")
    if np.isfinite(target.low) and np.isfinite(target.high):
        assert row["ci_high"] - row["ci_low"] < (target.high - target.low) / 2


def test_beveridge_curve_slopes_down_in_most_runs(baseline_runs):
    slopes = baseline_runs[0]["beveridge_slope"].to_numpy()
    se = slopes.std(ddof=1) / np.sqrt(len(slopes))
    assert slopes.mean() + 3 * se < 0
    assert (slopes < 0).mean() >= 0.75


def test_burn_in_reaches_a_steady_state(baseline_runs):
    """No drift: unemployment in the first reported year equals that of the later years."""
    ts = baseline_runs[1]
    first = ts[ts["step"] < 12].groupby("run_id")["unemployment_rate"].mean()
    later = ts[ts["step"] >= 12].groupby("run_id")["unemployment_rate"].mean()
    diff = (first - later).to_numpy()
    se = diff.std(ddof=1) / np.sqrt(len(diff))
    assert abs(diff.mean()) < max(3 * se, 0.005)
    assert abs(diff.mean()) < 0.01


def test_unemployment_and_vacancies_move(baseline_runs):
    """A business cycle: each run's unemployment rate varies by at least a point over ten
    years, and vacancies with it."""
    ts = baseline_runs[1]
    spread = ts.groupby("run_id")["unemployment_rate"].agg(lambda x: x.max() - x.min())
    assert (spread > 0.01).all()
    assert (ts.groupby("run_id")["vacancy_rate"].std() > 0.001).all()
