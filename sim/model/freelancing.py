"""The freelance task market in the month: what share of each freelancer's capacity the
ordinary and the AI-specialist task markets use (:mod:`sim.model.rules.freelance` has the
rules and their sources)."""

from __future__ import annotations

import numpy as np

from sim.model.occupations import Occupations
from sim.model.params import Params
from sim.model.rules import capability, freelance
from sim.model.state import WorkerState


def task_market_use(workers: WorkerState, freelancers: np.ndarray, covered: np.ndarray,
                    occupations: Occupations, *, params: Params, frontier: float,
                    cycle: float) -> tuple[np.ndarray, np.ndarray]:
    """Share of each freelancer's capacity (positions they can fill) that the ordinary and the
    AI-specialist task markets use.

    Ordinary demand moves with the business cycle and falls with the automatable share of the
    freelancers' occupations (technology channel); AI-specialist demand grows with capability
    and only users at the specialist proficiency can serve it (people channel).
    """
    w, f, ai = workers, params.freelance, params.ai
    n = w.count
    capacity = covered[freelancers]
    ordinary_demand = params.firms.jobs_per_worker * f.demand_share * n * np.exp(cycle)
    if ai.automation and frontier > 0.0 and len(freelancers):
        doable = capability.automatable_share(occupations.exposure[w.occupation[freelancers]],
                                              frontier)
        ordinary_demand *= max(0.0, 1.0 - f.substitutable_demand_loss * float(doable.mean()))
    specialist = np.zeros(len(freelancers), dtype=bool)
    specialist_demand = 0.0
    if ai.augmentation and frontier > 0.0:
        specialist = w.ai_user[freelancers] & (
            w.proficiency[freelancers] >= f.ai_specialist_proficiency)
        specialist_demand = f.ai_task_demand * n * frontier
    specialist_use = np.where(
        specialist, freelance.utilisation(specialist_demand, capacity[specialist].sum()), 0.0)
    remaining = capacity * (1.0 - specialist_use)
    use = remaining / np.where(capacity > 0, capacity, 1.0) * freelance.utilisation(
        ordinary_demand, remaining.sum())
    return use, specialist_use
