"""The thesis test: is it AI itself, or people who use AI well, that displaces workers?

Each seed runs in every arm of the factors (:mod:`sim.experiments.factors`; by default the
five AI blocks, 2**5 = 32 arms), all on one worker process sharing the months before AI
arrives (:func:`sim.experiments.runner.simulate_arms`), with the same draws in every arm
(common random numbers). Every outcome of every group (:mod:`sim.experiments.people`) is split
per seed into the exact Shapley values of the factors (:func:`sim.stats.shapley_values`), which
sum to its change from ``no_ai`` to ``full`` to floating point. The people channel is the sum
of the ``ranking`` and ``productivity`` values, the technology channel ``automation``'s;
``new_work`` and ``policies`` are reported on their own.

Five hypotheses (``../shared/reference/thesis.md``; :data:`HYPOTHESES`), each a per-seed
statistic whose positive sign supports it (:data:`STATISTICS`). Uncertainty: 95% bootstrap
intervals (BCa) of the mean over seeds, each quantity's resamples from its own generator
(:func:`sim.stats.bootstrap_rng`). A verdict is ``supported`` when the interval is above zero,
``rejected`` below, ``inconclusive`` otherwise, with the number of seeds that would likely
settle it; fewer than :data:`~sim.stats.MIN_BOOTSTRAP_VALUES` seeds give no interval. A number
that cannot be computed is None (JSON null), never NaN. This module does no input or output;
the report is drawn by :mod:`sim.reports.thesis`.
"""

from __future__ import annotations

from concurrent.futures import Executor
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from sim.experiments import people
from sim.experiments.factors import (
    FULL,
    NO_AI,
    arm_params,
    arms,
    channel_factors,
    format_factors,
    held_off,
)
from sim.experiments.runner import RunResult, run_calls, simulate_arms
from sim.experiments.tables import runs_table
from sim.model.occupations import default_occupations
from sim.model.params import Params
from sim.model.streams import replicate_seeds
from sim.stats import (
    MIN_BOOTSTRAP_VALUES,
    bootstrap_interval,
    bootstrap_rng,
    seeds_to_settle,
    shapley_values,
)

#: The hypotheses, in plain words (thesis.md's H1-H5; H1 and H4 in two parts).
HYPOTHESES = {
    "H1": "The not-versed's extra unemployment comes more from the people channel (AI users "
          "preferred in hiring and layoffs, and out-producing others) than from the "
          "technology channel (firms automating tasks)",
    "H1 relative": "The gap in unemployment between the not versed and the versed widens more "
                   "through the people channel than through the technology channel",
    "H2": "Aggregate employment (employees and freelancers over the labor force) moves less "
          "than its composition (the gap between the versed and the not versed)",
    "H2 per person": "The same, with months at work per person (in or out of the labor force, "
                     "or gone) instead of over the labor force",
    "H3": "The displacement hazard falls with AI proficiency: AI's effect on the layoff "
          "hazard is worse for never-users than for the most proficient users",
    "H4 upskilling": "Freelancers upskill faster than comparable employees",
    "H4": "Freelancers fare better with AI than comparable employees",
    "H5": "AI raises the wage premium of top skill with judgment work",
}

#: Each hypothesis in a few words, and the unit of its statistic (the report's first table).
SHORT = {
    "H1": ("people more than technology raise not-versed unemployment", "months/person"),
    "H1 relative": ("people widen the versed/not-versed gap more than technology",
                    "months/person"),
    "H2": ("aggregate employment moves less than its composition", "points"),
    "H2 per person": ("the same, per person rather than per labor-force member", "points"),
    "H3": ("layoff hazard: AI hurts never-users more than top users", "per 100 job-months"),
    "H4 upskilling": ("freelancers upskill faster than matched employees", "points"),
    "H4": ("freelancers fare better with AI than matched employees", "% of earnings"),
    "H5": ("AI raises the premium of top skill with judgment", "log points x 100"),
}

