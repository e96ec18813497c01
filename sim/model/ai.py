"""AI in the month: adoption, proficiency, intensity and gains; firms automating tasks; what
both do to a firm's costs, price and product demand in competition with its rivals; and new AI
work.

The phases :meth:`~sim.model.market.LaborMarket.technology` and
:meth:`~sim.model.market.LaborMarket.product_demand` call these functions; the mechanisms
themselves, with their sources, are the rules :mod:`~sim.model.rules.adoption`,
:mod:`~sim.model.rules.proficiency`, :mod:`~sim.model.rules.augmentation`,
:mod:`~sim.model.rules.automation`, :mod:`~sim.model.rules.competition`,
:mod:`~sim.model.rules.new_work` and the regimes of :mod:`~sim.model.rules.policies`.
"""

from __future__ import annotations

import numpy as np

from sim.model.month import MonthState
from sim.model.occupations import Occupations
from sim.model.params import AIParams, Params
from sim.model.rates import Rates
from sim.model.rules import (
    adoption,
    augmentation,
    automation,
    capability,
    competition,
    new_work,
    proficiency,
)
from sim.model.rules.demand import whole_positions
from sim.model.rules.policies import POLICIES, RegimeTable, update_freeze
from sim.model.state import (
    EMPLOYED,
    FREELANCE,
    FirmState,
    WorkerState,
    cells_per_firm,
    employed_cells,
    job_of,
)


def adopt(workers: WorkerState, firms: FirmState, occupations: Occupations, *, ai: AIParams,
          regime: np.ndarray, table: RegimeTable, frontier: float, draws: np.ndarray) -> None:
    """Non-users start using AI with the adoption hazard (:mod:`sim.model.rules.adoption`);
    employers that mandate AI (``table``: the regimes' flags this month) multiply it by
    ``ai.mandate_factor`` (in place; ``draws``: one uniform per person)."""
    w = workers
    employer_factor = firms.adoption_factor.copy()
    employer_factor[table.mandates_ai[regime]] *= ai.mandate_factor
    candidates = np.flatnonzero(~w.ai_user)  # only non-users can adopt
    employed, cells = employed_cells(w, occupations.count)
    share = adoption.coworker_share(workers=candidates, employed=employed, cells=cells,
                                    occupation=w.occupation, user=w.ai_user,
                                    n_cells=firms.count * cells_per_firm(occupations.count))
    factor = np.where(w.status[candidates] == EMPLOYED,
                      employer_factor[np.maximum(w.employer[candidates], 0)], 1.0)
    hazard = adoption.adoption_hazard(
        rate=ai.adoption_rate, exposure=occupations.adoption_exposure[w.occupation[candidates]],
        exposure_effect=ai.exposure_effect, relative_capability=frontier / ai.capability_start,
        propensity=w.ai_propensity[candidates], propensity_effect=ai.propensity_effect,
        coworker_share=share, imitation=ai.imitation, employer_factor=factor)
    new = candidates[adoption.adopters(hazard, draws[candidates])]
    w.ai_user[new] = True
    w.proficiency[new] = ai.initial_proficiency


def practise(workers: WorkerState, *, previous_frontier: float, frontier: float,
             learning_rate: float, freelance_experimentation: float) -> np.ndarray:
    """Users' proficiency erodes against the moved frontier, then grows by learning by doing,
    faster for freelancers (:mod:`sim.model.rules.proficiency`; in place). Returns the users."""
    w = workers
    users = np.flatnonzero(w.ai_user)
    experimentation = np.where(w.status[users] == FREELANCE, freelance_experimentation, 1.0)
    w.proficiency[users] = proficiency.learn(
        proficiency.erode(w.proficiency[users], previous_frontier, frontier),
        learning_rate, experimentation)
    return users


def gains(workers: WorkerState, users: np.ndarray, rates: Rates, *, ai: AIParams,
          frontier: float) -> tuple[np.ndarray, np.ndarray]:
    """Each worker's share of work time with AI and productivity gain from it (zero for
    non-users; :mod:`sim.model.rules.augmentation`)."""
    gain, intensity = np.zeros(workers.count), np.zeros(workers.count)
    intensity[users], gain[users] = gains_of(workers, users, rates, ai=ai, frontier=frontier)
    return intensity, gain


def gains_of(workers: WorkerState, users: np.ndarray, rates: Rates, *, ai: AIParams,
             frontier: float) -> tuple[np.ndarray, np.ndarray]:
    """The share of work time with AI and the gain of each of ``users`` in their current job
    (occupation and stage)."""
    w = workers
    exposure = rates.job_exposure[job_of(w.occupation[users], w.stage[users])]
    intensity = augmentation.intensity(w.proficiency[users], exposure)
    gain = augmentation.ai_gain(
        proficiency=w.proficiency[users], rank=w.skill_rank[users], exposure=exposure,
        frontier=frontier, frontier_gain=ai.frontier_gain, hourly_cap=ai.hourly_gain_cap,
        cap=ai.gain_cap,
        outside_loss=ai.outside_frontier_loss)
    return intensity, gain


