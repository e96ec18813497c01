"""The thesis test: is it AI itself, or people who use AI well, that displaces workers?

Four arms are run from one scenario with the same seeds (common random numbers): ``no_ai`` (both
channels off), ``augmentation_only`` (the people channel), ``automation_only`` (the technology
channel) and ``full`` (both). For each seed and outcome the change from ``no_ai`` to ``full`` is
split into a people and a technology part by the Shapley decomposition of the two channels:

    people = 1/2 [(aug - none) + (full - auto)],   tech = 1/2 [(auto - none) + (full - aug)],

which sum exactly to ``full - none``. Outcomes are measured for fixed groups of workers: the low-
and high-propensity thirds of the fixed AI-adoption trait (the same people in every arm), and
everyone; and, per policy regime, the workers employed by firms of that regime when AI arrived.

Uncertainty: per-seed paired differences, 95% bootstrap intervals of their mean (BCa), each
quantity's resamples drawn from its own generator (:func:`sim.stats.bootstrap_rng`). A
hypothesis is ``supported`` when its test statistic is positive and its interval excludes zero,
``rejected`` when negative and excluding zero, ``inconclusive`` otherwise, with the number of
seeds that would likely settle it. Fewer than :data:`~sim.stats.MIN_BOOTSTRAP_VALUES` seeds (5)
give no interval, and every verdict is then ``inconclusive``: "too few seeds, at least 5
needed". Each verdict says why in ``reason``; a number that cannot be computed is None
(JSON null), never NaN. This module does no input or output; the report is drawn by
:mod:`sim.reports.thesis`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from sim.experiments.runner import run_tasks
from sim.experiments.tables import runs_table
from sim.model.params import REGIMES, Params
from sim.model.streams import replicate_seeds
from sim.stats import (
    MIN_BOOTSTRAP_VALUES,
    bootstrap_interval,
    bootstrap_rng,
    seeds_to_settle,
    shapley,
)

ARMS = ("no_ai", "augmentation_only", "automation_only", "full")
GROUP_LABELS = {"low": "low-propensity third", "high": "high-propensity third",
                "all": "all people"}

#: What each outcome is, in words (written to thesis.json).
OUTCOME_DEFINITIONS = {
    "unemployment_months": "unemployment-months per person over the horizon: the sum over "
                           "reported months of the group's unemployed / people in the group "
                           "(in or out of the labor force)",
    "employment_rate_end": "share of the group's people employed in the last reported month",
    "employment_mean": "share of all people employed, mean over the reported months",
    "earnings": "cumulative earnings per person over the horizon, US dollars (wages and "
                "freelance earnings; nothing while unemployed or out of the labor force)",
    "displacement": "an outcome's change from no_ai, same seed: for unemployment-months, "
                    "positive means more unemployment",
    "groups": "low and high: bottom and top third of the fixed AI-adoption propensity (the same "
              "people in every arm; entrants join their third by propensity); all: every "
              "person; policy_<regime>: people employed, when AI arrived, by firms that run the "
              "regime, while they stay in the population",
    "aggregate_displacement": "change in the employment rate of all people (mean over the "
                              "horizon), full minus no_ai, percentage points",
    "compositional_displacement": "change in the employment-rate gap between the high- and "
                                  "low-propensity thirds (mean over the horizon), full minus "
                                  "no_ai, percentage points",
}

HYPOTHESES = {
    "H1": "The displacement of low-propensity workers comes more from the people channel "
          "(AI-versed workers out-producing them) than from the technology channel (automation)",
    "H2": "Aggregate employment moves less than its composition (the gap between high- and "
          "low-propensity workers)",
}


#: The model's AI blocks in each channel of the two-channel test: the people channel (AI users
#: ranked on their gains, producing more, new AI work) and the technology channel (automation
#: and the regimes' AI policies). Every block is in exactly one channel.
CHANNEL_BLOCKS = {"people": ("ranking", "productivity", "new_work"),
                  "technology": ("automation", "policies")}


def arm_params(params: Params) -> dict[str, Params]:
    """The four arms of a scenario: its parameters with each channel's blocks switched on or
    off (:data:`CHANNEL_BLOCKS`)."""
    switches = {"no_ai": (False, False), "augmentation_only": (True, False),
                "automation_only": (False, True), "full": (True, True)}
    arms = {}
    for arm, (people, technology) in switches.items():
        blocks = {b: people for b in CHANNEL_BLOCKS["people"]}
        blocks |= {b: technology for b in CHANNEL_BLOCKS["technology"]}
        arms[arm] = params.replace("ai", **blocks)
    return arms


def group_outcomes(timeseries: pd.DataFrame) -> dict[str, float]:
    """Every outcome of one run, keyed ``<outcome>/<group>``, from its monthly timeseries."""
    last = timeseries.iloc[-1]
    # every group's rates divide by its people, in or out of the labor force (the thirds' too)
    people = timeseries["labor_force"] + timeseries["nonparticipants"]
    out = {
        "unemployment_months/low": timeseries["unemployment_rate_low_propensity"].sum(),
        "unemployment_months/high": timeseries["unemployment_rate_high_propensity"].sum(),
        "unemployment_months/all": (timeseries["unemployed"] / people).sum(),
        "employment_rate_end/low": last["employment_rate_low_propensity"],
        "employment_rate_end/high": last["employment_rate_high_propensity"],
        "employment_rate_end/all": last["employment"] / people.iloc[-1],
        "earnings/low": timeseries["mean_earnings_low_propensity"].sum(),
        "earnings/high": timeseries["mean_earnings_high_propensity"].sum(),
        "earnings/all": timeseries["mean_earnings"].sum(),
        "employment_mean/all": (timeseries["employment"] / people).mean(),
        "employment_gap_mean": (timeseries["employment_rate_high_propensity"]
                                - timeseries["employment_rate_low_propensity"]).mean(),
    }
    for regime in REGIMES:
        out[f"unemployment_months/policy_{regime}"] = timeseries[
            f"unemployment_rate_policy_{regime}"].sum(min_count=1)
    return {key: float(value) for key, value in out.items()}


def _finite(x: float) -> float | None:
    """``x``, or None when it is not a finite number (saved as JSON null, shown as n/a)."""
    return float(x) if x is not None and np.isfinite(x) else None


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


def verdict(statistic: np.ndarray, rng: np.random.Generator) -> dict:
    """Verdict on a per-seed statistic whose positive sign supports the hypothesis.

    ``verdict`` is ``supported`` (interval above zero), ``rejected`` (below zero) or
    ``inconclusive``, and ``reason`` says why in words. With fewer than
    :data:`~sim.stats.MIN_BOOTSTRAP_VALUES` seeds there is no interval (see its comment for
    why) and the verdict is ``inconclusive``, ``reason`` "too few seeds, at least N needed".
    ``estimate``, ``ci_low`` and ``ci_high`` are None when there is no such number (never
    NaN). An inconclusive verdict also gives ``seeds_to_settle`` and ``more_seeds_needed``
    (None when the effect is too close to zero, or the seeds too few, to say).

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
           "ci_low": _finite(low), "ci_high": _finite(high)}
    if word == "inconclusive":
        needed = seeds_to_settle(statistic)
        if needed is not None:
            needed = max(needed, MIN_BOOTSTRAP_VALUES, n + 1)
        out["seeds_to_settle"] = needed
        out["more_seeds_needed"] = None if needed is None else needed - n
    return out


