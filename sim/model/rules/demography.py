"""Ages, permanent exit from the labor market and the entry of new cohorts.

Ages advance a month every month. Each month a person leaves the population for good
(retirement, or death and disability before it) with a hazard that depends on age only, and a
new entrant takes their place (a row of the columnar state), so that the population stays
the same size. Entrants are first-time job seekers aged ``careers.entry_age_min`` to
``careers.entry_age_max`` (uniform in months).

The hazard is derived from the CPS age distribution of the labor force
(``sim/model/data/labor_force_ages.toml``) by the identity of a stationary population: with a
constant inflow of entrants, the number of people of age a is proportional to the chance of
still being there at a, so the hazard between two age groups is the log fall of the
population per year between their midpoints (Preston, Heuveline & Guillot 2001, Demography,
ch. 3). Everybody leaves by the last age of the table. The initial ages are drawn from the
stationary distribution this hazard implies, so that without AI the age structure does not
drift (tested).

Exits depend on age alone, so they happen to the same people in every counterfactual arm
(judgment: displaced older workers retire earlier in the data, a margin AI could move; left
out so that arms share their entrants).
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib.resources import files

import numpy as np

#: Age groups of the model's summaries (years, inclusive).
AGE_GROUPS = ((22, 25), (26, 34), (35, 49), (50, 200))
AGE_GROUP_NAMES = ("22_25", "26_34", "35_49", "50_plus")


@lru_cache(maxsize=1)
def age_table() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The CPS table: first ages, last ages and shares of the labor force."""
    data = tomllib.loads(files("sim.model.data").joinpath("labor_force_ages.toml").read_text())
    rows = np.array(data["groups"], dtype=float)
    return rows[:, 0].astype(int), rows[:, 1].astype(int), rows[:, 2] / rows[:, 2].sum()


def max_age_months() -> int:
    """Age in months by which everyone has left: the end of the table's last age (nobody
    reaches 75 with the shipped table)."""
    return int(age_table()[1][-1] + 1) * 12


def exit_hazard(entry_age_max: int) -> np.ndarray:
    """Monthly exit hazard by age in whole years (index = age, up to the table's last age).

    Between the midpoints of two CPS age groups the hazard is the log fall of the per-year
    share, spread evenly over the years between them; none before the last entry age. After
    the midpoint of the last group there is no next group to fall to: the hazard doubles there
    (judgment), and everyone left leaves in the last month of the last age.

    >>> h = exit_hazard(25)
    >>> bool(h[30] < h[60] < h[72] and h[24] == 0.0 and h[-1] < 1.0)
    True
    """
    first, last, share = age_table()
    per_year = share / (last - first + 1)
    middle = (first + last + 1) / 2.0
    yearly = np.zeros(last[-1] + 1)
    for i in range(len(first) - 1):
        rate = max(np.log(per_year[i] / per_year[i + 1]), 0.0) / (middle[i + 1] - middle[i])
        lo = int(np.floor(middle[i])) if i else first[0]
        yearly[lo:int(np.floor(middle[i + 1]))] = rate
    yearly[int(np.floor(middle[-1])):] = yearly[int(np.floor(middle[-1])) - 1] * 2.0
    yearly[:entry_age_max + 1] = 0.0
    return 1.0 - np.exp(-yearly / 12.0)


def monthly_hazard(entry_age_max: int) -> np.ndarray:
    """Exit hazard by age in months: :func:`exit_hazard` of the age in years, and one in the
    last month of the last age (everyone has left by the end of the table).

    >>> h = monthly_hazard(25)
    >>> len(h) == max_age_months() and h[-1] == 1.0 and bool((h[:-1] < 1.0).all())
    True
    """
    hazard = np.repeat(exit_hazard(entry_age_max), 12)
    hazard[-1] = 1.0
    return hazard


def entrant_age_pmf(entry_age_min: int, entry_age_max: int) -> np.ndarray:
    """Chance of each age in months at entry (uniform over the entry ages)."""
    pmf = np.zeros(max_age_months())
    pmf[entry_age_min * 12:(entry_age_max + 1) * 12] = 1.0
    return pmf / pmf.sum()


def stationary_ages(entry_age_min: int, entry_age_max: int) -> np.ndarray:
    """Stationary distribution of age in months under :func:`monthly_hazard` and uniform entry:
    people of age a are the entrants of all ages up to a who have not left since."""
    hazard = monthly_hazard(entry_age_max)
    entering = entrant_age_pmf(entry_age_min, entry_age_max)
    stock = np.zeros(len(hazard))
    survivors = 0.0
    for age in range(len(hazard)):
        survivors += entering[age]
        stock[age] = survivors
        survivors *= 1.0 - hazard[age]
    return stock / stock.sum()


def early_career_share(entry_age_min: int, entry_age_max: int, months: int) -> float:
    """Stationary share of people who entered less than ``months`` ago (under the exit hazard
    of :func:`monthly_hazard` and uniform entry ages).

    >>> 0.03 < early_career_share(22, 25, 36) < 0.12
    True
    """
    hazard = monthly_hazard(entry_age_max)
    survival = np.r_[1.0, np.cumprod(1.0 - hazard)]
    entering = entrant_age_pmf(entry_age_min, entry_age_max)
    early = total = 0.0
    for age in np.flatnonzero(entering):
        alive = survival[age:] / survival[age]
        early += entering[age] * alive[:months].sum()
        total += entering[age] * alive.sum()
    return float(early / total)


def draw_ages(pmf: np.ndarray, draws: np.ndarray) -> np.ndarray:
    """Ages in months drawn by inverse CDF from ``pmf`` (``draws`` uniform)."""
    cdf = np.cumsum(pmf)
    return np.minimum(np.searchsorted(cdf, draws * cdf[-1], side="right"),
                      len(pmf) - 1).astype(np.int16)


def leaving(age_months: np.ndarray, draws: np.ndarray, hazard: np.ndarray) -> np.ndarray:
    """Indices of the people who leave the population this month (``draws`` uniform,
    ``hazard`` by age in months, :func:`monthly_hazard`)."""
    return np.flatnonzero(draws < hazard[age_months])


def age_group(age_months: np.ndarray) -> np.ndarray:
    """Index into :data:`AGE_GROUPS` of each age in months."""
    edges = np.array([lo for lo, _ in AGE_GROUPS[1:]]) * 12
    return np.searchsorted(edges, age_months, side="right")


@lru_cache(maxsize=1)
def age_group_table() -> np.ndarray:
    """:func:`age_group` of every age in months the model reaches (index = age in months): a
    lookup table, faster than a search on every person every month."""
    table = age_group(np.arange(max_age_months()))
    table.setflags(write=False)
    return table
