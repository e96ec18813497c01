"""Unit tests of the rule kernels (sim/model/rules): exact values on tiny fixtures, closed forms."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.special import ndtr

from sim.model.rules import (
    demand,
    matching,
    productivity,
    screening,
    separations,
    sorting,
    vacancies,
    wages,
)
from sim.model.state import EMPLOYED, EXPERIENCED, FREELANCE


# ---------------------------------------------------------------- demand
def test_monthly_ar1_preserves_the_stationary_sd_and_compounds_persistence():
    rho, sd = demand.monthly_ar1(0.885, 0.3, 1 / 12)
    assert rho**12 == pytest.approx(0.885)
    assert demand.stationary_sd(rho, sd) == pytest.approx(0.3)


def test_ar1_process_has_its_stationary_moments():
    rng = np.random.default_rng(0)
    rho, sd = demand.monthly_ar1(0.878, 0.02, 1 / 3)
    x = np.full(20_000, -0.5 * 0.02**2)
    for _ in range(400):
        x = demand.ar1_step(x, persistence=rho, innovation_sd=sd, stationary=0.02,
                            shocks=rng.standard_normal(x.size))
    # sd of the sample sd of n normals is about sd / sqrt(2n): a 5-sigma band
    assert x.std() == pytest.approx(0.02, abs=5 * 0.02 / np.sqrt(2 * x.size))
    assert np.exp(x).mean() == pytest.approx(1.0, abs=5 * 0.02 / np.sqrt(x.size))


def test_firm_shocks_reallocate_demand_without_moving_the_aggregate():
    rng = np.random.default_rng(1)
    scale = rng.pareto(1.06, 500) + 1
    requirement = np.ones(500 * 2) * 0.5
    for cycle in (0.0, 0.05):
        shocks = rng.normal(0, 0.3, 500)
        demanded = demand.labor_demand(scale=scale, requirement=requirement, cycle=cycle,
                                       demand_shock=shocks)
        assert demanded.sum() == pytest.approx(np.exp(cycle) * scale.sum())


def test_whole_positions_round_each_firm_and_share_by_largest_remainder():
    got = demand.whole_positions(np.array([0.4, 0.4, 0.3, 1.6, 0.2, 0.0, 2.5, 0.5, 0.0]), 3)
    np.testing.assert_array_equal(got, [1, 0, 0, 2, 0, 0, 3, 0, 0])  # ties: lower code first
    rng = np.random.default_rng(2)
    x = rng.gamma(0.3, 2.0, size=(2000, 9))
    w = demand.whole_positions(x.ravel(), 9).reshape(-1, 9)
    np.testing.assert_array_equal(w.sum(axis=1), np.floor(x.sum(axis=1) + 0.5))
    assert ((w >= np.floor(x)) & (w <= np.ceil(x))).all()


# ---------------------------------------------------------------- productivity
def test_positions_covered_is_one_without_ai_and_cell_sums_add_up():
    skill = np.array([0.5, 1.0, 2.0])
    prod = productivity.worker_productivity(skill)
    np.testing.assert_array_equal(productivity.positions_covered(prod, skill), np.ones(3))
    np.testing.assert_allclose(productivity.cell_sum(np.array([0, 2, 2]), prod, 4),
                               [0.5, 0.0, 3.0, 0.0])
    np.testing.assert_allclose(
        productivity.expected_positions_per_hire(
            np.array([0, 0, 1, 1]), np.array([1.0, 3.0, 1.0, 9.0]),
            np.array([True, True, True, False]), 3), [2.0, 1.0, 1.0])


# ---------------------------------------------------------------- separations
def test_quits_pick_only_employed_workers_below_the_rate():
    employed = np.array([True, True, False, True])
    draws = np.array([0.001, 0.5, 0.001, 0.009], dtype=np.float32)
    np.testing.assert_array_equal(separations.quits(employed, draws, 0.01), [0, 3])


def test_layoffs_take_the_lowest_scores_until_the_excess_is_shed():
    workers = np.arange(6)
    cells = np.array([0, 0, 0, 1, 1, 1])
    covered = np.ones(6)
    score = np.array([3.0, 1.0, 2.0, 0.5, 0.1, 0.9])
    laid = separations.choose_layoffs(workers=workers, cells=cells, covered=covered, score=score,
                                      to_shed=np.array([2.0, 0.4]))
    np.testing.assert_array_equal(np.sort(laid), [1, 2])  # cell 1 has less than half a position
    laid = separations.choose_layoffs(workers=workers, cells=cells, covered=covered, score=score,
                                      to_shed=np.array([0.6, 1.4]))
    np.testing.assert_array_equal(np.sort(laid), [1, 4])  # a second worker is less than half in
    laid = separations.choose_layoffs(workers=workers, cells=cells, covered=covered, score=score,
                                      to_shed=np.array([0.6, 1.5]))
    np.testing.assert_array_equal(np.sort(laid), [1, 3, 4])  # ... or exactly half


@pytest.mark.parametrize("rule, expected_first", [("productivity", 2), ("seniority", 1)])
def test_layoff_rules_order_workers(rule, expected_first):
    prod = np.array([1.0, 2.0, 0.5])
    tenure = np.array([40, 3, 100])
    scores = separations.layoff_scores(rule=rule, productivity=prod, tenure=tenure,
                                       noise=np.zeros(3), screening_error=np.zeros(3))
    assert np.argmin(scores) == expected_first


def test_unknown_layoff_rule_is_refused():
    with pytest.raises(ValueError, match="productivity, seniority, random"):
        separations.layoff_scores(rule="oldest", productivity=np.ones(2), tenure=np.ones(2),
                                  noise=np.zeros(2), screening_error=np.zeros(2))


# ---------------------------------------------------------------- vacancies
def test_vacancies_close_the_gap_in_whole_hires_and_open_only_old_ones():
    np.testing.assert_array_equal(
        vacancies.vacancies_wanted(np.array([5, 2, 3]), np.array([2.0, 3.0, 2.4]), np.ones(3)),
        [3, 0, 1])
    np.testing.assert_array_equal(
        vacancies.open_for_applications(np.array([2, 0, 3]), np.array([1, 4, 3])), [1, 0, 3])


# ---------------------------------------------------------------- screening
def test_screening_error_gives_the_stated_validity():
    rng = np.random.default_rng(3)
    log_p = rng.normal(0, 0.4, 200_000)
    error = screening.error_sd(np.array([0.4]), 0.5)[0]
    assessed = screening.assess(np.exp(log_p), error, rng.standard_normal(log_p.size))
    # sampling sd of a correlation is about (1 - r^2) / sqrt(n)
    assert np.corrcoef(assessed, log_p)[0, 1] == pytest.approx(0.5, abs=5 * 0.75 / np.sqrt(2e5))


# ---------------------------------------------------------------- wages
def test_wage_rule_and_wage_curve():
    level = wages.pay_level(np.array([100.0]), np.array([0.10]), 0.05, -0.1)
    assert level[0] == pytest.approx(100.0 * 2.0**-0.1)
    assert wages.wage_rule(level, np.array([2.0]), np.array([np.log(1.1)]))[0] == pytest.approx(
        level[0] * 2.2)


def test_small_occupations_unemployment_is_shrunk_towards_the_aggregate():
    rate = wages.occupation_unemployment(np.array([0.0, 500.0]), np.array([10.0, 9990.0]))
    aggregate = 500 / 10_000
    assert 0 < rate[0] < aggregate * 0.95
    assert rate[1] == pytest.approx(aggregate, rel=0.01)


def test_reservation_share_declines_to_its_floor():
    share = wages.reservation_share(np.array([0, 12, 10_000]), 0.8, 0.004, 0.4)
    np.testing.assert_allclose(share, [0.8, 0.8 * 0.996**12, 0.4])


def test_recruiting_premium_rises_while_most_vacancies_go_unfilled_and_stays_positive():
    got = wages.update_recruiting_premium(np.array([0.0, 0.005, 0.1, 0.2]),
                                          np.array([4, 4, 0, 10]), np.array([3, 2, 0, 1]), 0.01)
    np.testing.assert_allclose(got, [0.01, 0.0, 0.09, 0.19])


# ---------------------------------------------------------------- matching
def _match(productivity_, min_wage, min_share, vacancies_, premium, rounds=3, employer=None,
           occupation=None, apps=None, slot_draws=None, skill=None, passes=None, screens=None,
           standard=-5.0, match_draws=None, match_sd=0.0, new_work=None,
           proficient=None, pay_productivity=None, wage=None, incumbent=None):
    """Run search_and_match on a one-occupation fixture with no screening error: everybody
    is experienced, ``vacancies_`` (one per firm) are experienced positions, no match noise
    and no hiring standard unless asked."""
    n = len(productivity_)
    applicant = np.arange(n) if apps is None else apps
    k = 1
    productivity_ = np.asarray(productivity_, dtype=float)
    search = matching.Search(
        seekers=np.arange(n), applicant=applicant,
        min_wage=np.asarray(min_wage, dtype=float),
        min_market_share=np.asarray(min_share, dtype=float),
        occupation_draws=np.zeros(len(applicant)),
        slot_draws=np.zeros(len(applicant)) if slot_draws is None else slot_draws,
        screening_uniforms=np.full(len(applicant), 0.5),  # standard normal draws of zero
        match_uniforms=np.full(len(applicant), 0.5) if match_draws is None
        else ndtr(match_draws))
    workforce = matching.Workforce(
        occupation=np.zeros(n, dtype=np.int64) if occupation is None else occupation,
        employer=np.full(n, -1) if employer is None else employer,
        skill=productivity_ if skill is None else np.asarray(skill, dtype=float),
        productivity=productivity_, ranked=productivity_,
        pay_productivity=productivity_ if pay_productivity is None
        else np.asarray(pay_productivity, dtype=float),
        ability=np.zeros(n), match=np.zeros(n), career=np.full(n, 120), portable=np.ones(n),
        passes_ai_screen=np.ones(n, dtype=bool) if passes is None else np.asarray(passes),
        passes_new_work=np.ones(n, dtype=bool) if proficient is None
        else np.asarray(proficient),
        wage=np.zeros(n) if wage is None else np.asarray(wage, dtype=float),
        incumbent_value=np.zeros(n) if incumbent is None else np.asarray(incumbent, dtype=float))
    per_firm = np.asarray(vacancies_)
    vacancies = np.zeros(2 * len(per_firm), dtype=per_firm.dtype)
    vacancies[EXPERIENCED::2] = per_firm
    market = matching.Market(
        vacancies=vacancies, mobility_cdf=np.ones((k, k)),
        log_skill_sd=np.zeros(k), screening_error=np.zeros(k), pay_level=np.array([100.0]),
        pay_premium=np.asarray(premium, dtype=float),
        screens_for_ai=np.zeros(len(premium), dtype=bool) if screens is None
        else np.asarray(screens),
        new_work_open=np.zeros(len(vacancies), dtype=np.int64) if new_work is None
        else np.repeat(np.asarray(new_work), 2) * np.tile([0, 1], len(per_firm)))
    standards = matching.Standards(promotion_months=36, switch_loss=0.25, match_sd=match_sd,
                                   hiring_standard=standard, offer_rounds=rounds)
    return matching.search_and_match(search, workforce, market, standards)


def test_new_ai_work_vacancies_take_only_proficient_applicants():
    # one firm, one vacancy, new AI work: the best applicant is not proficient, so the next one
    # gets it; without the requirement the best one would
    hires = _match([1.5, 1.0, 0.7], [0, 0, 0], [0, 0, 0], [1], [0.0], new_work=[1],
                   proficient=[False, True, True])
    assert hires.workers.tolist() == [1] and hires.new_work.tolist() == [True]
    plain = _match([1.5, 1.0, 0.7], [0, 0, 0], [0, 0, 0], [1], [0.0],
                   proficient=[False, True, True])
    assert plain.workers.tolist() == [0] and plain.new_work.tolist() == [False]


def test_a_poacher_bids_the_required_raise_up_to_its_value_of_the_worker():
    # an employee whose pay carries none of their AI gain (paid for 1.0, produces 1.3) earns
    # 100; they need 110 to move. The poacher posts 100 on what it pays for but values them
    # at 130, so it bids 110. Without AI (value = posted = 100) it could not win them.
    hires = _match([1.3], [110.0], [0.0], [0, 1], [0.0, 0.0], employer=np.array([0]),
                   pay_productivity=[1.0])
    assert hires.workers.tolist() == [0] and hires.wages.tolist() == [110.0]
    none = _match([1.0], [110.0], [0.0], [0, 1], [0.0, 0.0], employer=np.array([0]))
    assert len(none.workers) == 0


def test_an_employer_that_values_the_worker_more_matches_and_the_vacancy_moves_on():
    # worker 0 (employed at firm 0, paid 100, worth 150 there) takes firm 1's bid of 110
    # (they produce 1.3, worth 130 at firm 1): firm 0 values them more, matches up to 130, and
    # firm 1's vacancy goes to its next applicant, worker 1, in the next round
    hires = _match([1.3, 1.0], [110.0, 0.0], [0.0, 0.0], [0, 1], [0.0, 0.0],
                   employer=np.array([0, -1]), pay_productivity=[1.0, 1.0],
                   wage=[100.0, 0.0], incumbent=[150.0, 0.0], slot_draws=np.zeros(2))
    assert hires.retained.tolist() == [0] and hires.retained_wages.tolist() == [130.0]
    assert hires.workers.tolist() == [1]


def test_a_poacher_that_values_the_worker_more_wins_them_paid_the_employers_value():
    # the same worker, now worth only 120 to their employer: they move, paid enough to beat
    # what the employer would have matched (120), below the poacher's value (130)
    hires = _match([1.3], [110.0], [0.0], [0, 1], [0.0, 0.0], employer=np.array([0]),
                   pay_productivity=[1.0], wage=[100.0], incumbent=[120.0])
    assert hires.workers.tolist() == [0] and hires.wages.tolist() == [120.0]
    assert len(hires.retained) == 0


def test_the_vacancy_goes_to_the_applicant_assessed_most_productive():
    hires = _match([1.0, 1.5, 0.7], [0, 0, 0], [0, 0, 0], [1], [0.0])
    np.testing.assert_array_equal(hires.workers, [1])
    assert hires.wages[0] == pytest.approx(150.0)


def test_seekers_do_not_apply_where_pay_is_unacceptable():
    hires = _match([1.0, 1.5], [0, 0], [0.9, 1.2], [1], [np.log(1.1)])
    np.testing.assert_array_equal(hires.workers, [0])  # 1.1 < 1.2 for the better applicant


def test_a_declined_offer_goes_to_the_next_applicant_in_a_later_round():
    # Two vacancies (firms 0 and 1) and three seekers. Seeker 2 is best and applies to both;
    # firm 1 pays more, so seeker 2 declines firm 0, whose offer then goes to seeker 1.
    applicant = np.array([0, 1, 2, 2])
    slot_draws = np.array([0.0, 0.0, 0.0, 0.75])  # slot 0 = firm 0, slot 1 = firm 1
    kwargs = dict(apps=applicant, slot_draws=slot_draws)
    one = _match([1.0, 1.2, 2.0], [0] * 3, [0] * 3, [1, 1], [0.0, 0.2], rounds=1, **kwargs)
    np.testing.assert_array_equal(one.workers, [2])
    two = _match([1.0, 1.2, 2.0], [0] * 3, [0] * 3, [1, 1], [0.0, 0.2], rounds=2, **kwargs)
    np.testing.assert_array_equal(np.sort(two.workers), [1, 2])
    # the experienced cells of firms 1 and 0: cell = (firm * K + occupation) * 2 + stage
    assert dict(zip(two.workers, two.cells, strict=True)) == {2: 3, 1: 1}


def test_nobody_applies_to_their_own_employer_and_no_vacancy_means_no_hire():
    hires = _match([2.0, 1.0], [0, 0], [0, 0], [1], [0.0], employer=np.array([0, -1]))
    np.testing.assert_array_equal(hires.workers, [1])
    assert len(_match([1.0], [0], [0], [0], [0.0]).workers) == 0


def test_application_occupations_follow_the_mobility_rows():
    cdf = np.cumsum(np.array([[1.0, 0.0], [0.25, 0.75]]), axis=1)
    got = matching.application_occupations(np.array([0, 0, 1, 1]), cdf,
                                           np.array([0.1, 0.9, 0.2, 0.3]))
    np.testing.assert_array_equal(got, [0, 0, 0, 1])


def test_first_per_group_picks_the_maximum_of_each_group():
    got = matching.first_per_group(np.array([3, 1, 3, 1, 2]), np.array([0.1, 5.0, 0.7, 2.0, 1.0]))
    np.testing.assert_array_equal(np.sort(got), [1, 2, 4])


def test_ai_gains_win_the_contest_and_the_loser_is_recorded_as_outcompeted():
    # Seeker 0 is more skilled, seeker 1 wins only thanks to AI: 1.0 * (1 + 0.6) > 1.4.
    hires = _match([1.4, 1.6], [0, 0], [0, 0], [1], [0.0], skill=[1.4, 1.0])
    np.testing.assert_array_equal(hires.workers, [1])
    np.testing.assert_array_equal(hires.lost_workers, [0])
    assert not hires.lost_to_policy[0]


def test_the_ai_required_screen_removes_applicants_and_records_policy_losses():
    hires = _match([1.4, 1.0], [0, 0], [0, 0], [1], [0.0], passes=[False, True],
                   screens=[True])
    np.testing.assert_array_equal(hires.workers, [1])
    np.testing.assert_array_equal(hires.lost_workers, [0])
    assert hires.lost_to_policy[0]
    nobody = _match([1.4], [0], [0], [1], [0.0], passes=[False], screens=[True])
    assert len(nobody.workers) == 0 and nobody.lost_to_policy.tolist() == [True]


def test_without_ai_nobody_loses_a_hire():
    hires = _match([1.0, 1.5, 0.7], [0, 0, 0], [0, 0, 0], [1], [0.0])
    assert len(hires.lost_workers) == 0


def test_lost_hire_attribution_agrees_with_a_brute_force_count():
    rng = np.random.default_rng(0)
    for _ in range(200):
        n = int(rng.integers(1, 40))
        slot = np.sort(rng.integers(0, 6, n))
        row, assessed = rng.integers(0, 15, n), rng.normal(size=n)
        free, screened = rng.normal(size=n), rng.random(n) < 0.3
        idx = np.lexsort((-assessed, slot))
        got = matching._lost_hires(row[idx], slot[idx], free[idx], screened[idx])
        expected = []
        for s in np.unique(slot):
            group = np.flatnonzero(slot == s)
            would = group[np.argmax(free[group])]
            open_ = group[~screened[group]]
            does = row[open_[np.argmax(assessed[open_])]] if len(open_) else -1
            if row[would] != does:
                expected.append((row[would], s, screened[would]))
        assert sorted(zip(*got, strict=True)) == sorted(expected)


@pytest.mark.parametrize("descending", [False, True])
def test_group_order_fast_path_agrees_with_lexsort(descending):
    """The one-argsort key sorts as ``lexsort`` does: by group, then by value (ties closer
    than the key's resolution may come in either order)."""
    rng = np.random.default_rng(5)
    group = rng.integers(0, 5_000, size=20_000)
    value = rng.normal(0.0, 1.5, size=group.size)  # the scale of log assessments
    fast = sorting.group_order(group, value, descending)
    slow = np.lexsort((-value if descending else value, group))
    np.testing.assert_array_equal(group[fast], group[slow])
    np.testing.assert_allclose(value[fast], value[slow], rtol=0, atol=1e-6)
    # far above the resolution the two orders are the same element by element
    wide = rng.permutation(np.arange(group.size)) * 1e-3
    np.testing.assert_array_equal(sorting.group_order(group, wide, descending),
                                  np.lexsort((-wide if descending else wide, group)))


def test_group_order_falls_back_to_lexsort_for_large_groups():
    group = np.array([sorting.MAX_FAST_GROUP + 3, 2, sorting.MAX_FAST_GROUP + 3, 2])
    value = np.array([0.5, 0.1, -0.5, 0.2])
    assert sorting.group_order(group, value).tolist() == [1, 3, 2, 0]
    assert sorting.group_order(group, value, descending=True).tolist() == [3, 1, 0, 2]


def test_the_hiring_standard_leaves_a_vacancy_open_rather_than_hire_below_it():
    # ability 0 gives skill 1 (log 0); a match of -0.3 puts the applicant below -0.2
    low_match = np.array([-0.3 / 0.5 + 0.5 * 0.5])  # draw giving log match -0.3 at sd 0.5
    kept = _match([1.0], [0], [0], [1], [0.0], standard=-0.4, match_draws=low_match,
                  match_sd=0.5)
    refused = _match([1.0], [0], [0], [1], [0.0], standard=-0.2, match_draws=low_match,
                     match_sd=0.5)
    assert len(kept.workers) == 1 and kept.match[0] == pytest.approx(-0.3)
    assert len(refused.workers) == 0


def test_an_application_not_called_back_never_reaches_matching():
    """With callbacks at zero after a month without work (decline 1 over 1 month), the
    applications of seekers a month or more without work are dropped; everyone else's stay,
    with the same draws as when callbacks never fall."""
    from sim import LaborMarket, load_scenario
    from sim.model import search as search_module
    from sim.model.streams import stream

    params = load_scenario("no_ai", ["population.workers=3000"]).params
    model = LaborMarket(params, seed=5)
    model.step()

    def applications(decline):
        p = params.replace("market", callback_decline=decline, callback_months=1)
        return search_module.applications(model.workers, model.now, p,
                                          search_rng=stream(9, "search"),
                                          screening_rng=stream(9, "screening"))

    every, called = applications(0.0), applications(1.0)
    w = model.workers
    working = (w.status == EMPLOYED) | (w.status == FREELANCE)
    seeker = every.seekers[every.applicant]
    dropped = ~working[seeker] & (w.months_without_work[seeker] >= 1)
    assert 0 < dropped.sum() < len(seeker)
    np.testing.assert_array_equal(called.applicant, every.applicant[~dropped])
    for name in ("occupation_draws", "slot_draws", "screening_uniforms", "match_uniforms"):
        np.testing.assert_array_equal(getattr(called, name), getattr(every, name)[~dropped])


def test_the_match_drawn_for_the_application_sets_the_pay_of_the_job():
    # same occupation: productivity scales with exp(new match - current match)
    hires = _match([1.0], [0], [0], [1], [0.0], match_draws=np.array([1.0]), match_sd=0.2)
    assert hires.match[0] == pytest.approx(0.2 - 0.02)
    assert hires.wages[0] == pytest.approx(100.0 * np.exp(0.18))


def test_beginners_apply_to_entry_level_positions_only():
    n = 1
    search = matching.Search(
        seekers=np.arange(n), applicant=np.arange(n), min_wage=np.zeros(n),
        min_market_share=np.zeros(n), occupation_draws=np.zeros(n), slot_draws=np.zeros(n),
        screening_uniforms=np.full(n, 0.5), match_uniforms=np.full(n, 0.5))
    market = matching.Market(
        vacancies=np.array([0, 1]), mobility_cdf=np.ones((1, 1)), log_skill_sd=np.zeros(1),
        screening_error=np.zeros(1), pay_level=np.array([100.0]), pay_premium=np.zeros(1),
        screens_for_ai=np.zeros(1, dtype=bool), new_work_open=np.zeros(2, dtype=np.int64))
    standards = matching.Standards(promotion_months=36, switch_loss=0.25, match_sd=0.0,
                                   hiring_standard=-5.0, offer_rounds=3)
    for career, hired in ((12, 0), (36, 1)):
        workforce = matching.Workforce(
            occupation=np.zeros(n, dtype=np.int64), employer=np.full(n, -1), skill=np.ones(n),
            productivity=np.ones(n), ranked=np.ones(n), pay_productivity=np.ones(n),
            ability=np.zeros(n), match=np.zeros(n), career=np.full(n, career),
            portable=np.ones(n), passes_ai_screen=np.ones(n, dtype=bool),
            passes_new_work=np.ones(n, dtype=bool), wage=np.zeros(n),
            incumbent_value=np.zeros(n))
        got = matching.search_and_match(search, workforce, market, standards)
        assert len(got.workers) == hired  # the only vacancy is experienced (cell 1)
