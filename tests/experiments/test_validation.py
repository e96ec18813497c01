"""The validation table's pieces (sim/experiments/validation.py, the state statistics of
sim/experiments/summary.py, experiments/validate.py): estimators on known inputs, every target
reading a column a run has, and the Markdown the README takes."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sim import LaborMarket
from sim.experiments.runner import simulate
from sim.experiments.summary import (
    AGE_SHARE_GROUPS,
    STATE_COLUMNS,
    age_share_column,
    cps_age_shares,
    firm_size_tail,
    state_summary,
)
from sim.experiments.validation import (
    DERIVED_COLUMNS,
    TARGETS,
    mobility_switch_share,
    parameters_by_source,
    validation_table,
    with_derived,
)
from sim.model.state import EMPLOYED, NONPARTICIPANT, UNEMPLOYED

ROOT = Path(__file__).resolve().parents[2]


def load_validate_script():
    spec = importlib.util.spec_from_file_location("validate_script",
                                                  ROOT / "experiments" / "validate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("alpha", [0.8, 1.059, 1.5])
def test_firm_size_tail_recovers_the_exponent_of_rounded_pareto_sizes(alpha):
    rng = np.random.default_rng(1)
    sizes = np.rint(rng.random(50_000) ** (-1.0 / alpha))  # Pareto from 1, whole workers
    assert firm_size_tail(sizes) == pytest.approx(alpha, rel=0.05)


def test_firm_size_tail_ignores_small_firms_and_needs_ten():
    sizes = np.array([1, 2, 3, 4] * 100 + [10] * 9)
    assert np.isnan(firm_size_tail(sizes, min_size=5))
    sizes = np.r_[sizes, 10]
    assert firm_size_tail(sizes, min_size=5) == pytest.approx(10 / (10 * np.log(10 / 4.5)))


def test_state_summary_on_a_small_economy():
    status = np.array([EMPLOYED, EMPLOYED, EMPLOYED, UNEMPLOYED, NONPARTICIPANT, EMPLOYED])
    employer = np.array([0, 0, 2, -1, -1, 2])
    age_months = np.array([22, 30, 40, 23, 60, 70]) * 12
    out = state_summary(status, employer, age_months, n_firms=3)
    assert set(out) == set(STATE_COLUMNS)
    assert out["mean_firm_size_final"] == 2.0  # firm 1 has nobody and does not count
    assert np.isnan(out["firm_size_tail_final"])  # too few firms
    # the labor force (not the person out of it, aged 60): 22, 23 | 30 | 40 | 70
    assert out[age_share_column(22, 24)] == pytest.approx(2 / 5)
    assert out[age_share_column(25, 34)] == pytest.approx(1 / 5)
    assert out[age_share_column(55, 64)] == 0.0
    assert out[age_share_column(65, 74)] == pytest.approx(1 / 5)


def test_cps_age_shares_cover_the_table():
    shares = cps_age_shares()
    assert list(shares) == [age_share_column(lo, hi) for lo, hi in AGE_SHARE_GROUPS]
    assert sum(shares.values()) == pytest.approx(1.0)
    assert 0.20 < shares[age_share_column(25, 34)] < 0.26


def test_mobility_switch_share_is_the_weighted_off_diagonal():
    assert 0.05 < mobility_switch_share() < 0.15


def test_every_target_reads_a_column_a_run_has(small_params):
    """The summary of a run, its state statistics and the derived columns hold every target's
    column."""
    result = simulate(small_params, seed=3)
    model = LaborMarket(small_params, seed=3)
    model.step()
    w = model.workers
    columns = (set(result.summary) | set(DERIVED_COLUMNS)
               | set(state_summary(w.status, w.employer, w.age_months, model.firms.count)))
    missing = [t.column for t in TARGETS if t.column not in columns]
    assert not missing


def test_targets_are_well_formed():
    names = [t.name for t in TARGETS]
    assert len(names) == len(set(names))
    for t in TARGETS:
        assert t.low < t.high and t.source, t.name
        assert t.required or t.note, f"{t.name}: a reported-only target says why"


def test_validation_table_means_derived_columns_and_missing_columns():
    runs = pd.DataFrame({
        "status": ["ok", "ok", "ok", "failed"],
        "unemployment_rate_mean": [0.05, 0.06, 0.07, np.nan],
        "unemployment_rate_age_22_25_mean": [0.10, 0.12, 0.14, np.nan],
        "unemployment_rate_age_26_34_mean": [0.05, 0.06, 0.07, np.nan],
    })
    derived = with_derived(runs)
    assert derived["unemployment_gap_22_25_over_26_34"].tolist()[:3] == pytest.approx(
        [0.05, 0.06, 0.07])
    assert derived["unemployment_ratio_22_25_to_all"].tolist()[:3] == pytest.approx([2, 2, 2])
    assert derived["unemployment_gap_26_34_over_35_49"].isna().all()  # an input is missing
    table = validation_table(runs).set_index("column")
    row = table.loc["unemployment_rate_mean"]
    assert row["runs"] == 3 and row["mean"] == pytest.approx(0.06) and row["in_range"]
    assert row["min"] == 0.05 and row["max"] == 0.07
    gap = table.loc["unemployment_gap_22_25_over_26_34"]
    assert gap["in_range"] and gap["ci_low"] > 0
    ratio = table.loc["unemployment_ratio_22_25_to_all"]
    assert ratio["mean"] == pytest.approx(2.0) and ratio["in_range"]  # in 1.4-2.1
    missing = table.loc["hires_rate_mean"]
    assert missing["runs"] == 0 and np.isnan(missing["mean"]) and not missing["in_range"]


def test_parameter_lists_read_the_sources():
    judgment = parameters_by_source("judgment")
    keys = {r["key"] for r in judgment}
    assert "market.match_floor" in keys and "careers.entry_exposure_ratio" in keys
    assert all(r["source"].lower().startswith("judgment") for r in judgment)
    calibrated = {r["key"] for r in parameters_by_source("calibrated")}
    assert {"market.applications_unemployed", "market.hiring_standard"} <= calibrated
    assert not calibrated & keys


def test_markdown_table_has_a_row_per_target_and_numbered_notes():
    validate = load_validate_script()
    runs = pd.DataFrame({t.column: [0.5, 0.6] for t in TARGETS if t.column not in DERIVED_COLUMNS})
    text = validate.markdown(validation_table(runs))
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) == len(TARGETS) + 1  # the header
    assert "| calibrated |" in text and "| validated |" in text
    notes = sorted({t.note for t in TARGETS if t.note})
    assert all(f"{note}." in text for note in notes)
    assert f"({len(notes)}) " in text and f"({len(notes) + 1}) " not in text
    listed = validate.parameter_markdown("judgment").splitlines()
    assert len(listed) == 2 + len(parameters_by_source("judgment"))