def refresh_gains(workers: WorkerState, who: np.ndarray, now: MonthState, rates: Rates, *,
                  ai: AIParams, frontier: float) -> None:
    """Recompute this month's intensity and gains of ``who`` after they changed job (a new
    occupation or stage has another exposure), with the blocks' switches (in place)."""
    users = who[workers.ai_user[who]]
    if len(users) == 0 or frontier <= 0.0:
        return
    intensity, gain = gains_of(workers, users, rates, ai=ai, frontier=frontier)
    now.intensity[users] = intensity
    now.ai_gain[users] = gain
    if ai.productivity:
        now.productivity_gain[users] = gain
    if ai.ranking:
        now.ranking_gain[users] = gain


def automate(firms: FirmState, rates: Rates, *, params: Params,
             regime: np.ndarray, table: RegimeTable, frontier: float) -> None:
    """Firms move their automated shares towards their regime's target; quality and the
    freeze state of the regimes that freeze hiring (``table``: the regimes' flags this
    month) follow (:mod:`sim.model.rules.automation`, :mod:`sim.model.rules.policies`; in
    place)."""
    ai, f = params.ai, firms
    exposure = rates.job_exposure  # per (occupation, stage): the cells of a firm
    doable = capability.automatable_share(exposure, frontier)
    requirement = f.requirement.reshape(f.count, len(exposure))
    freezing = table.freezes_hiring[regime]
    expected = (requirement * doable).sum(axis=1) / np.maximum(requirement.sum(axis=1),
                                                               1e-12)
    frozen, reversed_ = update_freeze(
        frozen=f.frozen & freezing, reversed_=f.reversed, expected_share=expected,
        quality=f.quality, threshold=params.policies.freeze_threshold,
        floor=params.policies.quality_floor)
    f.frozen, f.reversed = frozen & freezing, reversed_ & freezing
    automated = f.automated.reshape(f.count, len(exposure))
    ready = automation.automating_firms(frontier, f.automation_threshold)
    for index, policy in enumerate(POLICIES):
        mine = np.flatnonzero(regime == index)
        if len(mine) == 0:
            continue
        target = policy.automation_target(doable, exposure, f.frozen[mine])
        go = ready[mine] | policy.always_automates
        target = np.where(go[:, None], target, 0.0)
        speed = ai.automation_speed * policy.automation_speed_factor
        automated[mine] = automation.move_towards(automated[mine], target,
                                                  np.full((len(mine), 1), speed))
    f.automated = automated.ravel()
    f.quality = automation.quality(automated, doable, requirement, ai.quality_penalty)


def unit_costs(workers: WorkerState, firms: FirmState, now_covered: np.ndarray,
               pay_productivity: np.ndarray, *, automation_cost: float,
               labor_share: float) -> tuple:
    """Each firm's unit cost relative to the economy without AI: the labor it keeps per unit
    of output after automation, plus what its automated tasks cost (``automation_cost`` of
    the labor they replace), times its pay per head relative to pay without AI gains, over
    the positions each head fills (:func:`sim.model.rules.competition.relative_unit_cost`;
    one for a firm with nobody employed). Returns the costs and the positions each head
    fills, per firm."""
    f, w = firms, workers
    requirement = f.requirement.reshape(f.count, -1)
    kept = (requirement * (1.0 - f.automated.reshape(f.count, -1))).sum(axis=1)
    kept_share = kept / np.maximum(requirement.sum(axis=1), 1e-12)
    employed = np.flatnonzero(w.status == EMPLOYED)
    firm = w.employer[employed]
    heads = np.bincount(firm, minlength=f.count)
    filled = np.bincount(firm, weights=now_covered[employed], minlength=f.count)
    paid = np.bincount(firm, weights=pay_productivity[employed] / w.skill[employed],
                       minlength=f.count)
    per_head = np.divide(filled, heads, out=np.ones(f.count), where=heads > 0)
    pay_per_head = np.divide(paid, heads, out=np.ones(f.count), where=heads > 0)
    return (competition.relative_unit_cost(kept_share, pay_per_head, per_head, automation_cost,
                                           labor_share), per_head)


def market_demand(firms: FirmState, cost: np.ndarray, base_demand: np.ndarray, *,
                  params: Params, n_markets: int) -> np.ndarray:
    """Each firm's demand relative to the economy without AI, competing with the firms of its
    market on price and quality, as customers move towards the CES demand
    (:func:`sim.model.rules.competition.demand_multiplier` and
    :func:`~sim.model.rules.competition.adjust`; ``base_demand``: each firm's demand without
    AI; updates ``firms.demand_multiplier``)."""
    target = competition.demand_multiplier(
        cost=cost, quality=firms.quality, share=base_demand, market=firms.market,
        n_markets=n_markets, sigma=params.firms.substitution_elasticity,
        eta=params.firms.industry_demand_elasticity,
        quality_elasticity=params.ai.quality_demand_elasticity)
    firms.demand_multiplier = competition.adjust(firms.demand_multiplier, target,
                                                 params.firms.customer_adjustment)
    return firms.demand_multiplier


def new_work_positions(firms: FirmState, labor_demand: np.ndarray, rates: Rates, *,
                       ai: AIParams, frontier: float) -> np.ndarray:
    """Whole new AI-work positions per cell: each firm's new work
    (:func:`sim.model.rules.new_work.new_work_share` of each cell's labor demand), its total
    rounded with the firm's fixed offset and shared among its cells by largest remainder."""
    share = new_work.new_work_share(rates.job_exposure, frontier, ai.capability_start,
                                    ai.new_work_share)
    width = len(share)
    extra = labor_demand * np.tile(share, firms.count)
    return whole_positions(extra, width, offset=firms.rounding_offset)
