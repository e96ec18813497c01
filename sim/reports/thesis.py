"""The thesis report: figures, report.md and a self-contained report.html.

A thin layer over :mod:`sim.experiments.thesis`: it draws the figures (matplotlib, no display)
and writes the words. The verdict and its caveats come first, so that an analyst who has never
seen the model can read them from the first screen. :class:`ThesisResult` is what
``sim.thesis()`` returns: the analysis, with its decomposition figure one call away.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sim.experiments.thesis import ARMS, GROUP_LABELS, HYPOTHESES, ThesisAnalysis, too_few_seeds
from sim.model.metrics import METRIC_DESCRIPTIONS
from sim.model.params import REGIMES, FirmParams
from sim.reports.figures import band, plt
from sim.reports.html import report_files
from sim.reports.text import counted, md_text, number
from sim.stats import MIN_BOOTSTRAP_VALUES

ARM_COLORS = {"no_ai": "0.35", "augmentation_only": "C0", "automation_only": "C1", "full": "C3"}
#: The arms with AI users (every arm but no AI).
AI_ARMS = tuple(arm for arm in ARMS if arm != "no_ai")
PART_COLORS = {"people": "C0", "tech": "C1"}
CAUSE_COLORS = {"demand": "0.6", "automation": "C1", "outcompeted": "C0", "policy": "C4",
                "quit": "0.85", "match": "C2", "retirement": "0.75"}

_FIRMS = FirmParams()  # the defaults the caveats quote
CAVEATS = (
    "This is a simulation, calibrated to US data without AI and to 2024 surveys of AI use; "
    "nothing in it was tuned toward a verdict. Its answer follows from its assumptions.",
    "Two assumptions weigh most: `firms.industry_demand_elasticity` (how much more a market "
    f"buys when AI makes its output cheaper; {_FIRMS.industry_demand_elasticity:g} by default) "
    "with `firms.labor_cost_share` (how much a labor saving lowers the price; "
    f"{_FIRMS.labor_cost_share:g} by default): the market's extra output employs the labor AI "
    "saves only when the elasticity is about 1 / labor share "
    f"({1 / _FIRMS.labor_cost_share:.1f}); below that AI saves labor; and the capability path "
    "(logistic by default; `plateau` and `fast_takeoff` scenarios exist). How far firms whose "
    "workers gain more take customers from the others is `firms.substitution_elasticity` "
    f"({_FIRMS.substitution_elasticity:g} by default, in the sensitivity sweep). Run the thesis "
    "on other scenarios or with `--set` to see where the verdict changes; the thesis map sweep "
    "(experiments/thesis_map.toml) charts it.",
    "Intervals are 95% bootstrap intervals across seeds: they measure simulation noise, not "
    "uncertainty about the model's assumptions.",
)


def decomposition_figure(decomposition: pd.DataFrame):
    """People and technology parts of each group's change in unemployment-months, with 95%
    intervals, and the total."""
    data = decomposition[decomposition["outcome"] == "unemployment_months"]
    groups = [g for g in ("low", "high", "all") if g in set(data["group"])]
    fig, ax = plt.subplots(figsize=(8, 4.2), constrained_layout=True)
    x = np.arange(len(groups))
    width = 0.26
    for offset, part in ((-width, "people"), (0.0, "tech"), (width, "total")):
        rows = data[data["part"] == part].set_index("group").loc[groups]
        err = np.vstack([rows["mean"] - rows["ci_low"], rows["ci_high"] - rows["mean"]])
        ax.bar(x + offset, rows["mean"], width, yerr=err, capsize=4,
               color=PART_COLORS.get(part, "0.3"),
               label={"people": "people channel (ranking, productivity, new work)",
                      "tech": "technology channel (automation, AI policies)",
                      "total": "total"}[part])
    ax.axhline(0, color="k", lw=0.8)
    ax.set_xticks(x, [GROUP_LABELS[g] for g in groups])
    ax.set_ylabel("change in unemployment-months per person\n(over the horizon, vs no AI)")
    ax.set_title("Who displaces whom: Shapley decomposition of the change from no AI")
    ax.legend(frameon=False, fontsize=8)
    return fig


def unemployment_figure(timeseries: pd.DataFrame):
    """Unemployment of the low- and high-propensity thirds over time, in each arm."""
    fig, axes = plt.subplots(1, 2, figsize=(11, 4), sharey=True, constrained_layout=True)
    for ax, group in zip(axes, ("low", "high"), strict=True):
        for arm in ARMS:
            band(ax, timeseries[timeseries["arm"] == arm],
                 f"unemployment_rate_{group}_propensity", arm, ARM_COLORS[arm])
        ax.set_title(f"Unemployment, {GROUP_LABELS[group]}")
        ax.set_xlabel("month (0 = January 2025)")
    axes[0].set_ylabel("percent")
    axes[0].legend(frameon=False, fontsize=8)
    return fig


def adoption_figure(timeseries: pd.DataFrame):
    """AI adoption among the employed and mean proficiency of users (the arms with AI: people
    adopt whenever any AI block is on)."""
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4), constrained_layout=True)
    for arm in AI_ARMS:
        frame = timeseries[timeseries["arm"] == arm]
        band(left, frame, "ai_adoption_rate", arm, ARM_COLORS[arm])
        band(right, frame, "mean_ai_proficiency", arm, ARM_COLORS[arm], scale=1)
    left.set_title("Employed who use AI, %")
    right.set_title("Mean proficiency of users (share of the frontier)")
    for ax in (left, right):
        ax.set_xlabel("month (0 = January 2025)")
    left.legend(frameon=False, fontsize=8)
    return fig


def wage_premium_figure(timeseries: pd.DataFrame):
    """Mean log wage of employed AI users minus that of non-users, unscaled, in the metric's
    own unit (:data:`sim.model.metrics.METRIC_DESCRIPTIONS`), as everywhere else."""
    fig, ax = plt.subplots(figsize=(6, 3.6), constrained_layout=True)
    for arm in AI_ARMS:
        band(ax, timeseries[timeseries["arm"] == arm], "ai_wage_premium", arm,
             ARM_COLORS[arm], scale=1)
    ax.axhline(0, color="k", lw=0.8)
    ax.set_title(f"AI wage premium ({METRIC_DESCRIPTIONS['ai_wage_premium'][0]})")
    ax.set_xlabel("month (0 = January 2025)")
    ax.legend(frameon=False, fontsize=8)
    return fig


def separations_figure(timeseries: pd.DataFrame):
    """Monthly separations by cause in the full arm (mean across seeds, stacked)."""
    frame = timeseries[timeseries["arm"] == "full"]
    causes = ["quit", "retirement", "match", "demand", "automation", "outcompeted", "policy"]
    columns = {"quit": "quits", "retirement": "retirements",
               **{c: f"separations_{c}" for c in causes[2:]}}
    causes = [c for c in causes if columns[c] in frame]  # folders from before careers
    means = frame.groupby("step")[[columns[c] for c in causes]].mean()
    fig, ax = plt.subplots(figsize=(8, 3.8), constrained_layout=True)
    ax.stackplot(means.index, *[means[columns[c]] for c in causes], labels=causes,
                 colors=[CAUSE_COLORS[c] for c in causes])
    ax.set_title("Separations by cause, full arm (workers a month)")
    ax.set_xlabel("month (0 = January 2025)")
    ax.legend(frameon=False, fontsize=8, loc="upper left")
    return fig


FIGURES = {
    "decomposition": ("Shapley decomposition", lambda r: decomposition_figure(r.decomposition)),
    "unemployment_by_propensity": ("Unemployment by propensity, each arm",
                                   lambda r: unemployment_figure(r.timeseries)),
    "adoption_proficiency": ("Adoption and proficiency", lambda r: adoption_figure(r.timeseries)),
    "ai_wage_premium": ("AI wage premium", lambda r: wage_premium_figure(r.timeseries)),
    "separations_by_cause": ("Separations by cause", lambda r: separations_figure(r.timeseries)),
}


def figures(result: ThesisAnalysis) -> dict:
    """Every report figure, by relative path (``figures/<name>.png``)."""
    return {f"figures/{name}.png": make(result) for name, (_, make) in FIGURES.items()}


def _number(x: float | None, digits: int = 2) -> str:
    return number(x, f"+.{digits}f")


def _interval(low: float | None, high: float | None, between: str = ", ") -> str:
    """``low to high`` (or ``[low, high]``), or n/a when there is no interval."""
    if _number(low) == number(None) or _number(high) == number(None):
        return number(None)
    text = f"{_number(low)}{between}{_number(high)}"
    return text if between != ", " else f"[{text}]"


def _estimate(entry: dict) -> str:
    """``mean [low, high]`` of a decomposition entry (``mean [n/a]`` without an interval)."""
    bounds = _interval(entry["ci_low"], entry["ci_high"])
    return f"{_number(entry['mean'])} {bounds if bounds.startswith('[') else '[' + bounds + ']'}"


def verdict_word(v: dict) -> str:
    """The verdict, with its reason when it is inconclusive for too few seeds (Markdown)."""
    word = md_text(v["verdict"])
    return f"{word}: {md_text(v['reason'])}" if too_few_seeds(v) else word


def verdict_sentence(name: str, v: dict, statistic: str) -> str:
    """One plain-words line per hypothesis: verdict, claim, test statistic and interval."""
    interval = ("no interval (too few seeds)" if too_few_seeds(v) else
                f"95% interval {_interval(v['ci_low'], v['ci_high'], ' to ')}")
    line = (f"**{name}: {verdict_word(v)}.** Claim: {HYPOTHESES[name]}. Test statistic: "
            f"{md_text(statistic)}; mean {_number(v['estimate'])}, {interval}.")
    if v["verdict"] == "inconclusive":
        more = v.get("more_seeds_needed")
        if more is not None:
            line += f" About {counted(more, 'more seed')} would likely settle it."
        elif not too_few_seeds(v):
            line += (" The effect is too close to zero for more seeds to settle it (over "
                     "1,000 would be needed).")
    return line


def plain_words(result: ThesisAnalysis) -> list[str]:
    """The decomposition of the low-propensity third's displacement in words."""
    low = result.json["shapley"]["unemployment_months"]["low"]
    people, tech, total = low["people"]["mean"], low["tech"]["mean"], low["total"]["mean"]
    agg = result.json["aggregate_displacement"]["mean"]
    comp = result.json["compositional_displacement"]["mean"]
    if total is None or not np.isfinite(total):
        first = ("The change in the low-propensity third's months unemployed could not be "
                 "computed (no complete seed).")
    else:
        first = (f"With AI, the low-propensity third spends {abs(total):.2f} "
                 f"{'more' if total > 0 else 'fewer'} months unemployed per person over the "
                 "horizon than without it.")
    return [
        first,
        f"Of that change, the people channel (AI-versed workers ranked above them and "
        f"out-producing them, and new AI work) accounts for {_number(people)} months and the "
        f"technology channel (automation and the firms' AI policies) for {_number(tech)} months.",
        f"Aggregate employment changes by {_number(agg)} percentage points; the employment gap "
        f"between the high- and low-propensity thirds by {_number(comp)} points.",
    ]


