"""Separations into unemployment: quits, and layoffs when a firm has more labor than it needs.

Quits: each employed worker leaves into unemployment with a constant monthly probability (moves
to other jobs are on-the-job search, in :mod:`sim.rules.matching`).

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

from sim.rules.screening import assess
from sim.rules.sorting import group_order

LAYOFF_RULES = ("productivity", "seniority", "random")


def quits(employed: np.ndarray, draws: np.ndarray, rate: float) -> np.ndarray:
    """Indices of employed workers who quit into unemployment (``draws`` uniform per worker)."""
    return np.flatnonzero(employed & (draws < rate))


def layoff_scores(rule: str, productivity: np.ndarray, tenure: np.ndarray,
                  noise: np.ndarray, screening_error: np.ndarray) -> np.ndarray:
    """Layoff order score for each worker; the lowest score goes first.

    ``noise`` is a standard normal draw per worker. ``productivity``: log productivity as the
    firm assesses it (error sd ``screening_error`` per worker, :mod:`sim.rules.screening`).
    ``seniority``: tenure in months, ties broken at random. ``random``: the noise alone.
    """
    if rule == "productivity":
        return assess(productivity, screening_error, noise)
    if rule == "seniority":
        return tenure + ndtr(noise)
    if rule == "random":
        return noise
    raise ValueError(f"layoff rule must be one of {', '.join(LAYOFF_RULES)}, got {rule!r}")


def choose_layoffs(workers: np.ndarray, cells: np.ndarray, covered: np.ndarray,
                   score: np.ndarray, to_shed: np.ndarray) -> np.ndarray:
    """Workers laid off, given ``to_shed`` positions per cell.

    ``workers`` are the employed workers' indices and ``cells`` their cells (same length);
    ``covered`` (positions each worker fills) and ``score`` are indexed by worker. Within each
    cell workers are taken in increasing score while at least half of a worker's positions fit
    in what is left (so shedding half a position lays off one worker).

    >>> choose_layoffs(np.array([0, 1, 2]), np.array([5, 5, 5]), np.ones(3),
    ...                np.array([0.3, 0.1, 0.2]), np.zeros(6) + 2.0)
    array([1, 2])
    >>> choose_layoffs(np.array([0, 1]), np.array([0, 0]), np.ones(2), np.array([1.0, 0.0]),
    ...                np.array([0.5]))
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