#: What each hypothesis' per-seed statistic is (positive supports it), with its unit.
STATISTICS = {
    "H1": "people part minus technology part of the not-versed's change in unemployment-"
          "months per person (months)",
    "H1 relative": "people part minus technology part of the change in the gap of "
                   "unemployment-months per person, not versed minus versed (months)",
    "H2": "|change in the employment-rate gap, versed minus not versed| minus |change in the "
          "employment rate of the whole cohort| (work months over labor-force months), full "
          "arm minus no AI (percentage points)",
    "H2 per person": "|change in the gap of the share of months at work per person, versed "
                     "minus not versed| minus |change in the cohort's share of months at work "
                     "per person|, full arm minus no AI (percentage points)",
    "H3": "AI's change in the layoff hazard of never-users minus that of the most proficient "
          "users (the top fifth of users by proficiency at the stated month), full arm minus "
          "no AI (layoffs per 100 employee-months)",
    "H4 upskilling": "AI proficiency at the horizon's end (all of it gained since AI arrived), "
                     "month-0 freelancers minus matched month-0 employees, full arm "
                     "(percentage points of the frontier)",
    "H4": "AI's effect on earnings (full arm over no AI, same people), month-0 freelancers "
          "minus matched month-0 employees (percent)",
    "H5": "change in the wage premium of the top skill fifth in judgment-heavy occupations, "
          "mean over the last year, full arm minus no AI (log points x 100)",
}

#: What each outcome is, in words (written to thesis.json).
OUTCOME_DEFINITIONS = {
    "unemployment_months": "months unemployed per person of the group over the horizon",
    "work_months": "months at work (employed or freelancing) per person over the horizon",
    "employee_months": "months employed per person over the horizon",
    "freelance_months": "months freelancing per person over the horizon",
    "labor_force_months": "months in the labor force per person over the horizon",
    "employment_rate": "work months over labor-force months of the group",
    "earnings": "earnings per person over the horizon, US dollars (wages and freelance "
                "earnings)",
    "layoffs": "layoffs per person over the horizon (separations for demand, automation, "
               "being outcompeted or a firm policy)",
    "hires": "hires into employment per person over the horizon",
    "hazard": "layoffs per 100 employee-months of the people in each bin of AI proficiency at "
              "the stated month in the full arm",
    "positions": "work months of everyone (entrants too) per person of the cohort",
    "wage_p10, wage_p50, wage_p90": "percentiles of the employed's log annual wage, mean over "
                                    "the last year",
    "skill_judgment_premium": "mean log wage of employees in the top skill fifth in "
                              "judgment-heavy occupations minus that of the others, mean over "
                              "the last year",
    "unemployment_gap": "unemployment_months of the not versed minus those of the versed",
    "employment_gap": "employment rate of the versed minus that of the not versed, "
                      "percentage points",
    "work_share_gap": "share of months at work per person (in or out of the labor force, or "
                      "gone), versed minus not versed, percentage points",
    "aggregate_employment": "employees and freelancers over the labor force, everyone, mean "
                            "over the horizon, percent",
    "cohort": "the people in the population in January 2025 (month 0), each followed until "
              "they leave the labor market for good; every group is the same people in every "
              "arm",
}

#: The reasons a verdict gives (``too_few_seeds_reason`` adds the minimum to the first).
TOO_FEW_SEEDS = "too few seeds"
ABOVE_ZERO = "the 95% interval is above zero"
BELOW_ZERO = "the 95% interval is below zero"
INCLUDES_ZERO = "the 95% interval includes zero"
NO_INTERVAL = "no interval could be computed"


def too_few_seeds_reason(minimum: int = MIN_BOOTSTRAP_VALUES) -> str:
    """The reason of a verdict drawn from too few seeds."""
    return f"{TOO_FEW_SEEDS}, at least {minimum} needed"


def too_few_seeds(v: dict) -> bool:
    """Whether the verdict ``v`` was refused for too few seeds."""
    return str(v.get("reason", "")).startswith(TOO_FEW_SEEDS)


def _finite(x: float | None) -> float | None:
    """``x``, or None when it is not a finite number (saved as JSON null, shown as n/a)."""
    return float(x) if x is not None and np.isfinite(x) else None


