"""Validation of the no-AI economy against US labor-market facts.

Runs the no_ai scenario (the baseline with both AI channels off) for several replicate seeds
and prints a Markdown table of every target in ``sim/experiments/validation.py``: the target
range and source, the model's mean, 95% interval of the mean and range over runs, and whether
the target is calibrated (a parameter was chosen with it in view) or validated. Then the AI
facts of January 2025 in the baseline, and the lists of the judgment and calibrated parameters
(read from the parameters' sources). This is the README's validation section; rerun it after
any change to a rule or a default.

    python experiments/validate.py                      # 20 seeds x 10,000 people x 10 years
    python experiments/validate.py --seeds 8 --figure docs/figures/baseline-overview.png
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import numpy as np
import pandas as pd

from sim import LaborMarket, load_scenario, run_replicates
from sim.experiments.tables import runs_table
from sim.experiments.validation import parameters_by_source, validation_table
from sim.model.rules.augmentation import skill_rank
from sim.model.state import EMPLOYED
from sim.model.streams import replicate_seeds
from sim.reports import figures
from sim.stats import t_interval


def fmt(value: float, percent: bool) -> str:
    """A number for the table: percent with one decimal for rates, else two decimals."""
    if value != value:  # NaN
        return "n/a"
    if value in (float("inf"), float("-inf")):
        return "-" if value < 0 else "+"
    return f"{100 * value:.1f}%" if percent else f"{value:.2f}"


def data_range(low: float, high: float, percent: bool) -> str:
    """The target range in words."""
    if low == float("-inf"):
        return f"< {fmt(high, percent)}"
    if high == float("inf"):
        return f"> {fmt(low, percent)}"
    return f"{fmt(low, percent)} to {fmt(high, percent)}"


def markdown(table: pd.DataFrame) -> str:
    """The validation table as Markdown, with the notes of its rows below it."""
    lines = ["| target | data | source | model mean [95% CI] | model range over runs | kind "
             "| in range |", "|---|---|---|---|---|---|---|"]
    notes = []
    for r in table.itertuples():
        p = r.percent
        verdict = "n/a" if r.runs == 0 else ("yes" if r.in_range else "**no**")
        if not r.required:
            verdict += ", reported only"
        if r.note:
            if r.note not in notes:
                notes.append(r.note)
            verdict += f" ({notes.index(r.note) + 1})"
        kind = "calibrated" if r.calibrated else "validated"
        lines.append(f"| {r.target} | {data_range(r.low, r.high, p)} | {r.source} | "
                     f"{fmt(r.mean, p)} [{fmt(r.ci_low, p)}, {fmt(r.ci_high, p)}] | "
                     f"{fmt(r.min, p)} to {fmt(r.max, p)} | {kind} | {verdict} |")
    lines.append("")
    lines += [f"({i}) {note}." for i, note in enumerate(notes, start=1)]
    return "\n".join(lines)


def parameter_markdown(kind: str) -> str:
    """The parameters whose source starts with ``kind`` as a Markdown table."""
    lines = ["| parameter | default | unit | source |", "|---|---|---|---|"]
    for row in parameters_by_source(kind):
        source = row["source"].replace("|", "/")
        lines.append(f"| `{row['key']}` | {row['value']} | {row['unit']} | {source} |")
    return "\n".join(lines)


def january_2025(seeds: list[int], workers: int) -> list[dict]:
    """AI facts of the baseline economy in month 0 (January 2025), one dict per seed."""
    rows = []
    for seed in seeds:
        params = load_scenario("baseline", [f"population.workers={workers}"]).params
        model = LaborMarket(params, seed=seed)
        model.step()
        w, occ, now = model.workers, model.occupations, model.now
        employed = w.status == EMPLOYED
        users = employed & w.ai_user
        support = users & (w.occupation == occ.code("customer_support"))
        rank = skill_rank(w.ability[support])
        gain = now.ai_gain[support]
        g = now.productivity_gain
        row = {"adoption": model.metrics.ai_adoption_rate,
               "time_saved": float((g[employed] / (1.0 + g[employed])).sum() / employed.sum()),
               "user_intensity": float(now.intensity[users].mean()),
               "heavy_users": float((now.intensity[users] >= 1 / 8).mean()),
               "per_hour_gain": float(g[users].mean() / now.intensity[users].mean()),
               "support_gain": gain.mean(), "novice_gain": gain[rank < 0.2].mean(),
               "top_gain": gain[rank > 0.8].mean(),
               "pass_through": model.metrics.ai_pay_pass_through,
               "new_work": float((w.new_work & employed).sum() / employed.sum()),
               "firms_automating": float((model.firms.automation_threshold
                                          <= model.frontier).mean())}
        for name in ("programmer", "finance", "other"):
            mine = employed & (w.occupation == occ.code(name))
            row[f"adoption_{name}"] = w.ai_user[mine].mean()
        rows.append(row)
    return rows


#: (key, fact, data, source, kind): kind is calibrated (a parameter was chosen with it in
#: view), validated (nothing was tuned to it) or judgment (sized by judgment from the source).
AI_TARGETS = (
    ("adoption", "employed using AI at work", "28% (Aug 2024)", "Bick, Blandin & Deming (2024)",
     "calibrated"),
    ("adoption_programmer", "programmers using AI", "79% (Denmark, 2023-24)",
     "Humlum & Vestergaard: software developers", "calibrated"),
    ("adoption_finance", "finance workers using AI", "34% (Denmark, 2023-24)",
     "Humlum & Vestergaard: financial advisors", "calibrated"),
    ("adoption_other", "other workers using AI", "n/a", "the rest of the workforce", "reported"),
    ("time_saved", "work hours saved by AI (all workers, net)", "1.4% (Nov 2024)",
     "Bick, Blandin & Deming (2025)", "calibrated"),
    ("user_intensity", "users' work hours with AI", "6-25% (Nov 2024)",
     "Bick, Blandin & Deming (2025)", "validated"),
    ("heavy_users", "users with AI an hour a day or more", "32% of users",
     "Bick, Blandin & Deming (2025)", "calibrated"),
    ("per_hour_gain", "users' extra output per hour with AI", "+33%",
     "Bick, Blandin & Deming (2025)", "validated"),
    ("support_gain", "customer-support users' productivity gain", "+14%",
     "Brynjolfsson, Li & Raymond (2025)", "validated"),
    ("novice_gain", "... least-skilled fifth", "+34%", "Brynjolfsson, Li & Raymond (2025)",
     "validated"),
    ("top_gain", "... most-skilled fifth", "about 0", "Brynjolfsson, Li & Raymond (2025)",
     "validated"),
    ("pass_through", "share of AI productivity gains reaching pay (users vs non-users)",
     "3-7% of time savings", "Humlum & Vestergaard (2025)", "validated"),
    ("new_work", "employed in new AI work", "8.4% of workers got new tasks",
     "Humlum & Vestergaard (2025), read as an eighth of their time (judgment)", "judgment"),
    ("firms_automating", "firms past their automation threshold", "about 10% (2025)",
     "Census Business Trends and Outlook Survey", "calibrated"),
)


def ai_markdown(rows: list[dict]) -> str:
    """The January 2025 AI calibration table as Markdown."""
    lines = ["| fact (January 2025) | data | source | kind | model mean [95% CI] |",
             "|---|---|---|---|---|"]
    for key, label, data, source, kind in AI_TARGETS:
        mean, low, high = t_interval(np.array([r[key] for r in rows]))
        lines.append(f"| {label} | {data} | {source} | {kind} | {100 * mean:.1f}% "
                     f"[{100 * low:.1f}%, {100 * high:.1f}%] |")
    return "\n".join(lines)


#: How to read the table's last two columns.
LEGEND = ("Kind: *calibrated* = a parameter was chosen with the target in view, or the target "
          "holds by construction; *validated* = nothing was tuned to it. Rows marked 'reported "
          "only' are comparisons (approximate data, or not comparable, as their note says); "
          "tests/experiments/test_calibration.py asserts the others.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--workers", type=int, default=10_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--figure", type=Path, help="also save the overview figure here")
    args = parser.parse_args()

    scenario = load_scenario("no_ai", [f"population.workers={args.workers}",
                                          f"run.years={args.years}"])
    params = scenario.params
    seeds = replicate_seeds(params.run.root_seed, args.seeds)
    results = run_replicates(params, seeds, jobs=args.jobs, label="validation")
    table = validation_table(runs_table(results))
    print(f"\nno_ai, {args.seeds} seeds x {args.workers:,} people x {args.years} years "
          f"(after {params.run.burn_in_months} months burn-in), root seed "
          f"{params.run.root_seed}:\n")
    print(LEGEND + "\n")
    print(markdown(table))
    ai_seeds = replicate_seeds(params.run.root_seed, max(2, min(args.seeds, 6)))
    print(f"\nBaseline with AI in January 2025 (month 0), {len(ai_seeds)} seeds x "
          f"{2 * args.workers:,} people:\n")
    print(ai_markdown(january_2025(ai_seeds, 2 * args.workers)))
    print(f"\nJudgment parameters ({len(parameters_by_source('judgment'))}: chosen by "
          "judgment, not estimated):\n")
    print(parameter_markdown("judgment"))
    print(f"\nCalibrated parameters ({len(parameters_by_source('calibrated'))}: chosen with a "
          "target in view):\n")
    print(parameter_markdown("calibrated"))
    if args.figure:
        timeseries = pd.concat([r.timeseries for r in results if r.status == "ok"])
        fig = figures.overview(timeseries, f"No AI: {args.seeds} runs, {args.workers:,} people")
        args.figure.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(args.figure, dpi=110)
        print(f"\nFigure: {args.figure}")


if __name__ == "__main__":
    main()
