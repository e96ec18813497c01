"""Competition for workers: outside offers bid for employed workers, and incumbents match them
(sequential auctions, Postel-Vinay & Robin 2002, Econometrica 70:2295).

A firm values a worker at what they produce for it: the wage rule (:mod:`sim.model.rules.wages`)
applied to their full productivity, AI gains included. It pays a new hire the wage rule on the
productivity it pays for (*posted pay*): their productivity without AI plus the share of their AI
gain their pay already carries (their *captured share*, zero at first: the tool belongs to the
firm). A poaching firm bids what it takes to win an employed worker, their current pay plus the
raise they require to move, but never more than its value of them:

    bid = min(value_B, max(posted_B, current pay * (1 + raise)))

When the worker takes the offer, the incumbent bids too (Bertrand competition between the two
firms): if it values the worker at least as much as the poacher (``value_A >= value_B``), the
worker stays, paid up to the poacher's value, ``max(current pay, value_B)``, and the poacher's
vacancy goes on to its next applicant; otherwise the worker moves, paid enough to beat what the
incumbent would have matched, ``min(value_B, max(bid, value_A))``. So AI users' productivity
reaches their pay only through competition, as outside offers arrive, and the *pass-through*
(the share of AI productivity gains that reaches pay) is an outcome, to compare with Humlum &
Vestergaard's 3-7% of time savings two years in. Without AI a firm's value of a worker equals
its posted pay, so bids are the posted pay; incumbents still match the offers that beat pay
which lags their value of the worker (sticky wages), which lowers job-to-job mobility.
Simplifications: no option values (a firm bids its current value), and any firm may match,
even one that wants fewer workers.
"""

from __future__ import annotations

import numpy as np


def bid(posted: np.ndarray, value: np.ndarray, required: np.ndarray) -> np.ndarray:
    """What a firm offers each applicant: its posted pay, or the applicant's required pay if
    higher, but never more than its value of them (annual US dollars; ``required`` is zero for
    those without work).

    >>> bid(np.array([100.0, 100.0, 100.0]), np.array([100.0, 130.0, 130.0]),
    ...     np.array([0.0, 120.0, 150.0])).tolist()
    [100.0, 120.0, 130.0]
    """
    return np.minimum(value, np.maximum(posted, required))


def matched(incumbent_value: np.ndarray, offer: np.ndarray) -> np.ndarray:
    """Whether the incumbent matches each outside offer (its value of the worker is at least
    ``offer``, the poacher's value of them).

    >>> matched(np.array([120.0, 100.0]), np.array([110.0, 110.0])).tolist()
    [True, False]
    """
    return incumbent_value >= offer


def captured_share(wage: np.ndarray, base_pay: np.ndarray, gain: np.ndarray) -> np.ndarray:
    """Share of a worker's AI gain their pay carries: ``(wage / base_pay - 1) / gain`` within
    [0, 1], where ``base_pay`` is the wage rule on their productivity without AI (zero where
    the gain is not positive).

    >>> captured_share(np.array([105.0, 130.0, 100.0]), np.array([100.0, 100.0, 100.0]),
    ...                np.array([0.2, 0.2, 0.0])).round(3).tolist()
    [0.25, 1.0, 0.0]
    """
    positive = gain > 0
    share = np.divide(wage / base_pay - 1.0, gain, out=np.zeros(len(gain)), where=positive)
    share = np.clip(share, 0.0, 1.0)
    return np.where(share < 1e-9, 0.0, share)  # rounding, not a share