def verdict(statistic: np.ndarray, rng: np.random.Generator) -> dict:
    """Verdict on a per-seed statistic whose positive sign supports the hypothesis.

    ``verdict`` is ``supported`` (interval above zero), ``rejected`` (below zero) or
    ``inconclusive``, and ``reason`` says why in words. With fewer than
    :data:`~sim.stats.MIN_BOOTSTRAP_VALUES` seeds there is no interval and the verdict is
    ``inconclusive``, ``reason`` "too few seeds, at least N needed". ``estimate``, ``ci_low``
    and ``ci_high`` are None when there is no such number (never NaN). An inconclusive verdict
    also gives ``seeds_to_settle`` and ``more_seeds_needed`` (None when the effect is too close
    to zero, or the seeds too few, to say).

    >>> v = verdict(np.array([0.5, 0.7]), np.random.default_rng(0))
    >>> v["verdict"], v["reason"], v["ci_low"]
    ('inconclusive', 'too few seeds, at least 5 needed', None)
    """
    statistic = np.asarray(statistic, dtype=float)
    n = int(np.isfinite(statistic).sum())
    mean, low, high = bootstrap_interval(statistic, rng)
    if n < MIN_BOOTSTRAP_VALUES:
        word, reason = "inconclusive", too_few_seeds_reason()
    elif np.isfinite(low) and low > 0:
        word, reason = "supported", ABOVE_ZERO
    elif np.isfinite(high) and high < 0:
        word, reason = "rejected", BELOW_ZERO
    elif np.isfinite(low) and np.isfinite(high):
        word, reason = "inconclusive", INCLUDES_ZERO
    else:
        word, reason = "inconclusive", NO_INTERVAL
    out = {"verdict": word, "reason": reason, "estimate": _finite(mean),
           "ci_low": _finite(low), "ci_high": _finite(high), "n_seeds": n}
    if word == "inconclusive":
        needed = seeds_to_settle(statistic)
        if needed is not None:
            needed = max(needed, MIN_BOOTSTRAP_VALUES, n + 1)
        out["seeds_to_settle"] = needed
        out["more_seeds_needed"] = None if needed is None else needed - n
    return out


