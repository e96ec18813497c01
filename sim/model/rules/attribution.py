"""Attribution: why a worker lost their job.

Every separation gets one cause (:data:`CAUSES`):

* ``quit``: the worker left (into unemployment, out of the labor force, or to freelance);
* ``match``: the match turned out, or became, too poor to keep
  (:mod:`sim.model.rules.match_quality`);
* ``retirement``: the worker left the labor market for good
  (:mod:`sim.model.rules.demography`);
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
Lost hires are attributed in :mod:`sim.model.rules.matching`.
"""

from __future__ import annotations

import numpy as np

from sim.model.rules.separations import choose_layoffs, layoff_scores
from sim.model.rules.sorting import group_starts, rank_in_group

CAUSES = ("demand", "automation", "outcompeted", "policy", "quit", "match", "retirement")
DEMAND, AUTOMATION, OUTCOMPETED, POLICY, QUIT, MATCH, RETIREMENT = range(len(CAUSES))


def chosen_for_ai(*, laid_off: np.ndarray, laid_cells: np.ndarray, employed: np.ndarray,
                  cells: np.ndarray, skill: np.ndarray, tenure: np.ndarray, noise: np.ndarray,
                  screening_error: np.ndarray, rule: str, n_cells: int) -> np.ndarray:
    """Which layoffs happened only because of AI gains.

    Selection is rerun in the cells that lay off, for as many workers as they lay off, with
    productivity stripped of AI gains (skill, one position per person) and the same assessment
    noise: a laid-off worker whom that selection would not have chosen was chosen because
    coworkers' AI gains ranked above them.

    Parameters
    ----------
    laid_off, laid_cells : ndarray of int
        The workers laid off this month and their cells.
    employed, cells : ndarray of int
        Indices of the employed (before the layoffs) and their cells.
    skill, tenure, noise, screening_error : ndarray
        Per worker: skill in the occupation, months of tenure, the layoff selection's standard
        normal noise, and the sd of the firm's assessment error (log points).
    rule : str
        The layoff rule (``firms.layoff_rule``).
    n_cells : int
        Number of cells (firms x occupations).

    Returns
    -------
    ndarray of bool
        Per laid-off worker: chosen only because of AI gains.
    """
    per_cell = np.bincount(laid_cells, minlength=n_cells).astype(float)
    playing = per_cell[cells] > 0  # coworkers of the laid off, and themselves
    in_play = employed[playing]
    free_scores = np.zeros(len(skill))
    free_scores[in_play] = layoff_scores(
        rule=rule, productivity=skill[in_play], tenure=tenure[in_play], noise=noise[in_play],
        screening_error=screening_error[in_play])
    would = choose_layoffs(workers=in_play, cells=cells[playing],
                           covered=np.ones(len(skill)), score=free_scores, to_shed=per_cell)
    return ~np.isin(laid_off, would)


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


def layoff_causes(*, cells: np.ndarray, outcompeted: np.ndarray, excess: np.ndarray,
                  automation: np.ndarray, augmentation: np.ndarray,
                  automation_cause: np.ndarray) -> np.ndarray:
    """Cause code of each laid-off worker.

    Parameters
    ----------
    cells : ndarray of int
        The laid-off workers' cells, in layoff order.
    outcompeted : ndarray of bool
        Per laid-off worker: chosen only because of AI gains (:func:`chosen_for_ai`).
    excess, automation, augmentation : ndarray
        Per cell, in positions: the excess and its automation and augmentation parts
        (:func:`excess_parts`).
    automation_cause : ndarray of int
        Per cell: AUTOMATION or POLICY, the cause the firm's regime gives automation layoffs.

    Returns
    -------
    ndarray of int8
        A code of :data:`CAUSES` per laid-off worker.

    >>> layoff_causes(cells=np.array([0, 0, 0, 0]),
    ...               outcompeted=np.array([False, False, False, True]),
    ...               excess=np.array([3.0]), automation=np.array([1.0]),
    ...               augmentation=np.array([1.0]), automation_cause=np.array([3])).tolist()
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
    counts = np.diff(np.r_[group_starts(c), len(c)])  # the cell's number of them
    rank = rank_in_group(c)
    n = np.repeat(counts, counts)
    share = np.divide(1.0, excess[c], out=np.zeros(len(c)), where=excess[c] > 0)
    n_automation = np.floor(n * automation[c] * share + 0.5)
    n_augmentation = np.floor(n * (automation[c] + augmentation[c]) * share + 0.5)
    cause[rest[rank < n_automation]] = automation_cause[c[rank < n_automation]]
    middle = (rank >= n_automation) & (rank < n_augmentation)
    cause[rest[middle]] = OUTCOMPETED
    return cause
