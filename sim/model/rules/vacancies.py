"""Vacancy posting: firms keep open as many positions as they need to meet labor demand.

A cell's vacancy stock is set each month to the number of hires that would close the gap
between its labor demand and the positions its workers fill, given the positions the firm
expects a new hire to fill (rounded to the nearest whole hire). Unfilled vacancies stay open
into the next month; vacancies no longer needed are withdrawn. Hires in matching draw the
stock down.

Recruiting takes time: a vacancy posted this month collects applications from next month on,
so only vacancies already open at the start of the month can be filled in it. Vacancies
therefore last a month or more, as they do in JOLTS (openings exceed monthly hires; Davis,
Faberman & Haltiwanger 2013, QJE 128:581).
"""

from __future__ import annotations

import numpy as np


def vacancies_wanted(labor_demand: np.ndarray, filled: np.ndarray,
                     per_hire: np.ndarray) -> np.ndarray:
    """Vacancies each cell wants: ``round((demand - filled) / per_hire)``, at least zero.

    >>> vacancies_wanted(np.array([5.0, 2.0, 3.0]), np.array([2.0, 3.0, 2.4]), np.ones(3))
    array([3, 0, 1], dtype=int32)
    """
    gap = (labor_demand - filled) / per_hire
    return np.maximum(np.floor(gap + 0.5), 0).astype(np.int32)


def open_for_applications(previous: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Vacancies that can be filled this month: those open last month and still wanted.

    >>> open_for_applications(np.array([2, 0, 3]), np.array([1, 4, 3]))
    array([1, 0, 3])
    """
    return np.minimum(previous, wanted)
