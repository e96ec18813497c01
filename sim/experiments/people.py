"""Groups of people the thesis speaks of, and each group's outcomes in every arm of a seed.

Every group is defined once per seed, from the ``full`` arm (every AI block on) and from traits
fixed before AI, and then measured in every arm: the same people in every arm (the people
ledger's rows, :mod:`sim.model.ledger`). The cohort is the people in the population in January
2025 (month 0), followed until they leave the labor market for good. The groups and why:

- ``versed``: proficient AI users (proficiency at least ``ai.new_work_proficiency``, the level
  the new AI-work positions ask for) in the full arm at the stated month (``versed_month``,
  default month 0, January 2025: before any outcome of the horizon, so that the horizon's
  outcomes cannot decide who is counted as versed). The thesis's "people very versed in
  technology".
- ``not_versed``: people who never use AI in the full arm while in the cohort. The thesis's
  "people who are not" versed; ``other_users`` are the rest (users, not proficient at the
  stated month).
- ``low``, ``middle``, ``high``: the fixed thirds of the AI-adoption propensity trait, an
  intention-to-treat grouping (most of the low third still adopts within ten years).
- ``age_22_25`` ... ``age_50_plus`` (and ``age_under_22``): age at month 0.
- ``exposed`` and ``less_exposed``: the month-0 occupation's AI exposure at least 0.5 (the
  eight occupations the thesis names) or below; ``occupation_<name>``: each occupation.
- ``policy_<regime>``: employed, when AI arrived, by a firm that runs the regime.
- ``all``: the whole cohort.

:func:`arm_values` gives every group's totals over the horizon in one arm (per person of the
group at month 0), :func:`arm_monthly` their monthly shares at work. This module does no input
or output.
"""

from __future__ import annotations

import numpy as np

from sim.model.ledger import GONE, PROFICIENCY_STEPS, PROFICIENT_BIT, USER_BIT, PeopleLedger
from sim.model.occupations import Occupations
from sim.model.params import REGIMES
from sim.model.state import EMPLOYED, FREELANCE, NONPARTICIPANT, UNEMPLOYED

#: Age groups at month 0: label, lowest and highest age in years (inclusive).
AGE_GROUPS = (("age_under_22", 0, 21), ("age_22_25", 22, 25), ("age_26_34", 26, 34),
              ("age_35_49", 35, 49), ("age_50_plus", 50, 200))
#: Occupations at least this exposed are ``exposed``.
EXPOSED_AT = 0.5
#: Bins of AI proficiency at the stated month for the displacement hazard (H3): never users,
#: then the users in fifths of proficiency (fifths of the full arm's users at the stated month,
#: so that every bin has people at any month).
BIN_LABELS = ("never_user", "users_fifth_1", "users_fifth_2", "users_fifth_3",
              "users_fifth_4", "users_fifth_5")

#: What each group is, in words (for thesis.json and the report).
GROUP_DEFINITIONS = {
    "versed": "proficient AI users (proficiency at least ai.new_work_proficiency) in the full "
              "arm at the stated month",
    "not_versed": "people who never use AI in the full arm while in the population",
    "other_users": "AI users who were not proficient at the stated month",
    "low": "bottom third of the fixed AI-adoption propensity (intention to treat)",
    "middle": "middle third of the fixed AI-adoption propensity",
    "high": "top third of the fixed AI-adoption propensity (intention to treat)",
    "exposed": f"month-0 occupation with AI exposure at least {EXPOSED_AT}",
    "less_exposed": f"month-0 occupation with AI exposure below {EXPOSED_AT}",
    "all": "everyone in the population in January 2025 (month 0)",
    "occupation_<name>": "in the occupation at month 0",
    "policy_<regime>": "employed, when AI arrived, by a firm that runs the regime",
    **{label: f"aged {low}-{high} at month 0" if high < 200 else f"aged {low}+ at month 0"
       for label, low, high in AGE_GROUPS},
}


def status(codes: np.ndarray) -> np.ndarray:
    """The status part of ledger codes (GONE stays GONE)."""
    return np.where(codes == GONE, GONE, codes & 3)


