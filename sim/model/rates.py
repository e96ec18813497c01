"""Rates derived once from the parameters and the occupation table, before the first month.

A :class:`Rates` is frozen: the monthly coefficients of the demand processes (converted from
the quarterly and annual figures of :mod:`sim.model.params.firms`), the occupational mobility
CDF that applications are drawn from, and each occupation's skill spread and screening error.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.model.occupations import Occupations
from sim.model.params import Params
from sim.model.rules import demand, productivity, screening


@dataclass(frozen=True, eq=False)
class Rates:
    """Constants of one run (see :func:`derived_rates`)."""

    cycle_sd: float  # stationary sd of the log business cycle
    cycle_rho: float  # its monthly persistence
    cycle_innovation: float  # its monthly innovation sd
    firm_sd: float  # stationary sd of a firm's log demand shock
    firm_rho: float  # its monthly persistence
    firm_innovation: float  # its monthly innovation sd
    mobility_cdf: np.ndarray  # (K, K), row-wise cumulative occupational mobility
    skill_sd: np.ndarray  # (K,), within-occupation sd of log skill
    screening_error: np.ndarray  # (K,), sd of a firm's error in assessing log productivity


def derived_rates(params: Params, occupations: Occupations) -> Rates:
    """The :class:`Rates` of ``params`` and ``occupations``."""
    f = params.firms
    cycle_rho, cycle_innovation = demand.monthly_ar1(f.cycle_persistence_quarterly,
                                                     f.cycle_volatility, 1.0 / 3.0)
    firm_sd = demand.stationary_sd(f.demand_persistence_annual, f.demand_volatility_annual)
    firm_rho, firm_innovation = demand.monthly_ar1(f.demand_persistence_annual, firm_sd,
                                                   1.0 / 12.0)
    skill_sd = productivity.log_skill_sd(occupations.log_wage_sd, f.pay_premium_sd)
    return Rates(
        cycle_sd=f.cycle_volatility, cycle_rho=cycle_rho, cycle_innovation=cycle_innovation,
        firm_sd=firm_sd, firm_rho=firm_rho, firm_innovation=firm_innovation,
        mobility_cdf=np.cumsum(occupations.mobility, axis=1), skill_sd=skill_sd,
        screening_error=screening.error_sd(skill_sd, params.market.screening_validity),
    )
