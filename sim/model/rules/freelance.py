"""The freelance task market: a worker status with its own demand, shared by productivity.

Freelancers sell tasks on a platform market rather than fill positions. Task demand, in
positions, is ``demand_share`` of all positions at the long-run mean, moved by the business
cycle and reduced by automation of the tasks freelancers do (``substitutable_demand_loss`` per
unit of the automatable share of their occupations: Demirci, Hannane & Zhu find -21% posts in
automation-prone freelance work). A separate demand for AI-specialist tasks grows with
capability (the "AI Agent" services surge, Fiverr 2025): a reinstatement channel (Acemoglu &
Restrepo 2019) that only freelancers proficient in AI can serve, at a pay premium (AI skills
+21%, Stephany & Teutloff).

Each market is shared in proportion to the positions freelancers can fill (AI-adjusted), so a
freelancer's *utilisation* is demand over supply, at most one, and their earnings are the wage
rule's market pay for their productivity times utilisation (AI specialists earn the premium on
the share of their capacity that AI-specialist work takes). Workers enter from unemployment and
from employment; freelancers leave for jobs through job search and give up into unemployment
with a probability that rises as their utilisation falls. Freelancers experiment with AI more
than employees (:mod:`sim.model.rules.proficiency`).
"""

from __future__ import annotations

import numpy as np


def utilisation(demand: float, supply: float) -> float:
    """Share of capacity a market can use: demand / supply, at most one (one if no supply).

    >>> utilisation(5.0, 10.0), utilisation(5.0, 2.0), utilisation(1.0, 0.0)
    (0.5, 1.0, 1.0)
    """
    return 1.0 if supply <= 0 else min(1.0, demand / supply)


def earnings(market_pay: np.ndarray, ordinary_use: np.ndarray, specialist_use: np.ndarray,
             premium: float) -> np.ndarray:
    """Annual earnings: market pay x (used share of capacity, AI-specialist share paid at the
    premium).

    >>> earnings(np.array([100.0]), np.array([0.5]), np.array([0.25]), 0.2)
    array([80.])
    """
    return market_pay * (ordinary_use + specialist_use * (1.0 + premium))
