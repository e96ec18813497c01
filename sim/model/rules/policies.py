"""Firm hiring-policy regimes: one small class per real case, all with the same interface.

Every firm runs one regime (``FirmState.regime``, an index into :data:`POLICIES`; the
regimes' names, :data:`sim.model.params.REGIMES`, are read from here). Before
``policies.start_month`` every firm behaves as ``baseline``. A regime declares:

* **flags**: ``mandates_ai`` (adoption), ``screens_for_proficiency`` (hiring), ``reskills``
  (layoffs), ``freezes_hiring`` (the freeze/reverse state of :func:`update_freeze`) and
  ``automation_cause`` (the cause recorded for the layoffs automation brings), read per firm
  through :data:`TABLE` (one array per flag, indexed by regime); ``always_automates`` and
  ``automation_speed_factor``, read with the automation hook;
* **hooks**, called for the regime's firms: ``automation_target(doable, exposed, frozen)``
  (what share of each occupation's tasks to automate) and ``hiring_open(frozen)`` (may the
  firm post vacancies this month; see :func:`hiring_open`).

The model reads flags and hooks and never names a regime. Regimes act only through AI: with no
capability, or with the blocks they rely on switched off, every regime behaves exactly like
``baseline``. The flags are the regimes' AI-specific rules, the block ``policies``
(:func:`regime_table`); the automation hook and its speed belong to the block ``automation``
(contractor replacement is automation), and a freeze follows automation, so it needs both.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.model.rules.attribution import CAUSES


class Policy:
    """``baseline``: hire and automate as usual (automate the tasks AI does well once its
    capability passes the firm's cost threshold)."""

    name = "baseline"
    mandates_ai = False
    screens_for_proficiency = False
    reskills = False
    freezes_hiring = False
    always_automates = False
    automation_speed_factor = 1.0
    automation_cause = "automation"

    def automation_target(self, doable: np.ndarray, exposed: np.ndarray, frozen: np.ndarray,
                          ) -> np.ndarray:
        """Target automated share per (firm, occupation), shape (firms, K), for the regime's
        firms (``frozen``: their freeze state)."""
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
    freezes_hiring = True
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


#: The regimes; a firm's regime is an index into this tuple.
POLICIES = (Policy(), FreezeReverse(), AIFirst(), AIRequired(), ReplaceContractors(), Reskill())


@dataclass(frozen=True, eq=False)
class RegimeTable:
    """The regimes' per-firm flags as arrays indexed by regime, so that
    ``TABLE.reskills[regime]`` gives each firm's flag in one step."""

    mandates_ai: np.ndarray  # bool
    screens_for_proficiency: np.ndarray  # bool
    reskills: np.ndarray  # bool
    freezes_hiring: np.ndarray  # bool
    automation_cause: np.ndarray  # int, code in sim.model.rules.attribution.CAUSES

    @classmethod
    def of(cls, policies: tuple[Policy, ...]) -> RegimeTable:
        """The table of ``policies``."""
        def flag(name: str) -> np.ndarray:
            return np.array([getattr(p, name) for p in policies], dtype=bool)

        return cls(
            mandates_ai=flag("mandates_ai"),
            screens_for_proficiency=flag("screens_for_proficiency"),
            reskills=flag("reskills"),
            freezes_hiring=flag("freezes_hiring"),
            automation_cause=np.array([CAUSES.index(p.automation_cause) for p in policies]),
        )


#: The flags of :data:`POLICIES`.
TABLE = RegimeTable.of(POLICIES)
#: The flags with the block ``policies`` off (``ai.policies = false``): every regime's
#: AI-specific rules switched off (no screen, mandate, freeze or reskilling; automation
#: layoffs are caused by automation), while each regime keeps its automation behaviour, which
#: belongs to the block ``automation``.
NO_POLICIES = RegimeTable.of(tuple(Policy() for _ in POLICIES))


def regime_table(policies_on: bool) -> RegimeTable:
    """The regimes' flags: :data:`TABLE` with the block ``policies`` on, else
    :data:`NO_POLICIES`."""
    return TABLE if policies_on else NO_POLICIES


def hiring_open(regime: np.ndarray, frozen: np.ndarray) -> np.ndarray:
    """Which firms may post vacancies this month: each regime's ``hiring_open`` hook for its
    firms (``regime`` and ``frozen`` per firm).

    >>> hiring_open(np.array([0, 1, 1]), np.array([True, True, False])).tolist()
    [True, False, True]
    """
    open_ = np.ones(len(regime), dtype=bool)
    for index, policy in enumerate(POLICIES):
        mine = regime == index
        if mine.any():
            open_[mine] = policy.hiring_open(frozen[mine])
    return open_


def update_freeze(*, frozen: np.ndarray, reversed_: np.ndarray, expected_share: np.ndarray,
                  quality: np.ndarray, threshold: float, floor: float) -> tuple:
    """Freeze/reverse state transitions of firms whose regime ``freezes_hiring``.

    A firm that has not reversed freezes once AI could do ``threshold`` of its tasks; a frozen
    firm whose quality is below ``floor`` reverses, for good.

    Parameters
    ----------
    frozen, reversed_ : ndarray of bool, shape (M,)
        Each firm's freeze and reversal state last month.
    expected_share : ndarray, shape (M,)
        Share of the firm's tasks AI could do (requirement-weighted exposure x capability).
    quality : ndarray, shape (M,)
        Output quality (1 = no loss).
    threshold : float
        Share of tasks at which a firm freezes hiring (``policies.freeze_threshold``).
    floor : float
        Quality below which a frozen firm reverses (``policies.quality_floor``).

    Returns
    -------
    frozen, reversed_ : ndarray of bool
        The new states.

    >>> update_freeze(frozen=np.array([False, True, False]),
    ...               reversed_=np.array([False, False, True]),
    ...               expected_share=np.array([0.2, 0.2, 0.2]),
    ...               quality=np.array([1.0, 0.8, 1.0]), threshold=0.15, floor=0.9)
    (array([ True, False, False]), array([False,  True,  True]))
    """
    reverse_now = frozen & (quality < floor)
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
