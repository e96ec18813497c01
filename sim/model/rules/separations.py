"""Separations into unemployment: quits, and layoffs when a firm has more labor than it needs.

Quits: each employed worker leaves into unemployment with a constant monthly probability (moves
to other jobs are on-the-job search, in :mod:`sim.model.rules.matching`).

Layoffs: when the positions a cell's workers fill exceed its labor demand, the firm sheds
``layoff_speed`` of the excess this month (partial adjustment, as in del Rio-Chanona et al.
2021, J. R. Soc. Interface 18:20200898). Who goes first is a rule (Dosi et al. 2017 treat firing
regimes as switchable institutions): lowest assessed productivity, shortest tenure (last in,
first out) or a lottery. A worker is laid off when at least half of the positions they fill fall
inside the amount to be shed (with ``layoff_speed`` 0.5, an excess of one worker is shed at once,
an excess of two or three in two months).
"""

from __future__ import annotations

import numpy as np
from scipy.special import ndtr

from sim.model.rules.screening import assess
from sim.model.rules.sorting import group_order

LAYOFF_RULES = ("productivity", "seniority", "random")


def quits(employed: np.ndarray, draws: np.ndarray, rate: float) -> np.ndarray:
    """Indices of employed workers who quit into unemployment (``draws`` uniform per person)."""
    return np.flatnonzero(employed & (draws < rate))


def layoff_scores(*, rule: str, productivity: np.ndarray, tenure: np.ndarray,
                  noise: np.ndarray, screening_error: np.ndarray) -> np.ndarray:
    """Layoff order score for each worker; the lowest score goes first.

    Parameters
    ----------
    rule : str
        ``productivity``: log productivity as the firm assesses it (with error, see
        :mod:`sim.model.rules.screening`); ``seniority``: tenure in months, ties broken at
        random; ``random``: the noise alone.
    productivity : ndarray
        Per worker: productivity units a month.
    tenure : ndarray of int
        Per worker: months with the employer.
    noise : ndarray
        Per worker: a standard normal draw.
    screening_error : ndarray
        Per worker: sd of the assessment error (log points).

    Returns
    -------
    ndarray
        The score per person.
    """
    if rule == "productivity":
        return assess(productivity, screening_error, noise)
    if rule == "seniority":
        return tenure + ndtr(noise)
    if rule == "random":
        return noise
    raise ValueError(f"layoff rule must be one of {', '.join(LAYOFF_RULES)}, got {rule!r}")


def choose_layoffs(*, workers: np.ndarray, cells: np.ndarray, covered: np.ndarray,
                   score: np.ndarray, to_shed: np.ndarray) -> np.ndarray:
    """Workers laid off, given ``to_shed`` positions per cell.

    Within each cell workers are taken in increasing score while at least half of a worker's
    positions fit in what is left (so shedding half a position lays off one worker).

    Parameters
    ----------
    workers, cells : ndarray of int
        The employed workers' indices and their (firm, occupation) cells (same length).
    covered : ndarray
        Per worker (indexed by worker): positions the worker fills.
    score : ndarray
        Per worker (indexed by worker): layoff order score, lowest first.
    to_shed : ndarray
        Per cell: positions to shed this month.

    Returns
    -------
    ndarray of int
        The laid-off workers, by cell and in layoff order.

    >>> choose_layoffs(workers=np.array([0, 1, 2]), cells=np.array([5, 5, 5]),
    ...                covered=np.ones(3), score=np.array([0.3, 0.1, 0.2]),
    ...                to_shed=np.zeros(6) + 2.0)
    array([1, 2])
    >>> choose_layoffs(workers=np.array([0, 1]), cells=np.array([0, 0]), covered=np.ones(2),
    ...                score=np.array([1.0, 0.0]), to_shed=np.array([0.5]))
    array([1])
    """
    candidates = to_shed[cells] >= 0.5 * covered[workers]  # nobody else can be laid off
    workers, cells = workers[candidates], cells[candidates]
    if len(workers) == 0:
        return workers
    order = group_order(cells, score[workers])
    workers, cells = workers[order], cells[order]
    size = covered[workers]
    new_cell = np.r_[True, cells[1:] != cells[:-1]]
    shed_before = np.cumsum(size) - size  # positions shed before each worker, economy-wide
    cell_start = shed_before[new_cell][np.cumsum(new_cell) - 1]
    shed_before -= cell_start  # ... and within the worker's own cell
    return workers[shed_before + 0.5 * size <= to_shed[cells]]
