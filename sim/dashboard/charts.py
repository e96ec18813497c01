"""The dashboard's charts: plain functions from a model to a matplotlib figure.

Each chart reads the model's DataCollector frame (one row per reported month, the metrics of
:class:`sim.model.metrics.MonthlyMetrics`) or, for the population view, the Worker agents.
Figures are built with :class:`matplotlib.figure.Figure` (not pyplot), so a server drawing many
of them keeps no global state; they are small so that a step renders quickly. Pass a chart the
figure it returned last time (``chart(model, fig)``) and it redraws into it, keeping its axes:
the same picture as a new figure, about twice as fast.
"""

from __future__ import annotations

import calendar

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from sim.model.agents import Worker
from sim.model.market import LaborMarket
from sim.model.metrics import METRIC_DESCRIPTIONS
from sim.model.rules.demography import AGE_GROUP_NAMES, AGE_GROUPS

SIZE = (4.6, 2.9)  # inches
DPI = 80
CAUSES = (("separations_demand", "demand"), ("separations_match", "poor match"),
          ("separations_automation", "automation"),
          ("separations_outcompeted", "outcompeted"), ("separations_policy", "policy"),
          ("quits", "quits"), ("retirements", "retirement"))
STATUS_COLOURS = {"employed": "#4c72b0", "unemployed": "#dd8452", "freelance": "#55a868",
                  "out of the labor force": "#8c8c8c"}
#: Each age group's metric suffix, legend label and colour (the youngest stands out in red).
AGE_LINES = tuple(
    (name, f"{low}+" if i == len(AGE_GROUPS) - 1 else f"{low}-{high}", colour)
    for i, ((low, high), name, colour) in enumerate(zip(AGE_GROUPS, AGE_GROUP_NAMES,
                                                        ("C3", "C1", "C2", "C0"), strict=True)))
#: The x axis of every monthly chart: the month numbering of the page's header and the reports.
MONTH_AXIS = "month (0 = January 2025)"


def month_label(month: int) -> str:
    """Calendar label of a reported month: 0 is January 2025."""
    return f"{calendar.month_abbr[month % 12 + 1]} {2025 + month // 12}"


def frame_of(model: LaborMarket) -> pd.DataFrame:
    """The model's monthly metrics so far, with a ``month`` column (0 = January 2025)."""
    frame = model.datacollector.get_model_vars_dataframe().reset_index(drop=True)
    frame.insert(0, "month", np.arange(len(frame)))
    return frame


def _figure(title: str, fig: Figure | None = None) -> tuple[Figure, object]:
    """A new figure, or ``fig`` with what it drew removed (its axes, ticks and text objects are
    kept: redrawing into them is about twice as fast as building a figure)."""
    if fig is not None:
        ax = fig.axes[0]
        for artist in [*ax.lines, *ax.collections, *ax.texts, *ax.patches]:
            artist.remove()
        if ax.get_legend() is not None:
            ax.get_legend().remove()
        ax.relim()
        ax.set_prop_cycle(None)  # colours start again from C0
        return fig, ax
    fig = Figure(figsize=SIZE, dpi=DPI)
    fig.subplots_adjust(left=0.14, right=0.97, bottom=0.17, top=0.89)  # fixed: faster to draw
    ax = fig.add_subplot()
    ax.set_title(title, fontsize=10, y=1.0)  # a fixed position: no layout search when drawn
    ax.tick_params(labelsize=8)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5))
    return fig, ax


def _monthly(title: str, model: LaborMarket,
             fig: Figure | None) -> tuple[Figure, object, pd.DataFrame | None]:
    """A chart of the months so far: its figure, axes and frame (None, with a hint drawn,
    before the first step)."""
    fig, ax = _figure(title, fig)
    frame = frame_of(model)
    if frame.empty:
        ax.text(0.5, 0.5, "press Step or Play", ha="center", va="center", color="0.5",
                transform=ax.transAxes)
        return fig, ax, None
    return fig, ax, frame


def unemployment_by_propensity(model: LaborMarket, fig: Figure | None = None) -> Figure:
    """Unemployment of the low- and high-propensity thirds of workers, and of all."""
    fig, ax, frame = _monthly("Unemployment by AI-adoption propensity", model, fig)
    if frame is None:
        return fig
    for column, label, colour in (("unemployment_rate_low_propensity", "low third", "C3"),
                                  ("unemployment_rate_high_propensity", "high third", "C0"),
                                  ("unemployment_rate", "all (of the labor force)", "0.4")):
        ax.plot(frame["month"], 100 * frame[column], color=colour, label=label, lw=1.6)
    ax.set_ylabel("% unemployed (thirds: of their people)", fontsize=8)
    ax.set_xlabel(MONTH_AXIS, fontsize=8)
    ax.legend(frameon=False, fontsize=7)
    return fig


def unemployment_by_age(model: LaborMarket, fig: Figure | None = None) -> Figure:
    """Unemployment rate of each age group (end-of-month age), and of all."""
    return _by_age(model, fig, "Unemployment by age group", "unemployment_rate_age",
                   "% of the group's labor force", overall="unemployment_rate")


def employment_by_age(model: LaborMarket, fig: Figure | None = None) -> Figure:
    """Employment rate of each age group: employed as a share of all its people, in or out of
    the labor force (the margin on which AI's first measured effects fall on the young)."""
    return _by_age(model, fig, "Employment rate by age group", "employment_rate_age",
                   "% of the group's people")


