"""Initialization: draw the workers and firms of a new economy.

Everything here runs once, when a :class:`~sim.model.market.LaborMarket` is created, and draws
from its own named streams (see :mod:`sim.model.streams`). Heterogeneity is drawn in
whole-array calls.
"""

from __future__ import annotations

import numpy as np

from sim.model import pay
from sim.model.month import MonthCounts, MonthState
from sim.model.occupations import Occupations
from sim.model.params import REGIMES, MarketParams, Params
from sim.model.rules.attribution import CAUSES
from sim.model.rules.augmentation import skill_rank
from sim.model.rules.demand import stationary_sd
from sim.model.rules.policies import assign_regimes
from sim.model.rules.productivity import positions_covered, skill_in_occupation, worker_productivity
from sim.model.rules.wages import wage_rule
from sim.model.state import (
    EMPLOYED,
    NO_EMPLOYER,
    UNEMPLOYED,
    FirmState,
    Groups,
    WorkerState,
    move,
)

#: Propensity thresholds (in standard deviations) between Rogers' adopter categories:
#: innovators above +2 sd, early adopters +1..+2, early majority 0..+1, late majority -1..0,
#: laggards below -1 sd, giving 2.5%, 13.5%, 34%, 34% and 16% (Rogers, Diffusion of Innovations).
ROGERS_THRESHOLDS = (2.0, 1.0, 0.0, -1.0)


def adopter_category(propensity: np.ndarray) -> np.ndarray:
    """Rogers category index (0 = innovator ... 4 = laggard) of standard-normal propensities."""
    return np.searchsorted(-np.asarray(ROGERS_THRESHOLDS), -propensity, side="right").astype(
        np.int8
    )


def draw_workers(n: int, occupations: Occupations, log_skill_sd: np.ndarray,
                 rng: np.random.Generator, propensity_rng: np.random.Generator) -> WorkerState:
    """Draw ``n`` workers: occupation by OEWS employment share, a standard-normal ability and
    the skill it gives in the occupation (lognormal, mean one, spread ``log_skill_sd`` per
    occupation), and the fixed AI-adoption propensity from its own stream."""
    occupation = rng.choice(occupations.count, size=n, p=occupations.employment_share)
    ability = rng.standard_normal(n)
    skill = skill_in_occupation(ability, log_skill_sd[occupation])
    propensity = propensity_rng.standard_normal(n)
    return WorkerState(
        ability=ability,
        skill_rank=skill_rank(ability),
        skill=skill,
        occupation=occupation.astype(np.int16),
        status=np.full(n, UNEMPLOYED, dtype=np.int8),
        employer=np.full(n, NO_EMPLOYER, dtype=np.int32),
        wage=np.zeros(n),
        tenure=np.zeros(n, dtype=np.int32),
        unemployed_months=np.zeros(n, dtype=np.int32),
        reservation_wage=np.zeros(n),
        ai_propensity=propensity,
        adopter_category=adopter_category(propensity),
        ai_user=np.zeros(n, dtype=bool),
        proficiency=np.zeros(n),
        training_months=np.zeros(n, dtype=np.int16),
    )


def pareto_sizes(n_firms: int, tail: float, rng: np.random.Generator) -> np.ndarray:
    """Pareto (Zipf-like) draws with tail exponent ``tail`` and minimum one; Axtell (2001)
    finds a tail exponent near one for US firms."""
    return rng.random(n_firms) ** (-1.0 / tail)


def capped_shares(sizes: np.ndarray, cap: float) -> np.ndarray:
    """Shares proportional to ``sizes``, none above ``cap`` (the excess of capped firms is
    shared among the others in proportion to their size, repeatedly, until none exceeds it).

    >>> capped_shares(np.array([10.0, 1.0, 1.0, 1.0, 1.0]), 0.4).round(3)
    array([0.4 , 0.15, 0.15, 0.15, 0.15])
    """
    cap = max(cap, 1.0 / len(sizes))
    share = sizes / sizes.sum()
    capped = np.zeros(len(sizes), dtype=bool)
    while (share > cap * (1 + 1e-12)).any():
        capped |= share > cap
        free = ~capped
        share[capped] = cap
        share[free] = sizes[free] / sizes[free].sum() * (1.0 - cap * capped.sum())
    return share


