"""The backtest's statistics (sim/experiments/backtest/statistics.py), each on a synthetic panel
with a known answer."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sim.experiments.backtest.statistics import (
    exposure_quintiles,
    paired_effect,
    rate_change,
    relative_employment_change,
)


def test_quintiles_cut_worker_weighted_fifths_of_exposure():
    exposure = np.array([0.9, 0.1, 0.5, 0.3, 0.7, 0.2, 0.8, 0.4, 0.6, 0.0])
    # ten occupations of equal size: the two least exposed are quintile 1, and so on
    assert list(exposure_quintiles(exposure, np.ones(10))) == [5, 1, 3, 2, 4, 2, 5, 3, 4, 1]
    # one large occupation in the middle takes the middle quintiles' workers
    q = exposure_quintiles(np.array([0.1, 0.5, 0.9]), np.array([1.0, 8.0, 1.0]))
    assert list(q) == [1, 3, 5]


def test_quintiles_refuse_mismatched_or_empty_employment():
    with pytest.raises(ValueError, match="same length"):
        exposure_quintiles(np.zeros(3), np.ones(2))
    with pytest.raises(ValueError, match="positive total"):
        exposure_quintiles(np.zeros(3), np.zeros(3))


def canaries_panel(decline: float, shock: float = 1.0) -> pd.DataFrame:
    """Months -3..12; young workers in quintile 5 lose ``decline`` of their employment from
    month 1 on; every series is scaled by ``shock`` from month 1 on (a common shock), and each
    series has its own level."""
    rows = []
    for month in range(-3, 13):
        for group in ("age_22_25", "age_35_49"):
            for quintile in range(1, 6):
                level = 100.0 * quintile + (7 if group == "age_35_49" else 0)
                after = month >= 1
                factor = (shock if after else 1.0) * (
                    1 - decline if after and group == "age_22_25" and quintile == 5 else 1.0)
                rows.append((month, group, quintile, level * factor))
    return pd.DataFrame(rows, columns=["month", "group", "quintile", "employed"])


@pytest.mark.parametrize("shock", [1.0, 0.9, 1.2])
def test_relative_change_is_the_top_quintile_against_the_bottom_whatever_the_common_shock(shock):
    panel = canaries_panel(0.13, shock)
    base, late = range(-3, 1), range(6, 13)
    assert relative_employment_change(panel, "age_22_25", base, late) == pytest.approx(-0.13)
    assert relative_employment_change(panel, "age_35_49", base, late) == pytest.approx(0.0)
    # before the decline there is none
    assert relative_employment_change(panel, "age_22_25", base, range(-3, 1)) == pytest.approx(0)


def test_relative_change_averages_the_index_over_the_window():
    panel = canaries_panel(0.0)
    young_top = (panel["group"] == "age_22_25") & (panel["quintile"] == 5)
    panel.loc[young_top & (panel["month"] == 12), "employed"] *= 0.8  # one month 20% down
    value = relative_employment_change(panel, "age_22_25", range(-3, 1), range(9, 13))
    assert value == pytest.approx((3 + 0.8) / 4 - 1)


def test_relative_change_needs_both_end_quintiles():
    panel = canaries_panel(0.1)
    with pytest.raises(ValueError, match="quintiles 1 and 5"):
        relative_employment_change(panel[panel["quintile"] < 5], "age_22_25", range(-3, 1),
                                   range(6, 13))


def test_paired_effect_is_the_percent_change_of_the_same_people_s_total():
    without = np.array([100.0, 200.0, 0.0, 700.0])
    assert paired_effect(without * 1.02, without) == pytest.approx(2.0)
    assert paired_effect(without, without) == 0.0
    assert paired_effect(without + np.array([10, -10, 5, -5]), without) == pytest.approx(0.0)
    with pytest.raises(ValueError, match="same people"):
        paired_effect(without[:3], without)


def test_rate_change_is_in_points_between_window_means():
    series = pd.Series([0.036, 0.038, 0.040, 0.042, 0.041], index=[-2, -1, 0, 1, 2])
    assert rate_change(series, [-2, -1], [1, 2]) == pytest.approx(100 * (0.0415 - 0.037))
