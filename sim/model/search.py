"""Job search in the month: who searches, where their applications go, and what the matching
rule sees of workers and vacancies (:mod:`sim.model.rules.matching` forms the matches and has
the protocol and its sources).

Each seeker draws one 64-bit key a month from the ``search`` and the ``screening`` streams;
every application's draws derive from it (:func:`sim.model.streams.derived_uniforms`), so an
application gets the same numbers in every counterfactual arm, whoever else searches.
"""

from __future__ import annotations

import numpy as np

from sim.model import careers, pay, staffing
from sim.model.month import MonthState
from sim.model.params import Params
from sim.model.rates import Rates
from sim.model.rules import duration, matching
from sim.model.rules.wages import wage_rule
from sim.model.state import EMPLOYED, FREELANCE, NONPARTICIPANT, UNEMPLOYED, WorkerState
from sim.model.streams import derived_uniforms, monthly_keys

#: Derived draws per application, from the seeker's search key (see ``applications``).
OCCUPATION_DRAW, SLOT_DRAW, MATCH_DRAW, CALLBACK_DRAW = range(4)
DRAWS_PER_APPLICATION = 4


def applications(workers: WorkerState, now: MonthState, params: Params, *,
                 search_rng: np.random.Generator, screening_rng: np.random.Generator
                 ) -> matching.Search:
    """This month's seekers, their applications and the draws for them.

    Seekers are those unemployed at the start of the month (the newly separated search next
    month), the employed and freelancers who search this month, and the non-participants who
    answer an opening (``careers.passive_search``, one application each). The unemployed and
    non-participants apply where the pay is at least their reservation share of the job's
    market wage, others where it beats their current wage by the required raise.
    """
    w, m = workers, params.market
    search_draws = search_rng.random(w.count, dtype=np.float32)
    search_keys = monthly_keys(search_rng, w.count)
    screening_keys = monthly_keys(screening_rng, w.count)

    unemployed = (now.status_start == UNEMPLOYED) & (w.status == UNEMPLOYED)
    working = (w.status == EMPLOYED) | (w.status == FREELANCE)
    on_the_job = working & (search_draws < m.on_the_job_search)
    passive = ((now.status_start == NONPARTICIPANT) & (w.status == NONPARTICIPANT)
               & (search_draws < params.careers.passive_search))
    seekers = np.flatnonzero(unemployed | on_the_job | passive)
    not_working = ~working[seekers]
    sends = np.where(unemployed[seekers], m.applications_unemployed,
                     np.where(passive[seekers], 1, m.applications_employed))
    applicant = np.repeat(np.arange(len(seekers)), sends)
    number = np.arange(len(applicant)) - np.repeat(np.cumsum(sends) - sends, sends)
    keys = search_keys[seekers[applicant]]
    draw = DRAWS_PER_APPLICATION * number
    gap = w.months_without_work[seekers[applicant]]  # what the resume shows
    callback = np.where(not_working[applicant],
                        duration.callback_chance(gap, m.callback_decline, m.callback_months),
                        1.0)
    # Only the applications called back go on (duration dependence); the other draws are
    # derived for them alone, from the same keys and counters, so none of them changes.
    called = np.flatnonzero(derived_uniforms(keys, draw + CALLBACK_DRAW) < callback)
    applicant, number, keys, draw = (a[called] for a in (applicant, number, keys, draw))
    return matching.Search(
        seekers=seekers, applicant=applicant,
        min_wage=np.where(not_working, 0.0, w.wage[seekers] * (1.0 + m.job_switch_min_raise)),
        min_market_share=np.where(not_working,
                                  pay.reservation_share(w.unemployed_months[seekers], m), 0.0),
        occupation_draws=derived_uniforms(keys, draw + OCCUPATION_DRAW),
        slot_draws=derived_uniforms(keys, draw + SLOT_DRAW),
        screening_uniforms=derived_uniforms(screening_keys[seekers[applicant]], number),
        match_uniforms=derived_uniforms(keys, draw + MATCH_DRAW),
    )


def incumbent_value(workers: WorkerState, now: MonthState, pay_premium: np.ndarray,
                    seekers: np.ndarray) -> np.ndarray:
    """Each employed seeker's value to their employer: the wage rule on what they produce, AI
    gains included (:mod:`sim.model.rules.outside_offers`). Per worker; zero for everyone
    else (only a seeker takes outside offers, and one without an employer has nobody to
    match them)."""
    w = workers
    employed = seekers[w.status[seekers] == EMPLOYED]
    value = np.zeros(w.count)
    value[employed] = wage_rule(now.pay_levels[w.occupation[employed]],
                                now.productivity[employed], pay_premium[w.employer[employed]])
    return value


def match(workers: WorkerState, now: MonthState, rates: Rates, applications: matching.Search,
          *, params: Params, pay_premium: np.ndarray, screens_for_ai: np.ndarray
          ) -> matching.Hires:
    """The month's matches: the seekers' applications against the vacancies open to them,
    employers matching the outside offers of employees they value at least as much.

    ``pay_premium``: each firm's log pay premium; ``screens_for_ai``: the firms whose hires
    must already use AI with ``policies.proficiency_required``.
    """
    w, c = workers, params.careers
    proficient = w.ai_user & (w.proficiency >= params.ai.new_work_proficiency)
    workforce = matching.Workforce(
        occupation=w.occupation, employer=w.employer, skill=w.skill,
        productivity=now.productivity, ranked=now.ranked_productivity,
        pay_productivity=now.pay_productivity,
        ability=w.ability, match=w.match, career=careers.career_months(w),
        portable=careers.portable_factor(w, rates),
        passes_ai_screen=w.ai_user & (w.proficiency >= params.policies.proficiency_required),
        passes_new_work=proficient, wage=w.wage,
        incumbent_value=incumbent_value(w, now, pay_premium, applications.seekers),
    )
    market = matching.Market(
        vacancies=now.open_for_applications, mobility_cdf=rates.mobility_cdf,
        log_skill_sd=rates.skill_sd, screening_error=rates.screening_error,
        pay_level=now.pay_levels, pay_premium=pay_premium, screens_for_ai=screens_for_ai,
        new_work_open=staffing.open_new_work(w, now, len(rates.skill_sd)),
    )
    standards = matching.Standards(
        promotion_months=c.promotion_months, switch_loss=c.switch_loss,
        match_sd=params.market.match_sd, hiring_standard=params.market.hiring_standard,
        offer_rounds=params.market.offer_rounds)
    return matching.search_and_match(applications, workforce, market, standards)


def counteroffers(workers: WorkerState, now: MonthState, hires: matching.Hires, *,
                  pay_premium: np.ndarray) -> None:
    """The employees whose employer matched an outside offer stay, paid the match, with the
    share of their AI gain it carries (:mod:`sim.model.rules.outside_offers`; in place)."""
    w, stay = workers, hires.retained
    w.wage[stay] = hires.retained_wages
    staffing.capture_pay(w, stay, now, pay_premium)
    staffing.refresh_productivity(w, stay, now)