def draw_firms(params: Params, occupations: Occupations, workers: WorkerState,
               rng: np.random.Generator) -> FirmState:
    """Draw firms and their labor requirements (their AI traits come from :func:`draw_firm_ai`).

    Firm scales (positions when demand is at its long-run mean) are Pareto, capped at
    ``max_size_share`` of the workforce; each firm's occupation mix is Dirichlet around the
    national mix. Requirements are then scaled per occupation so that, with demand at its
    long-run mean, the economy offers ``jobs_per_worker`` positions per worker of every
    occupation.
    """
    p = params.firms
    n = workers.count
    k = occupations.count
    n_firms = max(1, round(n / p.mean_size))
    scale = capped_shares(pareto_sizes(n_firms, p.size_tail, rng), p.max_size_share)
    scale *= p.jobs_per_worker * n

    gamma = rng.gamma(p.occupation_mix_concentration * occupations.employment_share * k,
                      size=(n_firms, k))
    empty = gamma.sum(axis=1) == 0
    gamma[empty] = occupations.employment_share
    mix = gamma / gamma.sum(axis=1, keepdims=True)

    workers_per_occupation = np.bincount(workers.occupation, minlength=k).astype(float)
    demanded = (scale[:, None] * mix).sum(axis=0)
    for j in np.flatnonzero(demanded == 0):  # an occupation no firm drew: give it to the largest
        mix[np.argmax(scale), j] = 1.0
    demanded = (scale[:, None] * mix).sum(axis=0)
    # Firms hold all positions but the freelance market's share.
    wanted = p.jobs_per_worker * (1.0 - params.freelance.demand_share) * workers_per_occupation
    requirement = mix * (wanted / demanded)[None, :]

    premium = p.pay_premium_sd * rng.standard_normal(n_firms) - 0.5 * p.pay_premium_sd**2
    shock_sd = stationary_sd(p.demand_persistence_annual, p.demand_volatility_annual)
    shock = shock_sd * rng.standard_normal(n_firms) - 0.5 * shock_sd**2
    return FirmState(
        scale=scale,
        pay_premium=premium,
        recruiting_premium=np.zeros(n_firms),
        demand_shock=shock,
        requirement=requirement.ravel(),
        vacancies=np.zeros(n_firms * k, dtype=np.int32),
        regime=np.zeros(n_firms, dtype=np.int8),
        adoption_factor=np.ones(n_firms),
        automation_threshold=np.full(n_firms, np.inf),
        automated=np.zeros(n_firms * k),
        quality=np.ones(n_firms),
        frozen=np.zeros(n_firms, dtype=bool),
        reversed=np.zeros(n_firms, dtype=bool),
    )


def draw_firm_ai(firms: FirmState, params: Params, rng: np.random.Generator) -> None:
    """Draw each firm's AI traits from their own stream (so that they change no other draw):
    its policy regime (by the scenario's mix), whether it restricts AI or trains its workers,
    and the capability at which automating pays for it (in place)."""
    n = firms.count
    ai, policies = params.ai, params.policies
    shares = np.array([getattr(policies, name) for name in REGIMES])
    firms.regime = assign_regimes(shares, rng.random(n))
    stance = rng.random(n)
    restricts = stance < ai.restricting_firm_share
    trains = (stance >= ai.restricting_firm_share) & (
        stance < ai.restricting_firm_share + ai.training_firm_share)
    firms.adoption_factor = np.where(restricts, ai.restriction_factor,
                                     np.where(trains, ai.training_factor, 1.0))
    firms.automation_threshold = ai.capability_start + rng.random(n) * max(
        ai.automation_threshold_max - ai.capability_start, 0.0)


def place_workers(workers: WorkerState, positions: np.ndarray, n_occupations: int,
                  initial_unemployment: float, rng: np.random.Generator) -> None:
    """Initial allocation: fill positions of each occupation with randomly chosen workers of that
    occupation until ``1 - initial_unemployment`` of them are employed (in place)."""
    n_cells = len(positions)
    cells = np.repeat(np.arange(n_cells), positions)  # one entry per position
    cell_occupation = cells % n_occupations
    for k in range(n_occupations):
        pool = np.flatnonzero(workers.occupation == k)
        slots = rng.permutation(cells[cell_occupation == k])
        hired = min(len(slots), round((1.0 - initial_unemployment) * len(pool)))
        chosen = rng.choice(pool, size=hired, replace=False)
        move(workers, chosen, EMPLOYED, slots[:hired] // n_occupations)


def propensity_groups(workers: WorkerState) -> Groups:
    """The bottom and top thirds of the fixed adoption propensity; nobody is in a policy
    group until AI arrives."""
    third = np.quantile(workers.ai_propensity, [1 / 3, 2 / 3])
    return Groups(low_propensity=workers.ai_propensity <= third[0],
                  high_propensity=workers.ai_propensity > third[1],
                  policy=np.full(workers.count, -1, dtype=np.int64))


def initial_month(workers: WorkerState, occupations: Occupations, market: MarketParams,
                  labor_demand: np.ndarray, positions: np.ndarray) -> MonthState:
    """The state before the first month: no AI gains, every worker at their skill, the
    economy's labor demand and positions, no open vacancies yet."""
    w, n_cells = workers, len(positions)
    productivity = worker_productivity(w.skill)
    return MonthState(
        status_start=w.status.copy(), employer_start=w.employer.copy(),
        pay_levels=pay.pay_levels(w, occupations, market), counts=MonthCounts(),
        separation_causes=np.zeros(len(CAUSES), dtype=np.int64),
        ai_gain=np.zeros(w.count), productivity=productivity,
        covered=positions_covered(productivity, w.skill),
        pay_productivity=worker_productivity(w.skill),
        labor_demand=labor_demand, positions=positions, positions_without_automation=positions,
        open_for_applications=np.zeros(n_cells, dtype=np.int32),
        unfilled=np.zeros(n_cells, dtype=np.int32), freelance_output=0.0)


def initial_wages(workers: WorkerState, firms: FirmState, now: MonthState,
                  market: MarketParams) -> None:
    """Pay everyone the wage rule (the unemployed's last wage is the rule at an average firm)
    and set the reservation wages of the unemployed (in place)."""
    w = workers
    premium = np.zeros(w.count)
    employed = w.status == EMPLOYED
    premium[employed] = firms.pay_premium[w.employer[employed]]
    w.wage[:] = wage_rule(now.pay_levels[w.occupation], now.pay_productivity, premium)
    unemployed = np.flatnonzero(~employed)
    w.reservation_wage[unemployed] = pay.reservation_wages(w, unemployed, now, market)
