"""What a manifest records besides the files: what was run, with what, and by which command.

:func:`experiment_manifest` gives the fields every experiment kind shares (scenario, resolved
parameters, seeds, runs, horizon, command) and :func:`environment` the software it ran with
(Python, platform, package versions, the git commit of the laborsim source).
"""

from __future__ import annotations

import platform
import subprocess
import sys
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import pandas as pd

PACKAGES = ("laborsim", "mesa", "numpy", "scipy", "pandas", "pyarrow", "matplotlib", "tqdm",
            "SALib", "distributed")


def git_state() -> dict[str, Any]:
    """Commit and dirty flag of the laborsim source tree, or nulls outside a git checkout."""
    source = Path(__file__).resolve().parents[2]
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=source, capture_output=True,
                                text=True, timeout=10, check=True).stdout.strip()
        status = subprocess.run(["git", "status", "--porcelain", "--", "sim", "scenarios"],
                                cwd=source, capture_output=True, text=True, timeout=10,
                                check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return {"commit": None, "dirty": None}
    return {"commit": commit, "dirty": bool(status.strip())}


def environment() -> dict[str, Any]:
    """Python, platform, package versions and git state, for the manifest."""
    packages = {}
    for name in PACKAGES:
        try:
            packages[name] = version(name)
        except PackageNotFoundError:
            packages[name] = None
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": packages,
        "git": git_state(),
    }


def command_line() -> list[str]:
    """The command line that is running, with the program name shortened."""
    return [Path(sys.argv[0]).name, *sys.argv[1:]]


def experiment_manifest(kind: str, scenario, params, created: datetime, seeds: list[int],
                        runs: pd.DataFrame, command: list[str] | None) -> dict[str, Any]:
    """Manifest fields common to every experiment kind (``scenario``: a
    :class:`~sim.experiments.scenario.Scenario`; ``params``: the resolved parameters)."""
    failed = int((runs["status"] != "ok").sum())
    software = environment()
    return {
        "kind": kind,
        "created": created.isoformat(timespec="seconds"),
        "laborsim_version": software["packages"]["laborsim"],
        "scenario": {"name": scenario.name, "description": scenario.description,
                     "files": list(scenario.files), "overrides": list(scenario.overrides)},
        "parameters": params.to_dict(),
        "root_seed": params.run.root_seed,
        "seeds": seeds,
        "runs": {"total": len(runs), "ok": len(runs) - failed, "failed": failed},
        "horizon_months": params.run.months,
        "command": command if command is not None else command_line(),
        "environment": software,
    }
