"""Competition for customers: firms in a market sell substitutes (CES demand).

Each firm belongs to one market (drawn at creation, about ``firms.firms_per_market`` firms each).
Its price is a constant markup over its unit cost (the CES markup ``sigma / (sigma - 1)``), so
relative to the economy without AI its price is its relative unit cost. Labor is the share
``alpha`` of unit cost (``firms.labor_cost_share``; materials, capital and other inputs the
rest, unchanged by AI), and its labor cost per unit relative to no AI is

    l_f = (share of tasks kept for workers) * (pay per head relative to no AI)
          / (positions each head fills)  +  k * (share of tasks automated),
    c_f = 1 - alpha + alpha * l_f,

which falls when it automates tasks (an automated task costs ``k``, ``ai.automation_cost``, of
the labor it replaces) or when its AI-augmented workers each fill more than one position, and
rises when their pay rises with their productivity. With CES demand across the
market's firms (elasticity of substitution ``sigma``) and a market demand of price elasticity
``eta``, the firm's demand relative to the economy without AI is

    D_f = q_f^eq * (c_f / P_m)^(-sigma) * P_m^(-eta),
    P_m = ( sum_j s_j q_j^eq c_j^(1 - sigma) / sum_j s_j )^(1 / (1 - sigma))

where ``s_j`` is the firm's share of the market's demand without AI and ``q`` its output quality
(quality elasticity ``eq``; :mod:`sim.model.rules.automation`), a taste shifter: a firm whose
quality falls loses customers to its rivals. A firm whose workers produce more than its rivals'
wins customers and its rivals shrink (business stealing); the market as a whole grows as its
price index falls when ``eta > 0``. With equal costs and qualities everywhere ``D = c^(-eta)``:
the industry elasticity alone decides whether cheaper output creates or destroys jobs (Bessen
2019: elastic early in a technology's life, inelastic for mature products). Labor is only the
share ``firms.labor_cost_share`` of the unit cost, so the extra output employs the labor AI
saves only when ``eta`` is about ``1 / labor_cost_share`` (2.5 at the defaults); below that AI
saves labor in the market, even at ``eta = 1`` (spending on the market unchanged).

Customers do not switch at once: each month a firm's demand multiplier closes the share
``firms.customer_adjustment`` of the gap to its CES target (:func:`adjust`), so that month-to-
month noise in a small firm's staff mix does not become demand churn.

Sources: the elasticity of substitution across varieties and firms is about 3-6 (Broda &
Weinstein 2006, QJE; Hottman, Redding & Weinstein 2016, QJE); Bessen (2019, Economic Policy)
for the industry elasticity.
"""

from __future__ import annotations

import numpy as np


def relative_unit_cost(kept: np.ndarray, pay_per_head: np.ndarray,
                       positions_per_head: np.ndarray, automation_cost: float,
                       labor_share: float) -> np.ndarray:
    """Each firm's unit cost relative to the economy without AI (see the module docstring;
    ``kept``: share of its tasks not automated; ``labor_share``: labor's share of unit cost).

    >>> relative_unit_cost(np.array([1.0, 0.8]), np.array([1.1, 1.0]), np.array([1.25, 1.0]),
    ...                    0.5, 1.0)
    array([0.88, 0.9 ])
    >>> relative_unit_cost(np.array([0.8]), np.array([1.0]), np.array([1.0]), 0.5, 0.4)
    array([0.96])
    """
    labor = kept * pay_per_head / positions_per_head + automation_cost * (1.0 - kept)
    return 1.0 - labor_share + labor_share * labor


def price_index(cost: np.ndarray, share: np.ndarray, taste: np.ndarray, market: np.ndarray,
                n_markets: int, sigma: float) -> np.ndarray:
    """CES price index of each market (one with equal costs and tastes of one), from the
    firms' relative prices ``cost``, demand shares without AI ``share`` and taste shifters
    ``taste`` (quality^eq).

    >>> price_index(np.array([1.0, 1.0, 0.5]), np.ones(3), np.ones(3), np.array([0, 1, 1]),
    ...             2, 2.0).round(3)
    array([1.   , 0.667])
    """
    total = np.bincount(market, weights=share, minlength=n_markets)
    raised = np.bincount(market, weights=share * taste * cost ** (1.0 - sigma),
                         minlength=n_markets)
    mean = np.divide(raised, total, out=np.ones(n_markets), where=total > 0)
    return mean ** (1.0 / (1.0 - sigma))


def demand_multiplier(*, cost: np.ndarray, quality: np.ndarray, share: np.ndarray,
                      market: np.ndarray, n_markets: int, sigma: float, eta: float,
                      quality_elasticity: float) -> np.ndarray:
    """Each firm's demand relative to the economy without AI (see the module docstring).

    Parameters
    ----------
    cost : ndarray, shape (M,)
        Relative unit cost (= relative price) of each firm.
    quality : ndarray, shape (M,)
        Output quality (1 = no loss).
    share : ndarray, shape (M,)
        Each firm's demand without AI (any scale: only shares within a market matter).
    market : ndarray of int, shape (M,)
        Market of each firm.
    n_markets : int
        Number of markets.
    sigma, eta, quality_elasticity : float
        Elasticity of substitution, industry price elasticity, quality elasticity.

    >>> demand_multiplier(cost=np.array([0.8, 1.0]), quality=np.ones(2), share=np.ones(2),
    ...                   market=np.array([0, 0]), n_markets=1, sigma=4.0, eta=1.0,
    ...                   quality_elasticity=1.0).round(3)
    array([1.653, 0.677])
    """
    taste = quality ** quality_elasticity
    index = price_index(cost, share, taste, market, n_markets, sigma)[market]
    return taste * (cost / index) ** (-sigma) * index ** (-eta)


def adjust(previous: np.ndarray, target: np.ndarray, speed: float) -> np.ndarray:
    """Demand multipliers after a month of customers switching: the share ``speed`` of the
    gap to the CES target closes.

    >>> adjust(np.array([1.0, 2.0]), np.array([2.0, 1.0]), 0.25).tolist()
    [1.25, 1.75]
    """
    return previous + speed * (target - previous)
