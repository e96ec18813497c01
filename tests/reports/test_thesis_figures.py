"""The thesis report's figures (sim/reports/thesis_figures.py), on small hand-made tables of
the shapes :class:`sim.experiments.thesis.ThesisAnalysis` holds: 3 seeds, the arms no_ai,
ranking and full, six months."""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_rgba
from matplotlib.container import ErrorbarContainer
from matplotlib.figure import Figure

from sim.experiments.people import BIN_LABELS, MONTHLY_GROUPS
from sim.reports.figures import plt
from sim.reports.thesis_figures import (
    PEOPLE_COLOR,
    TECHNOLOGY_COLOR,
    factor_waterfall,
    groups_over_time,
    hazard_by_proficiency,
    status_over_time,
    thesis_figures,
    wage_percentiles,
)
from sim.stats import t_interval

FACTORS = ["ranking", "automation", "new_work"]
CHANNELS = {"people": ["ranking"], "technology": ["automation"]}
ARMS = ["no_ai", "ranking", "automation", "new_work", "ranking+automation", "full"]
SEEDS = [11, 12, 13]
MONTHS = 6
#: (group, part) -> mean of unemployment_months; intervals are mean -/+ 0.05.
PARTS = {("not_versed", "ranking"): 0.30, ("not_versed", "automation"): 0.20,
         ("not_versed", "new_work"): -0.10, ("versed", "ranking"): -0.25,
         ("versed", "automation"): 0.15, ("versed", "new_work"): -0.05}


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def decomposition(nan: tuple[str, str] | None = None) -> pd.DataFrame:
    """The decomposition table; the part ``nan`` (group, part) has no numbers (None)."""
    rows = []
    for group in ("not_versed", "versed"):
        means = {f: PARTS[group, f] for f in FACTORS}
        means |= {"people": means["ranking"], "technology": means["automation"],
                  "total": sum(means.values())}
        for part, mean in means.items():
            if (group, part) == nan:
                rows.append({"outcome": "unemployment_months", "group": group, "part": part,
                             "mean": None, "ci_low": None, "ci_high": None})
            else:
                rows.append({"outcome": "unemployment_months", "group": group, "part": part,
                             "mean": mean, "ci_low": mean - 0.05, "ci_high": mean + 0.05})
    rows.append({"outcome": "work_months", "group": "versed", "part": "total", "mean": 1.0,
                 "ci_low": 0.5, "ci_high": 1.5})
    return pd.DataFrame(rows)


def values() -> pd.DataFrame:
    """One row per (seed, arm), with the hazard columns (full lower than no AI)."""
    rng = np.random.default_rng(0)
    rows = []
    for arm in ("no_ai", "ranking", "full"):
        for seed in SEEDS:
            level = {"no_ai": 0.7, "ranking": 0.6, "full": 0.3}[arm]
            rows.append({"seed": seed, "arm": arm, "unemployment_months/versed": 1.0,
                         **{f"hazard/{b}": level + 0.05 * rng.standard_normal()
                            for b in BIN_LABELS}})
    return pd.DataFrame(rows)


def monthly(arms=("no_ai", "ranking", "full")) -> pd.DataFrame:
    """One row per (seed, arm, month); the status columns in the full arm only."""
    rng = np.random.default_rng(1)
    rows = []
    for arm in arms:
        for seed in SEEDS:
            for step in range(MONTHS):
                row = {"seed": seed, "arm": arm, "step": step,
                       **{f"work_share/{g}": 0.6 + 0.02 * rng.standard_normal()
                          for g in MONTHLY_GROUPS},
                       "wage_p10": 10.2 + 0.01 * step, "wage_p50": 11.1, "wage_p90": 11.9,
                       "skill_judgment_premium": 0.85 + 0.01 * rng.standard_normal()}
                for name in ("proficient_now", "user_not_proficient_now", "not_user_now"):
                    row[f"employment_rate/{name}"] = (0.93 + 0.01 * rng.standard_normal()
                                                      if arm == "full" else np.nan)
                rows.append(row)
    return pd.DataFrame(rows)


