"""``[careers]``: ages, entry and exit, labor-force participation, career stages, experience."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sim.model.params.fields import check, param


@dataclass(frozen=True)
class CareersParams:
    """Ages, entry and exit, labor-force participation, career stages and experience."""

    SECTION: ClassVar[str] = "careers"

    entry_age_min: int = param(
        22, unit="years", bounds=(22, 40),
        doc="youngest age at which new cohorts enter the population as first-time job seekers "
        "(at least 22: the youngest age group of the metrics is 22-25)",
        source="judgment: after college age; the youngest group of Brynjolfsson, Chandar & Chen "
        "(2025) is 22-25",
    )
    entry_age_max: int = param(
        25, unit="years", bounds=(22, 40),
        doc="oldest entry age (entry ages are uniform between the two, in months)",
        source="judgment: most first jobs after education start at 22-25",
    )
    employed_exit_rate: float = param(
        0.015, unit="per month", bounds=(0.0, 1.0),
        doc="chance an employed worker leaves the labor force in a month (E->N)",
        source="BLS CPS labor force status flows (research series): raw E->N about 2.5-3% a "
        "month (2015-2019); corrections for classification error (Abowd & Zellner 1985) "
        "roughly halve it (Krusell, Mukoyama, Rogerson & Sahin 2017, AER 107:3447, for "
        "1978-2012); judgment within that order of magnitude, not an estimate for 2015-2019",
    )
    unemployed_exit_rate: float = param(
        0.15, unit="per month", bounds=(0.0, 1.0),
        doc="chance an unemployed worker stops searching and leaves the labor force (U->N)",
        source="BLS CPS labor force status flows: raw U->N about 20-24% a month (2015-2019); "
        "corrected for classification error lower, of the order of 13-15% (as for E->N; "
        "judgment within that order of magnitude)",
    )
    nonparticipant_search_rate: float = param(
        0.020, unit="per month", bounds=(0.0, 1.0),
        doc="chance a non-participant starts searching (N->U)",
        source="BLS CPS labor force status flows: raw N->U about 2-2.5% a month of "
        "working-age non-participants; misclassification between U and N inflates it too, so "
        "the low end is taken (judgment)",
    )
    passive_search: float = param(
        0.65, unit="share of non-participants a month", bounds=(0.0, 1.0),
        doc="chance a non-participant sends one application in a month (direct N->E hires "
        "emerge from it)",
        source="calibrated: chosen with the CPS N->E rate in view (about 4.5% a month raw, "
        "2015-2019; about 2.5% corrected for classification error); many hires from "
        "non-participation come without a spell of search (Hall & Schulhofer-Wohl 2018)",
    )
    promotion_months: int = param(
        36, unit="months", bounds=(1, 240),
        doc="months in the labor market before experienced positions are open to a worker "
        "(promotion inside the firm or a move to another firm); entry-level positions are "
        "the stationary share of people with less (about 8% of positions by default)",
        source="judgment: entry grades last a few years (Baker, Gibbs & Holmstrom 1994, QJE "
        "109:881); with entry at 22-25 the early-career group is about the 22-25 age group "
        "of Brynjolfsson, Chandar & Chen (2025)",
    )
    entry_exposure_ratio: float = param(
        1.5, unit="ratio", bounds=(0.1, 10.0),
        doc="AI exposure of entry-level tasks relative to experienced tasks of the same "
        "occupation (the occupation's average exposure is kept at Eloundou et al.'s; where "
        "entry-level exposure would pass one it is one, and the ratio is smaller)",
        source="judgment: entry-level work draws on codified knowledge AI substitutes, "
        "experienced work on tacit knowledge it does not (Brynjolfsson, Chandar & Chen 2025; "
        "Autor 2014 on Polanyi's paradox); a decisive judgment call, a sweep parameter",
    )
    experience_gain: float = param(
        0.50, unit="log points", bounds=(0.0, 2.0),
        doc="productivity gain from general labor-market experience over a career (concave: "
        "approached exponentially with age)",
        source="US experience-wage profile: wages rise by about 60-80% over the first 20-25 "
        "years of experience, mostly early (Lagakos, Moll, Porzio, Qian & Schoellman 2018, "
        "JPE 126:797)",
    )
    experience_years: float = param(
        10.0, unit="years", bounds=(0.5, 50.0),
        doc="time constant of the general experience profile (63% of the gain is reached "
        "after this many years of potential experience)",
        source="judgment: shaped like the concave US profile (Lagakos et al. 2018)",
    )
    switch_loss: float = param(
        0.15, unit="share of productivity", bounds=(0.0, 0.9),
        doc="productivity a worker lacks in an occupation new to them (entrants and "
        "occupation switchers); it wears off with experience in the occupation",
        source="Kambourov & Manovskii (2009, IER 50:63): five years of occupational tenure "
        "raise wages by 12-20%",
    )
    learning_months: float = param(
        24.0, unit="months", bounds=(1.0, 240.0),
        doc="time constant with which the switch loss wears off (retraining time)",
        source="judgment: most of the occupational-tenure return accrues in the first years "
        "(Kambourov & Manovskii 2009)",
    )
    depreciation: float = param(
        0.005, unit="share per month", bounds=(0.0, 0.5),
        doc="share of human capital lost in each month out of work (unemployed or out of the "
        "labor force); it is regained at the same rate while working",
        source="judgment of the order found by Edin & Gustavsson (2008, AER 98:1) and "
        "Ortego-Marti (2016, RED 19:223): skills fall by a few percent a year out of work",
    )

    def __post_init__(self):
        check(self)
        if self.entry_age_max < self.entry_age_min:
            raise ValueError("careers.entry_age_max must be at least careers.entry_age_min")
