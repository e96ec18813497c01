"""Job search in the month: who searches, where their applications go, and what the matching
rule sees of workers and vacancies (:mod:`sim.model.rules.matching` forms the matches and has
the protocol and its sources).

Each seeker draws one 64-bit key a month from the ``search`` and the ``screening`` streams;
every application's draws derive from it (:func:`sim.model.streams.derived_uniforms`), so an
application gets the same numbers in every counterfactual arm, whoever else searches.
"""

from __future__ import annotations

import numpy as np
from scipy.special import ndtri

from sim.model import pay
from sim.model.month import MonthState
from sim.model.params import MarketParams, Params
from sim.model.rates import Rates
from sim.model.rules import matching
from sim.model.state import UNEMPLOYED, WorkerState
from sim.model.streams import derived_uniforms, monthly_keys


def applications(workers: WorkerState, now: MonthState, market: MarketParams, *,
                 search_rng: np.random.Generator, screening_rng: np.random.Generator
                 ) -> matching.Search:
    """This month's seekers, their applications and the draws for them.

    Seekers are those unemployed at the start of the month (the newly separated search next
    month) and the employed and freelancers who search this month; each sends a fixed number
    of applications. The unemployed apply where the pay is at least their reservation share of
    the job's market wage, others where it beats their current wage by the required raise.
    """
    w, m = workers, market
    search_draws = search_rng.random(w.count, dtype=np.float32)
    search_keys = monthly_keys(search_rng, w.count)
    screening_keys = monthly_keys(screening_rng, w.count)

    unemployed = now.status_start == UNEMPLOYED
    on_the_job = (w.status != UNEMPLOYED) & (search_draws < m.on_the_job_search)
    seekers = np.flatnonzero(unemployed | on_the_job)
    sends = np.where(unemployed[seekers], m.applications_unemployed, m.applications_employed)
    applicant = np.repeat(np.arange(len(seekers)), sends)
    number = np.arange(len(applicant)) - np.repeat(np.cumsum(sends) - sends, sends)
    keys = search_keys[seekers[applicant]]
    return matching.Search(
        seekers=seekers, applicant=applicant,
        min_wage=np.where(unemployed[seekers], 0.0,
                          w.wage[seekers] * (1.0 + m.job_switch_min_raise)),
        min_market_share=np.where(unemployed[seekers],
                                  pay.reservation_share(w.unemployed_months[seekers], m), 0.0),
        occupation_draws=derived_uniforms(keys, 2 * number),
        slot_draws=derived_uniforms(keys, 2 * number + 1),
        screening_draws=ndtri(derived_uniforms(screening_keys[seekers[applicant]], number)),
    )


def match(workers: WorkerState, now: MonthState, rates: Rates, applications: matching.Search,
          *, params: Params, pay_premium: np.ndarray, screens_for_ai: np.ndarray
          ) -> matching.Hires:
    """The month's matches: the seekers' applications against the vacancies open to them.

    ``pay_premium``: each firm's log pay premium; ``screens_for_ai``: the firms whose hires
    must already use AI with ``policies.proficiency_required``.
    """
    w = workers
    workforce = matching.Workforce(
        occupation=w.occupation, employer=w.employer, skill=w.skill,
        productivity=now.productivity, pay_productivity=now.pay_productivity,
        ability=w.ability,
        passes_ai_screen=w.ai_user & (w.proficiency >= params.policies.proficiency_required),
    )
    market = matching.Market(
        vacancies=now.open_for_applications, mobility_cdf=rates.mobility_cdf,
        log_skill_sd=rates.skill_sd, screening_error=rates.screening_error,
        pay_level=now.pay_levels, pay_premium=pay_premium, screens_for_ai=screens_for_ai,
    )
    return matching.search_and_match(applications, workforce, market,
                                     switch_penalty=params.market.occupation_switch_penalty,
                                     offer_rounds=params.market.offer_rounds)
