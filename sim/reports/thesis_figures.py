"""The figures of the thesis report, from a :class:`~sim.experiments.thesis.ThesisAnalysis`.

- :func:`factor_waterfall`: each factor's Shapley part of a group's change (full arm minus no
  AI), stacked from zero to the total, coloured by channel;
- :func:`groups_over_time`: each group's share of its month-0 people at work, by arm;
- :func:`hazard_by_proficiency`: the layoff hazard by AI proficiency, no AI against full;
- :func:`wage_percentiles`: the wage percentiles and the skill-judgment premium over time;
- :func:`status_over_time`: the full arm's employment rate by AI status that month.

:func:`thesis_figures` draws them all, leaving out a figure whose data is absent. Month 0 (step
0) is January 2025; time axes are in years. Names that come from the data (factors, arms,
groups) are drawn through :func:`~sim.reports.text.plot_text`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullFormatter

from sim.experiments.factors import DEFAULT_FACTORS, FULL, NO_AI, channel_factors
from sim.experiments.people import BIN_LABELS
from sim.reports.figures import plt
from sim.reports.text import plot_text
from sim.stats import t_interval

__all__ = ["factor_waterfall", "groups_over_time", "hazard_by_proficiency", "status_over_time",
           "thesis_figures", "wage_percentiles"]

#: Bar colours of the waterfall: the people channel, the technology channel, other factors
#: and the total.
PEOPLE_COLOR, TECHNOLOGY_COLOR, OTHER_COLOR, TOTAL_COLOR = "C0", "C3", "0.6", "0.15"
#: Line colours of the no-AI and full arms (single-factor arms take C1, C2, C4, ...).
NO_AI_COLOR, FULL_COLOR = "0.25", "C3"

#: Readable names of the groups (others are drawn as their key).
GROUP_LABELS = {
    "not_versed": "not versed (never use AI)",
    "versed": "versed (proficient AI users)",
    "other_users": "other AI users",
    "low": "low AI-adoption propensity",
    "high": "high AI-adoption propensity",
    "age_22_25": "aged 22-25",
    "age_26_34": "aged 26-34",
    "age_35_49": "aged 35-49",
    "age_50_plus": "aged 50+",
    "all": "everyone",
}

#: Readable names of the hazard bins of :data:`sim.experiments.people.BIN_LABELS`.
BIN_NAMES = {
    "never_user": "never used AI",
    "users_fifth_1": "users: lowest fifth\nof proficiency",
    "users_fifth_2": "second fifth",
    "users_fifth_3": "middle fifth",
    "users_fifth_4": "fourth fifth",
    "users_fifth_5": "highest fifth",
}

#: Panels of :func:`groups_over_time`: the AI groups, then the age groups.
AI_GROUPS = ("versed", "not_versed", "other_users")
AGE_GROUPS = ("age_22_25", "age_26_34", "age_35_49", "age_50_plus")

#: The full arm's employment-rate series by AI status that month, and their names.
STATUS_SERIES = {
    "employment_rate/proficient_now": "proficient in AI that month",
    "employment_rate/user_not_proficient_now": "other AI users that month",
    "employment_rate/not_user_now": "not using AI that month",
}

#: Wage percentiles (columns of ``monthly``) and their colours.
PERCENTILES = {"wage_p90": ("90th percentile", "C2"), "wage_p50": ("median", "C0"),
               "wage_p10": ("10th percentile", "C1")}


def _group_label(group: str) -> str:
    return plot_text(GROUP_LABELS.get(group, group))


def _arm_label(arm: str) -> str:
    if arm == NO_AI:
        return "no AI"
    if arm == FULL:
        return "full (every factor on)"
    return f"{plot_text(arm)} only"


def _years(ax) -> None:
    """Label the x axis of a plot against :func:`_year` in whole years."""
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{x:.0f}"))
    ax.set_xlabel("year (ticks at January)")


def _year(steps) -> np.ndarray:
    """Steps (months from January 2025) as fractional years."""
    return np.asarray(steps, dtype=float) / 12 + 2025


def _mean_and_range(frame: pd.DataFrame, column: str, scale: float = 1.0, transform=None):
    """Years, mean over seeds and the 2.5% and 97.5% points over seeds of ``column`` by
    month (``transform`` applied to each value, then ``scale``)."""
    values = frame[column].astype(float)
    if transform is not None:
        values = transform(values)
    by_step = (values * scale).groupby(frame["step"])
    return (_year(by_step.mean().index), by_step.mean().to_numpy(),
            by_step.quantile(0.025).to_numpy(), by_step.quantile(0.975).to_numpy())


def _line(ax, frame: pd.DataFrame, column: str, label: str, color: str, *, scale: float = 100,
          transform=None, shade: bool = True, **style) -> None:
    """The mean over seeds of ``column`` by month, with its 95% range over seeds shaded."""
    years, mean, low, high = _mean_and_range(frame, column, scale, transform)
    ax.plot(years, mean, color=color, label=label, **style)
    if shade:
        ax.fill_between(years, low, high, color=color, alpha=0.15, lw=0)


# ---------------------------------------------------------------------- the waterfall
def _part_values(rows: pd.DataFrame, part: str) -> tuple[float, float, float]:
    """Mean, low and high of ``part`` in ``rows`` (indexed by part); NaN where missing."""
    if part not in rows.index:
        return math.nan, math.nan, math.nan
    row = rows.loc[part]
    return tuple(float(x) if x is not None and pd.notna(x) else math.nan
                 for x in (row["mean"], row["ci_low"], row["ci_high"]))


def _channel_color(factor: str, channels: dict[str, Sequence[str]]) -> str:
    if factor in channels.get("people", ()):
        return PEOPLE_COLOR
    if factor in channels.get("technology", ()):
        return TECHNOLOGY_COLOR
    return OTHER_COLOR


def factor_waterfall(decomposition: pd.DataFrame, factors: Iterable[str],
                     outcome: str = "unemployment_months",
                     groups: Sequence[str] = ("not_versed", "versed"),
                     channels: dict[str, Sequence[str]] | None = None):
    """Waterfall of each group's change in ``outcome`` (default: unemployment-months per
    person over the horizon), full arm minus no AI, one panel per group.

    From 0 (no AI), one bar per factor (in the order of ``factors``) adds its exact Shapley
    part, its 95% interval an error bar at the bar's end; the last bar is the total change,
    with its interval (the factor bars end where the total bar does, to floating point).
    Bars are coloured by channel (``channels``: {"people": [...], "technology": [...]}, the
    thesis's default channels when None); a missing part is drawn with zero height and no
    error bar.
    """
    factors = list(factors)
    if channels is None:
        channels = channel_factors({f: DEFAULT_FACTORS.get(f, (f,)) for f in factors})
    frame = decomposition[decomposition["outcome"] == outcome] if len(decomposition) else None
    fig, axes = plt.subplots(1, len(groups), figsize=(max(5.0, 0.55 * (len(factors) + 1) + 2.2)
                                                      * len(groups), 4.6),
                             squeeze=False, sharey=True, constrained_layout=True)
    x = np.arange(len(factors) + 1)
    for ax, group in zip(axes[0], groups, strict=True):
        rows = (frame[frame["group"] == group].drop_duplicates("part").set_index("part")
                if frame is not None else pd.DataFrame(columns=["mean", "ci_low", "ci_high"]))
        running = 0.0
        for i, factor in enumerate(factors):
            mean, low, high = _part_values(rows, factor)
            height = mean if np.isfinite(mean) else 0.0
            ax.bar(x[i], height, bottom=running, width=0.7,
                   color=_channel_color(factor, channels))
            end = running + height
            if np.isfinite(mean) and np.isfinite(low) and np.isfinite(high):
                ax.errorbar(x[i], end, yerr=[[mean - low], [high - mean]], fmt="none",
                            ecolor="black", elinewidth=1, capsize=3)
            if i + 1 < len(factors):  # connector to the next bar's start
                ax.plot([x[i] + 0.35, x[i + 1] - 0.35], [end, end], color="0.5", lw=0.6)
            running = end
        mean, low, high = _part_values(rows, "total")
        ax.bar(x[-1], mean if np.isfinite(mean) else 0.0, width=0.7, color=TOTAL_COLOR)
        if np.isfinite(mean) and np.isfinite(low) and np.isfinite(high):
            ax.errorbar(x[-1], mean, yerr=[[mean - low], [high - mean]], fmt="none",
                        ecolor="black", elinewidth=1, capsize=3)
        ax.axhline(0, color="black", lw=0.8)
        ax.set_xticks(x, [plot_text(f) for f in factors] + ["total"], rotation=30, ha="right")
        ax.set_title(_group_label(group))
        if rows.empty:
            ax.text(0.5, 0.5, "no data", transform=ax.transAxes, ha="center", color="0.4")
    unit = ("change in unemployment-months per person (vs no AI)"
            if outcome == "unemployment_months" else f"change in {plot_text(outcome)} (vs no AI)")
    axes[0][0].set_ylabel(unit)
    handles = []
    for channel, color in (("people", PEOPLE_COLOR), ("technology", TECHNOLOGY_COLOR)):
        if channels.get(channel):
            handles.append(Patch(color=color, label=f"{channel} channel"))
    in_none = set(factors) - set(channels.get("people", ())) - set(channels.get("technology", ()))
    if in_none:
        handles.append(Patch(color=OTHER_COLOR, label="neither channel"))
    handles.append(Patch(color=TOTAL_COLOR, label="total (error bars: 95% intervals)"))
    fig.legend(handles=handles, loc="outside lower center", ncols=len(handles), frameon=False)
    fig.suptitle("What each factor did: Shapley parts of the change, full arm minus no AI")
    return fig


# ---------------------------------------------------------------------- groups over time
def _plotted_arms(arms: Iterable[str], present: Iterable[str]) -> list[str]:
    """``no_ai``, each single-factor arm (in the order of ``arms``) and ``full``, of those in
    both ``arms`` and ``present``."""
    arms, present = list(arms), set(present)
    singles = [a for a in arms if "+" not in a and a not in (NO_AI, FULL)]
    return [a for a in (NO_AI, *singles, FULL) if a in arms and a in present]


def groups_over_time(monthly: pd.DataFrame, arms: Iterable[str]):
    """Share of each group's month-0 people at work (employed or freelancing), percent, by
    month: the versed, the not versed and other users (top row) and the age groups (bottom),
    mean over seeds in the no-AI arm, the full arm and each single-factor arm, with the 95%
    range over seeds shaded for no AI and full."""
    plotted = _plotted_arms(arms, monthly["arm"].unique())
    single_colors = iter(c for c in (f"C{i}" for i in range(10)) if c != FULL_COLOR)
    style = {}
    for arm in plotted:
        if arm == NO_AI:
            style[arm] = {"color": NO_AI_COLOR, "lw": 1.8, "ls": "--", "shade": True}
        elif arm == FULL:
            style[arm] = {"color": FULL_COLOR, "lw": 1.8, "shade": True}
        else:
            style[arm] = {"color": next(single_colors), "lw": 0.9, "shade": False}
    fig, axes = plt.subplots(2, 4, figsize=(14, 6.8), sharex=True, constrained_layout=True)
    fig.delaxes(axes[0][3])
    panels = [*zip(axes[0][:3], AI_GROUPS, strict=True), *zip(axes[1], AGE_GROUPS, strict=True)]
    by_arm = {arm: monthly[monthly["arm"] == arm] for arm in plotted}
    for ax, group in panels:
        column = f"work_share/{group}"
        if column in monthly.columns:
            for arm in plotted:
                _line(ax, by_arm[arm], column, _arm_label(arm), **style[arm])
        else:
            ax.text(0.5, 0.5, "no data", transform=ax.transAxes, ha="center", color="0.4")
        ax.set_title(_group_label(group))
        _years(ax)
    for ax in axes[0][:3]:  # the x axis is shared: years are labelled on the bottom row
        ax.set_xlabel("")
    for row in axes:
        row[0].set_ylabel("% of month-0 people at work")
    handles, labels = panels[0][0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="upper right", bbox_to_anchor=(0.99, 0.93), frameon=False,
               title="arm (shaded: 95% range over seeds)", fontsize=9, title_fontsize=9)
    fig.suptitle("Each group's January 2025 people at work, mean over seeds")
    return fig


# ---------------------------------------------------------------------- hazard
def hazard_by_proficiency(values: pd.DataFrame, versed_month: int | None = None):
    """Layoff hazard (layoffs per 100 employee-months over the horizon) of never-users and of
    each fifth of users by AI proficiency at the stated month in the full arm (the same people
    in both arms): no AI and full side by side, mean over seeds with a 95% t-interval."""
    fig, ax = plt.subplots(figsize=(9, 4.6), constrained_layout=True)
    x = np.arange(len(BIN_LABELS))
    width = 0.38
    for k, (arm, color) in enumerate(((NO_AI, NO_AI_COLOR), (FULL, FULL_COLOR))):
        rows = values[values["arm"] == arm]
        stats = np.array([t_interval(rows[f"hazard/{b}"].to_numpy(float))
                          if f"hazard/{b}" in rows.columns and len(rows)
                          else (math.nan,) * 3 for b in BIN_LABELS])
        mean, low, high = stats.T
        where = x + (k - 0.5) * width
        ax.bar(where, np.nan_to_num(mean), width=width, color=color, label=_arm_label(arm))
        ok = np.isfinite(mean) & np.isfinite(low) & np.isfinite(high)
        if ok.any():
            ax.errorbar(where[ok], mean[ok], yerr=[mean[ok] - low[ok], high[ok] - mean[ok]],
                        fmt="none", ecolor="black", elinewidth=1, capsize=3)
    ax.set_xticks(x, [BIN_NAMES.get(b, b) for b in BIN_LABELS], fontsize=9)
    when = (f"proficiency at month {versed_month}, full arm" if versed_month is not None
            else "proficiency at the stated month, full arm")
    ax.set_xlabel(f"AI use and {when}")
    ax.set_ylabel("layoffs per 100 employee-months")
    ax.set_title("Layoff hazard by AI proficiency (mean over seeds, 95% t-interval)")
    ax.legend(frameon=False)
    ax.margins(y=0.1)
    return fig


# ---------------------------------------------------------------------- wages
def _thousand_dollars(ax) -> None:
    ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _: f"${y:,.0f}k"))


def wage_percentiles(monthly: pd.DataFrame):
    """Left: the 10th, 50th and 90th percentiles of the employed's annual wage by month,
    thousand US dollars (exp of the mean over seeds of the log wage; log scale), no AI dashed
    and full solid. Right: the skill-judgment premium (mean log wage of the top skill fifth
    in judgment-heavy occupations minus the others'), log points x 100, with its 95% range
    over seeds, in the two arms."""
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.6), constrained_layout=True)
    arms = {arm: monthly[monthly["arm"] == arm] for arm in (NO_AI, FULL)}
    for column, (_, color) in PERCENTILES.items():
        if column not in monthly.columns:
            continue
        for arm, ls in ((NO_AI, "--"), (FULL, "-")):
            years, mean, _, _ = _mean_and_range(arms[arm], column)
            left.plot(years, np.exp(mean) / 1000, color=color, ls=ls)
    left.set_yscale("log")
    left.yaxis.set_major_locator(LogLocator(subs=(1.0, 1.5, 2.0, 3.0, 5.0, 7.0)))
    left.yaxis.set_minor_formatter(NullFormatter())
    _thousand_dollars(left)
    left.set_ylabel("annual wage, thousand US$ (log scale)")
    left.set_title("Wage percentiles of the employed")
    _years(left)
    key = [*(Patch(color=c, label=n) for n, c in PERCENTILES.values()),
           plt.Line2D([], [], color="black", ls="--", label="no AI"),
           plt.Line2D([], [], color="black", ls="-", label="full")]
    left.legend(handles=key, frameon=False, fontsize=8, ncols=5, loc="upper center",
                bbox_to_anchor=(0.5, -0.15))
    if "skill_judgment_premium" in monthly.columns:
        for arm, color, ls in ((NO_AI, NO_AI_COLOR, "--"), (FULL, FULL_COLOR, "-")):
            _line(right, arms[arm], "skill_judgment_premium", _arm_label(arm), color, ls=ls)
        right.legend(frameon=False, title="shaded: 95% range over seeds", title_fontsize=8,
                     loc="upper center", bbox_to_anchor=(0.5, -0.15), ncols=2)
    right.set_ylabel("premium, log points x 100")
    right.set_title("Wage premium of top skill in judgment-heavy work")
    _years(right)
    return fig


# ---------------------------------------------------------------------- status over time
def status_over_time(monthly: pd.DataFrame):
    """The full arm's employment rate (work months over labor-force months, percent) by
    month of those proficient in AI that month, of other users and of non-users (a status
    that changes over time, unlike the fixed groups), mean over seeds with the 95% range over
    seeds shaded."""
    full = monthly[monthly["arm"] == FULL]
    fig, ax = plt.subplots(figsize=(8, 4.4), constrained_layout=True)
    for (column, name), color in zip(STATUS_SERIES.items(), ("C2", "C0", "C1"), strict=True):
        if column in full.columns:
            _line(ax, full, column, name, color)
    ax.set_ylabel("employment rate, % of the labor force")
    ax.set_title("Full arm: employment rate by AI status that month")
    _years(ax)
    fig.legend(frameon=False, title="shaded: 95% range over seeds", title_fontsize=8,
               loc="outside lower center", ncols=3)
    return fig


# ---------------------------------------------------------------------- all of them
def _has(frame: pd.DataFrame | None, columns: Iterable[str]) -> bool:
    """Whether ``frame`` has rows and any of ``columns`` with a finite value."""
    if frame is None or not len(frame):
        return False
    present = [c for c in columns if c in frame.columns]
    return bool(present) and bool(np.isfinite(frame[present].to_numpy(float)).any())


def thesis_figures(analysis) -> dict:
    """Every figure of the thesis report, keyed by file stem; a figure whose data is absent
    (no decomposition, an empty ``monthly``, no hazard, no full arm's status) is left out.
    ``analysis`` has ``decomposition``, ``values``, ``monthly`` and ``json``
    (:class:`~sim.experiments.thesis.ThesisAnalysis`)."""
    j = analysis.json or {}
    factors = list(j.get("factors", {}))
    decomposition, values, monthly = analysis.decomposition, analysis.values, analysis.monthly
    out = {}
    if (factors and decomposition is not None and len(decomposition)
            and (decomposition["outcome"] == "unemployment_months").any()):
        out["factor_waterfall"] = factor_waterfall(decomposition, factors,
                                                   channels=j.get("channels"))
    work = [f"work_share/{g}" for g in (*AI_GROUPS, *AGE_GROUPS)]
    if _has(monthly, work):
        out["groups_over_time"] = groups_over_time(monthly, j.get("arms", monthly["arm"].unique()))
    if values is not None and len(values) and _has(values[values["arm"].isin([NO_AI, FULL])],
                                                   [f"hazard/{b}" for b in BIN_LABELS]):
        out["hazard_by_proficiency"] = hazard_by_proficiency(values, j.get("versed_month"))
    if _has(monthly, PERCENTILES):
        out["wage_percentiles"] = wage_percentiles(monthly)
    if _has(monthly, STATUS_SERIES):
        out["status_over_time"] = status_over_time(monthly)
    return out