def define_groups(full: PeopleLedger, occupations: Occupations, versed_month: int
                  ) -> dict[str, np.ndarray]:
    """Every group as a mask over the cohort, from the full arm's ledger (see the module)."""
    codes = full.codes[versed_month]
    present = codes != GONE
    versed = present & ((codes & PROFICIENT_BIT) > 0)
    ever_user = (((full.codes & USER_BIT) > 0) & (full.codes != GONE)).any(axis=0)
    groups = {"all": np.ones(len(full.person), dtype=bool), "versed": versed,
              "not_versed": ~ever_user, "other_users": ever_user & ~versed}
    for i, name in enumerate(("low", "middle", "high")):
        groups[name] = full.third == i
    age = full.age_months // 12
    for label, low, high in AGE_GROUPS:
        groups[label] = (age >= low) & (age <= high)
    exposed = occupations.exposure[full.occupation] >= EXPOSED_AT
    groups["exposed"], groups["less_exposed"] = exposed, ~exposed
    for k, name in enumerate(occupations.names):
        groups[f"occupation_{name}"] = full.occupation == k
    for r, regime in enumerate(REGIMES):
        groups[f"policy_{regime}"] = full.policy == r
    return groups


def proficiency_bins(full: PeopleLedger, versed_month: int,
                     not_versed: np.ndarray) -> np.ndarray:
    """Each person's bin of :data:`BIN_LABELS` at the stated month in the full arm: 0 for
    never users, 1-5 for the fifths of the users then by proficiency (ties broken by row), -1
    for the others (users not in the population then)."""
    codes = full.codes[versed_month]
    user = np.flatnonzero((codes != GONE) & ((codes & USER_BIT) > 0))
    bins = np.full(len(codes), -1, dtype=np.int64)
    order = user[np.argsort(full.proficiency[versed_month][user], kind="stable")]
    bins[order] = 1 + (5 * np.arange(len(order))) // max(len(order), 1)
    bins[not_versed] = 0
    return bins


def arm_values(ledger: PeopleLedger, groups: dict[str, np.ndarray], bins: np.ndarray
               ) -> dict[str, float]:
    """One arm's outcomes, keyed ``<outcome>/<group>``, per person of the group at month 0:

    ``unemployment_months``, ``work_months`` (employed or freelancing), ``employee_months``,
    ``freelance_months``, ``labor_force_months``, ``earnings`` (US dollars), ``layoffs`` and
    ``hires`` over the horizon; ``employment_rate`` (work months over labor-force months);
    ``hazard/<bin>``: layoffs per 100 employee-months of each proficiency bin. Also
    ``positions/total``: everyone's work months (entrants too), per cohort person.
    """
    s = status(ledger.codes)
    months = {"unemployment_months": (s == UNEMPLOYED).sum(axis=0),
              "employee_months": (s == EMPLOYED).sum(axis=0),
              "freelance_months": (s == FREELANCE).sum(axis=0),
              "labor_force_months": ((s != NONPARTICIPANT) & (s != GONE)).sum(axis=0)}
    months["work_months"] = months["employee_months"] + months["freelance_months"]
    per_person = {**months, "earnings": ledger.earnings, "layoffs": ledger.layoffs,
                  "hires": ledger.hires}
    out = {}
    for group, mask in groups.items():
        n = int(mask.sum())
        for name, x in per_person.items():
            out[f"{name}/{group}"] = float(x[mask].sum() / n) if n else np.nan
        lf = months["labor_force_months"][mask].sum()
        out[f"employment_rate/{group}"] = (float(months["work_months"][mask].sum() / lf)
                                           if lf else np.nan)
    for i, label in enumerate(BIN_LABELS):
        mask = bins == i
        exposure = months["employee_months"][mask].sum()
        out[f"hazard/{label}"] = (float(100 * ledger.layoffs[mask].sum() / exposure)
                                  if exposure else np.nan)
    out["positions/total"] = float(ledger.working_total.sum() / len(ledger.person))
    last_year = ledger.wages[-12:]
    for j, name in enumerate(("wage_p10", "wage_p50", "wage_p90", "skill_judgment_premium")):
        out[f"{name}/last_year"] = float(np.nanmean(last_year[:, j]))
    return out


#: The per-person outcomes of every group in :func:`arm_values`.
GROUP_OUTCOMES = ("unemployment_months", "employee_months", "freelance_months",
                  "labor_force_months", "work_months", "earnings", "layoffs", "hires",
                  "employment_rate")


def group_names(occupations: Occupations) -> list[str]:
    """The names of the groups :func:`define_groups` makes, in its order."""
    return ["all", "versed", "not_versed", "other_users", "low", "middle", "high",
            *(label for label, _, _ in AGE_GROUPS), "exposed", "less_exposed",
            *(f"occupation_{name}" for name in occupations.names),
            *(f"policy_{regime}" for regime in REGIMES)]


