"""``laborsim run`` and ``laborsim thesis``: run, save, and print what was found."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from sim.errors import LaborsimError
from sim.experiments.scenario import load_scenario, shortcut_overrides
from sim.experiments.summary import summary_table
from sim.experiments.thesis import HYPOTHESES
from sim.store.write import new_experiment_dir, refuse_existing
from sim.workflows.run import run_experiment
from sim.workflows.thesis import thesis, thesis_overrides


def check_jobs(jobs: int) -> None:
    """Refuse a number of worker processes below one."""
    if jobs < 1:
        raise LaborsimError(f"--jobs must be at least 1, got {jobs}")


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
    if args.out is not None:
        refuse_existing(args.out)
    p = scenario.params
    print(f"laborsim run: scenario '{scenario.name}', {p.run.seeds} seeds x "
          f"{p.population.workers:,} workers x {p.run.years} year{'s' * (p.run.years != 1)} "
          f"(+{p.run.burn_in_months} months burn-in), {min(args.jobs, p.run.seeds)} processes")
    experiment = run_experiment(scenario, out=args.out, jobs=min(args.jobs, p.run.seeds),
                                progress=not args.quiet)
    table = summary_table(experiment.runs)
    print()
    print(f"Horizon means across {len(experiment.runs) - experiment.failed} runs "
          "(95% interval of the mean, range over runs):")
    for row in table.itertuples():
        unit = f" {row.unit}" if row.unit else ""
        print(f"  {row.outcome:<34} {row.mean:8.3f}  [{row.ci_low:7.3f}, {row.ci_high:7.3f}]"
              f"  range {row.min:.3f} to {row.max:.3f}{unit}")
    if experiment.failed:
        print(f"\n{experiment.failed} of {len(experiment.runs)} runs failed; their errors are in "
              "runs.parquet (column 'error').")
    print(f"\nSaved: {experiment.folder}")
    return 1 if experiment.failed else 0


def cmd_thesis(args: argparse.Namespace) -> int:
    """``laborsim thesis``: four arms, decomposition, verdicts, report."""
    check_jobs(args.jobs)
    scenario = load_scenario(args.scenario, thesis_overrides(
        args.overrides, seeds=args.seeds, years=args.years, workers=args.workers))
    folder = args.out or new_experiment_dir(Path("results"), f"thesis-{scenario.name}",
                                            datetime.now(UTC))
    refuse_existing(folder)
    p = scenario.params
    print(f"laborsim thesis: scenario '{scenario.name}', 4 arms x {p.run.seeds} seeds x "
          f"{p.population.workers:,} workers x {p.run.years} year{'s' * (p.run.years != 1)}, "
          f"{min(args.jobs, 4 * p.run.seeds)} processes")
    result = thesis(scenario, jobs=min(args.jobs, 4 * p.run.seeds), progress=not args.quiet,
                    out=folder)
    print()
    print(f"{'':4}{'verdict':<14}{'estimate':>10}  {'95% interval':<22}hypothesis")
    for name, v in result.json["verdicts"].items():
        interval = f"[{v['ci_low']:+.2f}, {v['ci_high']:+.2f}]"
        print(f"{name:<4}{v['verdict']:<14}{v['estimate']:>+10.2f}  {interval:<22}"
              f"{HYPOTHESES[name]}")
        if v["verdict"] == "inconclusive":
            more = v.get("more_seeds_needed")
            print(f"{'':4}" + (f"about {more} more seeds would likely settle it"
                               if more is not None else
                               "too close to zero for more seeds to settle it"))
    low = result.json["shapley"]["unemployment_months"]["low"]
    print(f"\nLow-propensity workers, change in unemployment-months per worker vs no AI: "
          f"people channel {low['people']['mean']:+.2f}, technology channel "
          f"{low['tech']['mean']:+.2f}, total {low['total']['mean']:+.2f} "
          f"({result.json['n_seeds']} seeds).")
    print("Caveat: the answer follows from the model's assumptions (see the report's first "
          "screen).")
    print(f"\nReport: {folder / 'report.html'}")
    return 0
