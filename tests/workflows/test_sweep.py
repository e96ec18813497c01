"""Running sweeps (sim/workflows/sweep.py, sim/experiments/sweep/tasks.py): every design end to
end on a tiny model, failures that do not stop the sweep, resume after SIGKILL, and identical
tables on every executor."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sweep_files import tiny_sweep

import sim
from sim.errors import ExperimentError, SweepError
from sim.experiments.sweep import tasks
from sim.experiments.sweep.load import load_sweep, sweep_from_dict
from sim.store.parts import PARTS, finished_run_ids
from sim.store.read import verify
from sim.workflows.sweep import PLAN, run_sweep

GRID = ('"ai.capability_growth" = { values = [0.1, 0.8] }\n'
        '"firms.industry_demand_elasticity" = { min = 0.0, max = 1.0, step = 0.5 }')
RANGES = ('"ai.capability_growth" = { min = 0.1, max = 0.8 }\n'
          '"firms.industry_demand_elasticity" = { min = 0.0, max = 1.5 }')
SHARE = ('[[outcomes]]\nmetric = "unemployment_months/low"\nstatistic = "people_share"\n'
         '[[outcomes]]\nmetric = "H1"\nstatistic = "hypothesis"\n')
#: The two-channel merge of the factors: four arms a run, to keep the suite quick.
FACTORS = 'factors = "people=ranking+productivity+new_work,technology=automation+policies"'


def sweep_file(folder: Path, design: str = "grid", parameters: str = GRID, samples: str = "",
               replicates: int = 2, workers: int = 300, outcomes: str = "",
               name: str = "tiny") -> Path:
    path = folder / f"{name}.toml"
    path.write_text(tiny_sweep(design=design, parameters=parameters, top=samples,
                               replicates=replicates, workers=workers, tables=outcomes))
    return path


def tables(folder: Path) -> dict[str, pd.DataFrame]:
    """The folder's tables, without the one column that may differ (run wall time)."""
    exp = sim.load(folder)
    return {"runs": exp.runs.drop(columns="wall_time_s"), "timeseries": exp.timeseries,
            "points": exp.points}


def assert_same_tables(a: Path, b: Path) -> None:
    ta, tb = tables(a), tables(b)
    for name in ta:
        pd.testing.assert_frame_equal(ta[name], tb[name], check_exact=True, obj=name)


@pytest.fixture(scope="module")
def grid_folder(tmp_path_factory) -> Path:
    """A finished 6-point grid with the people share and H1 (four arms per run), run
    in-process."""
    root = tmp_path_factory.mktemp("grid")
    sweep = load_sweep(sweep_file(root, outcomes=SHARE, samples=FACTORS))
    return run_sweep(sweep, root / "out", progress=False, batch=3)


def test_grid_folder_is_a_complete_experiment_folder(grid_folder):
    assert verify(grid_folder) == []
    assert not (grid_folder / PARTS).exists()
    exp = sim.load(grid_folder)
    assert exp.kind == "sweep"
    assert len(exp.points) == 6
    assert len(exp.runs) == 6 * 2
    assert exp.failed == 0
    assert list(exp.runs["run_id"]) == list(range(12))
    assert (exp.timeseries.groupby("run_id").size() == 12).all()
    for name in ("analysis.md", "analysis.html", "analysis.json", PLAN):
        assert name in exp.manifest["files"]
    assert any(f.endswith("-heatmap.png") for f in exp.manifest["files"])
    assert exp.manifest["sweep"]["design"] == "grid"


def test_replicate_r_has_the_same_seed_at_every_point(grid_folder):
    runs = sim.load(grid_folder).runs
    seeds = runs.pivot(index="point_id", columns="replicate", values="seed")
    assert (seeds.nunique(axis=0) == 1).all()  # one seed per replicate, at every point
    assert seeds.iloc[0].nunique() == 2
    manifest = json.loads((grid_folder / "manifest.json").read_text())
    assert sorted(manifest["seeds"]) == sorted(int(s) for s in seeds.iloc[0])


def test_points_table_aggregates_the_replicates(grid_folder):
    exp = sim.load(grid_folder)
    column = "path_mean(unemployment_rate)"
    for point in exp.points.itertuples(index=False):
        values = exp.runs.loc[exp.runs["point_id"] == point.point_id, column]
        row = exp.points.loc[exp.points["point_id"] == point.point_id].iloc[0]
        assert row[f"{column}_mean"] == pytest.approx(values.mean())
        assert row[f"{column}_ci_low"] < row[f"{column}_mean"] < row[f"{column}_ci_high"]
        assert row[f"{column}_runs"] == 2


def test_outcome_columns_are_computed_from_the_run_s_months(grid_folder):
    exp = sim.load(grid_folder)
    path_mean = exp.timeseries.groupby("run_id")["unemployment_rate"].mean()
    np.testing.assert_allclose(exp.runs["path_mean(unemployment_rate)"], path_mean.to_numpy())
    people = exp.runs["part[people](unemployment_months/low)"].clip(lower=0)
    tech = exp.runs["part[technology](unemployment_months/low)"].clip(lower=0)
    share = exp.runs["people_share(unemployment_months/low)"]
    expected = (people / (people + tech)).where(people + tech > 0)
    np.testing.assert_allclose(share, expected)


