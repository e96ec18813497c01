"""Dask faults during a sweep (sim/workflows/sweep.py, sim/experiments/sweep/cluster.py): when
every worker dies, or the scheduler goes away, or a process of the local pool is killed, the
sweep ends within a bounded wait with one line; every finished run is kept as parts, and
``--resume`` finishes the sweep with the tables of an uninterrupted one.

The clusters are real ``distributed.LocalCluster`` objects (workers as threads of this process,
talking TCP); the runs are slowed down so that the cluster can be taken away mid-sweep."""

from __future__ import annotations

import os
import signal
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from sim.cli import main
from sim.experiments.runner import process_pool
from sim.experiments.sweep import cluster as cluster_module
from sim.experiments.sweep import tasks
from sim.experiments.sweep.load import load_sweep
from sim.store.parts import PARTS, finished_run_ids
from sim.store.read import verify
from sim.workflows.sweep import PLAN, SweepIncomplete, run_sweep
from tests.workflows.test_sweep import assert_same_tables, sweep_file

distributed = pytest.importorskip("distributed")  # the cluster extra (installed for tests)

EIGHT = '"ai.capability_growth" = { values = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8] }'


@pytest.fixture
def fast_watch(monkeypatch):
    """A watch that looks every 0.1 s and gives up after 1 s without workers."""
    monkeypatch.setattr(cluster_module, "WORKERLESS_GRACE_S", 1.0)
    monkeypatch.setattr(cluster_module, "POLL_S", 0.1)


@pytest.fixture
def slow_runs(monkeypatch):
    """Each run takes at least 0.3 s (the workers are threads of this process)."""
    real = tasks.simulate

    def slow(params, seed, run_id=0):
        time.sleep(0.3)
        return real(params, seed, run_id)

    monkeypatch.setattr(tasks, "simulate", slow)


def local_cluster(workers: int = 2):
    return distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=False,
                                    protocol="tcp", host="127.0.0.1", dashboard_address=None)


def when_runs_are_saved(folder: Path, action, at_least: int = 2) -> threading.Thread:
    """Call ``action`` (in a thread) once ``at_least`` runs of ``folder`` are saved as parts."""
    def wait_then_act():
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if (folder / PARTS).exists() and len(finished_run_ids(folder)) >= at_least:
                break
            time.sleep(0.02)
        action()

    thread = threading.Thread(target=wait_then_act, daemon=True)
    thread.start()
    return thread


@pytest.fixture(scope="module")
def whole(tmp_path_factory) -> tuple[Path, Path]:
    """The sweep file of these tests and its uninterrupted result (in-process)."""
    root = tmp_path_factory.mktemp("whole")
    path = sweep_file(root, parameters=EIGHT, replicates=1, workers=200)
    return path, run_sweep(load_sweep(path), root / "whole", progress=False)


def test_every_worker_dying_ends_the_sweep_in_one_line_and_resume_finishes_it(
        whole, tmp_path, capsys, fast_watch, slow_runs):
    path, reference = whole
    folder = tmp_path / "out"
    with local_cluster() as cluster:
        thread = when_runs_are_saved(folder, lambda: cluster.scale(0))
        start = time.monotonic()
        code = main(["sweep", str(path), "--scheduler", cluster.scheduler_address,
                     "--out", str(folder), "--batch", "1", "--quiet"])
        elapsed = time.monotonic() - start
        thread.join()
    assert code == 2
    err = [line for line in capsys.readouterr().err.splitlines()
           if line.startswith("laborsim")]
    assert len(err) == 1, err
    assert "every worker is gone" in err[0]
    assert f"continue with: laborsim sweep {path} --resume {folder}" in err[0]
    assert elapsed < 30  # 8 runs of 0.3 s, then 1 s without workers (not a hang)
    saved = finished_run_ids(folder)
    assert 2 <= len(saved) < 8
    assert f"{len(saved)} of 8 runs are saved in {folder}" in err[0]
    assert not (folder / "manifest.json").exists()
    assert main(["sweep", str(path), "--resume", str(folder), "--jobs", "1", "--quiet"]) == 0
    assert verify(folder) == []
    assert_same_tables(reference, folder)


