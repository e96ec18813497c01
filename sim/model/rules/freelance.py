"""The freelance task market: a worker status with its own demand, shared by productivity.

Freelancers sell tasks on a platform market rather than fill positions. Task demand, in
positions, is ``demand_share`` of all positions at the long-run mean, moved by the business
cycle. Two AI rules move it, each part of its own block:

* **Substitution** (block ``automation``): ordinary demand for each occupation's tasks falls by
  ``substitutable_demand_loss`` per unit of its automatable share (exposure x capability; each
  freelancer's share of ordinary demand shrinks with their occupation's), calibrated to Demirci,
  Hannane & Zhu (2025: -21% posts in automation-prone freelance work about 8 months after
  ChatGPT; writing -30%, images -17%), in line with Teutloff et al. (2025, JEBO: -20% to -50%
  for substitutable skills).
* **New AI-specialist demand** (block ``new_work``): on top of ordinary demand, AI-specialist
  tasks grow from their small pre-AI base share, ``ai_specialist_share``, by
  ``ai_specialist_growth`` per unit of capability gained relative to arrival, calibrated to
  about a doubling by mid 2024 (Teutloff et al.: machine-learning work +24%, chatbot work about
  3x, merged into one category by judgment; Fiverr's 2025 "AI Agent" searches are the same
  surge). It is a reinstatement channel
  (Acemoglu & Restrepo 2019) that only freelancers proficient in AI can serve, at a pay premium
  (AI skills +21%, Stephany & Teutloff).

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


def substitution(loss: float, automatable: np.ndarray) -> np.ndarray:
    """Ordinary freelance demand for each occupation's tasks relative to no AI:
    ``1 - loss * automatable share``, never below zero.

    >>> substitution(0.75, np.array([0.28, 0.0, 0.6])).round(3).tolist()
    [0.79, 1.0, 0.55]
    """
    return np.maximum(0.0, 1.0 - loss * automatable)


def specialist_share(base_share: float, growth: float, relative_capability: float) -> float:
    """New AI-specialist demand as a share of ordinary freelance demand without AI:
    ``base_share * growth * (C / C0 - 1)``, zero before capability passes its level at
    arrival.

    >>> round(specialist_share(0.03, 4.2, 1.24), 4), specialist_share(0.03, 4.2, 0.9)
    (0.0302, 0.0)
    """
    return base_share * growth * max(0.0, relative_capability - 1.0)


def earnings(market_pay: np.ndarray, ordinary_use: np.ndarray, specialist_use: np.ndarray,
             premium: float) -> np.ndarray:
    """Annual earnings: market pay x (used share of capacity, AI-specialist share paid at the
    premium).

    >>> earnings(np.array([100.0]), np.array([0.5]), np.array([0.25]), 0.2)
    array([80.])
    """
    return market_pay * (ordinary_use + specialist_use * (1.0 + premium))
