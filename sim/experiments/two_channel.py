"""The two-channel test of the sweeps: four arms, the people and the technology channel.

Sweep points with thesis outcomes still run these four arms (``no_ai``, ``augmentation_only``,
``automation_only``, ``full``) and split each outcome's change with the two-factor Shapley
decomposition; the thesis test itself (:mod:`sim.experiments.thesis`) runs all 32 arms of the
five blocks. The dashboard's channel switches follow the same grouping of blocks.
"""

from __future__ import annotations

import pandas as pd

from sim.model.params import REGIMES, Params

ARMS = ("no_ai", "augmentation_only", "automation_only", "full")

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
