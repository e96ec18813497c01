"""The ``laborsim`` command line: one-line errors with exit code 2, ``params`` and a small run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sim.cli import main
from sim.experiments.summary import SUMMARY_ROWS
from sim.model.params import Params, describe_params

#: Every test runs in an empty working directory (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("in_empty_dir")

ERROR_PREFIXES = ("laborsim: error:", "laborsim run: error:")
FAST = ["--workers", "300", "--seeds", "2", "--years", "1", "--jobs", "1", "--quiet",
        "--set", "run.burn_in_months=6"]


def cli(argv: list[str], capsys) -> tuple[int, str, str]:
    """Run ``main(argv)`` in-process: (exit code, stdout, stderr)."""
    capsys.readouterr()
    try:
        code = main(argv)
    except SystemExit as exit_:  # argparse mistakes exit through SystemExit
        code = exit_.code
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(err: str) -> None:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert err.endswith("\n")
    assert lines[0].startswith(ERROR_PREFIXES), err
    assert "Traceback" not in err


BAD_INPUTS = {
    "unknown key": (["run", "--set", "market.quit_rat=0.1"], "did you mean 'market.quit_rate'"),
    "out of range": (["run", "--set", "market.quit_rate=1.5"], "[0.0, 1.0]"),
    "out-of-range workers": (["run", "--workers", "10"], "[50, 50000000]"),
    "non-integer workers": (["run", "--workers", "many"], "--workers"),
    "unknown scenario": (["run", "baselin"], "did you mean 'baseline'"),
    "jobs 0": (["run", "--jobs", "0"], "--jobs"),
    "params unknown key": (["params", "--set", "run.yaers=2"], "did you mean 'run.years'"),
    "params missing file": (["params", "missing.toml"], "missing.toml"),
    "no command": ([], "required"),
    "thesis block switch": (["thesis", "--set", "ai.ranking=false"],
                            "the thesis test sets the AI block switches itself"),
    "thesis event log": (["thesis", "--set", "run.events=true"],
                         "--set run.events: the thesis test sets it itself"),
    "thesis bad factors": (["thesis", "--factors", "ranking,wages"],
                           "unknown block 'wages'; blocks are ranking"),
    "thesis versed month": (["thesis", "--years", "1", "--versed-month", "12"],
                            "--versed-month 12: must be a reported month, 0 (January 2025) to 11"),
}


@pytest.mark.parametrize(("argv", "expected"), BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_bad_input_is_one_line_on_stderr_and_exit_code_2(capsys, in_empty_dir, argv, expected):
    code, out, err = cli(argv, capsys)
    assert code == 2
    assert_one_line_error(err)
    assert expected in err
    assert out == ""
    assert list(in_empty_dir.iterdir()) == []  # nothing was written


@pytest.mark.parametrize("argv", [
    ["run", "--set", "market.quit_rat=0.1", "--quiet"],  # a ScenarioError, returned by main
    ["run", "--workers", "many"],  # an argparse mistake, raised as SystemExit
], ids=["scenario error", "usage error"])
def test_bad_input_through_a_real_process(in_empty_dir, argv):
    proc = subprocess.run([sys.executable, "-m", "sim", *argv], cwd=in_empty_dir,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert_one_line_error(proc.stderr)
    assert proc.stdout == ""
    assert list(in_empty_dir.iterdir()) == []


def test_params_prints_every_parameter_key(capsys):
    code, out, err = cli(["params", "--set", "market.quit_rate=0.02"], capsys)
    assert code == 0
    assert err == ""
    lines = out.splitlines()
    for row in describe_params(Params()):
        matches = [line for line in lines if line.startswith(f"{row['key']} = ")]
        assert len(matches) == 1, row["key"]
        assert row["allowed"] in matches[0]
    assert "market.quit_rate = 0.02  [" in out
    assert "Parameters of scenario 'baseline'" in out


def test_params_of_no_ai(capsys):
    code, out, _ = cli(["params", "no_ai"], capsys)
    assert code == 0
    assert "Parameters of scenario 'no_ai'" in out
    assert "population.workers = 10000  [" in out


def test_small_run_then_refusal_to_overwrite(capsys, tmp_path):
    out_dir = tmp_path / "exp"
    code, out, err = cli(["run", *FAST, "--out", str(out_dir)], capsys)
    assert code == 0, err
    assert "Traceback" not in err
    assert "2 seeds x 300 workers x 1 year (+6 months burn-in), 1 process" in out
    assert "Horizon means across 2 runs" in out
    for _, label, _, _ in SUMMARY_ROWS:
        assert label in out
    assert out.rstrip().endswith(f"Saved: {out_dir}")
    for name in ("manifest.json", "runs.parquet", "timeseries.parquet", "figures/overview.png"):
        assert (out_dir / name).is_file(), name
        assert (out_dir / name).stat().st_size > 0
    manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["parameters"]["population"]["workers"] == 300
    assert manifest["parameters"]["run"]["burn_in_months"] == 6
    assert manifest["runs"] == {"total": 2, "ok": 2, "failed": 0}
    assert "run.burn_in_months=6" in manifest["scenario"]["overrides"]

    before = {p: p.read_bytes() for p in out_dir.rglob("*") if p.is_file()}
    code, _, err = cli(["run", *FAST, "--out", str(out_dir)], capsys)
    assert code == 2
    assert_one_line_error(err)
    assert "already holds an experiment" in err
    after = {p: p.read_bytes() for p in out_dir.rglob("*") if p.is_file()}
    assert after == before  # the first experiment is untouched, manifest included


def test_params_piped_into_head_ends_quietly(tmp_path):
    """A closed pipe (``laborsim params | head -1``) is not an error worth a traceback."""
    proc = subprocess.run(f'"{sys.executable}" -m sim params | head -1', shell=True,
                          capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert proc.stdout.startswith("Parameters of scenario 'baseline'")
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr


def test_unknown_set_section_lists_only_parameter_sections(capsys):
    assert main(["params", "--set", "markets.quit_rate=0.1"]) == 2
    err = capsys.readouterr().err
    assert "'market'" in err and "extends" not in err


SWEEP = """
design = "{design}"
{samples}
replicates = 1
years = 1
workers = 200
root_seed = 9
set = ["run.burn_in_months=6"]

