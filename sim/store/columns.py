"""What every column of an experiment folder's tables means: one source for docs, CSV exports
(README.txt) and ``laborsim show``.

Timeseries metrics are described by :class:`sim.model.metrics.MonthlyMetrics`; run summaries
are derived from them (``<metric>_mean``, ``<metric>_first_year``, ``<metric>_final``,
``<name>_total``).
"""

from __future__ import annotations

from sim.experiments.summary import STATE_COLUMNS
from sim.experiments.thesis import SHORT
from sim.experiments.thesis import STATISTICS as MEANINGS
from sim.model.metrics import METRIC_DESCRIPTIONS
from sim.model.params import Params, describe_params

KEYS = {
    "run_id": ("integer", "run number within the experiment (0, 1, ...)"),
    "arm": ("name", "thesis folders: the arm (no_ai, full, or the factors on joined by +, "
                    "e.g. ranking+automation)"),
    "seed": ("integer", "the run's seed, spawned from the manifest's root_seed"),
    "step": ("month", "reported month: 0 is the first (January 2025), 11 the twelfth"),
    "point_id": ("integer", "sweep folders: the design point (a row of points.csv)"),
    "replicate": ("integer", "sweep folders: replicate number at the point; replicate r has the "
                             "same seed at every point (common random numbers)"),
}

STATISTICS = {
    "horizon": "value in the last reported month of",
    "path_mean": "mean over the reported months of",
    "part": "Shapley part of '{factor}' (every arm of the sweep's factors, same seed) in the "
            "change vs no AI of",
    "share": "share of '{factor}' in the displacement (its positive parts over every factor's) "
             "of",
    "people_share": "people channel's share of what the two channels displace, "
                    "max(P,0)/(max(P,0)+max(T,0)), in",
    "hypothesis": "per-seed statistic (positive supports it) of hypothesis",
}

#: Units of the thesis outcomes of a sweep, by outcome (the part before the slash).
THESIS_UNITS = {"unemployment_months": "months per person", "work_months": "months per person",
                "employee_months": "months per person", "freelance_months": "months per person",
                "labor_force_months": "months per person", "employment_rate": "share",
                "earnings": "US dollars per person", "layoffs": "per person",
                "hires": "per person", "hazard": "per 100 employee-months",
                "positions": "work months per cohort person",
                "unemployment_gap": "months per person", "employment_gap": "percentage points",
                "work_share_gap": "percentage points", "aggregate_employment": "percent"}

POINT_SUFFIXES = {
    "_mean": "mean over the point's replicate runs (shares: share of the mean parts) of",
    "_ci_low": "lower end of the 95% interval (t; shares: bootstrap) of",
    "_ci_high": "upper end of the 95% interval (t; shares: bootstrap) of",
    "_runs": "number of the point's runs that gave a value of",
}

RUN_COLUMNS = {
    **STATE_COLUMNS,
    "status": ("text", "ok, or failed (then the summary columns are empty)"),
    "error": ("text", "the exception of a failed run, empty otherwise"),
    "traceback": ("text", "the traceback of a failed run, empty otherwise"),
    "wall_time_s": ("seconds", "time the run took"),
    "beveridge_slope": ("elasticity", "OLS slope of log vacancy rate on log unemployment rate "
                                      "over the run's months (negative: a Beveridge curve)"),
    "matching_elasticity": ("elasticity", "unemployment elasticity of the emergent matching "
                                          "function (1 - slope of log job finding on log "
                                          "tightness)"),
    "employment_final": ("workers", "employed workers in the last month"),
    "output_mean": ("US dollars a month", "mean monthly output over the horizon"),
}

EVENT_COLUMNS = {
    "month": ("month", "reported month of the event (0 = January 2025)"),
    "worker": ("index", "worker index within the run"),
    "firm": ("index", "firm index within the run (the employer left, or the vacancy's firm)"),
    "kind": ("text", "separation or lost_hire"),
    "cause": ("text", "demand, automation, outcompeted, policy, quit, match or retirement "
                      "(lost hires: outcompeted or policy)"),
    "propensity_third": ("text", "low, middle or high third of the worker's fixed AI-adoption "
                                 "propensity"),
}


GROUP_COLUMNS = {
    "outcome": ("name", "the outcome, e.g. unemployment_months (thesis.json's "
                        "outcome_definitions)"),
    "group": ("name", "the group of the January 2025 cohort, e.g. not_versed (thesis.json's "
                      "group_definitions), or a proficiency bin for hazard"),
    "value": ("as the outcome", "the outcome of the group in the seed's arm (units: "
                                "thesis.json's outcome_definitions)"),
}

