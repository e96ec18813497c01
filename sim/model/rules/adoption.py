"""AI adoption: who starts using AI at work, month by month.

A worker who does not use AI starts with monthly probability ``1 - exp(-h)``, with hazard

    h = rate * E_k^g * (C / C0) * exp(beta * z) * (1 + q * s) * employer factor

``E_k`` is how useful today's LLMs are to the worker's occupation (GPT-4-rated exposure,
Eloundou et al. 2024), with elasticity ``g`` set so that occupation gaps resemble Humlum &
Vestergaard's (software developers 79%, financial advisors 34%), and ``C / C0`` the capability
relative to its level at arrival (no capability, no adoption). ``z`` is the worker's fixed
adoption propensity (standard normal; Rogers' categories are bands of it) and ``beta`` its
effect (the propensity spread). ``s`` is the share of the worker's coworkers (same firm and
occupation) already using AI (for those without an employer, the share among their
occupation's labor force) and ``q`` the Bass imitation coefficient relative to innovation
(q/p = 0.38/0.03, Sultan, Farley & Lehmann 1990). The employer factor is below one at employers
that restrict AI, above one at employers that train or mandate it (restrictions and missing
training are the main barriers reported by Humlum & Vestergaard). Users keep using AI. The base
rate is calibrated so that about 28% of the employed use AI at work by January 2025 (Bick,
Blandin & Deming 2024).
"""

from __future__ import annotations

import numpy as np


def adoption_hazard(*, rate: float, exposure: np.ndarray, exposure_effect: float,
                    relative_capability: float, propensity: np.ndarray,
                    propensity_effect: float, coworker_share: np.ndarray, imitation: float,
                    employer_factor: np.ndarray) -> np.ndarray:
    """Monthly adoption hazard of each worker (see the module docstring).

    Parameters
    ----------
    rate : float
        Hazard of an average worker at full exposure and arrival capability, per month
        (``ai.adoption_rate``).
    exposure : ndarray
        Per worker: how useful today's LLMs are to their occupation (0-1).
    exposure_effect : float
        Elasticity of the hazard to that exposure (``ai.exposure_effect``).
    relative_capability : float
        Capability now over capability at arrival (``C / C0``, dimensionless).
    propensity : ndarray
        Per worker: the fixed adoption propensity (standard normal).
    propensity_effect : float
        Log hazard per sd of propensity (``ai.propensity_effect``).
    coworker_share : ndarray
        Per worker: share of coworkers already using AI (0-1).
    imitation : float
        Bass imitation as a multiple of the innovation hazard (``ai.imitation``).
    employer_factor : ndarray
        Per worker: multiplier of the employer's stance (restrict, train, mandate; 1 if none).

    Returns
    -------
    ndarray
        Monthly hazard per person (the adoption probability is ``1 - exp(-hazard)``).
    """
    return (rate * exposure**exposure_effect * relative_capability
            * np.exp(propensity_effect * propensity)
            * (1.0 + imitation * coworker_share) * employer_factor)


def adopters(hazard: np.ndarray, draws: np.ndarray) -> np.ndarray:
    """Positions of the non-users who start using AI this month, given each one's hazard and a
    uniform draw: adoption with probability ``1 - exp(-hazard)``.

    >>> adopters(np.array([10.0, 0.0, 10.0]), np.array([0.5, 0.5, 0.99999]))
    array([0])
    """
    return np.flatnonzero(draws < 1.0 - np.exp(-hazard))


def coworker_share(*, workers: np.ndarray, employed: np.ndarray, cells: np.ndarray,
                   occupation: np.ndarray, user: np.ndarray, n_cells: int) -> np.ndarray:
    """Share of AI users among the coworkers (same firm and occupation) of each of ``workers``;
    for those without an employer, among the labor force of their occupation.

    Parameters
    ----------
    workers : ndarray of int
        The workers whose share is wanted.
    employed, cells : ndarray of int
        Indices of the employed and their (firm, occupation) cells.
    occupation : ndarray of int
        Per worker: current (or last) occupation.
    user : ndarray of bool
        Per worker: uses AI.
    n_cells : int
        Number of cells (firms x occupations).

    Returns
    -------
    ndarray
        Share of users (0-1), one per person of ``workers``.

    >>> coworker_share(workers=np.array([0, 2]), employed=np.array([0, 1]),
    ...                cells=np.array([3, 3]), occupation=np.array([0, 0, 0]),
    ...                user=np.array([False, True, True]), n_cells=4).round(3).tolist()
    [0.5, 0.667]
    """
    user = np.asarray(user, dtype=bool)
    # per cell and per occupation: (non-users, users), each from one count of pairs
    by_cell = np.bincount(cells * 2 + user[employed], minlength=2 * n_cells).reshape(-1, 2)
    by_occupation = np.bincount(occupation.astype(np.intp) * 2 + user,
                                minlength=2 * (int(occupation.max()) + 1)).reshape(-1, 2)
    occ_share = by_occupation[:, 1] / np.maximum(by_occupation.sum(axis=1), 1)
    cell_share = by_cell[:, 1] / np.maximum(by_cell.sum(axis=1), 1)
    share = occ_share[occupation[workers]]
    cell_of_worker = np.full(len(occupation), -1, dtype=np.int64)
    cell_of_worker[employed] = cells
    mine = cell_of_worker[workers]
    has_cell = mine >= 0
    share[has_cell] = cell_share[mine[has_cell]]
    return share


#: Propensity thresholds (in standard deviations) between Rogers' adopter categories:
#: innovators above +2 sd, early adopters +1..+2, early majority 0..+1, late majority -1..0,
#: laggards below -1 sd, giving 2.5%, 13.5%, 34%, 34% and 16% (Rogers, Diffusion of Innovations).
ROGERS_THRESHOLDS = (2.0, 1.0, 0.0, -1.0)


def adopter_category(propensity: np.ndarray) -> np.ndarray:
    """Rogers category index (0 = innovator ... 4 = laggard) of standard-normal propensities."""
    return np.searchsorted(-np.asarray(ROGERS_THRESHOLDS), -propensity, side="right").astype(
        np.int8
    )
