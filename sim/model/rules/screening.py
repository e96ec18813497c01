"""Screening: how a firm assesses a worker's productivity, for hiring and for layoffs.

Firms see productivity with error. The error is set by the *validity* of selection: the
correlation between the assessment and true log productivity. With log productivity of spread
``s`` in an occupation, an additive normal error of sd ``s * sqrt(1 / validity^2 - 1)`` gives that
correlation. The best single selection methods (structured interviews, general mental ability
tests) have validity about 0.5 (Schmidt & Hunter 1998, Psychological Bulletin 124:262).
"""

from __future__ import annotations

import numpy as np


def error_sd(log_productivity_sd: np.ndarray, validity: float) -> np.ndarray:
    """Sd of the assessment error that gives correlation ``validity`` with log productivity.

    >>> bool(error_sd(np.array([0.5]), 0.5)[0] == 0.5 * np.sqrt(3.0))
    True
    """
    return log_productivity_sd * np.sqrt(1.0 / validity**2 - 1.0)


def assess(productivity: np.ndarray, error: np.ndarray, draws: np.ndarray) -> np.ndarray:
    """Assessed log productivity: ``log(productivity) + error * draws`` (draws standard normal)."""
    return np.log(productivity) + error * draws