def markdown(result: ThesisAnalysis, title: str, images: dict[str, str]) -> str:
    """report.md (``images``: figure path -> link or data URI)."""
    j = result.json
    lines = [f"# {md_text(title)}", "",
             "**The question.** As AI spreads, is it AI itself that displaces workers, or the "
             "people who use AI well? (Fiverr's CEO: \"less risk of technology displacing "
             "people, more risk of people versed in technology displacing people who are "
             "not\".)", "", "## Verdict", "",
             "| hypothesis | verdict | estimate | 95% interval |", "|---|---|---|---|"]
    for name, v in j["verdicts"].items():
        lines.append(f"| {name}: {HYPOTHESES[name]} | **{verdict_word(v)}** | "
                     f"{_number(v['estimate'])} | {_interval(v['ci_low'], v['ci_high'], ' to ')} |")
    lines.append("")
    for name, v in j["verdicts"].items():
        lines.append(f"- {verdict_sentence(name, v, j['verdict_statistics'][name])}")
    few = (f" A 95% interval needs at least {MIN_BOOTSTRAP_VALUES} seeds: with fewer, no "
           "interval is computed (n/a) and no verdict is drawn."
           if j["n_seeds"] < MIN_BOOTSTRAP_VALUES else "")
    lines += ["", *[f"- {s}" for s in plain_words(result)], "",
              f"Based on {j['n_seeds']} seeds, each run in four arms with the same random draws "
              f"(no AI, people channel only, technology channel only, both).{few}", "",
              "## Caveats (read before quoting)", "", *[f"- {c}" for c in CAVEATS], "",
              "## The decomposition", "",
              "| group | people channel | technology channel | total |", "|---|---|---|---|"]
    for group, entry in j["shapley"]["unemployment_months"].items():
        if group not in GROUP_LABELS:
            continue
        cells = [_estimate(entry[p]) for p in ("people", "tech", "total")]
        lines.append(f"| {GROUP_LABELS[group]} | " + " | ".join(cells) + " |")
    lines += ["", "Change in unemployment-months per person over the horizon, vs no AI; "
              "mean [95% interval].", "",
              f"![decomposition]({images['figures/decomposition.png']})", "",
              "## By firm policy", "",
              "Workers employed, when AI arrived, by firms that run each regime:", "",
              "| regime | people channel | technology channel | total |", "|---|---|---|---|"]
    for regime in REGIMES:
        entry = j["per_policy"].get(regime)
        if not entry or _number(entry["total"]["mean"]) == number(None):
            continue
        lines.append(f"| {md_text(regime)} | " + " | ".join(
            _estimate(entry[p]) for p in ("people", "tech", "total")) + " |")
    lines += ["", "## Evidence from the events", ""]
    for kind, label in (("separation", "separations"), ("lost_hire", "lost hires")):
        entry = j["evidence"].get(kind)
        if entry and entry["count"]:
            shares = ", ".join(f"{md_text(c)} {number(100 * s, '.0f')}%" for c, s in
                               sorted(entry["share_by_cause"].items(), key=lambda kv: -kv[1]))
            lines.append(f"- Low-propensity {label} with AI (full arm, all seeds, "
                         f"{entry['count']:,}): {shares}.")
    for name, (caption, _) in list(FIGURES.items())[1:]:
        lines += ["", f"## {caption}", "", f"![{name}]({images[f'figures/{name}.png']})"]
    lines += ["", "## Definitions", "", *[f"- **{md_text(k)}**: {md_text(v)}" for k, v in
                                          j["outcome_definitions"].items()], ""]
    return "\n".join(lines)


def report(result: ThesisAnalysis, title: str) -> dict[str, str | bytes]:
    """The report's files: figures/*.png, report.md and a self-contained report.html."""
    return report_files("report", title, figures(result),
                        lambda images: markdown(result, title, images))


@dataclass
class ThesisResult(ThesisAnalysis):
    """What ``sim.thesis()`` returns: the analysis (``.table`` for the verdicts,
    ``.decomposition`` for the numbers, ``.json`` for thesis.json) and ``.plot()``."""

    @classmethod
    def of(cls, analysis: ThesisAnalysis) -> ThesisResult:
        """The result of ``analysis`` (the same objects, not copies)."""
        return cls(**{f.name: getattr(analysis, f.name) for f in dataclasses.fields(analysis)})

    def plot(self):
        """The decomposition figure (matplotlib), as in the report."""
        return decomposition_figure(self.decomposition)
