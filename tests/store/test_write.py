"""Experiment folders: manifest contents, Parquet tables, atomic writes and no pickles."""

from __future__ import annotations

import dataclasses
import fnmatch
import hashlib
import json
import os
import platform
import re
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

import matplotlib.figure
import numpy as np
import pandas as pd
import pytest

import sim
from sim.experiments.scenario import Scenario
from sim.experiments.summary import SUMMARY_METRICS
from sim.model.metrics import METRIC_NAMES
from sim.model.params import Params, section_classes
from sim.model.streams import replicate_seeds
from sim.reports.figures import plt, png_bytes
from sim.store import manifest as store_manifest
from sim.store import write as store
from sim.workflows.run import run_experiment

N_SEEDS = 2
COMMAND = ["laborsim", "run", "tiny", "--seeds", "2"]
PARQUET_MAGIC = b"PAR1"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def tiny_params() -> Params:
    return (Params().replace("population", workers=300)
            .replace("run", years=1, burn_in_months=6, seeds=N_SEEDS, root_seed=12345))


@pytest.fixture(scope="module")
def experiment(tmp_path_factory):
    """One small experiment, run and saved once for the whole module."""
    params = tiny_params()
    scenario = Scenario(name="tiny", params=params, description="two tiny runs",
                        files=("tiny.toml",), overrides=("run.seeds=2",))
    folder = tmp_path_factory.mktemp("store") / "tiny-exp"
    result = run_experiment(scenario, out=folder, jobs=1, progress=False, command=COMMAND)
    manifest = json.loads((folder / store.MANIFEST).read_text(encoding="utf-8"))
    return result, params, manifest


def files_in(folder: Path) -> dict[str, Path]:
    """Every file under ``folder``, by path relative to it (POSIX separators)."""
    return {p.relative_to(folder).as_posix(): p for p in folder.rglob("*") if p.is_file()}


def temporary_files(folder: Path) -> list[str]:
    found = []
    for _, dirs, names in os.walk(folder):
        found += [n for n in names + dirs if fnmatch.fnmatch(n, ".*.tmp-*")]
    return found


def small_tables() -> dict[str, pd.DataFrame]:
    runs = pd.DataFrame({"run_id": np.arange(3, dtype=np.int64),
                         "seed": np.array([1, 2**63 + 5, 7], dtype=np.uint64),
                         "status": ["ok", "failed", "ok"], "error": ["", "ValueError: x", ""],
                         "wall_time_s": [0.5, 0.25, 1.0]})
    series = pd.DataFrame({"run_id": np.repeat(np.arange(2, dtype=np.int64), 4),
                           "step": np.tile(np.arange(4, dtype=np.int64), 2),
                           "unemployment_rate": np.linspace(0.03, 0.06, 8)})
    return {"runs": runs, "series": series}


def small_png() -> bytes:
    fig = matplotlib.figure.Figure(figsize=(2, 2))
    fig.add_subplot().plot([0, 1], [1, 0])
    return png_bytes(fig, close=False)


# ---------------------------------------------------------------- the manifest
def test_manifest_describes_the_experiment(experiment):
    _, params, manifest = experiment
    assert manifest["schema_version"] == store.SCHEMA_VERSION == 5
    assert manifest["kind"] == "run"
    created = datetime.fromisoformat(manifest["created"])
    assert created.tzinfo is not None
    assert abs((datetime.now(UTC) - created).total_seconds()) < 3600
    assert manifest["laborsim_version"] == sim.__version__ == version("laborsim")
    assert manifest["scenario"] == {"name": "tiny", "description": "two tiny runs",
                                    "files": ["tiny.toml"], "overrides": ["run.seeds=2"]}
    assert manifest["command"] == COMMAND
    assert manifest["horizon_months"] == 12
    assert manifest["runs"] == {"total": N_SEEDS, "ok": N_SEEDS, "failed": 0}


def test_manifest_parameters_are_fully_resolved(experiment):
    _, params, manifest = experiment
    parameters = manifest["parameters"]
    assert list(parameters) == list(section_classes())
    for section, cls in section_classes().items():
        assert list(parameters[section]) == [f.name for f in dataclasses.fields(cls)]
    assert Params.from_dict(parameters) == params


def test_manifest_seeds_are_the_spawned_replicate_seeds(experiment):
    result, params, manifest = experiment
    assert manifest["root_seed"] == params.run.root_seed == 12345
    assert manifest["seeds"] == replicate_seeds(12345, N_SEEDS)
    assert len(manifest["seeds"]) == manifest["runs"]["total"] == len(result.runs)
    assert len(set(manifest["seeds"])) == N_SEEDS
    assert all(isinstance(s, int) and 0 <= s < 2**64 for s in manifest["seeds"])