GROUP_MONTH_COLUMNS = {
    "wage_p10": ("log US dollars a year", "10th percentile of the employed's log annual wage"),
    "wage_p50": ("log US dollars a year", "median of the employed's log annual wage"),
    "wage_p90": ("log US dollars a year", "90th percentile of the employed's log annual wage"),
    "skill_judgment_premium": ("log points", "mean log wage of employees in the top skill "
                                             "fifth in judgment-heavy occupations minus that "
                                             "of the others"),
}


def group_month(column: str) -> tuple[str, str] | None:
    """(unit, meaning) of a column of group_months (thesis folders)."""
    if column in GROUP_MONTH_COLUMNS:
        return GROUP_MONTH_COLUMNS[column]
    name, _, group = column.partition("/")
    if name == "work_share":
        return "share", f"share of the group {group}'s month-0 people at work in the month"
    if name == "employment_rate":
        return "share", (f"full arm only: work over the labor force of those whose status "
                         f"this month is {group.removesuffix('_now').replace('_', ' ')}")
    return None


def parameter(column: str) -> tuple[str, str] | None:
    """(unit, meaning) of a varied parameter's column (``section.key``) in a sweep's tables."""
    rows = {row["key"]: row for row in describe_params(Params())}
    if column in rows:
        return rows[column]["unit"], f"varied parameter: {rows[column]['meaning']}"
    return None


def outcome(column: str) -> tuple[str, str] | None:
    """(unit, meaning) of a sweep outcome column: ``statistic(metric)``, or
    ``statistic[factor](metric)`` for a part or a share."""
    head, _, rest = column.partition("(")
    statistic, _, factor = head.partition("[")
    if statistic not in STATISTICS or not rest.endswith(")") or factor and not \
            factor.endswith("]"):
        return None
    metric, factor = rest[:-1], factor[:-1]
    words = STATISTICS[statistic].format(factor=factor)
    if statistic == "hypothesis":
        if metric not in MEANINGS:
            return None
        return SHORT[metric][1], f"{words} {metric}: {MEANINGS[metric]}"
    if metric in METRIC_DESCRIPTIONS:
        unit, doc = METRIC_DESCRIPTIONS[metric]
        return unit, f"{words} {metric}: {doc}"
    outcome_name, _, group = metric.partition("/")
    unit = ("share" if statistic in ("share", "people_share")
            else THESIS_UNITS.get(outcome_name, "as the outcome"))
    return unit, f"{words} {outcome_name} of the group {group}"


def describe(table: str, column: str) -> tuple[str, str]:
    """(unit, meaning) of ``column`` in ``table`` (runs, timeseries, events, points, groups or
    group_months)."""
    if column in KEYS:
        return KEYS[column]
    if table in ("runs", "points") and "." in column and parameter(column):
        return parameter(column)
    if table == "runs" and outcome(column):
        return outcome(column)
    if table == "points":
        for suffix, words in POINT_SUFFIXES.items():
            found = outcome(column.removesuffix(suffix)) if column.endswith(suffix) else None
            if found:
                unit = "runs" if suffix == "_runs" else found[0]
                return unit, f"{words} {column.removesuffix(suffix)} ({found[1]})"
    if table == "timeseries" and column in METRIC_DESCRIPTIONS:
        return METRIC_DESCRIPTIONS[column]
    if table == "groups" and column in GROUP_COLUMNS:
        return GROUP_COLUMNS[column]
    if table == "group_months" and group_month(column):
        return group_month(column)
    if table == "events" and column in EVENT_COLUMNS:
        return EVENT_COLUMNS[column]
    if table == "runs":
        if column in RUN_COLUMNS:
            return RUN_COLUMNS[column]
        for suffix, words in (("_mean", "mean over the horizon of"),
                              ("_first_year", "mean over the first 12 reported months (2025, "
                                              "about two years after AI arrived) of"),
                              ("_final", "value in the last month of")):
            name = column.removesuffix(suffix)
            if column.endswith(suffix) and name in METRIC_DESCRIPTIONS:
                unit, doc = METRIC_DESCRIPTIONS[name]
                return unit, f"{words} {name}: {doc}"
        name = column.removesuffix("_total")
        if column.endswith("_total") and name in METRIC_DESCRIPTIONS:
            unit, doc = METRIC_DESCRIPTIONS[name]
            return unit.replace(" a month", ""), f"sum over the horizon of {name}: {doc}"
    raise KeyError(f"no description of column '{column}' in {table}")