[parameters]
"ai.capability_growth" = {capability}
"firms.industry_demand_elasticity" = {elasticity}
"ai.propensity_effect" = {propensity}

[[outcomes]]
metric = "unemployment_rate"
statistic = "path_mean"
{extra}
"""


def write_sweep(name: str, design: str = "grid", samples: str = "", extra: str = "") -> Path:
    ranged = design != "grid"
    path = Path(f"{name}.toml")
    path.write_text(SWEEP.format(
        design=design, samples=samples, extra=extra,
        capability="{ min = 0.1, max = 0.8 }" if ranged else "{ values = [0.1, 0.8] }",
        elasticity="{ min = 0.0, max = 1.5 }" if ranged else "{ values = [0.5, 1.0] }",
        propensity="{ min = 0.5, max = 2.0 }" if ranged else "{ values = [1.0] }"))
    return path


def test_sweep_mistakes_are_one_line_with_exit_code_2(capsys):
    write_sweep("bad", "sobol", "samples = 6")
    code, _, err = cli(["sweep", "bad.toml"], capsys)
    assert code == 2
    assert_one_line_error(err)
    assert "bad.toml: samples must be a power of two" in err
    code, _, err = cli(["sweep", "missing.toml"], capsys)
    assert code == 2
    assert_one_line_error(err)
    write_sweep("ok")
    code, _, err = cli(["sweep", "ok.toml", "--out", "a", "--resume", "b"], capsys)
    assert code == 2
    assert_one_line_error(err)


def test_sweep_dry_run_counts_runs_and_writes_nothing(capsys):
    write_sweep("grid")
    code, out, _ = cli(["sweep", "grid.toml", "--dry-run", "--jobs", "2"], capsys)
    assert code == 0
    assert "4 runs (4 points x 1 replicates)" in out
    assert "on 2 processes" in out
    assert not Path("results").exists()


def test_sweep_then_show_verify_analyze_compare_export(capsys):
    write_sweep("grid")
    code, out, err = cli(["sweep", "grid.toml", "--out", "sw", "--jobs", "1", "--quiet"], capsys)
    assert code == 0, err
    assert "4 points x 1 replicates = 4 runs, 0 failed" in out
    code, out, _ = cli(["show", "sw"], capsys)
    assert code == 0
    assert "kind          sweep" in out
    assert "Sweep 'grid': design grid, 4 points" in out
    code, out, _ = cli(["verify", "sw"], capsys)
    assert code == 0
    before = json.loads(Path("sw/manifest.json").read_text())
    code, out, _ = cli(["analyze", "sw", "--heatmap", "firms.industry_demand_elasticity",
                        "ai.capability_growth"], capsys)
    assert code == 0
    after = json.loads(Path("sw/manifest.json").read_text())
    assert after["files"]["runs.parquet"] == before["files"]["runs.parquet"]
    assert cli(["verify", "sw"], capsys)[0] == 0
    code, _, err = cli(["analyze", "sw", "--heatmap", "firms.industry_demand_elasticity",
                        "market.x"], capsys)
    assert code == 2
    assert_one_line_error(err)
    assert "not a varied parameter" in err
    code, out, _ = cli(["compare", "sw", "sw", "--out", "cmp"], capsys)
    assert code == 0
    assert Path("cmp/compare.html").is_file()
    code, out, _ = cli(["export", "sw", "--out", "csv"], capsys)
    assert code == 0
    points = Path("csv/points.csv").read_text().splitlines()
    assert len(points) == 1 + 4
    assert "ai.capability_growth" in points[0]
    assert "points.csv (4 rows)" in Path("csv/README.txt").read_text()


def test_a_failed_analysis_exits_1_and_keeps_the_runs(capsys, monkeypatch):
    """The runs are whole and kept; the exit code tells a script the analysis is missing, and
    laborsim analyze redoes it."""
    from sim.experiments.sweep import sensitivity

    def broken(*args, **kwargs):
        raise ValueError("an analysis bug")

    write_sweep("grid")
    with monkeypatch.context() as patch:
        patch.setattr(sensitivity, "analyze", broken)
        code, out, _ = cli(["sweep", "grid.toml", "--out", "sw", "--jobs", "1", "--quiet"],
                           capsys)
    assert code == 1
    assert "analysis failed: ValueError: an analysis bug" in out
    assert cli(["verify", "sw"], capsys)[0] == 0
    code, out, _ = cli(["analyze", "sw"], capsys)
    assert code == 0 and "analysis failed" not in out


def test_analyze_refuses_a_folder_that_is_not_a_sweep(capsys):
    code, _, err = cli(["run", *FAST, "--out", "plain"], capsys)
    assert code == 0, err
    code, _, err = cli(["analyze", "plain"], capsys)
    assert code == 2
    assert_one_line_error(err)
    assert "not a sweep" in err


def test_morris_screening_then_sobol_follow_up_on_the_top_parameters(capsys):
    write_sweep("sens", "morris", "samples = 2",
                extra="[followup]\ntop = 2\nsamples = 4\n")
    code, out, err = cli(["sweep", "sens.toml", "--out", "sens", "--jobs", "1", "--quiet"],
                         capsys)
    assert code == 0, err
    assert "Morris screening: top 2 by mu*" in out
    follow = json.loads(Path("sens-sobol/manifest.json").read_text())
    morris = json.loads(Path("sens/analysis.json").read_text())
    mu_star = morris["indices"]["path_mean(unemployment_rate)"]["mu_star"]
    top = sorted(mu_star, key=lambda k: -mu_star[k])[:2]
    assert follow["sweep"]["design"] == "sobol"
    assert follow["sweep"]["parameters"] == top
    assert follow["sweep"]["points"] == 4 * (2 + 2)
    assert "Sobol total index" in out
    # resuming the finished pair runs nothing and says so
    code, out, _ = cli(["sweep", "sens.toml", "--resume", "sens", "--quiet"], capsys)
    assert code == 0
    assert json.loads(Path("sens-sobol/manifest.json").read_text()) == follow


def test_version_names_the_installed_laborsim(capsys):
    from importlib.metadata import version

    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out == f"laborsim {version('laborsim')}\n"


def test_jobs_default_to_the_cores_the_process_may_use(monkeypatch):
    """Under taskset or a cluster allocation the process may use fewer cores than the machine
    has: the default --jobs counts those (its CPU affinity), else every core."""
    from sim.cli import parser as parser_module

    monkeypatch.setattr(parser_module.os, "sched_getaffinity", lambda pid: {3}, raising=False)
    monkeypatch.setattr(parser_module.os, "cpu_count", lambda: 16)
    assert parser_module.usable_cores() == 1
    monkeypatch.delattr(parser_module.os, "sched_getaffinity")
    assert parser_module.usable_cores() == 16
