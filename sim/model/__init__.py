"""The model layer: the Mesa model, its agents, parameters and rules (numpy, scipy and Mesa
only; no input or output, nothing from the layers above).

    params/      the typed, frozen parameters, one module per TOML section
    market.py    LaborMarket: creation, the schedule and the eight phases of a month
    month.py     MonthState: what a month computes, phase by phase
    state.py     the columnar worker and firm arrays, the fixed groups, status transitions
    rates.py     constants derived once from the parameters
    careers.py, ai.py, staffing.py, search.py, freelancing.py, pay.py
                 what the phases call, by topic; they call the rules: careers ->
                 demography, careers, match_quality; ai -> adoption, proficiency,
                 augmentation, automation, policies; staffing -> separations, attribution,
                 vacancies, productivity, careers; search -> matching, screening, duration;
                 freelancing -> freelance; pay -> wages; the separations phase calls
                 participation
    metrics.py   MonthlyMetrics and how they are computed
    events.py    the event log (separations and lost hires with causes)
    agents.py    Worker and Firm, Mesa agents that view the arrays
    population.py, occupations.py, streams.py
                 the initial economy, the occupation table, the random streams
    rules/       the mechanisms: pure functions, one module each, with their sources

Importing this package loads nothing; its names are resolved on first use (PEP 562).
"""

from __future__ import annotations

import importlib

#: Public name -> module that defines it.
_NAMES = {
    "LaborMarket": "sim.model.market",
    "Worker": "sim.model.agents",
    "Firm": "sim.model.agents",
    "Params": "sim.model.params",
    "MonthlyMetrics": "sim.model.metrics",
    "Occupations": "sim.model.occupations",
}

__all__ = sorted(_NAMES)


def __getattr__(name: str):
    if name in _NAMES:
        return getattr(importlib.import_module(_NAMES[name]), name)
    raise AttributeError(f"module 'sim.model' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_NAMES))
