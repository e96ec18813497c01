"""Sweep analysis (sim/experiments/sweep/sensitivity.py; its report, sim/reports/sweep.py):
intervals per point, the people share, sensitivity indices wired in the sampler's order,
heat-map cells and the thesis-map counts."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sim.experiments.sweep import sensitivity as analysis
from sim.experiments.sweep.design import design_points
from sim.experiments.sweep.load import load_sweep
from sim.experiments.sweep.spec import Outcome
from sim.reports import sweep as sweep_report
from sim.stats import people_share as share

SHARE = Outcome("unemployment_months/low", "people_share")
PLAIN = Outcome("unemployment_rate", "path_mean")


def sweep_file(tmp_path: Path, design: str, parameters: str, samples: str = "") -> Path:
    path = tmp_path / "s.toml"
    path.write_text(f'design = "{design}"\n{samples}\nreplicates = 1\nroot_seed = 3\n'
                    f"[parameters]\n{parameters}\n"
                    '[[outcomes]]\nmetric = "unemployment_rate"\nstatistic = "path_mean"\n')
    return path


RANGES = ('"ai.capability_growth" = { min = 0.0, max = 1.0 }\n'
          '"firms.industry_demand_elasticity" = { min = 0.0, max = 1.0 }\n'
          '"ai.propensity_effect" = { min = 0.0, max = 1.0 }')


def parts(people: np.ndarray, tech: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame({"part[people](unemployment_months/low)": people,
                         "part[technology](unemployment_months/low)": tech})


def test_share_counts_only_displacing_channels():
    np.testing.assert_allclose(share(np.array([3.0, 1.0, -1.0, 2.0]),
                                     np.array([1.0, -2.0, 1.0, 2.0])), [0.75, 1.0, 0.0, 0.5])
    assert np.isnan(share(-1.0, 0.0))  # neither channel displaces


def test_people_share_is_the_share_of_the_mean_parts():
    frame = parts(np.array([1.0, 3.0]), np.array([1.0, 1.0]))
    mean, low, high = analysis.estimate(SHARE, frame)
    assert mean == pytest.approx(2.0 / 3.0)  # not the mean of 0.5 and 0.75
    assert 0.0 <= low <= mean <= high <= 1.0


def test_people_share_interval_covers_the_true_share_about_95_percent_of_the_time():
    """Parts drawn around P = 0.3, T = 0.1 (share 0.75); 200 experiments of 20 seeds each.
    A percentile bootstrap of a ratio with 20 runs under-covers a little: about 92% here
    (183 of 200 over several generator seeds, binomial sd about 4); fewer than 175 covering
    intervals (87.5%) would mean a broken interval, not bad luck."""
    rng = np.random.default_rng(2025)
    covered = 0
    for _ in range(200):
        frame = parts(rng.normal(0.3, 0.15, 20), rng.normal(0.1, 0.15, 20))
        _, low, high = analysis.estimate(SHARE, frame)
        covered += low <= 0.75 <= high
    assert covered >= 175


def test_a_factor_share_is_its_positive_mean_part_over_every_factors():
    """share[f]: max(mean part of f, 0) over the sum of every factor's positive mean part; a
    channel's share adds its factors' (here people = ranking + productivity)."""
    factors = {"ranking": ("ranking",), "productivity": ("productivity",),
               "automation": ("automation",)}
    frame = pd.DataFrame({"part[ranking](work_months/all)": [1.0, 3.0],
                          "part[productivity](work_months/all)": [-2.0, -2.0],
                          "part[automation](work_months/all)": [4.0, 2.0]})
    ranking = Outcome("work_months/all", "share", "ranking")
    mean, low, high = analysis.estimate(ranking, frame, factors)
    assert mean == pytest.approx(2.0 / (2.0 + 3.0))  # mean parts 2, -2 (no share), 3
    assert 0.0 <= low <= mean <= high <= 1.0
    people = Outcome("work_months/all", "share", "people")
    assert analysis.estimate(people, frame, factors)[0] == pytest.approx(0.4)
    assert analysis.inputs(people, factors) == list(frame.columns)
    nobody = frame.assign(**{c: -1.0 for c in frame.columns})
    assert np.isnan(analysis.estimate(ranking, nobody, factors)[0])  # nothing displaces


def test_hypothesis_map_counts_cells_by_verdict():
    cells = pd.DataFrame({"mean": [0.5, -0.5, 0.1, np.nan, 0.2],
                          "ci_low": [0.1, -0.9, -0.1, np.nan, np.nan],
                          "ci_high": [0.9, -0.1, 0.3, np.nan, np.nan]})
    assert analysis.hypothesis_counts(cells) == {"cells": 5, "supported": 1, "rejected": 1,
                                                 "undecided": 2, "no_value": 1}


def test_plain_outcomes_get_a_t_interval():
    frame = pd.DataFrame({PLAIN.column: [0.05, 0.06, 0.07]})
    mean, low, high = analysis.estimate(PLAIN, frame)
    assert mean == pytest.approx(0.06)
    assert low < 0.06 < high
    assert high - mean == pytest.approx(4.302653 * 0.01 / np.sqrt(3), rel=1e-5)


def test_sobol_indices_find_the_one_parameter_that_matters(tmp_path):
    """y = 4 x1 + x2^2 (x3 inert), in the sampler's order: S1 and ST rank x1 > x2 > x3."""
    sweep = load_sweep(sweep_file(tmp_path, "sobol", RANGES, "samples = 256"))
    points = design_points(sweep)
    x = points[sweep.names].to_numpy()
    points[f"{PLAIN.column}_mean"] = 4 * x[:, 0] + x[:, 1] ** 2
    indices = analysis.sensitivity(sweep, points)[PLAIN.column]
    st, s1 = indices["ST"], indices["S1"]
    assert st["ai.capability_growth"] > st["firms.industry_demand_elasticity"] > \
        st["ai.propensity_effect"]
    assert abs(st["ai.propensity_effect"]) < 0.02
    # analytic: V = 16/12 + 4/45; S1(x1) = (16/12) / V
    assert s1["ai.capability_growth"] == pytest.approx((16 / 12) / (16 / 12 + 4 / 45), abs=0.08)


