"""A table of bad inputs (issue 12, rule 12): every command, given a bad scenario or sweep file,
a bad argument or a bad folder, ends with exit code 2 (1 where a readable folder is merely not
intact, as ``verify`` and ``show`` document), exactly one non-empty line on standard error, no
traceback, nothing on standard output, nothing written, and no simulation started.

Each row is run in this process through ``sim.cli.main``. Simulations are forbidden while a
row runs: building a :class:`~sim.model.market.LaborMarket` or a process pool, or starting a
subprocess, raises :class:`Started` (a ``BaseException``, so that no ``except Exception``
swallows it), and every run, thesis and sweep row uses ``--jobs 1`` so that its runs would go
through this process. A row that takes more than :data:`ALARM_S` is cut off (bad input must be
refused at once, not after computing).

The bad folders are damaged copies of three small real folders (a run, a thesis and a sweep)
made once per module before the guard is on. "Resealed" damage rewrites the manifest's file
entries and its digest (``sim.store.write.signed``) as a hostile sender would, so that only
the defensive checks of loading can catch it; "edited" damage leaves the digest stale.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import traceback
import warnings
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest

from sim.cli import main

#: Seconds after which a row is interrupted, and the most a row may take.
ALARM_S = 20
MAX_S = 10

RUN = ["--seeds", "2", "--workers", "200", "--years", "1", "--jobs", "1", "--quiet",
       "--set", "run.burn_in_months=6"]
THESIS = ["--seeds", "3", "--workers", "200", "--years", "1", "--jobs", "1", "--quiet",
          "--set", "run.burn_in_months=6"]
SWEEP = ["--jobs", "1", "--quiet"]

GRID = ('"ai.capability_growth" = { values = [0.1, 0.8] }\n'
        '"firms.industry_demand_elasticity" = { values = [0.0, 1.0] }\n')
RANGES = ('"ai.capability_growth" = { min = 0.1, max = 0.8 }\n'
          '"firms.industry_demand_elasticity" = { min = 0.0, max = 1.5 }\n')
OUTCOME = '[[outcomes]]\nmetric = "unemployment_rate"\nstatistic = "path_mean"\n'


def sweep_text(*, top: str = "", scenario: str = '"baseline"', design: str = "grid",
               samples: str = "", replicates: str = "2", years: str = "1",
               workers: str = "200", root_seed: str = "5",
               overrides: str = '["run.burn_in_months=6"]', parameters: str = GRID,
               outcomes: str = OUTCOME, tail: str = "") -> str:
    """A tiny sweep definition (2 x 2 grid, 2 replicates, 200 workers, 1 year) with parts
    replaced (values as TOML text); ``top`` goes before the tables, ``tail`` after them."""
    return (f'{top}description = "tiny"\nscenario = {scenario}\ndesign = "{design}"\n'
            f"{samples}\nreplicates = {replicates}\nyears = {years}\nworkers = {workers}\n"
            f"root_seed = {root_seed}\nset = {overrides}\n\n[parameters]\n{parameters}\n"
            f"{outcomes}{tail}")


class Started(BaseException):  # noqa: N818 - it is a signal to the harness, not an error
    """Raised where a bad input started a simulation, a process pool or a subprocess."""


class TooSlow(BaseException):  # noqa: N818
    """Raised when a row runs past :data:`ALARM_S`."""


# -- the folders to damage ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def folders(tmp_path_factory) -> dict[str, Path]:
    """A small run, thesis and sweep folder, written by the command line (before the guard)."""
    root = tmp_path_factory.mktemp("good")
    made = {"run": root / "run", "thesis": root / "thesis", "sweep": root / "sweep"}
    assert main(["run", *RUN, "--out", str(made["run"])]) == 0
    assert main(["thesis", *THESIS, "--out", str(made["thesis"])]) == 0
    definition = root / "tiny.toml"
    definition.write_text(sweep_text(), encoding="utf-8")
    assert main(["sweep", str(definition), *SWEEP, "--out", str(made["sweep"])]) == 0
    for folder in made.values():
        assert main(["verify", str(folder)]) == 0
    return made


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def snapshot(path: Path) -> object:
    """What a path holds (files' bytes, links' targets), without following links."""
    if path.is_symlink():
        return ("link", os.readlink(path))
    if path.is_dir():
        return {p.name: snapshot(p) for p in sorted(path.iterdir())}
    if path.is_file():
        return path.read_bytes()
    return None


@dataclass
class Ctx:
    """What a row's builder works with: folders under ``tmp``, and what to check after."""

    tmp: Path
    good: dict[str, Path]
    keep: list[Path] = field(default_factory=list)
    absent: list[Path] = field(default_factory=list)
    cleanups: list[Callable[[], None]] = field(default_factory=list)

    def file(self, name: str, content: str | bytes) -> str:
        """A file written into the inputs folder; returns its path."""
        path = self.tmp / "in" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return str(path)

    def dir(self, name: str, *files: str) -> str:
        """A folder (with empty files of the given names); returns its path."""
        path = self.tmp / "in" / name
        path.mkdir(parents=True)
        for f in files:
            (path / f).write_text("notes\n", encoding="utf-8")
        self.keep.append(path)
        return str(path)

    def copy(self, kind: str, name: str | None = None) -> Path:
        """A copy of a good folder, checked afterwards to be unchanged by the command."""
        path = self.tmp / "cases" / (name or kind)
        shutil.copytree(self.good[kind], path, symlinks=True)
        self.keep.append(path)
        return path

    def outside(self, name: str, content: bytes) -> Path:
        """A file outside every folder given to the command, checked to be unchanged."""
        path = self.tmp / "outside" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        self.keep.append(path)
        return path

    def port(self) -> int:
        """A port nothing listens on."""
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            return s.getsockname()[1]

    def busy_port(self) -> int:
        """A port something listens on for the whole row."""
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        s.listen()
        self.cleanups.append(s.close)
        return s.getsockname()[1]

    def lock(self, folder: Path) -> Path:
        """Hold the folder's write lock for the row, as another laborsim process would (this
        process's PID written in it); returns the folder."""
        try:
            from sim.store.lock import LOCK
        except ImportError:
            LOCK = ".laborsim.lock"  # noqa: N806
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        self.cleanups.append(lambda: os.close(fd))
        return folder


