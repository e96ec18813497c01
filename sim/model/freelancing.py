"""The freelance task market in the month: who starts freelancing, what share of each
freelancer's capacity the ordinary and the AI-specialist task markets use, what freelancers
earn and who gives up (:mod:`sim.model.rules.freelance` has the rules and their sources)."""

from __future__ import annotations

import numpy as np

from sim.model.month import MonthState
from sim.model.occupations import Occupations
from sim.model.params import FreelanceParams, Params
from sim.model.rules import capability, freelance, wages
from sim.model.state import EMPLOYED, FREELANCE, UNEMPLOYED, WorkerState


def entrants(workers: WorkerState, now: MonthState, draws: np.ndarray,
             f: FreelanceParams) -> tuple[np.ndarray, np.ndarray]:
    """Who starts freelancing: those unemployed all month, and employees past their first
    month, each with their monthly entry probability (``draws``: one uniform per person).
    Returns the entrants from unemployment and from employment."""
    w = workers
    from_unemployment = np.flatnonzero(
        (w.status == UNEMPLOYED) & (now.status_start == UNEMPLOYED)
        & (draws < f.entry_from_unemployment))
    from_employment = np.flatnonzero((w.status == EMPLOYED) & (w.tenure > 0)
                                     & (draws < f.entry_from_employment))
    return from_unemployment, from_employment


def task_market_use(workers: WorkerState, freelancers: np.ndarray, covered: np.ndarray,
                    occupations: Occupations, *, params: Params, frontier: float,
                    cycle: float) -> tuple[np.ndarray, np.ndarray]:
    """Share of each freelancer's capacity (positions they can fill) that the ordinary and the
    AI-specialist task markets use.

    Ordinary demand moves with the business cycle and, in each occupation, falls with its
    automatable share (block ``automation``); new AI-specialist demand grows with
    capability, and only users at the specialist proficiency can serve it (block
    ``new_work``); :mod:`sim.model.rules.freelance` has both rules.
    """
    w, f, ai = workers, params.freelance, params.ai
    n = w.count
    capacity = covered[freelancers]
    labor_force = params.population.participation * n  # as firms' positions are sized
    base_demand = params.firms.jobs_per_worker * f.demand_share * labor_force * np.exp(cycle)
    substituted = np.ones(len(freelancers))  # ordinary demand left, by their occupation
    if ai.automation and frontier > 0.0:
        doable = capability.automatable_share(occupations.exposure[w.occupation[freelancers]],
                                              frontier)
        substituted = freelance.substitution(f.substitutable_demand_loss, doable)
    specialist = np.zeros(len(freelancers), dtype=bool)
    specialist_demand = 0.0
    if ai.new_work and frontier > 0.0:
        specialist = w.ai_user[freelancers] & (
            w.proficiency[freelancers] >= f.ai_specialist_proficiency)
        specialist_demand = base_demand * freelance.specialist_share(
            f.ai_specialist_share, f.ai_specialist_growth, frontier / ai.capability_start)
    specialist_use = np.where(
        specialist, freelance.utilisation(specialist_demand, capacity[specialist].sum()), 0.0)
    remaining = capacity * (1.0 - specialist_use)
    use = (remaining / np.where(capacity > 0, capacity, 1.0)
           * freelance.utilisation(base_demand, remaining.sum()) * substituted)
    return use, specialist_use


def earn(workers: WorkerState, now: MonthState, occupations: Occupations, *, params: Params,
         frontier: float, cycle: float, exit_draws: np.ndarray) -> np.ndarray:
    """Freelancers earn the market pay of what the task markets use of their capacity, their
    AI gains included (they sell their own output; their wage this month), and produce
    ``now.freelance_output``; some of the underused give up. Returns those who give up
    (``exit_draws``: one uniform per person)."""
    w, f = workers, params.freelance
    freelancers = np.flatnonzero(w.status == FREELANCE)
    use, specialist_use = task_market_use(w, freelancers, now.covered, occupations,
                                          params=params, frontier=frontier, cycle=cycle)
    market_pay = wages.wage_rule(now.pay_levels[w.occupation[freelancers]],
                                 now.productivity[freelancers], 0.0)  # they own their output
    w.wage[freelancers] = freelance.earnings(market_pay, use, specialist_use, f.ai_task_premium)
    now.freelance_output = float(
        ((use + specialist_use) * now.productivity[freelancers]
         * occupations.mean_wage[w.occupation[freelancers]] / 12.0).sum())
    idle = 1.0 - np.minimum(use + specialist_use, 1.0)
    return freelancers[exit_draws[freelancers] < f.exit_to_unemployment * idle]
