"""Folders from strangers: confined paths, a manifest that protects itself, defensive loading,
locks and output folders that are never overwritten by accident."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import sim
from sim.cli import main
from sim.errors import ExperimentError
from sim.store.lock import LOCK, folder_lock
from sim.store.outputs import OUTPUT_MARK, output_folder
from sim.store.read import load, read_manifest, verify
from sim.store.schema import digest_problems
from sim.store.write import file_entry, signed, update_experiment, write_files, write_json


@pytest.fixture
def folder(saved_runs, tmp_path):
    """A copy of a real run folder (AI on, with events) that a test may damage."""
    copy = tmp_path / "received"
    shutil.copytree(saved_runs[0], copy)
    return copy


def manifest_of(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def save(folder: Path, manifest: dict, *, resign: bool) -> None:
    """Write a manifest back; ``resign`` recomputes its digest, as a careful forger would, so
    that the check under test is the one that must catch the damage."""
    write_json(folder / "manifest.json", signed(manifest) if resign else manifest)


def one_line(err: ExperimentError) -> str:
    text = str(err)
    assert "\n" not in text and text
    return text


# -- confined paths ------------------------------------------------------------------------------

@pytest.mark.parametrize("listed", ["../outside.txt", "/etc/hostname", "figures/../../x",
                                    "./runs.parquet", "a//b", "C:/x", "figures\\x.png"])
def test_a_path_outside_the_folder_fails_verify_and_load(folder, listed):
    (folder.parent / "outside.txt").write_text("private")
    manifest = manifest_of(folder)
    manifest["files"][listed] = file_entry(folder, "runs.parquet")
    save(folder, manifest, resign=True)
    for check in (verify, load, sim.load):
        with pytest.raises(ExperimentError) as err:
            check(folder)
        assert "manifest.json" in one_line(err.value)


def test_a_symlink_or_special_file_is_refused(folder, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("not yours")
    (folder / "figures" / "overview.png").unlink()
    (folder / "figures" / "overview.png").symlink_to(secret)
    with pytest.raises(ExperimentError, match="symbolic link"):
        verify(folder)
    (folder / "figures" / "overview.png").unlink()
    os.mkfifo(folder / "figures" / "overview.png")  # reading it would block for ever
    with pytest.raises(ExperimentError, match="not a regular file"):
        verify(folder)
    (folder / "figures" / "overview.png").unlink()
    shutil.rmtree(folder / "figures")
    (tmp_path / "elsewhere").mkdir()
    (folder / "figures").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(ExperimentError, match="symbolic link"):
        load(folder)


def test_updating_a_folder_never_writes_or_deletes_outside_it(folder, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    manifest = manifest_of(folder)
    manifest["files"]["figures/../../victim.txt"] = {"sha256": "0" * 64, "bytes": 7}
    save(folder, manifest, resign=True)
    with pytest.raises(ExperimentError):
        update_experiment(folder, {"figures/new.png": b"png"}, drop=("figures/",))
    assert victim.read_text() == "keep me"
    # a figures folder that is a link to elsewhere is never written through
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    clean = tmp_path / "clean"
    shutil.copytree(folder.parent / "received", clean)
    shutil.rmtree(clean / "figures")
    (clean / "figures").symlink_to(elsewhere)
    with pytest.raises(ExperimentError, match="symbolic link"):
        update_experiment(clean, {"figures/new.png": b"png"})
    assert list(elsewhere.iterdir()) == []


# -- the manifest protects itself ----------------------------------------------------------------

@pytest.mark.parametrize("field,edit", [
    ("parameters", lambda m: m["parameters"]["market"].update(quit_rate=0.5)),
    ("seeds", lambda m: m["seeds"].reverse()),
    ("kind", lambda m: m.update(kind="thesis")),
    ("files", lambda m: m["files"].pop("figures/overview.png")),
    ("root_seed", lambda m: m.update(root_seed=m["root_seed"] + 1)),
    ("scenario", lambda m: m["scenario"].update(description="something else")),
])
def test_any_edit_to_the_manifest_is_detected_and_named(folder, field, edit):
    manifest = manifest_of(folder)
    edit(manifest)
    save(folder, manifest, resign=False)
    problems = verify(folder)
    assert len(problems) == 1
    assert "edited after it was written" in problems[0] and field in problems[0]
    with pytest.raises(ExperimentError, match=field):
        load(folder)
    assert main(["verify", str(folder)]) == 1


def test_an_intact_folder_passes_and_its_digest_is_checked(folder, capsys):
    assert verify(folder) == []
    assert main(["verify", str(folder)]) == 0
    assert "and the manifest its digest" in capsys.readouterr().out
    manifest = manifest_of(folder)
    manifest["digest"]["fields"].pop("seeds")
    manifest["digest"]["manifest"] = "0" * 64
    assert "seeds" in digest_problems(manifest, "m")[0]


def test_an_empty_file_list_with_every_file_deleted_fails(folder):
    manifest = manifest_of(folder)
    manifest["files"] = {}
    save(folder, manifest, resign=True)
    for name in ("runs.parquet", "timeseries.parquet", "events.parquet"):
        (folder / name).unlink()
    problems = verify(folder)
    assert any("lists no files" in p for p in problems)
    assert any("runs.parquet: not listed" in p for p in problems)


@pytest.mark.parametrize("edit,words", [
    (lambda m: m.update(files=list(m["files"])), "field 'files'"),
    (lambda m: m.update(schema_version="3"), 'schema_version "3"'),
    (lambda m: m.update(schema_version=3.0), "schema_version 3.0"),
    (lambda m: m.update(schema_version=True), "schema_version true"),
    (lambda m: m.update(schema_version=99), "schema_version 99"),
    (lambda m: m.update(seeds="1,2"), "field 'seeds'"),
    (lambda m: m.update(runs={"total": "2"}), "field 'runs'"),
    (lambda m: m.update(kind="pickle"), "field 'kind'"),
    (lambda m: m["files"]["runs.parquet"].update(bytes=-1), "field 'files'"),
    (lambda m: m.update(surprise=1), "unknown field 'surprise'"),
    (lambda m: m.pop("runs"), "no 'runs'"),
    (lambda m: m["environment"].update(git="x"), "field 'environment'"),
    (lambda m: m["environment"].update(packages={"mesa": 3}), "field 'environment'"),
    (lambda m: m["files"].update({"figures/\u202eevil.png": m["files"]["runs.parquet"]}),
     "invisible characters"),
    (lambda m: m["files"].update({"figures/\x9b2J.png": m["files"]["runs.parquet"]}),
     "invisible characters"),
])
def test_every_field_has_its_type(folder, edit, words):
    manifest = manifest_of(folder)
    edit(manifest)
    save(folder, manifest, resign=True)
    with pytest.raises(ExperimentError) as err:
        read_manifest(folder)
    assert words in one_line(err.value)


# -- defensive loading ---------------------------------------------------------------------------

def replace_file(folder: Path, relative: str, content: bytes) -> None:
    """Replace a file and record it in a re-signed manifest, so that only the content check
    can catch it."""
    (folder / relative).write_bytes(content)
    manifest = manifest_of(folder)
    manifest["files"][relative] = file_entry(folder, relative) | (
        {"rows": manifest["files"][relative]["rows"]} if "rows" in manifest["files"].get(
            relative, {}) else {})
    save(folder, manifest, resign=True)


@pytest.mark.parametrize("content,words", [
    (b"[" * 100_000 + b"]" * 100_000, "nested deeper"),
    (b'{"verdicts": {"H1": {"verdict": "supported", "estimate": ' + b"9" * 5000 + b"}}}",
     "digits"),
    (b'{"verdicts": {"H1": {"verdict": "supported", "estimate": NaN}}}', "NaN"),
    (b'{"verdicts": "all good"}', "field 'verdicts'"),
    (b"\xff\xfe not utf-8", "not UTF-8"),
])
def test_damaged_json_documents_fail_with_one_line(folder, content, words):
    replace_file(folder, "thesis.json", content)
    with pytest.raises(ExperimentError) as err:
        load(folder)
    assert words in one_line(err.value) and "thesis.json" in str(err.value)


def test_a_table_without_its_columns_or_with_text_for_numbers_fails(folder):
    runs = pd.read_parquet(folder / "runs.parquet")
    runs.drop(columns="status").to_parquet(folder / "runs.parquet", index=False)
    replace_file(folder, "runs.parquet", (folder / "runs.parquet").read_bytes())
    with pytest.raises(ExperimentError, match="column 'status' is missing"):
        load(folder)
    texty = runs.assign(employment_final=runs["employment_final"].astype(str))
    texty.to_parquet(folder / "runs.parquet", index=False)
    replace_file(folder, "runs.parquet", (folder / "runs.parquet").read_bytes())
    with pytest.raises(ExperimentError, match="'employment_final' must hold numbers"):
        load(folder)
    runs.iloc[:1].to_parquet(folder / "runs.parquet", index=False)
    replace_file(folder, "runs.parquet", (folder / "runs.parquet").read_bytes())
    with pytest.raises(ExperimentError, match="rows, the manifest says"):
        load(folder)


# -- locks ---------------------------------------------------------------------------------------

def test_a_second_writer_is_refused_with_the_holders_pid(tmp_path):
    target = tmp_path / "busy"
    target.mkdir()
    with folder_lock(target), pytest.raises(ExperimentError,
                                            match=f"in use by process {os.getpid()}"), \
            folder_lock(target):
        pass
    assert not (target / LOCK).exists()
    with folder_lock(target):  # released: it can be taken again
        pass


def test_two_runs_into_one_folder_the_second_stops_before_computing(tmp_path, capsys,
                                                                    monkeypatch):
    target = tmp_path / "shared"
    target.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from sim.store.lock import folder_lock\n"
         f"with folder_lock({str(target)!r}):\n print('held', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"

        def no_simulation(*args, **kwargs):
            raise AssertionError("a simulation ran")

        monkeypatch.setattr("sim.workflows.run.run_replicates", no_simulation)
        start = time.perf_counter()
        code = main(["run", "--seeds", "1", "--workers", "200", "--years", "1", "--jobs", "1",
                     "--quiet", "--out", str(target)])
        err = capsys.readouterr().err
        assert code == 2 and f"in use by process {holder.pid}" in err
        assert err.count("\n") == 1 and time.perf_counter() - start < 10
    finally:
        holder.kill()
        holder.wait()


# -- output folders ------------------------------------------------------------------------------

def test_output_folders_are_checked_before_anything_runs(folder, tmp_path):
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    for out, words in [(a_file, "is a file"), (Path("/proc/laborsim-out"), "system folder"),
                       (folder / "inside", "inside the experiment folder"),
                       (folder, "already holds an experiment")]:
        with pytest.raises(ExperimentError, match=words), output_folder(out, "run"):
            raise AssertionError("entered")
    someone = tmp_path / "someone"
    someone.mkdir()
    (someone / "notes.txt").write_text("mine")
    with pytest.raises(ExperimentError, match="is not empty"), output_folder(someone, "compare"):
        pass
    with output_folder(someone, "compare", force=True):
        pass
    assert (someone / "notes.txt").read_text() == "mine"


def test_a_failed_command_leaves_no_empty_folder_behind(tmp_path):
    out = tmp_path / "new" / "deeper"
    with pytest.raises(RuntimeError), output_folder(out, "compare"):
        raise RuntimeError("the comparison failed")
    assert not out.exists()


def test_export_never_replaces_another_experiments_manifest(saved_runs, tmp_path, capsys):
    a, b = (tmp_path / "a", tmp_path / "b")
    shutil.copytree(saved_runs[0], a)
    shutil.copytree(saved_runs[1], b)
    before = (b / "manifest.json").read_bytes()
    assert main(["export", str(a), "--out", str(b)]) == 2
    err = capsys.readouterr().err
    assert "already holds an experiment" in err and err.count("\n") == 1
    assert (b / "manifest.json").read_bytes() == before and verify(b) == []
    # its own earlier output is written again; the export is not an experiment folder
    out = tmp_path / "a-csv"
    assert main(["export", str(a), "--out", str(out)]) == 0
    assert main(["export", str(a), "--out", str(out)]) == 0
    assert (out / OUTPUT_MARK).is_file() and not (out / "manifest.json").exists()
    assert json.loads((out / "source-manifest.json").read_text())["seeds"] == \
        manifest_of(a)["seeds"]
    # --force writes into the other experiment's folder, but leaves its manifest intact
    assert main(["export", str(a), "--out", str(b), "--force"]) == 0
    assert (b / "manifest.json").read_bytes() == before and verify(b) == []


def test_compare_refuses_someone_elses_folder_and_rewrites_its_own(saved_runs, tmp_path,
                                                                   capsys):
    ai, no_ai = map(str, saved_runs)
    out = tmp_path / "cmp"
    assert main(["compare", ai, no_ai, "--out", str(out)]) == 0
    assert main(["compare", ai, no_ai, "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["compare", ai, no_ai, "--out", ai]) == 2
    assert "already holds an experiment" in capsys.readouterr().err
    assert verify(Path(ai)) == []


def test_force_replaces_an_experiment_and_only_its_files(saved_runs, tmp_path, capsys):
    target = tmp_path / "old"
    shutil.copytree(saved_runs[0], target)
    (target / "my-notes.txt").write_text("mine")
    args = ["run", "no_ai", "--seeds", "1", "--workers", "200", "--years", "1", "--jobs", "1",
            "--quiet", "--out", str(target)]
    assert main(args) == 2
    assert main([*args, "--force"]) == 0
    capsys.readouterr()
    assert (target / "my-notes.txt").read_text() == "mine"
    assert not (target / "events.parquet").exists()  # the old experiment's, not listed now
    assert verify(target) == [] and manifest_of(target)["scenario"]["name"] == "no_ai"


@pytest.mark.parametrize("text,words", [
    ('"environment": {"x": 1e999}', "out of range"),
    ('"environment": {"x": 1, "x": 2}', "appears twice"),
])
def test_numbers_out_of_range_and_repeated_keys_are_refused(folder, text, words):
    raw = (folder / "manifest.json").read_text(encoding="utf-8")
    (folder / "manifest.json").write_text(raw.replace('"environment": {', text[:-1] + ", ", 1),
                                          encoding="utf-8")
    with pytest.raises(ExperimentError, match=words):
        verify(folder)


def test_loose_files_never_replace_an_experiments_own_files(folder):
    before = (folder / "figures" / "overview.png").read_bytes()
    with pytest.raises(ExperimentError, match="figures/overview.png is one of its files"):
        write_files(folder, {"figures/overview.png": b"not the figure"})
    assert (folder / "figures" / "overview.png").read_bytes() == before
    write_files(folder, {"compare.md": "beside it"})  # --force: beside its files is fine
    assert verify(folder) == []


def test_a_forced_run_that_fails_leaves_the_old_experiment(folder, monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("sim.workflows.run.run_replicates", broken)
    code = main(["run", "--seeds", "1", "--workers", "200", "--years", "1", "--jobs", "1",
                 "--quiet", "--out", str(folder), "--force"])
    assert code == 130 and verify(folder) == []
    assert not (folder / LOCK).exists()


def test_a_lock_file_that_is_a_hard_link_is_refused(tmp_path):
    target = tmp_path / "received"
    target.mkdir()
    precious = tmp_path / "precious.txt"
    precious.write_text("keep")
    os.link(precious, target / LOCK)
    with pytest.raises(ExperimentError, match="not a plain lock file"), folder_lock(target):
        pass
    assert precious.read_text() == "keep"


def test_a_damaged_part_stops_a_resume_with_one_line(tmp_path):
    from sim.store.parts import PARTS, finished_run_ids

    (tmp_path / PARTS).mkdir()
    pd.DataFrame({"run_id": ["zero"], "seed": [1], "status": ["ok"]}).to_parquet(
        tmp_path / PARTS / "runs-000000-000000000.parquet")
    with pytest.raises(ExperimentError, match="'run_id' must hold numbers"):
        finished_run_ids(tmp_path)
    (tmp_path / PARTS / "runs-000000-000000000.parquet").write_bytes(b"PAR1 garbage")
    with pytest.raises(ExperimentError, match="cannot be read as Parquet"):
        finished_run_ids(tmp_path)


# -- found by a hostile review -----------------------------------------------------------------

def test_writes_never_follow_a_planted_link(folder, tmp_path):
    from sim.store.write import atomic_write

    victim = tmp_path / "victim.txt"
    victim.write_text("keep")
    # a link where a file goes is replaced, not written through
    (folder / "analysis.md").symlink_to(victim)
    atomic_write(folder / "analysis.md", lambda tmp: tmp.write_text("new"))
    assert victim.read_text() == "keep"
    assert not (folder / "analysis.md").is_symlink()
    # links planted at the temporary names of any process are never used
    for pid in range(os.getpid() - 2, os.getpid() + 3):
        (folder / f".manifest.json.tmp-{pid}").symlink_to(victim)
    atomic_write(folder / "manifest.json", lambda tmp: tmp.write_text("{}"))
    assert victim.read_text() == "keep"
    assert oct((folder / "manifest.json").stat().st_mode & 0o777) != oct(0o600)


def test_a_table_without_seeds_or_with_repeated_runs_is_refused(folder):
    runs = pd.read_parquet(folder / "runs.parquet")
    runs.drop(columns="seed").to_parquet(folder / "runs.parquet", index=False)
    replace_file(folder, "runs.parquet", (folder / "runs.parquet").read_bytes())
    with pytest.raises(ExperimentError, match="column 'seed' is missing"):
        load(folder)
    twice = pd.concat([runs.iloc[:1], runs.iloc[:1], runs.iloc[2:]], ignore_index=True)
    twice.to_parquet(folder / "runs.parquet", index=False)
    replace_file(folder, "runs.parquet", (folder / "runs.parquet").read_bytes())
    with pytest.raises(ExperimentError, match="two rows with the same run_id"):
        load(folder)


@pytest.mark.parametrize("document,words", [
    ({"thesis_map": {"x": 5}}, "thesis_map.x"),
    ({"hypothesis_map": {"x": {"cells": 1}}}, "hypothesis_map.x"),
    ({"indices": {"x": {"ST": 5}}}, "indices.x"),
    ({"error": ["not", "text"]}, "field 'error'"),
])
def test_an_analysis_of_the_wrong_shape_is_refused(folder, document, words):
    replace_file(folder, "analysis.json", json.dumps(document).encode())
    with pytest.raises(ExperimentError, match=words.replace(".", r"\.")):
        load(folder)


@pytest.mark.parametrize("damage", ["figures-link", "figures-file", "parts-link"])
def test_forced_runs_check_the_folder_before_computing(folder, tmp_path, damage, monkeypatch,
                                                       capsys):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    if damage == "figures-link":
        shutil.rmtree(folder / "figures")
        (folder / "figures").symlink_to(elsewhere)
    elif damage == "figures-file":
        shutil.rmtree(folder / "figures")
        (folder / "figures").write_text("not a folder")
    else:
        (folder / "parts").symlink_to(elsewhere)

    def no_simulation(*args, **kwargs):
        raise AssertionError("a simulation ran")

    monkeypatch.setattr("sim.workflows.run.run_replicates", no_simulation)
    before = (folder / "manifest.json").read_bytes()
    code = main(["run", "--seeds", "1", "--workers", "200", "--years", "1", "--jobs", "1",
                 "--quiet", "--out", str(folder), "--force"])
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and err.count("\n") == 1
    assert (folder / "manifest.json").read_bytes() == before


def test_a_name_too_long_for_the_file_system_is_one_line(tmp_path, capsys):
    long = tmp_path / ("x" * 300)
    for argv in (["verify", str(long)], ["show", str(long)],
                 ["run", "--seeds", "1", "--workers", "200", "--years", "1", "--jobs", "1",
                  "--out", str(long / "sub")]):
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "Traceback" not in err