def manifest_of(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def write_manifest(folder: Path, manifest: object, *, seal: bool) -> None:
    """Write a manifest; ``seal``: with a fresh digest, as a hostile sender can."""
    if seal:
        try:
            from sim.store.write import signed
        except ImportError:  # before the digest existed
            signed = None
        if signed is not None and isinstance(manifest, dict):
            manifest = signed(manifest)
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n",
                                          encoding="utf-8")


def edit(folder: Path, change: Callable[[dict], object], *, seal: bool = False) -> Path:
    """Change the manifest (``change`` edits it in place, or returns a list or dict to write
    instead)."""
    manifest = manifest_of(folder)
    result = change(manifest)
    write_manifest(folder, result if isinstance(result, list | dict) else manifest, seal=seal)
    return folder


def replace_file(folder: Path, relative: str, content: bytes) -> Path:
    """Replace a listed file and its manifest entry, resealed: consistent, hostile content."""
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)

    def change(m):
        entry = m["files"].setdefault(relative, {})
        entry.update(sha256=sha(content), bytes=len(content))

    return edit(folder, change, seal=True)


def replace_table(folder: Path, name: str, change: Callable[[pd.DataFrame], pd.DataFrame]
                  ) -> Path:
    """Rewrite a table through ``change`` and reseal its manifest entry (rows included)."""
    path = folder / f"{name}.parquet"
    frame = change(pd.read_parquet(path))
    frame.to_parquet(path, index=False)
    data = path.read_bytes()

    def entry(m):
        m["files"][f"{name}.parquet"].update(sha256=sha(data), bytes=len(data),
                                             rows=len(frame))

    return edit(folder, entry, seal=True)


def thesis_with(folder: Path, key: str, raw: str) -> Path:
    """thesis.json with the value of ``key`` replaced by the raw JSON text ``raw``, resealed."""
    document = json.loads((folder / "thesis.json").read_text(encoding="utf-8"))
    document[key] = "@@RAW@@"
    text = json.dumps(document, indent=2).replace('"@@RAW@@"', raw)
    return replace_file(folder, "thesis.json", text.encode("utf-8"))


def add_entry(folder: Path, relative: str, target: Path) -> Path:
    """A manifest entry ``relative`` (e.g. with ``..`` or absolute) whose hash matches the file
    at ``target``, resealed: only the confinement check can refuse it."""
    data = target.read_bytes()
    return edit(folder, lambda m: m["files"].__setitem__(
        relative, {"sha256": sha(data), "bytes": len(data)}), seal=True)


def symlinked(folder: Path, relative: str, ctx: Ctx) -> Path:
    """The listed file replaced by a link to an identical copy outside the folder."""
    target = ctx.outside(Path(relative).name, (folder / relative).read_bytes())
    (folder / relative).unlink()
    (folder / relative).symlink_to(target)
    return folder


def figures_symlinked(folder: Path, ctx: Ctx) -> Path:
    """The sweep's figures/ folder replaced by a link to an identical folder outside."""
    outside = ctx.tmp / "outside" / "figures"
    shutil.copytree(folder / "figures", outside)
    ctx.keep.append(outside)
    shutil.rmtree(folder / "figures")
    (folder / "figures").symlink_to(outside, target_is_directory=True)
    return folder


def victim_entry(folder: Path, ctx: Ctx) -> Path:
    """A 'stale figure' entry that names a file outside the folder (analyze deletes stale
    figures)."""
    victim = ctx.outside("victim.png", b"precious, not a figure\n")
    relative = os.path.relpath(victim, folder / "figures")
    return add_entry(folder, f"figures/{relative}", victim)


def raw_manifest(folder: Path, content: str | bytes) -> Path:
    """The manifest replaced by raw bytes or text (not sealed)."""
    path = folder / "manifest.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return folder


def manifest_a_directory(ctx: Ctx) -> Path:
    folder = Path(ctx.dir("odd"))
    (folder / "manifest.json").mkdir()
    return folder


def tampered(folder: Path) -> Path:
    with (folder / "runs.parquet").open("ab") as fh:
        fh.write(b"x")
    return folder


def emptied(folder: Path) -> Path:
    """Every file deleted and ``files: {}`` (digest left stale)."""
    for relative in manifest_of(folder)["files"]:
        (folder / relative).unlink()
    return edit(folder, lambda m: m.__setitem__("files", {}))


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def text_column(column: str) -> Callable[[pd.DataFrame], pd.DataFrame]:
    def change(frame: pd.DataFrame) -> pd.DataFrame:
        frame[column] = "high"
        return frame
    return change


def set_parameter(m: dict) -> None:
    m["parameters"]["market"]["quit_rate"] = 0.5


# -- the table ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Case:
    """One bad input: how to build the command line, the exit code it must give and what its
    one line must mention (the option, file or field at fault)."""

    id: str
    build: Callable[[Ctx], list[str]]
    mentions: tuple[str, ...] = ()
    code: int = 2
    stdout_empty: bool = True
    lines: int = 1


