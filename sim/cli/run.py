"""``laborsim run`` and ``laborsim thesis``: run, save, and print what was found."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from sim.errors import LaborsimError
from sim.experiments.factors import format_factors, held_off, parse_factors
from sim.experiments.scenario import load_scenario, shortcut_overrides
from sim.experiments.summary import summary_table
from sim.experiments.thesis import INCLUDES_ZERO, SHORT, too_few_seeds_reason
from sim.reports.text import counted, number, summary_lines
from sim.stats import MIN_BOOTSTRAP_VALUES
from sim.store.outputs import preflight
from sim.store.write import new_experiment_dir
from sim.workflows.run import run_experiment
from sim.workflows.thesis import check_versed_month, thesis, thesis_overrides

#: Most local worker processes: each is a Python process with a model in memory; beyond this
#: a machine thrashes rather than gains (a cluster takes --scheduler instead).
MAX_JOBS = 1024


def check_jobs(jobs: int) -> None:
    """Refuse a number of worker processes below one or above :data:`MAX_JOBS`."""
    if not 1 <= jobs <= MAX_JOBS:
        raise LaborsimError(f"--jobs must be between 1 and {MAX_JOBS}, got {jobs}")


def run_overrides(args: argparse.Namespace) -> list[str]:
    """``--set`` values plus the shortcut options, as ``section.key=value`` strings."""
    extra = shortcut_overrides(seeds=args.seeds, years=args.years, workers=args.workers)
    if args.events:
        extra.append("run.events=true")
    return [*args.overrides, *extra]


def cmd_run(args: argparse.Namespace) -> int:
    """``laborsim run``: run, save, print the summary table and the folder."""
    check_jobs(args.jobs)
    scenario = load_scenario(args.scenario, run_overrides(args))
    out = args.out or new_experiment_dir(Path("results"), scenario.name, datetime.now(UTC))
    preflight(out, "run", force=args.force)
    p = scenario.params
    print(f"laborsim run: scenario '{scenario.name}', {counted(p.run.seeds, 'seed')} x "
          f"{p.population.workers:,} workers x {counted(p.run.years, 'year')} "
          f"(+{p.run.burn_in_months} months burn-in), "
          f"{counted(min(args.jobs, p.run.seeds), 'process', 'processes')}")
    experiment = run_experiment(scenario, out=out, jobs=min(args.jobs, p.run.seeds),
                                progress=not args.quiet, force=args.force)
    table = summary_table(experiment.runs)
    print()
    print(f"Horizon means across {counted(len(experiment.runs) - experiment.failed, 'run')} "
          "(95% interval of the mean, range over runs):")
    print("\n".join(summary_lines(table, range_over_runs=True)))
    if experiment.failed:
        print(f"\n{experiment.failed} of {len(experiment.runs)} runs failed; their errors are in "
              "runs.parquet (column 'error').")
    print(f"\nSaved: {experiment.folder}")
    return 1 if experiment.failed else 0


def cmd_thesis(args: argparse.Namespace) -> int:
    """``laborsim thesis``: every arm of the factors, decomposition, verdicts, report."""
    check_jobs(args.jobs)
    scenario = load_scenario(args.scenario, thesis_overrides(
        args.overrides, seeds=args.seeds, years=args.years, workers=args.workers))
    factors = parse_factors(args.factors)
    check_versed_month(args.versed_month, scenario.params.run.months)
    folder = args.out or new_experiment_dir(Path("results"), f"thesis-{scenario.name}",
                                            datetime.now(UTC))
    preflight(folder, "thesis", force=args.force)
    p = scenario.params
    n_arms = 2 ** len(factors)
    jobs = min(args.jobs, p.run.seeds)  # one seed's arms run on one process
    print(f"laborsim thesis: scenario '{scenario.name}', {n_arms} arms x "
          f"{counted(p.run.seeds, 'seed')} x {p.population.workers:,} workers x "
          f"{counted(p.run.years, 'year')}, {counted(jobs, 'process', 'processes')}")
    print(f"factors: {format_factors(factors)}"
          + (f" (held off in every arm: {', '.join(held_off(factors))})"
             if held_off(factors) else ""))
    if p.run.seeds < MIN_BOOTSTRAP_VALUES:
        verb = "gives" if p.run.seeds == 1 else "give"
        print(f"note: {counted(p.run.seeds, 'seed')} {verb} no 95% interval: the "
              f"verdicts will be inconclusive ({too_few_seeds_reason()}); running anyway")
    result = thesis(scenario, jobs=jobs, progress=not args.quiet, out=folder, force=args.force,
                    factors=args.factors, versed_month=args.versed_month)
    print()
    print(verdict_table(result.json))
    print("\nPositive estimates support the claim. Caveat: the answer follows from the "
          "model's assumptions (see the report's first screen).")
    print(f"\nReport: {folder / 'report.html'}")
    return 0


def verdict_table(j: dict) -> str:
    """The verdicts as a terminal table: name, verdict, estimate, interval, unit, claim."""
    lines = [f"{'':14}{'verdict':<14}{'estimate':>9}  {'95% interval':<18}{'unit':<32}claim"]
    for name, v in j["verdicts"].items():
        interval = (f"[{number(v['ci_low'], '+.2f')}, {number(v['ci_high'], '+.2f')}]"
                    if v["ci_low"] is not None and v["ci_high"] is not None else "n/a")
        claim, unit = SHORT[name]
        lines.append(f"{name:<14}{v['verdict']:<14}{number(v['estimate'], '+.2f'):>9}  "
                     f"{interval:<18}{unit:<32}{claim}")
        lines += [f"{'':14}{line}" for line in verdict_notes(v)]
    return "\n".join(lines)


def verdict_notes(v: dict) -> list[str]:
    """What an inconclusive verdict needs, in words (no lines for a settled one)."""
    if v["verdict"] != "inconclusive":
        return []
    lines = [f"inconclusive: {v['reason']}"] if v.get("reason") else []
    more = v.get("more_seeds_needed")
    if more is not None:
        lines.append(f"about {counted(more, 'more seed')} would likely settle it")
    elif v.get("reason") == INCLUDES_ZERO:
        lines.append("too close to zero for more seeds to settle it")
    return lines
