"""Rates derived once from the parameters and the occupation table, before the first month.

A :class:`Rates` is frozen: the monthly coefficients of the demand processes (converted from
the quarterly and annual figures of :mod:`sim.model.params.firms`), the occupational mobility
CDF that applications are drawn from, each occupation's skill spread and screening error, the
age hazard and age distributions of :mod:`sim.model.rules.demography`, and the AI exposure
of each occupation's entry-level and experienced positions.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.model.occupations import Occupations
from sim.model.params import Params
from sim.model.rules import careers, demand, demography, productivity, screening

#: Months of occupational experience tabulated; beyond, the factor is taken as the last entry
#: (within 1e-9 of one for learning times up to 50 months).
OCCUPATION_TABLE_MONTHS = 1200


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
    exit_hazard: np.ndarray  # by age in months, monthly chance of leaving for good
    entrant_ages: np.ndarray  # by age in months, distribution of entry ages
    stationary_ages: np.ndarray  # by age in months, the stationary age distribution
    general_mean: float  # mean general-experience factor over the stationary ages
    general_table: np.ndarray  # by career month: general factor / general_mean
    occupation_table: np.ndarray  # by months in the occupation (the last entry for more)
    entry_share: float  # share of positions at entry level: the stationary early-career share
    job_exposure: np.ndarray  # (2K,), AI exposure per (occupation, stage)


def derived_rates(params: Params, occupations: Occupations) -> Rates:
    """The :class:`Rates` of ``params`` and ``occupations``."""
    f = params.firms
    cycle_rho, cycle_innovation = demand.monthly_ar1(f.cycle_persistence_quarterly,
                                                     f.cycle_volatility, 1.0 / 3.0)
    firm_sd = demand.stationary_sd(f.demand_persistence_annual, f.demand_volatility_annual)
    firm_rho, firm_innovation = demand.monthly_ar1(f.demand_persistence_annual, firm_sd,
                                                   1.0 / 12.0)
    skill_sd = productivity.log_skill_sd(occupations.log_wage_sd, f.pay_premium_sd)
    c = params.careers
    stationary = demography.stationary_ages(c.entry_age_min, c.entry_age_max)
    middle_entry = 6 * (c.entry_age_min + c.entry_age_max + 1)  # months
    general = careers.general_factor(np.arange(len(stationary)) - middle_entry,
                                     c.experience_gain, c.experience_years)
    general_mean = float(stationary @ general)
    entry_share = demography.early_career_share(c.entry_age_min, c.entry_age_max,
                                                c.promotion_months)
    return Rates(
        cycle_sd=f.cycle_volatility, cycle_rho=cycle_rho, cycle_innovation=cycle_innovation,
        firm_sd=firm_sd, firm_rho=firm_rho, firm_innovation=firm_innovation,
        mobility_cdf=np.cumsum(occupations.mobility, axis=1), skill_sd=skill_sd,
        screening_error=screening.error_sd(skill_sd, params.market.screening_validity),
        exit_hazard=demography.monthly_hazard(c.entry_age_max),
        entrant_ages=demography.entrant_age_pmf(c.entry_age_min, c.entry_age_max),
        stationary_ages=stationary, general_mean=general_mean,
        general_table=careers.general_factor(np.arange(len(stationary)), c.experience_gain,
                                             c.experience_years) / general_mean,
        occupation_table=careers.occupation_factor(np.arange(OCCUPATION_TABLE_MONTHS),
                                                   c.switch_loss, c.learning_months),
        entry_share=entry_share,
        job_exposure=careers.stage_exposure(occupations.exposure, entry_share,
                                            c.entry_exposure_ratio),
    )
