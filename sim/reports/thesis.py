"""The thesis report: report.md and a self-contained report.html, with the figures.

A thin layer over :mod:`sim.experiments.thesis` (the numbers) and
:mod:`sim.reports.thesis_figures` (the figures). The verdicts, in plain words with units, and
the caveats come first: together they fit the first screen of a 1366x768 display (a browser
test checks), so that an analyst who has never seen the model reads both before any number.
:class:`ThesisResult` is what ``sim.thesis()`` returns: the analysis, with its factor waterfall
one call away.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from sim.experiments.thesis import (
    HYPOTHESES,
    SHORT,
    ThesisAnalysis,
    too_few_seeds,
    too_few_seeds_reason,
)
from sim.model.params import FirmParams
from sim.reports.html import report_files
from sim.reports.text import counted, md_text, number
from sim.reports.thesis_figures import factor_waterfall, thesis_figures
from sim.stats import MIN_BOOTSTRAP_VALUES

#: Groups of the decomposition table, in order.
TABLE_GROUPS = ("not_versed", "versed", "other_users", "low", "middle", "high", "age_22_25",
                "age_26_34", "age_35_49", "age_50_plus", "exposed", "less_exposed", "all")

_FIRMS = FirmParams()  # the defaults the caveats quote


def caveats(j: dict) -> list[str]:
    """The caveats, short enough to fit the first screen with the verdicts."""
    return [
        "A simulation, calibrated to US data and 2024 surveys of AI use, never tuned toward a "
        "verdict: its answer follows from its assumptions, most of all how much more a market "
        "buys when AI makes output cheaper (`firms.industry_demand_elasticity`, "
        f"{_FIRMS.industry_demand_elasticity:g}) against labor's share of cost "
        f"(`firms.labor_cost_share`, {_FIRMS.labor_cost_share:g}); the thesis map sweep shows "
        "where verdicts change.",
        f"95% bootstrap intervals over {counted(j['n_seeds'], 'seed')}: simulation noise only, "
        "not uncertainty about the assumptions.",
        f"Versed: proficient AI users in the full arm at month {j['versed_month']} "
        f"({month_label(j['versed_month'])}); not versed: people who never use AI there (a "
        "group chosen partly by what AI did to them; the propensity thirds are fixed before "
        "AI). Each group is the same people in every arm.",
    ]


def month_label(step: int) -> str:
    """Month ``step`` (0 = January 2025) as ``Mon YYYY``."""
    names = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")
    return f"{names[step % 12]} {2025 + step // 12}"


def _number(x: float | None, digits: int = 2) -> str:
    return number(x, f"+.{digits}f")


def _interval(entry: dict, low: str = "ci_low", high: str = "ci_high") -> str:
    """``[low, high]``, or n/a when there is no interval."""
    if entry.get(low) is None or entry.get(high) is None:
        return number(None)
    return f"[{_number(entry[low])}, {_number(entry[high])}]"


def _estimate(entry: dict | None, key: str = "mean") -> str:
    """``mean [low, high]`` (``n/a`` parts where absent)."""
    if not entry:
        return number(None)
    return f"{_number(entry.get(key))} {_interval(entry)}"


def verdict_word(v: dict) -> str:
    """The verdict, with its reason when it is inconclusive for too few seeds (Markdown)."""
    word = md_text(v["verdict"])
    return f"{word}: {md_text(v['reason'])}" if too_few_seeds(v) else word


def settle_note(v: dict) -> str:
    """How many more seeds would settle an inconclusive verdict (empty when settled)."""
    if v["verdict"] != "inconclusive" or too_few_seeds(v):
        return ""
    more = v.get("more_seeds_needed")
    if more is not None:
        return f"about {counted(more, 'more seed')} would likely settle it"
    return "too close to zero for more seeds to settle it"


def _nowrap(text: str) -> str:
    """``text`` with non-breaking spaces, so that a table cell does not wrap it."""
    return text.replace(" ", "\u00a0")


def verdict_table(j: dict) -> list[str]:
    """The first screen's table: one row per hypothesis, in plain words with units, then what
    would settle the inconclusive ones."""
    lines = ["| | claim | verdict | estimate [95% interval] | unit |", "|---|---|---|---|---|"]
    notes = []
    for name, v in j["verdicts"].items():
        claim, unit = SHORT[name]
        if settle_note(v):
            notes.append(f"{md_text(name)}: {settle_note(v)}")
        lines.append(f"| **{_nowrap(md_text(name))}** | {md_text(claim)} | "
                     f"**{md_text(v['verdict'])}** | "
                     f"{_nowrap(_number(v['estimate']) + ' ' + _interval(v))} | "
                     f"{_nowrap(md_text(unit))} |")
    if notes:
        lines += ["", f"Inconclusive: {'; '.join(notes)}."]
    if any(too_few_seeds(v) for v in j["verdicts"].values()):
        lines += ["", f"Verdicts drawn from {counted(j['n_seeds'], 'seed')} are inconclusive: "
                  f"{md_text(too_few_seeds_reason())}."]
    return lines


def markdown(result: ThesisAnalysis, title: str, images: dict[str, str]) -> str:
    """report.md (``images``: figure path -> link or data URI)."""
    j = result.json
    lines = [f"# {md_text(title)}", "",
             "AI itself, or people versed in AI displacing those who are not? Each row tests one "
             "form of the claim; a positive estimate supports it.", "",
             *verdict_table(j), "", "**Caveats.**", "",
             *[f"- {c}" for c in caveats(j)], ""]
    lines += ["## The hypotheses and their statistics", ""]
    for name, v in j["verdicts"].items():
        lines.append(f"- **{md_text(name)}** ({verdict_word(v)}, {v['reason']}). "
                     f"{md_text(HYPOTHESES[name])}. Statistic, per seed: "
                     f"{md_text(j['verdict_statistics'][name])}.")
    few = (f" A 95% interval needs at least {MIN_BOOTSTRAP_VALUES} seeds: with fewer, no "
           "interval is computed (n/a) and no verdict is drawn."
           if j["n_seeds"] < MIN_BOOTSTRAP_VALUES else "")
    lines += ["", f"Based on {counted(j['n_seeds'], 'seed')}, each run in "
              f"{len(j['arms'])} arms with the same random draws (every subset of the factors "
              f"{md_text(', '.join(j['factors']))} switched on).{few}", ""]
    lines += factor_section(j, images)
    lines += who_section(j)
    lines += robustness_section(j)
    lines += ["## Outcomes by group over time", "",
              "Share of each group's January 2025 people at work (employed or freelancing), "
              "mean over seeds, in the no-AI arm, the full arm and each factor alone.", "",
              *image(images, "groups_over_time"),
              "Employment rate in the full arm of those proficient in AI that month, of other "
              "users and of non-users (the time-varying status).", "",
              *image(images, "status_over_time"),
              "## Layoff hazard by AI proficiency (H3)", "",
              "Bins by proficiency in the full arm at the stated month; the same people in "
              "both arms.", "", *image(images, "hazard_by_proficiency"),
              "## Wages (H5)", "", *image(images, "wage_percentiles"),
              "## Settings", "", *settings(j), "",
              "## Definitions", "",
              *[f"- **{md_text(k)}**: {md_text(v)}" for k, v in j["group_definitions"].items()],
              *[f"- **{md_text(k)}**: {md_text(v)}" for k, v in
                j["outcome_definitions"].items()], ""]
    return "\n".join(lines)


def image(images: dict[str, str], name: str) -> list[str]:
    """A figure's Markdown lines (none when the figure was not drawn)."""
    path = f"figures/{name}.png"
    return [f"![{name}]({images[path]})", ""] if path in images else []


