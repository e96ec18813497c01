"""Job search and matching: decentralised urn-ball applications, screening and offers.

One round a month, all decisions simultaneous:

1. Seekers are all unemployed workers and the employed who search on the job this month.
   Each sends a fixed number of applications.
2. Each application goes to an occupation drawn from the seeker's row of the occupational
   mobility matrix, then to one open vacancy of that occupation drawn uniformly (urn-ball: balls
   are applications, urns are vacancies; several may land in the same urn, some urns get none;
   a seeker's two applications may even land in the same urn, and the firm then sees the
   better of two assessments). Applications to the seeker's own employer are dropped.
3. Each vacancy with applicants makes an offer to the applicant with the highest *assessed*
   productivity (:mod:`sim.rules.screening`): productivity, discounted for applicants from
   another occupation, seen with an error drawn per application.
4. Each seeker holding offers takes the best-paid one. Seekers only apply where the pay is
   acceptable: for the unemployed, at least their reservation share of what such a job pays
   at an average firm (so they will take a lower-paid occupation, but not a bad employer in
   it); for the employed, at least their current wage plus a required raise.
5. Vacancies whose offer was declined offer to their next-best remaining applicant, for up to
   ``offer_rounds`` rounds a month; hired seekers leave every other queue. Vacancies still
   unfilled stay open into the next month.

The aggregate matching function (hires as a function of seekers and vacancies) is not imposed: it
emerges from coordination failures (several offers to one worker, vacancies without applicants),
as in Petrongolo & Pissarides (2001, JEL 39:390) and del Rio-Chanona et al. (2021).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.rules.productivity import skill_in_occupation
from sim.rules.screening import assess
from sim.rules.wages import wage_rule


@dataclass(frozen=True)
class Hires:
    """The matches formed this month (one row per hire)."""

    workers: np.ndarray  # worker index
    cells: np.ndarray  # (firm, occupation) cell of the new job
    wages: np.ndarray  # annual wage agreed
    applications: int  # applications sent this month
    offers: int  # offers made this month


def application_occupations(own_occupation: np.ndarray, mobility_cdf: np.ndarray,
                            draws: np.ndarray) -> np.ndarray:
    """Occupation each application goes to: inverse-CDF draws from the applicant's row of the
    mobility matrix (``draws`` uniform, one per application)."""
    target = np.empty(len(draws), dtype=np.int64)
    for origin in range(mobility_cdf.shape[0]):
        mine = own_occupation == origin
        target[mine] = np.searchsorted(mobility_cdf[origin], draws[mine], side="right")
    return np.minimum(target, mobility_cdf.shape[1] - 1)


def vacancy_slots(vacancies: np.ndarray, n_occupations: int) -> tuple:
    """Open vacancies one per slot, grouped by occupation.

    Returns ``(slot_cell, first_slot, slots)``: the cell of each slot, and per occupation the
    index of its first slot and its number of slots.
    """
    open_cells = np.flatnonzero(vacancies)
    slot_cell = np.repeat(open_cells, vacancies[open_cells])
    slot_occupation = slot_cell % n_occupations
    slot_cell = slot_cell[np.argsort(slot_occupation, kind="stable")]
    slots = np.bincount(slot_occupation, minlength=n_occupations)
    return slot_cell, np.cumsum(slots) - slots, slots


def first_per_group(group: np.ndarray, rank_key: np.ndarray) -> np.ndarray:
    """Index of the element with the highest ``rank_key`` in each group (ties: lowest index)."""
    order = np.lexsort((-rank_key, group))
    return order[_group_starts(group[order])]


def _group_starts(sorted_group: np.ndarray) -> np.ndarray:
    """Positions where a new group starts in an array sorted by group."""
    return np.flatnonzero(np.r_[True, sorted_group[1:] != sorted_group[:-1]])


def search_and_match(
    seekers: np.ndarray,
    applicant: np.ndarray,
    occupation: np.ndarray,
    employer: np.ndarray,
    productivity: np.ndarray,
    ability: np.ndarray,
    log_skill_sd: np.ndarray,
    min_wage: np.ndarray,
    min_market_share: np.ndarray,
    vacancies: np.ndarray,
    mobility_cdf: np.ndarray,
    occupation_draws: np.ndarray,
    slot_draws: np.ndarray,
    screening_draws: np.ndarray,
    switch_penalty: float,
    screening_error: np.ndarray,
    pay_level: np.ndarray,
    pay_premium: np.ndarray,
    offer_rounds: int,
) -> Hires:
    """One month of search and matching; see the module docstring for the protocol.

    ``seekers`` are worker indices; ``min_wage`` (the lowest acceptable annual wage) and
    ``min_market_share`` (the lowest acceptable wage as a share of the job's pay at an average
    firm) are per seeker. ``applicant`` gives, for each application, its seeker's position in
    ``seekers``; the ``*_draws`` are per application: uniforms for the occupation and the
    vacancy chosen, standard normals for the screening error. ``occupation``, ``employer`` and
    ``productivity`` and ``ability`` are indexed by worker; ``log_skill_sd`` by occupation (an
    applicant from another occupation is expected to have the skill their ability gives there,
    discounted by ``switch_penalty``); ``vacancies`` (those open to applications) by cell;
    ``pay_level`` and ``screening_error`` (sd of the assessment error) by occupation;
    ``pay_premium`` by firm.
    """
    n_occupations = mobility_cdf.shape[0]
    own = occupation[seekers]
    target = application_occupations(own[applicant], mobility_cdf, occupation_draws)
    slot_cell, first_slot, slots = vacancy_slots(vacancies, n_occupations)
    if len(slot_cell) == 0:
        return Hires(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0), 0, 0)
    row = applicant
    sent = slots[target] > 0  # applications to an occupation with no vacancy are not sent
    slot = np.where(sent, first_slot[target] + (slot_draws * slots[target]).astype(np.int64), 0)
    cell = slot_cell[slot]
    sent &= cell // n_occupations != employer[seekers[row]]

    same = target == own[row]
    elsewhere = skill_in_occupation(ability[seekers[row]], log_skill_sd[target])
    expected = np.where(same, productivity[seekers[row]], elsewhere * (1.0 - switch_penalty))
    market_wage = wage_rule(pay_level[target], expected, 0.0)
    wage = market_wage * np.exp(pay_premium[cell // n_occupations])
    sent &= (wage >= min_wage[row]) & (wage >= min_market_share[row] * market_wage)
    keep = np.flatnonzero(sent)
    row, slot, cell, wage = row[keep], slot[keep], cell[keep], wage[keep]
    assessed = assess(expected[keep], screening_error[target[keep]], screening_draws[keep])

    # Queue every vacancy's applicants from best to worst assessment, once.
    order = np.lexsort((-assessed, slot))
    row, slot, cell, wage = row[order], slot[order], cell[order], wage[order]
    alive = np.ones(len(row), dtype=bool)
    seeker_hired = np.zeros(len(seekers), dtype=bool)
    slot_filled = np.zeros(len(slot_cell), dtype=bool)
    hired = []
    offers = 0
    for _ in range(offer_rounds):
        live = np.flatnonzero(alive)
        if len(live) == 0:
            break
        offer = live[_group_starts(slot[live])]  # each vacancy's best remaining applicant
        offers += len(offer)
        taken = offer[first_per_group(row[offer], wage[offer])]  # each seeker's best offer
        hired.append(taken)
        alive[offer] = False  # an offer made is settled: taken, or declined for good
        seeker_hired[row[taken]] = True
        slot_filled[slot[taken]] = True
        alive &= ~seeker_hired[row] & ~slot_filled[slot]
    taken = np.concatenate(hired) if hired else np.zeros(0, dtype=np.int64)
    return Hires(
        workers=seekers[row[taken]],
        cells=cell[taken],
        wages=wage[taken],
        applications=len(row),
        offers=offers,
    )
