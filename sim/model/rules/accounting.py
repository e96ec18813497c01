"""Month-end bookkeeping: the tenure and spell clocks, and stock-flow checks.

The month's metrics are computed in :mod:`sim.model.metrics`.
"""

from __future__ import annotations

import numpy as np

from sim.model.state import (
    EMPLOYED,
    FREELANCE,
    NO_EMPLOYER,
    NONPARTICIPANT,
    STATUS_NAMES,
    UNEMPLOYED,
)


def advance_clocks(status: np.ndarray, tenure: np.ndarray, unemployed_months: np.ndarray,
                   months_without_work: np.ndarray) -> None:
    """Month-end: employed add a month of tenure, unemployed a month to their spell of search,
    the unemployed and people out of the labor force a month without work (in place)."""
    unemployed = status == UNEMPLOYED
    tenure += status == EMPLOYED  # adding a mask adds one where it is True
    unemployed_months += unemployed
    months_without_work += unemployed | (status == NONPARTICIPANT)


def stock_flow_problems(*, status: np.ndarray, employer: np.ndarray, wage: np.ndarray,
                        vacancies: np.ndarray, n_firms: int) -> list[str]:
    """Everything wrong with the stocks, as sentences (empty when the books balance).

    Every worker is in exactly one known status; a worker has an employer if and only if they
    are employed; employers exist; the employed earn a positive wage; vacancies are
    non-negative.
    """
    problems = []
    known = np.isin(status, (EMPLOYED, UNEMPLOYED, FREELANCE, NONPARTICIPANT))
    if not known.all():
        problems.append(f"{(~known).sum()} workers have a status outside {STATUS_NAMES}")
    employed = status == EMPLOYED
    if (employer[employed] == NO_EMPLOYER).any():
        problems.append("an employed worker has no employer")
    if (employer[~employed] != NO_EMPLOYER).any():
        problems.append("a worker who is not employed has an employer")
    if ((employer[employed] < 0) | (employer[employed] >= n_firms)).any():
        problems.append("an employer index is out of range")
    if not (wage[employed] > 0).all():
        problems.append("an employed worker has a non-positive wage")
    if (vacancies < 0).any():
        problems.append("a cell has negative vacancies")
    return problems
