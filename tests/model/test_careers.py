"""Careers (sim/model/rules/careers.py, sim/model/careers.py): experience, human capital, career
stages, promotion and AI's reach into entry-level work. Rule kernels on hand-built arrays and
closed forms, then what the no-AI model does with them month by month, and the exact off
switch of the entry-level exposure without AI."""

from __future__ import annotations

import numpy as np
import pytest

from sim import LaborMarket, load_scenario, simulate
from sim.model.careers import career_months
from sim.model.rules import careers
from sim.model.state import EMPLOYED, ENTRY, EXPERIENCED, cell_stage
from sim.model.streams import replicate_seeds

SEEDS = replicate_seeds(1919, 2)


# ---------------------------------------------------------------- productivity over a career
def test_general_factor_rises_concavely_to_its_gain():
    months = np.arange(0, 12 * 60, 12)
    factor = careers.general_factor(months, 0.5, 10.0)
    assert factor[0] == 1.0
    assert (np.diff(factor) > 0).all() and (np.diff(factor, 2) < 0).all()  # concave
    assert factor[-1] < np.exp(0.5) and factor[-1] == pytest.approx(np.exp(0.5), rel=0.01)
    assert careers.general_factor(np.array([120]), 0.5, 10.0)[0] == pytest.approx(
        np.exp(0.5 * (1 - np.exp(-1))))  # the time constant: 63% of the gain after T years
    assert careers.general_factor(np.array([-5, 0]), 0.5, 10.0).tolist() == [1.0, 1.0]
    assert (careers.general_factor(months, 0.0, 10.0) == 1.0).all()


def test_occupation_factor_starts_at_the_switch_loss_and_wears_off():
    months = np.arange(0, 241)
    factor = careers.occupation_factor(months, 0.15, 24.0)
    assert factor[0] == pytest.approx(0.85)
    assert factor[24] == pytest.approx(1 - 0.15 / np.e)
    assert (np.diff(factor) > 0).all() and factor[-1] < 1.0 and factor[-1] > 0.9999
    assert (careers.occupation_factor(months, 0.0, 24.0) == 1.0).all()


def test_human_capital_erodes_out_of_work_and_recovers_at_work_up_to_one():
    rate = 0.05
    capital = np.ones(3)
    out = np.zeros(3, dtype=bool)
    for _ in range(10):
        capital = careers.human_capital_step(capital, out, rate)
    np.testing.assert_allclose(capital, (1 - rate) ** 10)  # geometric out of work
    for month in range(1, 20):
        capital = careers.human_capital_step(capital, ~out, rate)
        np.testing.assert_allclose(capital, np.minimum((1 - rate) ** 10 + rate * month, 1.0))
    assert (capital == 1.0).all()  # never above one
    mixed = careers.human_capital_step(np.array([0.5, 0.5]), np.array([True, False]), 0.0)
    assert mixed.tolist() == [0.5, 0.5]  # the off switch


# ---------------------------------------------------------------- career stages
def test_stage_split_keeps_each_requirement_in_entry_then_experienced_cells():
    requirement = np.array([[2.0, 0.0], [1.0, 4.0]]).reshape(-1)  # 2 firms x 2 occupations
    split = careers.stage_split(requirement, 0.25)
    np.testing.assert_allclose(split.reshape(-1, 2).sum(axis=1), requirement)
    np.testing.assert_allclose(split.reshape(-1, 2)[:, ENTRY], 0.25 * requirement)


@pytest.mark.parametrize("ratio", [0.5, 1.0, 1.5, 3.0])
def test_stage_exposure_keeps_the_occupation_average(ratio):
    exposure = np.array([0.0, 0.1, 0.2, 0.3])  # low enough that no stage reaches the cap
    share = 0.077
    by_stage = careers.stage_exposure(exposure, share, ratio).reshape(-1, 2)
    average = share * by_stage[:, ENTRY] + (1 - share) * by_stage[:, EXPERIENCED]
    np.testing.assert_allclose(average, exposure)  # Eloundou et al.'s occupation figure
    np.testing.assert_allclose(by_stage[1:, ENTRY] / by_stage[1:, EXPERIENCED], ratio)
    assert ((by_stage >= 0) & (by_stage <= 1)).all()


