"""The unit of work (params, seed) -> result, and running replicates on executors."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd

import sim.experiments.runner
from sim import run_replicates, simulate
from sim.experiments.summary import beveridge_slope
from sim.model.metrics import METRIC_NAMES


def test_simulate_returns_monthly_metrics_and_a_summary(small_params):
    result = simulate(small_params, seed=3, run_id=4)
    assert result.status == "ok" and result.error == ""
    frame = result.timeseries
    assert list(frame.columns) == ["run_id", "step", *METRIC_NAMES]
    assert (frame["run_id"] == 4).all()
    np.testing.assert_array_equal(frame["step"], np.arange(small_params.run.months))
    assert result.summary["unemployment_rate_mean"] == frame["unemployment_rate"].mean()
    assert np.isfinite(result.summary["beveridge_slope"])


def test_a_failing_run_is_recorded_and_the_others_go_on(small_params, monkeypatch):
    real = sim.experiments.runner.LaborMarket

    def flaky(params, seed):
        if seed == 2:
            raise RuntimeError("boom")
        return real(params, seed=seed)

    monkeypatch.setattr(sim.experiments.runner, "LaborMarket", flaky)
    results = run_replicates(small_params, [1, 2, 3], progress=False)
    assert [r.status for r in results] == ["ok", "failed", "ok"]
    assert results[1].error == "RuntimeError: boom"
    assert "Traceback" in results[1].traceback and results[1].timeseries.empty


def _tables(results):
    return pd.concat([r.timeseries for r in results], ignore_index=True)


def test_results_do_not_depend_on_the_executor_or_the_number_of_processes(small_params):
    seeds = [11, 12, 13]
    inline = _tables(run_replicates(small_params, seeds, jobs=1, progress=False))
    pool = _tables(run_replicates(small_params, seeds, jobs=2, progress=False))
    with ThreadPoolExecutor(2) as executor:
        threads = _tables(run_replicates(small_params, seeds, executor=executor, progress=False))
    pd.testing.assert_frame_equal(inline, pool)
    pd.testing.assert_frame_equal(inline, threads)


def test_beveridge_slope_of_a_known_line():
    u = np.array([0.03, 0.04, 0.05, 0.06])
    assert np.isclose(beveridge_slope(u, 0.002 * u**-0.5), -0.5)
    assert np.isnan(beveridge_slope(np.full(4, 0.05), u))
