"""Attribution: why a worker lost their job.

Every separation gets one cause (:data:`CAUSES`):

* ``quit``: the worker left (into unemployment or to freelance);
* ``outcompeted``: lost to more AI-productive workers. Either the worker was chosen for a layoff
  only because of AI gains (with productivity stripped of AI gains, and the same assessment
  errors, the firm would have laid off someone else), or the layoff made room for coworkers
  who, augmented by AI, fill more than one position each;
* ``automation``: the position was automated away;
* ``policy``: the firm's AI policy removed the position (contractors replaced by automation);
* ``demand``: product demand fell.

Within a cell, the excess of filled over wanted positions is split into an automation part
(positions automation removed), an augmentation part (positions filled beyond headcount by AI
gains) and a demand part (the rest), in that order; the layoffs not already ``outcompeted`` in
selection are shared among the three in proportion (rounded, lowest-ranked workers first).
Lost hires are attributed in :mod:`sim.rules.matching`.
"""

from __future__ import annotations

import numpy as np

CAUSES = ("demand", "automation", "outcompeted", "policy", "quit")
DEMAND, AUTOMATION, OUTCOMPETED, POLICY, QUIT = range(len(CAUSES))


def excess_parts(filled: np.ndarray, heads: np.ndarray, positions: np.ndarray,
                 positions_without_automation: np.ndarray) -> tuple:
    """Per cell: (excess, automation part, augmentation part), in positions.

    >>> excess_parts(np.array([6.0]), np.array([5]), np.array([3]), np.array([4]))
    (array([3.]), array([1.]), array([1.]))
    """
    excess = np.maximum(filled - positions, 0.0)
    automation = np.clip(positions_without_automation - positions, 0.0, excess)
    augmentation = np.clip(filled - heads, 0.0, excess - automation)
    return excess, automation, augmentation


def layoff_causes(cells: np.ndarray, outcompeted: np.ndarray, excess: np.ndarray,
                  automation: np.ndarray, augmentation: np.ndarray,
                  automation_cause: np.ndarray) -> np.ndarray:
    """Cause code of each laid-off worker.

    ``cells`` are the laid-off workers' cells, in layoff order; ``outcompeted`` marks those
    chosen only because of AI gains; the part arrays are per cell; ``automation_cause`` per cell
    is AUTOMATION or POLICY.

    >>> layoff_causes(np.array([0, 0, 0, 0]), np.array([False, False, False, True]),
    ...               np.array([3.0]), np.array([1.0]), np.array([1.0]), np.array([3])).tolist()
    [3, 2, 0, 2]
    """
    cause = np.full(len(cells), DEMAND, dtype=np.int8)
    cause[outcompeted] = OUTCOMPETED
    rest = np.flatnonzero(~outcompeted)
    if len(rest) == 0:
        return cause
    c = cells[rest]
    order = np.argsort(c, kind="stable")
    rest, c = rest[order], c[order]
    starts = np.flatnonzero(np.r_[True, c[1:] != c[:-1]])
    counts = np.diff(np.r_[starts, len(c)])
    rank = np.arange(len(c)) - np.repeat(starts, counts)
    n = np.repeat(counts, counts)
    share = np.divide(1.0, excess[c], out=np.zeros(len(c)), where=excess[c] > 0)
    n_automation = np.floor(n * automation[c] * share + 0.5)
    n_augmentation = np.floor(n * (automation[c] + augmentation[c]) * share + 0.5)
    cause[rest[rank < n_automation]] = automation_cause[c[rank < n_automation]]
    middle = (rank >= n_automation) & (rank < n_augmentation)
    cause[rest[middle]] = OUTCOMPETED
    return cause