def test_morris_mu_star_ranks_the_parameters(tmp_path):
    sweep = load_sweep(sweep_file(tmp_path, "morris", RANGES, "samples = 20"))
    points = design_points(sweep)
    x = points[sweep.names].to_numpy()
    points[f"{PLAIN.column}_mean"] = 4 * x[:, 0] + x[:, 1]
    mu_star = analysis.sensitivity(sweep, points)[PLAIN.column]["mu_star"]
    assert mu_star["ai.capability_growth"] == pytest.approx(4.0)
    assert mu_star["firms.industry_demand_elasticity"] == pytest.approx(1.0)
    assert mu_star["ai.propensity_effect"] == pytest.approx(0.0)
    assert analysis.top_parameters({"indices": {PLAIN.column: {"mu_star": mu_star}}},
                                   PLAIN.column, 2) == ["ai.capability_growth",
                                                        "firms.industry_demand_elasticity"]


def test_indices_are_skipped_with_a_reason_when_points_lack_values(tmp_path):
    sweep = load_sweep(sweep_file(tmp_path, "morris", RANGES, "samples = 4"))
    points = design_points(sweep)
    points[f"{PLAIN.column}_mean"] = 1.0
    points.loc[2, f"{PLAIN.column}_mean"] = np.nan
    assert "1 points have no value" in analysis.sensitivity(sweep, points)[PLAIN.column][
        "skipped"]


def test_lhs_heat_map_bins_pool_the_runs_of_their_points(tmp_path):
    sweep = load_sweep(sweep_file(tmp_path, "lhs", RANGES, "samples = 36"))
    points = design_points(sweep)
    runs = points.assign(status="ok", **{PLAIN.column: points["ai.capability_growth"]})
    cells = analysis.heatmap_cells(sweep, points, runs, PLAIN, bins=3)
    assert cells["runs"].sum() == 36
    assert set(np.round(cells["ai.capability_growth"], 6)) == {round(v, 6) for v in
                                                                (1 / 6, 1 / 2, 5 / 6)}
    # the outcome is the first parameter itself: each cell's mean lies inside its bin
    assert (abs(cells["mean"] - cells["ai.capability_growth"]) <= 1 / 6 + 1e-9).all()


def test_thesis_map_counts_add_up(tmp_path):
    path = tmp_path / "t.toml"
    path.write_text('design = "grid"\nreplicates = 3\n[parameters]\n'
                    '"ai.capability_growth" = { values = [0.1, 0.2] }\n'
                    '"firms.industry_demand_elasticity" = { values = [0.5, 1.0] }\n'
                    '[[outcomes]]\nmetric = "unemployment_months/low"\n'
                    'statistic = "people_share"\n')
    sweep = load_sweep(path)
    points = design_points(sweep)
    people = {0: [1.0, 1.1, 0.9], 1: [0.1, 0.12, 0.08], 2: [-1.0, -1.0, -1.0], 3: [0.5, 0.0, 1.0]}
    tech = {0: [0.1, 0.1, 0.1], 1: [1.0, 1.0, 1.0], 2: [-1.0, -1.0, -1.0], 3: [0.5, 1.0, 0.0]}
    rows = [{"point_id": p, "status": "ok", "part[people](unemployment_months/low)": people[p][r],
             "part[technology](unemployment_months/low)": tech[p][r]}
            for p in range(4) for r in range(3)]
    runs = pd.DataFrame(rows).merge(points, on="point_id")
    summary = analysis.point_summary(points, runs, sweep)
    result = analysis.analyze(sweep, summary, runs)
    counts = result["thesis_map"][SHARE.column]
    assert counts == {"cells": 4, "people_share_above_half": 1, "people_share_below_half": 1,
                      "no_displacement": 1, "undecided": 1}
    files = sweep_report.report(sweep, result, summary)
    assert "above one half in 1 of 4 cells" in files["analysis.md"]
    assert any(name.endswith("-heatmap.png") for name in files)
