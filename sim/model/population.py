"""Initialization: draw the workers and firms of a new economy.

Everything here runs once, when a :class:`~sim.model.market.LaborMarket` is created, and draws
from its own named streams (see :mod:`sim.model.streams`). Heterogeneity is drawn in
whole-array calls.
"""

from __future__ import annotations

import numpy as np

from sim.model import pay
from sim.model.careers import PROPENSITY_THIRDS, refresh_skill
from sim.model.month import MonthCounts, MonthState
from sim.model.occupations import Occupations
from sim.model.params import REGIMES, CareersParams, MarketParams, Params
from sim.model.rates import Rates
from sim.model.rules import match_quality
from sim.model.rules.adoption import adopter_category
from sim.model.rules.attribution import CAUSES
from sim.model.rules.augmentation import skill_rank
from sim.model.rules.careers import stage_split
from sim.model.rules.demand import stationary_sd
from sim.model.rules.demography import draw_ages
from sim.model.rules.policies import assign_regimes
from sim.model.rules.productivity import positions_covered, skill_in_occupation, worker_productivity
from sim.model.rules.wages import wage_rule
from sim.model.state import (
    EMPLOYED,
    ENTRY,
    NO_EMPLOYER,
    NONPARTICIPANT,
    UNEMPLOYED,
    FirmState,
    Groups,
    WorkerState,
    cell_firm,
    cell_occupation,
    cell_stage,
    cells_per_firm,
    move,
)


