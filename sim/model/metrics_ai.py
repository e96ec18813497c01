"""The month's AI-market metrics: how much work time AI takes and saves, how much of its
productivity reaches pay, new AI work, the competition between AI-augmented firms and the rest,
and entry-level hiring by the firms' AI exposure.

:func:`ai_market_metrics` computes them from the end-of-month state for
:func:`sim.model.metrics.compute`; their declarations, with units and meanings, are in
:class:`sim.model.metrics.DeclaredMetrics` beside every other metric. The two ratio helpers
(:func:`share`, :func:`mean`) live here so that both modules use them without an import cycle.

Survey figures to read them against: Bick, Blandin & Deming (2024, 2025) find that users spend
about 6-25% of their work hours with generative AI, 31.9% of users an hour or more a day, and
that it saves 1.4% of all work hours; Humlum & Vestergaard (2025) find that 3-7% of the
productivity gains from AI chatbots reached earnings.
"""

from __future__ import annotations

import numpy as np

from sim.model.month import MonthState
from sim.model.pay import base_pay
from sim.model.state import EMPLOYED, ENTRY, FirmState, WorkerState

#: An employed AI user whose share of work time with AI is at least this (an hour or more of
#: an eight-hour day) is a heavy user.
HEAVY_USE_INTENSITY = 1.0 / 8.0
#: A firm can count as AI-augmented only when its employees fill on average more than this
#: many positions each (one without AI).
AUGMENTED_POSITIONS_PER_HEAD = 1.01


def share(numerator: float, denominator: float) -> float:
    """``numerator / denominator`` as a float, NaN when the denominator is not positive."""
    return float(numerator) / float(denominator) if denominator > 0 else float("nan")


def mean(values: np.ndarray) -> float:
    """Mean of ``values``, NaN when empty."""
    return float(values.mean()) if len(values) else float("nan")


def weighted_mean(values: np.ndarray, weights: np.ndarray) -> float:
    """Mean of ``values`` weighted by ``weights``, NaN when the weights sum to nothing."""
    return share((values * weights).sum(), weights.sum())


def ai_market_metrics(workers: WorkerState, firms: FirmState, now: MonthState, *,
                      employed: np.ndarray) -> dict:
    """Every AI-market metric of the month (``employed``: mask of the employed at its end)."""
    return {**ai_time_metrics(workers, now, employed=employed),
            **pass_through_metrics(workers, firms, now, employed=employed),
            **new_work_metrics(workers, now, employed=employed),
            **competition_metrics(firms, now),
            **entry_hiring_metrics(workers, firms, now)}


def ai_time_metrics(workers: WorkerState, now: MonthState, *, employed: np.ndarray) -> dict:
    """The employed's share of work time with AI (non-users count zero), users' intensity and
    their share of heavy users, the net share of work hours AI saves (a worker whose
    productivity rises by ``g`` does their work in ``1 / (1 + g)`` of the time, so saves
    ``g / (1 + g)``; a loss counts negative) and the matched outside offers."""
    n_employed = np.count_nonzero(employed)
    users = np.flatnonzero(employed & workers.ai_user)  # non-users have no intensity or gain
    intensity = now.intensity[users]
    gain = now.productivity_gain[users]
    return {
        "ai_time_share": share(intensity.sum(), n_employed),
        "ai_user_intensity": mean(intensity),
        "ai_heavy_user_share": share(np.count_nonzero(intensity >= HEAVY_USE_INTENSITY),
                                     len(users)),
        "ai_time_saved": share((gain / (1.0 + gain)).sum(), n_employed),
        "counteroffers": int(now.counts.counteroffers),
    }


def pass_through_metrics(workers: WorkerState, firms: FirmState, now: MonthState, *,
                         employed: np.ndarray) -> dict:
    """Realised pass-through of AI productivity gains to pay, as a comparison of users and
    non-users would measure it: the employed users with a positive gain earn, relative to
    the wage rule on their productivity without AI at their employer, a mean gap that
    exceeds the non-users' mean gap (pay that lags or leads the rule for reasons other than
    AI) by this share of their mean gain (empty without both groups)."""
    w = workers
    gain = now.productivity_gain
    gaining, others = employed & (gain > 0.0), employed & ~w.ai_user
    if not gaining.any() or not others.any():
        return {"ai_pay_pass_through": float("nan")}
    premium = firms.pay_premium + firms.recruiting_premium

    def mean_gap(who: np.ndarray) -> float:
        """Mean of the pay gap to the wage rule without AI over the workers ``who``."""
        i = np.flatnonzero(who)
        return float((w.wage[i] / base_pay(w, i, now, premium) - 1.0).mean())

    return {"ai_pay_pass_through": (mean_gap(gaining) - mean_gap(others))
            / float(gain[gaining].mean())}