# ---------------------------------------------------------------------- one seed, every arm
@dataclass
class SeedResult:
    """One seed in every arm: the runs, and each arm's group outcomes (small: this is what a
    worker process sends back)."""

    seed: int
    runs: dict[str, RunResult] = field(repr=False)
    values: dict[str, dict[str, float]] = field(default_factory=dict)  # arm -> key -> value
    monthly: dict[str, dict[str, np.ndarray]] = field(default_factory=dict, repr=False)
    status_over_time: dict[str, np.ndarray] = field(default_factory=dict, repr=False)
    freelancers: dict[str, float] = field(default_factory=dict)  # H4's two statistics
    group_sizes: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Whether every arm ran."""
        return all(r.status == "ok" for r in self.runs.values()) and bool(self.values)


def aggregate_employment(timeseries: pd.DataFrame) -> float:
    """Employees and freelancers over the labor force, everyone, mean over the months, %."""
    return float(100 * (timeseries["employment"] / timeseries["labor_force"]
                        + timeseries["freelance_share"]).mean())


def run_seed(params: Params, factors: dict[str, tuple[str, ...]], seed: int,
             first_run_id: int = 0, versed_month: int = 0) -> SeedResult:
    """Run one seed in every arm of ``factors`` (the full arm first: it defines the groups)
    and measure every group in every arm (:mod:`sim.experiments.people`)."""
    arm_of = arm_params(params.replace("run", people=True, events=False), factors)
    order = {FULL: arm_of[FULL], **{a: p for a, p in arm_of.items() if a != FULL}}
    occupations = default_occupations()
    out = SeedResult(seed=seed, runs={})
    kept = {}

    def measure(arm: str, model) -> None:
        ledger = model.ledger
        if arm == FULL:
            groups = people.define_groups(ledger, occupations, versed_month)
            kept.update(groups=groups, full=ledger,
                        bins=people.proficiency_bins(ledger, versed_month,
                                                     groups["not_versed"]))
            out.group_sizes = {g: int(m.sum()) for g, m in groups.items()}
            out.status_over_time = people.status_over_time(ledger)
        out.values[arm] = people.arm_values(ledger, kept["groups"], kept["bins"])
        out.monthly[arm] = people.arm_monthly(ledger, kept["groups"])
        if arm == NO_AI:
            out.freelancers = people.freelancer_comparison(kept["full"], ledger, occupations)

    out.runs = simulate_arms(order, seed, first_run_id, finish=measure)
    for arm, result in out.runs.items():
        if result.status == "ok" and arm in out.values:
            out.values[arm]["aggregate_employment/all"] = aggregate_employment(
                result.timeseries)
    return out


# ---------------------------------------------------------------------- analysis
def derived_values(v: dict[str, float], months: int) -> dict[str, float]:
    """Outcomes built from others in one arm (``months``: reported months): the versed/not-
    versed gaps in unemployment-months, in the employment rate (points) and in the share of
    months at work per person of the group (points)."""
    return {"unemployment_gap/not_versed_minus_versed":
            v["unemployment_months/not_versed"] - v["unemployment_months/versed"],
            "employment_gap/versed_minus_not_versed":
            100 * (v["employment_rate/versed"] - v["employment_rate/not_versed"]),
            "work_share_gap/versed_minus_not_versed":
            100 * (v["work_months/versed"] - v["work_months/not_versed"]) / months}


@dataclass
class ThesisAnalysis:
    """Everything the thesis test found; ``table`` is the verdicts as a DataFrame, ``json``
    what thesis.json holds (:class:`sim.reports.thesis.ThesisResult` adds the figures)."""

    json: dict
    decomposition: pd.DataFrame  # one row per (outcome, group, part): mean, ci_low, ci_high
    values: pd.DataFrame  # one row per (seed, arm): every group outcome
    monthly: pd.DataFrame = field(repr=False)  # one row per (seed, arm, month)
    timeseries: pd.DataFrame = field(repr=False)  # every run's months, with an ``arm`` column
    runs: pd.DataFrame = field(repr=False)

    @property
    def table(self) -> pd.DataFrame:
        """Verdicts, one row per hypothesis."""
        return pd.DataFrame([{"hypothesis": name, "statement": HYPOTHESES[name], **v}
                             for name, v in self.json["verdicts"].items()])


def interval(x: np.ndarray, root_seed: int, name: str) -> dict:
    """Mean and 95% bootstrap interval of per-seed values ``x`` (None where not finite)."""
    mean, low, high = bootstrap_interval(np.asarray(x, dtype=float),
                                         bootstrap_rng(root_seed, name))
    return {"mean": _finite(mean), "ci_low": _finite(low), "ci_high": _finite(high)}


def decompose(values: pd.DataFrame, factors: dict[str, tuple[str, ...]], seeds: list[int]
              ) -> dict[str, dict[str, np.ndarray]]:
    """Per-seed Shapley values of every outcome: key -> part -> values over ``seeds``; parts
    are the factors, the channels (``people``, ``technology``) and ``total``."""
    arm_on = arms(factors)
    channels = channel_factors(factors)
    by_arm = {arm: values[values["arm"] == arm].set_index("seed").loc[seeds] for arm in arm_on}
    keys = [c for c in values.columns if "/" in c]
    out = {}
    for key in keys:
        outcome = {on: by_arm[arm][key].to_numpy(dtype=float) for arm, on in arm_on.items()}
        parts = shapley_values(outcome, list(factors))
        for channel, members in channels.items():
            parts[channel] = (sum(parts[f] for f in members) if members
                              else np.full(len(seeds), np.nan))
        parts["total"] = outcome[arm_on[FULL]] - outcome[arm_on[NO_AI]]
        out[key] = parts
    return out


#: The destinations of lost work in :func:`displacement_accounting`.
DESTINATIONS = ("to_versed", "to_other_users", "to_not_versed", "to_entrants",
                "to_automation", "to_no_one")


def displacement_accounting(values: pd.DataFrame, parts: dict, sizes: pd.DataFrame,
                            seeds: list[int], factors: list[str], technology: list[str]
                            ) -> dict[str, np.ndarray]:
    """Where the work lost with AI went, per seed (full arm against no AI, same people).

    Work months over the horizon change by ``d_g`` for each group ``g`` of versed, other
    users, not versed and entrants (people who entered after month 0). The groups that lose
    lose ``L`` months in all (the not-versed's among them), those that gain gain ``G``; the
    rest, ``L - G`` when positive, is positions that went. Every lost month is allocated in
    the same proportions: to each gaining group ``d_g / L``, to the positions that went
    ``(L - G) / L``. These are split between automation and no one in proportion to the
    factors' Shapley parts of the fall in everyone's work months: the ``technology`` factors'
    negative parts against the other factors' (fewer heads per unit of output, the policies).
    The shares sum to 1. A judgment: the arms' histories part after their first difference,
    so events cannot be matched one to one across arms; the allocation is proportional.

    Returns per seed: ``lost`` (the not-versed's lost work months; negative: they gained),
    ``not_versed_share_of_loss`` (their part of ``L``), ``share_<destination>`` for each of
    :data:`DESTINATIONS` (NaN when nobody lost work), and the not-versed's ``extra_layoffs``
    and ``lost_hires`` (hires without AI that did not happen with it; negative: more hires),
    events in all.
    """
    full = values[values["arm"] == FULL].set_index("seed").loc[seeds]
    none = values[values["arm"] == NO_AI].set_index("seed").loc[seeds]
    n = sizes.loc[seeds]

    def change(key: str, group: str) -> np.ndarray:  # group total, full minus no AI
        return ((full[f"{key}/{group}"] - none[f"{key}/{group}"]) * n[group]).to_numpy(float)

    cohort = n["all"].to_numpy(float)
    positions = parts["positions/total"]
    d = {"to_versed": change("work_months", "versed"),
         "to_other_users": change("work_months", "other_users"),
         "to_not_versed": change("work_months", "not_versed")}
    d["to_entrants"] = positions["total"] * cohort - change("work_months", "all")
    lost = sum(np.maximum(-x, 0) for x in d.values())
    gained = sum(np.maximum(x, 0) for x in d.values())
    gone = np.maximum(lost - gained, 0)
    losses = {f: np.maximum(-positions[f], 0) for f in factors}
    by_technology = sum((losses[f] for f in technology), np.zeros(len(seeds)))
    all_losses = sum(losses.values(), np.zeros(len(seeds)))
    automated = gone * np.where(all_losses > 0, by_technology / np.where(all_losses > 0,
                                                                         all_losses, 1), 0)
    safe = np.where(lost > 0, lost, 1.0)
    out = {"lost": -d["to_not_versed"],
           "not_versed_share_of_loss": np.where(lost > 0, np.maximum(-d["to_not_versed"], 0)
                                                / safe, np.nan)}
    for name, x in d.items():
        out[f"share_{name}"] = np.where(lost > 0, np.maximum(x, 0) / safe, np.nan)
    out["share_to_automation"] = np.where(lost > 0, automated / safe, np.nan)
    out["share_to_no_one"] = np.where(lost > 0, (gone - automated) / safe, np.nan)
    out["extra_layoffs"] = change("layoffs", "not_versed")
    out["lost_hires"] = -change("hires", "not_versed")
    return out


#: Other ways to group the five blocks into the two channels, for H1's robustness table: the
#: people channel's blocks and the technology channel's (the rest are in neither).
GROUPINGS = {
    "default": (("ranking", "productivity"), ("automation",)),
    "policies with people": (("ranking", "productivity", "policies"), ("automation",)),
    "new work with technology": (("ranking", "productivity"), ("automation", "new_work")),
    "both": (("ranking", "productivity", "policies"), ("automation", "new_work")),
    "two-channel test": (("ranking", "productivity", "new_work"), ("automation", "policies")),
}
#: The outcomes and groups of H1's robustness table.
ROBUSTNESS_OUTCOMES = ("unemployment_months/not_versed", "work_months/not_versed",
                       "earnings/not_versed", "unemployment_months/low", "work_months/low")


def h1_robustness(parts: dict, factors: dict[str, tuple[str, ...]]) -> dict[str, dict]:
    """H1's statistic (people part minus technology part, per seed) under each grouping of
    :data:`GROUPINGS` and for each outcome of :data:`ROBUSTNESS_OUTCOMES` (for unemployment a
    positive value supports H1; for work months and earnings, losses, a negative one does).
    Only with one factor per block (the default factors): empty otherwise."""
    if any(blocks != (name,) for name, blocks in factors.items()) or len(factors) < 5:
        return {}
    return {grouping: {key: sum(parts[key][f] for f in people)
                       - sum(parts[key][f] for f in technology)
                       for key in ROBUSTNESS_OUTCOMES}
            for grouping, (people, technology) in GROUPINGS.items()}


#: The outcomes :func:`derived_values` builds, and the aggregate rate of :func:`run_seed`.
DERIVED_KEYS = ("unemployment_gap/not_versed_minus_versed",
                "employment_gap/versed_minus_not_versed",
                "work_share_gap/versed_minus_not_versed", "aggregate_employment/all")


def outcome_keys() -> list[str]:
    """Every outcome key a seed's values hold (each arm's, decomposed into parts): the groups'
    (:func:`sim.experiments.people.outcome_keys`) and :data:`DERIVED_KEYS`."""
    return [*people.outcome_keys(default_occupations()), *DERIVED_KEYS]


def values_table(results: list[SeedResult]) -> pd.DataFrame:
    """One row per (seed, arm) of complete seeds: every group outcome, with the derived ones
    (:func:`derived_values`)."""
    rows = []
    for r in results:
        for arm, v in r.values.items():
            months = len(r.monthly[arm]["wage_p10"])
            rows.append({"seed": r.seed, "arm": arm, **v, **derived_values(v, months)})
    return pd.DataFrame(rows).sort_values(["arm", "seed"]).reset_index(drop=True)


def seed_statistics(result: SeedResult, factors: dict[str, tuple[str, ...]]
                    ) -> tuple[dict[str, dict[str, float]], dict[str, float]]:
    """One complete seed's Shapley parts (outcome key -> part -> value; parts as in
    :func:`decompose`) and hypothesis statistics (:data:`STATISTICS`): what a sweep point's
    run records (:mod:`sim.experiments.sweep.tasks`)."""
    values = values_table([result])
    parts = decompose(values, factors, [result.seed])
    statistics = hypothesis_statistics(values, parts, [result], [result.seed])
    return ({key: {part: float(x[0]) for part, x in by_part.items()}
             for key, by_part in parts.items()},
            {name: float(x[0]) for name, x in statistics.items()})


def analyze(results: list[SeedResult], factors: dict[str, tuple[str, ...]], root_seed: int,
            versed_month: int = 0) -> ThesisAnalysis:
    """Decompose, test and summarise the seeds' results (see the module)."""
    complete = [r for r in results if r.ok]
    seeds = sorted(r.seed for r in complete)
    values = values_table(complete)
    monthly = []
    for r in complete:
        for arm in r.values:
            for month in range(len(next(iter(r.monthly[arm].values())))):
                monthly.append({"seed": r.seed, "arm": arm, "step": month,
                                **{k: float(x[month]) for k, x in r.monthly[arm].items()},
                                **({k: float(x[month]) for k, x in r.status_over_time.items()}
                                   if arm == FULL else {})})
    sizes = pd.DataFrame([{"seed": r.seed, **r.group_sizes} for r in complete]).set_index("seed")
    parts = decompose(values, factors, seeds) if seeds else {}

    decomposition, shapley_json = [], {}
    # a channel of one factor is that factor: the same values get the same resamples
    alias = {c: members[0] for c, members in channel_factors(factors).items()
             if len(members) == 1}
    for key, by_part in parts.items():
        outcome, group = key.split("/", 1)
        entry = {}
        for part, x in by_part.items():
            entry[part] = interval(x, root_seed, f"{key}/{alias.get(part, part)}")
            decomposition.append({"outcome": outcome, "group": group, "part": part,
                                  **entry[part]})
        shapley_json.setdefault(outcome, {})[group] = entry

    statistics = hypothesis_statistics(values, parts, complete, seeds) if seeds else {}
    verdicts = {name: verdict(statistics.get(name, np.array([])),
                              bootstrap_rng(root_seed, name)) for name in HYPOTHESES}
    channels = channel_factors(factors)
    accounting = (displacement_accounting(values, parts, sizes, seeds, list(factors),
                                          channels["technology"]) if seeds else {})
    who = {name: interval(x, root_seed, f"who/{name}") for name, x in accounting.items()}
    robustness = {grouping: {key: interval(x, root_seed, f"robustness/{grouping}/{key}")
                             for key, x in by_key.items()}
                  for grouping, by_key in (h1_robustness(parts, factors) if seeds
                                           else {}).items()}
    json = {
        "n_seeds": len(seeds),
        "seeds": [int(s) for s in seeds],
        "factors": {name: list(blocks) for name, blocks in factors.items()},
        "factors_text": format_factors(factors),
        "held_off": held_off(factors),
        "channels": channels,
        "arms": list(arms(factors)),
        "versed_month": versed_month,
        "hypotheses": HYPOTHESES,
        "verdict_statistics": STATISTICS,
        "verdicts": verdicts,
        "shapley": shapley_json,
        "who_displaced_whom": who,
        "h1_robustness": robustness,
        "group_sizes": {g: float(sizes[g].mean()) for g in sizes.columns},  # mean over seeds
        "group_definitions": people.GROUP_DEFINITIONS,
        "outcome_definitions": OUTCOME_DEFINITIONS,
    }
    return ThesisAnalysis(json=json, decomposition=pd.DataFrame(decomposition), values=values,
                          monthly=pd.DataFrame(monthly), timeseries=pd.DataFrame(),
                          runs=pd.DataFrame())


