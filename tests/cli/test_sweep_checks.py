"""Checks before compute in ``laborsim sweep`` (and ``run``): a malformed or unreachable
``--scheduler``, seeds, sizes and designs out of bounds, and large sweeps that need ``--yes``;
each is one line on stderr and exit code 2, before any simulation."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest
from sweep_files import tiny_sweep

import sim.cli.sweep as cli_sweep
from sim.cli import main
from sim.experiments.sweep import cluster, tasks
from sim.model.params import limits

#: Every test runs in an empty working directory (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("in_empty_dir")

GRID = '"ai.capability_growth" = { values = [0.1, 0.4] }'
RANGES = ('"ai.capability_growth" = { min = 0.1, max = 0.8 }\n'
          '"firms.industry_demand_elasticity" = { min = 0.0, max = 1.5 }')


def write(folder: Path, design: str = "grid", top: str = "", replicates: int = 2,
          parameters: str = GRID, tables: str = "") -> Path:
    path = folder / "tiny.toml"
    path.write_text(tiny_sweep(design=design, top=top, replicates=replicates,
                               parameters=parameters, workers=200, tables=tables))
    return path


@pytest.fixture
def simulations(monkeypatch) -> list:
    """Every simulation started (by a sweep, its timed run or laborsim run) is listed here."""
    started = []
    real = tasks.simulate

    def counted(params, seed, run_id=0):
        started.append(run_id)
        return real(params, seed, run_id)

    monkeypatch.setattr(tasks, "simulate", counted)
    import sim.experiments.runner as runner

    real_runner = runner.simulate

    def counted_runner(params, seed, run_id=0):
        started.append(run_id)
        return real_runner(params, seed, run_id)

    monkeypatch.setattr(runner, "simulate", counted_runner)
    return started


def one_line_error(capsys, argv: list[str]) -> str:
    """Run ``laborsim argv``; it must exit 2 with one line on stderr: that line."""
    capsys.readouterr()
    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert err[0].startswith("laborsim: error: ")
    assert "Traceback" not in err[0]
    return err[0]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("address", ["tcp//127.0.0.1:8786", "127.0.0.1", "tcp://:8786",
                                     "tcp://127.0.0.1:0", "tcp://127.0.0.1:99999",
                                     "http://127.0.0.1:8786", "tcp://host name:8786",
                                     "tcp://127.0.0.1:8786\nx"])
def test_a_malformed_scheduler_is_one_line_naming_the_expected_form(tmp_path, capsys,
                                                                    simulations, address):
    path = write(tmp_path)
    line = one_line_error(capsys, ["sweep", str(path), "--scheduler", address,
                                   "--out", str(tmp_path / "out")])
    assert "--scheduler" in line
    assert "tcp://10.0.0.5:8786" in line
    assert simulations == []
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("address", ["tcp://127.0.0.1:8786", "127.0.0.1:8786",
                                     "tls://scheduler.example.org:8786", "tcp://[::1]:8786",
                                     "ws://10.0.0.5:8786"])
def test_well_formed_scheduler_addresses(address):
    scheme, host, port = cluster.check_address(address)
    assert port == 8786
    assert scheme in cluster.SCHEMES
    assert host and "[" not in host


def test_an_unreachable_scheduler_is_one_line_within_the_connect_timeout(tmp_path, capsys,
                                                                         simulations):
    path = write(tmp_path)
    address = f"tcp://127.0.0.1:{free_port()}"  # nothing listens there
    start = time.monotonic()
    line = one_line_error(capsys, ["sweep", str(path), "--scheduler", address,
                                   "--out", str(tmp_path / "out")])
    assert time.monotonic() - start < cluster.CONNECT_TIMEOUT_S + 5
    assert f"--scheduler {address}: connection refused" in line
    assert simulations == []
    assert not (tmp_path / "out").exists()


def test_a_silent_port_is_not_a_dask_scheduler_one_line_within_the_timeout():
    with socket.socket() as server:  # accepts connections (backlog), never says a word
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        address = f"tcp://127.0.0.1:{server.getsockname()[1]}"
        start = time.monotonic()
        with pytest.raises(cluster.SweepError, match="no answer within 1 s; is this the "
                                                     "address of a Dask scheduler") as caught:
            cluster.connect(address, timeout=1)
        assert time.monotonic() - start < 5
    assert "\n" not in str(caught.value)


def test_a_port_that_speaks_but_not_dask_is_one_line_within_the_timeout():
    """A server that answers with something else: Dask's own handshake would wait forever."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        address = f"tcp://127.0.0.1:{server.getsockname()[1]}"
        connections = []

        def answer_once():
            connection, _ = server.accept()
            connection.sendall(b"x")
            connections.append(connection)  # kept open, silent

        def answer():
            for _ in range(2):  # the probe, then Dask's client
                answer_once()

        thread = threading.Thread(target=answer, daemon=True)
        thread.start()
        start = time.monotonic()
        with pytest.raises(cluster.SweepError, match="did not answer as a Dask scheduler "
                                                     "within 1 s") as caught:
            cluster.connect(address, timeout=1)
        assert time.monotonic() - start < 6
        for connection in connections:
            connection.close()
    assert "\n" not in str(caught.value)


