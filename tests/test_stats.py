"""Properties of the exact n-factor Shapley split (sim/stats.py): the axioms that define it,
checked on random games, and agreement with the two-factor split the thesis uses."""

from __future__ import annotations

import math

import numpy as np
import pytest

from sim.stats import shapley, shapley_values, subsets

FACTORS = ("ranking", "productivity", "automation", "new_work", "policies")


def random_game(rng: np.random.Generator, factors=FACTORS, size: int = 7) -> dict:
    """Random outcomes, one array per subset of the factors (an arbitrary, non-additive game)."""
    return {s: rng.normal(size=size) for s in subsets(factors)}


@pytest.mark.parametrize("seed", range(5))
def test_the_parts_sum_to_the_total_effect(seed):
    """Efficiency: the factors' parts add up to all-on minus all-off, to floating point."""
    game = random_game(np.random.default_rng(seed))
    parts = shapley_values(game, FACTORS)
    total = game[frozenset(FACTORS)] - game[frozenset()]
    np.testing.assert_allclose(sum(parts.values()), total, rtol=0, atol=1e-12)


def test_a_factor_that_never_matters_gets_nothing_and_an_additive_game_splits_exactly():
    """Null player and additivity: with outcome = sum of each factor's own effect plus noise
    that ignores one factor, that factor's part is zero; in a purely additive game each part
    is the factor's own effect."""
    rng = np.random.default_rng(3)
    effect = {f: rng.normal(size=4) for f in FACTORS}
    additive = {s: sum((effect[f] for f in s), np.zeros(4)) for s in subsets(FACTORS)}
    parts = shapley_values(additive, FACTORS)
    for f in FACTORS:
        np.testing.assert_allclose(parts[f], effect[f], atol=1e-12)
    others = [f for f in FACTORS if f != "policies"]
    base = random_game(rng, others)
    null = {s: base[s - {"policies"}] for s in subsets(FACTORS)}
    np.testing.assert_allclose(shapley_values(null, FACTORS)["policies"], 0.0, atol=1e-12)


def test_swapping_two_factors_swaps_their_parts():
    """Symmetry: relabelling the factors relabels their parts."""
    game = random_game(np.random.default_rng(4))
    swap = {"ranking": "automation", "automation": "ranking"}
    relabelled = {frozenset(swap.get(f, f) for f in s): v for s, v in game.items()}
    parts, swapped = shapley_values(game, FACTORS), shapley_values(relabelled, FACTORS)
    np.testing.assert_allclose(swapped["automation"], parts["ranking"], atol=1e-12)
    np.testing.assert_allclose(swapped["ranking"], parts["automation"], atol=1e-12)
    np.testing.assert_allclose(swapped["policies"], parts["policies"], atol=1e-12)


def test_two_factors_give_the_two_factor_split():
    game = random_game(np.random.default_rng(5), ("people", "tech"))
    parts = shapley_values(game, ("people", "tech"))
    people, tech = shapley(game[frozenset()], game[frozenset({"people"})],
                           game[frozenset({"tech"})], game[frozenset({"people", "tech"})])
    np.testing.assert_allclose(parts["people"], people, atol=1e-12)
    np.testing.assert_allclose(parts["tech"], tech, atol=1e-12)


def test_every_subset_once_and_missing_arms_or_repeated_factors_are_refused():
    assert len(set(subsets(FACTORS))) == len(subsets(FACTORS)) == 2 ** len(FACTORS)
    assert [len(s) for s in subsets(FACTORS)] == sorted(len(s) for s in subsets(FACTORS))
    assert sum(1 for s in subsets(FACTORS) if len(s) == 2) == math.comb(5, 2)
    game = random_game(np.random.default_rng(6))
    del game[frozenset({"ranking", "policies"})]
    with pytest.raises(ValueError, match="missing"):
        shapley_values(game, FACTORS)
    with pytest.raises(ValueError, match="distinct"):
        shapley_values(random_game(np.random.default_rng(7)), ["ranking", "ranking"])
