"""Figures shared by every report: a metric's band across runs, the run overview, and a
figure as PNG bytes (matplotlib; no display needed).

Importing this leaves matplotlib's backend alone, so figures show inline in a notebook; the
command line, which only writes files, selects the non-interactive Agg backend itself.
"""

from __future__ import annotations

import io

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from sim.reports.text import plot_text

__all__ = ["band", "overview", "plt", "png_bytes"]

#: Resolution of every saved figure (dots per inch).
DPI = 120


def band(ax, frame: pd.DataFrame, column: str, label: str, color: str, scale: float = 100,
         alpha: float = 0.15) -> None:
    """Mean of ``column`` across runs by month (``step``), times ``scale``, with a band from
    the 5th to the 95th percentile of runs."""
    by_step = frame.groupby("step")[column]
    months = by_step.mean().index.to_numpy()
    ax.plot(months, by_step.mean().to_numpy() * scale, color=color, label=label)
    ax.fill_between(months, by_step.quantile(0.05).to_numpy() * scale,
                    by_step.quantile(0.95).to_numpy() * scale, color=color, alpha=alpha, lw=0)


def overview(timeseries: pd.DataFrame, title: str):
    """Unemployment and vacancy rates over time (mean and 90% band across runs) and the
    Beveridge curve (vacancy rate against unemployment rate, every run and month); ``title``
    (which may hold data, such as a scenario's name) is drawn as literal text."""
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4), constrained_layout=True)
    band(left, timeseries, "unemployment_rate", "unemployment rate", "C0", alpha=0.2)
    band(left, timeseries, "vacancy_rate", "vacancy rate", "C1", alpha=0.2)
    left.set_xlabel("month")
    left.set_ylabel("percent")
    left.set_title("Rates across runs (mean, 5-95% band)")
    left.legend(frameon=False)
    for _, run in timeseries.groupby("run_id"):
        right.plot(run["unemployment_rate"] * 100, run["vacancy_rate"] * 100, lw=0.6, alpha=0.5)
    u, v = timeseries["unemployment_rate"], timeseries["vacancy_rate"]
    ok = (u > 0) & (v > 0)
    if ok.sum() > 2:
        slope, intercept = np.polyfit(np.log(u[ok]), np.log(v[ok]), 1)
        grid = np.linspace(u[ok].min(), u[ok].max(), 50)
        right.plot(grid * 100, np.exp(intercept) * grid**slope * 100, "k--",
                   label=f"log-log fit, slope {slope:.2f}")
        right.legend(frameon=False)
    right.set_xlabel("unemployment rate, %")
    right.set_ylabel("vacancy rate, %")
    right.set_title("Beveridge curve (each line one run)")
    fig.suptitle(plot_text(title))
    return fig


def png_bytes(figure, close: bool = True) -> bytes:
    """A figure as PNG bytes at :data:`DPI` (closed afterwards unless ``close`` is False, so
    that a report drawing many figures keeps none of them in memory)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    if close:
        plt.close(figure)
    return buffer.getvalue()