def outcome_keys(occupations: Occupations) -> list[str]:
    """Every key of :func:`arm_values`, ``<outcome>/<group>``, in its order."""
    return [*(f"{name}/{group}" for group in group_names(occupations)
              for name in GROUP_OUTCOMES),
            *(f"hazard/{label}" for label in BIN_LABELS), "positions/total",
            *(f"{name}/last_year" for name in ("wage_p10", "wage_p50", "wage_p90",
                                                "skill_judgment_premium"))]


#: Groups whose monthly share at work is kept for the figures.
MONTHLY_GROUPS = ("versed", "not_versed", "other_users", "low", "high", "age_22_25",
                  "age_26_34", "age_35_49", "age_50_plus")


def arm_monthly(ledger: PeopleLedger, groups: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Monthly series of one arm: each of :data:`MONTHLY_GROUPS`' share of its month-0 people
    at work (employed or freelancing), and the wage percentiles and premium (log points)."""
    s = status(ledger.codes)
    at_work = (s == EMPLOYED) | (s == FREELANCE)
    out = {f"work_share/{g}": at_work[:, groups[g]].mean(axis=1) if groups[g].any()
           else np.full(len(s), np.nan) for g in MONTHLY_GROUPS}
    for j, name in enumerate(("wage_p10", "wage_p50", "wage_p90", "skill_judgment_premium")):
        out[name] = ledger.wages[:, j].copy()
    return out


def status_over_time(full: PeopleLedger) -> dict[str, np.ndarray]:
    """The time-varying status in the full arm: each month, the employment rate (work over
    labor force) of those proficient that month, of other users and of non-users."""
    codes = full.codes
    s = status(codes)
    in_lf = (s != NONPARTICIPANT) & (s != GONE)
    at_work = (s == EMPLOYED) | (s == FREELANCE)
    user = (codes != GONE) & ((codes & USER_BIT) > 0)
    proficient = user & ((codes & PROFICIENT_BIT) > 0)
    out = {}
    for name, mask in (("proficient_now", proficient), ("user_not_proficient_now",
                                                         user & ~proficient),
                       ("not_user_now", (codes != GONE) & ~user)):
        lf = (in_lf & mask).sum(axis=1)
        out[f"employment_rate/{name}"] = np.where(lf > 0, (at_work & mask).sum(axis=1)
                                                  / np.maximum(lf, 1), np.nan)
    return out


def freelancer_comparison(full: PeopleLedger, none: PeopleLedger,
                          occupations: Occupations) -> dict[str, float]:
    """H4's two statistics for one seed: month-0 freelancers against month-0 employees
    matched on traits fixed before AI (propensity third x skill-rank third x exposed or not;
    each cell weighted by its freelancers):

    - ``upskilling``: AI proficiency at the horizon's end in the full arm (share of the
      frontier, people present then), freelancers minus matched employees: everyone's is zero
      before AI arrives, so this is the upskilling since AI's arrival (a gain over the horizon
      alone would favour those who start lower, since learning slows as proficiency grows);
    - ``earnings``: AI's effect on earnings (full arm over no-AI arm, same people, minus 1, in
      percent), freelancers minus matched employees.
    """
    skill_third = np.minimum((3 * full.skill_rank).astype(int), 2)
    exposed = (occupations.exposure[full.occupation] >= EXPOSED_AT).astype(int)
    cell = full.third * 6 + skill_third * 2 + exposed
    at_end = full.codes[-1] != GONE
    gain = full.proficiency[-1].astype(float) / PROFICIENCY_STEPS  # since AI's arrival
    up, earn, weights = [], [], []
    for c in range(18):
        f = (cell == c) & (full.status0 == FREELANCE)
        e = (cell == c) & (full.status0 == EMPLOYED)
        if not f.any() or not e.any() or none.earnings[f].sum() <= 0 \
                or none.earnings[e].sum() <= 0:
            continue
        fe, ee = f & at_end, e & at_end
        up.append(gain[fe].mean() - gain[ee].mean() if fe.any() and ee.any() else np.nan)
        earn.append(100 * (full.earnings[f].sum() / none.earnings[f].sum()
                           - full.earnings[e].sum() / none.earnings[e].sum()))
        weights.append(f.sum())
    if not weights:
        return {"upskilling": np.nan, "earnings": np.nan}
    up, earn, weights = np.array(up), np.array(earn), np.array(weights, dtype=float)
    ok = np.isfinite(up)
    return {"upskilling": float(np.average(up[ok], weights=weights[ok])) if ok.any()
            else np.nan,
            "earnings": float(np.average(earn, weights=weights))}
