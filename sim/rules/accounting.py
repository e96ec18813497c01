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


def metric(unit: str, doc: str):
    """Declare a metric field with its unit and meaning."""
    return dataclasses.field(metadata={"unit": unit, "doc": doc})


@dataclass(frozen=True)
class MonthlyMetrics:
    """The metrics collected every reported month (one timeseries column each; the unit and
    meaning of each are in its field metadata, read by docs, exports and ``laborsim show``).

    Rates are shares (0-1); flows are per month; wages are annual US dollars (2023).
    """

    unemployment_rate: float = metric("share", "unemployed / labor force, end of month")
    vacancy_rate: float = metric(
        "share",
        "open vacancies / (employment + open vacancies), end of month (JOLTS definition)")
    job_finding_rate: float = metric(
        "share a month",
        "unemployed at the start of the month who are employed at its end / unemployed at "
        "the start")
    separation_rate: float = metric(
        "share a month",
        "employed at the start who are unemployed at the end / employed at the start")
    job_to_job_rate: float = metric(
        "share a month",
        "employed at the start and the end, with another employer / employed at the start")
    long_term_unemployment_share: float = metric(
        "share",
        "unemployed for more than 6 months / unemployed")
    mean_log_wage: float = metric("log US dollars a year", "mean log annual wage of the employed")
    log_wage_variance: float = metric(
        "log points squared",
        "variance of the log annual wage of the employed")
    output: float = metric(
        "US dollars a month",
        "value of output: workers' productivity valued at occupation mean wages, "
        "automated tasks and freelance work")
    employment: int = metric("workers", "employed workers, end of month")
    labor_force: int = metric("workers", "all workers (employed, unemployed and freelance)")
    unemployed: int = metric("workers", "unemployed workers, end of month")
    vacancies: int = metric("vacancies", "open vacancies, end of month")
    hires_rate: float = metric(
        "share a month",
        "hires this month / employed at the start (JOLTS hires rate)")
    layoff_rate: float = metric(
        "share a month",
        "layoffs this month / employed at the start (JOLTS layoffs and discharges)")
    quit_rate: float = metric(
        "share a month",
        "quits into unemployment or freelancing this month / employed at the start")
    ai_capability: float = metric(
        "share of exposed tasks",
        "capability frontier: share of exposed tasks AI does well")
    ai_adoption_rate: float = metric("share", "employed who use AI / employed")
    mean_ai_proficiency: float = metric(
        "share of the frontier",
        "mean proficiency of AI users (empty without users)")
    automation_share: float = metric("share", "labor-demand-weighted share of tasks automated")
    ai_wage_premium: float = metric(
        "log points",
        "mean log wage of employed AI users minus that of non-users (empty if either "
        "group is)")
    freelance_share: float = metric("share", "freelancers / labor force")
    mean_output_quality: float = metric(
        "index, 1 = no loss",
        "demand-weighted mean output quality of firms")
    unemployment_rate_low_propensity: float = metric(
        "share",
        "unemployed / workers in the bottom third of the fixed AI-adoption propensity")
    unemployment_rate_high_propensity: float = metric(
        "share",
        "unemployed / workers in the top third of the fixed AI-adoption propensity")
    separations_demand: int = metric("workers a month", "layoffs caused by falling product demand")
    separations_automation: int = metric("workers a month", "layoffs of automated positions")
    separations_outcompeted: int = metric(
        "workers a month",
        "layoffs lost to more AI-productive workers")
    separations_policy: int = metric(
        "workers a month",
        "layoffs by a firm AI policy (contractors replaced by automation)")
    quits: int = metric("workers a month", "quits into unemployment or freelancing")
    lost_hires_outcompeted: int = metric(
        "workers a month",
        "job offers lost to a more AI-productive applicant")
    lost_hires_policy: int = metric("workers a month", "job offers lost to an ai_required screen")
    reskilled: int = metric(
        "workers a month",
        "workers redeployed by reskilling firms instead of laid off")
    firms_baseline: int = metric("firms", "firms running the baseline regime this month")
    firms_freeze_reverse: int = metric(
        "firms",
        "firms running the freeze_reverse regime this month")
    firms_ai_first: int = metric("firms", "firms running the ai_first regime this month")
    firms_ai_required: int = metric("firms", "firms running the ai_required regime this month")
    firms_replace_contractors: int = metric(
        "firms",
        "firms running the replace_contractors regime this month")
    firms_reskill: int = metric("firms", "firms running the reskill regime this month")
    employment_rate_low_propensity: float = metric(
        "share",
        "employed / workers in the bottom third of the adoption propensity")
    employment_rate_high_propensity: float = metric(
        "share",
        "employed / workers in the top third of the adoption propensity")
    mean_earnings: float = metric(
        "US dollars a month",
        "earnings per worker: wages and freelance earnings, nothing while unemployed")
    mean_earnings_low_propensity: float = metric(
        "US dollars a month",
        "the same, bottom third of the adoption propensity")
    mean_earnings_high_propensity: float = metric(
        "US dollars a month",
        "the same, top third of the adoption propensity")
    unemployment_rate_policy_baseline: float = metric(
        "share",
        "unemployed / workers employed, when AI arrived, by firms of the baseline regime "
        "(the same people in every arm; empty if none)")
    unemployment_rate_policy_freeze_reverse: float = metric(
        "share",
        "unemployed / workers employed, when AI arrived, by firms of the freeze_reverse "
        "regime (the same people in every arm; empty if none)")
    unemployment_rate_policy_ai_first: float = metric(
        "share",
        "unemployed / workers employed, when AI arrived, by firms of the ai_first regime "
        "(the same people in every arm; empty if none)")
    unemployment_rate_policy_ai_required: float = metric(
        "share",
        "unemployed / workers employed, when AI arrived, by firms of the ai_required "
        "regime (the same people in every arm; empty if none)")
    unemployment_rate_policy_replace_contractors: float = metric(
        "share",
        "unemployed / workers employed, when AI arrived, by firms of the "
        "replace_contractors regime (the same people in every arm; empty if none)")
    unemployment_rate_policy_reskill: float = metric(
        "share",
        "unemployed / workers employed, when AI arrived, by firms of the reskill regime "
        "(the same people in every arm; empty if none)")