def analysis(**changes) -> SimpleNamespace:
    parts = {"decomposition": decomposition(), "values": values(), "monthly": monthly(),
             "json": {"factors": {f: [f] for f in FACTORS}, "arms": ARMS,
                      "channels": CHANNELS, "versed_month": 0}}
    return SimpleNamespace(**(parts | changes))


def bars(ax) -> list:
    return list(ax.patches)


def errorbars(ax) -> int:
    return sum(isinstance(c, ErrorbarContainer) for c in ax.containers)


# ---------------------------------------------------------------------- waterfall
def test_waterfall_stacks_the_factors_to_the_total():
    fig = factor_waterfall(decomposition(), FACTORS, channels=CHANNELS)
    assert isinstance(fig, Figure) and len(fig.axes) == 2
    for ax, group in zip(fig.axes, ("not_versed", "versed"), strict=True):
        rects = bars(ax)
        assert len(rects) == len(FACTORS) + 1
        means = [PARTS[group, f] for f in FACTORS]
        # each factor bar starts where the previous one ended
        starts = [r.get_y() for r in rects[:-1]]
        assert starts == pytest.approx(np.concatenate([[0], np.cumsum(means)[:-1]]))
        assert rects[-2].get_y() + rects[-2].get_height() == pytest.approx(sum(means))
        total = rects[-1]
        assert total.get_y() == 0 and total.get_height() == pytest.approx(sum(means))
        assert errorbars(ax) == len(FACTORS) + 1
        assert to_rgba(rects[0].get_facecolor()) == to_rgba(PEOPLE_COLOR)
        assert to_rgba(rects[1].get_facecolor()) == to_rgba(TECHNOLOGY_COLOR)
        labels = [t.get_text() for t in ax.get_xticklabels()]
        assert labels == [*FACTORS, "total"]
    assert "unemployment-months per person" in fig.axes[0].get_ylabel()
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend[:3] == ["people channel", "technology channel", "neither channel"]


def test_waterfall_draws_a_missing_part_flat_without_an_error_bar():
    fig = factor_waterfall(decomposition(nan=("versed", "automation")), FACTORS,
                           channels=CHANNELS)
    versed = fig.axes[1]
    rects = bars(versed)
    assert rects[1].get_height() == 0
    assert rects[2].get_y() == pytest.approx(PARTS["versed", "ranking"])
    assert errorbars(versed) == len(FACTORS)  # one fewer than the other panel
    assert errorbars(fig.axes[0]) == len(FACTORS) + 1


def test_waterfall_of_a_missing_total_and_group_does_not_raise():
    table = decomposition(nan=("not_versed", "total"))
    fig = factor_waterfall(table, FACTORS, groups=("not_versed", "nobody"))
    assert bars(fig.axes[0])[-1].get_height() == 0
    assert [r.get_height() for r in bars(fig.axes[1])] == [0] * (len(FACTORS) + 1)
    assert any(t.get_text() == "no data" for t in fig.axes[1].texts)


def test_waterfall_default_channels_follow_the_factor_names():
    fig = factor_waterfall(decomposition(), FACTORS)
    rects = bars(fig.axes[0])
    assert to_rgba(rects[0].get_facecolor()) == to_rgba(PEOPLE_COLOR)
    assert to_rgba(rects[1].get_facecolor()) == to_rgba(TECHNOLOGY_COLOR)


