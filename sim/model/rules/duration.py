"""Duration dependence in unemployment: callbacks that fall with the length of the spell.

An unemployed applicant is considered by the firm with a chance that falls linearly from one,
at the start of a spell, to ``1 - market.callback_decline`` after ``market.callback_months``
months, and stays there (Kroft, Lange & Notowidigdo 2013, QJE 128:1123: in a resume audit,
callbacks fell by about 45% over the first eight months of unemployment). Together with the
erosion of human capital out of work (:func:`sim.model.rules.careers.human_capital_step`) this
makes the chance of leaving unemployment fall with the spell, so that long-term unemployment
is more common than constant hazards would give.
"""

from __future__ import annotations

import numpy as np


def callback_chance(months: np.ndarray, decline: float, months_to_floor: int) -> np.ndarray:
    """Chance an application of an unemployed worker ``months`` into the spell is considered.

    >>> callback_chance(np.array([0, 4, 8, 20]), 0.4, 8).round(2)
    array([1. , 0.8, 0.6, 0.6])
    """
    return 1.0 - decline * np.minimum(months, months_to_floor) / months_to_floor
