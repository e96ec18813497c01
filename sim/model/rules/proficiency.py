"""AI proficiency: the share of the current capability frontier a user has mastered.

Each month two things happen, in this order (Bick, Blandin & Deming and Humlum & Vestergaard
find learning by doing; "sharpen your knives" is the thesis' word for the second):

1. *Erosion against a moving frontier.* When capability grows from ``C_prev`` to ``C``, a user's
   mastery of the new frontier is ``P * C_prev / C``: what they knew covers less of it.
2. *Learning by doing.* ``P <- P + lambda * x * (1 - P)``: a user closes a share of the gap to
   full proficiency, faster the more time they spend experimenting (``x``: one for employees,
   more for freelancers).

New users start at ``initial_proficiency``. The learning rate is calibrated to the third of users
who spend an hour a day or more with AI in late 2024 (Bick, Blandin & Deming 2025), since the
share of work time with AI is proficiency times exposure (:mod:`sim.model.rules.augmentation`).
"""

from __future__ import annotations

import numpy as np


def erode(proficiency: np.ndarray, previous_frontier: float, frontier: float) -> np.ndarray:
    """Proficiency against a frontier that moved from ``previous_frontier`` to ``frontier``.

    >>> erode(np.array([0.5]), 0.4, 0.5)
    array([0.4])
    """
    if previous_frontier <= 0.0 or frontier <= previous_frontier:
        return proficiency  # no frontier yet to fall behind, or it did not move
    return proficiency * (previous_frontier / frontier)


def learn(proficiency: np.ndarray, rate: float, experimentation: np.ndarray) -> np.ndarray:
    """One month of learning by doing: ``P + rate * experimentation * (1 - P)``, at most one.

    >>> learn(np.array([0.0, 0.5]), 0.1, np.array([1.0, 2.0]))
    array([0.1, 0.6])
    """
    return np.minimum(proficiency + rate * experimentation * (1.0 - proficiency), 1.0)