def test_manifest_environment(experiment):
    _, _, manifest = experiment
    env = manifest["environment"]
    assert env["python"] == platform.python_version()
    assert isinstance(env["platform"], str) and env["platform"]
    packages = env["packages"]
    assert packages["mesa"] == version("mesa")
    assert packages["numpy"] == np.__version__
    assert packages["pandas"] == pd.__version__
    assert packages["laborsim"] == sim.__version__
    assert set(store_manifest.PACKAGES) <= set(packages)
    assert set(env["git"]) == {"commit", "dirty"}
    commit, dirty = env["git"]["commit"], env["git"]["dirty"]
    if commit is None:
        assert dirty is None
    else:
        assert re.fullmatch(r"[0-9a-f]{40}", commit)
        assert isinstance(dirty, bool)


def test_manifest_hashes_and_sizes_match_the_files_on_disk(experiment):
    result, _, manifest = experiment
    on_disk = files_in(result.folder)
    listed = manifest["files"]
    assert set(listed) == set(on_disk) - {store.MANIFEST}
    assert set(listed) == {"runs.parquet", "timeseries.parquet", "figures/overview.png"}
    for relative, entry in listed.items():
        data = on_disk[relative].read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest(), relative
        assert entry["bytes"] == len(data), relative
    assert listed["runs.parquet"]["rows"] == N_SEEDS
    assert listed["timeseries.parquet"]["rows"] == N_SEEDS * 12


# ---------------------------------------------------------------- the tables
def test_runs_parquet_has_one_row_per_run(experiment):
    result, _, manifest = experiment
    runs = pd.read_parquet(result.folder / "runs.parquet")
    assert len(runs) == N_SEEDS
    summary = ({f"{m}_mean" for m in SUMMARY_METRICS}
               | {"unemployment_rate_final", "employment_final", "output_mean", "beveridge_slope",
                  "matching_elasticity"})
    assert list(runs.columns[:6]) == ["run_id", "seed", "status", "error", "traceback",
                                      "wall_time_s"]
    assert summary <= set(runs.columns)
    assert runs["run_id"].tolist() == list(range(N_SEEDS))
    assert runs["seed"].tolist() == manifest["seeds"]
    assert runs["status"].tolist() == ["ok"] * N_SEEDS
    assert runs["error"].tolist() == [""] * N_SEEDS
    assert runs["traceback"].tolist() == [""] * N_SEEDS
    assert (runs["wall_time_s"] > 0).all()
    assert runs["unemployment_rate_mean"].between(0, 1).all()


def test_timeseries_parquet_has_every_metric_for_every_month(experiment):
    result, params, _ = experiment
    series = pd.read_parquet(result.folder / "timeseries.parquet")
    assert list(series.columns[:2]) == ["run_id", "step"]
    assert set(METRIC_NAMES) <= set(series.columns)
    assert len(series) == N_SEEDS * params.run.months
    for run_id, run in series.groupby("run_id"):
        assert run["step"].tolist() == list(range(params.run.months)), run_id
    assert sorted(series["run_id"].unique()) == list(range(N_SEEDS))
    assert ((series["labor_force"] + series["nonparticipants"]) == 300).all()  # people


def test_reading_back_equals_what_was_written(experiment):
    result, _, _ = experiment
    pd.testing.assert_frame_equal(pd.read_parquet(result.folder / "runs.parquet"), result.runs)
    pd.testing.assert_frame_equal(pd.read_parquet(result.folder / "timeseries.parquet"),
                                  result.timeseries)


def test_write_experiment_round_trips_tables(tmp_path):
    tables = small_tables()
    store.write_experiment(tmp_path / "exp", {"kind": "test"}, tables)
    for name, frame in tables.items():
        pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "exp" / f"{name}.parquet"), frame)


# ---------------------------------------------------------------- writing
def test_write_experiment_writes_every_file_then_the_manifest(tmp_path, monkeypatch):
    written: list[str] = []
    original = store.atomic_write

    def recording(path, write):
        manifest_exists = (path.parent / store.MANIFEST).exists()
        assert not manifest_exists, f"{path.name} written after the manifest"
        original(path, write)
        written.append(path.name)

    monkeypatch.setattr(store, "atomic_write", recording)
    folder = tmp_path / "exp"
    returned = store.write_experiment(folder, {"kind": "test", "note": "ü"}, small_tables(),
                                      {"figures/small.png": small_png(), "notes.md": "ü\n"})
    assert returned == folder / store.MANIFEST
    assert written == ["runs.parquet", "series.parquet", "small.png", "notes.md",
                       store.MANIFEST]
    manifest = json.loads(returned.read_text(encoding="utf-8"))
    assert manifest["schema_version"] == store.SCHEMA_VERSION
    assert manifest["kind"] == "test" and manifest["note"] == "ü"
    assert set(manifest["files"]) == {"runs.parquet", "series.parquet", "figures/small.png",
                                      "notes.md"}
    assert (folder / "notes.md").read_text(encoding="utf-8") == "ü\n"
    assert manifest["files"]["runs.parquet"]["rows"] == 3
    assert manifest["files"]["series.parquet"]["rows"] == 8
    for relative, entry in manifest["files"].items():
        data = (folder / relative).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["bytes"] == len(data)
    assert temporary_files(folder) == []