def test_a_run_s_thesis_outcomes_are_the_thesis_test_s_for_its_point_and_seed(grid_folder):
    """The parts and H1's statistic a sweep run records are those of the thesis test's own
    code for the run's parameters and seed (sim.experiments.thesis), and the run's months are
    its full arm's."""
    from sim.experiments.factors import parse_factors
    from sim.experiments.thesis import run_seed, seed_statistics

    exp = sim.load(grid_folder)
    definition = json.loads((grid_folder / PLAN).read_text())["definition"]
    sweep = sweep_from_dict(definition, "tiny", str(grid_folder))
    row = exp.runs.iloc[3]
    params = sweep.params_at({k: row[k] for k in sweep.names})
    factors = parse_factors(definition["factors"])
    result = run_seed(params, factors, int(row["seed"]), int(row["run_id"]))
    parts, statistics = seed_statistics(result, factors)
    metric = "unemployment_months/low"
    for part in ("people", "technology", "total"):
        assert row[f"part[{part}]({metric})"] == parts[metric][part], part
    assert row["hypothesis(H1)"] == statistics["H1"]
    assert parts[metric]["people"] + parts[metric]["technology"] == pytest.approx(
        parts[metric]["total"], abs=1e-12)
    months = exp.timeseries[exp.timeseries["run_id"] == row["run_id"]].reset_index(drop=True)
    pd.testing.assert_series_equal(months["unemployment_rate"],
                                   result.runs["full"].timeseries["unemployment_rate"],
                                   check_names=False)


def test_the_hypothesis_map_counts_the_cells_by_verdict(grid_folder):
    analysis = json.loads((grid_folder / "analysis.json").read_text())
    counts = analysis["hypothesis_map"]["hypothesis(H1)"]
    assert counts["cells"] == 6
    assert sum(counts[k] for k in ("supported", "rejected", "undecided", "no_value")) == 6
    cells = pd.DataFrame(analysis["heatmap"]["hypothesis(H1)"])
    assert counts["supported"] == int((cells["ci_low"] > 0).sum())
    text = (grid_folder / "analysis.md").read_text()
    assert "Hypothesis map over" in text
    assert ("Each run is one seed in the 4 arms of the factors people=ranking+productivity+"
            "new_work,technology=automation+policies; the versed are those proficient in "
            "month 0.") in text


def test_the_varied_parameters_reach_the_runs(tmp_path):
    """Vary the horizon itself: each point's runs must have that many months."""
    path = sweep_file(tmp_path, parameters='"run.years" = { values = [1, 2] }', replicates=1)
    folder = run_sweep(load_sweep(path), tmp_path / "out", progress=False)
    exp = sim.load(folder)
    months = exp.timeseries.groupby("run_id").size()
    assert dict(zip(exp.runs["run.years"], months[exp.runs["run_id"]], strict=True)) == {
        1: 12, 2: 24}


def test_a_sweep_over_scenarios_loads_with_each_point_s_scenario(tmp_path):
    """policy_comparison's shape: the scenario is a varied parameter, so points.parquet holds
    text; the folder loads, and each point's runs ran that scenario."""
    path = sweep_file(tmp_path, parameters='scenario = { values = ["usual_policy", '
                                           '"fiverr_ai_required"] }', replicates=1)
    folder = run_sweep(load_sweep(path), tmp_path / "out", progress=False)
    exp = sim.load(folder)
    assert list(exp.points["scenario"]) == ["usual_policy", "fiverr_ai_required"]
    assert dict(zip(exp.runs["point_id"], exp.runs["scenario"], strict=True)) == dict(
        zip(exp.points["point_id"], exp.points["scenario"], strict=True))
    required = exp.timeseries.merge(exp.runs[["run_id", "scenario"]]).groupby("scenario")[
        "firms_ai_required"].max()
    assert required["fiverr_ai_required"] > 0 and required["usual_policy"] == 0


@pytest.mark.parametrize(("design", "samples", "points"), [("lhs", "samples = 5", 5),
                                                           ("sobol", "samples = 4", 16),
                                                           ("morris", "samples = 3", 9)])
def test_lhs_sobol_and_morris_sweeps_end_to_end(tmp_path, design, samples, points):
    path = sweep_file(tmp_path, design, RANGES, samples, replicates=1, workers=200)
    folder = run_sweep(load_sweep(path), tmp_path / "out", progress=False)
    exp = sim.load(folder)
    assert len(exp.points) == points
    assert exp.failed == 0
    indices = exp.analysis["indices"].get("path_mean(unemployment_rate)", {})
    if design == "sobol":
        assert set(indices) == {"S1", "S1_conf", "ST", "ST_conf"}
        assert set(indices["ST"]) == {"ai.capability_growth", "firms.industry_demand_elasticity"}
    elif design == "morris":
        assert set(indices) == {"mu", "mu_star", "mu_star_conf", "sigma"}
        assert all(v >= 0 for v in indices["mu_star"].values())
    else:
        assert indices == {}
        assert "heatmap" in exp.analysis
    figures = [f for f in exp.manifest["files"] if f.startswith("figures/")]
    assert figures