# ---------------------------------------------------------------------- over time
def test_groups_over_time_draws_no_ai_full_and_the_single_factor_arms():
    frame = monthly(arms=("no_ai", "ranking", "ranking+automation", "full"))
    fig = groups_over_time(frame, ARMS)
    assert isinstance(fig, Figure) and len(fig.axes) == 7
    titles = [ax.get_title() for ax in fig.axes]
    assert titles[0].startswith("versed") and titles[-1] == "aged 50+"
    for ax in fig.axes:
        lines = ax.get_lines()
        # automation and new_work have no months here; merged arms are not drawn
        assert [line.get_label() for line in lines] == ["no AI", "ranking only",
                                                        "full (every factor on)"]
        assert len(ax.collections) == 2  # the 95% ranges of no AI and full
    first = fig.axes[0].get_lines()[0]
    assert first.get_xdata()[0] == 2025 and first.get_xdata()[-1] == pytest.approx(
        2025 + (MONTHS - 1) / 12)
    expected = 100 * frame[frame["arm"] == "no_ai"].groupby("step")["work_share/versed"].mean()
    assert first.get_ydata() == pytest.approx(expected.to_numpy())
    assert "%" in fig.axes[0].get_ylabel()


def test_status_over_time_is_the_full_arm_in_percent():
    frame = monthly()
    fig = status_over_time(frame)
    (ax,) = fig.axes
    lines = ax.get_lines()
    assert len(lines) == 3
    full = frame[frame["arm"] == "full"].groupby("step")["employment_rate/proficient_now"]
    assert lines[0].get_ydata() == pytest.approx(100 * full.mean().to_numpy())


def test_wage_percentiles_in_thousand_dollars_and_premium_in_log_points():
    frame = monthly()
    fig = wage_percentiles(frame)
    left, right = fig.axes
    assert len(left.get_lines()) == 6 and len(right.get_lines()) == 2
    p90_no_ai = left.get_lines()[0]
    assert p90_no_ai.get_linestyle() == "--"
    assert p90_no_ai.get_ydata() == pytest.approx(np.full(MONTHS, math.exp(11.9) / 1000))
    premium = frame[frame["arm"] == "full"].groupby("step")["skill_judgment_premium"].mean()
    assert right.get_lines()[1].get_ydata() == pytest.approx(100 * premium.to_numpy())
    assert "thousand" in left.get_ylabel() and "log points" in right.get_ylabel()


# ---------------------------------------------------------------------- hazard
def test_hazard_bars_are_means_with_t_intervals():
    table = values()
    fig = hazard_by_proficiency(table, versed_month=0)
    (ax,) = fig.axes
    rects = bars(ax)
    assert len(rects) == 2 * len(BIN_LABELS)
    never = table.loc[table["arm"] == "no_ai", "hazard/never_user"].to_numpy()
    assert rects[0].get_height() == pytest.approx(t_interval(never)[0])
    assert errorbars(ax) == 2
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels[0] == "never used AI" and labels[-1] == "highest fifth"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["no AI",
                                                                  "full (every factor on)"]


def test_hazard_with_a_missing_bin_and_one_seed_does_not_raise():
    table = values().drop(columns="hazard/users_fifth_3")
    table = table[table["seed"] == SEEDS[0]]
    fig = hazard_by_proficiency(table)
    rects = bars(fig.axes[0])
    assert rects[3].get_height() == 0  # the missing bin
    assert errorbars(fig.axes[0]) == 0  # one seed: no interval


# ---------------------------------------------------------------------- all of them
def test_thesis_figures_draws_every_figure():
    figures = thesis_figures(analysis())
    assert list(figures) == ["factor_waterfall", "groups_over_time", "hazard_by_proficiency",
                             "wage_percentiles", "status_over_time"]
    assert all(isinstance(f, Figure) for f in figures.values())


def test_thesis_figures_leaves_out_figures_without_data():
    figures = thesis_figures(analysis(monthly=pd.DataFrame()))
    assert list(figures) == ["factor_waterfall", "hazard_by_proficiency"]
    no_status = monthly().drop(columns=[c for c in monthly().columns
                                        if c.startswith("employment_rate/")])
    assert "status_over_time" not in thesis_figures(analysis(monthly=no_status))
    assert thesis_figures(analysis(decomposition=pd.DataFrame(), values=pd.DataFrame(),
                                   monthly=pd.DataFrame())) == {}
