"""laborsim: an agent-based labor-market simulation on Mesa.

Is it AI itself that displaces workers, or the people who use AI well? This package holds the
model (:class:`LaborMarket` with :class:`Worker` and :class:`Firm` agents), its parameters and
scenarios, the replicate runner and the experiment store. ``import sim`` is the public API.
"""

from sim.agents import Firm, Worker
from sim.archive import Experiment, ExperimentError, load
from sim.experiment import thesis
from sim.model import LaborMarket
from sim.params import Params
from sim.runner import RunResult, run_replicates, simulate
from sim.scenario import ScenarioError, load_scenario

__version__ = "0.1.0"

__all__ = [
    "Experiment",
    "ExperimentError",
    "Firm",
    "LaborMarket",
    "Params",
    "RunResult",
    "ScenarioError",
    "Worker",
    "__version__",
    "load",
    "load_scenario",
    "run_replicates",
    "simulate",
    "thesis",
]
