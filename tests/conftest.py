"""Shared fixtures: small, fast parameter sets (the calibration tests build their own) and two
saved experiment folders."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")  # tests draw figures to files only, with or without a display

from sim import Params


@pytest.fixture
def small_params() -> Params:
    """1,000 workers, one reported year after a one-year burn-in."""
    return (Params().replace("population", workers=1000)
            .replace("run", years=1, burn_in_months=12, seeds=2))


#: Options of a small laborsim run (3 seeds x 800 workers x 1 year).
SMALL_RUN = ["--workers", "800", "--seeds", "3", "--years", "1", "--set",
             "run.burn_in_months=30", "--jobs", "1", "--quiet"]


@pytest.fixture(scope="session")
def saved_runs(tmp_path_factory):
    """Two real folders made by laborsim run with the same seeds: AI on (with events) and
    off. Tests that change a folder copy it first."""
    from sim.cli import main

    root = tmp_path_factory.mktemp("experiments")
    assert main(["run", *SMALL_RUN, "--events", "--out", str(root / "ai")]) == 0
    assert main(["run", "no_ai", *SMALL_RUN, "--out", str(root / "no_ai")]) == 0
    return root / "ai", root / "no_ai"


@pytest.fixture
def in_empty_dir(tmp_path, monkeypatch) -> Path:
    """Run the test in an empty working directory (no ./scenarios, no ./results)."""
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    return cwd
