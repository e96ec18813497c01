"""Export an experiment folder to CSV files that open in a spreadsheet, with a README.txt that
says what every column is (units and meaning, from :mod:`sim.store.columns`)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd

from sim.errors import ExperimentError
from sim.store.columns import describe
from sim.store.outputs import output_folder
from sim.store.read import Experiment
from sim.store.write import write_files

#: The exported experiment's manifest, under a name that does not make the export folder look
#: like an experiment folder.
SOURCE_MANIFEST = "source-manifest.json"


def readme(experiment: Experiment, tables: dict[str, pd.DataFrame]) -> str:
    """README.txt: what the folder is and every column of every exported file."""
    m = experiment.manifest
    scenario = m.get("scenario", {})
    lines = [
        f"laborsim experiment exported to CSV from {experiment.folder}",
        f"kind: {m.get('kind')}; scenario: {scenario.get('name')} - "
        f"{scenario.get('description', '')}",
        f"created: {m.get('created')}; laborsim {m.get('laborsim_version')}; "
        f"root seed {m.get('root_seed')}; runs: {m.get('runs', {}).get('total')} "
        f"({m.get('runs', {}).get('failed')} failed)",
        "",
        "Files are comma-separated, UTF-8, with a header row. Empty cells are missing values.",
        "Rates are shares between 0 and 1. Month 0 is January 2025.",
        "",
    ]
    for name, frame in tables.items():
        lines.append(f"{name}.csv ({len(frame):,} rows)")
        for column in frame.columns:
            if name == "parameters":
                unit, doc = {"section": ("name", "parameter section (TOML table)"),
                             "key": ("name", "parameter key"),
                             "value": ("as given", "resolved value used by every run")}[column]
            else:
                unit, doc = describe(name, column)
            lines.append(f"  {column} [{unit}]: {doc}")
        lines.append("")
    lines.append(f"{SOURCE_MANIFEST}: the exported experiment's manifest (parameters, seeds, "
                 "versions, hashes).")
    return "\n".join(lines) + "\n"


def export_csv(experiment: Experiment, out: Path, force: bool = False) -> list[Path]:
    """Write runs.csv, timeseries.csv, and events.csv, points.csv, groups.csv and
    group_months.csv (if any), parameters.csv,
    source-manifest.json (the experiment's manifest) and README.txt to ``out`` (atomically,
    file by file); returns the paths written.

    ``out`` must be new, empty or an earlier export's folder, never an experiment folder
    (``force``: write into any folder; :func:`sim.store.outputs.output_folder`).
    """
    out = Path(out)
    if os.path.realpath(out) == os.path.realpath(experiment.folder):
        raise ExperimentError(f"--out {out}: export into another folder than the experiment "
                              "itself")
    with output_folder(out, "export", force=force):
        return write_export(experiment, out)


def write_export(experiment: Experiment, out: Path) -> list[Path]:
    """The files of :func:`export_csv`, written into a claimed folder."""
    tables = {"runs": experiment.runs, "timeseries": experiment.timeseries}
    if experiment.events is not None:
        tables["events"] = experiment.events
    for name in ("points", "groups", "group_months"):
        if getattr(experiment, name) is not None:
            tables[name] = getattr(experiment, name)
    tables["parameters"] = experiment.parameters
    files = {f"{name}.csv": frame.to_csv(index=False) for name, frame in tables.items()}
    files[SOURCE_MANIFEST] = json.dumps(experiment.manifest, indent=2) + "\n"
    files["README.txt"] = readme(experiment, tables)
    write_files(out, files)
    return [out / name for name in files]
