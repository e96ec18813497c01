"""Augmentation: how much of their work time a user spends with AI, and what it gains them.

**Intensity** (share of work time with AI). A user with proficiency ``P`` (share of the
capability frontier mastered) in a job whose exposed share of tasks is ``E`` (Eloundou et al.
2024; the rest, ``1 - E``, is the judgment and physical work AI does poorly, which no user does
with AI) works with AI

    intensity = P * E

of their time: on the exposed tasks they have learnt to do with it. Bick, Blandin & Deming
(2025) measure 6-25% of users' work hours assisted by generative AI in late 2024 (a validation
row, not a target).

**Gain.** Of those hours, the share ``C`` (capability) is on tasks AI does well, where each hour
yields ``g`` more output for a user of average skill, twice that for the least skilled and
nothing for the most skilled, ``g * 2 * (1 - r)`` for skill rank ``r`` (the gradient of
Brynjolfsson, Li & Raymond 2025, +34% for novices, about zero for the most experienced, and Noy
& Zhang 2023). The other hours, ``1 - C``, are on exposed tasks still outside the frontier,
where experienced users who are not yet proficient lose ``d * r * (1 - P)`` an hour
(Dell'Acqua et al. 2023: 19 points less likely to be correct outside the frontier; METR 2025:
experienced developers new to the tools 19% slower). The model does not extrapolate past what
experiments saw: the mean gain per hour with AI (what the hours inside the frontier gain,
spread over all hours with AI), before the losses outside the frontier, is capped at the largest
task-level speed-up measured, ``h`` (Peng et al. 2023: Copilot users finished a coding task
55.8% faster, +126% output per hour), and the gain of the job as a whole at the largest
job-level gain measured in the field, ``cap`` for the least-skilled fifth (mean rank 0.1) at
the exposure where it was measured (customer support, exposure 0.86; Brynjolfsson, Li &
Raymond 2025: +34%), lower in proportion to exposure below it and to ``1 - r`` above that rank,
so that the skill gradient holds at the cap too. So

    gain = min(intensity * min(C * g * 2 * (1 - r), h),
               cap * min(1, E / E_cap) * min(1, (1 - r) / 0.9))
           - intensity * (1 - C) * d * r * (1 - P)

and both parts scale with the time spent with AI: nobody gains or loses more than their hours
with it allow. ``g`` (``ai.frontier_gain``) is calibrated to the time AI saves, 1.4% of all
work hours in late 2024, and the learning rate (:mod:`sim.model.rules.proficiency`) to the
third of users who spend an hour a day or more with it (Bick, Blandin & Deming 2025); users'
extra output per hour with AI (their +33%) is then a validation row. Productivity is
``skill * (1 + gain)`` (bounded below at a tenth of skill); non-users gain nothing. Time the AI
frees is spent on the job's other tasks, its judgment work included: that is where the extra
output comes from.
"""

from __future__ import annotations

import numpy as np
from scipy.special import ndtr

#: Exposure of the occupation where the gain cap was measured (customer support, Eloundou et
#: al. 2024 zeta; Brynjolfsson, Li & Raymond 2025).
CAP_EXPOSURE = 0.86
#: Mean skill rank of the group the gain cap was measured for (the least-skilled fifth).
CAP_RANK = 0.1


def skill_rank(ability: np.ndarray) -> np.ndarray:
    """Rank of a worker's skill within any occupation (skill is monotone in ability)."""
    return ndtr(ability)


def intensity(proficiency: np.ndarray, exposure: np.ndarray) -> np.ndarray:
    """Share of work time a user spends with AI: ``P * E`` (see the module docstring).

    >>> intensity(np.array([0.5, 1.0]), np.array([0.8, 0.4])).round(3)
    array([0.4, 0.4])
    """
    return proficiency * exposure


def gain_cap(exposure: np.ndarray, rank: np.ndarray, cap: float) -> np.ndarray:
    """Largest gain at each exposure and skill rank: ``cap`` at the measured exposure and
    above and at the measured rank and below, in proportion to exposure below it and to
    ``1 - rank`` above it.

    >>> gain_cap(np.array([0.43, 0.86, 0.95]), np.array([0.0, 0.1, 0.55]), 0.34).round(3)
    array([0.17, 0.34, 0.17])
    """
    return (cap * np.minimum(1.0, exposure / CAP_EXPOSURE)
            * np.minimum(1.0, (1.0 - rank) / (1.0 - CAP_RANK)))


def ai_gain(*, proficiency: np.ndarray, rank: np.ndarray, exposure: np.ndarray,
            frontier: float, frontier_gain: float, hourly_cap: float, cap: float,
            outside_loss: float) -> np.ndarray:
    """Productivity gain of each AI user (non-users gain nothing); see the module docstring.

    Parameters
    ----------
    proficiency : ndarray
        Per user: share of the capability frontier mastered (0-1).
    rank : ndarray
        Per user: skill rank within the occupation (0 least, 1 most skilled).
    exposure : ndarray
        Per user: the job's exposed share of tasks (0-1).
    frontier : float
        Capability: share of exposed tasks AI does well (0-1).
    frontier_gain : float
        Extra output per unit of work time with AI on tasks AI does well, for an
        average-skilled user (``ai.frontier_gain``).
    hourly_cap : float
        Largest mean gain per hour with AI, before the job's cap and the losses outside the
        frontier (``ai.hourly_gain_cap``).
    cap : float
        Largest gain of a job, for the least skilled at the exposure where it was measured
        (``ai.gain_cap``).
    outside_loss : float
        Loss per hour with AI outside the frontier of a non-proficient most-skilled user
        (``ai.outside_frontier_loss``).

    Returns
    -------
    ndarray
        Gain as a share of skill (productivity is ``skill * (1 + gain)``), at least -0.9.

    >>> ai_gain(proficiency=np.array([1.0, 0.0]), rank=np.array([0.0, 1.0]),
    ...         exposure=np.array([0.5, 0.5]), frontier=0.4, frontier_gain=1.5,
    ...         hourly_cap=5.0, cap=0.34, outside_loss=0.5).round(3)
    array([0.198, 0.   ])
    >>> ai_gain(proficiency=np.array([0.2]), rank=np.array([1.0]), exposure=np.array([1.0]),
    ...         frontier=0.4, frontier_gain=1.5, hourly_cap=1.26, cap=0.34,
    ...         outside_loss=0.5).round(3)
    array([-0.048])
    """
    hours = intensity(proficiency, exposure)
    per_hour = np.minimum(frontier * frontier_gain * 2.0 * (1.0 - rank), hourly_cap)
    inside = np.minimum(hours * per_hour, gain_cap(exposure, rank, cap))
    outside = hours * (1.0 - frontier) * outside_loss * rank * (1.0 - proficiency)
    return np.maximum(inside - outside, -0.9)