def test_an_unknown_scheduler_host_is_one_line():
    with pytest.raises(cluster.SweepError, match="unknown host 'no-such-host.invalid'"):
        cluster.reachable("tcp://no-such-host.invalid:8786", timeout=2)


#: Out of bounds in a sweep file: (design, top-level keys, replicates, parameters, tables,
#: what the line must say). Each is refused in well under a second: sizes are counted before
#: any point is drawn.
OUT_OF_BOUNDS = {
    "10^9 replicates": ("grid", "", 10**9, GRID, "", "replicates must be an integer in [1, "
                                                     "100000], got 1000000000"),
    "2 million LHS samples": ("lhs", "samples = 2000000", 1, RANGES, "",
                              "2,000,000 points x 1 replicates = 2,000,000 runs; a sweep has "
                              "at most 1,000,000 runs"),
    "sobol 2^30": ("sobol", "samples = 1073741824", 1, RANGES, "", "at most 1,000,000 runs"),
    "morris trajectories": ("morris", "samples = 10000000", 1, RANGES, "",
                            "at most 1,000,000 runs"),
    "grid x replicates": ("grid", "", 100_000, '"ai.capability_growth" = { min = 0.0, max = '
                          '1.0, step = 0.01 }', "", "101 points x 100,000 replicates"),
    "a tiny grid step": ("grid", "", 1, '"ai.capability_growth" = { min = 0.0, max = 1.0, '
                         'step = 1e-9 }', "", "step 1e-09 gives 1,000,000,00"),
    "an infinite bound": ("lhs", "samples = 4", 1, '"ai.capability_growth" = { min = 0.1, '
                          'max = inf }\n"firms.industry_demand_elasticity" = { min = 0.0, '
                          'max = 1.5 }', "",
                          "min and max must be finite numbers"),
    "a NaN step": ("grid", "", 1, '"ai.capability_growth" = { min = 0.0, max = 1.0, '
                   'step = nan }', "", "step must be a positive number"),
    "huge root seed": ("grid", "root_seed = 18446744073709551616", 1, GRID, "",
                       "root_seed must be an integer in [0, 9223372036854775807]"),
    "negative root seed": ("grid", "root_seed = -1", 1, GRID, "",
                           "root_seed must be an integer in [0, 9223372036854775807]"),
    "huge population": ("grid", "workers = 1000000000000", 1, GRID, "",
                        "workers must be an integer in [50, 50000000]"),
    "long horizon": ("grid", "years = 10000", 1, GRID, "", "years must be an integer in [1, "
                                                          "200]"),
    "morris levels": ("morris", "samples = 4\nlevels = 1000000", 1, RANGES, "",
                      "levels must be an integer in [2, 1000]"),
    "follow-up size": ("morris", "samples = 4", 1, RANGES,
                       "[followup]\ntop = 2\nsamples = 1073741824\n",
                       "runs of the follow-up"),
}


@pytest.mark.parametrize(("design", "top", "replicates", "parameters", "tables", "expected"),
                         OUT_OF_BOUNDS.values(), ids=OUT_OF_BOUNDS.keys())
def test_sizes_and_seeds_out_of_bounds_are_refused_before_any_run(
        tmp_path, capsys, simulations, design, top, replicates, parameters, tables, expected):
    path = write(tmp_path, design, top, replicates, parameters, tables)
    lines = path.read_text().splitlines(keepends=True)
    for key in ("root_seed", "workers", "years"):  # the case's value replaces the file's
        if f"{key} = " in top:
            lines.remove(next(line for line in lines[4:] if line.startswith(f"{key} = ")))
    path.write_text("".join(lines))
    start = time.monotonic()
    line = one_line_error(capsys, ["sweep", str(path), "--out", str(tmp_path / "out")])
    assert time.monotonic() - start < 5
    assert line.startswith(f"laborsim: error: {path}: ")
    assert expected in line
    assert simulations == []
    assert not (tmp_path / "out").exists()


def test_the_bounds_of_sweeps_and_runs_are_one_table():
    """The parameter sections declare their bounds from sim.model.params.limits."""
    import dataclasses

    from sim.model.params import PopulationParams, RunParams

    bounds = {f.name: f.metadata["bounds"] for f in dataclasses.fields(RunParams)}
    assert bounds["root_seed"] is limits.ROOT_SEED
    assert bounds["seeds"] is limits.SEEDS
    assert bounds["years"] is limits.YEARS
    workers = next(f for f in dataclasses.fields(PopulationParams) if f.name == "workers")
    assert workers.metadata["bounds"] is limits.WORKERS


