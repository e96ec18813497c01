"""Named random streams: one numpy Generator per purpose, all derived from one integer seed.

Each purpose (drawing the population, firm demand shocks, separations, search...) gets its own
stream, keyed by a stable hash of its name rather than by position. Two runs with the same seed
therefore make the same draws for the same purpose even when one of them has extra mechanisms
(an extra stream) switched on: this is what makes counterfactual arms share common random
numbers. Rules also draw fixed-shape arrays each month (one number per person or per firm,
whatever their state), so that the draws stay aligned when the arms' states diverge.

Where a worker needs a variable number of draws (one per job application), the stream gives
each worker one 64-bit key a month and the draws are derived from it with the SplitMix64
finaliser (Steele, Lea & Flood 2014): application ``j`` of worker ``i`` then gets the same numbers
in every arm, whoever else searches, without drawing numbers for workers who do not search.
"""

from __future__ import annotations

import zlib

import numpy as np

#: Every stream the model uses. Adding a name never changes the draws of the others.
STREAMS = (
    "population",  # skills and occupations at birth
    "adoption_propensity",  # the fixed AI-adoption trait (used from the AI issue on)
    "firms",  # firm sizes, occupation mix, pay premia
    "demand",  # aggregate cycle and firm-level demand shocks
    "separations",  # quits and layoff ordering
    "search",  # who searches on the job and where applications go
    "screening",  # noise in firms' assessment of applicants
    "wages",  # which wages are reset this month
    "adoption",  # who starts using AI
    "firm_ai",  # firms' policy regimes, AI stance and automation cost
    "freelance",  # entry into and exit from freelancing
    "demography",  # exits by age and the entrants who take their place
    "participation",  # flows between the labor force and non-participation
    "matches",  # match-quality shocks
    "markets",  # firms' product markets and their new-work rounding offsets
)


def stream_key(name: str) -> int:
    """Stable 32-bit key of a stream name (CRC-32, identical on every platform and run)."""
    return zlib.crc32(name.encode("utf-8"))


def stream(seed: int, name: str) -> np.random.Generator:
    """The ``numpy.random.Generator`` of purpose ``name`` derived from ``seed``.

    >>> float(stream(7, "demand").random()) == float(stream(7, "demand").random())
    True
    """
    if not isinstance(seed, int | np.integer) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
    return np.random.Generator(
        np.random.PCG64(np.random.SeedSequence(int(seed), spawn_key=(stream_key(name),))))


def make_streams(seed: int, names: tuple[str, ...] = STREAMS) -> dict[str, np.random.Generator]:
    """One independent generator per name, derived from ``seed`` (see :func:`stream`).

    >>> a = make_streams(7)["demand"].random()
    >>> b = make_streams(7, names=("demand",))["demand"].random()
    >>> a == b
    True
    """
    return {name: stream(seed, name) for name in names}


_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def monthly_keys(rng: np.random.Generator, n: int) -> np.ndarray:
    """One uniformly random 64-bit key per person for this month."""
    return rng.integers(0, 2**64, size=n, dtype=np.uint64)


def derived_uniforms(keys: np.ndarray, counter: np.ndarray) -> np.ndarray:
    """Uniforms in [0, 1) derived from ``keys`` and a per-draw ``counter`` (SplitMix64).

    The same (key, counter) pair always gives the same number; different counters give
    independent-looking numbers.

    >>> keys = np.array([7, 7, 8], dtype=np.uint64)
    >>> u = derived_uniforms(keys, np.array([1, 2, 1]))
    >>> bool(u[0] != u[1] and u[0] != u[2] and ((0 <= u) & (u < 1)).all())
    True
    """
    z = keys + _GOLDEN * (np.asarray(counter, dtype=np.uint64) + np.uint64(1))
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    z ^= z >> np.uint64(31)
    return (z >> np.uint64(11)).astype(np.float64) * (1.0 / 2**53)


def replicate_seeds(root_seed: int, n: int) -> list[int]:
    """``n`` replicate seeds spawned from ``root_seed`` (numpy SeedSequence), as plain ints."""
    children = np.random.SeedSequence(int(root_seed)).spawn(n)
    return [int(child.generate_state(1, dtype=np.uint64)[0] >> np.uint64(1)) for child in children]
