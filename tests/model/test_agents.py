"""Workers and firms are real Mesa agents that view the model's arrays."""

from __future__ import annotations

import mesa
import numpy as np
import pytest

from sim import Firm, LaborMarket, Worker
from sim.model.params import REGIMES
from sim.model.rules.demography import max_age_months
from sim.model.state import (
    EMPLOYED,
    ENTRY,
    EXPERIENCED,
    FREELANCE,
    NONPARTICIPANT,
    STAGES,
    STATUS_NAMES,
    cell_firm,
    cell_stage,
)


def test_agents_are_registered_with_the_model(small_params):
    model = LaborMarket(small_params, seed=1)
    workers = model.agents_by_type[Worker]
    firms = model.agents_by_type[Firm]
    assert len(workers) == model.workers.count
    assert len(firms) == model.firms.count
    assert len(model.agents) == model.workers.count + model.firms.count
    assert all(isinstance(a, mesa.Agent) for a in list(workers)[:10])


def agent(model: LaborMarket, kind: type, index: int):
    """The agent of ``kind`` viewing row ``index``."""
    found = model.agents_by_type[kind].select(lambda a: a.index == index)
    assert len(found) == 1
    return next(iter(found))


def test_agents_are_created_once_each_in_mesas_registry(small_params):
    model = LaborMarket(small_params, seed=1)
    for kind, count in ((Worker, model.workers.count), (Firm, model.firms.count)):
        indices = [a.index for a in model.agents_by_type[kind]]
        assert indices == list(range(count))  # one agent per row, in row order
    assert not hasattr(model, "worker_agents") and not hasattr(model, "firm_agents")


def test_worker_views_read_and_follow_the_arrays(small_params):
    """Every worker's status, employer and wage, month by month, against the arrays: all
    four statuses occur, so a view that confused them would fail."""
    model = LaborMarket(small_params, seed=1)
    w = model.workers
    workers = model.agents_by_type[Worker]
    seen = set()
    for _ in range(6):
        model.step()
        statuses = np.array(workers.get("status"))
        np.testing.assert_array_equal(statuses, np.array(STATUS_NAMES)[w.status])
        np.testing.assert_array_equal(workers.get("employer_id"), w.employer)
        np.testing.assert_array_equal(workers.get("wage"), w.wage)
        seen |= set(statuses)
    assert seen == set(STATUS_NAMES)
    freelancer = agent(model, Worker, int(np.flatnonzero(w.status == FREELANCE)[0]))
    assert freelancer.status == "freelance" and freelancer.employer is None
    employee = agent(model, Worker, int(np.flatnonzero(w.status == EMPLOYED)[0]))
    assert employee.employer.index == employee.employer_id
    assert employee in employee.employer.employees()
    assert employee.skill == w.skill[employee.index]
    assert employee.occupation == model.occupations.names[w.occupation[employee.index]]
    outside = agent(model, Worker, int(np.flatnonzero(w.status == NONPARTICIPANT)[0]))
    assert outside.status == "out of the labor force" and outside.employer is None
    assert not outside.employed and outside.match_quality == 0.0


def test_worker_career_views_read_the_arrays(small_params):
    """Age, career months, experience, stage, person, match quality and human capital of
    every worker, after some months (entrants have replaced retirees, promotions and new
    matches have happened), against the arrays."""
    model = LaborMarket(small_params, seed=5)
    w = model.workers
    workers = model.agents_by_type[Worker]
    first_people = w.person.copy()
    for _ in range(4):
        model.step()
    np.testing.assert_allclose(workers.get("age"), w.age_months / 12.0)
    np.testing.assert_array_equal(workers.get("career_months"), w.age_months - w.entry_age)
    np.testing.assert_array_equal(workers.get("experience_months"), w.experience)
    np.testing.assert_array_equal(workers.get("person"), w.person)
    np.testing.assert_array_equal(workers.get("match_quality"), w.match)
    np.testing.assert_array_equal(workers.get("human_capital"), w.human_capital)
    stages = np.array(workers.get("stage"))
    np.testing.assert_array_equal(stages, np.array(STAGES)[w.stage])
    assert set(stages) == {"entry", "experienced"}
    ages = np.array(workers.get("age"))
    assert ages.min() >= small_params.careers.entry_age_min
    assert ages.max() < max_age_months() / 12
    assert (np.array(workers.get("career_months")) >= 0).all()
    # a row whose person retired now views the entrant who took it: a new id, young
    renewed = np.flatnonzero(w.person != first_people)
    assert len(renewed) > 0
    entrant = agent(model, Worker, int(renewed[0]))
    assert entrant.person > first_people.max()
    assert entrant.age < 27 and entrant.career_months < 4 * 12
    employed = w.status == EMPLOYED
    assert (np.array(workers.get("match_quality"))[employed] != 0.0).any()


