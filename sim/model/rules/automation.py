"""Automation (the technology channel): firms have AI do tasks and need fewer workers.

In occupation k, AI does ``A_k = E_k * C`` of the tasks well (exposure times capability; the
rest of the exposed tasks are beyond the frontier, and the unexposed ``1 - E_k`` are human
judgment work AI does poorly). A firm automates once capability passes a firm-specific threshold
(its cost of integrating AI: uniform between the arrival capability and
``ai.automation_threshold_max``), with a target share of each occupation's tasks that depends on
its policy regime (:mod:`sim.model.rules.policies`): the tasks AI does well, or, for firms convinced
AI can do "all our jobs", every exposed task. The automated share moves towards the target at
``ai.automation_speed`` a month (implementation takes time). Automated tasks need no workers:
the firm's positions in the occupation are its labor demand times ``1 - a``.

Automating tasks AI does poorly (beyond ``A_k``) lowers the firm's output quality:
``quality = 1 - penalty * (requirement-weighted share of tasks automated beyond A_k)``, and
quality feeds product demand. Automation also lowers the firm's unit cost, so its price falls
and it wins customers from its rivals (:mod:`sim.model.rules.competition`).
"""

from __future__ import annotations

import numpy as np


def automating_firms(frontier: float, threshold: np.ndarray) -> np.ndarray:
    """Firms for which capability has passed their automation threshold."""
    return frontier >= threshold


def move_towards(current: np.ndarray, target: np.ndarray, speed: np.ndarray) -> np.ndarray:
    """Automated shares after one month of adjustment (``speed`` per firm, shape (M, 1)).

    >>> move_towards(np.array([[0.0, 0.5]]), np.array([[0.4, 0.1]]), np.array([[0.5]]))
    array([[0.2, 0.3]])
    """
    return current + speed * (target - current)


def quality(automated: np.ndarray, doable: np.ndarray, requirement: np.ndarray,
            penalty: float) -> np.ndarray:
    """Output quality of each firm (1 = no loss, never below 0).

    ``automated`` and ``requirement`` have shape (M, K); ``doable`` (K,) is the share of tasks
    AI does well.

    >>> quality(np.array([[0.5, 0.0]]), np.array([0.3, 0.3]), np.array([[1.0, 1.0]]), 2.0)
    array([0.8])
    """
    beyond = np.maximum(automated - doable[None, :], 0.0)
    weight = requirement.sum(axis=1)
    share = np.divide((beyond * requirement).sum(axis=1), weight, out=np.zeros(len(weight)),
                      where=weight > 0)
    return np.clip(1.0 - penalty * share, 0.0, 1.0)