METRIC_NAMES = tuple(f.name for f in dataclasses.fields(MonthlyMetrics))
#: name -> (unit, meaning) of every metric column.
METRIC_DESCRIPTIONS = {f.name: (f.metadata["unit"], f.metadata["doc"])
                       for f in dataclasses.fields(MonthlyMetrics)}


def _share(numerator: float, denominator: float) -> float:
    return float(numerator) / float(denominator) if denominator > 0 else float("nan")


def compute_metrics(status_start: np.ndarray, employer_start: np.ndarray, status: np.ndarray,
                    employer: np.ndarray, unemployed_months: np.ndarray, wage: np.ndarray,
                    vacancies: int, output: float, hires: int, layoffs: int,
                    quits: int, extra: dict) -> MonthlyMetrics:
    """The month's metrics from start- and end-of-month states and the month's event counts
    (``extra``: the AI and group metrics, from :func:`ai_metrics` and :func:`group_metrics`)."""
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
        **extra,
    )


def group_metrics(status: np.ndarray, wage: np.ndarray, low: np.ndarray, high: np.ndarray,
                  policy_group: np.ndarray) -> dict:
    """Employment and earnings of the propensity thirds, and unemployment of the workers
    grouped by the regime of the firm that employed them when AI arrived."""
    from sim.params import REGIMES

    employed = status == EMPLOYED
    unemployed = status == UNEMPLOYED
    earnings = np.where(unemployed, 0.0, wage) / 12.0
    group_size = np.bincount(policy_group + 1, minlength=len(REGIMES) + 1)[1:]
    group_unemployed = np.bincount(policy_group + 1, weights=unemployed,
                                   minlength=len(REGIMES) + 1)[1:]
    return {
        "employment_rate_low_propensity": _share((employed & low).sum(), low.sum()),
        "employment_rate_high_propensity": _share((employed & high).sum(), high.sum()),
        "mean_earnings": float(earnings.mean()),
        "mean_earnings_low_propensity": float(earnings[low].mean()),
        "mean_earnings_high_propensity": float(earnings[high].mean()),
        **{f"unemployment_rate_policy_{name}": _share(group_unemployed[i], group_size[i])
           for i, name in enumerate(REGIMES)},
    }


def _mean(values: np.ndarray) -> float:
    return float(values.mean()) if len(values) else float("nan")


def ai_metrics(frontier: float, user: np.ndarray, proficiency: np.ndarray,
               employed: np.ndarray, wage: np.ndarray, status: np.ndarray, low: np.ndarray,
               high: np.ndarray, automated: np.ndarray, labor_demand: np.ndarray,
               quality: np.ndarray, firm_demand: np.ndarray, causes: np.ndarray,
               events: dict, regimes: np.ndarray) -> dict:
    """AI, freelance, propensity-group, cause and regime metrics of the month."""
    from sim.params import REGIMES
    from sim.rules.attribution import AUTOMATION, DEMAND, OUTCOMPETED, POLICY

    unemployed = status == UNEMPLOYED
    log_wage = np.log(wage[employed])
    employed_user = user[employed]
    demand_total = labor_demand.sum()
    return {
        "ai_capability": float(frontier),
        "ai_adoption_rate": _share(employed_user.sum(), len(employed_user)),
        "mean_ai_proficiency": _mean(proficiency[user]),
        "automation_share": float((automated * labor_demand).sum() / demand_total)
        if demand_total > 0 else 0.0,
        "ai_wage_premium": _mean(log_wage[employed_user]) - _mean(log_wage[~employed_user]),
        "freelance_share": _share((status == FREELANCE).sum(), len(status)),
        "mean_output_quality": float(np.average(quality, weights=firm_demand))
        if firm_demand.sum() > 0 else 1.0,
        "unemployment_rate_low_propensity": _share((unemployed & low).sum(), low.sum()),
        "unemployment_rate_high_propensity": _share((unemployed & high).sum(), high.sum()),
        "separations_demand": int(causes[DEMAND]),
        "separations_automation": int(causes[AUTOMATION]),
        "separations_outcompeted": int(causes[OUTCOMPETED]),
        "separations_policy": int(causes[POLICY]),
        "quits": int(events["quits"]),
        "lost_hires_outcompeted": int(events["lost_hires_outcompeted"]),
        "lost_hires_policy": int(events["lost_hires_policy"]),
        "reskilled": int(events["reskilled"]),
        **{f"firms_{name}": int(regimes[i]) for i, name in enumerate(REGIMES)},
    }


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
