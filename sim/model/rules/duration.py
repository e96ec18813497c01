"""Duration dependence in unemployment: callbacks that fall with the time out of work.

An applicant without work (unemployed, or out of the labor force and answering an opening) is
considered by the firm with a chance that falls linearly from one, just after the last job, to
``1 - market.callback_decline`` after ``market.callback_months`` months without work, and stays
there (Kroft, Lange & Notowidigdo 2013, QJE 128:1123: in a resume audit, callbacks fell by about
45% over the first eight months of unemployment; what the firm sees is the gap on the resume,
so months out of the labor force count too). Together with the erosion of human capital out of
work (:func:`sim.model.rules.careers.human_capital_step`) this makes the chance of leaving
unemployment fall with the time without work, so that long-term unemployment is more common
than constant hazards would give.
"""

from __future__ import annotations

import numpy as np


def callback_chance(months: np.ndarray, decline: float, months_to_floor: int) -> np.ndarray:
    """Chance an application of someone ``months`` without work is considered.

    >>> callback_chance(np.array([0, 4, 8, 20]), 0.4, 8).round(2)
    array([1. , 0.8, 0.6, 0.6])
    """
    return 1.0 - decline * np.minimum(months, months_to_floor) / months_to_floor