def test_a_failing_run_is_recorded_and_the_sweep_goes_on(tmp_path, monkeypatch):
    real = tasks.simulate

    def flaky(params, seed, run_id=0):
        if run_id == 3:
            raise RuntimeError("boom in run 3")
        return real(params, seed, run_id)

    monkeypatch.setattr(tasks, "simulate", flaky)
    path = sweep_file(tmp_path, replicates=2)
    folder = run_sweep(load_sweep(path), tmp_path / "out", progress=False, batch=2)
    exp = sim.load(folder)
    assert exp.failed == 1
    assert exp.manifest["runs"] == {"total": 12, "ok": 11, "failed": 1}
    bad = exp.runs.set_index("run_id").loc[3]
    assert bad["status"] == "failed"
    assert "boom in run 3" in bad["error"]
    assert "RuntimeError" in bad["traceback"]
    assert np.isnan(bad["path_mean(unemployment_rate)"])
    assert set(exp.timeseries["run_id"]) == set(range(12)) - {3}
    point = exp.points.set_index("point_id").loc[1]  # run 3 is point 1, replicate 1
    assert point["path_mean(unemployment_rate)_runs"] == 1


def test_resume_after_sigkill_gives_the_tables_of_an_uninterrupted_sweep(tmp_path):
    path = sweep_file(tmp_path, parameters='"ai.capability_growth" = { values = [0.1, 0.2, '
                      '0.3, 0.4, 0.5, 0.6, 0.7, 0.8] }', replicates=3, workers=400)
    whole = run_sweep(load_sweep(path), tmp_path / "whole", progress=False)
    folder = tmp_path / "killed"
    command = [sys.executable, "-m", "sim", "sweep", str(path), "--out", str(folder),
               "--jobs", "1", "--batch", "2", "--quiet"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while len(list((folder / PARTS).glob("runs-*.parquet"))) < 3:
            assert process.poll() is None, "the sweep ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.02)
        os.killpg(process.pid, signal.SIGKILL)
    finally:
        process.wait()
    assert process.returncode == -signal.SIGKILL
    assert not (folder / "manifest.json").exists()
    done = finished_run_ids(folder)
    assert 6 <= len(done) < 24
    resumed = subprocess.run([*command[:5], "--resume", str(folder), "--jobs", "1", "--quiet"],
                             capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert verify(folder) == []
    assert_same_tables(whole, folder)


def test_resume_refuses_another_definition_and_a_used_folder(tmp_path):

    path = sweep_file(tmp_path, replicates=1)
    folder = run_sweep(load_sweep(path), tmp_path / "out", progress=False)
    with pytest.raises(ExperimentError, match="already holds an experiment"):
        run_sweep(load_sweep(path), folder, progress=False)
    other = sweep_file(tmp_path, replicates=2, name="other")
    with pytest.raises(SweepError, match="another definition"):
        run_sweep(load_sweep(other), folder, resume=True, progress=False)
    with pytest.raises(SweepError, match="no such folder"):
        run_sweep(load_sweep(path), tmp_path / "missing", resume=True, progress=False)
    (tmp_path / "empty").mkdir()
    with pytest.raises(SweepError, match="nothing to resume"):
        run_sweep(load_sweep(path), tmp_path / "empty", resume=True, progress=False)
    # resuming a finished sweep changes nothing
    before = (folder / "manifest.json").read_bytes()
    run_sweep(load_sweep(path), folder, resume=True, progress=False)
    assert (folder / "manifest.json").read_bytes() == before


def test_identical_tables_on_one_or_two_processes_and_on_a_dask_cluster(tmp_path):
    from distributed import Client, LocalCluster

    path = sweep_file(tmp_path, parameters='"ai.capability_growth" = { values = [0.1, 0.8] }',
                      replicates=3, outcomes=SHARE, samples=FACTORS)
    sweep = load_sweep(path)
    one = run_sweep(sweep, tmp_path / "one", jobs=1, progress=False)
    two = run_sweep(sweep, tmp_path / "two", jobs=2, progress=False, batch=2)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as client:
        dask = run_sweep(sweep, tmp_path / "dask", executor=client.get_executor(pure=False),
                         progress=False, batch=4)
    assert_same_tables(one, two)
    assert_same_tables(one, dask)


def test_analyze_never_reads_a_scenario_file_a_received_manifest_names(tmp_path):
    from sim.store.write import signed, write_json
    from sim.workflows.sweep import reanalyze

    folder = run_sweep(load_sweep(sweep_file(tmp_path, replicates=1)), tmp_path / "out",
                       progress=False)
    before = json.loads((folder / "analysis.json").read_text())
    evil = tmp_path / "outside.toml"
    evil.write_text("this is not TOML, so reading it would fail")
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["sweep"]["definition"]["scenario"] = str(evil)
    write_json(folder / "manifest.json", signed(manifest))
    assert reanalyze(folder) == before  # the design, outcomes and root seed are all it needs
    assert verify(folder) == []
