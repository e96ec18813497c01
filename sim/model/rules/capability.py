"""The AI capability frontier: what share of an occupation's exposed tasks AI does well.

An occupation's *exposure* ``E_k`` is the share of its tasks that LLMs, or software built on
them, could speed up (Eloundou et al. 2024). Capability ``C(t)`` is the share of those exposed
tasks AI already does well. It is zero before AI arrives (November 2022 by default, month -26
when month 0 is January 2025) and then follows one of three paths, all starting at
``capability_start`` (LLMs alone speed up about 15% of all tasks, LLMs with software 47-56%:
about 0.29 of the exposed tasks at first):

* ``logistic``: ``C = c / (1 + (c / C0 - 1) exp(-g * years))``, approaching the ceiling ``c`` at
  rate ``g``;
* ``plateau``: the logistic path, frozen ``plateau_after_years`` after arrival;
* ``fast_takeoff``: the logistic path until month 0, then a logistic path from there towards a
  higher ceiling at a faster rate (history is shared; the future takes off).

An occupation's *automatable share* is its exposure times capability (``E_k * C(t)``): capability
bounds both what a proficient worker gains and what share of tasks a firm can automate.
"""

from __future__ import annotations

import numpy as np

from sim.model.params import AIParams

PATHS = ("logistic", "plateau", "fast_takeoff")


def logistic(years: float, start: float, ceiling: float, growth: float) -> float:
    """Logistic curve through ``start`` at ``years = 0`` towards ``ceiling``.

    >>> round(logistic(0.0, 0.29, 1.0, 0.2), 6), round(logistic(200.0, 0.29, 1.0, 0.2), 6)
    (0.29, 1.0)
    """
    if start <= 0.0 or ceiling <= 0.0:
        return 0.0
    return float(ceiling / (1.0 + (ceiling / start - 1.0) * np.exp(-growth * years)))


def capability(month: int, ai: AIParams) -> float:
    """Capability frontier in ``month`` (months from month 0; zero before arrival)."""
    if month < ai.arrival_month:
        return 0.0
    years = (month - ai.arrival_month) / 12.0
    if ai.capability_path == "logistic":
        return logistic(years, ai.capability_start, ai.capability_ceiling, ai.capability_growth)
    if ai.capability_path == "plateau":
        return logistic(min(years, ai.plateau_after_years), ai.capability_start,
                        ai.capability_ceiling, ai.capability_growth)
    if ai.capability_path == "fast_takeoff":
        years_to_now = max(0.0, -ai.arrival_month / 12.0)
        if years <= years_to_now:
            return logistic(years, ai.capability_start, ai.capability_ceiling,
                            ai.capability_growth)
        now = logistic(years_to_now, ai.capability_start, ai.capability_ceiling,
                       ai.capability_growth)
        return logistic(years - years_to_now, now, ai.takeoff_ceiling, ai.takeoff_growth)
    raise ValueError(f"ai.capability_path must be one of {', '.join(PATHS)}")


def automatable_share(exposure: np.ndarray, frontier: float) -> np.ndarray:
    """Share of each occupation's tasks AI can do: exposure x capability."""
    return exposure * frontier