def factor_section(j: dict, images: dict[str, str]) -> list[str]:
    """The Shapley decomposition by factor of each group's change in unemployment-months."""
    factors = list(j["factors"])
    parts = [*factors, "people", "technology", "total"]
    lines = ["## What each mechanism did, by group", "",
             "Change in unemployment-months per person over the horizon, full arm minus no AI, "
             "split into the exact Shapley value of each factor (they sum to the total); the "
             f"people channel is {md_text(' + '.join(j['channels']['people']) or 'none')}, the "
             f"technology channel {md_text(' + '.join(j['channels']['technology']) or 'none')}. "
             "Mean [95% interval].", "",
             "| group | size | " + " | ".join(md_text(p) for p in parts) + " |",
             "|---|---|" + "---|" * len(parts)]
    table = j["shapley"].get("unemployment_months", {})
    for group in TABLE_GROUPS:
        if group not in table:
            continue
        size = j["group_sizes"].get(group)
        lines.append(f"| {md_text(group)} | {number(size, ',.0f')} | "
                     + " | ".join(_estimate(table[group].get(p)) for p in parts) + " |")
    return [*lines, "", *image(images, "factor_waterfall")]


def who_section(j: dict) -> list[str]:
    """Where the work lost with AI went (the proportional accounting)."""
    w = j["who_displaced_whom"]
    if not w:
        return []
    rows = [("to versed workers", "share_to_versed"), ("to other AI users", "share_to_other_users"),
            ("to not-versed workers", "share_to_not_versed"),
            ("to entrants (after January 2025)", "share_to_entrants"),
            ("with positions automation removed", "share_to_automation"),
            ("with positions the other blocks removed (fewer heads per unit of output, policies)",
             "share_to_no_one")]
    lines = ["## Who displaced whom", "",
             f"The not versed lose {_estimate(w['lost'])} work-months in all (per seed; "
             "negative: they gain) with AI against without, "
             f"{_estimate(w['not_versed_share_of_loss'])} of all the work lost. Every lost "
             "work-month, theirs included, is allocated in proportion to where work was gained, "
             "or went (a judgment: the arms' histories differ, so events cannot be matched one "
             "to one):", "", "| went | share [95% interval] |", "|---|---|"]
    for label, key in rows:
        lines.append(f"| {label} | {_estimate(w.get(key))} |")
    lines += ["", f"In events: {_estimate(w['extra_layoffs'])} extra layoffs and "
              f"{_estimate(w['lost_hires'])} lost hires of the not versed per seed (hires "
              "without AI that did not happen with it).", ""]
    return lines


