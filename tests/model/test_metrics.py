"""The metrics by age group and by occupation (sim/model/metrics.py): declared with the names
and units others rely on, computed as the state says when counted by hand, and adding up to
the market-wide metrics; and the AI-market metrics (sim/model/metrics_ai.py): on small states
built by hand, in the economy without AI, and in the baseline counted by hand from the state."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from sim import LaborMarket
from sim.experiments import summary
from sim.model import metrics, metrics_ai
from sim.model.occupations import default_occupations
from sim.model.rules.demography import age_group
from sim.model.state import EMPLOYED, ENTRY, NONPARTICIPANT, UNEMPLOYED

#: The age groups, in years (inclusive; None: open-ended), written out here independently of
#: sim.model.rules.demography.
AGES = {"22_25": (22, 25), "26_34": (26, 34), "35_49": (35, 49), "50_plus": (50, None)}
OCCUPATIONS = ("programmer", "designer", "product_manager", "data_scientist", "lawyer",
               "customer_support", "sales", "finance", "other")
#: Name pattern -> unit of every metric by group.
AGE_UNITS = {"employment_rate_age_{}": "share", "unemployment_rate_age_{}": "share",
             "participation_rate_age_{}": "share", "hires_age_{}": "workers a month",
             "entry_hires_age_{}": "workers a month",
             "ai_time_share_age_{}": "share of work time"}
OCC_UNITS = {"employment_occ_{}": "workers", "unemployment_rate_occ_{}": "share",
             "participation_rate_occ_{}": "share", "hires_occ_{}": "workers a month",
             "entry_hires_occ_{}": "workers a month",
             "ai_time_share_occ_{}": "share of work time"}


def test_group_metrics_are_declared_with_their_names_and_units():
    expected = {pattern.format(g): unit for pattern, unit in AGE_UNITS.items() for g in AGES}
    expected |= {pattern.format(o): unit for pattern, unit in OCC_UNITS.items()
                 for o in OCCUPATIONS}
    assert len(expected) == 78
    assert set(expected) <= set(metrics.METRIC_NAMES)
    assert len(set(metrics.METRIC_NAMES)) == len(metrics.METRIC_NAMES)
    for name, unit in expected.items():
        declared_unit, doc = metrics.METRIC_DESCRIPTIONS[name]
        assert declared_unit == unit, name
        assert doc and doc[0].islower(), name
    # the docs say which group: its ages, or its occupation
    assert "aged 22-25" in metrics.METRIC_DESCRIPTIONS["unemployment_rate_age_22_25"][1]
    assert "aged 50 and over" in metrics.METRIC_DESCRIPTIONS["hires_age_50_plus"][1]
    assert "programmer" in metrics.METRIC_DESCRIPTIONS["hires_occ_programmer"][1]
    # the propensity thirds count people, out of the labor force included
    assert "people" in metrics.METRIC_DESCRIPTIONS["unemployment_rate_low_propensity"][1]
    # the declared metrics come first, in their order; the generated ones follow
    declared = [f.name for f in dataclasses.fields(metrics.DeclaredMetrics)]
    assert list(metrics.METRIC_NAMES[:len(declared)]) == declared
    assert metrics.MonthlyMetrics.__module__ == "sim.model.metrics"


def rate(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else float("nan")


def by_hand(model: LaborMarket) -> dict:
    """The metrics by group, counted with plain masks from the end-of-month state."""
    w, hired = model.workers, np.asarray(model.now.hired)
    years = w.age_months // 12
    employed, unemployed = w.status == EMPLOYED, w.status == UNEMPLOYED
    in_labor_force = w.status != NONPARTICIPANT
    was_hired = np.zeros(w.count, dtype=bool)
    was_hired[hired] = True
    entry_hire = was_hired & (w.stage == ENTRY)
    expected = {}
    groups = {f"age_{g}": (years >= lo) & ((years <= hi) if hi else True)
              for g, (lo, hi) in AGES.items()}
    groups |= {f"occ_{o}": w.occupation == OCCUPATIONS.index(o) for o in OCCUPATIONS}
    for key, member in groups.items():
        people, lf = member.sum(), (member & in_labor_force).sum()
        if key.startswith("age_"):
            expected[f"employment_rate_{key}"] = rate((member & employed).sum(), people)
        else:
            expected[f"employment_{key}"] = int((member & employed).sum())
        expected[f"unemployment_rate_{key}"] = rate((member & unemployed).sum(), lf)
        expected[f"participation_rate_{key}"] = rate(lf, people)
        expected[f"hires_{key}"] = int((member & was_hired).sum())
        expected[f"entry_hires_{key}"] = int((member & entry_hire).sum())
        in_work = member & employed
        expected[f"ai_time_share_{key}"] = (model.now.intensity[in_work].sum() / in_work.sum()
                                            if in_work.any() else float("nan"))
    return expected


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_group_metrics_are_the_state_counted_by_hand(small_params, seed):
    """Month by month, every metric by age group and occupation equals the count of the
    workers' end-of-month state, and hires are those matched this month; over the months
    every group has people and there are entry-level hires to count."""
    model = LaborMarket(small_params, seed=seed)
    total_entry_hires = 0
    for _ in range(4):
        model.step()
        got = model.metrics
        for name, value in by_hand(model).items():
            if name.startswith("ai_time_share_"):  # a sum of floats, in another order
                np.testing.assert_allclose(getattr(got, name), value, rtol=1e-12,
                                           err_msg=name)
            else:
                np.testing.assert_equal(getattr(got, name), value, err_msg=name)
        for g in AGES:
            assert 0.0 < got.__dict__[f"participation_rate_age_{g}"] <= 1.0, g
        total_entry_hires += got.entry_hires
    assert total_entry_hires > 0
    assert model.metrics.employment_occ_other > 0


@pytest.mark.parametrize("seed", [4, 5])
def test_group_metrics_add_up_to_the_market(small_params, seed):
    """Groups partition the people: their employment, labor force and hires add up to the
    market's, their rates weighted by their sizes give the market's rates, and every
    entry-level hire is early in a career (so none is 35 or over)."""
    model = LaborMarket(small_params, seed=seed)
    w = model.workers
    for _ in range(3):
        model.step()
        m, counts = model.metrics, model.now.counts
        ai_time = metrics.employed_intensity(w, model.now)
        for groups, key in ((age_group(w.age_months), AGES),
                            (w.occupation, OCCUPATIONS)):
            c = metrics.group_counts(w, model.now, groups, len(key), ai_time=ai_time)
            assert c.people.sum() == w.count
            assert c.employed.sum() == m.employment
            assert c.unemployed.sum() == m.unemployed
            assert c.labor_force.sum() == m.labor_force
        people = metrics.group_counts(w, model.now, age_group(w.age_months), 4,
                                      ai_time=ai_time).people
        lf = people * np.array([m.__dict__[f"participation_rate_age_{g}"] for g in AGES])
        assert lf.sum() == pytest.approx(m.labor_force)
        employed = people * np.array([m.__dict__[f"employment_rate_age_{g}"] for g in AGES])
        assert employed.sum() == pytest.approx(m.employment)
        unemployment = np.array([m.__dict__[f"unemployment_rate_age_{g}"] for g in AGES])
        assert (lf * unemployment).sum() == pytest.approx(m.unemployed)
        assert sum(m.__dict__[f"employment_occ_{o}"] for o in OCCUPATIONS) == m.employment
        for prefix, names in (("age", AGES), ("occ", OCCUPATIONS)):
            assert sum(m.__dict__[f"hires_{prefix}_{g}"] for g in names) == counts.hires > 0
            assert sum(m.__dict__[f"entry_hires_{prefix}_{g}"] for g in names) == \
                m.entry_hires == counts.entry_hires
        assert m.entry_hires_age_35_49 == m.entry_hires_age_50_plus == 0
        assert m.hires_age_35_49 + m.hires_age_50_plus > 0


def test_no_hires_before_the_first_matching_phase(small_params):
    """A month whose matching has not run (a new economy: ``now.hired`` is empty) has no hires
    by group, and the stocks are counted as usual."""
    model = LaborMarket(small_params, seed=6, burn_in=False)
    now, w = model.now, model.workers
    assert len(now.hired) == 0
    ai_time = metrics.employed_intensity(w, now)
    ages = metrics.age_metrics(w, now, ai_time=ai_time)
    occupations = metrics.occupation_metrics(w, now, model.firms, model.occupations,
                                             ai_time=ai_time)
    assert all(ages[f"hires_age_{g}"] == ages[f"entry_hires_age_{g}"] == 0 for g in AGES)
    assert all(occupations[f"hires_occ_{o}"] == 0 for o in OCCUPATIONS)
    sales = model.occupations.names.index("sales")
    assert occupations["employment_occ_sales"] == np.count_nonzero(
        (w.status == EMPLOYED) & (w.occupation == sales))


def test_another_occupation_table_is_refused_by_name(small_params):
    """The metrics by occupation are declared for the default table's names: a table with
    other names, or cells laid out for another number of occupations, is a clear error."""
    model = LaborMarket(small_params, seed=7)
    model.step()
    default = default_occupations()
    metrics.check_occupations(default, model.firms)  # the default passes
    renamed = dataclasses.replace(default, names=("coder", *default.names[1:]))
    with pytest.raises(ValueError, match="default occupation table.*coder"):
        metrics.occupation_metrics(model.workers, model.now, model.firms, renamed,
                                   ai_time=metrics.employed_intensity(model.workers, model.now))
    with pytest.raises(ValueError, match="default occupation table"):
        metrics.compute(model.workers, model.firms, model.now, model.groups, frontier=0.0,
                        output=0.0, regimes=model.effective_regime(), occupations=renamed)
    fewer = dataclasses.replace(model.firms, vacancies=model.firms.vacancies[:-2])
    with pytest.raises(ValueError, match="cells are not laid out for 9 occupations"):
        metrics.check_occupations(default, fewer)


# ---------------------------------------------------------------- the AI-market metrics
#: The AI-market metrics and their units.
AI_MARKET_UNITS = {
    "ai_time_share": "share of work time", "ai_user_intensity": "share of work time",
    "ai_heavy_user_share": "share", "ai_time_saved": "share of work hours",
    "ai_pay_pass_through": "share", "counteroffers": "workers a month",
    "new_work_position_share": "share", "new_work_employment_share": "share",
    "new_work_hires": "workers a month", "price_augmented_firms": "relative price, 1 = no AI",
    "price_other_firms": "relative price, 1 = no AI", "market_share_augmented_firms": "share",
    "entry_hire_rate_high_exposure_firms": "share a month",
    "entry_hire_rate_low_exposure_firms": "share a month",
}
#: Every AI block switched off: the economy without AI (scenarios/no_ai.toml).
NO_AI = dict(ranking=False, productivity=False, automation=False, new_work=False,
             policies=False)


def test_ai_market_metrics_are_declared_with_their_units():
    for name, unit in AI_MARKET_UNITS.items():
        declared_unit, doc = metrics.METRIC_DESCRIPTIONS[name]
        assert declared_unit == unit, name
        assert doc and doc[0].islower(), name
    assert metrics.MonthlyMetrics.__dataclass_fields__["counteroffers"].type in (int, "int")
    # the meanings name the survey figures to read them against and the exact thresholds
    docs = {name: metrics.METRIC_DESCRIPTIONS[name][1] for name in AI_MARKET_UNITS}
    assert "Humlum & Vestergaard" in docs["ai_pay_pass_through"]
    assert "1/8" in docs["ai_heavy_user_share"] and "31.9%" in docs["ai_heavy_user_share"]
    assert "1.4%" in docs["ai_time_saved"]
    assert "1.01 positions" in docs["price_augmented_firms"]
    assert "median" in docs["entry_hire_rate_high_exposure_firms"]


def built_state(**arrays):
    """A small hand-built state: only the arrays a metric function reads."""
    return SimpleNamespace(**{name: np.asarray(value) for name, value in arrays.items()})


def realised_pass_through(model) -> float:
    """The users' wage gap to the wage rule without AI, net of the non-users', over their
    mean gain, counted one by one."""
    w, f, now = model.workers, model.firms, model.now
    gaps, gains, other_gaps = [], [], []
    for i in np.flatnonzero(w.status == EMPLOYED):
        firm = w.employer[i]
        base = (now.pay_levels[w.occupation[i]] * w.skill[i]
                * np.exp(f.pay_premium[firm] + f.recruiting_premium[firm]))
        if now.productivity_gain[i] > 0:
            gaps.append(w.wage[i] / base - 1)
            gains.append(now.productivity_gain[i])
        elif not w.ai_user[i]:
            other_gaps.append(w.wage[i] / base - 1)
    return (np.mean(gaps) - np.mean(other_gaps)) / np.mean(gains)


def test_ai_time_and_pass_through_of_a_built_state():
    """Four people: two employed users (a quarter and a twentieth of their time with AI), an
    employed non-user and an unemployed user, who counts nowhere."""
    workers = built_state(ai_user=[True, True, False, True], skill=[2.0, 1.0, 1.0, 1.0])
    now = SimpleNamespace(intensity=np.array([0.25, 0.05, 0.0, 0.5]),
                          productivity_gain=np.array([0.25, 0.5, 0.0, 1.0]),
                          counts=SimpleNamespace(counteroffers=3))
    employed = np.array([True, True, True, False])
    got = metrics_ai.ai_time_metrics(workers, now, employed=employed)
    assert got["ai_time_share"] == pytest.approx(0.30 / 3)
    assert got["ai_user_intensity"] == pytest.approx(0.15)
    assert got["ai_heavy_user_share"] == 0.5  # 0.25 >= 1/8, 0.05 not
    assert got["ai_time_saved"] == pytest.approx((0.25 / 1.25 + 0.5 / 1.5) / 3)
    assert got["counteroffers"] == 3
    # a productivity loss counts negative in the time saved
    now.productivity_gain = np.array([-0.2, 0.0, 0.0, 1.0])
    got = metrics_ai.ai_time_metrics(workers, now, employed=employed)
    assert got["ai_time_saved"] == pytest.approx(-0.25 / 3)
    # nobody employed uses AI: no intensity of users, no heavy-user share
    workers.ai_user = np.array([False, False, False, True])
    got = metrics_ai.ai_time_metrics(workers, now, employed=employed)
    assert np.isnan(got["ai_user_intensity"]) and np.isnan(got["ai_heavy_user_share"])


def test_realised_pass_through_of_a_built_state():
    """Two employed users gaining 20% and 40%, paid 4% and 8% above the wage rule on their
    productivity without AI; a non-user paid 1% below it (sticky pay); an unemployed user who
    counts nowhere. Pass-through: (6% - (-1%)) / 30%."""
    workers = built_state(ai_user=[True, True, False, True], skill=[1.0, 2.0, 1.0, 1.0],
                          occupation=[0, 0, 1, 0], employer=[0, 1, 1, -1],
                          wage=[104.0 * np.exp(0.1), 2 * 108.0 * 2, 99.0 * 2, 50.0])
    firms = SimpleNamespace(pay_premium=np.array([0.1, np.log(2.0)]),
                            recruiting_premium=np.zeros(2))
    now = SimpleNamespace(pay_levels=np.array([100.0, 100.0]),
                          productivity_gain=np.array([0.2, 0.4, 0.0, 0.5]))
    employed = np.array([True, True, True, False])
    got = metrics_ai.pass_through_metrics(workers, firms, now, employed=employed)
    assert got["ai_pay_pass_through"] == pytest.approx((0.06 + 0.01) / 0.3)
    now.productivity_gain = np.zeros(4)  # nobody gains: no pass-through
    got = metrics_ai.pass_through_metrics(workers, firms, now, employed=employed)
    assert np.isnan(got["ai_pay_pass_through"])


def test_competition_of_a_built_state():
    """Four firms of equal scale: when prices were set firm 0's employees filled 1.1
    positions each, firm 1's 1.05, firm 2's 1.005 (below the 1.01 threshold) and firm 3 had
    nobody (one). The median is 1.005, so firms 0 and 1 are the augmented ones."""
    firms = SimpleNamespace(count=4, scale=np.ones(4))
    now = SimpleNamespace(positions_per_head=np.array([1.1, 1.05, 1.005, 1.0]),
                          unit_cost=np.array([0.8, 0.9, 1.0, 1.0]),
                          labor_demand=np.array([2.0, 1.0, 0.5, 0.5, 0.25, 0.75, 1.0, 0.0]))
    np.testing.assert_array_equal(metrics_ai.augmented_firms(firms, now),
                                  [True, True, False, False])
    got = metrics_ai.competition_metrics(firms, now)
    assert got["price_augmented_firms"] == pytest.approx((0.8 * 3.0 + 0.9 * 1.0) / 4.0)
    assert got["price_other_firms"] == pytest.approx(1.0)
    assert got["market_share_augmented_firms"] == pytest.approx(4.0 / 6.0)
    now.positions_per_head = np.ones(4)  # nobody augmented: no price of augmented firms
    got = metrics_ai.competition_metrics(firms, now)
    assert np.isnan(got["price_augmented_firms"])
    assert np.isnan(got["market_share_augmented_firms"])  # none to measure, like the price


def test_entry_hiring_by_exposure_of_a_built_state():
    """Four firms; weighted by scale (1, 1, 1, 2) the median exposure is the third firm's, so
    only the fourth is a high-exposure firm. Entry-level hires per employee at the start of
    the month, at each side."""
    firms = SimpleNamespace(count=4, exposure=np.array([0.1, 0.2, 0.3, 0.4]),
                            scale=np.array([1.0, 1.0, 1.0, 2.0]))
    np.testing.assert_array_equal(metrics_ai.high_exposure_firms(firms),
                                  [False, False, False, True])
    # workers 0-3 hired this month: 0 and 1 into entry-level positions of firms 3 and 0,
    # 2 into an experienced position of firm 3, 3 into an entry-level one of firm 1
    workers = built_state(stage=[ENTRY, ENTRY, 1, ENTRY, ENTRY, 1, 1, 1],
                          status=[EMPLOYED] * 8, employer=[3, 0, 3, 1, 0, 3, 3, 1])
    now = SimpleNamespace(hired=np.array([0, 1, 2, 3]),
                          status_start=np.array([UNEMPLOYED] * 4 + [EMPLOYED] * 4),
                          employer_start=np.array([-1, -1, -1, -1, 0, 3, 3, 1]))
    got = metrics_ai.entry_hiring_metrics(workers, firms, now)
    assert got["entry_hire_rate_high_exposure_firms"] == pytest.approx(1 / 2)
    assert got["entry_hire_rate_low_exposure_firms"] == pytest.approx(2 / 2)
    now.hired = np.zeros(0, dtype=np.int64)  # before the first matching phase: no hires
    got = metrics_ai.entry_hiring_metrics(workers, firms, now)
    assert got["entry_hire_rate_high_exposure_firms"] == 0.0


def test_weighted_median():
    assert metrics_ai.weighted_median(np.array([3.0, 1.0, 2.0]), np.ones(3)) == 2.0
    assert metrics_ai.weighted_median(np.array([3.0, 1.0, 2.0]),
                                      np.array([1.0, 1.0, 5.0])) == 2.0
    assert metrics_ai.weighted_median(np.array([1.0, 2.0]), np.array([1.0, 1.0])) == 1.0
    assert metrics_ai.weighted_median(np.array([1.0, 2.0]), np.array([1.0, 3.0])) == 2.0


def test_no_ai_economy_has_no_ai_market(small_params):
    """With every AI block off nobody spends time with AI or gains from it, no firm is
    augmented, every price is 1 and there is no new work; entry-level hiring is still
    measured at both sides of the exposure median."""
    params = small_params.replace("population", workers=2000).replace("ai", **NO_AI)
    model = LaborMarket(params, seed=11)
    entry_hires = 0.0
    for _ in range(3):
        model.step()
        m = model.metrics
        assert m.ai_time_share == 0.0 and m.ai_time_saved == 0.0
        assert np.isnan(m.ai_user_intensity) and np.isnan(m.ai_heavy_user_share)
        assert np.isnan(m.ai_pay_pass_through)
        assert np.isnan(m.price_augmented_firms)
        assert m.price_other_firms == pytest.approx(1.0, abs=1e-12)
        assert np.isnan(m.market_share_augmented_firms)  # no augmented firm to measure
        assert m.new_work_position_share == m.new_work_employment_share == 0.0
        assert m.new_work_hires == 0
        for name in metrics.METRIC_NAMES:
            if name.startswith("ai_time_share_"):
                value = getattr(m, name)
                assert value == 0.0 or (np.isnan(value) and "occ" in name), name
        entry_hires += (m.entry_hire_rate_high_exposure_firms
                        + m.entry_hire_rate_low_exposure_firms)
    assert entry_hires > 0


def ai_market_by_hand(model: LaborMarket) -> dict:
    """The AI-market metrics, counted with plain masks and pandas from the end-of-month
    state."""
    w, f, now = model.workers, model.firms, model.now
    employed = w.status == EMPLOYED
    users = employed & w.ai_user
    gain = now.productivity_gain
    values = now.positions_per_head  # per firm, when prices were set this month
    order = np.argsort(values, kind="stable")
    median = values[order][np.searchsorted(np.cumsum(f.scale[order]), f.scale.sum() / 2)]
    augmented = values > max(1.01, median)
    demand = now.labor_demand.reshape(f.count, -1).sum(axis=1)
    hired = np.asarray(now.hired)
    entry = hired[w.stage[hired] == ENTRY]
    # the split at the scale-weighted median: below it less than half of the firms' scale,
    # at or below it at least half
    order = np.argsort(f.exposure)
    half = f.scale.sum() / 2
    median = f.exposure[order][np.cumsum(f.scale[order]) >= half][0]
    high = f.exposure > median
    start_staff = now.employer_start[now.status_start == EMPLOYED]
    return {
        "ai_time_share": now.intensity[employed].sum() / employed.sum(),
        "ai_user_intensity": now.intensity[users].mean(),
        "ai_heavy_user_share": (now.intensity[users] >= 0.125).mean(),
        "ai_time_saved": (gain[employed] / (1 + gain[employed])).mean(),
        "ai_pay_pass_through": realised_pass_through(model),
        "new_work_position_share": now.new_work_positions.sum() / now.positions.sum(),
        "new_work_employment_share": (w.new_work & employed).sum() / employed.sum(),
        "price_augmented_firms": np.average(now.unit_cost[augmented],
                                            weights=demand[augmented]),
        "price_other_firms": np.average(now.unit_cost[~augmented], weights=demand[~augmented]),
        "market_share_augmented_firms": demand[augmented].sum() / demand.sum(),
        "entry_hire_rate_high_exposure_firms": (np.isin(w.employer[entry], np.flatnonzero(high))
                                                .sum() / np.isin(start_staff,
                                                                 np.flatnonzero(high)).sum()),
        "entry_hire_rate_low_exposure_firms": (np.isin(w.employer[entry], np.flatnonzero(~high))
                                               .sum() / np.isin(start_staff,
                                                                np.flatnonzero(~high)).sum()),
    }


def test_baseline_ai_market_is_the_state_counted_by_hand(small_params):
    """Month by month in the baseline, every AI-market metric equals its count from the state;
    AI takes some but not all of the employed's time, pay carries part of the AI gains,
    augmented firms exist and are cheaper than without AI, every entry-level hire is counted
    at one side of the exposure median, and the shares of AI time by group add up to the
    market's."""
    model = LaborMarket(small_params.replace("population", workers=2000), seed=12)
    for _ in range(3):
        model.step()
        m, now = model.metrics, model.now
        for name, value in ai_market_by_hand(model).items():
            np.testing.assert_allclose(getattr(m, name), value, rtol=1e-10, err_msg=name)
        assert 0.0 < m.ai_time_share < 1.0
        assert 0.0 < m.ai_user_intensity <= 1.0
        assert m.ai_time_share < m.ai_user_intensity  # non-users count zero
        assert 0.0 <= m.ai_heavy_user_share <= 1.0
        assert 0.0 < m.ai_time_saved < 1.0
        assert 0.0 <= m.ai_pay_pass_through <= 1.0
        assert 0.0 < m.market_share_augmented_firms <= 1.0
        assert m.price_augmented_firms < 1.0
        assert m.counteroffers == now.counts.counteroffers
        assert m.new_work_hires == now.counts.new_work_hires
        assert 0.0 <= m.new_work_position_share < 1.0
        # every entry-level hire is still with the firm that hired them at the month's end
        w = model.workers
        high = metrics_ai.high_exposure_firms(model.firms)
        staff = np.bincount(now.employer_start[now.status_start == EMPLOYED],
                            minlength=model.firms.count)
        counted = (m.entry_hire_rate_high_exposure_firms * staff[high].sum()
                   + m.entry_hire_rate_low_exposure_firms * staff[~high].sum())
        assert counted == pytest.approx(now.counts.entry_hires)
        assert 0 < high.sum() < model.firms.count
        # AI time by age group and by occupation, weighted by employment, is the market's
        ages = age_group(w.age_months)
        for group, names, prefix in ((ages, AGES, "age"), (w.occupation, OCCUPATIONS, "occ")):
            employed = np.bincount(group[w.status == EMPLOYED], minlength=len(names))
            shares = np.array([getattr(m, f"ai_time_share_{prefix}_{g}") for g in names])
            assert np.nansum(shares * employed) == pytest.approx(m.ai_time_share
                                                                 * m.employment)


