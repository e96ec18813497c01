"""Guards of mechanisms that only the golden fixtures used to catch when they were broken on
purpose (mutation testing): each test names one rule and checks what it does, on a small state
built by hand or on a small model, so that a change of the rule fails here with its name rather
than only as a changed seeded path."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from sim import LaborMarket, Params, load_scenario
from sim.model import freelancing, staffing
from sim.model.rules import augmentation, outside_offers
from sim.model.state import EMPLOYED, EXPERIENCED


# ---------------------------------------------------------------- new AI work in the firm
def one_cell(proficiency, ai_user, positions: int):
    """One firm, one occupation: everybody employed in its experienced cell, nobody holding
    new AI work, and ``positions`` new-work positions in that cell."""
    n = len(proficiency)
    workers = SimpleNamespace(
        status=np.full(n, EMPLOYED), employer=np.zeros(n, dtype=np.int64),
        occupation=np.zeros(n, dtype=np.int64), stage=np.full(n, EXPERIENCED),
        ai_user=np.asarray(ai_user, dtype=bool),
        proficiency=np.asarray(proficiency, dtype=float), new_work=np.zeros(n, dtype=bool))
    new_positions = np.zeros(2, dtype=np.int64)
    new_positions[EXPERIENCED] = positions
    now = SimpleNamespace(positions=np.array([0, n]), new_work_positions=new_positions)
    return workers, now


#: Five employees of one cell: worker 1 uses AI below the new-work proficiency (0.5), worker 3
#: is the most proficient but does not use AI.
PROFICIENCY = [0.9, 0.2, 0.6, 0.95, 0.7]
AI_USER = [True, True, True, False, True]


def assigned(positions: int) -> list[int]:
    workers, now = one_cell(PROFICIENCY, AI_USER, positions)
    taking = staffing.assign_new_work(workers, now, 0.5, 1)
    assert sorted(np.flatnonzero(workers.new_work)) == sorted(taking)  # the flag is set
    return sorted(int(i) for i in taking)


def test_new_ai_work_goes_to_the_cells_most_proficient_users_first():
    """staffing.assign_new_work: the positions not held go to the cell's own users, most
    proficient first."""
    assert assigned(1) == [0]
    assert assigned(2) == [0, 4]


def test_new_ai_work_goes_only_to_users_at_the_required_proficiency():
    """staffing.assign_new_work: only users with at least ``ai.new_work_proficiency`` take a
    new-work position, however many are open; a non-user or a user below it never does."""
    assert assigned(10) == [0, 2, 4]
    workers, now = one_cell(PROFICIENCY, AI_USER, 3)
    assert len(staffing.assign_new_work(workers, now, 0.99, 1)) == 0


# ---------------------------------------------------------------- the freelance task market
def freelancers(occupation, *, count: int = 1000, ai_user=None, proficiency=None):
    """A population of ``count`` people whose first ``len(occupation)`` are the freelancers
    (the rest only size the task market's demand); each fills one position."""
    m = len(occupation)
    occ = np.zeros(count, dtype=np.int64)
    occ[:m] = occupation
    user = np.zeros(count, dtype=bool)
    prof = np.zeros(count)
    if ai_user is not None:
        user[:m], prof[:m] = ai_user, proficiency
    workers = SimpleNamespace(count=count, occupation=occ, ai_user=user, proficiency=prof)
    return workers, np.arange(m), np.ones(count)


def test_freelance_substitution_hits_each_occupation_by_its_automatable_share():
    """Block ``automation`` in the freelance market (rules/freelance.substitution): ordinary
    demand for an occupation's tasks falls by ``substitutable_demand_loss`` per unit of its
    automatable share (exposure x capability), so a freelancer in a more exposed occupation
    loses more of their work; with the block off nobody loses any. Demand exceeds the two
    freelancers' capacity, so the substitution alone sets their use."""
    exposure = np.array([0.2, 0.8])
    occupations = SimpleNamespace(exposure=exposure)
    workers, who, covered = freelancers([0, 1])
    params = Params().replace("ai", new_work=False)
    frontier = 0.5
    use, specialist = freelancing.task_market_use(workers, who, covered, occupations,
                                                  params=params, frontier=frontier, cycle=0.0)
    loss = params.freelance.substitutable_demand_loss
    np.testing.assert_allclose(use, 1.0 - loss * exposure * frontier)
    assert use[1] < use[0] and (specialist == 0).all()
    off = params.replace("ai", automation=False)
    use, _ = freelancing.task_market_use(workers, who, covered, occupations, params=off,
                                         frontier=frontier, cycle=0.0)
    np.testing.assert_allclose(use, 1.0)


def specialist_use(params: Params, relative_capability: float) -> np.ndarray:
    """Share of capacity the AI-specialist market uses, for 200 proficient AI users among
    1,000 people, at ``relative_capability`` times the capability at arrival."""
    workers, who, covered = freelancers(np.zeros(200, dtype=np.int64), ai_user=True,
                                        proficiency=0.8)
    occupations = SimpleNamespace(exposure=np.full(1, 0.5))
    frontier = params.ai.capability_start * relative_capability
    _, use = freelancing.task_market_use(workers, who, covered, occupations, params=params,
                                         frontier=frontier, cycle=0.0)
    return use


def test_ai_specialist_freelance_demand_grows_with_its_growth_rate_and_capability():
    """Block ``new_work`` in the freelance market (rules/freelance.specialist_share):
    AI-specialist demand is ``ai_specialist_share * ai_specialist_growth * (C / C0 - 1)`` of
    ordinary demand, none at the capability of arrival. Below the specialists' capacity, the
    share of it they sell is proportional to the growth rate and to the capability gained."""
    params = Params().replace("ai", automation=False)
    growth = params.freelance.ai_specialist_growth
    base = specialist_use(params, 1.5)
    assert base.min() > 0 and base.max() < 0.5  # not saturated: the shares can double
    np.testing.assert_allclose(base, base[0])  # one market, shared by capacity
    doubled = params.replace("freelance", ai_specialist_growth=2 * growth)
    np.testing.assert_allclose(specialist_use(doubled, 1.5), 2 * base)
    np.testing.assert_allclose(specialist_use(params, 2.0), 2 * base)
    assert (specialist_use(params, 1.0) == 0).all()


# ---------------------------------------------------------------- augmentation
def one_user_gain(*, proficiency=1.0, rank=0.0, frontier=1.0, frontier_gain, cap=10.0,
                  hourly_cap) -> float:
    """Gain of one user in a job at the exposure where the job cap was measured."""
    return float(augmentation.ai_gain(
        proficiency=np.array([proficiency]), rank=np.array([rank]),
        exposure=np.array([augmentation.CAP_EXPOSURE]), frontier=frontier,
        frontier_gain=frontier_gain, hourly_cap=hourly_cap, cap=cap, outside_loss=0.5)[0])


def test_the_gain_per_hour_with_ai_stops_at_the_hourly_cap():
    """rules/augmentation.ai_gain: the gain per hour with AI inside the frontier is capped at
    ``ai.hourly_gain_cap``, before the job's cap and the losses outside the frontier: past the
    cap a stronger frontier gain adds nothing, below it the gain is the uncapped one."""
    h = Params().ai.hourly_gain_cap
    hours = augmentation.CAP_EXPOSURE  # a fully proficient user
    assert one_user_gain(frontier_gain=h, hourly_cap=h) == pytest.approx(hours * h)
    assert one_user_gain(frontier_gain=10 * h, hourly_cap=h) == pytest.approx(hours * h)
    below = 0.2 * h  # per hour 2 * (1 - rank) * frontier * g = 0.4 h for the least skilled
    assert one_user_gain(frontier_gain=below, hourly_cap=h) == pytest.approx(hours * 0.4 * h)
    # the loss outside the frontier comes off the capped gain
    p, r, c = 0.5, 0.2, 0.9
    hours = p * augmentation.CAP_EXPOSURE
    expected = hours * h - hours * (1 - c) * 0.5 * r * (1 - p)
    assert one_user_gain(proficiency=p, rank=r, frontier=c, frontier_gain=10 * h,
                         hourly_cap=h) == pytest.approx(expected)
    # and the job cap still binds after it
    assert one_user_gain(frontier_gain=10 * h, hourly_cap=h, cap=0.34) == pytest.approx(0.34)


# ---------------------------------------------------------------- outside offers
def test_the_captured_share_of_the_ai_gain_stays_between_none_and_all_of_it():
    """rules/outside_offers.captured_share: pay above the wage rule with the whole AI gain
    carries all of the gain (share one), pay at or below the rule without AI none of it
    (share zero), and in between the share of the gain the raise is."""
    rng = np.random.default_rng(12)
    base = rng.uniform(50.0, 150.0, 2000)
    gain = rng.uniform(0.01, 0.5, 2000)
    wage = base * rng.uniform(0.7, 1.8, 2000)
    share = outside_offers.captured_share(wage, base, gain)
    above, below = wage >= base * (1 + gain), wage <= base
    assert above.sum() > 100 and below.sum() > 100  # both sides are tested
    assert (share[above] == 1.0).all() and (share[below] == 0.0).all()
    between = ~above & ~below
    np.testing.assert_allclose(share[between], (wage / base - 1)[between] / gain[between])


# ---------------------------------------------------------------- unit costs
def test_only_labors_share_of_unit_cost_moves_with_ai():
    """The unit cost the model prices on (ai.unit_costs, rules/competition.relative_unit_cost)
    is ``1 - alpha + alpha * l``, ``alpha`` being ``firms.labor_cost_share``: in the first
    month of two economies that differ only in it (the state before prices are set is the
    same), every firm's change in unit cost is in proportion to ``alpha``."""
    params = load_scenario("baseline", ["population.workers=2000"]).params
    for seed in (3, 4):
        costs = {}
        for alpha in (0.4, 0.8):
            model = LaborMarket(params.replace("firms", labor_cost_share=alpha), seed=seed,
                                burn_in=False)
            model.step()
            costs[alpha] = model.now.unit_cost
        moved = np.abs(costs[0.4] - 1.0) > 1e-6
        assert moved.sum() >= 5  # enough firms whose cost AI moved in the first month
        np.testing.assert_allclose((costs[0.8] - 1.0)[moved], 2 * (costs[0.4] - 1.0)[moved],
                                   rtol=1e-9)
