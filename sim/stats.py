"""Statistics shared by the experiments and reports, one meaning per name.

* :func:`t_interval`: mean and t-based confidence interval of a mean (replicate runs).
* :func:`bootstrap_interval`: mean and BCa bootstrap interval of a mean (the thesis verdicts),
  from at least :data:`MIN_BOOTSTRAP_VALUES` values.
* :func:`shapley`: the two-factor Shapley split of an effect between two switches.
* :func:`shapley_values`: the exact Shapley split of an effect among any number of switches,
  from the outcome of every combination of them (``2**n`` arms).
* :func:`people_share`: the people channel's share of a displacement;
  :func:`displacement_share`: any factor's.
* :func:`seeds_to_settle`: the seeds a 95% interval would likely need to exclude zero.

Every random draw comes from a generator the caller passes; :func:`bootstrap_rng` gives one
per named quantity, so that the interval of one quantity does not depend on which others are
computed, or in what order.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence

import numpy as np

from sim.model.streams import stream

# scipy.stats takes about half a second to import and only the intervals need it, so they
# import it when called: a worker process that runs models never pays for it.


def t_interval(values: np.ndarray, level: float = 0.95) -> tuple[float, float, float]:
    """Mean and a t-based confidence interval of the mean of ``values`` (NaNs dropped).

    >>> [round(x, 3) for x in t_interval(np.array([1.0, 2.0, 3.0]))]
    [2.0, -0.484, 4.484]
    """
    values = np.asarray(values, dtype=float)
    values = values[np.isfinite(values)]
    if len(values) == 0:
        return (float("nan"),) * 3
    mean = float(values.mean())
    if len(values) < 2:
        return mean, float("nan"), float("nan")
    from scipy import stats

    half = stats.t.ppf(0.5 + level / 2, len(values) - 1) * values.std(ddof=1) / np.sqrt(len(values))
    return mean, float(mean - half), float(mean + half)


def bootstrap_rng(root_seed: int, name: str) -> np.random.Generator:
    """The bootstrap generator of the quantity ``name`` (e.g. ``H1`` or
    ``unemployment_months/low/people``) under ``root_seed``."""
    return stream(int(root_seed) % 2**63, f"bootstrap:{name}")


#: The fewest values a bootstrap interval is computed from (below it: no interval).
#:
#: BCa needs a jackknife over at least three values for its acceleration, but with three or
#: four values the bootstrap has only 10 or 35 distinct resamples, so its 2.5% and 97.5%
#: points are little more than the extremes of the data: for normal data a "95%" interval
#: then covers the true mean about three times in four (74% with three values, 76% with four,
#: measured over 300 experiments). Five values (126 distinct resamples) is the least at which
#: it covers clearly more (84%; 88% with six, 91% with ten), which is why the thesis defaults
#: to 20 seeds. Fewer than this, and an interval would look confident without being so.
MIN_BOOTSTRAP_VALUES = 5


def bootstrap_interval(values: np.ndarray, rng: np.random.Generator
                       ) -> tuple[float, float, float]:
    """Mean and 95% bootstrap interval (BCa; percentile when BCa is undefined) of the mean of
    ``values`` (NaNs dropped). Fewer than :data:`MIN_BOOTSTRAP_VALUES` values give the mean
    and no interval (NaN bounds); values that are all the same give a zero-width interval.

    >>> bootstrap_interval(np.array([1.0, 2.0]), np.random.default_rng(0))
    (1.5, nan, nan)
    """
    values = np.asarray(values, dtype=float)
    values = values[np.isfinite(values)]
    if len(values) == 0:
        return (math.nan,) * 3
    mean = float(values.mean())
    if len(values) < MIN_BOOTSTRAP_VALUES:
        return mean, math.nan, math.nan
    if np.ptp(values) == 0:
        return mean, mean, mean
    from scipy import stats

    for method in ("BCa", "percentile"):
        with np.errstate(all="ignore"):
            result = stats.bootstrap((values,), np.mean, confidence_level=0.95,
                                     n_resamples=4999, method=method, random_state=rng)
        low, high = result.confidence_interval
        if np.isfinite(low) and np.isfinite(high):
            return mean, float(low), float(high)
    return mean, math.nan, math.nan


def shapley(none: np.ndarray, first: np.ndarray, second: np.ndarray, both: np.ndarray
            ) -> tuple:
    """The two parts of ``both - none`` due to switch one and switch two (Shapley values of a
    two-player game, per element); they sum to it exactly.

    ``first`` is the outcome with only switch one on, ``second`` with only switch two on.

    >>> one, two = shapley(np.array([0.0]), np.array([3.0]), np.array([1.0]), np.array([5.0]))
    >>> float(one[0]), float(two[0]), float(one[0] + two[0])
    (3.5, 1.5, 5.0)
    """
    part_one = 0.5 * ((first - none) + (both - second))
    part_two = 0.5 * ((second - none) + (both - first))
    return part_one, part_two


def shapley_values(outcome: Mapping[frozenset[str], np.ndarray], factors: Sequence[str]
                   ) -> dict[str, np.ndarray]:
    """Exact Shapley values of ``factors``: each factor's part of ``outcome[all] -
    outcome[none]``, per element, the parts summing to it (to floating point).

    ``outcome`` maps every subset of ``factors`` (as a frozenset: the factors switched on) to
    the outcome with those on and the others off; all ``2**n`` subsets are needed. A factor's
    value is its marginal effect averaged over every order of switching the factors on
    (Shapley 1953): the sum over the subsets ``S`` without it of ``|S|! (n - |S| - 1)! / n!``
    times ``outcome[S + factor] - outcome[S]``. With two factors this is :func:`shapley`.

    >>> v = {frozenset(): 0.0, frozenset("a"): 3.0, frozenset("b"): 1.0, frozenset("ab"): 5.0}
    >>> {k: float(x) for k, x in shapley_values(v, ["a", "b"]).items()}
    {'a': 3.5, 'b': 1.5}
    """
    n = len(factors)
    if len(set(factors)) != n:
        raise ValueError(f"factors must be distinct, got {list(factors)}")
    missing = [sorted(s) for s in subsets(factors) if s not in outcome]
    if missing:
        raise ValueError(f"shapley_values needs the outcome of every subset of {list(factors)}; "
                         f"missing {missing[:3]}{' ...' if len(missing) > 3 else ''}")
    values = {}
    for factor in factors:
        total = 0.0
        for others in subsets([f for f in factors if f != factor]):
            weight = (math.factorial(len(others)) * math.factorial(n - len(others) - 1)
                      / math.factorial(n))
            total = total + weight * (np.asarray(outcome[others | {factor}], dtype=float)
                                      - np.asarray(outcome[others], dtype=float))
        values[factor] = total
    return values


def subsets(factors: Sequence[str]) -> list[frozenset[str]]:
    """Every subset of ``factors`` (``2**n`` of them), smallest first.

    >>> [sorted(s) for s in subsets(["a", "b"])]
    [[], ['a'], ['b'], ['a', 'b']]
    """
    return [frozenset(combo) for size in range(len(factors) + 1)
            for combo in itertools.combinations(factors, size)]


def people_share(people, tech):
    """The people channel's share of a displacement: ``max(people, 0) / (max(people, 0) +
    max(tech, 0))``, NaN when neither channel displaces (works on arrays).

    >>> float(people_share(3.0, 1.0)), float(people_share(-1.0, 2.0))
    (0.75, 0.0)
    """
    people, tech = np.maximum(people, 0.0), np.maximum(tech, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(people + tech > 0, people / (people + tech), np.nan)


def displacement_share(own, every):
    """A factor's (or a channel's) share of a displacement: the positive parts of its factors
    ``own`` over the positive parts of ``every`` factor, NaN when no factor displaces (works on
    arrays: each a sequence of equally shaped parts).

    >>> float(displacement_share([3.0], [3.0, 1.0, -2.0]))
    0.75
    """
    own = sum((np.maximum(x, 0.0) for x in own), np.float64(0.0))
    total = sum((np.maximum(x, 0.0) for x in every), np.float64(0.0))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, own / np.where(total > 0, total, 1.0), np.nan)


#: Beyond this many seeds the effect is too close to zero to call settling it practical.
MAX_SEEDS_TO_SETTLE = 1000


def seeds_to_settle(values: np.ndarray) -> int | None:
    """Seeds a 95% interval would likely need to exclude zero, at the current mean and spread
    (normal approximation); None when the mean is zero or more than
    :data:`MAX_SEEDS_TO_SETTLE` would be needed.

    >>> seeds_to_settle(np.array([1.0, 2.0, 3.0]))
    3
    """
    values = np.asarray(values, dtype=float)
    values = values[np.isfinite(values)]
    if len(values) < 2 or values.mean() == 0:
        return None
    needed = max(len(values), math.ceil((1.96 * values.std(ddof=1) / abs(values.mean())) ** 2))
    return needed if needed <= MAX_SEEDS_TO_SETTLE else None
