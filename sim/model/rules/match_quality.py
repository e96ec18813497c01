"""Match-specific productivity: drawn at hire, learned over tenure, shocked, and ended when
poor.

Every application carries a draw of the match quality the job would have, ``sd * z - sd^2/2``
(log, mean one in levels; Jovanovic 1979, JPE 87:972). Firms see it only through their
assessment of the applicant (with the screening error), and the job takes it if the applicant
is hired; pay follows it, so on-the-job search climbs a ladder toward better matches
(Burdett & Mortensen 1998; Postel-Vinay & Robin 2002). The quality becomes known at tenure
``market.match_learning_months``; from then on, with ``market.match_shock_rate`` a month it is
redrawn (Mortensen & Pissarides 1994). A known match below ``market.match_floor`` ends in a
layoff (cause ``match``): separations concentrate at short tenure, where poor matches are
found out.
"""

from __future__ import annotations

import numpy as np


def draw(z: np.ndarray, sd: float) -> np.ndarray:
    """Log match quality from standard normal ``z``: mean one in levels.

    >>> draw(np.array([0.0]), 0.2).round(3)
    array([-0.02])
    """
    return sd * z - 0.5 * sd**2


def shocked(known: np.ndarray, draws: np.ndarray, rate: float) -> np.ndarray:
    """Indices of the known matches redrawn this month (``draws`` uniform per person)."""
    return np.flatnonzero(known & (draws < rate))


def poor_matches(employed: np.ndarray, tenure: np.ndarray, match: np.ndarray, *,
                 learning_months: int, floor: float) -> np.ndarray:
    """Indices of the employed whose match is known (tenure at least ``learning_months``) and
    below ``floor``.

    >>> poor_matches(np.array([True, True, True]), np.array([5, 1, 5]),
    ...              np.array([-0.5, -0.5, 0.1]), learning_months=3, floor=-0.25).tolist()
    [0]
    """
    return np.flatnonzero(employed & (tenure >= learning_months) & (match < floor))
