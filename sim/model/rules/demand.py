"""Product demand: an aggregate business cycle and persistent firm-level shocks.

Each firm's demand in month t is ``scale_f * exp(c_t) * exp(z_ft) / Z_t`` in positions, where the
cycle ``c`` and the firm shock ``z`` are AR(1) processes in logs with stationary means chosen so
that ``E[exp(c)] = E[exp(z)] = 1``, and ``Z_t`` is the scale-weighted mean of ``exp(z_ft)``. Firm
shocks therefore *reallocate* demand between firms (as in del Rio-Chanona et al. 2021) and
create simultaneous hiring and layoffs (gross job flows, Davis & Haltiwanger 1992), while the
aggregate level moves only with the cycle; without the normalisation a few large firms'
shocks would add a granular aggregate cycle whose size depended on the number of simulated
firms. Aggregate shocks move unemployment and vacancies in opposite directions (the Beveridge
curve). Labor demand in a (firm, occupation) cell is the firm's demand times its requirement of
the occupation. Firms staff whole positions: each firm rounds its total demand to whole positions
and shares them among its occupations by largest remainder, so rounding neither loses nor adds
positions on average (small occupations in a firm still get a position when their share is
the largest fraction).

Sources: cycle persistence and size from Shimer (2005, AER 95:25, Table 1); firm shock persistence
and size from Cooper & Haltiwanger (2006, REStud 73:611). Frequencies are converted to monthly
keeping the stationary standard deviation unchanged.
"""

from __future__ import annotations

import numpy as np


def stationary_sd(persistence: float, innovation_sd: float) -> float:
    """Stationary sd of an AR(1) ``x' = rho x + sd e``: ``sd / sqrt(1 - rho^2)``."""
    return innovation_sd / np.sqrt(1.0 - persistence**2)


def monthly_ar1(persistence: float, stationary: float, periods_per_step: float) -> tuple:
    """Monthly (persistence, innovation sd) of an AR(1) observed at another frequency.

    ``periods_per_step`` is the number of source periods in one month (1/12 for annual,
    1/3 for quarterly). The stationary sd ``stationary`` is preserved.

    >>> rho, sd = monthly_ar1(0.5**12, 0.1, 1 / 12)
    >>> round(float(rho), 6), round(float(sd / np.sqrt(1 - rho**2)), 6)
    (0.5, 0.1)
    """
    rho = persistence**periods_per_step
    return rho, stationary * np.sqrt(1.0 - rho**2)


def ar1_step(x: np.ndarray, *, persistence: float, innovation_sd: float, stationary: float,
             shocks: np.ndarray) -> np.ndarray:
    """One step of a log AR(1) whose stationary mean is ``-stationary^2 / 2`` (so that the mean
    of ``exp(x)`` is one).

    Parameters
    ----------
    x : float or ndarray
        The process now (log points).
    persistence : float
        Monthly autocorrelation.
    innovation_sd : float
        Monthly innovation sd (log points).
    stationary : float
        Stationary sd (log points), which sets the mean.
    shocks : float or ndarray
        Standard normal draws, one per element of ``x``.
    """
    mean = -0.5 * stationary**2
    return mean + persistence * (x - mean) + innovation_sd * shocks


def labor_demand(*, scale: np.ndarray, requirement: np.ndarray, cycle: float,
                 demand_shock: np.ndarray) -> np.ndarray:
    """Labor demand per cell (one per firm, occupation and stage), in positions (standard
    workers).

    Parameters
    ----------
    scale : ndarray, shape (M,)
        Positions each firm needs when demand is at its long-run mean.
    requirement : ndarray, shape (M * C,)
        Positions of each of the firm's C cells per unit of the firm's demand.
    cycle : float
        Log business cycle.
    demand_shock : ndarray, shape (M,)
        Log firm-level demand shocks (normalised here to a scale-weighted mean of one).
    """
    relative = np.exp(demand_shock)
    relative /= np.average(relative, weights=scale)
    firm_demand = scale * np.exp(cycle) * relative
    return np.repeat(firm_demand, len(requirement) // len(scale)) * requirement


def whole_positions(labor_demand: np.ndarray, width: int, offset=0.5) -> np.ndarray:
    """Whole positions per cell (``width`` cells a firm, consecutive): each firm's total
    rounded (``floor(total + offset)``: to the nearest integer by default, or with a fixed
    offset per firm), shared among its cells by largest remainder (Hamilton's method). Each
    firm's positions depend on its own demand only.

    >>> whole_positions(np.array([0.4, 0.4, 0.3, 1.6, 0.2, 0.0]), 3).tolist()
    [1, 0, 0, 2, 0, 0]
    >>> whole_positions(np.array([0.1, 0.1, 0.1, 0.1]), 2, np.array([0.9, 0.5])).tolist()
    [1, 0, 0, 0]
    """
    demand = labor_demand.reshape(-1, width)
    floors = np.floor(demand)
    remaining = (np.floor(demand.sum(axis=1) + offset) - floors.sum(axis=1)).astype(np.int64)
    rows = np.flatnonzero(remaining > 0)  # firms with positions left to share
    minus_fraction = floors[rows] - demand[rows]
    left = remaining[rows]
    for _ in range(int(left.max()) if len(rows) else 0):  # one position per firm a pass
        live = np.flatnonzero(left > 0)
        largest = np.argmin(minus_fraction[live], axis=1)  # ties: the first cell
        floors[rows[live], largest] += 1
        minus_fraction[live, largest] = np.inf
        left[live] -= 1
    return floors.astype(np.int32).ravel()
