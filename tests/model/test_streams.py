"""Named random streams, derived per-application draws and replicate seeds."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from sim.model.streams import STREAMS, derived_uniforms, make_streams, monthly_keys, replicate_seeds


def test_streams_are_reproducible_and_independent_of_each_other():
    a, b = make_streams(11), make_streams(11)
    for name in STREAMS:
        np.testing.assert_array_equal(a[name].random(5), b[name].random(5))
    assert not np.array_equal(make_streams(11)["demand"].random(5),
                              make_streams(11)["search"].random(5))
    assert not np.array_equal(make_streams(11)["demand"].random(5),
                              make_streams(12)["demand"].random(5))


def test_adding_a_stream_changes_no_other_stream():
    only = make_streams(5, names=("demand",))["demand"].random(4)
    with_more = make_streams(5, names=("new_mechanism", "demand"))["demand"].random(4)
    np.testing.assert_array_equal(only, with_more)


def test_seed_must_be_a_non_negative_int():
    with pytest.raises(ValueError):
        make_streams(-1)
    with pytest.raises(ValueError):
        make_streams(1.5)


def test_derived_uniforms_are_deterministic_and_uniform():
    keys = monthly_keys(np.random.default_rng(0), 50_000)
    u = derived_uniforms(np.repeat(keys, 3), np.tile(np.arange(3), keys.size))
    np.testing.assert_array_equal(u, derived_uniforms(np.repeat(keys, 3),
                                                      np.tile(np.arange(3), keys.size)))
    assert stats.kstest(u, "uniform").pvalue > 1e-4
    by_counter = u.reshape(-1, 3)
    assert abs(np.corrcoef(by_counter[:, 0], by_counter[:, 1])[0, 1]) < 5 / np.sqrt(keys.size)


def test_replicate_seeds_are_reproducible_distinct_ints():
    seeds = replicate_seeds(20250101, 20)
    assert seeds == replicate_seeds(20250101, 20)
    assert seeds[:5] == replicate_seeds(20250101, 5)
    assert len(set(seeds)) == 20 and all(isinstance(s, int) and s >= 0 for s in seeds)
