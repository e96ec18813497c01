"""Firm hiring-policy regimes: one small class per real case, all with the same interface.

Every firm runs one regime (``FirmState.regime``, an index into :data:`POLICIES`). Before
``policies.start_month`` every firm behaves as ``baseline``. The model asks each regime, for its
firms, four questions:

* ``automation_target(doable, exposed, ...)``: what share of each occupation's tasks to
  automate (``doable`` = tasks AI does well, ``exposed`` = every exposed task);
* ``hiring_open(...)``: may the firm post vacancies this month;
* ``mandates_ai`` / ``screens_for_proficiency`` / ``reskills`` / ``always_automates`` /
  ``automation_cause`` / ``automation_speed_factor``: flags read by adoption, hiring, layoffs
  and automation.

Regimes act only through AI: with no capability, or with the channel they rely on switched off,
every regime behaves exactly like ``baseline``.
"""

from __future__ import annotations

import numpy as np


class Policy:
    """``baseline``: hire and automate as usual (automate the tasks AI does well once its
    capability passes the firm's cost threshold)."""

    name = "baseline"
    mandates_ai = False
    screens_for_proficiency = False
    reskills = False
    automation_cause = "automation"
    automation_speed_factor = 1.0
    always_automates = False

    def automation_target(self, doable: np.ndarray, exposed: np.ndarray, frozen: np.ndarray,
                          ) -> np.ndarray:
        """Target automated share per (firm, occupation), shape (firms, K)."""
        return np.broadcast_to(doable, (len(frozen), len(doable)))

    def hiring_open(self, frozen: np.ndarray) -> np.ndarray:
        """Which of the regime's firms may post vacancies this month."""
        return np.ones(len(frozen), dtype=bool)


class FreezeReverse(Policy):
    """``freeze_reverse`` (Klarna, 2023-2025): convinced AI could do "all our jobs", the firm
    freezes hiring once AI could do ``policies.freeze_threshold`` of its tasks, lets attrition
    shrink its workforce (no layoffs for what it automates while frozen) and automates every
    exposed task, including those AI still does poorly;
    when output quality falls below ``policies.quality_floor`` it reverses for good: it hires
    humans again and automates only what AI does well."""

    name = "freeze_reverse"
    always_automates = True

    def automation_target(self, doable, exposed, frozen):
        target = np.broadcast_to(doable, (len(frozen), len(doable))).copy()
        target[frozen] = exposed
        return target

    def hiring_open(self, frozen):
        return ~frozen


class AIFirst(Policy):
    """``ai_first`` (Shopify, April 2025 memo): teams must show AI cannot do a job before asking
    for headcount, so the firm automates everything AI does well at once (twice the usual
    speed, whatever its cost), and AI use is a baseline expectation: a mandate that multiplies
    its workers' adoption hazard by ``ai.mandate_factor``."""

    name = "ai_first"
    always_automates = True
    automation_speed_factor = 2.0
    mandates_ai = True


class AIRequired(Policy):
    """``ai_required`` (Fiverr, 2025): the firm hires only candidates who already use AI with
    proficiency of at least ``policies.proficiency_required``."""

    name = "ai_required"
    screens_for_proficiency = True


class ReplaceContractors(Policy):
    """``replace_contractors`` (Duolingo, 2024-2025): contract workers in exposed tasks are
    replaced by automation: the firm automates what AI does well five times as fast as usual,
    whatever its cost, and the resulting layoffs are a policy decision (cause ``policy``)."""

    name = "replace_contractors"
    always_automates = True
    automation_speed_factor = 5.0
    automation_cause = "policy"


class Reskill(Policy):
    """``reskill`` (Salesforce, 2025): workers whose tasks are automated are retrained and
    redeployed to the firm's open positions (in any occupation) instead of being laid off,
    at a cost (``policies.reskill_months`` of training at half productivity); those for whom no
    position is open stay on, paid, until one opens."""

    name = "reskill"
    reskills = True


#: The regimes, in the order of ``sim.params.REGIMES`` (a firm's regime is an index into this).
POLICIES = (Policy(), FreezeReverse(), AIFirst(), AIRequired(), ReplaceContractors(), Reskill())


def update_freeze(frozen: np.ndarray, reversed_: np.ndarray, expected_share: np.ndarray,
                  quality_: np.ndarray, threshold: float, floor: float) -> tuple:
    """Freeze/reverse state transitions of ``freeze_reverse`` firms.

    A firm that has not reversed freezes once AI could do ``threshold`` of its tasks; a frozen
    firm whose quality is below ``floor`` reverses, for good.

    >>> update_freeze(np.array([False, True, False]), np.array([False, False, True]),
    ...               np.array([0.2, 0.2, 0.2]), np.array([1.0, 0.8, 1.0]), 0.15, 0.9)
    (array([ True, False, False]), array([False,  True,  True]))
    """
    reverse_now = frozen & (quality_ < floor)
    reversed_ = reversed_ | reverse_now
    frozen = ~reversed_ & (frozen | (expected_share >= threshold))
    return frozen, reversed_


def assign_regimes(shares: np.ndarray, draws: np.ndarray) -> np.ndarray:
    """Regime index of each firm from uniform ``draws`` and the regime ``shares`` (sum 1).

    >>> assign_regimes(np.array([0.5, 0.5]), np.array([0.1, 0.7])).tolist()
    [0, 1]
    """
    regime = np.searchsorted(np.cumsum(shares), draws, side="right")
    return np.minimum(regime, len(shares) - 1).astype(np.int8)
