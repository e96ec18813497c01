"""``[population]``: who is in the simulated labor force."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sim.model.params import limits
from sim.model.params.fields import check, param


@dataclass(frozen=True)
class PopulationParams:
    """Who is in the simulated labor force."""

    SECTION: ClassVar[str] = "population"

    workers: int = param(
        10_000, unit="workers", bounds=limits.WORKERS,
        doc="number of simulated workers (the labor force; nobody enters or leaves it)",
        source="judgment: large enough for stable rates, small enough to run in seconds",
    )
    initial_unemployment: float = param(
        0.05, unit="share of workers", bounds=(0.0, 0.5),
        doc="unemployed share when the economy is created; burn-in removes its influence",
        source="initial condition only (close to the long-run US rate to shorten burn-in)",
    )

    def __post_init__(self):
        check(self)