def test_worker_ai_views_read_the_arrays(small_params):
    model = LaborMarket(small_params, seed=3)
    model.step()
    workers = model.agents_by_type[Worker]
    users = workers.select(lambda a: a.ai_user)
    assert len(users) == int(model.workers.ai_user.sum()) > 0
    proficiency = np.array(workers.get("ai_proficiency"))
    np.testing.assert_array_equal(proficiency, model.workers.proficiency)
    np.testing.assert_array_equal(workers.get("ai_intensity"), model.now.intensity)
    np.testing.assert_array_equal(workers.get("ai_gain"), model.now.ai_gain)
    np.testing.assert_array_equal(workers.get("ai_pay_share"), model.workers.ai_pay_share)
    np.testing.assert_array_equal(workers.get("new_work"), model.workers.new_work)
    assert max(workers.get("ai_intensity")) > 0


def test_agentset_select_groupby_and_agg_match_the_arrays(small_params):
    model = LaborMarket(small_params, seed=2)
    model.step()
    workers = model.agents_by_type[Worker]
    employed = workers.select(lambda a: a.employed)
    assert len(employed) == model.metrics.employment
    counts = {status: len(group) for status, group in workers.groupby("status")}
    assert counts.get("unemployed", 0) == model.metrics.unemployed
    assert sum(counts.values()) == model.workers.count
    mean_wage = employed.agg("wage", np.mean)
    assert np.isclose(mean_wage, model.workers.wage[model.workers.status == EMPLOYED].mean())
    categories = {c for c, _ in workers.groupby("adopter_category")}
    assert categories <= {"innovator", "early_adopter", "early_majority", "late_majority",
                          "laggard"}


def test_firm_views(small_params):
    """Sizes, vacancies, positions and labor demand of every firm against the cell arrays
    (2K cells a firm: a view reading K cells, or the wrong block, misses most of them)."""
    model = LaborMarket(small_params, seed=3)
    model.step()
    firms = model.agents_by_type[Firm]
    m, cells = model.firms.count, np.arange(len(model.firms.vacancies))
    sizes = np.array(firms.get("size"))
    np.testing.assert_array_equal(sizes, np.bincount(
        model.workers.employer[model.workers.status == EMPLOYED], minlength=m))
    assert sum(firms.get("vacancies")) == model.metrics.vacancies
    np.testing.assert_array_equal(firms.get("vacancies"), np.bincount(
        cell_firm(cells, model.occupations.count), weights=model.firms.vacancies, minlength=m))
    entry = cell_stage(cells) == ENTRY
    by_firm = cell_firm(cells, model.occupations.count)
    np.testing.assert_array_equal(firms.get("entry_vacancies"), np.bincount(
        by_firm[entry], weights=model.firms.vacancies[entry], minlength=m))
    np.testing.assert_array_equal(firms.get("positions"), np.bincount(
        by_firm, weights=model.now.positions, minlength=m))
    np.testing.assert_array_equal(firms.get("entry_positions"), np.bincount(
        by_firm[entry], weights=model.now.positions[entry], minlength=m))
    assert 0 < sum(firms.get("entry_positions")) < sum(firms.get("positions"))
    assert sum(firms.get("positions")) == model.now.positions.sum()
    np.testing.assert_allclose(firms.get("labor_demand"), np.bincount(
        by_firm, weights=model.now.labor_demand, minlength=m))
    np.testing.assert_array_equal(firms.get("market"), model.firms.market)
    assert firms.get("policy") == [REGIMES[r] for r in model.effective_regime()]
    np.testing.assert_array_equal(firms.get("price"), model.now.unit_cost)
    np.testing.assert_array_equal(firms.get("demand_multiplier"), model.now.demand_multiplier)
    np.testing.assert_array_equal(firms.get("new_work_positions"), np.bincount(
        by_firm, weights=model.now.new_work_positions, minlength=m))
    biggest = agent(model, Firm, int(np.argmax(sizes)))
    employees = biggest.employees()
    assert len(employees) == biggest.size > 0
    assert all(worker.employer_id == biggest.index for worker in employees)
    assert {worker.stage for worker in employees} <= {STAGES[ENTRY], STAGES[EXPERIENCED]}
    assert biggest.labor_demand == pytest.approx(
        model.now.labor_demand.reshape(model.firms.count, -1)[biggest.index].sum())


def test_agent_reporters_work_in_a_mesa_datacollector(small_params):
    model = LaborMarket(small_params, seed=4)
    collector = mesa.DataCollector(
        agenttype_reporters={Worker: {"wage": "wage", "status": "status"}})
    collector.collect(model)
    frame = collector.get_agenttype_vars_dataframe(Worker)
    assert len(frame) == model.workers.count
    np.testing.assert_allclose(frame["wage"].to_numpy(), model.workers.wage)