@pytest.mark.parametrize(("option", "expected"), [
    (["--set", "run.root_seed=18446744073709551616"], "run.root_seed must be an integer in "
                                                     "[0, 9223372036854775807]"),
    (["--seeds", "1000000000"], "run.seeds must be an integer in [1, 100000]"),
    (["--workers", "1000000000000"], "population.workers must be an integer in [50, "
                                     "50000000]"),
    (["--years", "10000"], "run.years must be an integer in [1, 200]"),
])
@pytest.mark.parametrize("command", ["run", "thesis"])
def test_run_and_thesis_refuse_the_same_bounds_before_any_run(tmp_path, capsys, simulations,
                                                              command, option, expected):
    line = one_line_error(capsys, [command, *option, "--out", str(tmp_path / "out"),
                                   "--quiet"])
    assert expected in line
    assert simulations == []


def small_sweep(tmp_path) -> Path:
    """4 points x 2 replicates = 8 runs, 0.1 s each."""
    return write(tmp_path, parameters='"ai.capability_growth" = { values = [0.1, 0.2, 0.3, '
                                      '0.4] }')


def test_a_sweep_above_the_run_threshold_needs_yes_and_runs_nothing_without_it(
        tmp_path, capsys, simulations, monkeypatch):
    monkeypatch.setattr(limits, "CONFIRM_RUNS", 5)
    path = small_sweep(tmp_path)
    out = tmp_path / "out"
    line = one_line_error(capsys, ["sweep", str(path), "--out", str(out), "--jobs", "1",
                                   "--quiet"])
    assert line == (f"laborsim: error: {path}: a large sweep: 8 runs (4 points x 2 replicates), "
                    "more than 5; add --yes to run it (--dry-run prints its estimated time)")
    assert simulations == []
    assert not out.exists()
    assert main(["sweep", str(path), "--out", str(out), "--jobs", "1", "--quiet",
                 "--yes"]) == 0
    printed = capsys.readouterr().out
    assert "a large sweep: 8 runs (4 points x 2 replicates); one run took" in printed
    assert "(more than 5 runs); --yes given" in printed
    assert len(simulations) == 1 + 8  # the timed run, then the sweep


def test_a_morris_screening_counts_its_follow_up(tmp_path, capsys, simulations, monkeypatch):
    monkeypatch.setattr(limits, "CONFIRM_RUNS", 20)
    path = write(tmp_path, "morris", "samples = 2", 1, RANGES,
                 "[followup]\ntop = 2\nsamples = 4\n")  # 6 runs, then 4 x 4 = 16
    line = one_line_error(capsys, ["sweep", str(path), "--out", str(tmp_path / "out")])
    assert "6 runs (6 points x 1 replicates) and 16 runs of the Sobol follow-up" in line
    assert simulations == []


def test_a_sweep_estimated_above_the_time_threshold_needs_yes(tmp_path, capsys, simulations,
                                                              monkeypatch):
    monkeypatch.setattr(limits, "CONFIRM_HOURS", 1e-9)
    path = small_sweep(tmp_path)
    line = one_line_error(capsys, ["sweep", str(path), "--out", str(tmp_path / "out"),
                                   "--jobs", "2", "--quiet"])
    assert "on 2 processes (more than 1e-09 hours); add --yes to run it" in line


def test_a_small_sweep_times_no_run_before_it_starts(tmp_path, capsys, simulations,
                                                     monkeypatch):
    timed = []
    real = cli_sweep._estimate
    monkeypatch.setattr(cli_sweep, "_estimate", lambda *a: timed.append(a) or real(*a))
    path = small_sweep(tmp_path)
    assert main(["sweep", str(path), "--out", str(tmp_path / "out"), "--jobs", "1",
                 "--quiet"]) == 0
    assert timed == []
    assert sorted(simulations) == list(range(8))


def test_the_run_bound_is_above_a_measured_run(tmp_path):
    """The a-priori bound that spares small sweeps a timed run is generous: above the time of
    a real run of the sweep (here 200 workers, 18 months)."""
    from sim.experiments.sweep.load import load_sweep
    from sim.experiments.sweep.tasks import evaluate, first_task

    sweep = load_sweep(small_sweep(tmp_path))
    start = time.perf_counter()
    evaluate(first_task(sweep))
    assert cli_sweep._run_bound_s(sweep) > time.perf_counter() - start
    assert cli_sweep._run_bound_s(sweep) == pytest.approx(18 * (0.010 + 5e-6 * 200))


def test_a_few_very_long_runs_are_judged_by_their_bound_without_timing_one(tmp_path, capsys,
                                                                            simulations):
    path = tmp_path / "long.toml"
    path.write_text(tiny_sweep(parameters=GRID, replicates=20, workers=20_000_000))
    assert main(["sweep", str(path), "--jobs", "1", "--quiet", "--out",
                 str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "one run could take up to about" in err and "--yes" in err
    assert err.count("\n") == 1 and simulations == []
