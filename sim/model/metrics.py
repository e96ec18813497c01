"""The month's metrics: what the model reports at the end of every month.

:class:`MonthlyMetrics` declares every metric with its unit and meaning (one timeseries column
each, read by the DataCollector, the docs, CSV exports and ``laborsim show``). :func:`compute`
builds them from the model's state objects, one topic function per group of metrics: labor
flows and stocks (measured as the CPS does, by comparing each worker's status and employer at
the start and the end of the month), wages, AI, the AI market (work time with AI and the time
it saves, the pass-through of its gains to pay, new AI work, the prices and market share of
AI-augmented firms, entry-level hiring by the firms' AI exposure: computed in
:mod:`sim.model.metrics_ai`), the fixed groups of workers, separation and lost-hire causes,
firms by regime, and the same few measures for every age group and every occupation. The
market-wide metrics are declared one by one in :class:`DeclaredMetrics`; the metrics by age
group and by occupation are the same six measures for each group, so they are generated in one
place (:func:`group_fields`) from :data:`sim.model.rules.demography.AGE_GROUP_NAMES` and the
names of the default occupation table (:data:`OCCUPATION_NAMES`), and :class:`MonthlyMetrics`
is both together. (Over 300 lines because the declaration of every metric, with its unit and
meaning, takes more than half of it; the declarations stay together, and beside the
computation of all but the AI-market metrics.)
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from sim.model.metrics_ai import ai_market_metrics, mean, share
from sim.model.month import MonthState
from sim.model.occupations import Occupations, default_occupations
from sim.model.params import REGIMES
from sim.model.rules.attribution import AUTOMATION, DEMAND, MATCH, OUTCOMPETED, POLICY
from sim.model.rules.demography import AGE_GROUP_NAMES, AGE_GROUPS, age_group_table
from sim.model.rules.productivity import cell_sum
from sim.model.state import (
    EMPLOYED,
    ENTRY,
    FREELANCE,
    NONPARTICIPANT,
    STATUS_NAMES,
    UNEMPLOYED,
    FirmState,
    Groups,
    WorkerState,
    cells_per_firm,
    employed_cells,
    per_cell,
)

#: Unemployed for more than this many month-ends counts as long-term (BLS: 27 weeks or more).
LONG_TERM_MONTHS = 6
#: The occupations of the metrics by occupation: the default table's names, in code order
#: (a model with another table cannot report them; :func:`check_occupations`).
OCCUPATION_NAMES = default_occupations().names


def metric(unit: str, doc: str):
    """Declare a metric field with its unit and meaning."""
    return dataclasses.field(metadata={"unit": unit, "doc": doc})


@dataclass(frozen=True)
class DeclaredMetrics:
    """The market-wide metrics (and those of the propensity thirds and policy groups), each
    declared with its unit and meaning; :class:`MonthlyMetrics` adds the metrics by age group
    and occupation.

    Rates are shares (0-1); flows are per month; wages are annual US dollars (2023).
    """

    unemployment_rate: float = metric("share", "unemployed / labor force, end of month")
    participation_rate: float = metric(
        "share",
        "labor force (employed, unemployed and freelance) / people, end of month")
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
    labor_force: int = metric("workers", "employed, unemployed and freelance, end of month")
    unemployed: int = metric("workers", "unemployed workers, end of month")
    nonparticipants: int = metric("people", "people out of the labor force, end of month")
    flow_e_to_n: float = metric(
        "share a month",
        "employed at the start who are out of the labor force at the end / employed at the "
        "start (CPS gross flows)")
    flow_u_to_n: float = metric(
        "share a month",
        "unemployed at the start who are out of the labor force at the end / unemployed at "
        "the start")
    flow_n_to_e: float = metric(
        "share a month",
        "out of the labor force at the start and employed at the end / out of the labor "
        "force at the start")
    flow_n_to_u: float = metric(
        "share a month",
        "out of the labor force at the start and unemployed at the end / out of the labor "
        "force at the start")
    hires_not_from_unemployment_share: float = metric(
        "share",
        "hires of people who were not unemployed (job changers, freelancers and "
        "non-participants) / hires")
    occupation_switch_share: float = metric(
        "share",
        "hires from unemployment into an occupation other than the last one / hires from "
        "unemployment")
    entry_hires: int = metric("workers a month", "hires into entry-level positions")
    promotions: int = metric(
        "workers a month",
        "entry-level workers promoted into an experienced position of their firm")
    separations_match: int = metric(
        "workers a month",
        "layoffs of matches found, or become, too poor to keep")
    retirements: int = metric(
        "workers a month",
        "employed people who left the labor market for good (JOLTS other separations)")
    entrants: int = metric("people a month", "new entrants (first-time job seekers)")
    mean_age: float = metric("years", "mean age of the people, end of month")
    vacancies: int = metric("vacancies", "open vacancies, end of month")
    hires_rate: float = metric(
        "share a month",
        "hires this month / employed at the start (JOLTS hires rate)")
    layoff_rate: float = metric(
        "share a month",
        "layoffs this month / employed at the start (JOLTS layoffs and discharges)")
    quit_rate: float = metric(
        "share a month",
        "quits into unemployment, out of the labor force or to freelancing this month / "
        "employed at the start")
    ai_capability: float = metric(
        "share of exposed tasks",
        "capability frontier: share of exposed tasks AI does well")
    ai_adoption_rate: float = metric("share", "employed who use AI / employed")
    mean_ai_proficiency: float = metric(
        "share of the frontier",
        "mean proficiency of AI users (empty without users)")
    automation_share: float = metric("share", "labor-demand-weighted share of tasks automated")
    ai_wage_premium: float = metric(
        "difference in mean log wage",
        "mean log wage of employed AI users minus that of non-users (empty if either "
        "group is)")
    freelance_share: float = metric("share", "freelancers / labor force")
    mean_output_quality: float = metric(
        "index, 1 = no loss",
        "demand-weighted mean output quality of firms")
    unemployment_rate_low_propensity: float = metric(
        "share",
        "unemployed / people in the bottom third of the fixed AI-adoption propensity "
        "(people out of the labor force included)")
    unemployment_rate_high_propensity: float = metric(
        "share",
        "unemployed / people in the top third of the fixed AI-adoption propensity (people "
        "out of the labor force included)")
    separations_demand: int = metric("workers a month", "layoffs caused by falling product demand")
    separations_automation: int = metric("workers a month", "layoffs of automated positions")
    separations_outcompeted: int = metric(
        "workers a month",
        "layoffs lost to more AI-productive workers")
    separations_policy: int = metric(
        "workers a month",
        "layoffs by a firm AI policy (contractors replaced by automation)")
    quits: int = metric("workers a month",
                        "quits into unemployment, out of the labor force or to freelancing")
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
        "employed / people in the bottom third of the adoption propensity")
    employment_rate_high_propensity: float = metric(
        "share",
        "employed / people in the top third of the adoption propensity")
    mean_earnings: float = metric(
        "US dollars a month",
        "earnings per person: wages and freelance earnings, nothing while unemployed or out "
        "of the labor force")
    mean_earnings_low_propensity: float = metric(
        "US dollars a month",
        "the same, bottom third of the adoption propensity")
    mean_earnings_high_propensity: float = metric(
        "US dollars a month",
        "the same, top third of the adoption propensity")
    unemployment_rate_policy_baseline: float = metric(
        "share",
        "unemployed / people employed, when AI arrived, by firms of the baseline "
        "regime, still in the population (the same people in every arm; empty if none)")
    unemployment_rate_policy_freeze_reverse: float = metric(
        "share",
        "unemployed / people employed, when AI arrived, by firms of the freeze_reverse "
        "regime, still in the population (the same people in every arm; empty if none)")
    unemployment_rate_policy_ai_first: float = metric(
        "share",
        "unemployed / people employed, when AI arrived, by firms of the ai_first "
        "regime, still in the population (the same people in every arm; empty if none)")
    unemployment_rate_policy_ai_required: float = metric(
        "share",
        "unemployed / people employed, when AI arrived, by firms of the ai_required "
        "regime, still in the population (the same people in every arm; empty if none)")
    unemployment_rate_policy_replace_contractors: float = metric(
        "share",
        "unemployed / people employed, when AI arrived, by firms of the replace_contractors "
        "regime, still in the population (the same people in every arm; empty if none)")
    unemployment_rate_policy_reskill: float = metric(
        "share",
        "unemployed / people employed, when AI arrived, by firms of the reskill "
        "regime, still in the population (the same people in every arm; empty if none)")
    # the AI market (computed in sim.model.metrics_ai): AI at work, its pay, new work, firms
    ai_time_share: float = metric(
        "share of work time",
        "share of the employed's work time spent with AI: their AI intensity (share of work "
        "time with AI) summed, non-users counting zero, / employed")
    ai_user_intensity: float = metric(
        "share of work time",
        "mean AI intensity (share of work time with AI) of the employed AI users (empty "
        "without users; Bick, Blandin & Deming: about 6-25% of users' hours)")
    ai_heavy_user_share: float = metric(
        "share",
        "employed AI users whose AI intensity is at least 1/8 (an hour or more of an 8-hour "
        "day) / employed AI users (empty without users; Bick, Blandin & Deming: 31.9%)")
    ai_time_saved: float = metric(
        "share of work hours",
        "net share of the employed's work hours AI saves: g / (1 + g) summed over the "
        "employed, g the AI productivity gain (zero for non-users, negative for a loss), "
        "/ employed (Bick, Blandin & Deming: 1.4%)")
    ai_pay_pass_through: float = metric(
        "share",
        "realised share of AI productivity gains that reaches pay: the mean gap of employed "
        "users with a positive gain between their wage and the wage rule on their "
        "productivity without AI at their employer, minus the same gap of employed "
        "non-users, / the users' mean gain (empty without both groups; Humlum & "
        "Vestergaard: 3-7% of time savings; noisy from month to month and with few people: "
        "read its mean over many months and runs)")
    counteroffers: int = metric(
        "workers a month",
        "outside offers to employees that their employer matched (the employee stays)")
    new_work_position_share: float = metric(
        "share",
        "new AI-work positions / positions staffed (both whole positions, this month)")
    new_work_employment_share: float = metric(
        "share",
        "employed holding a new AI-work position / employed, end of month")
    new_work_hires: int = metric("workers a month", "hires into new AI-work positions")
    price_augmented_firms: float = metric(
        "relative price, 1 = no AI",
        "labor-demand-weighted mean unit cost (= price relative to no AI) of the AI-augmented "
        "firms: the more augmented half by scale, whose employees filled more positions each "
        "when prices were set this month than the median firm's, and more than 1.01 "
        "positions (empty if none)")
    price_other_firms: float = metric(
        "relative price, 1 = no AI",
        "labor-demand-weighted mean unit cost (= price relative to no AI) of the firms that "
        "are not AI-augmented (those without employees included; empty if none)")
    market_share_augmented_firms: float = metric(
        "share",
        "labor demand of the AI-augmented firms / labor demand of all firms (about one half "
        "unless AI wins them customers: they are half the firms by scale; empty if none)")
    entry_hire_rate_high_exposure_firms: float = metric(
        "share a month",
        "entry-level hires this month at the firms whose AI exposure (requirement-weighted "
        "exposure of their jobs) is above the median of firms weighted by scale / their "
        "employees at the start of the month")
    entry_hire_rate_low_exposure_firms: float = metric(
        "share a month",
        "entry-level hires this month at the firms whose AI exposure is at or below the "
        "scale-weighted median / their employees at the start of the month")


def group_fields() -> list[tuple[str, type, dataclasses.Field]]:
    """The metrics by age group (:data:`~sim.model.rules.demography.AGE_GROUPS`) and by
    occupation (:data:`OCCUPATION_NAMES`), as ``make_dataclass`` fields: for each age group
    its employment, unemployment and participation rates, hires, entry-level hires and the
    employed's share of work time with AI; for each occupation its employment, unemployment
    and participation rates, hires, entry-level hires and the employed's share of work time
    with AI. People are grouped by their age at the end of the month, and by their
    current occupation (the last one when not employed; an entrant's is the occupation they
    trained for); hires by the occupation of the new job."""
    fields = []
    for i, ((low, high), g) in enumerate(zip(AGE_GROUPS, AGE_GROUP_NAMES, strict=True)):
        last = i == len(AGE_GROUPS) - 1  # open-ended
        ages = f"aged {low} and over" if last else f"aged {low}-{high}"
        fields += [
            (f"employment_rate_age_{g}", float,
             metric("share", f"employed / people {ages}, end of month")),
            (f"unemployment_rate_age_{g}", float,
             metric("share", f"unemployed / labor force {ages}, end of month")),
            (f"participation_rate_age_{g}", float,
             metric("share", f"labor force (employed, unemployed and freelance) / people "
                             f"{ages}, end of month")),
            (f"hires_age_{g}", int,
             metric("workers a month", f"hires this month of people {ages} (age at the "
                                       "end of the month)")),
            (f"entry_hires_age_{g}", int,
             metric("workers a month", f"hires into entry-level positions of people {ages}")),
            (f"ai_time_share_age_{g}", float,
             metric("share of work time", f"share of work time with AI (AI intensity, zero "
                                          f"for non-users) summed over the employed {ages} / "
                                          "those employed (empty if none)")),
        ]
    for o in OCCUPATION_NAMES:
        fields += [
            (f"employment_occ_{o}", int,
             metric("workers", f"employed in occupation {o}, end of month")),
            (f"unemployment_rate_occ_{o}", float,
             metric("share", f"unemployed / labor force whose current or last occupation "
                             f"is {o}, end of month")),
            (f"participation_rate_occ_{o}", float,
             metric("share", f"labor force / people whose current or last occupation is "
                             f"{o}, end of month")),
            (f"hires_occ_{o}", int,
             metric("workers a month", f"hires this month into {o} jobs")),
            (f"entry_hires_occ_{o}", int,
             metric("workers a month", f"hires into entry-level {o} positions")),
            (f"ai_time_share_occ_{o}", float,
             metric("share of work time", f"share of work time with AI (AI intensity, zero "
                                          f"for non-users) summed over the employed in "
                                          f"occupation {o} / those employed (empty if none)")),
        ]
    return fields


#: Every metric: the declared ones, then those of :func:`group_fields`.
MonthlyMetrics = dataclasses.make_dataclass(
    "MonthlyMetrics", group_fields(), bases=(DeclaredMetrics,), frozen=True,
    namespace={"__module__": __name__, "__doc__": """The metrics collected every reported month
    (one timeseries column each; the unit and meaning of each are in its field metadata, read
    by docs, exports and ``laborsim show``): :class:`DeclaredMetrics` and the metrics by age
    group and occupation of :func:`group_fields`.

    Rates are shares (0-1); flows are per month; wages are annual US dollars (2023).
    """})

METRIC_NAMES = tuple(f.name for f in dataclasses.fields(MonthlyMetrics))
#: name -> (unit, meaning) of every metric column.
METRIC_DESCRIPTIONS = {f.name: (f.metadata["unit"], f.metadata["doc"])
                       for f in dataclasses.fields(MonthlyMetrics)}


def output_value(workers: WorkerState, firms: FirmState, now: MonthState,
                 occupations: Occupations) -> float:
    """Value of the month's output, US dollars: each cell's workers' productivity, scaled down
    where they fill more positions than the firm wants staffed, valued at the occupation's mean
    wage per productivity unit (annual wage / 12), plus what automated tasks produce (at the
    value of the positions they replace, times the firm's quality) and freelance output."""
    n_cells = len(now.positions)
    employed, cells = employed_cells(workers, occupations.count)
    produced = cell_sum(cells, now.productivity[employed], n_cells)
    filled = cell_sum(cells, now.covered[employed], n_cells)
    used = np.divide(now.positions, filled, out=np.zeros(n_cells), where=filled > 0)
    value = per_cell(occupations.mean_wage / 12.0, firms.count)
    automated = now.labor_demand * firms.automated
    quality = np.repeat(firms.quality, cells_per_firm(occupations.count))
    return float((produced * np.minimum(used, 1.0) + automated * quality) @ value
                 + now.freelance_output)


def compute(workers: WorkerState, firms: FirmState, now: MonthState, groups: Groups, *,
            frontier: float, output: float, regimes: np.ndarray,
            occupations: Occupations | None = None) -> MonthlyMetrics:
    """The metrics at the end of the month ``now``.

    Parameters
    ----------
    workers, firms : WorkerState, FirmState
        The state at the end of the month.
    now : MonthState
        The month: start-of-month statuses, labor demand, event counts and causes.
    groups : Groups
        The fixed propensity thirds and policy groups.
    frontier : float
        AI capability this month (share of exposed tasks AI does well).
    output : float
        Value of the month's output, US dollars.
    regimes : ndarray of int
        Each firm's effective regime this month.
    occupations : Occupations, optional
        The model's occupation table (the default table when not given); its names must be
        those of the default table (:func:`check_occupations`).
    """
    employed = workers.status == EMPLOYED
    log_wage = np.log(workers.wage[employed])  # computed once: wages and the AI premium
    ai_time = employed_intensity(workers, now)  # computed once: by age and by occupation
    return MonthlyMetrics(
        **flow_metrics(workers, now, vacancies=int(firms.vacancies.sum())),
        **wage_metrics(log_wage),
        output=float(output),
        **ai_metrics(workers, firms, now, frontier, employed=employed, log_wage=log_wage),
        **ai_market_metrics(workers, firms, now, employed=employed),
        **group_metrics(workers, groups),
        **cause_metrics(now),
        **regime_metrics(regimes),
        **age_metrics(workers, now, ai_time=ai_time),
        **occupation_metrics(workers, now, firms, occupations if occupations is not None
                             else default_occupations(), ai_time=ai_time),
    )


def flow_metrics(workers: WorkerState, now: MonthState, vacancies: int) -> dict:
    """Stocks at the end of the month and the month's flows, as rates of the start-of-month
    stocks (CPS gross flows between employment, unemployment and non-participation; JOLTS
    hires, layoffs and quits)."""
    status, employer = workers.status, workers.employer
    # flows[a, b]: people whose status was a at the start of the month and is b at its end
    n_status = len(STATUS_NAMES)
    flows = np.bincount(now.status_start.astype(np.int64) * n_status + status,
                        minlength=n_status * n_status).reshape(n_status, n_status)
    at_start, at_end = flows.sum(axis=1), flows.sum(axis=0)
    n_employed_start = int(at_start[EMPLOYED])
    n_employed = int(at_end[EMPLOYED])
    n_unemployed = int(at_end[UNEMPLOYED])
    n_labor_force = int(len(status) - at_end[NONPARTICIPANT])
    moved = (now.status_start == EMPLOYED) & (status == EMPLOYED) & (employer != now.employer_start)
    long_term = (status == UNEMPLOYED) & (workers.unemployed_months > LONG_TERM_MONTHS)
    c = now.counts
    return {
        "unemployment_rate": share(n_unemployed, n_labor_force),
        "participation_rate": share(n_labor_force, len(status)),
        "vacancy_rate": share(vacancies, n_employed + vacancies),
        "job_finding_rate": share(flows[UNEMPLOYED, EMPLOYED], at_start[UNEMPLOYED]),
        "separation_rate": share(flows[EMPLOYED, UNEMPLOYED], n_employed_start),
        "job_to_job_rate": share(moved.sum(), n_employed_start),
        "long_term_unemployment_share": share(long_term.sum(), n_unemployed),
        "employment": n_employed,
        "labor_force": n_labor_force,
        "unemployed": n_unemployed,
        "nonparticipants": int(at_end[NONPARTICIPANT]),
        "vacancies": int(vacancies),
        "hires_rate": share(c.hires, n_employed_start),
        "layoff_rate": share(c.layoffs, n_employed_start),
        "quit_rate": share(c.quits, n_employed_start),
        "flow_e_to_n": share(flows[EMPLOYED, NONPARTICIPANT], n_employed_start),
        "flow_u_to_n": share(flows[UNEMPLOYED, NONPARTICIPANT], at_start[UNEMPLOYED]),
        "flow_n_to_e": share(flows[NONPARTICIPANT, EMPLOYED], at_start[NONPARTICIPANT]),
        "flow_n_to_u": share(flows[NONPARTICIPANT, UNEMPLOYED], at_start[NONPARTICIPANT]),
        "hires_not_from_unemployment_share": share(c.hires - c.hires_from_unemployment, c.hires),
        "occupation_switch_share": share(c.occupation_switches, c.hires_from_unemployment),
        "entry_hires": int(c.entry_hires),
        "promotions": int(c.promotions),
        "retirements": int(c.retirements),
        "entrants": int(c.entrants),
        "mean_age": float(workers.age_months.mean() / 12.0),
    }


def wage_metrics(log_wage: np.ndarray) -> dict:
    """Mean and variance of the log annual wage of the employed (``log_wage``; NaN when
    nobody is employed)."""
    return {"mean_log_wage": mean(log_wage),
            "log_wage_variance": float(log_wage.var()) if len(log_wage) else float("nan")}


def ai_metrics(workers: WorkerState, firms: FirmState, now: MonthState, frontier: float, *,
               employed: np.ndarray, log_wage: np.ndarray) -> dict:
    """Capability, adoption and proficiency, automation, the AI wage premium, freelancing and
    output quality (``employed``: mask of the employed; ``log_wage``: their log wages)."""
    employed_user = workers.ai_user[employed]
    demand_total = now.labor_demand.sum()
    firm_demand = now.labor_demand.reshape(firms.count, -1).sum(axis=1)
    return {
        "ai_capability": float(frontier),
        "ai_adoption_rate": share(employed_user.sum(), len(employed_user)),
        "mean_ai_proficiency": mean(workers.proficiency[workers.ai_user]),
        "automation_share": float((firms.automated * now.labor_demand).sum() / demand_total)
        if demand_total > 0 else 0.0,
        "ai_wage_premium": mean(log_wage[employed_user]) - mean(log_wage[~employed_user]),
        "freelance_share": share((workers.status == FREELANCE).sum(),
                                 (workers.status != NONPARTICIPANT).sum()),
        "mean_output_quality": float(np.average(firms.quality, weights=firm_demand))
        if firm_demand.sum() > 0 else 1.0,
    }


def group_metrics(workers: WorkerState, groups: Groups) -> dict:
    """Unemployment, employment and earnings of the propensity thirds, and unemployment of the
    workers grouped by the regime of the firm that employed them when AI arrived."""
    n_status = len(STATUS_NAMES)
    # third: 0 low, 1 middle, 2 high propensity (the low and high thirds do not overlap)
    third = (1 + groups.high_propensity.view(np.int8) - groups.low_propensity.view(np.int8)
             ).astype(np.intp)
    by_status = np.bincount(third * n_status + workers.status,
                            minlength=3 * n_status).reshape(3, n_status)
    size = by_status.sum(axis=1)
    working = (workers.status == EMPLOYED) | (workers.status == FREELANCE)
    earnings = np.where(working, workers.wage, 0.0) / 12.0
    group_earnings = np.bincount(third, weights=earnings, minlength=3)
    # per policy group (the first row: no employer when AI arrived): (others, unemployed)
    by_policy = np.bincount((groups.policy + 1) * 2 + (workers.status == UNEMPLOYED),
                            minlength=2 * (len(REGIMES) + 1)).reshape(-1, 2)[1:]
    group_size, group_unemployed = by_policy.sum(axis=1), by_policy[:, 1]
    low, high = 0, 2
    return {
        "unemployment_rate_low_propensity": share(by_status[low, UNEMPLOYED], size[low]),
        "unemployment_rate_high_propensity": share(by_status[high, UNEMPLOYED], size[high]),
        "employment_rate_low_propensity": share(by_status[low, EMPLOYED], size[low]),
        "employment_rate_high_propensity": share(by_status[high, EMPLOYED], size[high]),
        "mean_earnings": share(group_earnings.sum(), size.sum()),
        "mean_earnings_low_propensity": share(group_earnings[low], size[low]),
        "mean_earnings_high_propensity": share(group_earnings[high], size[high]),
        **{f"unemployment_rate_policy_{name}": share(group_unemployed[i], group_size[i])
           for i, name in enumerate(REGIMES)},
    }


def cause_metrics(now: MonthState) -> dict:
    """Separations by cause, quits, lost hires and redeployments of the month."""
    causes, counts = now.separation_causes, now.counts
    return {
        "separations_demand": int(causes[DEMAND]),
        "separations_automation": int(causes[AUTOMATION]),
        "separations_outcompeted": int(causes[OUTCOMPETED]),
        "separations_policy": int(causes[POLICY]),
        "separations_match": int(causes[MATCH]),
        "quits": int(counts.quits),
        "lost_hires_outcompeted": int(counts.lost_hires_outcompeted),
        "lost_hires_policy": int(counts.lost_hires_policy),
        "reskilled": int(counts.reskilled),
    }


def regime_metrics(regimes: np.ndarray) -> dict:
    """Firms running each regime this month."""
    count = np.bincount(regimes, minlength=len(REGIMES))
    return {f"firms_{name}": int(count[i]) for i, name in enumerate(REGIMES)}


def check_occupations(occupations: Occupations, firms: FirmState | None = None) -> None:
    """Raise ``ValueError`` unless ``occupations`` has the default table's names, in order
    (the metrics by occupation are declared for them: :data:`OCCUPATION_NAMES`), and, given
    ``firms``, their cells are laid out for that many occupations. No other table is used
    yet; one with other names would need its own metric columns."""
    if tuple(occupations.names) != OCCUPATION_NAMES:
        raise ValueError(
            "metrics by occupation are declared for the default occupation table "
            f"({', '.join(OCCUPATION_NAMES)}); this model's table has "
            f"{', '.join(occupations.names)}")
    if firms is not None and len(firms.vacancies) != firms.count * cells_per_firm(
            len(OCCUPATION_NAMES)):
        raise ValueError(f"the firms' cells are not laid out for {len(OCCUPATION_NAMES)} "
                         "occupations")


@dataclass(frozen=True)
class GroupCounts:
    """People, their statuses and the month's hires in each of a set of groups (arrays with
    one entry per group)."""

    people: np.ndarray
    employed: np.ndarray
    unemployed: np.ndarray
    labor_force: np.ndarray  # employed, unemployed and freelance
    hires: np.ndarray
    entry_hires: np.ndarray  # hires into entry-level positions
    ai_time: np.ndarray  # AI intensity (share of work time with AI) summed over the employed


def employed_intensity(workers: WorkerState, now: MonthState) -> np.ndarray:
    """Each person's share of work time with AI this month, zero for those not employed."""
    return np.where(workers.status == EMPLOYED, now.intensity, 0.0)


def group_counts(workers: WorkerState, now: MonthState, group: np.ndarray, n_groups: int, *,
                 ai_time: np.ndarray) -> GroupCounts:
    """:class:`GroupCounts` of the ``n_groups`` groups, ``group`` giving each worker's group
    at the end of the month (``now.hired`` is empty before the first matching phase: no
    hires; ``ai_time``: :func:`employed_intensity`). One bincount of (group, status) pairs
    gives every stock."""
    n_status = len(STATUS_NAMES)
    by_status = np.bincount(group.astype(np.int64) * n_status + workers.status,
                            minlength=n_groups * n_status).reshape(n_groups, n_status)
    hired = now.hired
    entry = hired[workers.stage[hired] == ENTRY]
    people = by_status.sum(axis=1)
    return GroupCounts(people=people, employed=by_status[:, EMPLOYED],
                       unemployed=by_status[:, UNEMPLOYED],
                       labor_force=people - by_status[:, NONPARTICIPANT],
                       hires=np.bincount(group[hired], minlength=n_groups),
                       entry_hires=np.bincount(group[entry], minlength=n_groups),
                       ai_time=np.bincount(group, weights=ai_time, minlength=n_groups))


def age_metrics(workers: WorkerState, now: MonthState, *, ai_time: np.ndarray) -> dict:
    """Employment, unemployment and participation rates, hires, entry-level hires and the
    employed's share of work time with AI of each age group (age at the end of the month;
    ``ai_time``: :func:`employed_intensity`)."""
    group = age_group_table()[workers.age_months]
    c = group_counts(workers, now, group, len(AGE_GROUP_NAMES), ai_time=ai_time)
    metrics = {}
    for i, g in enumerate(AGE_GROUP_NAMES):
        metrics |= {
            f"employment_rate_age_{g}": share(c.employed[i], c.people[i]),
            f"unemployment_rate_age_{g}": share(c.unemployed[i], c.labor_force[i]),
            f"participation_rate_age_{g}": share(c.labor_force[i], c.people[i]),
            f"hires_age_{g}": int(c.hires[i]),
            f"entry_hires_age_{g}": int(c.entry_hires[i]),
            f"ai_time_share_age_{g}": share(c.ai_time[i], c.employed[i]),
        }
    return metrics


def occupation_metrics(workers: WorkerState, now: MonthState, firms: FirmState,
                       occupations: Occupations, *, ai_time: np.ndarray) -> dict:
    """Employment, unemployment and participation rates, hires, entry-level hires and the
    employed's share of work time with AI of each occupation (the current one, the last one
    when not employed; hires by the new job's); ``occupations`` must be the default table
    (:func:`check_occupations`); ``ai_time``: :func:`employed_intensity`."""
    check_occupations(occupations, firms)
    c = group_counts(workers, now, workers.occupation, len(OCCUPATION_NAMES), ai_time=ai_time)
    metrics = {}
    for i, o in enumerate(OCCUPATION_NAMES):
        metrics |= {
            f"employment_occ_{o}": int(c.employed[i]),
            f"unemployment_rate_occ_{o}": share(c.unemployed[i], c.labor_force[i]),
            f"participation_rate_occ_{o}": share(c.labor_force[i], c.people[i]),
            f"hires_occ_{o}": int(c.hires[i]),
            f"entry_hires_occ_{o}": int(c.entry_hires[i]),
            f"ai_time_share_occ_{o}": share(c.ai_time[i], c.employed[i]),
        }
    return metrics
