"""The backtest's statistics, each computed the way its source computes it, from plain panels
(DataFrames) so that each can be checked on a synthetic panel with a known answer.

* :func:`exposure_quintiles` and :func:`relative_employment_change`: Brynjolfsson, Chandar &
  Chen (2025, "Canaries in the Coal Mine?", ADP payroll data), employment of an age group by
  quintile of occupational AI exposure (Eloundou et al. 2024 scores), each series normalised
  to its late-2022 level, then the most exposed quintile's index relative to the least
  exposed's.
* :func:`paired_effect`: Humlum & Vestergaard (2025, "Large Language Models, Small Labor Market
  Effects"), the effect of AI adoption on adopters' earnings or hours, here as the same
  workers' outcome in the AI arm against the no-AI arm (common random numbers), in percent.
* :func:`rate_change`: the change of a monthly rate between two windows (BLS CPS unemployment,
  late 2022 to mid 2025), in percentage points.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

QUINTILES = 5


def exposure_quintiles(exposure: np.ndarray, employment: np.ndarray) -> np.ndarray:
    """The exposure quintile (1 least exposed, 5 most) of each occupation.

    Occupations are ranked by exposure and cut where cumulative employment (``employment``:
    each occupation's base-period employment) crosses each fifth, so that each quintile holds
    about a fifth of workers, as quintiles of workers by their occupation's exposure. An
    occupation is never split: it goes to the quintile where its employment's midpoint falls.
    Judgment: the paper's quintiles are over its occupations' exposure scores; with the model's
    few occupations, worker-weighted cuts keep the quintiles comparable in size.
    """
    exposure = np.asarray(exposure, dtype=float)
    employment = np.asarray(employment, dtype=float)
    if exposure.shape != employment.shape or exposure.ndim != 1:
        raise ValueError("exposure and employment must be 1-d arrays of the same length")
    if (employment < 0).any() or employment.sum() <= 0:
        raise ValueError("employment must be non-negative with a positive total")
    order = np.argsort(exposure, kind="stable")
    weights = employment[order] / employment.sum()
    midpoints = np.cumsum(weights) - weights / 2
    quintile = np.empty(len(exposure), dtype=int)
    quintile[order] = np.minimum(QUINTILES, 1 + np.floor(midpoints * QUINTILES).astype(int))
    return quintile


def employment_index(panel: pd.DataFrame, base_months: list[int] | range) -> pd.DataFrame:
    """Each (group, quintile) series of employment divided by its mean over ``base_months``.

    ``panel``: columns ``month``, ``group`` (e.g. an age group), ``quintile`` and
    ``employed`` (a count). Returns the panel's keys with ``index`` (1 in the base period).
    """
    keys = ["group", "quintile"]
    base = panel[panel["month"].isin(list(base_months))].groupby(keys)["employed"].mean()
    if (base <= 0).any() or base.empty:
        raise ValueError("every series needs employment in the base months")
    out = panel[["month", *keys]].copy()
    out["index"] = panel["employed"].to_numpy() / base.loc[
        list(zip(panel["group"], panel["quintile"], strict=True))].to_numpy()
    return out


def relative_employment_change(panel: pd.DataFrame, group: str, base_months: list[int] | range,
                               months: list[int] | range) -> float:
    """The most exposed quintile's employment index of ``group`` relative to the least exposed
    quintile's, averaged over ``months``, minus one: -0.13 is the canaries' 13% relative decline
    for workers aged 22-25."""
    index = employment_index(panel[panel["group"] == group], base_months)
    window = index[index["month"].isin(list(months))].groupby("quintile")["index"].mean()
    if 1 not in window.index or QUINTILES not in window.index:
        raise ValueError(f"group {group!r} needs employment in quintiles 1 and {QUINTILES} "
                         "in the months asked for")
    return float(window[QUINTILES] / window[1] - 1)


def paired_effect(with_ai: np.ndarray, without_ai: np.ndarray) -> float:
    """The effect of AI on the same people's total outcome (earnings or hours), in percent:
    100 x (sum with AI / sum without - 1); the arms share every random draw, so the difference
    is AI's, not the draws'."""
    with_ai = np.asarray(with_ai, dtype=float)
    without_ai = np.asarray(without_ai, dtype=float)
    if with_ai.shape != without_ai.shape:
        raise ValueError("the two arms must hold the same people")
    total = without_ai.sum()
    if total <= 0:
        raise ValueError("the outcome without AI must have a positive total")
    return float(100 * (with_ai.sum() / total - 1))


def rate_change(series: pd.Series, start_months: list[int] | range,
                end_months: list[int] | range) -> float:
    """The change of a monthly rate (``series`` indexed by month, a share) from its mean over
    ``start_months`` to its mean over ``end_months``, in percentage points."""
    start = series.loc[list(start_months)]
    end = series.loc[list(end_months)]
    return float(100 * (end.mean() - start.mean()))
