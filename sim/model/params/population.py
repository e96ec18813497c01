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
        10_000, unit="people", bounds=limits.WORKERS,
        doc="number of simulated people of working age, in or out of the labor force (a "
        "retiring person's place goes to a new entrant, so the number stays fixed)",
        source="judgment: large enough for stable rates, small enough to run in seconds",
    )
    initial_unemployment: float = param(
        0.05, unit="share of workers", bounds=(0.0, 0.5),
        doc="unemployed share of the labor force when the economy is created; burn-in removes "
        "its influence",
        source="initial condition only (close to the long-run US rate to shorten burn-in)",
    )

    participation: float = param(
        0.65, unit="share of people", bounds=(0.05, 1.0),
        doc="share of people in the labor force when the economy is created; firms' "
        "positions are sized on this labor force (firms.jobs_per_worker per member)",
        source="derived: close to the stationary participation of the default economy (about "
        "65% in no-AI runs); burn-in removes the rest of its influence",
    )

    def __post_init__(self):
        check(self)