def scenario_case(name: str, content: str | bytes, *mentions: str, command: str = "run",
                  file: str = "bad.toml") -> Case:
    # no size options: they would override the file's own (bad) run.years, workers, seeds
    extra = [] if command == "params" else ["--jobs", "1", "--quiet"]
    return Case(f"scenario/{name}" + ("" if command == "run" else f"/{command}"),
                lambda c: [command, c.file(file, content), *extra], (file, *mentions))


def run_case(name: str, *args: str, mentions: tuple[str, ...] = (), command: str = "run"
             ) -> Case:
    extra = RUN if command == "run" else THESIS
    return Case(f"{command}/{name}", lambda c: [command, *extra, *args], mentions)


def sweep_case(name: str, *mentions: str, args: tuple[str, ...] = (), code: int = 2,
               stdout_empty: bool = True, **parts: str) -> Case:
    return Case(f"sweep/{name}", lambda c: ["sweep", c.file("bad.toml", sweep_text(**parts)),
                                            *SWEEP, *args], ("bad.toml", *mentions), code,
                stdout_empty)


def good_sweep(c: Ctx) -> str:
    return c.file("tiny.toml", sweep_text())


def unreachable(c: Ctx) -> list[str]:
    """A scheduler address nothing listens on; the connect timeout is capped at 12 s so that
    code without its own short timeout fails here in 12 s instead of Dask's default 30 s."""
    import dask.config

    setting = dask.config.set({"distributed.comm.timeouts.connect": "12s"})
    setting.__enter__()
    c.cleanups.append(lambda: setting.__exit__(None, None, None))
    return ["sweep", good_sweep(c), *SWEEP, "--scheduler", f"tcp://127.0.0.1:{c.port()}"]


HUGE_DIGITS = "1" + "0" * 5000
NOT_UTF8 = b'description = "caf\xe9 au lait"\n'

