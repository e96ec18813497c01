"""Pay in the month: occupation pay levels on the wage curve and reservation wages
(the wage rule itself, and its sources, are in :mod:`sim.model.rules.wages`)."""

from __future__ import annotations

import numpy as np

from sim.model.month import MonthState
from sim.model.occupations import Occupations
from sim.model.params import MarketParams
from sim.model.rules import wages
from sim.model.state import NONPARTICIPANT, UNEMPLOYED, WorkerState


def pay_levels(workers: WorkerState, occupations: Occupations, market: MarketParams
               ) -> np.ndarray:
    """Each occupation's pay level on the wage curve at its current unemployment (annual US
    dollars); a month uses the levels at its start (``MonthState.pay_levels``)."""
    k = occupations.count
    labor_force = np.bincount(workers.occupation[workers.status != NONPARTICIPANT], minlength=k)
    unemployed = np.bincount(workers.occupation[workers.status == UNEMPLOYED], minlength=k)
    rate = wages.occupation_unemployment(unemployed, labor_force)
    return wages.pay_level(occupations.mean_wage, rate, market.wage_curve_reference_unemployment,
                           market.wage_curve_elasticity)


def base_pay(workers: WorkerState, who: np.ndarray, now: MonthState, pay_premium: np.ndarray
             ) -> np.ndarray:
    """What the wage rule pays ``who`` (employed) for their productivity without AI at their
    employer (annual US dollars; ``pay_premium``: each firm's log pay premium, exponentiated
    once per firm): the base that AI's share of their pay is measured against."""
    w = workers
    return (wages.wage_rule(now.pay_levels[w.occupation[who]], w.skill[who], 0.0)
            * np.exp(pay_premium)[w.employer[who]])


def reservation_share(months_unemployed: np.ndarray, market: MarketParams) -> np.ndarray:
    """Lowest acceptable pay as a share of the market wage, by spell length."""
    return wages.reservation_share(months_unemployed, market.reservation_ratio,
                                   market.reservation_decline, market.reservation_floor)


def reservation_wages(workers: WorkerState, who: np.ndarray, now: MonthState,
                      market: MarketParams) -> np.ndarray:
    """Reservation wages of ``who`` in their own occupation (annual US dollars): their
    reservation share of the rule's pay for them at an average firm."""
    w = workers
    market_wage = wages.wage_rule(now.pay_levels[w.occupation[who]], now.pay_productivity[who],
                                  0.0)
    return market_wage * reservation_share(w.unemployed_months[who], market)
