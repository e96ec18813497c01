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


def adoption_hazard(rate: float, exposure: np.ndarray, exposure_effect: float,
                    relative_capability: float, propensity: np.ndarray,
                    propensity_effect: float, coworker_share: np.ndarray, imitation: float,
                    employer_factor: np.ndarray) -> np.ndarray:
    """Monthly adoption hazard of each worker (per-worker arrays; see the module docstring)."""
    return (rate * exposure**exposure_effect * relative_capability
            * np.exp(propensity_effect * propensity)
            * (1.0 + imitation * coworker_share) * employer_factor)


def adopters(non_user: np.ndarray, hazard: np.ndarray, draws: np.ndarray) -> np.ndarray:
    """Indices of non-users who start using AI this month (``draws`` uniform per worker).

    >>> adopters(np.array([True, True, False]), np.array([10.0, 0.0, 10.0]),
    ...          np.array([0.5, 0.5, 0.5]))
    array([0])
    """
    return np.flatnonzero(non_user & (draws < 1.0 - np.exp(-hazard)))


def coworker_share(employer: np.ndarray, occupation: np.ndarray, user: np.ndarray,
                   employed: np.ndarray, n_firms: int, n_occupations: int) -> np.ndarray:
    """Share of AI users among each worker's coworkers (the same firm and occupation); for
    workers without an employer, among the labor force of their occupation."""
    cell = employer[employed].astype(np.int64) * n_occupations + occupation[employed]
    cell_size = np.bincount(cell, minlength=n_firms * n_occupations)
    cell_users = np.bincount(cell, weights=user[employed], minlength=n_firms * n_occupations)
    occ_size = np.bincount(occupation, minlength=n_occupations)
    occ_users = np.bincount(occupation, weights=user, minlength=n_occupations)
    share = np.divide(occ_users, occ_size, out=np.zeros(n_occupations), where=occ_size > 0)[
        occupation]
    share[employed] = (cell_users / np.maximum(cell_size, 1))[cell]
    return share
