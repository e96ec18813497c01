"""The metrics by age group and by occupation (sim/model/metrics.py): declared with the names
and units others rely on, computed as the state says when counted by hand, and adding up to
the market-wide metrics."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from sim import LaborMarket
from sim.model import metrics
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
             "entry_hires_age_{}": "workers a month"}
OCC_UNITS = {"employment_occ_{}": "workers", "unemployment_rate_occ_{}": "share",
             "participation_rate_occ_{}": "share", "hires_occ_{}": "workers a month",
             "entry_hires_occ_{}": "workers a month"}


def test_group_metrics_are_declared_with_their_names_and_units():
    expected = {pattern.format(g): unit for pattern, unit in AGE_UNITS.items() for g in AGES}
    expected |= {pattern.format(o): unit for pattern, unit in OCC_UNITS.items()
                 for o in OCCUPATIONS}
    assert len(expected) == 65
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
        for groups, key in ((age_group(w.age_months), AGES),
                            (w.occupation, OCCUPATIONS)):
            c = metrics.group_counts(w, model.now, groups, len(key))
            assert c.people.sum() == w.count
            assert c.employed.sum() == m.employment
            assert c.unemployed.sum() == m.unemployed
            assert c.labor_force.sum() == m.labor_force
        people = metrics.group_counts(w, model.now, age_group(w.age_months), 4).people
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
    """A month whose matching has not run (``now.hired`` is None) has no hires by group,
    and the stocks are counted as usual."""
    model = LaborMarket(small_params, seed=6)
    model.step()
    now = dataclasses.replace(model.now, hired=None)
    ages = metrics.age_metrics(model.workers, now)
    occupations = metrics.occupation_metrics(model.workers, now, model.firms,
                                             model.occupations)
    assert all(ages[f"hires_age_{g}"] == ages[f"entry_hires_age_{g}"] == 0 for g in AGES)
    assert all(occupations[f"hires_occ_{o}"] == 0 for o in OCCUPATIONS)
    assert ages["employment_rate_age_26_34"] == model.metrics.employment_rate_age_26_34
    assert occupations["employment_occ_sales"] == model.metrics.employment_occ_sales


def test_another_occupation_table_is_refused_by_name(small_params):
    """The metrics by occupation are declared for the default table's names: a table with
    other names, or cells laid out for another number of occupations, is a clear error."""
    model = LaborMarket(small_params, seed=7)
    model.step()
    default = default_occupations()
    metrics.check_occupations(default, model.firms)  # the default passes
    renamed = dataclasses.replace(default, names=("coder", *default.names[1:]))
    with pytest.raises(ValueError, match="default occupation table.*coder"):
        metrics.occupation_metrics(model.workers, model.now, model.firms, renamed)
    with pytest.raises(ValueError, match="default occupation table"):
        metrics.compute(model.workers, model.firms, model.now, model.groups, frontier=0.0,
                        output=0.0, regimes=model.effective_regime(), occupations=renamed)
    fewer = dataclasses.replace(model.firms, vacancies=model.firms.vacancies[:-2])
    with pytest.raises(ValueError, match="cells are not laid out for 9 occupations"):
        metrics.check_occupations(default, fewer)
