"""The model as a whole: stock-flow accounting every month, determinism, common random numbers,
burn-in, data collection."""

from __future__ import annotations

import numpy as np
import pytest

from sim import LaborMarket, Params
from sim.model.metrics import METRIC_NAMES
from sim.model.rules.demography import max_age_months
from sim.model.state import EMPLOYED, FREELANCE, NONPARTICIPANT, UNEMPLOYED


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("rule", ["productivity", "seniority", "random"])
def test_books_balance_every_month(small_params, seed, rule):
    params = small_params.replace("firms", layoff_rule=rule)
    model = LaborMarket(params, seed=seed, burn_in=False)
    w = model.workers
    for _ in range(36):
        employed_before = int((w.status == EMPLOYED).sum())
        freelance_before = int((w.status == FREELANCE).sum())
        model.step()
        m, e = model.metrics, model.now.counts
        assert model.stock_flow_problems() == []
        counts = np.bincount(w.status, minlength=4)
        assert counts.sum() == w.count  # every person in exactly one status
        assert m.labor_force == w.count - counts[NONPARTICIPANT] == m.employment + m.unemployed \
            + counts[FREELANCE]
        # stocks move only by the month's flows
        assert m.employment == (employed_before - e.retirements - e.quits - e.layoffs
                                + _new_jobs(model))
        assert counts[FREELANCE] == (freelance_before - e.freelance_retirements
                                     + e.freelance_entries
                                     - e.freelance_exits - e.hires_from_freelance)
        assert (m.separations_demand + m.separations_automation + m.separations_outcompeted
                + m.separations_policy + m.separations_match) == e.layoffs
        assert m.quits == e.quits
        assert m.unemployed == counts[UNEMPLOYED]
        assert model.cell_employment().sum() == m.employment
        assert (model.firms.vacancies >= 0).all() and m.vacancies == model.firms.vacancies.sum()
        assert ((w.tenure == 0) | (w.status == EMPLOYED)).all()
        # the spell of search runs only while unemployed; months without work also out of
        # the labor force
        assert ((w.unemployed_months == 0) | (w.status == UNEMPLOYED)).all()
        assert ((w.months_without_work == 0) | (w.status == UNEMPLOYED)
                | (w.status == NONPARTICIPANT)).all()
        assert (w.months_without_work >= w.unemployed_months).all()
        assert ((w.match == 0) | (w.status == EMPLOYED)).all()
        assert len(np.unique(w.person)) == w.count
        assert (w.age_months >= w.entry_age).all() and (w.age_months < max_age_months()).all()
        assert m.entrants == e.entrants and model.next_person == w.person.max() + 1


def _new_jobs(model) -> int:
    """Hires of workers who were not employed just before matching (from unemployment)."""
    e = model.now.counts
    return e.hires - e.job_to_job_hires


def test_same_seed_same_path_and_different_seed_different_path(small_params):
    def path(seed):
        model = LaborMarket(small_params, seed=seed)
        for _ in range(12):
            model.step()
        return model.datacollector.get_model_vars_dataframe()

    a, b, c = path(5), path(5), path(6)
    assert list(a.columns) == list(METRIC_NAMES)
    assert a.equals(b)
    assert not a.equals(c)


def test_arms_share_draws_where_their_mechanisms_agree(small_params):
    """Common random numbers: a market parameter changes nothing drawn at birth or in demand."""
    a = LaborMarket(small_params, seed=9, burn_in=False)
    b = LaborMarket(small_params.replace("market", quit_rate=0.03), seed=9, burn_in=False)
    for name in ("skill", "occupation", "ai_propensity", "adopter_category"):
        np.testing.assert_array_equal(getattr(a.workers, name), getattr(b.workers, name))
    np.testing.assert_array_equal(a.firms.scale, b.firms.scale)
    for _ in range(12):
        a.step()
        b.step()
    assert a.cycle == b.cycle
    np.testing.assert_array_equal(a.firms.demand_shock, b.firms.demand_shock)
    assert not np.array_equal(a.workers.status, b.workers.status)