def test_write_experiment_refuses_an_existing_experiment(tmp_path):
    folder = tmp_path / "exp"
    store.write_experiment(folder, {"kind": "test"}, small_tables())
    before = {rel: p.read_bytes() for rel, p in files_in(folder).items()}
    other = {"runs": pd.DataFrame({"run_id": [9]})}
    with pytest.raises(FileExistsError, match="already holds an experiment"):
        store.write_experiment(folder, {"kind": "other"}, other)
    assert {rel: p.read_bytes() for rel, p in files_in(folder).items()} == before


def failing_to_parquet(fail_on: int):
    """A ``DataFrame.to_parquet`` that writes partial bytes and raises on call ``fail_on``."""
    original = pd.DataFrame.to_parquet
    calls = {"n": 0}

    def to_parquet(self, path, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == fail_on:
            Path(path).write_bytes(b"PAR1 partial")
            raise OSError("disk full")
        return original(self, path, *args, **kwargs)

    return to_parquet


def failing_savefig(self, path, *args, **kwargs):
    path.write(PNG_MAGIC + b" partial")
    raise OSError("disk full")


def failing_write_bytes(self, data):
    """A ``Path.write_bytes`` that writes half the bytes and raises."""
    with open(self, "wb") as fh:
        fh.write(data[:len(data) // 2])
    raise OSError("disk full")


@pytest.mark.parametrize("failure", ["first table", "second table", "figure"])
def test_a_write_that_fails_midway_leaves_no_manifest_and_no_temporary_files(
        tmp_path, monkeypatch, failure):
    if failure == "figure":
        monkeypatch.setattr(Path, "write_bytes", failing_write_bytes)
    else:
        fail_on = 1 if failure == "first table" else 2
        monkeypatch.setattr(pd.DataFrame, "to_parquet", failing_to_parquet(fail_on))
    folder = tmp_path / "exp"
    with pytest.raises(OSError, match="disk full"):
        store.write_experiment(folder, {"kind": "test"}, small_tables(),
                               {"figures/small.png": small_png()})
    assert not (folder / store.MANIFEST).exists()
    assert temporary_files(folder) == []
    expected_complete = {"first table": set(), "second table": {"runs.parquet"},
                         "figure": {"runs.parquet", "series.parquet"}}[failure]
    assert set(files_in(folder)) == expected_complete


def test_run_experiment_that_fails_to_save_leaves_no_manifest(tmp_path, monkeypatch):
    monkeypatch.setattr(matplotlib.figure.Figure, "savefig", failing_savefig)
    scenario = Scenario(name="tiny", params=tiny_params().replace("run", seeds=1))
    folder = tmp_path / "exp"
    with pytest.raises(OSError, match="disk full"):
        run_experiment(scenario, out=folder, progress=False, command=["test"])
    assert not (folder / store.MANIFEST).exists()
    assert temporary_files(folder) == []
    plt.close("all")


def test_new_experiment_dir_adds_a_suffix_when_the_folder_exists(tmp_path):
    now = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
    first = store.new_experiment_dir(tmp_path, "baseline", now)
    assert first == tmp_path / "baseline-20250102-030405"
    assert not first.exists()  # it names a folder, it does not create one
    assert store.new_experiment_dir(tmp_path, "baseline", now) == first
    first.mkdir()
    second = store.new_experiment_dir(tmp_path, "baseline", now)
    assert second != first and not second.exists()
    assert second.parent == tmp_path and second.name.startswith(first.name + "-")
    second.mkdir()
    third = store.new_experiment_dir(tmp_path, "baseline", now)
    assert third not in (first, second) and not third.exists()
    assert third.name.startswith(first.name + "-")


# ---------------------------------------------------------------- no pickles
def test_no_file_in_the_folder_is_a_pickle(experiment):
    result, _, _ = experiment
    found = files_in(result.folder)
    assert found
    for relative, path in found.items():
        data = path.read_bytes()
        assert not data.startswith(b"\x80"), f"{relative} looks like a pickle (protocol >= 2)"
        assert path.suffix in {".parquet", ".png", ".json"}, relative
        if path.suffix == ".parquet":
            assert data[:4] == PARQUET_MAGIC and data[-4:] == PARQUET_MAGIC, relative
        elif path.suffix == ".png":
            assert data.startswith(PNG_MAGIC), relative
        else:
            assert isinstance(json.loads(data.decode("utf-8")), dict), relative
