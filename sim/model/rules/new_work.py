"""New AI work inside firms: the reinstatement effect (Acemoglu & Restrepo 2019, JEP 33:3).

As capability grows, firms create new tasks and positions around AI: integrating it, training
and evaluating agents, AI-specialist roles. Each (firm, occupation, stage) cell gets new AI-work
positions on top of its labor demand,

    new work = labor demand * share * E * (C - C0) / (1 - C0),

in proportion to the job's exposure ``E`` and to the capability gained since arrival (``C0`` at
arrival, 1 at the ceiling), so none exists before AI improves on its first release. New work is
new output (new services), so it does not raise the firm's unit cost. Its vacancies hire only
applicants whose AI proficiency reaches ``ai.new_work_proficiency``: a worker who holds one keeps
the flag ``new_work`` until they leave the job. The size is a judgment: about 1% of positions in
January 2025, from Humlum & Vestergaard (2025: AI created new tasks for 8.4% of workers, read as
about an eighth of their time) and Autor, Chin, Salomons & Seegmiller (2024, QJE) on new work;
it is in the sensitivity sweep.
"""

from __future__ import annotations

import numpy as np

from sim.model.rules.sorting import rank_in_group


def new_work_share(exposure: np.ndarray, frontier: float, start: float, share: float
                   ) -> np.ndarray:
    """New AI-work positions per position of each job: ``share * E * (C - C0) / (1 - C0)``
    (zero before capability passes its level at arrival).

    >>> new_work_share(np.array([0.5, 1.0]), 0.5, 0.3, 0.14).round(4)
    array([0.02, 0.04])
    """
    gained = max(0.0, frontier - start) / max(1.0 - start, 1e-12)
    return share * exposure * gained


def open_new_work(new_positions: np.ndarray, holders: np.ndarray, vacancies: np.ndarray
                  ) -> np.ndarray:
    """Vacancies of each cell that are new AI work: the new-work positions not yet held, at
    most the cell's vacancies.

    >>> open_new_work(np.array([3, 1, 2]), np.array([1, 1, 0]), np.array([5, 2, 1])).tolist()
    [2, 0, 1]
    """
    return np.minimum(vacancies, np.maximum(new_positions - holders, 0))


def new_work_slots(slot_cell: np.ndarray, open_per_cell: np.ndarray) -> np.ndarray:
    """Which vacancy slots are new AI work: the first ``open_per_cell[c]`` slots of each cell
    ``c`` (the slots of a cell are consecutive in ``slot_cell``).

    >>> new_work_slots(np.array([4, 4, 4, 7, 7]), np.array([0, 0, 0, 0, 2, 0, 0, 1])).tolist()
    [True, True, False, True, False]
    """
    if len(slot_cell) == 0:
        return np.zeros(0, dtype=bool)
    return rank_in_group(slot_cell) < open_per_cell[slot_cell]
