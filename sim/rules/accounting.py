"""Month-end bookkeeping: tenure and spell clocks, the collected metrics, and stock-flow checks.

Flows are measured the way the CPS measures them: by comparing each worker's status (and
employer) at the start and at the end of the month. (Workers separated in a month start
searching the next month, so nobody is separated and rehired within one month.)
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from sim.state import EMPLOYED, FREELANCE, NO_EMPLOYER, STATUS_NAMES, UNEMPLOYED

#: Unemployed for more than this many month-ends counts as long-term (BLS: 27 weeks or more).
LONG_TERM_MONTHS = 6


@dataclass(frozen=True)
class MonthlyMetrics:
    """The metrics collected every reported month (one timeseries column each).

    Rates are shares (0-1); flows are per month; wages are annual US dollars (2023).
    """

    unemployment_rate: float  # unemployed / labor force, end of month
    vacancy_rate: float  # open vacancies / (employment + open vacancies), end of month (JOLTS)
    job_finding_rate: float  # unemployed at start who are employed at end / unemployed at start
    separation_rate: float  # employed at start who are unemployed at end / employed at start
    job_to_job_rate: float  # employed at start and end, with another employer / employed at start
    long_term_unemployment_share: float  # unemployed > 6 months / unemployed
    mean_log_wage: float  # mean log annual wage of the employed
    log_wage_variance: float  # variance of log annual wage of the employed
    output: float  # value of output, US dollars a month (productivity units x occupation wage)
    employment: int  # employed workers, end of month
    labor_force: int  # all workers (employed + unemployed + freelance)
    unemployed: int  # unemployed workers, end of month
    vacancies: int  # open vacancies, end of month
    hires_rate: float  # all hires this month / employed at start (JOLTS hires rate)
    layoff_rate: float  # layoffs this month / employed at start (JOLTS layoffs and discharges)
    quit_rate: float  # quits into unemployment this month / employed at start


METRIC_NAMES = tuple(f.name for f in dataclasses.fields(MonthlyMetrics))


def _share(numerator: float, denominator: float) -> float:
    return float(numerator) / denominator if denominator > 0 else float("nan")


def compute_metrics(status_start: np.ndarray, employer_start: np.ndarray, status: np.ndarray,
                    employer: np.ndarray, unemployed_months: np.ndarray, wage: np.ndarray,
                    vacancies: int, output: float, hires: int, layoffs: int,
                    quits: int) -> MonthlyMetrics:
    """The month's metrics from start- and end-of-month states and the month's event counts."""
    employed_start = status_start == EMPLOYED
    unemployed_start = status_start == UNEMPLOYED
    employed = status == EMPLOYED
    unemployed = status == UNEMPLOYED
    n_employed_start = int(employed_start.sum())
    n_employed = int(employed.sum())
    n_unemployed = int(unemployed.sum())
    moved = employed_start & employed & (employer != employer_start)
    log_wage = np.log(wage[employed]) if n_employed else np.array([np.nan])
    return MonthlyMetrics(
        unemployment_rate=_share(n_unemployed, len(status)),
        vacancy_rate=_share(vacancies, n_employed + vacancies),
        job_finding_rate=_share((unemployed_start & employed).sum(), unemployed_start.sum()),
        separation_rate=_share((employed_start & unemployed).sum(), n_employed_start),
        job_to_job_rate=_share(moved.sum(), n_employed_start),
        long_term_unemployment_share=_share(
            (unemployed & (unemployed_months > LONG_TERM_MONTHS)).sum(), n_unemployed),
        mean_log_wage=float(log_wage.mean()),
        log_wage_variance=float(log_wage.var()),
        output=float(output),
        employment=n_employed,
        labor_force=len(status),
        unemployed=n_unemployed,
        vacancies=int(vacancies),
        hires_rate=_share(hires, n_employed_start),
        layoff_rate=_share(layoffs, n_employed_start),
        quit_rate=_share(quits, n_employed_start),
    )


def advance_clocks(status: np.ndarray, tenure: np.ndarray, unemployed_months: np.ndarray) -> None:
    """Month-end: employed add a month of tenure, unemployed a month to their spell (in place)."""
    tenure[status == EMPLOYED] += 1
    unemployed_months[status == UNEMPLOYED] += 1


def stock_flow_problems(status: np.ndarray, employer: np.ndarray, wage: np.ndarray,
                        vacancies: np.ndarray, n_firms: int) -> list[str]:
    """Everything wrong with the stocks, as sentences (empty when the books balance).

    Every worker is in exactly one known status; a worker has an employer if and only if they
    are employed; employers exist; the employed earn a positive wage; vacancies are
    non-negative.
    """
    problems = []
    known = np.isin(status, (EMPLOYED, UNEMPLOYED, FREELANCE))
    if not known.all():
        problems.append(f"{(~known).sum()} workers have a status outside {STATUS_NAMES}")
    employed = status == EMPLOYED
    if (employer[employed] == NO_EMPLOYER).any():
        problems.append("an employed worker has no employer")
    if (employer[~employed] != NO_EMPLOYER).any():
        problems.append("a worker who is not employed has an employer")
    if ((employer[employed] < 0) | (employer[employed] >= n_firms)).any():
        problems.append("an employer index is out of range")
    if not (wage[employed] > 0).all():
        problems.append("an employed worker has a non-positive wage")
    if (vacancies < 0).any():
        problems.append("a cell has negative vacancies")
    return problems
