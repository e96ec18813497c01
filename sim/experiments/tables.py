"""The tables of an experiment, built from its runs' results (no file is written here: the
store writes them as Parquet).

* ``runs``: one row per run: id, seed, status, error, wall time and the run's summary.
* ``timeseries``: every successful run's monthly metrics, stacked.
* ``events``: every run's events, stacked (when the runs recorded them).
"""

from __future__ import annotations

import pandas as pd

from sim.experiments.runner import RunResult
from sim.model.events import COLUMNS as EVENT_COLUMNS
from sim.model.metrics import METRIC_NAMES


def runs_table(results: list[RunResult]) -> pd.DataFrame:
    """One row per run: id, seed, status, error, wall time and the summary outcomes."""
    rows = []
    for r in results:
        rows.append({"run_id": r.run_id, "seed": r.seed, "status": r.status, "error": r.error,
                     "traceback": r.traceback, "wall_time_s": r.wall_time_s, **r.summary})
    frame = pd.DataFrame(rows)
    frame["seed"] = frame["seed"].astype("uint64")
    return frame


def timeseries_table(results: list[RunResult]) -> pd.DataFrame:
    """All runs' monthly metrics stacked: run_id, step, then one column per metric."""
    frames = [r.timeseries for r in results if r.status == "ok"]
    if not frames:
        return pd.DataFrame(columns=["run_id", "step", *METRIC_NAMES])
    return pd.concat(frames, ignore_index=True)


def events_table(results: list[RunResult]) -> pd.DataFrame:
    """All runs' events stacked (run_id, month, worker, firm, kind, cause)."""
    frames = [r.events for r in results if r.events is not None]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=["run_id", *EVENT_COLUMNS])
