"""Workers and firms are real Mesa agents that view the model's arrays."""

from __future__ import annotations

import mesa
import numpy as np

from sim import Firm, LaborMarket, Worker
from sim.state import EMPLOYED


def test_agents_are_registered_with_the_model(small_params):
    model = LaborMarket(small_params, seed=1)
    workers = model.agents_by_type[Worker]
    firms = model.agents_by_type[Firm]
    assert len(workers) == model.workers.count
    assert len(firms) == model.firms.count
    assert len(model.agents) == model.workers.count + model.firms.count
    assert all(isinstance(a, mesa.Agent) for a in list(workers)[:10])


def test_worker_views_read_and_follow_the_arrays(small_params):
    model = LaborMarket(small_params, seed=1)
    worker = model.worker_agents[7]
    w = model.workers
    assert worker.skill == w.skill[7] and worker.wage == w.wage[7]
    assert worker.occupation == model.occupations.names[w.occupation[7]]
    for _ in range(6):
        model.step()
        assert worker.status == ("employed" if w.status[7] == EMPLOYED else "unemployed")
        assert worker.employer_id == w.employer[7]
        assert (worker.employer is None) == (w.employer[7] < 0)
        if worker.employer is not None:
            assert worker in worker.employer.employees()


def test_worker_ai_views_read_the_arrays(small_params):
    model = LaborMarket(small_params, seed=3)
    model.step()
    workers = model.agents_by_type[Worker]
    users = workers.select(lambda a: a.ai_user)
    assert len(users) == int(model.workers.ai_user.sum()) > 0
    proficiency = np.array(workers.get("ai_proficiency"))
    np.testing.assert_array_equal(proficiency, model.workers.proficiency)


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
    model = LaborMarket(small_params, seed=3)
    model.step()
    sizes = np.array([f.size for f in model.firm_agents])
    assert sizes.sum() == model.metrics.employment
    assert sum(f.vacancies for f in model.firm_agents) == model.metrics.vacancies
    biggest = model.firm_agents[int(np.argmax(sizes))]
    assert len(biggest.employees()) == biggest.size


def test_agent_reporters_work_in_a_mesa_datacollector(small_params):
    model = LaborMarket(small_params, seed=4)
    collector = mesa.DataCollector(
        agenttype_reporters={Worker: {"wage": "wage", "status": "status"}})
    collector.collect(model)
    frame = collector.get_agenttype_vars_dataframe(Worker)
    assert len(frame) == model.workers.count
    np.testing.assert_allclose(frame["wage"].to_numpy(), model.workers.wage)
