"""A running sweep's results on disk: Parquet parts under ``parts/``, streamed as runs finish.

Every batch of results is written as a pair of parts, each atomically: its timeseries first,
then its runs (a runs part is the commit mark). A sweep killed at any moment, even with
``kill -9``, loses only the runs of its last unwritten batch; a resumed sweep reads the
committed parts, runs only what is missing, and merges everything in run order.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from sim.errors import ExperimentError
from sim.store.paths import confined, write_target
from sim.store.schema import check_table
from sim.store.write import write_table

PARTS = "parts"


def part_files(folder: Path, pattern: str) -> list[Path]:
    """The parts matching ``pattern``, in name order; every one a plain file in a plain
    ``parts`` folder (a received folder may hold links)."""
    parts = confined(folder, PARTS, str(folder), directory=True)
    return [confined(folder, f"{PARTS}/{p.name}", str(parts)) for p in sorted(parts.glob(pattern))]


def read_part(path: Path, kind: str, columns: list[str] | None = None) -> pd.DataFrame:
    """One part, its footer checked first (:func:`sim.store.schema.check_table`)."""
    check_table(path, kind, {})
    try:
        return pd.read_parquet(path, columns=columns)
    except Exception as err:  # pyarrow raises several types for damaged files
        raise ExperimentError(f"{path}: cannot be read as Parquet ({err})") from None


def finished_run_ids(folder: Path) -> set[int]:
    """Run ids whose results are already on disk (in a committed runs part)."""
    done = set()
    for part in part_files(folder, "runs-*.parquet"):
        done.update(read_part(part, "runs", ["run_id"])["run_id"].tolist())
    return done


def write_part(folder: Path, rows: list[dict], frames: list[pd.DataFrame]) -> None:
    """Write one batch: its timeseries part, then its runs part (the commit mark)."""
    parts = write_target(folder, PARTS, directory=True)
    parts.mkdir(exist_ok=True)
    number = len(list(parts.glob("runs-*.parquet")))
    name = f"{number:06d}-{rows[0]['run_id']:09d}"
    frames = [f for f in frames if len(f)]
    if frames:
        write_table(parts / f"timeseries-{name}.parquet", pd.concat(frames, ignore_index=True))
    write_table(parts / f"runs-{name}.parquet", pd.DataFrame(rows))


def merged(folder: Path, kind: str, sort: list[str]) -> pd.DataFrame:
    """All parts of a kind, in run order (committed parts only, each run once)."""
    committed = {p.name.removeprefix("runs-") for p in part_files(folder, "runs-*.parquet")}
    frames = [read_part(p, kind) for p in part_files(folder, f"{kind}-*.parquet")
              if p.name.removeprefix(f"{kind}-") in committed]
    if not frames:
        return pd.DataFrame()
    frame = pd.concat(frames, ignore_index=True)
    if kind == "runs":
        frame = frame.drop_duplicates("run_id", keep="first")
    else:
        frame = frame.drop_duplicates(["run_id", "step"], keep="first")
    return frame.sort_values(sort).reset_index(drop=True)


def remove_parts(folder: Path) -> None:
    """Remove the parts once their runs are merged into the folder's tables."""
    shutil.rmtree(confined(folder, PARTS, str(folder), directory=True))