def test_stage_exposure_is_capped_at_one_and_the_rest_goes_to_experienced_positions():
    by_stage = careers.stage_exposure(np.array([0.9]), 0.5, 3.0)
    assert by_stage[ENTRY] == 1.0 and by_stage[EXPERIENCED] == pytest.approx(0.8)
    assert 0.5 * by_stage.sum() == pytest.approx(0.9)  # the average is kept


def test_stage_exposure_keeps_the_average_of_the_default_occupations():
    """The default occupations' average exposure over their positions is Eloundou et al.'s,
    even where entry-level exposure reaches its cap at one (most of them)."""
    from sim import Params
    from sim.model.occupations import default_occupations
    from sim.model.rates import derived_rates

    params = Params()
    occupations = default_occupations()
    rates = derived_rates(params, occupations)
    by_stage = rates.job_exposure.reshape(-1, 2)
    share = rates.entry_share
    average = share * by_stage[:, ENTRY] + (1 - share) * by_stage[:, EXPERIENCED]
    assert (by_stage[:, ENTRY] >= by_stage[:, EXPERIENCED]).all()
    np.testing.assert_allclose(average, occupations.exposure, atol=1e-9)


def test_entry_cover_moves_nothing_without_ai():
    rng = np.random.default_rng(6)
    filled = rng.uniform(0, 5, 40)
    positions = rng.integers(0, 5, 40)
    np.testing.assert_array_equal(careers.entry_cover(filled, positions, np.zeros(40)), filled)


def test_entry_cover_moves_only_the_ai_surplus_of_experienced_cells_to_their_entry_cell():
    # three (firm, occupation) pairs: (entry, experienced) cells
    filled = np.array([1.0, 4.0, 0.0, 2.5, 2.0, 3.0])
    positions = np.array([2, 3, 1, 2, 2, 3])
    ai_extra = np.array([0.5, 1.5, 0.0, 0.2, 0.0, 0.0])
    got = careers.entry_cover(filled, positions, ai_extra)
    # pair 1: surplus 1.0 of which AI 1.5 -> 1.0 moves; pair 2: surplus 0.5 but AI only 0.2;
    # pair 3: no surplus. The entry cells' own AI extra never moves anything.
    np.testing.assert_allclose(got, [2.0, 3.0, 0.2, 2.3, 2.0, 3.0])
    rng = np.random.default_rng(7)
    for _ in range(20):
        filled = rng.uniform(0, 6, 60)
        positions = rng.integers(0, 5, 60)
        ai_extra = rng.uniform(0, 2, 60)
        got = careers.entry_cover(filled, positions, ai_extra).reshape(-1, 2)
        before = filled.reshape(-1, 2)
        moved = before[:, EXPERIENCED] - got[:, EXPERIENCED]
        np.testing.assert_allclose(got.sum(axis=1), before.sum(axis=1))  # nothing is lost
        np.testing.assert_allclose(got[:, ENTRY] - before[:, ENTRY], moved)
        surplus = np.maximum(before[:, EXPERIENCED] - positions.reshape(-1, 2)[:, EXPERIENCED], 0)
        assert (moved >= 0).all()
        assert (moved <= np.minimum(surplus, ai_extra.reshape(-1, 2)[:, EXPERIENCED])
                + 1e-12).all()


def test_promotable_are_entry_level_workers_past_the_threshold():
    stage = np.array([ENTRY, ENTRY, ENTRY, EXPERIENCED])
    months = np.array([35, 36, 100, 100])
    assert careers.promotable(stage, months, 36).tolist() == [False, True, True, False]


