"""Augmentation: the productivity gain a worker gets from using AI (the people channel).

For a user with proficiency ``P`` and skill rank ``r`` within their occupation (0 = least
skilled, 1 = most skilled; ``Phi(ability)``), in an occupation with exposure ``E_k``, at
capability ``C``:

    gain = G * P * (1 - r) * E_k * C  -  D * (1 - P) * r * E_k * (1 - C)

The first term is the gain on tasks inside the frontier (``E_k * C`` of the occupation's tasks):
largest for the least skilled and nil for the most skilled, as in Brynjolfsson, Li & Raymond
(2025, QJE; +14% on average, +34% for novices, about zero for the most experienced) and Noy &
Zhang (2023). The second is the loss on exposed tasks still outside the frontier, which
experienced users who are not yet proficient try with AI anyway: Dell'Acqua et al. (2023) find
users 19 points less likely to be correct outside the frontier, METR (2025) experienced
developers 19% slower. Time the AI frees is spent on the occupation's other tasks, its judgment
work included: that is where the extra output comes from. Productivity is ``skill * (1 + gain)``
(bounded below at a tenth of skill); non-users gain nothing.
"""

from __future__ import annotations

import numpy as np
from scipy.special import ndtr


def skill_rank(ability: np.ndarray) -> np.ndarray:
    """Rank of a worker's skill within any occupation (skill is monotone in ability)."""
    return ndtr(ability)


def ai_gain(*, proficiency: np.ndarray, rank: np.ndarray, exposure: np.ndarray,
            frontier: float, max_gain: float, outside_loss: float) -> np.ndarray:
    """Productivity gain of each AI user (non-users gain nothing); see the module docstring.

    Parameters
    ----------
    proficiency : ndarray
        Per user: share of the capability frontier mastered (0-1).
    rank : ndarray
        Per user: skill rank within the occupation (0 least, 1 most skilled).
    exposure : ndarray
        Per user: the occupation's exposed share of tasks (0-1).
    frontier : float
        Capability: share of exposed tasks AI does well (0-1).
    max_gain : float
        Gain of a fully proficient least-skilled user per unit of tasks inside the frontier
        (``ai.max_gain``).
    outside_loss : float
        Loss of a non-proficient most-skilled user per unit of exposed tasks outside the
        frontier (``ai.outside_frontier_loss``).

    Returns
    -------
    ndarray
        Gain as a share of skill (productivity is ``skill * (1 + gain)``), at least -0.9.

    >>> ai_gain(proficiency=np.array([1.0, 0.0]), rank=np.array([0.0, 1.0]),
    ...         exposure=np.array([0.5, 0.5]), frontier=0.4, max_gain=1.0,
    ...         outside_loss=0.5).round(3)
    array([ 0.2 , -0.15])
    """
    inside = max_gain * proficiency * (1.0 - rank) * exposure * frontier
    outside = outside_loss * (1.0 - proficiency) * rank * exposure * (1.0 - frontier)
    return np.maximum(inside - outside, -0.9)