def _by_age(model: LaborMarket, fig: Figure | None, title: str, prefix: str, ylabel: str,
            overall: str | None = None) -> Figure:
    """One line per age group of the metric ``{prefix}_{group}`` in percent, and the
    ``overall`` metric dashed when given."""
    fig, ax, frame = _monthly(title, model, fig)
    if frame is None:
        return fig
    for group, label, colour in AGE_LINES:
        ax.plot(frame["month"], 100 * frame[f"{prefix}_{group}"], color=colour,
                label=f"aged {label}", lw=1.6)
    if overall is not None:
        ax.plot(frame["month"], 100 * frame[overall], color="0.4", ls="--", label="all",
                lw=1.2)
    ax.set_ylabel(ylabel, fontsize=8)
    ax.set_xlabel(MONTH_AXIS, fontsize=8)
    ax.legend(frameon=False, fontsize=7, ncol=2)
    return fig


def adoption_and_proficiency(model: LaborMarket, fig: Figure | None = None) -> Figure:
    """Share of employed workers using AI, and users' mean proficiency."""
    fig, ax, frame = _monthly("AI adoption and proficiency", model, fig)
    if frame is None:
        return fig
    ax.plot(frame["month"], 100 * frame["ai_adoption_rate"], color="C2", label="users (% employed)")
    ax.plot(frame["month"], 100 * frame["mean_ai_proficiency"].fillna(0), color="C4",
            label="mean proficiency (% of frontier)")
    ax.plot(frame["month"], 100 * frame["ai_capability"], color="0.5", ls="--",
            label="capability (% of exposed tasks)")
    ax.set_ylim(0, 100)
    ax.set_xlabel(MONTH_AXIS, fontsize=8)
    ax.legend(frameon=False, fontsize=7)
    return fig


def separations_by_cause(model: LaborMarket, fig: Figure | None = None) -> Figure:
    """Separations each month, stacked by cause (quits and retirements included)."""
    fig, ax, frame = _monthly("Separations by cause (workers a month)", model, fig)
    if frame is None:
        return fig
    bands = [frame[c].to_numpy(dtype=float) for c, _ in CAUSES]
    ax.stackplot(frame["month"], *bands, labels=[label for _, label in CAUSES], alpha=0.85)
    ax.set_ylim(0, 1.5 * max(float(np.sum(bands, axis=0).max()), 1.0))  # room for the legend
    ax.set_xlabel(MONTH_AXIS, fontsize=8)
    ax.legend(frameon=False, fontsize=7, loc="upper left", ncol=4, columnspacing=0.8,
              handlelength=1.2)
    return fig


def wage_premium(model: LaborMarket, fig: Figure | None = None) -> Figure:
    """Log-wage gap between AI users and non-users among the employed, in the metric's own
    unit (:data:`sim.model.metrics.METRIC_DESCRIPTIONS`, the unit the reports use too)."""
    unit = METRIC_DESCRIPTIONS["ai_wage_premium"][0]
    fig, ax, frame = _monthly(f"AI wage premium ({unit})", model, fig)
    ax.set_title(f"AI wage premium ({unit})", fontsize=10, y=1.0)  # a reused figure too
    if frame is None:
        return fig
    ax.plot(frame["month"], frame["ai_wage_premium"], color="C1", lw=1.6)
    ax.axhline(0, color="0.7", lw=0.8)
    ax.set_xlabel(MONTH_AXIS, fontsize=8)
    return fig


def beveridge_curve(model: LaborMarket, fig: Figure | None = None) -> Figure:
    """Vacancy rate against unemployment rate, month by month (the newest point marked)."""
    fig, ax, frame = _monthly("Beveridge curve", model, fig)
    if frame is None:
        return fig
    u, v = 100 * frame["unemployment_rate"], 100 * frame["vacancy_rate"]
    ax.plot(u, v, color="0.6", lw=0.8)
    ax.scatter(u, v, c=frame["month"], cmap="viridis", s=12)
    ax.scatter(u.iloc[-1:], v.iloc[-1:], color="C3", s=40, zorder=3, label="this month")
    ax.set_xlabel("unemployment rate (%)", fontsize=8)
    ax.set_ylabel("vacancy rate (%)", fontsize=8)
    ax.legend(frameon=False, fontsize=7)
    return fig


def population(model: LaborMarket, fig: Figure | None = None) -> Figure:
    """Every worker (read through the Worker agents): AI proficiency against annual wage,
    coloured by employment state."""
    fig, ax = _figure("Workers: AI proficiency vs wage", fig)
    workers = model.agents_by_type[Worker]
    wage = np.array(workers.get("wage"), dtype=float)
    skill = np.array(workers.get("ai_proficiency"), dtype=float)
    status = np.array(workers.get("status"))
    for state, colour in STATUS_COLOURS.items():
        here = status == state
        ax.plot(wage[here] / 1000, skill[here], ".", ms=2.5, alpha=0.5, color=colour,
                label=f"{state} ({here.sum():,})")
    ax.set_xscale("log")  # also resets the x locator to a log one
    ax.set_xlabel("annual wage ($ thousands, log scale)", fontsize=8)
    ax.set_ylabel("AI proficiency", fontsize=8)
    ax.set_ylim(-0.02, 1.02)
    ax.legend(frameon=False, fontsize=7, markerscale=2)
    return fig


CHARTS = (unemployment_by_propensity, unemployment_by_age, employment_by_age,
          adoption_and_proficiency, separations_by_cause, wage_premium, beveridge_curve,
          population)
