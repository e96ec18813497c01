"""Careers: experience, entry-level and experienced positions, promotion, and AI's reach into
entry-level work.

**Productivity over a career.** A worker's productivity in a job without AI is the skill their
ability gives in the occupation (:mod:`sim.model.rules.productivity`) times four factors, each
one mechanism:

* general experience: ``exp(gain * (1 - exp(-years / T)))`` with potential experience in
  years since entering the labor market, concave as the US experience-wage profile (Lagakos
  et al. 2018), divided by its mean over the stationary age distribution so that the average
  worker keeps productivity one;
* occupational experience: ``1 - switch_loss * exp(-months / learning_months)``, the loss of a
  worker new to the occupation (an entrant or a switcher) wearing off with experience in it
  (Kambourov & Manovskii 2009); this is the retraining of an occupation switch;
* match quality: ``exp(match)``, drawn at hire (:mod:`sim.model.rules.match_quality`);
* human capital: eroded while out of work (:func:`human_capital_step`).

**Career stages.** Each (firm, occupation) has entry-level and experienced positions.
Experienced positions are open to workers at least ``careers.promotion_months`` into their
careers (in any occupation: a switcher with a career behind them pays the switch loss, not a
return to entry level); early-career workers apply to entry-level positions. Entry-level
positions are the stationary share of people that early in their careers
(:func:`sim.model.rules.demography.early_career_share`), so that without AI there are as
many as there are beginners. An entry-level worker past the threshold is promoted into an
open experienced position of their own firm and occupation before the firm hires from
outside (an internal labor market: Doeringer & Piore 1971; Baker, Gibbs & Holmstrom 1994).

**AI and entry-level work.** Entry-level tasks are more codified and more exposed to AI than
experienced tasks (:func:`stage_exposure`), so automation reaches entry-level positions first,
and experienced workers whose AI tools let them cover more than their own positions cover
entry-level work of their firm and occupation (:func:`entry_cover`).
"""

from __future__ import annotations

import numpy as np

from sim.model.state import ENTRY, EXPERIENCED, STAGES


def general_factor(career_months: np.ndarray, gain: float, years: float) -> np.ndarray:
    """Unnormalised general-experience factor of workers ``career_months`` into their careers
    (months since they entered the labor market).

    >>> general_factor(np.array([0, 120]), 0.5, 10.0).round(3)
    array([1.   , 1.372])
    """
    potential = np.maximum(career_months / 12.0, 0.0)
    return np.exp(gain * (1.0 - np.exp(-potential / years)))


def occupation_factor(experience: np.ndarray, switch_loss: float, learning_months: float
                      ) -> np.ndarray:
    """Share of full productivity a worker with ``experience`` months in the occupation has.

    >>> occupation_factor(np.array([0, 24, 240]), 0.15, 24.0).round(3)
    array([0.85 , 0.945, 1.   ])
    """
    return 1.0 - switch_loss * np.exp(-experience / learning_months)


def human_capital_step(human_capital: np.ndarray, working: np.ndarray, rate: float
                       ) -> np.ndarray:
    """Human capital after a month: down by ``rate`` out of work, back up by ``rate`` (never
    above one) at work (Edin & Gustavsson 2008; Ortego-Marti 2016).

    >>> human_capital_step(np.array([1.0, 0.9, 1.0]), np.array([False, True, True]), 0.05)
    array([0.95, 0.95, 1.  ])
    """
    return np.where(working, np.minimum(human_capital + rate, 1.0), human_capital * (1.0 - rate))


def stage_split(requirement: np.ndarray, entry_share: float) -> np.ndarray:
    """Per-(firm, occupation) requirements split into (entry, experienced) cells, flattened in
    the cell layout of :mod:`sim.model.state`."""
    split = np.stack([requirement * entry_share, requirement * (1.0 - entry_share)], axis=-1)
    return split.reshape(-1)


def stage_exposure(exposure: np.ndarray, entry_share: float, ratio: float) -> np.ndarray:
    """AI exposure of each (occupation, stage): entry-level ``ratio`` times experienced, with
    the occupation's average over its positions kept at ``exposure``. Where that would put
    entry-level exposure above one, entry-level tasks are fully exposed and experienced ones
    carry the rest of the average (the ratio is then smaller than asked).

    >>> stage_exposure(np.array([0.4, 0.9]), 0.2, 1.5).round(4)
    array([0.5455, 0.3636, 1.    , 0.875 ])
    """
    experienced = exposure / (entry_share * ratio + 1.0 - entry_share)
    entry = experienced * ratio
    capped = entry > 1.0
    entry = np.where(capped, 1.0, entry)
    experienced = np.where(capped, (exposure - entry_share) / (1.0 - entry_share), experienced)
    return np.stack([entry, experienced], axis=-1).reshape(-1)


def entry_cover(filled: np.ndarray, positions: np.ndarray, ai_extra: np.ndarray) -> np.ndarray:
    """Positions filled per cell once experienced workers' AI-extended coverage takes over
    entry-level work: the part of an experienced cell's surplus over its positions that comes
    from AI (``ai_extra``: positions its workers cover beyond one each) moves to the entry cell
    of the same firm and occupation. Without AI nothing moves.

    >>> entry_cover(np.array([1.0, 4.0]), np.array([2, 3]), np.array([0.0, 1.5])).tolist()
    [2.0, 3.0]
    """
    by_stage = filled.reshape(-1, len(STAGES)).copy()
    wanted = positions.reshape(-1, len(STAGES))
    extra = ai_extra.reshape(-1, len(STAGES))[:, EXPERIENCED]
    surplus = np.clip(by_stage[:, EXPERIENCED] - wanted[:, EXPERIENCED], 0.0, extra)
    by_stage[:, EXPERIENCED] -= surplus
    by_stage[:, ENTRY] += surplus
    return by_stage.reshape(-1)


def promotable(stage: np.ndarray, career_months: np.ndarray, promotion_months: int
               ) -> np.ndarray:
    """Entry-level workers far enough into their careers for experienced positions."""
    return (stage == ENTRY) & (career_months >= promotion_months)