CASES = [
    # ---- the command line itself
    Case("args/no-command", lambda c: [], ("required",)),
    Case("args/unknown-command", lambda c: ["frobnicate"], ("frobnicate",)),

    # ---- scenario files (laborsim run FILE unless named)
    scenario_case("unknown-section", "[firm]\nmean_size = 10\n", "firm"),
    scenario_case("unknown-key", "[market]\nquit_rat = 0.1\n", "quit_rat"),
    scenario_case("number-as-string", '[market]\nquit_rate = "0.02"\n', "market.quit_rate"),
    scenario_case("float-for-integer", "[run]\nyears = 2.5\n", "run.years"),
    scenario_case("years-zero", "[run]\nyears = 0\n", "run.years"),
    scenario_case("negative-rate", "[market]\nquit_rate = -0.1\n", "market.quit_rate"),
    scenario_case("nan-rate", "[market]\nquit_rate = nan\n", "market.quit_rate"),
    scenario_case("infinite-size", "[firms]\nmean_size = inf\n", "firms.mean_size"),
    scenario_case("switch-as-string", '[ai]\nautomation = "false"\n', "ai.automation"),
    scenario_case("retired-key", "[ai]\naugmentation = false\n",
                  "'ai.augmentation' no longer exists", "ai.ranking"),
    scenario_case("unknown-choice", '[firms]\nlayoff_rule = "lifo"\n', "firms.layoff_rule"),
    scenario_case("shares-not-summing-to-one", "[policies]\nai_required = 1.0\n", "policies"),
    scenario_case("section-not-a-table", "population = 5\n", "population"),
    scenario_case("extends-not-a-string", "extends = 3\n", "extends"),
    scenario_case("extends-unknown", 'extends = "nosuch"\n', "nosuch"),
    scenario_case("extends-cycle", 'extends = "cyc.toml"\n', file="cyc.toml"),
    scenario_case("description-not-a-string", "description = 5\n", "description"),
    scenario_case("not-utf8", NOT_UTF8),
    scenario_case("not-toml", 'extends = "baseline\n'),
    scenario_case("nested-10000-deep", "x = " + nested(10_000) + "\n"),
    scenario_case("integer-of-5000-digits", f"[run]\nroot_seed = {HUGE_DIGITS}\n"),
    scenario_case("negative-root-seed", "[run]\nroot_seed = -1\n", "run.root_seed"),
    scenario_case("billion-workers", "[population]\nworkers = 1000000000\n",
                  "population.workers"),
    Case("scenario/a-directory", lambda c: ["run", c.dir("folder.toml"), *RUN],
         ("folder.toml",)),
    Case("scenario/missing-file", lambda c: ["run", str(c.tmp / "missing.toml"), *RUN],
         ("missing.toml",)),
    Case("scenario/unknown-name", lambda c: ["run", "baselin", *RUN], ("baselin",)),
    scenario_case("unknown-key", "[market]\nquit_rat = 0.1\n", "quit_rat", command="thesis"),
    scenario_case("not-utf8", NOT_UTF8, command="thesis"),
    scenario_case("not-utf8", NOT_UTF8, command="params"),
    scenario_case("integer-of-5000-digits", f"[run]\nroot_seed = {HUGE_DIGITS}\n",
                  command="params"),

    # ---- laborsim run and thesis arguments
    run_case("seeds-zero", "--seeds", "0", mentions=("seeds",)),
    run_case("seeds-negative", "--seeds", "-1", mentions=("seeds",)),
    run_case("seeds-a-billion", "--seeds", "1000000000", mentions=("seeds",)),
    run_case("seeds-not-a-number", "--seeds", "two", mentions=("--seeds",)),
    run_case("workers-zero", "--workers", "0", mentions=("workers",)),
    run_case("workers-a-trillion", "--workers", "1000000000000", mentions=("workers",)),
    run_case("years-zero", "--years", "0", mentions=("years",)),
    run_case("years-a-million", "--years", "1000000", mentions=("years",)),
    run_case("jobs-zero", "--jobs", "0", mentions=("--jobs",)),
    run_case("jobs-negative", "--jobs", "-4", mentions=("--jobs",)),
    run_case("set-without-equals", "--set", "market.quit_rate", mentions=("--set",)),
    run_case("set-without-section", "--set", "quit_rate=0.02", mentions=("quit_rate",)),
    run_case("set-unknown-key", "--set", "market.quitrate=0.02", mentions=("market.quitrate",)),
    run_case("set-unknown-section", "--set", "labour.workers=10", mentions=("labour",)),
    run_case("set-out-of-range", "--set", "market.quit_rate=1.5",
             mentions=("market.quit_rate",)),
    run_case("set-switch-yes", "--set", "ai.ranking=yes", mentions=("ai.ranking",)),
    # a key of an earlier version says what replaced it
    run_case("set-retired-key", "--set", "ai.augmentation=false",
             mentions=("'ai.augmentation' no longer exists", "ai.ranking", "ai.productivity",
                       "ai.new_work")),
    run_case("set-retired-key", "--set", "ai.demand_elasticity=0.5",
             mentions=("'ai.demand_elasticity' no longer exists",
                       "firms.industry_demand_elasticity"), command="thesis"),
    run_case("set-empty-value", "--set", "market.quit_rate=", mentions=("market.quit_rate",)),
    run_case("set-nan", "--set", "market.quit_rate=nan", mentions=("market.quit_rate",)),
    run_case("set-root-seed-of-5000-digits", "--set", f"run.root_seed={HUGE_DIGITS}",
             mentions=("run.root_seed",)),
    run_case("set-root-seed-above-int64", "--set", f"run.root_seed={2**64}",
             mentions=("run.root_seed",)),
    run_case("set-root-seed-negative", "--set", "run.root_seed=-5",
             mentions=("run.root_seed",)),
    Case("run/out-is-a-file", lambda c: ["run", *RUN, "--out", c.file("taken", "a file\n")],
         ("taken",)),
    Case("run/out-under-a-file", lambda c: ["run", *RUN, "--out",
                                            c.file("plain", "a file\n") + "/sub"], ("plain",)),
    Case("run/out-under-proc", lambda c: ["run", *RUN, "--out", "/proc/laborsim-bad/x"],
         ("/proc",)),
    Case("run/out-another-experiment",
         lambda c: ["run", *RUN, "--out", str(c.copy("thesis"))], ("thesis",)),
    Case("run/out-non-empty-folder",
         lambda c: ["run", *RUN, "--out", c.dir("notes", "notes.txt")], ("notes",)),
    Case("run/out-locked-by-another-writer",
         lambda c: ["run", *RUN, "--out", str(c.lock(c.tmp / "locked"))], (str(os.getpid()),)),
    run_case("seeds-zero", "--seeds", "0", mentions=("seeds",), command="thesis"),
    run_case("workers-a-trillion", "--workers", "1000000000000", mentions=("workers",),
             command="thesis"),
    run_case("jobs-zero", "--jobs", "0", mentions=("--jobs",), command="thesis"),
    run_case("set-root-seed-of-5000-digits", "--set", f"run.root_seed={HUGE_DIGITS}",
             mentions=("run.root_seed",), command="thesis"),
    Case("thesis/out-another-experiment",
         lambda c: ["thesis", *THESIS, "--out", str(c.copy("run"))], ("run",)),
    Case("thesis/out-under-proc", lambda c: ["thesis", *THESIS, "--out", "/proc/laborsim-bad"],
         ("/proc",)),
    Case("thesis/out-is-a-file",
         lambda c: ["thesis", *THESIS, "--out", c.file("taken", "a file\n")], ("taken",)),
    Case("params/set-float-for-integer", lambda c: ["params", "--set", "run.years=2.5"],
         ("run.years",)),
    Case("params/set-root-seed-of-5000-digits",
         lambda c: ["params", "--set", f"run.root_seed={HUGE_DIGITS}"], ("run.root_seed",)),

    # ---- sweep files
    sweep_case("unknown-design", "design", design="factorial"),
    sweep_case("unknown-top-level-key", "replicats", top="replicats = 3\n"),
    sweep_case("unknown-parameter", "ai.capability_grwth",
               parameters='"ai.capability_grwth" = { values = [0.1, 0.2] }\n'),
    sweep_case("retired-parameter", "'ai.demand_elasticity' no longer exists",
               "firms.industry_demand_elasticity",
               parameters='"ai.demand_elasticity" = { values = [0.5, 1.0] }\n'),
    sweep_case("retired-key-in-set", "'freelance.ai_task_demand' no longer exists",
               "freelance.ai_specialist_share",
               overrides='["freelance.ai_task_demand=0.1"]'),
    sweep_case("unknown-parameter-section", "aii",
               parameters='"aii.capability_growth" = { values = [0.1, 0.2] }\n'),
    sweep_case("min-above-max", "ai.capability_growth", design="lhs", samples="samples = 8",
               parameters='"ai.capability_growth" = { min = 0.6, max = 0.1 }\n'
                          '"firms.industry_demand_elasticity" = { min = 0.0, max = 1.5 }\n'),
    sweep_case("nan-bound", "ai.capability_growth", design="lhs", samples="samples = 8",
               parameters='"ai.capability_growth" = { min = nan, max = 0.5 }\n'
                          '"firms.industry_demand_elasticity" = { min = 0.0, max = 1.5 }\n'),
    sweep_case("grid-range-without-step", "step",
               parameters='"ai.capability_growth" = { min = 0.1, max = 0.6 }\n'),
    sweep_case("grid-step-zero", "step",
               parameters='"ai.capability_growth" = { min = 0.1, max = 0.6, step = 0 }\n'),
    sweep_case("grid-step-giving-2-million-values", "step",
               parameters='"firms.industry_demand_elasticity" = { min = 0.0, max = 1.0, '
                          'step = 5e-7 }\n'),
    sweep_case("value-out-of-range", "market.quit_rate",
               parameters='"market.quit_rate" = { values = [0.01, 1.5] }\n'),
    sweep_case("replicates-a-billion", "replicates", replicates="1000000000"),
    sweep_case("replicates-zero", "replicates", replicates="0"),
    sweep_case("replicates-a-string", "replicates", replicates='"2"'),
    sweep_case("lhs-2-million-samples", "samples", design="lhs", samples="samples = 2000000",
               parameters=RANGES),
    sweep_case("lhs-2-million-samples-even-with-yes", "samples", design="lhs",
               samples="samples = 2000000", parameters=RANGES, args=("--yes",)),
    # above the confirmation size (100,000 runs) but within the hard limit: --yes is needed,
    # and the estimate may be printed on standard output
    sweep_case("200000-runs-without-yes", "--yes", design="lhs", samples="samples = 2",
               replicates="100000", parameters=RANGES, stdout_empty=False),
    sweep_case("sobol-samples-not-a-power-of-two", "samples", design="sobol",
               samples="samples = 12", parameters=RANGES),
    sweep_case("no-outcomes", "outcomes", outcomes=""),
    sweep_case("unknown-metric", "unemployment",
               outcomes='[[outcomes]]\nmetric = "unemployment"\nstatistic = "path_mean"\n'),
    sweep_case("unknown-statistic", "median",
               outcomes='[[outcomes]]\nmetric = "unemployment_rate"\nstatistic = "median"\n'),
    sweep_case("root-seed-of-5000-digits", root_seed=HUGE_DIGITS),
    sweep_case("root-seed-above-int64", "root_seed", root_seed=str(2**63)),
    sweep_case("root-seed-negative", "root_seed", root_seed="-1"),
    sweep_case("a-billion-workers", "workers", workers="1000000000"),
    sweep_case("years-zero", "years", years="0"),
    sweep_case("bad-set-override", "market.quit_rate", overrides='["market.quit_rate=2"]'),
    sweep_case("set-not-a-list", "set", overrides='"market.quit_rate=0.02"'),
    sweep_case("unknown-scenario", "nosuch", scenario='"nosuch"'),
    sweep_case("heatmap-not-varied", "heatmap",
               top='heatmap = ["ai.quit_rate", "ai.capability_growth"]\n'),
    sweep_case("followup-without-morris", "followup", tail="[followup]\ntop = 2\n"),
    Case("sweep/base-scenario-with-unknown-key",
         lambda c: ["sweep", c.file("s.toml", sweep_text(scenario=json.dumps(
             c.file("base.toml", "[market]\nquit_rat = 0.1\n")))), *SWEEP], ("quit_rat",)),
    Case("sweep/not-utf8", lambda c: ["sweep", c.file("bad.toml", NOT_UTF8), *SWEEP],
         ("bad.toml",)),
    Case("sweep/not-toml", lambda c: ["sweep", c.file("bad.toml", "design = \n"), *SWEEP],
         ("bad.toml",)),
    Case("sweep/a-directory", lambda c: ["sweep", c.dir("folder.toml"), *SWEEP],
         ("folder.toml",)),
    Case("sweep/missing-file", lambda c: ["sweep", str(c.tmp / "missing.toml"), *SWEEP],
         ("missing.toml",)),

    # ---- sweep arguments
    Case("sweep/jobs-zero", lambda c: ["sweep", good_sweep(c), *SWEEP, "--jobs", "0"],
         ("--jobs",)),
    Case("sweep/batch-zero", lambda c: ["sweep", good_sweep(c), *SWEEP, "--batch", "0"],
         ("--batch",)),
    Case("sweep/out-and-resume", lambda c: ["sweep", good_sweep(c), *SWEEP, "--out",
                                            str(c.tmp / "a"), "--resume", str(c.tmp / "b")],
         ("--resume",)),
    Case("sweep/out-is-a-file",
         lambda c: ["sweep", good_sweep(c), *SWEEP, "--out", c.file("taken", "a file\n")],
         ("taken",)),
    Case("sweep/out-under-proc",
         lambda c: ["sweep", good_sweep(c), *SWEEP, "--out", "/proc/laborsim-bad"],
         ("/proc",)),
    Case("sweep/out-another-experiment",
         lambda c: ["sweep", good_sweep(c), *SWEEP, "--out", str(c.copy("run"))], ("run",)),
    Case("sweep/resume-missing-folder",
         lambda c: ["sweep", good_sweep(c), *SWEEP, "--resume", str(c.tmp / "nosuch")],
         ("nosuch",)),
    Case("sweep/resume-a-run-folder",
         lambda c: ["sweep", good_sweep(c), *SWEEP, "--resume", str(c.copy("run"))], ("run",)),
    Case("sweep/scheduler-nonsense",
         lambda c: ["sweep", good_sweep(c), *SWEEP, "--scheduler", "nonsense"], ("scheduler",)),
    Case("sweep/scheduler-without-host",
         lambda c: ["sweep", good_sweep(c), *SWEEP, "--scheduler", "tcp://"], ("scheduler",)),
    Case("sweep/scheduler-port-not-a-number",
         lambda c: ["sweep", good_sweep(c), *SWEEP, "--scheduler", "tcp://host:notaport"],
         ("scheduler",)),
    Case("sweep/scheduler-unreachable", unreachable, ("scheduler",)),

    # ---- verify: exit 2 when the folder cannot be used, 1 when it is readable but not intact
    Case("verify/missing-folder", lambda c: ["verify", str(c.tmp / "nosuch")], ("nosuch",)),
    Case("verify/a-file", lambda c: ["verify", c.file("plain", "a file\n")], ("plain",)),
    Case("verify/no-manifest", lambda c: ["verify", c.dir("empty")], ("manifest.json",)),
    Case("verify/manifest-a-directory", lambda c: ["verify", str(manifest_a_directory(c))],
         ("manifest.json",)),
    Case("verify/manifest-not-json",
         lambda c: ["verify", str(raw_manifest(c.copy("run"), "{not json"))],
         ("manifest.json",)),
    Case("verify/manifest-not-utf8",
         lambda c: ["verify", str(raw_manifest(c.copy("run"), b'{"a": "\xff"}'))],
         ("manifest.json",)),
    Case("verify/manifest-a-list",
         lambda c: ["verify", str(edit(c.copy("run"), lambda m: [m], seal=False))],
         ("manifest.json",)),
    Case("verify/manifest-nested-10000-deep",
         lambda c: ["verify", str(raw_manifest(c.copy("run"), '{"schema_version": 3, '
                                               '"files": {}, "x": ' + nested(10_000) + "}"))],
         ("manifest.json",)),
    Case("verify/files-a-list",
         lambda c: ["verify", str(edit(c.copy("run"), lambda m: m.__setitem__(
             "files", list(m["files"])), seal=True))], ("files",)),
    Case("verify/file-entry-not-an-object",
         lambda c: ["verify", str(edit(c.copy("run"), lambda m: m["files"].__setitem__(
             "runs.parquet", 5), seal=True))], ("runs.parquet",)),
    Case("verify/file-entry-bytes-a-string",
         lambda c: ["verify", str(edit(c.copy("run"), lambda m: m["files"][
             "runs.parquet"].__setitem__("bytes", "many"), seal=True))], ("bytes",)),
    Case("verify/schema-version-a-string",
         lambda c: ["verify", str(edit(c.copy("run"), lambda m: m.__setitem__(
             "schema_version", str(m["schema_version"])), seal=True))], ("schema_version",)),
    Case("verify/schema-version-a-float",
         lambda c: ["verify", str(edit(c.copy("run"), lambda m: m.__setitem__(
             "schema_version", float(m["schema_version"])), seal=True))], ("schema_version",)),
    Case("verify/schema-version-true",
         lambda c: ["verify", str(edit(c.copy("run"), lambda m: m.__setitem__(
             "schema_version", True), seal=True))], ("schema_version",)),
    Case("verify/schema-version-99",
         lambda c: ["verify", str(edit(c.copy("run"), lambda m: m.__setitem__(
             "schema_version", 99), seal=True))], ("schema_version",)),
    Case("verify/schema-version-missing",
         lambda c: ["verify", str(edit(c.copy("run"), lambda m: m.pop("schema_version"),
                                       seal=True))], ("schema_version",)),
    Case("verify/entry-with-dotdot",
         lambda c: ["verify", str(add_entry(c.copy("run"), "../outside/secret.txt",
                                            c.outside("secret.txt", b"secret\n")))],
         ("secret.txt",)),
    Case("verify/entry-absolute",
         lambda c: ["verify", str(add_entry(c.copy("run"), str(c.tmp / "outside" / "abs.txt"),
                                            c.outside("abs.txt", b"secret\n")))],
         ("manifest.json",)),
    Case("verify/entry-a-symlink",
         lambda c: ["verify", str(symlinked(c.copy("run"), "runs.parquet", c))],
         ("runs.parquet",)),
    # readable folders that are not intact: exit 1, the problem on one line (as documented)
    Case("verify/edited-parameter",
         lambda c: ["verify", str(edit(c.copy("run"), set_parameter))], ("manifest.json",),
         code=1),
    # (verify lists every problem, one line each: here four)
    Case("verify/files-emptied-and-deleted", lambda c: ["verify", str(emptied(c.copy("run")))],
         ("manifest.json",), code=1, lines=4),
    Case("verify/table-changed", lambda c: ["verify", str(tampered(c.copy("run")))],
         ("runs.parquet",), code=1),

    # ---- show (exit 1 only for a readable folder that is not intact)
    Case("show/manifest-not-json",
         lambda c: ["show", str(raw_manifest(c.copy("run"), "[1, 2"))],
         ("manifest.json",)),
    Case("show/files-a-list",
         lambda c: ["show", str(edit(c.copy("run"), lambda m: m.__setitem__(
             "files", list(m["files"])), seal=True))], ("files",)),
    Case("show/schema-version-a-float",
         lambda c: ["show", str(edit(c.copy("run"), lambda m: m.__setitem__(
             "schema_version", float(m["schema_version"])), seal=True))], ("schema_version",)),
    Case("show/runs-field-a-string",
         lambda c: ["show", str(edit(c.copy("run"), lambda m: m.__setitem__("runs", "many"),
                                     seal=True))], ("runs",)),
    Case("show/entry-with-dotdot",
         lambda c: ["show", str(add_entry(c.copy("run"), "../outside/secret.txt",
                                          c.outside("secret.txt", b"secret\n")))],
         ("secret.txt",)),
    Case("show/entry-a-symlink",
         lambda c: ["show", str(symlinked(c.copy("thesis"), "thesis.json", c))],
         ("thesis.json",)),
    Case("show/thesis-json-nested-10000-deep",
         lambda c: ["show", str(thesis_with(c.copy("thesis"), "evidence", nested(10_000)))],
         ("thesis.json",)),
    Case("show/thesis-json-integer-of-5000-digits",
         lambda c: ["show", str(thesis_with(c.copy("thesis"), "n_seeds", HUGE_DIGITS))],
         ("thesis.json",)),
    Case("show/thesis-json-verdicts-a-string",
         lambda c: ["show", str(thesis_with(c.copy("thesis"), "verdicts", '"all good"'))],
         ("thesis.json", "verdicts")),
    Case("show/runs-without-status",
         lambda c: ["show", str(replace_table(c.copy("run"), "runs",
                                              lambda f: f.drop(columns="status")))],
         ("runs.parquet", "status")),
    Case("show/runs-text-where-a-number-belongs",
         lambda c: ["show", str(replace_table(c.copy("run"), "runs",
                                              text_column("unemployment_rate_mean")))],
         ("runs.parquet", "unemployment_rate_mean")),
    Case("show/edited-parameter", lambda c: ["show", str(edit(c.copy("run"), set_parameter))],
         ("manifest.json",), code=1),
    Case("show/table-changed", lambda c: ["show", str(tampered(c.copy("run")))],
         ("runs.parquet",), code=1),

    # ---- export
    Case("export/manifest-not-json",
         lambda c: ["export", str(raw_manifest(c.copy("run"), "{"))],
         ("manifest.json",)),
    Case("export/entry-with-dotdot",
         lambda c: ["export", str(add_entry(c.copy("run"), "../outside/secret.txt",
                                            c.outside("secret.txt", b"secret\n")))],
         ("secret.txt",)),
    Case("export/entry-absolute",
         lambda c: ["export", str(add_entry(c.copy("run"), str(c.tmp / "outside" / "abs.txt"),
                                            c.outside("abs.txt", b"secret\n")))],
         ("manifest.json",)),
    Case("export/edited-parameter",
         lambda c: ["export", str(edit(c.copy("run"), set_parameter))], ("manifest.json",)),
    Case("export/thesis-json-integer-of-5000-digits",
         lambda c: ["export", str(thesis_with(c.copy("thesis"), "n_seeds", HUGE_DIGITS))],
         ("thesis.json",)),
    Case("export/runs-without-status",
         lambda c: ["export", str(replace_table(c.copy("run"), "runs",
                                                lambda f: f.drop(columns="status")))],
         ("runs.parquet", "status")),
    Case("export/out-another-experiment",
         lambda c: ["export", str(c.copy("run")), "--out", str(c.copy("thesis"))],
         ("thesis",)),
    Case("export/out-the-folder-itself",
         lambda c: ["export", str(c.copy("run")), "--out", str(c.tmp / "cases" / "run")],
         ("run",)),
    Case("export/out-is-a-file",
         lambda c: ["export", str(c.copy("run")), "--out", c.file("taken", "a file\n")],
         ("taken",)),
    Case("export/out-under-proc",
         lambda c: ["export", str(c.copy("run")), "--out", "/proc/laborsim-bad"], ("/proc",)),
    Case("export/out-non-empty-folder",
         lambda c: ["export", str(c.copy("run")), "--out", c.dir("notes", "notes.txt")],
         ("notes",)),
    Case("export/out-locked-by-another-writer",
         lambda c: ["export", str(c.copy("run")), "--out", str(c.lock(c.tmp / "locked"))],
         (str(os.getpid()),)),

    # ---- compare
    Case("compare/one-folder", lambda c: ["compare", str(c.copy("run"))], ("two",)),
    Case("compare/not-an-experiment-folder",
         lambda c: ["compare", str(c.copy("run")), c.dir("notes", "notes.txt")],
         ("notes",)),
    Case("compare/missing-folder",
         lambda c: ["compare", str(c.copy("run")), str(c.tmp / "nosuch")], ("nosuch",)),
    Case("compare/table-changed",
         lambda c: ["compare", str(c.copy("run")), str(tampered(c.copy("run", "run2")))],
         ("runs.parquet",)),
    Case("compare/edited-parameter",
         lambda c: ["compare", str(c.copy("run")), str(edit(c.copy("run", "run2"),
                                                            set_parameter))],
         ("manifest.json",)),
    Case("compare/entry-a-symlink",
         lambda c: ["compare", str(c.copy("run")),
                    str(symlinked(c.copy("run", "run2"), "timeseries.parquet", c))],
         ("timeseries.parquet",)),
    Case("compare/thesis-json-nested-10000-deep",
         lambda c: ["compare", str(c.copy("run")),
                    str(thesis_with(c.copy("thesis"), "evidence", nested(10_000)))],
         ("thesis.json",)),
    Case("compare/timeseries-text-where-a-number-belongs",
         lambda c: ["compare", str(c.copy("run")),
                    str(replace_table(c.copy("run", "run2"), "timeseries",
                                      text_column("unemployment_rate")))],
         ("timeseries.parquet", "unemployment_rate")),
    Case("compare/timeseries-without-step",
         lambda c: ["compare", str(c.copy("run")),
                    str(replace_table(c.copy("run", "run2"), "timeseries",
                                      lambda f: f.drop(columns="step")))],
         ("timeseries.parquet", "step")),
    Case("compare/unknown-metric",
         lambda c: ["compare", str(c.copy("run")), str(c.copy("run", "run2")),
                    "--metrics", "nosuch"], ("nosuch",)),
    Case("compare/unknown-arm",
         lambda c: ["compare", str(c.copy("run")), str(c.copy("thesis")), "--arm", "nosuch"],
         ("nosuch",)),
    Case("compare/out-another-experiment",
         lambda c: ["compare", str(c.copy("run")), str(c.copy("run", "run2")),
                    "--out", str(c.copy("thesis"))], ("thesis",)),
    Case("compare/out-is-a-file",
         lambda c: ["compare", str(c.copy("run")), str(c.copy("run", "run2")),
                    "--out", c.file("taken", "a file\n")], ("taken",)),
    Case("compare/out-under-proc",
         lambda c: ["compare", str(c.copy("run")), str(c.copy("run", "run2")),
                    "--out", "/proc/laborsim-bad"], ("/proc",)),

    # ---- analyze
    Case("analyze/a-run-folder", lambda c: ["analyze", str(c.copy("run"))], ("run",)),
    Case("analyze/missing-folder", lambda c: ["analyze", str(c.tmp / "nosuch")], ("nosuch",)),
    Case("analyze/edited-parameter",
         lambda c: ["analyze", str(edit(c.copy("sweep"), set_parameter))], ("manifest.json",)),
    Case("analyze/stale-figure-entry-outside-the-folder",
         lambda c: ["analyze", str(victim_entry(c.copy("sweep"), c))], ("victim.png",)),
    Case("analyze/figures-a-symlink-outside",
         lambda c: ["analyze", str(figures_symlinked(c.copy("sweep"), c))], ("figures",)),
    Case("analyze/heatmap-not-varied",
         lambda c: ["analyze", str(c.copy("sweep")), "--heatmap", "ai.nosuch",
                    "ai.capability_growth"], ("ai.nosuch",)),
    Case("analyze/heatmap-a-parameter-twice",
         lambda c: ["analyze", str(c.copy("sweep")), "--heatmap", "ai.capability_growth",
                    "ai.capability_growth"], ("--heatmap must name two different",)),
    Case("analyze/sweep-definition-unknown-design",
         lambda c: ["analyze", str(edit(c.copy("sweep"), lambda m: m["sweep"]["definition"]
                                        .__setitem__("design", "factorial"), seal=True))],
         ("design",)),
    Case("analyze/runs-without-status",
         lambda c: ["analyze", str(replace_table(c.copy("sweep"), "runs",
                                                 lambda f: f.drop(columns="status")))],
         ("runs.parquet", "status")),
    Case("analyze/locked-by-another-writer",
         lambda c: ["analyze", str(c.lock(c.copy("sweep")))], (str(os.getpid()),)),

    # ---- ui (the dashboard is never served: subprocesses are forbidden here)
    Case("ui/port-zero", lambda c: ["ui", "--no-browser", "--port", "0"], ("port",)),
    Case("ui/port-70000", lambda c: ["ui", "--no-browser", "--port", "70000"], ("port",)),
    Case("ui/port-negative", lambda c: ["ui", "--no-browser", "--port", "-1"], ("port",)),
    Case("ui/port-not-a-number", lambda c: ["ui", "--no-browser", "--port", "http"],
         ("--port",)),
    Case("ui/port-busy", lambda c: ["ui", "--no-browser", "--port", str(c.busy_port())],
         ("port",)),
]

