"""AI in the month: the people channel (adoption, proficiency, gains) and the technology channel
(firms automating tasks), and what both do to a firm's product demand.

The phases :meth:`~sim.model.market.LaborMarket.technology` and
:meth:`~sim.model.market.LaborMarket.product_demand` call these functions; the mechanisms
themselves, with their sources, are the rules :mod:`~sim.model.rules.adoption`,
:mod:`~sim.model.rules.proficiency`, :mod:`~sim.model.rules.augmentation`,
:mod:`~sim.model.rules.automation` and the regimes of :mod:`~sim.model.rules.policies`.
"""

from __future__ import annotations

import numpy as np

from sim.model.occupations import Occupations
from sim.model.params import AIParams, Params
from sim.model.rates import Rates
from sim.model.rules import adoption, augmentation, automation, capability, proficiency
from sim.model.rules.policies import POLICIES, TABLE, update_freeze
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
          regime: np.ndarray, frontier: float, draws: np.ndarray) -> None:
    """Non-users start using AI with the adoption hazard (:mod:`sim.model.rules.adoption`);
    employers that mandate AI multiply it by ``ai.mandate_factor`` (in place; ``draws``:
    one uniform per person)."""
    w = workers
    employer_factor = firms.adoption_factor.copy()
    employer_factor[TABLE.mandates_ai[regime]] *= ai.mandate_factor
    candidates = np.flatnonzero(~w.ai_user)  # only non-users can adopt
    employed, cells = employed_cells(w, occupations.count)
    share = adoption.coworker_share(workers=candidates, employed=employed, cells=cells,
                                    occupation=w.occupation, user=w.ai_user.astype(float),
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
          frontier: float) -> np.ndarray:
    """Each worker's productivity gain from AI (zero for non-users;
    :mod:`sim.model.rules.augmentation`)."""
    w = workers
    gain = np.zeros(w.count)
    gain[users] = augmentation.ai_gain(
        proficiency=w.proficiency[users],
        rank=w.skill_rank[users],
        exposure=rates.job_exposure[job_of(w.occupation[users], w.stage[users])],
        frontier=frontier, max_gain=ai.max_gain, outside_loss=ai.outside_frontier_loss)
    return gain


def automate(firms: FirmState, rates: Rates, *, params: Params,
             regime: np.ndarray, frontier: float) -> None:
    """Firms move their automated shares towards their regime's target; quality and the
    freeze state of the regimes that freeze hiring follow (:mod:`sim.model.rules.automation`,
    :mod:`sim.model.rules.policies`; in place)."""
    ai, f = params.ai, firms
    exposure = rates.job_exposure  # per (occupation, stage): the cells of a firm
    doable = capability.automatable_share(exposure, frontier)
    requirement = f.requirement.reshape(f.count, len(exposure))
    freezing = TABLE.freezes_hiring[regime]
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


def demand_multiplier(workers: WorkerState, firms: FirmState, covered: np.ndarray, *,
                      ai: AIParams, n_occupations: int) -> np.ndarray:
    """Each firm's demand relative to a firm without AI: quality, and cheaper output when it
    needs less labor per unit, through automation or through workers who each fill more than
    one position (:func:`sim.model.rules.automation.demand_multiplier`)."""
    f = firms
    requirement = f.requirement.reshape(f.count, -1)
    kept = (requirement * (1.0 - f.automated.reshape(f.count, -1))).sum(axis=1)
    labor_share = kept / np.maximum(requirement.sum(axis=1), 1e-12)
    employed = np.flatnonzero(workers.status == EMPLOYED)
    heads = np.bincount(workers.employer[employed], minlength=f.count)
    filled = np.bincount(workers.employer[employed], weights=covered[employed],
                         minlength=f.count)
    per_head = np.divide(filled, heads, out=np.ones(f.count), where=heads > 0)
    return automation.demand_multiplier(f.quality, labor_share / per_head,
                                        ai.quality_demand_elasticity, ai.demand_elasticity)
