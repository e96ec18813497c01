"""Side-by-side comparison of saved experiments (sim/reports/compare.py and laborsim compare),
on the two real folders of the ``saved_runs`` fixture (tests/conftest.py)."""

from __future__ import annotations

import numpy as np
import pytest

import sim
from sim.cli import main
from sim.reports.compare import compare, per_run


@pytest.fixture
def folders(saved_runs):
    return saved_runs


def test_compare_two_real_folders(folders, tmp_path, capsys):
    experiments = [sim.load(f) for f in folders]
    comparison = compare(experiments)
    assert list(comparison.parameters["parameter"]) == [  # sorted; the five AI blocks
        "ai.automation", "ai.new_work", "ai.policies", "ai.productivity", "ai.ranking",
        "run.events"]
    adoption = comparison.outcomes[(comparison.outcomes["metric"] == "ai_adoption_rate")
                                   & (comparison.outcomes["statistic"] == "path")]
    other = adoption.iloc[1]
    assert other["test"] == "paired t-test"  # same seeds in both folders
    assert other["difference"] < 0 and not other["within_noise"]
    reference = per_run(experiments[0], "ai_adoption_rate", "full")
    assert other["difference"] == pytest.approx(-reference["path"].mean())

    out = tmp_path / "cmp"
    assert main(["compare", str(folders[0]), str(folders[1]), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Parameters that differ" in printed and "DIFFERS" in printed
    assert (out / "compare.md").is_file() and (out / "compare.csv").is_file()
    html = (out / "compare.html").read_text()
    assert "<table>" in html and "data:image/png;base64," in html
    assert len(list((out / "figures").glob("*.png"))) == len(comparison.metrics)


def test_compare_warns_about_different_horizons(folders, tmp_path):
    longer = tmp_path / "longer"
    assert main(["run", "--workers", "800", "--seeds", "3", "--years", "2", "--set",
                 "run.burn_in_months=30", "--jobs", "1", "--quiet", "--out", str(longer)]) == 0
    comparison = compare([sim.load(folders[0]), sim.load(longer)])
    assert any("horizon" in w for w in comparison.warnings)
    assert np.isfinite(comparison.outcomes["mean"]).all()


def test_compare_refuses_an_unknown_metric_with_one_line(folders, capsys):
    assert main(["compare", str(folders[0]), str(folders[1]), "--metrics", "happiness"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "happiness" in err[0]
