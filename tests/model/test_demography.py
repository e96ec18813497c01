"""Ages, exits and entrants (sim/model/rules/demography.py) and the stationarity of the no-AI
economy they are built for: rule kernels on hand-built arrays and closed forms, a long
simulation of the hazard alone, and model runs across seeds (tolerances from the variance
over seeds, never one lucky seed)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from sim import LaborMarket, load_scenario
from sim.model.rules import demography
from sim.model.state import EMPLOYED, ENTRY, FREELANCE, NONPARTICIPANT, UNEMPLOYED
from sim.model.streams import replicate_seeds

SEEDS = replicate_seeds(1313, 8)
ENTRY_MIN, ENTRY_MAX = 22, 25  # the defaults of [careers]


def t_bound(samples: np.ndarray, level: float = 0.998) -> tuple[np.ndarray, np.ndarray]:
    """Mean over seeds (axis 0) and the half-width of its two-sided t-interval."""
    n = samples.shape[0]
    se = samples.std(axis=0, ddof=1) / np.sqrt(n)
    return samples.mean(axis=0), stats.t.ppf(0.5 + level / 2, n - 1) * se


# ---------------------------------------------------------------- rule kernels
@pytest.mark.parametrize("entry_age_max", [25, 30])
def test_exit_hazard_is_zero_until_after_entry_rises_and_is_one_at_the_last_age(entry_age_max):
    hazard = demography.exit_hazard(entry_age_max)
    assert len(hazard) * 12 == demography.max_age_months()  # index = age in whole years
    assert (hazard[:entry_age_max + 1] == 0.0).all()  # nobody leaves before the last entry age
    assert ((hazard >= 0.0) & (hazard < 1.0)).all()
    assert (np.diff(hazard[entry_age_max + 1:]) >= 0.0).all()  # rises with age
    assert hazard[60] > 5 * hazard[40] > 0.0  # exits are concentrated at old age
    monthly = demography.monthly_hazard(entry_age_max)  # index = age in months
    np.testing.assert_array_equal(monthly[:-1], np.repeat(hazard, 12)[:-1])
    assert monthly[-1] == 1.0  # everybody leaves by the end of the last age


def test_stationary_ages_are_a_distribution_that_balances_exits_with_entries():
    ages = demography.stationary_ages(ENTRY_MIN, ENTRY_MAX)
    assert ages.sum() == pytest.approx(1.0)
    assert (ages >= 0).all() and (ages[:ENTRY_MIN * 12] == 0).all()
    # One month of the cohort-component identity: survivors age a month, entrants replace the
    # leavers at the entry ages, and the distribution comes back to itself.
    hazard = demography.monthly_hazard(ENTRY_MAX)
    entering = demography.entrant_age_pmf(ENTRY_MIN, ENTRY_MAX)
    leavers = (ages * hazard).sum()
    np.testing.assert_allclose(ages[:-1] * (1.0 - hazard[:-1]) + leavers * entering[1:],
                               ages[1:], atol=1e-15)


@pytest.fixture(scope="module")
def hazard_alone():
    """20,000 people under the exit hazard alone for 250 years, starting as one cohort of
    entrants (far from the stationary distribution): the age-group shares and the share
    fewer than 36 months into their careers, in the last 50 years (every 5 years)."""
    rng = np.random.default_rng(2024)
    n = 20_000
    hazard = demography.monthly_hazard(ENTRY_MAX)
    entering = demography.entrant_age_pmf(ENTRY_MIN, ENTRY_MAX)
    age = demography.draw_ages(entering, rng.random(n)).astype(np.int64)
    entry = age.copy()
    groups, early = [], []
    for month in range(3000):
        out = demography.leaving(age, rng.random(n), hazard)
        age[out] = entry[out] = demography.draw_ages(entering, rng.random(len(out)))
        if month >= 2400 and month % 60 == 0:
            groups.append(np.bincount(demography.age_group(age), minlength=4) / n)
            early.append(((age - entry) < 36).mean())
        age += 1
    return n, np.mean(groups, axis=0), float(np.mean(early))


def test_stationary_ages_are_where_the_hazard_alone_leads(hazard_alone):
    n, simulated, _ = hazard_alone
    ages = demography.stationary_ages(ENTRY_MIN, ENTRY_MAX)
    expected = np.bincount(demography.age_group(np.arange(len(ages))), weights=ages)
    se = np.sqrt(expected * (1 - expected) / n)  # one snapshot (the average is less noisy)
    np.testing.assert_array_less(np.abs(simulated - expected), 4 * se)


def test_early_career_share_is_the_stationary_share_of_beginners(hazard_alone):
    n, _, simulated = hazard_alone
    share = demography.early_career_share(ENTRY_MIN, ENTRY_MAX, 36)
    assert abs(simulated - share) < 4 * np.sqrt(share * (1 - share) / n)
    # Nobody leaves in their first 49 months (no exits before 30): the share is linear there.
    assert demography.early_career_share(ENTRY_MIN, ENTRY_MAX, 48) == pytest.approx(
        2 * demography.early_career_share(ENTRY_MIN, ENTRY_MAX, 24))
    shares = [demography.early_career_share(ENTRY_MIN, ENTRY_MAX, m) for m in (0, 12, 120, 900)]
    assert shares[0] == 0.0 and shares[0] < shares[1] < shares[2] < shares[3]
    assert shares[3] == pytest.approx(1.0)


def test_stationary_ages_follow_the_cps_table_from_age_25():
    """The table the hazard is derived from comes back, except for its youngest group: with
    entry spread over 22-25, the model has about half the CPS share at 22-24."""
    first, last, share = demography.age_table()
    by_year = demography.stationary_ages(ENTRY_MIN, ENTRY_MAX).reshape(-1, 12).sum(axis=1)
    model = np.array([by_year[a:b + 1].sum() for a, b in zip(first, last, strict=True)])
    np.testing.assert_allclose(model[1:], share[1:], atol=0.015)
    assert 0.3 * share[0] < model[0] < share[0]


def test_draw_ages_inverts_the_cdf_and_never_draws_an_impossible_age():
    pmf = np.array([0.0, 0.25, 0.0, 0.75])
    drawn = demography.draw_ages(pmf, np.array([0.0, 0.2, 0.2499, 0.25, 0.6, 0.999999]))
    assert drawn.tolist() == [1, 1, 1, 3, 3, 3] and drawn.dtype == np.int16
    entering = demography.entrant_age_pmf(ENTRY_MIN, ENTRY_MAX)
    rng = np.random.default_rng(5)
    n = 200_000
    ages = demography.draw_ages(entering, rng.random(n))
    assert ages.min() >= ENTRY_MIN * 12 and ages.max() < (ENTRY_MAX + 1) * 12
    counts = np.bincount(ages, minlength=len(entering))[entering > 0]
    expected = n * entering[entering > 0]
    chi2 = ((counts - expected) ** 2 / expected).sum()
    assert chi2 < stats.chi2.ppf(0.999, len(counts) - 1)  # uniform over the entry months


def test_leaving_uses_the_hazard_of_the_age_in_months():
    hazard = np.zeros(75 * 12)
    hazard[30 * 12:31 * 12], hazard[-1] = 0.5, 1.0
    age = np.array([30 * 12, 30 * 12 + 11, 29 * 12 + 11, 75 * 12 - 1, 30 * 12])
    draws = np.array([0.49, 0.49, 0.0, 0.99, 0.5])
    assert demography.leaving(age, draws, hazard).tolist() == [0, 1, 3]


def test_age_groups_have_inclusive_bounds_in_years():
    years = np.array([22, 25, 26, 34, 35, 49, 50, 74])
    for months in (0, 11):
        got = demography.age_group(years * 12 + months)
        assert got.tolist() == [0, 0, 1, 1, 2, 2, 3, 3]
    assert len(demography.AGE_GROUPS) == len(demography.AGE_GROUP_NAMES) == 4


# ---------------------------------------------------------------- entrants in the model
def test_entrants_replace_leavers_one_for_one_with_new_ids_unemployed_at_entry_ages():
    params = load_scenario("no_ai").params.replace("population", workers=3000)
    depreciation = params.careers.depreciation
    for seed in SEEDS[:2]:
        model = LaborMarket(params, seed=seed)
        w = model.workers
        n, entrants = w.count, 0
        for _ in range(36):
            person, next_person = w.person.copy(), model.next_person
            age_before = w.age_months.copy()
            model.step()
            new = np.flatnonzero(w.person != person)
            entrants += len(new)
            assert w.count == n  # the population keeps its size
            assert len(new) == model.now.counts.entrants
            assert sorted(w.person[new]) == list(range(next_person, model.next_person))
            assert len(np.unique(w.person)) == n
            assert (age_before[new] >= 30 * 12).all()  # no exits before the hazard starts
            assert w.age_months.max() <= demography.max_age_months() - 1
            # entrants start their careers unemployed, at an entry age, with nothing behind them
            assert (model.now.status_start[new] == UNEMPLOYED).all()
            assert ((w.entry_age[new] >= ENTRY_MIN * 12)
                    & (w.entry_age[new] < (ENTRY_MAX + 1) * 12)).all()
            assert (w.age_months[new] == w.entry_age[new] + 1).all()
            assert (w.stage[new] == ENTRY).all() and (w.experience[new] <= 1).all()
            working = (w.status[new] == EMPLOYED) | (w.status[new] == FREELANCE)
            np.testing.assert_allclose(w.human_capital[new],
                                       np.where(working, 1.0, 1.0 - depreciation))
            assert model.now.counts.retirements <= len(new)
        assert entrants > 0.005 * n * 3  # about 2% of people leave a year


def test_exits_hit_the_same_rows_in_every_arm():
    """Common random numbers for demography: exits depend on age alone, so the arms with and
    without AI lose the same people and receive the same entrants, whatever else differs."""
    size = ("population", {"workers": 2000})
    arms = [LaborMarket(load_scenario(name).params.replace(size[0], **size[1]), seed=SEEDS[2])
            for name in ("no_ai", "baseline")]
    for _ in range(24):
        for model in arms:
            model.step()
        a, b = (model.workers for model in arms)
        for name in ("person", "age_months", "entry_age", "ability", "ai_propensity"):
            np.testing.assert_array_equal(getattr(a, name), getattr(b, name), err_msg=name)
        assert arms[0].now.counts.entrants == arms[1].now.counts.entrants
    assert arms[0].next_person > arms[0].workers.count  # people did leave
    assert not np.array_equal(a.status, b.status)  # and the arms differ otherwise


# ---------------------------------------------------------------- the no-AI decade
@pytest.fixture(scope="module")
def no_ai_decade():
    """No-AI economies of 3,000 people, 10 reported years after the burn-in, one per seed:
    per month the age-group shares, participation, unemployment by age group, mean human
    capital, mean productivity without AI (``skill``) and the long-term unemployment share."""
    params = load_scenario("no_ai").params.replace("population", workers=3000)
    runs = []
    for seed in SEEDS:
        model = LaborMarket(params, seed=seed)
        w = model.workers
        months = []
        for _ in range(120):
            model.step()
            group = demography.age_group(w.age_months)
            in_force = w.status != NONPARTICIPANT
            unemployed = w.status == UNEMPLOYED
            people = np.bincount(group, minlength=4)
            force = np.bincount(group, weights=in_force, minlength=4)
            months.append(np.r_[people / w.count, in_force.mean(),
                                np.bincount(group, weights=unemployed, minlength=4) / force,
                                w.human_capital.mean(), w.skill.mean(),
                                model.metrics.long_term_unemployment_share])
        runs.append(months)
    return np.array(runs)  # (seed, month, quantity)


AGE_SHARES, PARTICIPATION, UNEMPLOYMENT_BY_AGE = slice(0, 4), 4, slice(5, 9)
HUMAN_CAPITAL, SKILL, LONG_TERM = 9, 10, 11


def drift(decade: np.ndarray, quantity) -> np.ndarray:
    """Per seed: the last reported year's mean minus the first year's."""
    return decade[:, -12:, quantity].mean(axis=1) - decade[:, :12, quantity].mean(axis=1)


def test_no_ai_age_structure_and_participation_are_stationary_over_a_decade(no_ai_decade):
    ages = demography.stationary_ages(ENTRY_MIN, ENTRY_MAX)
    expected = np.bincount(demography.age_group(np.arange(len(ages))), weights=ages)
    for quantity, power in ((AGE_SHARES, 0.03), (PARTICIPATION, 0.04)):
        mean, half_width = t_bound(drift(no_ai_decade, quantity))
        np.testing.assert_array_less(np.abs(mean), half_width + 1e-12)
        assert np.all(half_width < power)  # tight enough to see a drift of a few points
    # and the age structure is the stationary one the hazard implies
    mean, half_width = t_bound(no_ai_decade[:, :, AGE_SHARES].mean(axis=1))
    np.testing.assert_array_less(np.abs(mean - expected), half_width + 0.002)


def test_no_ai_human_capital_and_productivity_are_stationary_over_a_decade(no_ai_decade):
    """Human capital and productivity without AI start near their stationary levels
    (sim/model/population.py initial_careers and place_workers) and move little over the 10
    reported years: the sorting of ability into jobs keeps moving slowly over a generation (a
    40-year run raises the employed's mean productivity by about 1.5% a decade after the
    burn-in), so the tolerance for productivity is 2% of its level, for human capital half a
    point."""
    for quantity, tolerance in ((HUMAN_CAPITAL, 0.005), (SKILL, 0.02)):
        mean, half_width = t_bound(drift(no_ai_decade, quantity))
        assert abs(mean) < half_width + tolerance, (quantity, mean, half_width)


def test_the_young_are_unemployed_more_than_prime_age_workers(no_ai_decade):
    by_age = no_ai_decade[:, :, UNEMPLOYMENT_BY_AGE].mean(axis=1)  # (seed, age group)
    gap = by_age[:, 0] - by_age[:, 2]  # 22-25 minus 35-49, paired within each seed
    mean, half_width = t_bound(gap)
    assert mean - half_width > 0.0


def test_falling_callbacks_lower_the_job_finding_of_those_long_without_work():
    """Duration dependence (sim/model/rules/duration.py): with callbacks that fall with the
    months without work, the unemployed who have been without work for a year or more find
    jobs less often, relative to those out of work for under two months, than with flat
    callbacks; the same seeds in both arms, 36 months each, the difference paired by seed."""
    def relative_finding(decline: float, seed: int) -> float:
        params = load_scenario("no_ai", [f"market.callback_decline={decline}"]).params.replace(
            "population", workers=3000)
        model = LaborMarket(params, seed=seed)
        found = np.zeros(2)
        seekers = np.zeros(2)
        for _ in range(36):
            w = model.workers
            unemployed = w.status == UNEMPLOYED
            groups = (unemployed & (w.months_without_work < 2),
                      unemployed & (w.months_without_work >= 12))
            model.step()
            for i, group in enumerate(groups):
                seekers[i] += group.sum()
                found[i] += (group & (w.status == EMPLOYED)).sum()
        short, long = found / seekers
        return long / short

    gaps = np.array([relative_finding(0.0, s) - relative_finding(0.45, s) for s in SEEDS])
    mean, half_width = t_bound(gaps)
    assert mean - half_width > 0.0