def test_burn_in_runs_before_month_zero_and_is_not_collected(small_params):
    model = LaborMarket(small_params, seed=1)
    assert model.months_simulated == small_params.run.burn_in_months
    assert model.steps == 0
    model.step()
    assert model.steps == 1
    assert len(model.datacollector.get_model_vars_dataframe()) == 1


def test_metrics_are_consistent_with_the_state(small_params):
    model = LaborMarket(small_params, seed=4)
    model.step()
    w, m = model.workers, model.metrics
    employed = w.status == EMPLOYED
    in_labor_force = w.status != NONPARTICIPANT
    assert m.unemployment_rate == pytest.approx((w.status[in_labor_force] == UNEMPLOYED).mean())
    assert m.participation_rate == pytest.approx(in_labor_force.mean())
    assert m.freelance_share == pytest.approx((w.status[in_labor_force] == FREELANCE).mean())
    low = model.groups.low_propensity
    assert m.employment_rate_low_propensity == pytest.approx(employed[low].mean())
    assert m.unemployment_rate_low_propensity == pytest.approx((w.status[low] == UNEMPLOYED).mean())
    earnings = np.where(w.status == UNEMPLOYED, 0.0, w.wage) / 12
    earnings[w.status == NONPARTICIPANT] = 0.0
    assert m.mean_earnings == pytest.approx(earnings.mean())
    assert 0.30 < low.mean() < 0.37 and 0.30 < model.groups.high_propensity.mean() < 0.37
    in_group = model.groups.policy >= 0
    assert in_group.any()  # grouped when AI arrived, during the burn-in
    assert m.mean_log_wage == pytest.approx(np.log(w.wage[employed]).mean())
    assert m.vacancy_rate == pytest.approx(m.vacancies / (m.employment + m.vacancies))
    assert 0 <= m.job_finding_rate <= 1 and 0 <= m.separation_rate <= 1
    assert m.output > 0


def test_output_is_mean_wage_valued_productivity_when_positions_are_not_exceeded():
    params = (Params().replace("population", workers=500).replace("run", burn_in_months=0)
              .replace("ai", ranking=False, productivity=False, automation=False,
                       new_work=False, policies=False))
    model = LaborMarket(params, seed=2, burn_in=False)
    model.step()
    employed = model.workers.status == EMPLOYED
    occ = model.workers.occupation[employed]
    full_value = (model.workers.skill[employed] * model.occupations.mean_wage[occ] / 12).sum()
    full_value += model.now.freelance_output
    assert 0 < model.metrics.output <= full_value + 1e-6
    assert model.metrics.output > 0.9 * full_value


def test_every_attribute_of_the_model_exists_after_init():
    """No phase creates model state of its own: every ``self.x = ...`` in LaborMarket assigns
    an attribute that ``__init__`` creates (the month's state lives in ``model.now``)."""
    import ast
    import inspect

    from sim.model import market

    tree = ast.parse(inspect.getsource(market.LaborMarket))
    assigned: dict[str, set[str]] = {}
    for method in tree.body[0].body:
        if isinstance(method, ast.FunctionDef):
            for node in ast.walk(method):
                targets = node.targets if isinstance(node, ast.Assign) else (
                    [node.target] if isinstance(node, ast.AnnAssign | ast.AugAssign) else [])
                for target in targets:
                    if (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
                            and target.value.id == "self"):
                        assigned.setdefault(method.name, set()).add(target.attr)
    created = assigned.pop("__init__")
    later = set().union(*assigned.values())
    assert later <= created, sorted(later - created)
    model = LaborMarket(Params().replace("population", workers=200), seed=1, burn_in=False)
    assert created <= set(vars(model))


def test_the_month_state_is_complete_at_every_phase(small_params):
    """Every field of the month's state is set when the month starts (none is None)."""
    import dataclasses

    model = LaborMarket(small_params, seed=2, burn_in=False)
    for _ in range(2):
        model.start_month()
        assert all(getattr(model.now, f.name) is not None
                   for f in dataclasses.fields(model.now))
        for phase in (model.technology, model.product_demand, model.separations,
                      model.vacancy_posting, model.job_search_and_matching,
                      model.freelance_market, model.wage_setting, model.bookkeeping):
            phase()
