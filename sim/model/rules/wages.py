"""Wages: the wage rule, occasional pay resets, and reservation wages of the unemployed.

Wage rule (annual US dollars): ``w = level_k * productivity * exp(premium_f)`` where
``level_k = mean_wage_k * (u_k / u_ref) ** elasticity`` is the occupation's pay level: its OEWS
mean wage moved along a wage curve in the occupation's unemployment rate (Blanchflower & Oswald
1994, elasticity about -0.1), and ``premium_f`` is the firm's pay premium (an AKM firm effect;
rent sharing, Card, Cardoso, Heining & Kline 2018). New hires are paid the rule on the
productivity the firm expects of them; incumbents' pay is reset to the rule with a small monthly
probability (Barattieri, Basu & Gottschalk 2014), so wages are sticky. A firm that fails to fill
most of the vacancies it had open this month raises its premium a little (its *recruiting
premium*), and lets it fall back, never below zero, once it fills them: firms that cannot hire
raise pay, as in the wage-posting rules of agent-based labor models (Dosi et al. 2017, JEDC
75:36). Because the rule looks at the share of vacancies left unfilled, not at whether any is
left, large firms with steady turnover do not ratchet their pay up.

Reservation wages are set against the worker's *market wage*, the rule's pay for the job at a
firm with an average premium: they start at a share of it and decline slowly with the spell
(Krueger & Mueller 2016 find reservation wages falling 0.2-0.6% a month) down to a
floor (unemployment insurance replaces about 40% of prior wages). Anchoring on the market wage
rather than the last wage keeps workers displaced from high-premium firms from waiting forever
for an equally good firm, and moves reservation wages with the wage curve.
"""

from __future__ import annotations

import numpy as np

#: Pseudo-workers used to shrink small occupations' unemployment rates towards the aggregate
#: rate, so that tiny simulated occupations do not see wild pay swings from sampling noise.
SHRINKAGE_WORKERS = 100.0


def occupation_unemployment(unemployed: np.ndarray, labor_force: np.ndarray) -> np.ndarray:
    """Unemployment rate of each occupation, shrunk towards the aggregate rate."""
    aggregate = unemployed.sum() / max(labor_force.sum(), 1)
    return (unemployed + SHRINKAGE_WORKERS * aggregate) / (labor_force + SHRINKAGE_WORKERS)


def pay_level(mean_wage: np.ndarray, unemployment: np.ndarray, reference: float,
              elasticity: float) -> np.ndarray:
    """Occupation pay level on the wage curve: ``mean_wage * (u / reference) ** elasticity``."""
    return mean_wage * (np.maximum(unemployment, 1e-4) / reference) ** elasticity


def wage_rule(level: np.ndarray, productivity: np.ndarray, premium: np.ndarray) -> np.ndarray:
    """Annual wage: occupation pay level x productivity x exp(firm pay premium)."""
    return level * productivity * np.exp(premium)


#: A firm raises its recruiting premium when more than this share of the vacancies it had open
#: to applications went unfilled in the month (judgment: "most of them").
UNFILLED_SHARE_TO_RAISE = 0.5


def update_recruiting_premium(premium: np.ndarray, open_vacancies: np.ndarray,
                              unfilled: np.ndarray, step: float) -> np.ndarray:
    """Raise by ``step`` (log points) the recruiting premium of firms that left more than half
    of their open vacancies unfilled; lower the others' by ``step``, never below zero.

    >>> update_recruiting_premium(np.array([0.0, 0.005, 0.1, 0.2]), np.array([4, 4, 0, 10]),
    ...                           np.array([3, 2, 0, 1]), 0.01)
    array([0.01, 0.  , 0.09, 0.19])
    """
    struggling = unfilled > UNFILLED_SHARE_TO_RAISE * open_vacancies
    return np.maximum(premium + np.where(struggling, step, -step), 0.0)


def reservation_share(months_unemployed: np.ndarray, ratio: float, decline: float,
                      floor: float) -> np.ndarray:
    """Lowest acceptable wage as a share of the market wage:
    ``max(floor, ratio * (1 - decline) ** months)``.

    >>> reservation_share(np.array([0, 1000]), 1.0, 0.01, 0.4)
    array([1. , 0.4])
    """
    return np.maximum(floor, ratio * (1.0 - decline) ** months_unemployed)