#: Warnings that Python does not show by default (and the command line would not print).
HIDDEN_WARNINGS = (DeprecationWarning, PendingDeprecationWarning, ImportWarning,
                   ResourceWarning)


@pytest.fixture
def guard(monkeypatch, folders):
    """Forbid simulations, process pools and subprocesses, and cut off slow rows."""
    import sim.model.market

    def forbid(what):
        def refuse(*args, **kwargs):
            raise Started(what)
        return refuse

    monkeypatch.setattr(sim.model.market.LaborMarket, "__init__",
                        forbid("a simulation (LaborMarket)"))
    monkeypatch.setattr(ProcessPoolExecutor, "__init__", forbid("a process pool"))
    monkeypatch.setattr(subprocess.Popen, "__init__", forbid("a subprocess"))

    def alarm(signum, frame):
        raise TooSlow(f"still running after {ALARM_S} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    yield
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)


def test_the_table_is_large_and_its_ids_unique():
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]
    assert len(CASES) >= 70
    commands = {case.id.split("/")[0] for case in CASES}
    assert {"run", "thesis", "params", "sweep", "show", "verify", "export", "compare",
            "analyze", "ui", "scenario"} <= commands


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input(case: Case, tmp_path, monkeypatch, capfd, folders, guard):
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)  # default output folders (results/...) would appear here
    ctx = Ctx(tmp_path, folders)
    try:
        argv = case.build(ctx)
        kept = {path: snapshot(path) for path in ctx.keep}
        capfd.readouterr()
        started = None
        start = time.perf_counter()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            signal.setitimer(signal.ITIMER_REAL, ALARM_S)
            try:
                code = main(argv)
            except SystemExit as exit_:  # argparse mistakes exit through SystemExit
                code = exit_.code
            except (Started, TooSlow) as err:
                started, code = f"{type(err).__name__}: {err}", None
            except Exception:  # what the user would see as a traceback
                print(traceback.format_exc(), file=sys.stderr)
                code = None
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        seconds = time.perf_counter() - start
    finally:
        for cleanup in reversed(ctx.cleanups):
            cleanup()
    out, err = capfd.readouterr()
    shown = [f"{w.category.__name__}: {w.message}" for w in caught
             if not issubclass(w.category, HIDDEN_WARNINGS)]
    lines = [line for line in err.splitlines() if line.strip()] + shown
    report = f"exit {code}; stdout {out[-600:]!r}; stderr {err[-1500:]!r}; warnings {shown}"

    assert started is None, f"{started} before refusing the input; {report}"
    assert "Traceback" not in out + err, report
    assert code == case.code, report
    assert len(lines) == case.lines, report
    if case.code == 2:
        assert lines[0].startswith("laborsim") and "error" in lines[0], report
    for word in case.mentions:
        assert word in lines[0], f"the line does not mention {word!r}; {report}"
    if case.stdout_empty:
        assert out == "", report
    assert seconds < MAX_S, f"took {seconds:.1f} s; {report}"
    assert list(cwd.iterdir()) == [], f"wrote {list(cwd.iterdir())}; {report}"
    for path, before in kept.items():
        assert snapshot(path) == before, f"{path} was changed; {report}"