def new_work_metrics(workers: WorkerState, now: MonthState, *, employed: np.ndarray) -> dict:
    """New AI-work positions: their share of the positions staffed, of employment and the
    month's hires into them."""
    return {
        "new_work_position_share": share(now.new_work_positions.sum(), now.positions.sum()),
        "new_work_employment_share": share((workers.new_work & employed).sum(),
                                           employed.sum()),
        "new_work_hires": int(now.counts.new_work_hires),
    }


def augmented_firms(firms: FirmState, now: MonthState) -> np.ndarray:
    """Mask of the AI-augmented firms: the more augmented half of the firms, those whose
    employees filled more positions each when prices were set this month
    (``now.positions_per_head``) than the median firm, weighted by scale, and more than
    :data:`AUGMENTED_POSITIONS_PER_HEAD`. They are about half the economy by scale, so their
    share of labor demand is about one half unless AI wins them customers."""
    per_head = now.positions_per_head
    median = weighted_median(per_head, firms.scale)
    return per_head > max(AUGMENTED_POSITIONS_PER_HEAD, median)


def competition_metrics(firms: FirmState, now: MonthState) -> dict:
    """The relative price (unit cost, 1 = no AI) of the AI-augmented firms and of the others,
    each weighted by the firms' labor demand, and the augmented firms' share of labor
    demand (NaN, like their price, when no firm is augmented: without AI, or with the
    productivity block off)."""
    augmented = augmented_firms(firms, now)
    demand = now.labor_demand.reshape(firms.count, -1).sum(axis=1)
    return {
        "price_augmented_firms": weighted_mean(now.unit_cost[augmented], demand[augmented]),
        "price_other_firms": weighted_mean(now.unit_cost[~augmented], demand[~augmented]),
        "market_share_augmented_firms": share(demand[augmented].sum(), demand.sum())
        if augmented.any() else float("nan"),  # like their price: none to measure
    }


def weighted_median(values: np.ndarray, weights: np.ndarray) -> float:
    """The smallest value at or below which at least half the total weight lies.

    >>> weighted_median(np.array([3.0, 1.0, 2.0]), np.array([1.0, 1.0, 3.0]))
    2.0
    """
    order = np.argsort(values, kind="stable")
    cumulative = np.cumsum(weights[order])
    return float(values[order][np.searchsorted(cumulative, 0.5 * cumulative[-1])])


def high_exposure_firms(firms: FirmState) -> np.ndarray:
    """Mask of the firms whose AI exposure (``firms.exposure``) is above the median of firms
    weighted by their scale; the others are the low-exposure firms."""
    return firms.exposure > weighted_median(firms.exposure, firms.scale)


def entry_hiring_metrics(workers: WorkerState, firms: FirmState, now: MonthState) -> dict:
    """Entry-level hires per employee at the start of the month, at the firms of high and of
    low AI exposure (:func:`high_exposure_firms`; ``now.hired`` is empty before the first
    matching phase: no hires)."""
    high = high_exposure_firms(firms)
    hired = now.hired
    entry = hired[(workers.stage[hired] == ENTRY) & (workers.status[hired] == EMPLOYED)]
    entry_hires = np.bincount(workers.employer[entry], minlength=firms.count)
    # the employer at the start of the month is NO_EMPLOYER (-1) exactly for those not employed
    staff = np.bincount(now.employer_start + 1, minlength=firms.count + 1)[1:]
    return {
        "entry_hire_rate_high_exposure_firms": share(entry_hires[high].sum(),
                                                     staff[high].sum()),
        "entry_hire_rate_low_exposure_firms": share(entry_hires[~high].sum(),
                                                    staff[~high].sum()),
    }