def hypothesis_statistics(values: pd.DataFrame, parts: dict, results: list[SeedResult],
                          seeds: list[int]) -> dict[str, np.ndarray]:
    """Each hypothesis' per-seed statistic (:data:`STATISTICS`), over ``seeds``."""
    full = values[values["arm"] == FULL].set_index("seed").loc[seeds]
    none = values[values["arm"] == NO_AI].set_index("seed").loc[seeds]

    def effect(key: str) -> np.ndarray:
        return (full[key] - none[key]).to_numpy(float)

    def people_minus_tech(key: str) -> np.ndarray:
        return parts[key]["people"] - parts[key]["technology"]

    freelancers = {r.seed: r.freelancers for r in results}
    months = len(results[0].monthly[FULL]["wage_p10"])  # reported months
    return {
        "H1": people_minus_tech("unemployment_months/not_versed"),
        "H1 relative": people_minus_tech("unemployment_gap/not_versed_minus_versed"),
        "H2": (np.abs(effect("employment_gap/versed_minus_not_versed"))
               - np.abs(100 * effect("employment_rate/all"))),
        "H2 per person": (np.abs(effect("work_share_gap/versed_minus_not_versed"))
                          - np.abs(100 * effect("work_months/all") / months)),
        "H3": (effect(f"hazard/{people.BIN_LABELS[0]}")
               - effect(f"hazard/{people.BIN_LABELS[-1]}")),
        "H4 upskilling": 100 * np.array([freelancers[s]["upskilling"] for s in seeds]),
        "H4": np.array([freelancers[s]["earnings"] for s in seeds]),
        "H5": 100 * effect("skill_judgment_premium/last_year"),
    }


