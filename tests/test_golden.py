"""Seeded regression tier: small models must reproduce their pinned monthly metrics.

See ``tests/golden.py`` for what is pinned and how to regenerate the fixtures (only after a
deliberate change of behaviour, named in the commit that changes them).
"""

from __future__ import annotations

import numpy as np
import pytest
from golden import FIXTURES, golden_frame, read_fixture


@pytest.mark.parametrize("scenario", FIXTURES)
def test_monthly_metrics_match_the_golden_fixture(scenario):
    expected = read_fixture(scenario)
    actual = golden_frame(scenario)
    assert list(actual.columns) == list(expected.columns), "metrics were added or removed"
    assert len(actual) == len(expected)
    for column in expected.columns:
        want, got = expected[column].to_numpy(), actual[column].to_numpy()
        if np.issubdtype(got.dtype, np.integer):
            assert np.issubdtype(want.dtype, np.integer), column
            np.testing.assert_array_equal(got, want, err_msg=column)
        else:
            np.testing.assert_allclose(got.astype(float), want.astype(float), rtol=1e-12,
                                       atol=0, equal_nan=True, err_msg=column)
