"""Saved experiments: load, verify, show and export (sim/store/read.py, export.py and their
commands), on the two real folders of the ``saved_runs`` fixture (tests/conftest.py)."""

from __future__ import annotations

import csv
import json
import shutil

import pandas as pd
import pytest

import sim
from sim.cli import main
from sim.errors import ExperimentError
from sim.store.export import export_csv
from sim.store.read import verify


@pytest.fixture
def folders(saved_runs):
    return saved_runs


def copy(folder, tmp_path):
    target = tmp_path / folder.name
    shutil.copytree(folder, target)
    return target


def test_round_trip_save_and_load(folders):
    exp = sim.load(folders[0])
    assert exp.kind == "run" and exp.failed == 0
    assert len(exp.runs) == 3 and exp.timeseries["run_id"].nunique() == 3
    assert exp.events is not None and set(exp.events["kind"]) <= {"separation", "lost_hire"}
    assert exp.manifest["seeds"] == exp.runs["seed"].tolist()
    params = exp.parameters.set_index(["section", "key"])["value"]
    assert params[("population", "workers")] == 800
    pd.testing.assert_frame_equal(exp.timeseries, pd.read_parquet(folders[0] /
                                                                   "timeseries.parquet"))
    summary = exp.summary()
    assert "unemployment rate" in summary["outcome"].tolist()
    fig = exp.plot("unemployment_rate")
    assert fig.axes[0].get_title().startswith("unemployment_rate")


def test_verify_passes_an_intact_folder_and_the_cli_says_ok(folders, capsys):
    assert verify(folders[0]) == []
    assert main(["verify", str(folders[0])]) == 0
    assert "ok" in capsys.readouterr().out


def test_a_tampered_file_is_detected_and_named(folders, tmp_path, capsys):
    bad = copy(folders[0], tmp_path)
    frame = pd.read_parquet(bad / "runs.parquet")
    frame.loc[0, "unemployment_rate_mean"] = 0.5
    frame.to_parquet(bad / "runs.parquet", index=False)
    problems = verify(bad)
    assert len(problems) == 1 and "runs.parquet" in problems[0]
    with pytest.raises(ExperimentError, match="runs.parquet"):
        sim.load(bad)
    assert main(["verify", str(bad)]) == 1
    assert "runs.parquet" in capsys.readouterr().err


def test_a_truncated_parquet_file_is_detected(folders, tmp_path):
    bad = copy(folders[0], tmp_path)
    path = bad / "timeseries.parquet"
    path.write_bytes(path.read_bytes()[:1000])
    with pytest.raises(ExperimentError, match=r"timeseries\.parquet.*truncated"):
        sim.load(bad)


def test_missing_manifest_and_unknown_schema_fail_with_one_line(folders, tmp_path, capsys):
    incomplete = copy(folders[0], tmp_path)
    (incomplete / "manifest.json").unlink()
    with pytest.raises(ExperimentError, match="incomplete"):
        sim.load(incomplete)
    assert main(["show", str(incomplete)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "manifest.json" in err[0]

    future = tmp_path / "future"
    future.mkdir()
    manifest = json.loads((folders[0] / "manifest.json").read_text())
    manifest["schema_version"] = 99
    (future / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(ExperimentError, match="schema_version 99"):
        sim.load(future)


def test_nothing_in_a_folder_is_executed_or_unpickled(folders, tmp_path):
    """A pickle planted in a folder is never read: loading reads the manifest's files only, and
    those as JSON and Parquet."""
    planted = copy(folders[0], tmp_path)
    (planted / "evil.pkl").write_bytes(b"\x80\x04K\x01.")
    exp = sim.load(planted)
    assert exp.runs is not None
    for path in planted.iterdir():
        if path.suffix == ".parquet":
            assert path.read_bytes()[:4] == b"PAR1"


def test_show_prints_what_the_folder_holds(folders, capsys):
    assert main(["show", str(folders[0])]) == 0
    out = capsys.readouterr().out
    for text in ("baseline", "runs", "root seed", "unemployment rate", "laborsim"):
        assert text in out


def test_csv_export_opens_with_the_csv_module(folders, tmp_path):
    out = tmp_path / "csv"
    written = export_csv(sim.load(folders[0]), out)
    assert {p.name for p in written} == {"runs.csv", "timeseries.csv", "events.csv",
                                         "parameters.csv", "source-manifest.json", "README.txt"}
    with open(out / "timeseries.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 3 * 12 and float(rows[0]["unemployment_rate"]) >= 0
    readme = (out / "README.txt").read_text()
    for column in rows[0]:
        assert f"  {column} [" in readme
    with pytest.raises(ExperimentError, match="another folder"):
        export_csv(sim.load(folders[0]), folders[0])


def test_export_command_writes_next_to_the_folder(folders, capsys):
    assert main(["export", str(folders[1]), "--format", "csv"]) == 0
    target = folders[1].parent / f"{folders[1].name}-csv"
    assert (target / "runs.csv").is_file() and "Wrote" in capsys.readouterr().out