def run_thesis(params: Params, factors: dict[str, tuple[str, ...]], *, versed_month: int = 0,
               executor: Executor | None = None, jobs: int = 1,
               progress: bool = True) -> ThesisAnalysis:
    """Run every arm of ``factors`` for the seeds of ``params`` (each seed's arms on one
    worker process) and analyze them. Any ``concurrent.futures.Executor`` runs the seeds, or a
    local process pool of ``jobs`` processes."""
    if not 0 <= versed_month < params.run.months:
        raise ValueError(f"versed_month must be a reported month, 0 to {params.run.months - 1}")
    seeds = replicate_seeds(params.run.root_seed, params.run.seeds)
    n_arms = len(arms(factors))
    calls = [(params, factors, seed, i * n_arms, versed_month) for i, seed in enumerate(seeds)]
    results = run_calls(run_seed, calls, executor=executor, jobs=jobs, progress=progress,
                        label=f"thesis: seeds x {n_arms} arms", unit="seed",
                        failed=lambda r: not r.ok)
    analysis = analyze(results, factors, params.run.root_seed, versed_month)
    flat = [(arm, run) for r in results for arm, run in r.runs.items()]
    runs = runs_table([run for _, run in flat])
    runs.insert(1, "arm", [arm for arm, _ in flat])
    frames = [run.timeseries.assign(arm=arm, seed=np.uint64(run.seed))
              for arm, run in flat if run.status == "ok"]
    timeseries = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if len(timeseries):
        first = ["run_id", "arm", "seed", "step"]
        timeseries = timeseries[[*first, *[c for c in timeseries.columns if c not in first]]]
    analysis.runs = runs.sort_values("run_id").reset_index(drop=True)
    analysis.timeseries = timeseries
    return analysis