# ---------------------------------------------------------------- careers in the model
@pytest.fixture(scope="module")
def no_ai_months():
    """Two no-AI economies of 3,000 people after the burn-in, 24 months each: per month the
    state before and after it, and the month's state (hires, counts)."""
    params = load_scenario("no_ai").params.replace("population", workers=3000)
    fields = ("person", "status", "employer", "occupation", "stage", "experience", "tenure")
    months = []
    for seed in SEEDS:
        model = LaborMarket(params, seed=seed)
        w = model.workers
        for _ in range(24):
            before = {name: getattr(w, name).copy() for name in fields}
            model.step()
            after = {name: getattr(w, name).copy() for name in fields}
            after["career"] = career_months(w)
            after["cells"] = model.employed_cells()
            months.append((before, after, model.now))
    return params, months


def test_employed_stages_follow_careers_and_promotions_stay_in_the_job(no_ai_months):
    """Experienced positions hold only workers past ``careers.promotion_months``; a stage
    changes without a hire only by promotion: entry to experienced, in the same firm and
    occupation, tenure going on."""
    params, months = no_ai_months
    threshold = params.careers.promotion_months
    promoted_total = 0
    for before, after, now in months:
        employed, cells = after["cells"]
        assert (cell_stage(cells) == after["stage"][employed]).all()
        experienced = employed[after["stage"][employed] == EXPERIENCED]
        assert (after["career"][experienced] >= threshold).all()
        stayed = ((before["status"] == EMPLOYED) & (after["status"] == EMPLOYED)
                  & (before["employer"] == after["employer"])
                  & (before["person"] == after["person"]))
        stayed[now.hired] = False
        changed = np.flatnonzero(stayed & (before["stage"] != after["stage"]))
        assert (before["stage"][changed] == ENTRY).all()  # nobody is demoted
        assert (after["stage"][changed] == EXPERIENCED).all()
        assert (before["occupation"][changed] == after["occupation"][changed]).all()
        assert (after["tenure"][changed] == before["tenure"][changed] + 1).all()
        assert (after["career"][changed] > threshold).all()  # promoted at the threshold or later
        assert len(changed) <= now.counts.promotions  # the others moved on the same month
        promoted_total += len(changed)
    assert promoted_total > 0


def test_experience_restarts_when_a_hire_changes_occupation(no_ai_months):
    _, months = no_ai_months
    switches = stays = 0
    for before, after, now in months:
        hired = now.hired[before["person"][now.hired] == after["person"][now.hired]]
        hired = hired[after["status"][hired] == EMPLOYED]
        switched = before["occupation"][hired] != after["occupation"][hired]
        assert (after["experience"][hired[switched]] == 1).all()  # the hiring month
        kept = hired[~switched]
        assert (after["experience"][kept] == before["experience"][kept] + 1).all()
        switches += switched.sum()
        stays += len(kept)
        # nobody else's experience moves but by the month at work
        others = np.setdiff1d(np.flatnonzero(before["person"] == after["person"]), now.hired)
        worked = after["status"][others] == EMPLOYED
        np.testing.assert_array_equal(after["experience"][others],
                                      before["experience"][others] + worked)
    assert switches > 0 and stays > 0


def test_entry_exposure_ratio_changes_nothing_without_ai():
    """The entry-level exposure only reaches the economy through AI: without it, two values
    give the same run for the same seed; with AI they do not (so the parameter is live)."""
    def run(scenario: str, ratio: float):
        params = load_scenario(scenario, [f"careers.entry_exposure_ratio={ratio}"]).params
        params = params.replace("population", workers=1500).replace("run", years=1)
        return simulate(params, SEEDS[0])

    low, high = run("no_ai", 1.0), run("no_ai", 3.0)
    assert low.status == high.status == "ok"
    assert low.timeseries.equals(high.timeseries)
    assert low.summary == pytest.approx(high.summary, nan_ok=True)
    assert not run("baseline", 1.0).timeseries.equals(run("baseline", 3.0).timeseries)
