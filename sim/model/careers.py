"""Careers in the month: ageing, exit and entry of cohorts, labor-force participation,
match quality, promotion, and each worker's productivity without AI.

The phases of :class:`~sim.model.market.LaborMarket` call these functions; the rules and their
sources are in :mod:`~sim.model.rules.demography`, :mod:`~sim.model.rules.participation`,
:mod:`~sim.model.rules.careers` and :mod:`~sim.model.rules.match_quality`.
"""

from __future__ import annotations

import numpy as np

from sim.model.occupations import Occupations
from sim.model.params import CareersParams, MarketParams
from sim.model.rates import Rates
from sim.model.rules import careers, demography, match_quality
from sim.model.rules.adoption import adopter_category
from sim.model.rules.augmentation import skill_rank
from sim.model.rules.sorting import group_order, rank_in_group
from sim.model.state import (
    EMPLOYED,
    ENTRY,
    EXPERIENCED,
    FREELANCE,
    UNEMPLOYED,
    Groups,
    WorkerState,
    move,
)

#: Propensity cut points of the thirds for entrants: the terciles of a standard normal.
PROPENSITY_THIRDS = (-0.4307272992954576, 0.4307272992954576)


def portable_factor(workers: WorkerState, rates: Rates) -> np.ndarray:
    """Each worker's general-experience factor (normalised to mean one over the stationary
    ages) times their human capital: what they carry into any occupation."""
    return rates.general_table[career_months(workers)] * workers.human_capital


def career_months(workers: WorkerState, who=slice(None)) -> np.ndarray:
    """Months since ``who`` entered the labor market."""
    return (workers.age_months[who] - workers.entry_age[who]).astype(np.int64)


def effective_skill(workers: WorkerState, who, rates: Rates) -> np.ndarray:
    """Productivity without AI of ``who`` in their current occupation and job: the skill their
    ability gives there, times occupational experience, the portable factor and the match."""
    w = workers
    sd = rates.skill_sd[w.occupation[who]]
    occupational = rates.occupation_table[np.minimum(w.experience[who],
                                                     len(rates.occupation_table) - 1)]
    # skill_in_occupation(ability, sd) * exp(match), in one exponential
    return (np.exp(sd * w.ability[who] - 0.5 * sd**2 + w.match[who]) * occupational
            * rates.general_table[career_months(w, who)] * w.human_capital[who])


def refresh_skill(workers: WorkerState, rates: Rates) -> None:
    """Recompute every worker's productivity without AI (in place)."""
    workers.skill[:] = effective_skill(workers, slice(None), rates)


def advance_careers(workers: WorkerState, c: CareersParams) -> None:
    """Month-end: everyone ages a month; the employed gain a month of experience in their
    occupation; human capital erodes out of work and recovers at work (in place)."""
    w = workers
    w.age_months += 1
    working = (w.status == EMPLOYED) | (w.status == FREELANCE)
    w.experience += w.status == EMPLOYED  # adding a mask adds one where it is True
    w.human_capital[:] = careers.human_capital_step(w.human_capital, working, c.depreciation)


def leavers(workers: WorkerState, rates: Rates, draws: np.ndarray) -> np.ndarray:
    """The people who leave the population for good this month (by the age hazard)."""
    return demography.leaving(workers.age_months, draws, rates.exit_hazard)


def renew(workers: WorkerState, rows: np.ndarray, groups: Groups, occupations: Occupations,
          rates: Rates, c: CareersParams, rng: np.random.Generator, next_person: int) -> int:
    """New entrants take the ``rows`` of those who left: first-time job seekers of entry age,
    with a fresh ability, adoption propensity and occupation of training (drawn by employment
    share), unemployed, without experience (in place). Returns the next unused person id.

    ``rows`` are the same in every counterfactual arm (exits depend on age alone), so
    drawing their traits in order from ``rng`` gives every arm the same entrants."""
    w, n = workers, len(rows)
    if n == 0:
        return next_person
    occupation = rng.choice(occupations.count, size=n, p=occupations.employment_share)
    ability = rng.standard_normal(n)
    propensity = rng.standard_normal(n)
    age = demography.draw_ages(rates.entrant_ages, rng.random(n))
    w.person[rows] = np.arange(next_person, next_person + n)
    w.age_months[rows] = age
    w.entry_age[rows] = age
    w.ability[rows] = ability
    w.skill_rank[rows] = skill_rank(ability)
    w.occupation[rows] = occupation
    move(w, rows, UNEMPLOYED)
    w.months_without_work[rows] = 0  # a first-time job seeker: no gap to explain
    w.wage[rows] = 0.0  # no last wage (reservation wages are set in the wage phase)
    w.reservation_wage[rows] = 0.0
    w.ai_propensity[rows] = propensity
    w.adopter_category[rows] = adopter_category(propensity)
    w.ai_user[rows] = False
    w.proficiency[rows] = 0.0
    w.training_months[rows] = 0
    w.experience[rows] = 0
    w.stage[rows] = ENTRY
    w.match[rows] = 0.0
    w.human_capital[rows] = 1.0
    w.skill[rows] = effective_skill(w, rows, rates)
    groups.low_propensity[rows] = propensity <= PROPENSITY_THIRDS[0]
    groups.high_propensity[rows] = propensity > PROPENSITY_THIRDS[1]
    groups.policy[rows] = -1
    return next_person + n


def shock_matches(workers: WorkerState, market: MarketParams, shock_draws: np.ndarray,
                  match_draws: np.ndarray) -> None:
    """Known matches redrawn this month take a new quality (in place)."""
    w = workers
    known = (w.status == EMPLOYED) & (w.tenure >= market.match_learning_months)
    hit = match_quality.shocked(known, shock_draws, market.match_shock_rate)
    w.match[hit] = match_quality.draw(match_draws[hit], market.match_sd)


def poor_matches(workers: WorkerState, market: MarketParams) -> np.ndarray:
    """The employed whose known match is below the floor (they are laid off)."""
    w = workers
    return match_quality.poor_matches(w.status == EMPLOYED, w.tenure, w.match,
                                      learning_months=market.match_learning_months,
                                      floor=market.match_floor)


def promote(workers: WorkerState, positions: np.ndarray, filled: np.ndarray, c: CareersParams,
            *, employed: np.ndarray, cells: np.ndarray) -> np.ndarray:
    """Entry-level workers far enough into their careers move into the open experienced
    positions of their own firm and occupation, longest careers first (in place). Returns the
    promoted.

    ``positions`` and ``filled``: per cell, the positions the firm wants staffed and those its
    workers fill; a cell's open experienced positions are their rounded gap. ``employed`` and
    ``cells``: the employed and their cells (:func:`sim.model.state.employed_cells`)."""
    w = workers
    ready = careers.promotable(w.stage[employed], career_months(w, employed),
                               c.promotion_months)
    candidates, target = employed[ready], cells[ready] + (EXPERIENCED - ENTRY)
    if len(candidates) == 0:
        return candidates
    gap = np.maximum(np.floor(positions - filled + 0.5), 0).astype(np.int64)
    # all candidates are sorted, also those in cells without a gap: group_order breaks ties
    # by the whole array, so leaving some out would change who is promoted among equals
    order = group_order(target, career_months(w, candidates).astype(float), descending=True)
    candidates, target = candidates[order], target[order]
    promoted = candidates[rank_in_group(target) < gap[target]]
    w.stage[promoted] = EXPERIENCED
    return promoted

