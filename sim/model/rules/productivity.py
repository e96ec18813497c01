"""What a worker produces, and how many positions a worker fills.

Two quantities, kept apart on purpose:

* **Productivity** (productivity units a month): what the worker produces; it sets pay and is
  what firms try to assess when they rank applicants or choose whom to lay off. In the no-AI
  economy it is the worker's skill in their occupation.
* **Positions covered**: how much of a firm's staffing need one worker meets, relative to a
  standard worker of the same skill: ``productivity / skill``. It is one for everybody in the
  no-AI economy, so firms staff in heads; a tool that lets a worker do more of their own job
  (AI augmentation) raises it, and the firm then needs fewer heads.

Skill is occupation-specific but ranks are not: each worker has a fixed *ability* (a standard
normal draw) and their skill in occupation k is ``exp(s_k * ability - s_k^2 / 2)``, lognormal
with mean one and the occupation's spread ``s_k`` (from OEWS wage percentiles). A worker who
changes occupation keeps their rank, not their skill level, so a top worker of the large,
dispersed `other` group does not carry that group's spread into a small occupation.

This is the one place later mechanisms change productivity; every other rule asks these
functions rather than reading skill directly.
"""

from __future__ import annotations

import numpy as np


def log_skill_sd(log_wage_sd: np.ndarray, pay_premium_sd: float) -> np.ndarray:
    """Within-occupation sd of log skill, so that skill and firm pay premia together reproduce
    each occupation's OEWS log-wage spread: ``sqrt(log_wage_sd^2 - pay_premium_sd^2)``, floored
    at 0.05.

    >>> log_skill_sd(np.array([0.5, 0.1]), 0.3).round(3)
    array([0.4 , 0.05])
    """
    return np.sqrt(np.maximum(log_wage_sd**2 - pay_premium_sd**2, 0.05**2))


def skill_in_occupation(ability: np.ndarray, log_skill_sd: np.ndarray) -> np.ndarray:
    """Skill of workers of the given ``ability`` in occupations whose log-skill sd is
    ``log_skill_sd`` (lognormal, mean one).

    >>> skill_in_occupation(np.array([0.0, 1.0]), np.array([0.2, 0.2])).round(4)
    array([0.9802, 1.1972])
    """
    return np.exp(log_skill_sd * ability - 0.5 * log_skill_sd**2)


def worker_productivity(skill: np.ndarray, gain: np.ndarray | None = None,
                        training_months: np.ndarray | None = None) -> np.ndarray:
    """Productivity units a month: ``skill * (1 + AI gain)``, halved while retraining (a new
    array: the caller owns it).

    >>> worker_productivity(np.array([1.0, 2.0]), np.array([0.5, 0.0]), np.array([0, 2]))
    array([1.5, 1. ])
    """
    productivity = skill.copy() if gain is None else skill * (1.0 + gain)
    if training_months is not None:
        productivity = np.where(training_months > 0, 0.5 * productivity, productivity)
    return productivity


def pay_productivity(skill: np.ndarray, gain: np.ndarray, captured: np.ndarray) -> np.ndarray:
    """The productivity pay is set on: ``skill * (1 + captured * max(AI gain, 0))``, where
    ``captured`` is the share of their positive AI gain each worker's pay carries, won through
    outside offers (:mod:`sim.model.rules.outside_offers`); a loss from AI does not lower pay.

    >>> pay_productivity(np.array([1.0, 1.0]), np.array([0.2, -0.1]), np.array([0.5, 0.5]))
    array([1.1, 1. ])
    """
    return skill * (1.0 + captured * np.maximum(gain, 0.0))


def positions_covered(productivity: np.ndarray, skill: np.ndarray) -> np.ndarray:
    """Positions each worker fills: productivity relative to skill (one without AI)."""
    return productivity / skill


def cell_sum(cells: np.ndarray, values: np.ndarray, n_cells: int) -> np.ndarray:
    """Sum of ``values`` over the workers of each (firm, occupation) cell."""
    return np.bincount(cells, weights=values, minlength=n_cells)


def expected_positions_per_hire(occupation: np.ndarray, covered: np.ndarray,
                                in_labor_force: np.ndarray, n_occupations: int) -> np.ndarray:
    """Positions a firm expects a new hire of each occupation to fill: the mean over the
    occupation's labor force (``in_labor_force``: mask of the people in it; one without AI;
    one if an occupation is empty)."""
    group = np.where(in_labor_force, occupation, n_occupations)  # the others: one more group
    count = np.bincount(group, minlength=n_occupations + 1)[:n_occupations]
    total = np.bincount(group, weights=covered, minlength=n_occupations + 1)[:n_occupations]
    return np.divide(total, count, out=np.ones(n_occupations), where=count > 0)
