"""Export an experiment folder to CSV files that open in a spreadsheet, with a README.txt that
says what every column is (units and meaning, from :mod:`sim.store.columns`)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from sim.errors import ExperimentError
from sim.store.columns import describe
from sim.store.read import Experiment
from sim.store.write import write_file


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
    lines.append("manifest.json: the experiment's manifest (parameters, seeds, versions, hashes).")
    return "\n".join(lines) + "\n"


def export_csv(experiment: Experiment, out: Path) -> list[Path]:
    """Write runs.csv, timeseries.csv, events.csv and points.csv (if any), parameters.csv,
    manifest.json and README.txt to ``out`` (atomically, file by file); returns the paths
    written."""
    out = Path(out)
    if out.resolve() == experiment.folder.resolve():
        raise ExperimentError(f"{out}: export into another folder than the experiment itself")
    out.mkdir(parents=True, exist_ok=True)
    tables = {"runs": experiment.runs, "timeseries": experiment.timeseries}
    if experiment.events is not None:
        tables["events"] = experiment.events
    if experiment.points is not None:
        tables["points"] = experiment.points
    tables["parameters"] = experiment.parameters
    written = []
    for name, frame in tables.items():
        path = out / f"{name}.csv"
        write_file(path, frame.to_csv(index=False))
        written.append(path)
    write_file(out / "manifest.json", json.dumps(experiment.manifest, indent=2) + "\n")
    write_file(out / "README.txt", readme(experiment, tables))
    return [*written, out / "manifest.json", out / "README.txt"]
