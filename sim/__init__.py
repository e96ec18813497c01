"""laborsim: an agent-based labor-market simulation on Mesa.

Is it AI itself that displaces workers, or the people who use AI well? ``import sim`` is the
public API: the model (:class:`LaborMarket` with :class:`Worker` and :class:`Firm` agents), its
parameters and scenarios, replicate runs, the thesis test and saved experiments. Importing
``sim`` loads nothing else: each name is imported on first use (PEP 562), so a worker process
that needs only the model never pays for the store, the reports or matplotlib.

The package is layered (``docs/architecture.md``): ``sim.errors`` < ``sim.model`` <
``sim.stats`` < ``sim.experiments`` < ``sim.reports`` < ``sim.store`` < ``sim.workflows`` <
``sim.cli``, ``sim.dashboard``.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

#: Public name -> module that defines it.
_NAMES = {
    "LaborMarket": "sim.model.market",
    "Worker": "sim.model.agents",
    "Firm": "sim.model.agents",
    "Params": "sim.model.params",
    "RunResult": "sim.experiments.runner",
    "simulate": "sim.experiments.runner",
    "run_replicates": "sim.experiments.runner",
    "Scenario": "sim.experiments.scenario",
    "load_scenario": "sim.experiments.scenario",
    "ScenarioError": "sim.errors",
    "ExperimentError": "sim.errors",
    "Experiment": "sim.store.read",
    "load": "sim.store.read",
    "thesis": "sim.workflows.thesis",
}

__all__ = sorted([*_NAMES, "__version__"])


def __getattr__(name: str):
    if name in _NAMES:
        value = getattr(importlib.import_module(_NAMES[name]), name)
        globals()[name] = value  # resolve once
        return value
    raise AttributeError(f"module 'sim' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_NAMES))
