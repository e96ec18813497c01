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
    quit_rate: float  # quits (into unemployment or freelancing) this month / employed at start
    ai_capability: float  # capability frontier: share of exposed tasks AI does well (0-1)
    ai_adoption_rate: float  # employed who use AI / employed
    mean_ai_proficiency: float  # mean proficiency of AI users (NaN without users)
    automation_share: float  # labor-demand-weighted share of tasks automated
    ai_wage_premium: float  # mean log wage of employed users minus non-users (NaN if none)
    freelance_share: float  # freelancers / labor force
    mean_output_quality: float  # demand-weighted mean firm output quality (1 = no loss)
    unemployment_rate_low_propensity: float  # bottom third of the adoption propensity
    unemployment_rate_high_propensity: float  # top third of the adoption propensity
    separations_demand: int  # layoffs caused by falling demand, this month
    separations_automation: int  # layoffs of automated positions
    separations_outcompeted: int  # layoffs lost to more AI-productive workers
    separations_policy: int  # layoffs by firm AI policy (contractors replaced)
    quits: int  # quits into unemployment or freelancing
    lost_hires_outcompeted: int  # offers lost to a more AI-productive applicant
    lost_hires_policy: int  # offers lost to the ai_required screen
    reskilled: int  # workers redeployed by reskilling firms instead of laid off
    firms_baseline: int  # firms running each policy regime this month
    firms_freeze_reverse: int
    firms_ai_first: int
    firms_ai_required: int
    firms_replace_contractors: int
    firms_reskill: int
    employment_rate_low_propensity: float  # employed / workers, bottom third of propensity
    employment_rate_high_propensity: float  # employed / workers, top third of propensity
    mean_earnings: float  # US dollars a month per worker (wages and freelance earnings; 0 idle)
    mean_earnings_low_propensity: float  # the same, bottom third of propensity
    mean_earnings_high_propensity: float  # the same, top third of propensity
    unemployment_rate_policy_baseline: float  # unemployed share of the workers employed, when
    # AI arrived, by firms of this regime (the same people in every arm; NaN if none)
    unemployment_rate_policy_freeze_reverse: float
    unemployment_rate_policy_ai_first: float
    unemployment_rate_policy_ai_required: float
    unemployment_rate_policy_replace_contractors: float
    unemployment_rate_policy_reskill: float


METRIC_NAMES = tuple(f.name for f in dataclasses.fields(MonthlyMetrics))


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
