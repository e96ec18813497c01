"""Shared fixtures: small, fast parameter sets (the calibration tests build their own)."""

from __future__ import annotations

import matplotlib
import pytest

matplotlib.use("Agg")  # tests draw figures to files only, with or without a display

from sim import Params


@pytest.fixture
def small_params() -> Params:
    """1,000 workers, one reported year after a one-year burn-in."""
    return (Params().replace("population", workers=1000)
            .replace("run", years=1, burn_in_months=12, seeds=2))
