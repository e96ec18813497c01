"""Flows between employment, unemployment and non-participation, match quality and duration
dependence (sim/model/rules/{participation,match_quality,duration}.py): rule kernels on
hand-built arrays, then the flows of the no-AI model against their parameters, pooled over
seeds with binomial standard errors, and the tenure profile of match separations, paired by
seed."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from sim import LaborMarket, load_scenario
from sim.model.rules import duration, match_quality, participation
from sim.model.state import EMPLOYED, FREELANCE, NONPARTICIPANT, UNEMPLOYED
from sim.model.streams import replicate_seeds

SEEDS = replicate_seeds(1717, 6)


# ---------------------------------------------------------------- participation
def test_labor_force_moves_apply_each_status_its_own_hazard():
    status = np.array([EMPLOYED, EMPLOYED, UNEMPLOYED, UNEMPLOYED, NONPARTICIPANT,
                       NONPARTICIPANT, FREELANCE, EMPLOYED])
    draws = np.array([0.029, 0.03, 0.19, 0.2, 0.01, 0.02, 0.0, 0.5])
    leave_job, stop_search, start = participation.labor_force_moves(
        status, draws, employed_exit=0.03, unemployed_exit=0.2, start_search=0.02)
    assert leave_job.tolist() == [0]  # a draw equal to the hazard does not move
    assert stop_search.tolist() == [2]
    assert start.tolist() == [4]  # freelancers never move out of the labor force here
    none = participation.labor_force_moves(status, draws, employed_exit=0.0,
                                           unemployed_exit=0.0, start_search=0.0)
    assert all(len(moved) == 0 for moved in none)


def test_labor_force_moves_happen_at_their_rates():
    rng = np.random.default_rng(3)
    n = 300_000
    status = rng.choice([EMPLOYED, UNEMPLOYED, NONPARTICIPANT, FREELANCE], size=n)
    rates = {"employed_exit": 0.015, "unemployed_exit": 0.15, "start_search": 0.02}
    moved = participation.labor_force_moves(status, rng.random(n), **rates)
    for indices, origin, rate in zip(moved, (EMPLOYED, UNEMPLOYED, NONPARTICIPANT),
                                     rates.values(), strict=True):
        exposed = (status == origin).sum()
        assert (status[indices] == origin).all()
        assert abs(len(indices) / exposed - rate) < 4 * np.sqrt(rate * (1 - rate) / exposed)


# ---------------------------------------------------------------- match quality
def test_match_quality_has_mean_one_in_levels_and_its_sd_in_logs():
    rng = np.random.default_rng(4)
    n = 400_000
    for sd in (0.1, 0.2, 0.5):
        log_match = match_quality.draw(rng.standard_normal(n), sd)
        level_sd = np.sqrt(np.exp(sd**2) - 1.0)  # of a mean-one lognormal
        assert abs(np.exp(log_match).mean() - 1.0) < 4 * level_sd / np.sqrt(n)
        assert log_match.std() == pytest.approx(sd, rel=4 / np.sqrt(2 * n))
    assert (match_quality.draw(np.linspace(-3, 3, 7), 0.0) == 0.0).all()  # no spread, no match


def test_only_known_matches_are_shocked():
    known = np.array([True, True, False, True])
    draws = np.array([0.01, 0.5, 0.0, 0.02])
    assert match_quality.shocked(known, draws, 0.02).tolist() == [0]
    assert match_quality.shocked(known, draws, 0.0).tolist() == []


def test_poor_matches_are_known_employed_matches_below_the_floor():
    employed = np.array([True, True, True, True, False, True])
    tenure = np.array([3, 2, 3, 10, 10, 10])
    match = np.array([-0.3, -0.9, -0.25, -0.26, -0.9, 0.2])
    got = match_quality.poor_matches(employed, tenure, match, learning_months=3, floor=-0.25)
    # known from tenure 3 on; at the floor is not below it; only the employed
    assert got.tolist() == [0, 3]
    assert match_quality.poor_matches(employed, tenure, match, learning_months=0,
                                      floor=-0.25).tolist() == [0, 1, 3]


# ---------------------------------------------------------------- duration dependence
def test_callbacks_fall_linearly_with_the_spell_then_level_off():
    months = np.arange(0, 30)
    chance = duration.callback_chance(months, 0.45, 8)
    assert chance[0] == 1.0
    np.testing.assert_allclose(chance[8:], 0.55)
    np.testing.assert_allclose(np.diff(chance[:9]), -0.45 / 8)
    assert (np.diff(chance) <= 0).all() and ((chance > 0) & (chance <= 1)).all()
    assert (duration.callback_chance(months, 0.0, 8) == 1.0).all()  # the off switch
    assert (duration.callback_chance(months, 1.0, 1)[1:] == 0.0).all()


# ---------------------------------------------------------------- the model's flows
def test_labor_force_flows_run_at_their_rates_and_the_books_balance():
    """CPS-style gross flows measured from the statuses at the start and end of each month.

    U->N and N->U are exactly the hazards (nothing else moves those people first), E->N is the
    hazard of employees plus that of quitters, who are unemployed when the participation draw
    is applied; pooled over seeds and months, each within four binomial standard errors. The
    non-participants change only by these flows and by direct hires."""
    params = load_scenario("no_ai").params.replace("population", workers=3000)
    c, quit_rate = params.careers, params.market.quit_rate
    exposed = np.zeros(3)
    moved = np.zeros(3)
    direct_hires = 0
    for seed in SEEDS[:2]:
        model = LaborMarket(params, seed=seed)
        w = model.workers
        for _ in range(36):
            model.step()
            start, end, counts = model.now.status_start, w.status, model.now.counts
            for i, (origin, destination) in enumerate(((EMPLOYED, NONPARTICIPANT),
                                                       (UNEMPLOYED, NONPARTICIPANT),
                                                       (NONPARTICIPANT, UNEMPLOYED))):
                exposed[i] += (start == origin).sum()
                moved[i] += ((start == origin) & (end == destination)).sum()
            outside_before = (start == NONPARTICIPANT).sum()
            assert (end == NONPARTICIPANT).sum() == (
                outside_before + counts.labor_force_exits - counts.labor_force_entries
                - counts.hires_from_nonparticipation)
            direct_hires += counts.hires_from_nonparticipation
    expected = np.array([(1 - quit_rate) * c.employed_exit_rate
                         + quit_rate * c.unemployed_exit_rate,
                         c.unemployed_exit_rate, c.nonparticipant_search_rate])
    observed = moved / exposed
    np.testing.assert_array_less(np.abs(observed - expected),
                                 4 * np.sqrt(expected * (1 - expected) / exposed))
    assert direct_hires > 0  # N->E happens, through matching


def test_match_separations_are_concentrated_at_short_tenure():
    """Matches are learned at tenure ``market.match_learning_months``: poor ones end then, and
    afterwards only shocked matches that fall below the floor do. The monthly hazard of a
    ``match`` layoff by tenure at the start of the month (from the event log), at tenure up
    to one month past the learning time against later tenure, paired by seed."""
    params = (load_scenario("no_ai").params.replace("population", workers=3000)
              .replace("run", events=True))
    learned = params.market.match_learning_months
    ratios, gaps = [], []
    for seed in SEEDS:
        model = LaborMarket(params, seed=seed)
        w = model.workers
        exposed = np.zeros(600)
        ended = np.zeros(600)
        for _ in range(24):
            employed, tenure = w.status == EMPLOYED, w.tenure.copy()
            logged = len(model.events.records)
            model.step()
            exposed += np.bincount(np.minimum(tenure[employed], 599), minlength=600)
            matches = [r["worker"][r["cause"] == "match"] for r in model.events.records[logged:]]
            matches = np.concatenate(matches) if matches else np.zeros(0, dtype=np.int64)
            assert len(matches) == model.now.counts.match_separations
            assert (model.now.status_start[matches] == EMPLOYED).all()
            ended += np.bincount(np.minimum(tenure[matches], 599), minlength=600)
        assert ended[:learned].sum() == 0  # nothing is known before the learning time
        short = ended[learned:learned + 2].sum() / exposed[learned:learned + 2].sum()
        later = ended[learned + 2:].sum() / exposed[learned + 2:].sum()
        gaps.append(short - later)
        ratios.append(short / later)
    n = len(SEEDS)
    gaps = np.array(gaps)
    half_width = stats.t.ppf(0.999, n - 1) * gaps.std(ddof=1) / np.sqrt(n)
    assert gaps.mean() - half_width > 0.0
    assert np.median(ratios) > 3.0  # concentrated, not just higher
