"""The people ledger: what happens to each person of the month-0 population, month by month.

Kept only when ``run.people`` is on (every arm of the thesis test,
:mod:`sim.experiments.thesis`). The cohort is the people in the population in January 2025
(month 0), each followed until they leave the labor market for good (a new entrant then takes
their row, :mod:`sim.model.rules.demography`; entrants are not in the cohort). Because every
arm of a seed draws the same people, retirements and entrants (common random numbers), row
``i`` of the ledger is the same person in every arm: groups defined in one arm can be measured
in another.

Per person and reported month, one status code (:func:`status_codes`) and the AI proficiency;
per person over the horizon, earnings, layoffs (the involuntary separations of
:mod:`sim.model.rules.attribution`: demand, automation, outcompeted, policy) and hires. Per
month, the wage percentiles of the employed and the premium of top skill with judgment work
(:func:`wage_distribution`). The ledger does no input or output and changes no state.
"""

from __future__ import annotations

import numpy as np

from sim.model.occupations import Occupations
from sim.model.rules.attribution import AUTOMATION, DEMAND, OUTCOMPETED, POLICY
from sim.model.state import EMPLOYED, FREELANCE, Groups, WorkerState

#: Separation causes that are layoffs (the firm's decision; not quits, match ends or retirement).
LAYOFF_CAUSES = (DEMAND, AUTOMATION, OUTCOMPETED, POLICY)

#: Status code of a person no longer in the population.
GONE = 255
#: Bits of a status code above the status (EMPLOYED, UNEMPLOYED, FREELANCE, NONPARTICIPANT).
USER_BIT, PROFICIENT_BIT = 4, 8
#: Proficiency is kept in steps of 1 / PROFICIENCY_STEPS (a byte per person-month).
PROFICIENCY_STEPS = 250

#: Top skill: the top fifth of the fixed skill rank; judgment work: occupations whose share of
#: judgment tasks is at least the employment-weighted median (a judgment, for H5).
TOP_SKILL_RANK = 0.8


def status_codes(workers: WorkerState, proficient_at: float) -> np.ndarray:
    """One byte per worker: the status, plus :data:`USER_BIT` for AI users and
    :data:`PROFICIENT_BIT` for users whose proficiency is at least ``proficient_at``."""
    user = workers.ai_user
    proficient = user & (workers.proficiency >= proficient_at)
    return (workers.status.astype(np.uint8) + USER_BIT * user.astype(np.uint8)
            + PROFICIENT_BIT * proficient.astype(np.uint8))


def wage_distribution(workers: WorkerState, occupations: Occupations) -> tuple[float, ...]:
    """The month's p10, p50 and p90 of the employed's log annual wages, and the premium of top
    skill with judgment work: the mean log wage of employees in the top fifth of skill rank in
    judgment-heavy occupations minus that of all other employees (NaN when a group is
    empty)."""
    employed = np.flatnonzero(workers.status == EMPLOYED)
    if len(employed) == 0:
        return (np.nan,) * 4
    log_wage = np.log(workers.wage[employed])
    p10, p50, p90 = np.percentile(log_wage, [10, 50, 90])
    top = ((workers.skill_rank[employed] >= TOP_SKILL_RANK)
           & judgment_heavy(occupations)[workers.occupation[employed]])
    premium = (log_wage[top].mean() - log_wage[~top].mean()
               if top.any() and (~top).any() else np.nan)
    return float(p10), float(p50), float(p90), float(premium)


def judgment_heavy(occupations: Occupations) -> np.ndarray:
    """Occupations whose judgment share is at least the employment-weighted median."""
    order = np.argsort(occupations.judgment_share, kind="stable")
    weight = np.cumsum(occupations.employment_share[order])
    median = occupations.judgment_share[order][np.searchsorted(weight, 0.5 * weight[-1])]
    return occupations.judgment_share >= median


class PeopleLedger:
    """The month-0 population's months, earnings, layoffs and hires (see the module)."""

    def __init__(self, workers: WorkerState, groups: Groups, months: int,
                 proficient_at: float) -> None:
        n = workers.count
        self.person = workers.person.copy()  # the cohort: the person of each row at month 0
        self.proficient_at = proficient_at
        # propensity third: 0 low, 1 middle, 2 high (fixed; the model's groups)
        self.third = (1 + groups.high_propensity.astype(np.int8)
                      - groups.low_propensity.astype(np.int8))
        self.policy = groups.policy.copy()  # regime of the employer when AI arrived (-1: none)
        self.age_months = workers.age_months.copy()  # at the start of month 0
        self.occupation = workers.occupation.copy()
        self.status0 = workers.status.copy()
        self.skill_rank = workers.skill_rank.copy()
        self.codes = np.full((months, n), GONE, dtype=np.uint8)
        self.proficiency = np.zeros((months, n), dtype=np.uint8)
        self.earnings = np.zeros(n)  # US dollars over the reported months
        self.layoffs = np.zeros(n, dtype=np.int32)
        self.hires = np.zeros(n, dtype=np.int32)
        self.wages = np.full((months, 4), np.nan)  # p10, p50, p90, premium (log points)
        self.working_total = np.zeros(months, dtype=np.int64)  # everyone at work, entrants too
        self.months_recorded = 0

    def present(self, workers: WorkerState, rows: np.ndarray | None = None) -> np.ndarray:
        """Whether the cohort person of each row (or of ``rows``) is still in the population."""
        if rows is None:
            return workers.person == self.person
        return workers.person[rows] == self.person[rows]

    def separations(self, workers: WorkerState, rows: np.ndarray, causes: np.ndarray) -> None:
        """Count the layoffs among separations of ``rows`` with causes ``causes``."""
        layoff = np.isin(causes, LAYOFF_CAUSES) & self.present(workers, rows)
        np.add.at(self.layoffs, rows[layoff], 1)

    def hired(self, workers: WorkerState, rows: np.ndarray) -> None:
        """Count the hires of ``rows`` (into employment, from any status)."""
        np.add.at(self.hires, rows[self.present(workers, rows)], 1)

    def end_month(self, workers: WorkerState, occupations: Occupations) -> None:
        """Record the month's statuses, proficiency, earnings and wage distribution."""
        t = self.months_recorded
        present = self.present(workers)
        codes = status_codes(workers, self.proficient_at)
        self.codes[t] = np.where(present, codes, GONE)
        self.proficiency[t] = np.where(
            present, np.rint(PROFICIENCY_STEPS * workers.proficiency), 0).astype(np.uint8)
        at_work = (workers.status == EMPLOYED) | (workers.status == FREELANCE)
        self.working_total[t] = at_work.sum()
        self.earnings += np.where(present & at_work, workers.wage, 0.0) / 12.0
        self.wages[t] = wage_distribution(workers, occupations)
        self.months_recorded += 1