def draw_workers(n: int, occupations: Occupations, rates: Rates,
                 rng: np.random.Generator, propensity_rng: np.random.Generator) -> WorkerState:
    """Draw ``n`` people: occupation by OEWS employment share, a standard-normal ability and
    the skill it gives in the occupation (lognormal, mean one, spread ``rates.skill_sd`` per
    occupation), an age from the stationary age distribution and an entry age, and the fixed
    AI-adoption propensity from its own stream. Everyone starts out of the labor force
    (:func:`place_workers` then assigns statuses, experience and human capital)."""
    occupation = rng.choice(occupations.count, size=n, p=occupations.employment_share)
    ability = rng.standard_normal(n)
    skill = skill_in_occupation(ability, rates.skill_sd[occupation])
    age = draw_ages(rates.stationary_ages, rng.random(n))
    entry_age = np.minimum(draw_ages(rates.entrant_ages, rng.random(n)), age)
    propensity = propensity_rng.standard_normal(n)
    return WorkerState(
        ability=ability,
        skill_rank=skill_rank(ability),
        skill=skill,
        occupation=occupation.astype(np.int16),
        status=np.full(n, NONPARTICIPANT, dtype=np.int8),
        employer=np.full(n, NO_EMPLOYER, dtype=np.int32),
        wage=np.zeros(n),
        tenure=np.zeros(n, dtype=np.int32),
        unemployed_months=np.zeros(n, dtype=np.int32),
        months_without_work=np.zeros(n, dtype=np.int32),
        reservation_wage=np.zeros(n),
        ai_propensity=propensity,
        adopter_category=adopter_category(propensity),
        ai_user=np.zeros(n, dtype=bool),
        proficiency=np.zeros(n),
        training_months=np.zeros(n, dtype=np.int16),
        person=np.arange(n, dtype=np.int64),
        age_months=age,
        entry_age=entry_age,
        experience=np.zeros(n, dtype=np.int16),
        stage=np.full(n, ENTRY, dtype=np.int8),
        match=np.zeros(n),
        human_capital=np.ones(n),
        ai_pay_share=np.zeros(n),
        new_work=np.zeros(n, dtype=bool),
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


def draw_firms(params: Params, occupations: Occupations, workers: WorkerState, rates: Rates,
               rng: np.random.Generator) -> FirmState:
    """Draw firms and their labor requirements (their AI traits come from :func:`draw_firm_ai`).

    Firm scales (positions when demand is at its long-run mean) are Pareto, capped at
    ``max_size_share`` of the workforce; each firm's occupation mix is Dirichlet around the
    national mix. Requirements are then scaled per occupation so that, with demand at its
    long-run mean, the economy offers ``jobs_per_worker`` positions per person of every
    occupation.
    """
    p = params.firms
    n = workers.count
    k = occupations.count
    n_firms = max(1, round(params.population.participation * n / p.mean_size))
    scale = capped_shares(pareto_sizes(n_firms, p.size_tail, rng), p.max_size_share)
    scale *= p.jobs_per_worker * n

    gamma = rng.gamma(p.occupation_mix_concentration * occupations.employment_share * k,
                      size=(n_firms, k))
    empty = gamma.sum(axis=1) == 0
    gamma[empty] = occupations.employment_share
    mix = gamma / gamma.sum(axis=1, keepdims=True)

    workers_per_occupation = (params.population.participation
                              * np.bincount(workers.occupation, minlength=k).astype(float))
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
        requirement=stage_split(requirement, rates.entry_share),
        vacancies=np.zeros(n_firms * cells_per_firm(k), dtype=np.int32),
        regime=np.zeros(n_firms, dtype=np.int8),
        adoption_factor=np.ones(n_firms),
        automation_threshold=np.full(n_firms, np.inf),
        automated=np.zeros(n_firms * cells_per_firm(k)),
        quality=np.ones(n_firms),
        frozen=np.zeros(n_firms, dtype=bool),
        reversed=np.zeros(n_firms, dtype=bool),
        market=np.zeros(n_firms, dtype=np.int32),
        rounding_offset=np.full(n_firms, 0.5),
        exposure=np.zeros(n_firms),
        demand_multiplier=np.ones(n_firms),
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


def draw_markets(firms: FirmState, params: Params, rates: Rates, rng: np.random.Generator
                 ) -> int:
    """Assign each firm to one of ``round(M / firms.firms_per_market)`` product markets (at
    least one) uniformly at random, draw its fixed offset for rounding new AI-work positions,
    and record its requirement-weighted AI exposure, from their own stream (in place).
    Returns the number of markets."""
    n = firms.count
    n_markets = max(1, round(n / params.firms.firms_per_market))
    firms.market = rng.integers(0, n_markets, size=n).astype(np.int32)
    firms.rounding_offset = rng.random(n)
    requirement = firms.requirement.reshape(n, -1)
    firms.exposure = (requirement @ rates.job_exposure) / np.maximum(requirement.sum(axis=1),
                                                                     1e-12)
    return n_markets


def place_workers(workers: WorkerState, positions: np.ndarray, params: Params, rates: Rates,
                  n_occupations: int, rng: np.random.Generator) -> None:
    """Initial statuses: ``population.participation`` of each occupation's people join the
    labor force, and positions of the occupation are filled with the members firms would
    screen best (ability seen with the screening error), until
    ``1 - population.initial_unemployment`` of them are employed; each employed worker takes
    the stage of their position (beginners always entry level) and a match quality above the
    floor, raised by :data:`INITIAL_MATCH_GAIN` (in place). Both selections start the economy
    near the sorting the hiring standard and the job ladder lead to."""
    p, w = params.population, workers
    cells = np.repeat(np.arange(len(positions)), positions)  # one entry per position
    cell_occ = cell_occupation(cells, n_occupations)
    for k in range(n_occupations):
        pool = np.flatnonzero(w.occupation == k)
        members = rng.choice(pool, size=round(p.participation * len(pool)), replace=False)
        move(w, members, UNEMPLOYED)
        slots = rng.permutation(cells[cell_occ == k])
        hired = min(len(slots), round((1.0 - p.initial_unemployment) * len(members)))
        screened = (rates.skill_sd[k] * w.ability[members]
                    + rates.screening_error[k] * rng.standard_normal(len(members)))
        chosen = members[np.argsort(-screened, kind="stable")[:hired]]
        move(w, chosen, EMPLOYED, cell_firm(slots[:hired], n_occupations))
        w.stage[chosen] = cell_stage(slots[:hired])
    employed = np.flatnonzero(w.status == EMPLOYED)
    early = employed[(w.age_months[employed] - w.entry_age[employed])
                     < params.careers.promotion_months]
    w.stage[early] = ENTRY  # beginners hold entry-level positions; positions re-sort in burn-in
    m = params.market
    w.match[employed] = np.maximum(match_quality.draw(rng.standard_normal(len(employed)),
                                                      m.match_sd) + INITIAL_MATCH_GAIN,
                                   m.match_floor)
    w.tenure[employed] = m.match_learning_months  # matches known from the start
    initial_careers(w, params.careers, rng)
    refresh_skill(w, rates)


#: Initial condition only: by status (employed, unemployed, out of the labor force), the
#: range of the share of their careers people have spent in their occupation, and the mean
#: number of months out of work whose human-capital loss they have not regained, both read
#: off a 40-year run of the default no-AI economy (the 60-month burn-in does the rest).
INITIAL_EXPERIENCE_SHARE = {EMPLOYED: (0.1, 1.0), UNEMPLOYED: (0.0, 0.62),
                            NONPARTICIPANT: (0.0, 0.64)}
INITIAL_MONTHS_OUT = {EMPLOYED: 10.0, UNEMPLOYED: 67.0, NONPARTICIPANT: 82.0}
#: Initial condition only: how much better than a new draw the matches of the employed are
#: once the job ladder has sorted them (about 0.12 log points in the same 40-year run).
INITIAL_MATCH_GAIN = 0.12


def initial_careers(workers: WorkerState, c: CareersParams, rng: np.random.Generator) -> None:
    """Experience in the occupation and human capital near their stationary levels, by status
    (:data:`INITIAL_EXPERIENCE_SHARE`, :data:`INITIAL_MONTHS_OUT`; in place)."""
    w = workers
    career = (w.age_months - w.entry_age).astype(float)
    share = rng.random(w.count)
    months_out = rng.exponential(1.0, w.count)
    for status, (lo, hi) in INITIAL_EXPERIENCE_SHARE.items():
        mine = w.status == status
        w.experience[mine] = (career[mine] * (lo + (hi - lo) * share[mine])).astype(np.int16)
        out = INITIAL_MONTHS_OUT[status] * months_out[mine]
        w.human_capital[mine] = (1.0 - c.depreciation) ** out
        if status != EMPLOYED:
            w.months_without_work[mine] = out.astype(np.int32)


def propensity_groups(workers: WorkerState) -> Groups:
    """The bottom and top thirds of the fixed adoption propensity (cut at the terciles of its
    standard normal distribution, as for entrants); nobody is in a policy group until AI
    arrives."""
    return Groups(low_propensity=workers.ai_propensity <= PROPENSITY_THIRDS[0],
                  high_propensity=workers.ai_propensity > PROPENSITY_THIRDS[1],
                  policy=np.full(workers.count, -1, dtype=np.int64))


def initial_month(workers: WorkerState, occupations: Occupations, market: MarketParams,
                  labor_demand: np.ndarray, positions: np.ndarray) -> MonthState:
    """The state before the first month: no AI gains, every worker at their skill, the
    economy's labor demand and positions, no open vacancies yet."""
    w, n_cells = workers, len(positions)
    n_firms = n_cells // cells_per_firm(occupations.count)
    productivity = worker_productivity(w.skill)
    return MonthState(
        status_start=w.status.copy(), employer_start=w.employer.copy(),
        pay_levels=pay.pay_levels(w, occupations, market), counts=MonthCounts(),
        separation_causes=np.zeros(len(CAUSES), dtype=np.int64),
        ai_gain=np.zeros(w.count), intensity=np.zeros(w.count),
        productivity_gain=np.zeros(w.count), ranking_gain=np.zeros(w.count),
        ranked_productivity=productivity,
        productivity=productivity,
        covered=positions_covered(productivity, w.skill),
        pay_productivity=worker_productivity(w.skill),
        labor_demand=labor_demand, positions=positions, positions_without_automation=positions,
        new_work_positions=np.zeros(n_cells, dtype=np.int32),
        unit_cost=np.ones(n_firms), demand_multiplier=np.ones(n_firms),
        positions_per_head=np.ones(n_firms),
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