def test_a_lost_scheduler_ends_the_sweep_at_once_and_keeps_the_finished_runs(
        whole, tmp_path, fast_watch, slow_runs):
    path, reference = whole
    folder = tmp_path / "out"
    sweep = load_sweep(path)
    import dask

    # the workers of a closed scheduler try to reach it again for this long before they stop
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}), local_cluster() as \
            cluster, distributed.Client(cluster, timeout=2) as client:
        thread = when_runs_are_saved(folder, lambda: client.sync(cluster.scheduler.close))
        start = time.monotonic()
        with pytest.raises(SweepIncomplete) as caught:
            run_sweep(sweep, folder, executor=client.get_executor(pure=False), progress=False,
                      batch=1)
        elapsed = time.monotonic() - start
        thread.join()
    message = str(caught.value)
    assert "\n" not in message
    assert "lost the connection to the Dask scheduler" in message
    assert elapsed < 30
    assert caught.value.finished == len(finished_run_ids(folder)) >= 2
    assert caught.value.total == 8
    run_sweep(sweep, folder, resume=True, progress=False)
    assert_same_tables(reference, folder)


def test_a_cluster_without_workers_is_given_up_after_the_grace_period(tmp_path, fast_watch):
    path = sweep_file(tmp_path, parameters=EIGHT, replicates=1, workers=200)
    with local_cluster(workers=0) as cluster, distributed.Client(cluster) as client:
        start = time.monotonic()
        with pytest.raises(SweepIncomplete, match="every worker is gone") as caught:
            run_sweep(load_sweep(path), tmp_path / "out",
                      executor=client.get_executor(pure=False), progress=False)
        assert time.monotonic() - start < 10
    assert caught.value.finished == 0
    assert (tmp_path / "out" / PLAN).is_file()  # resumable


def test_a_killed_pool_process_ends_the_sweep_and_resume_finishes_it(whole, tmp_path):
    path, reference = whole
    folder = tmp_path / "out"
    pool = process_pool(2)

    def kill_one():
        os.kill(next(iter(pool._processes)), signal.SIGKILL)

    try:
        thread = when_runs_are_saved(folder, kill_one, at_least=1)
        with pytest.raises(SweepIncomplete, match="worker process died abruptly") as caught:
            # 8 points x 8 replicates keep the pool busy until the kill
            run_sweep(load_sweep(sweep_file(tmp_path, parameters=EIGHT, replicates=8,
                                            workers=200)),
                      folder, executor=pool, progress=False, batch=1)
        thread.join()
    finally:
        pool.shutdown(cancel_futures=True)
    assert 1 <= caught.value.finished < 64
    assert caught.value.finished == len(finished_run_ids(folder))
    assert not (folder / "manifest.json").exists()
    assert reference.exists()


def test_a_run_whose_future_raises_is_not_saved_and_resume_runs_it(whole, tmp_path):
    """A run that raises outside ``evaluate`` (e.g. Dask's KilledWorker) ends the sweep after
    the others, and resuming runs only that one."""
    path, reference = whole

    class Flaky:
        """An executor whose run 3 raises as a future (as a worker that died would)."""

        def __init__(self):
            self.pool = ThreadPoolExecutor(2)

        def submit(self, fn, task):
            if task.run_id == 3:
                future = Future()
                future.set_exception(RuntimeError("worker died while running it"))
                return future
            return self.pool.submit(fn, task)

    executor = Flaky()
    folder = tmp_path / "out"
    try:
        with pytest.raises(SweepIncomplete, match="1 run ended without a result") as caught:
            run_sweep(load_sweep(path), folder, executor=executor, progress=False)
    finally:
        executor.pool.shutdown()
    assert "run 3: RuntimeError: worker died while running it" in str(caught.value)
    assert finished_run_ids(folder) == set(range(8)) - {3}
    run_sweep(load_sweep(path), folder, resume=True, progress=False)
    assert_same_tables(reference, folder)