@dataclass
class ThesisAnalysis:
    """Everything the thesis test found; ``table`` is the DataFrame view, ``json`` what
    thesis.json holds (:class:`sim.reports.thesis.ThesisResult` adds the figures)."""

    json: dict
    decomposition: pd.DataFrame  # one row per (outcome, group, part): mean, ci_low, ci_high
    outcomes: pd.DataFrame  # one row per (arm, seed): every group outcome
    timeseries: pd.DataFrame = field(repr=False)  # every run's months, with an ``arm`` column
    runs: pd.DataFrame = field(repr=False)
    events: pd.DataFrame | None = field(default=None, repr=False)

    @property
    def table(self) -> pd.DataFrame:
        """Verdicts, one row per hypothesis."""
        return pd.DataFrame([{"hypothesis": name, "statement": HYPOTHESES[name], **v}
                             for name, v in self.json["verdicts"].items()])


def analyze(runs: pd.DataFrame, timeseries: pd.DataFrame, events: pd.DataFrame | None,
            root_seed: int) -> ThesisAnalysis:
    """Decompose, test and summarise four-arm results (``runs`` and ``timeseries`` carry
    ``arm``, ``seed`` and ``run_id`` columns).

    Each interval's bootstrap draws come from its own generator, named after the quantity and
    derived from ``root_seed``: adding or removing an outcome changes no other interval.
    """
    ok = runs[runs["status"] == "ok"]
    complete = ok.groupby("seed")["arm"].nunique()
    seeds = sorted(complete[complete == len(ARMS)].index)
    rows = []
    for r in ok[ok["seed"].isin(seeds)].itertuples():
        series = timeseries[timeseries["run_id"] == r.run_id]
        rows.append({"arm": r.arm, "seed": r.seed, **group_outcomes(series)})
    outcomes = pd.DataFrame(rows).sort_values(["arm", "seed"]).reset_index(drop=True)
    by_arm = {arm: outcomes[outcomes["arm"] == arm].set_index("seed").loc[seeds]
              for arm in ARMS}

    decomposition, shapley_json, parts = [], {}, {}
    keys = [k for k in outcomes.columns if "/" in k]
    for key in keys:
        values = [by_arm[arm][key].to_numpy() for arm in ARMS]
        people, tech = shapley(*values)
        total = values[3] - values[0]
        parts[key] = (people, tech, total)
        outcome, group = key.split("/")
        entry = {}
        for part, x in (("people", people), ("tech", tech), ("total", total)):
            mean, low, high = bootstrap_interval(x, bootstrap_rng(root_seed, f"{key}/{part}"))
            entry[part] = {"mean": _finite(mean), "ci_low": _finite(low),
                           "ci_high": _finite(high)}
            decomposition.append({"outcome": outcome, "group": group, "part": part,
                                  "mean": mean, "ci_low": low, "ci_high": high})
        shapley_json.setdefault(outcome, {})[group] = entry

    people, tech, _ = parts["unemployment_months/low"]
    h1 = verdict(people - tech, bootstrap_rng(root_seed, "H1"))
    aggregate = 100 * (by_arm["full"]["employment_mean/all"].to_numpy()
                       - by_arm["no_ai"]["employment_mean/all"].to_numpy())
    compositional = 100 * (by_arm["full"]["employment_gap_mean"].to_numpy()
                           - by_arm["no_ai"]["employment_gap_mean"].to_numpy())
    h2 = verdict(np.abs(compositional) - np.abs(aggregate), bootstrap_rng(root_seed, "H2"))

    def summary(x, name):
        mean, low, high = bootstrap_interval(x, bootstrap_rng(root_seed, name))
        return {"mean": _finite(mean), "ci_low": _finite(low), "ci_high": _finite(high)}

    json = {
        "n_seeds": len(seeds),
        "seeds": [int(s) for s in seeds],
        "arms": list(ARMS),
        "hypotheses": HYPOTHESES,
        "verdicts": {"H1": h1, "H2": h2},
        "verdict_statistics": {
            "H1": "the people part minus the technology part of the low-propensity third's "
                  "change in unemployment-months, per seed (positive supports H1)",
            "H2": "|compositional displacement| minus |aggregate displacement|, percentage "
                  "points, per seed (positive supports H2)",
        },
        "shapley": shapley_json,
        "aggregate_displacement": summary(aggregate, "aggregate_displacement"),
        "compositional_displacement": summary(compositional, "compositional_displacement"),
        "per_policy": {regime: shapley_json["unemployment_months"].get(f"policy_{regime}")
                       for regime in REGIMES},
        "evidence": evidence(events),
        "outcome_definitions": OUTCOME_DEFINITIONS,
    }
    return ThesisAnalysis(json=json, decomposition=pd.DataFrame(decomposition),
                        outcomes=outcomes, timeseries=timeseries, runs=runs, events=events)


