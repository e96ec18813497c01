"""``[market]``: quits, job search, match quality, screening, wages and reservation wages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sim.model.params.fields import check, param


@dataclass(frozen=True)
class MarketParams:
    """Quits, job search, match quality, screening, wages and reservation wages."""

    SECTION: ClassVar[str] = "market"

    quit_rate: float = param(
        0.003, unit="per month", bounds=(0.0, 1.0),
        doc="chance an employed worker quits into unemployment (quits out of the labor force "
        "are careers.employed_exit_rate; moves to other jobs are on-the-job search)",
        source="judgment: CPS E->U flows (about 1.0-1.1% a month) are mostly layoffs; quits "
        "into unemployment are a small part of JOLTS quits (1.8-2.6%)",
    )
    on_the_job_search: float = param(
        0.20, unit="share of employed per month", bounds=(0.0, 1.0),
        doc="chance an employed worker looks for another job in a given month",
        source="NY Fed Survey of Consumer Expectations: 16-28% of respondents (mostly "
        "employed) searched in the past four weeks",
    )
    applications_unemployed: int = param(
        12, unit="applications per month", bounds=(1, 50),
        doc="applications each unemployed worker sends a month (urn-ball balls)",
        source="calibrated: sets matching efficiency; chosen with the job-finding rate in view "
        "(see the README's validation section)",
    )
    applications_employed: int = param(
        2, unit="applications per month", bounds=(1, 50),
        doc="applications each on-the-job searcher sends a month",
        source="judgment: the employed send fewer applications than the unemployed (Faberman, "
        "Mueller, Sahin & Topa 2022, Econometrica)",
    )
    offer_rounds: int = param(
        3, unit="offers per vacancy a month", bounds=(1, 100),
        doc="offers a vacancy can make in a month: to its best applicant, then, if declined, "
        "to the next best, and so on",
        source="judgment: firms go down their shortlist; not separately identified",
    )
    match_sd: float = param(
        0.20, unit="log points", bounds=(0.0, 2.0),
        doc="standard deviation of log match quality, drawn for each application and kept "
        "by the job it leads to",
        source="judgment: match-specific productivity (Jovanovic 1979, JPE 87:972); not "
        "separately identified (AKM match effects are small, Card, Heining & Kline 2013, so "
        "this spread also stands for the noise of a new job's fit)",
    )
    match_learning_months: int = param(
        3, unit="months", bounds=(0, 120),
        doc="tenure at which a match's quality is known; matches found below the floor end",
        source="judgment: probation periods of about three months; learning about match "
        "quality makes separations fall with tenure (Jovanovic 1979)",
    )
    match_shock_rate: float = param(
        0.02, unit="per month", bounds=(0.0, 1.0),
        doc="chance a job's match quality is redrawn in a month (a change in tasks, team or "
        "conditions)",
        source="judgment: idiosyncratic match shocks as in Mortensen & Pissarides (1994, "
        "REStud 61:397)",
    )
    match_floor: float = param(
        -0.25, unit="log points", bounds=(-5.0, 0.0),
        doc="a job whose known match quality falls below this ends (a layoff: the match is "
        "not worth keeping)",
        source="judgment: the reservation match quality of Mortensen & Pissarides (1994)",
    )
    hiring_standard: float = param(
        0.55, unit="log points", bounds=(-5.0, 2.0),
        doc="firms hire only applicants whose assessed ability and match (log, relative to a "
        "worker of mean skill; their experience is judged separately) reach this standard",
        source="calibrated: a standard makes more applicants raise a vacancy's chance to "
        "fill; chosen with the matching function's unemployment elasticity of 0.5-0.7 in view "
        "(Petrongolo & Pissarides 2001); stricter standards also raise the vacancy rate",
    )
    callback_decline: float = param(
        0.45, unit="share", bounds=(0.0, 1.0),
        doc="fall in the chance an unemployed applicant is considered, from a new spell to "
        "callback_months of unemployment (linear, flat after)",
        source="Kroft, Lange & Notowidigdo (2013, QJE 128:1123): callbacks fall by about 45% "
        "over the first eight months of a spell, then level off",
    )
    callback_months: int = param(
        8, unit="months", bounds=(1, 120),
        doc="spell length after which callbacks stop falling",
        source="Kroft, Lange & Notowidigdo (2013): most of the decline is in the first eight "
        "months",
    )
    screening_validity: float = param(
        0.5, unit="correlation", bounds=(0.01, 1.0),
        doc="correlation between a firm's assessment of a worker and their true log "
        "productivity (sets the screening error of hiring and layoff rankings)",
        source="Schmidt & Hunter (1998, Psychological Bulletin 124:262): validity of the "
        "best single selection methods about 0.5",
    )
    wage_curve_elasticity: float = param(
        -0.10, unit="elasticity", bounds=(-2.0, 0.0),
        doc="elasticity of pay to the occupation's unemployment rate",
        source="Blanchflower & Oswald (1994), The Wage Curve: about -0.1",
    )
    wage_curve_reference_unemployment: float = param(
        0.05, unit="unemployment rate", bounds=(0.001, 0.5),
        doc="unemployment rate at which an average worker earns the occupation's mean wage",
        source="normalisation only: sets the wage level, not its dynamics",
    )
    recruiting_raise: float = param(
        0.01, unit="log points a month", bounds=(0.0, 1.0),
        doc="how fast a firm that leaves most of its open vacancies unfilled raises its pay "
        "premium (and lowers it again once it fills them)",
        source="judgment: adjustment rule as in Dosi et al. (2017, JEDC 75:36); not "
        "separately identified",
    )
    wage_reset_rate: float = param(
        0.085, unit="per month", bounds=(0.0, 1.0),
        doc="chance an incumbent's pay is reset to the current wage rule in a month",
        source="Barattieri, Basu & Gottschalk (2014, AEJ: Macro 6:70): 21-27% a quarter, "
        "7.6-9.8% a month; Grigsby, Hurst & Yildirmaz (2021, AER): about 8% a month",
    )
    reservation_ratio: float = param(
        0.7, unit="share of market wage", bounds=(0.0, 2.0),
        doc="lowest acceptable wage at the start of an unemployment spell, as a share of the "
        "worker's pay for the job at an average firm",
        source="judgment: below the mean offer, as search theory implies (McCall 1970); stated "
        "reservation wages are close to the previous wage (Krueger & Mueller 2016, AEJ: Policy "
        "8:142) but accepted wages are often lower",
    )
    reservation_decline: float = param(
        0.004, unit="share per month", bounds=(0.0, 1.0),
        doc="monthly decline of the reservation wage during unemployment",
        source="Krueger & Mueller (2016, AEJ: Policy 8:142): 0.05-0.14% a week, "
        "about 0.2-0.6% a month",
    )
    reservation_floor: float = param(
        0.40, unit="share of market wage", bounds=(0.0, 2.0),
        doc="the reservation wage never falls below this share of the market wage",
        source="US unemployment insurance replaces about 40% of prior wages (NASI)",
    )
    job_switch_min_raise: float = param(
        0.0, unit="share of current wage", bounds=(0.0, 1.0),
        doc="raise an employed worker needs before accepting another job",
        source="judgment: any offer at least as good as the current wage is taken",
    )

    def __post_init__(self):
        check(self)
