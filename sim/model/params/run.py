"""``[run]``: horizon, burn-in, replicates, the root seed and output options."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sim.model.params import limits
from sim.model.params.fields import check, param


@dataclass(frozen=True)
class RunParams:
    """Horizon, burn-in, replicates and the root seed."""

    SECTION: ClassVar[str] = "run"

    years: int = param(
        10, unit="years", bounds=limits.YEARS,
        doc="length of the reported horizon (12 monthly steps a year)",
        source="the thesis is about the next decade",
    )
    burn_in_months: int = param(
        60, unit="months", bounds=limits.BURN_IN_MONTHS,
        doc="months simulated before month 0 so that the economy reaches its steady state",
        source="judgment, checked by tests: no drift between the first and later years",
    )
    seeds: int = param(
        10, unit="replicates", bounds=limits.SEEDS,
        doc="number of replicate runs, each with its own seed spawned from root_seed",
        source="judgment: enough for 95% intervals on rates",
    )
    root_seed: int = param(
        20250101, unit="integer", bounds=limits.ROOT_SEED,
        doc="root of numpy SeedSequence from which every replicate seed is spawned",
        source="any integer; recorded in every manifest",
    )
    events: bool = param(
        False, unit="switch",
        doc="record every separation and lost hire with its cause (events.parquet)",
        source="output option (laborsim run --events)",
    )
    people: bool = param(
        False, unit="switch",
        doc="keep the people ledger: each month-0 person's months, earnings, layoffs and hires "
        "(sim/model/ledger.py; every thesis arm)",
        source="output option (the thesis test turns it on)",
    )

    def __post_init__(self):
        check(self)

    @property
    def months(self) -> int:
        """Reported horizon in months."""
        return 12 * self.years