def evidence(events: pd.DataFrame | None) -> dict:
    """Shares by cause of the low-propensity third's separations and lost hires in the full
    arm (from the events table)."""
    if events is None or len(events) == 0:
        return {}
    low = events[(events["arm"] == "full") & (events["propensity_third"] == "low")]
    out = {}
    for kind in ("separation", "lost_hire"):
        counts = low[low["kind"] == kind].groupby("cause").size()
        total = int(counts.sum())
        out[kind] = {"count": total,
                     "share_by_cause": {c: float(n / total) for c, n in counts.items()}
                     if total else {}}
    return out


def run_arms(params: Params, *, executor=None, jobs: int = 1,
             progress: bool = True) -> ThesisAnalysis:
    """Run the four arms of ``params`` for its seeds (same seeds in each arm) and analyze them.

    Every arm records events (for the evidence by cause). Runs are independent tasks for any
    ``concurrent.futures.Executor``, or a local process pool of ``jobs`` processes.
    """
    seeds = replicate_seeds(params.run.root_seed, params.run.seeds)
    arms = arm_params(params.replace("run", events=True))
    tasks = [(arms[arm], seed, i * len(seeds) + j)
             for i, arm in enumerate(ARMS) for j, seed in enumerate(seeds)]
    results = run_tasks(tasks, executor=executor, jobs=jobs, progress=progress,
                        label="thesis: arms x seeds")
    arm_of = {i * len(seeds) + j: arm for i, arm in enumerate(ARMS) for j in range(len(seeds))}
    runs = runs_table(results)
    runs.insert(1, "arm", runs["run_id"].map(arm_of))
    frames = [r.timeseries.assign(arm=arm_of[r.run_id], seed=np.uint64(r.seed))
              for r in results if r.status == "ok"]
    timeseries = pd.concat(frames, ignore_index=True)
    timeseries = timeseries[["run_id", "arm", "seed", "step",
                             *[c for c in timeseries.columns
                               if c not in ("run_id", "arm", "seed", "step")]]]
    events = [r.events.assign(arm=arm_of[r.run_id]) for r in results
              if r.status == "ok" and r.events is not None]
    events = pd.concat(events, ignore_index=True) if events else None
    return analyze(runs, timeseries, events, params.run.root_seed)