def robustness_section(j: dict) -> list[str]:
    """H1's statistic under other groupings of the blocks into channels, and other outcomes."""
    table = j.get("h1_robustness") or {}
    if not table:
        return []
    keys = list(next(iter(table.values())))
    lines = ["## H1 under other groupings and outcomes", "",
             "People part minus technology part of each outcome's change, mean [95% interval]. "
             "For unemployment-months a positive value supports H1; for work-months and "
             "earnings (losses are negative) a negative value does.", "",
             "| grouping (people / technology) | " + " | ".join(md_text(k) for k in keys) + " |",
             "|---|" + "---|" * len(keys)]
    for grouping, by_key in table.items():
        lines.append(f"| {md_text(grouping)} | "
                     + " | ".join(_estimate(by_key[k]) for k in keys) + " |")
    return [*lines, ""]


def settings(j: dict) -> list[str]:
    """The run's settings in words."""
    out = [f"- Factors: `{md_text(j['factors_text'])}` ({len(j['arms'])} arms)."]
    if j["held_off"]:
        out.append(f"- Held off in every arm: {md_text(', '.join(j['held_off']))}.")
    out.append(f"- Seeds: {', '.join(str(s) for s in j['seeds'])}.")
    return out


def report(result: ThesisAnalysis, title: str) -> dict[str, str | bytes]:
    """The report's files: figures/*.png, report.md and a self-contained report.html."""
    figures = {f"figures/{name}.png": figure for name, figure in
               thesis_figures(result).items()}
    return report_files("report", title, figures, lambda images: markdown(result, title, images))


@dataclass
class ThesisResult(ThesisAnalysis):
    """What ``sim.thesis()`` returns: the analysis (``.table`` for the verdicts,
    ``.decomposition`` for the numbers, ``.json`` for thesis.json) and ``.plot()``."""

    @classmethod
    def of(cls, analysis: ThesisAnalysis) -> ThesisResult:
        """The result of ``analysis`` (the same objects, not copies)."""
        return cls(**{f.name: getattr(analysis, f.name) for f in dataclasses.fields(analysis)})

    def plot(self):
        """The factor waterfall (matplotlib), as in the report."""
        return factor_waterfall(self.decomposition, list(self.json["factors"]),
                                channels=self.json["channels"])

