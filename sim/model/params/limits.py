"""Every bound on sizes and seeds, in one place, each with its reason.

The parameter sections (``run``, ``population``) declare their bounds from these constants,
and the sweep checks (:mod:`sim.experiments.sweep.spec`) and the sweep command read them, so
that ``laborsim run``, ``thesis`` and ``sweep`` refuse the same values, with one line naming
the file, the key and the allowed range, before the first simulation.
"""

from __future__ import annotations

#: ``run.root_seed`` and a sweep's ``root_seed``: ``0 <= root_seed <= 2**63 - 1``. numpy's
#: SeedSequence needs a non-negative integer; the seed is stored as a 64-bit integer in every
#: manifest and table, and TOML integers are signed 64-bit, so any reader can read it back.
ROOT_SEED = (0, 2**63 - 1)

#: ``run.seeds`` and a sweep's ``replicates``: every replicate's seed is spawned up front and
#: listed in the manifest (and in sweep.json); a run's monthly table is kept in memory until
#: the experiment is written. 100,000 replicates spawn their seeds in about a second and give
#: intervals far narrower than any effect worth testing.
SEEDS = (1, 100_000)

#: ``population.workers``: the worker arrays of 50 million workers take several GB in each
#: process; 50 is the smallest labor force in which every occupation and firm has a worker.
WORKERS = (50, 50_000_000)

#: ``run.years``: the thesis is about the next decade; 200 years already runs 2,400 months.
YEARS = (1, 200)

#: ``run.burn_in_months``: up to 200 years of burn-in (the steady state is reached in 5).
BURN_IN_MONTHS = (0, 2400)

#: A sweep's points times its replicates (the Morris screening and its Sobol follow-up
#: together): every run is a task held in memory and a row of runs.parquet, and every point is
#: checked and listed in sweep.json before the first run (about 0.1 ms a point). A design's
#: size is counted before any point is drawn, so 2 million LHS samples are refused at once.
MAX_RUNS = 1_000_000

#: A Morris design's ``levels``: beyond 1,000 levels the grid is effectively continuous.
MORRIS_LEVELS = (2, 1000)

#: Sweeps this large, or expected to take this long, run only with ``laborsim sweep --yes``
#: (the command prints the number of runs and the estimated time).
CONFIRM_RUNS = 100_000
CONFIRM_HOURS = 6.0

#: Scenario and sweep files are a few KB (the shipped ones under 4 KB); a larger file is not
#: a definition file.
MAX_DEFINITION_BYTES = 1_000_000


def in_range(value: object, bounds: tuple[int, int]) -> bool:
    """Whether ``value`` is an integer (not a bool) within ``bounds``, inclusive."""
    return (isinstance(value, int) and not isinstance(value, bool)
            and bounds[0] <= value <= bounds[1])


def describe(bounds: tuple[int, int]) -> str:
    """``an integer in [lo, hi]``, as in the parameter table's allowed values."""
    return f"an integer in [{bounds[0]}, {bounds[1]}]"