def test_run_summary_has_the_ai_market(small_params):
    """A run's summary has the horizon mean of every AI-market share and the totals of the
    counts, and every row ``laborsim run`` prints is a column of it."""
    model = LaborMarket(small_params, seed=13)
    for _ in range(4):
        model.step()
    frame = model.datacollector.get_model_vars_dataframe().reset_index(drop=True)
    got = summary.summarize(frame)
    for name in AI_MARKET_UNITS:
        if name in ("counteroffers", "new_work_hires"):
            assert got[f"{name}_total"] == frame[name].sum()
        else:
            assert got[f"{name}_mean"] == pytest.approx(np.nanmean(frame[name]), nan_ok=True)
    printed = {column for column, _, _, _ in summary.SUMMARY_ROWS}
    assert printed <= set(got) | set(summary.STATE_COLUMNS)
    for name in ("ai_time_share", "ai_time_saved", "ai_pay_pass_through",
                 "new_work_employment_share", "price_augmented_firms",
                 "market_share_augmented_firms", "entry_hire_rate_high_exposure_firms",
                 "entry_hire_rate_low_exposure_firms"):
        assert f"{name}_mean" in printed, name


def test_the_first_year_pass_through_is_the_mean_over_2025_beside_the_by_age_and_occupation_rows():
    """``ai_pay_pass_through_first_year`` averages the first 12 reported months only (2025, the
    time Humlum & Vestergaard's estimate speaks to), skipping empty months; the summary prints
    it and the work time with AI of every age group and occupation."""
    frame = pd.DataFrame({name: np.zeros(30) for name in summary.SUMMARY_METRICS
                          + summary.TOTAL_METRICS + ("unemployment_rate", "ai_adoption_rate",
                                                     "employment", "output", "vacancies",
                                                     "unemployed", "job_finding_rate",
                                                     "vacancy_rate")})
    pass_through = np.r_[np.nan, np.full(11, 0.04), np.full(18, 0.5)]
    frame["ai_pay_pass_through"] = pass_through
    got = summary.summarize(frame)
    assert got["ai_pay_pass_through_first_year"] == pytest.approx(0.04)
    assert got["ai_pay_pass_through_mean"] == pytest.approx(np.nanmean(pass_through))
    frame["ai_pay_pass_through"] = np.r_[np.full(12, np.nan), np.full(18, 0.5)]
    assert np.isnan(summary.summarize(frame)["ai_pay_pass_through_first_year"])
    printed = {column for column, _, _, _ in summary.SUMMARY_ROWS}
    assert "ai_pay_pass_through_first_year" in printed
    assert {f"ai_time_share_age_{g}_mean" for g in AGES} <= printed
    assert {f"ai_time_share_occ_{o}_mean" for o in OCCUPATIONS} <= printed
