"""Flows between the labor force and non-participation: E->N, U->N and N->U.

Each month an employed worker leaves the labor force with ``careers.employed_exit_rate``, an
unemployed one stops searching with ``careers.unemployed_exit_rate``, and a non-participant
starts searching (becomes unemployed) with ``careers.nonparticipant_search_rate``: constant
hazards of the order of the BLS CPS labor force status flows (the research series of gross
flows, transitions over the origin stock, 2015-2019), corrected for classification error
where the raw flows overstate moves between E and N and between U and N (see the parameters'
sources). The fourth flow, N->E,
is not a hazard: non-participants who send an application (``careers.passive_search``) are
hired through the same matching as everyone else, so a job must exist for them.

One uniform draw per person a month decides all three flows (a person is in one status), so
the draws stay aligned across counterfactual arms. The hazards do not vary with age
(simplification; in the data the young and the old move more).
"""

from __future__ import annotations

import numpy as np

from sim.model.state import EMPLOYED, NONPARTICIPANT, UNEMPLOYED


def labor_force_moves(status: np.ndarray, draws: np.ndarray, *, employed_exit: float,
                      unemployed_exit: float, start_search: float) -> tuple:
    """Indices of the employed and the unemployed who leave the labor force this month, and of
    the non-participants who start searching (``draws``: one uniform per person).

    >>> status = np.array([0, 1, 3, 0])
    >>> [a.tolist() for a in labor_force_moves(status, np.array([0.01, 0.5, 0.01, 0.5]),
    ...     employed_exit=0.03, unemployed_exit=0.2, start_search=0.02)]
    [[0], [], [2]]
    """
    leave_job = np.flatnonzero((status == EMPLOYED) & (draws < employed_exit))
    stop_search = np.flatnonzero((status == UNEMPLOYED) & (draws < unemployed_exit))
    start = np.flatnonzero((status == NONPARTICIPANT) & (draws < start_search))
    return leave_job, stop_search, start
