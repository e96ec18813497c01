"""Job search and matching: decentralised urn-ball applications, screening and offers.

One month of search, all decisions simultaneous:

1. Seekers are the workers unemployed at the start of the month, the employed who search on the
   job this month, the freelancers who look for a job, and the non-participants who answer an
   opening (passive search). Each sends a fixed number of applications.
2. Each application goes to an occupation drawn from the seeker's row of the occupational
   mobility matrix (Carrillo-Tudela & Visschers 2023), then to one open vacancy of that
   occupation at the seeker's career stage, drawn uniformly (urn-ball: balls are
   applications, urns are vacancies; several may land in the same urn, some urns get none).
   Experienced positions are open to seekers at least ``careers.promotion_months`` into their
   careers; early-career seekers apply to entry-level positions
   (:mod:`sim.model.rules.careers`). Applications to the seeker's own employer are dropped.
3. Seekers only apply where the pay is acceptable: for the unemployed and non-participants, at
   least their reservation share of what such a job pays at an average firm; for the employed
   and freelancers, at least their current pay plus a required raise. A firm under the
   ``ai_required`` regime considers only applicants who use AI with enough proficiency. An
   applicant without work is considered with a chance that falls with the months since their
   last job (:mod:`sim.model.rules.duration`); the applications not called back are dropped
   before matching (:func:`sim.model.search.applications`).
4. Each application carries a draw of the match quality the job would have
   (:mod:`sim.model.rules.match_quality`). The firm assesses the applicant's productivity in
   the job (:mod:`sim.model.rules.screening`): their ability's skill in the occupation, their
   experience (:mod:`sim.model.rules.careers`), the match and, in their own occupation, their
   AI gain, seen with an error drawn per application. Applicants whose assessed ability and
   match fall short of the ``market.hiring_standard`` are not hired; each vacancy offers the
   job to its best remaining applicant. Pay offered follows the wage rule on the productivity
   the firm pays for (little of the AI gain is passed through to pay).
5. Each seeker holding offers takes the best-paid one. Vacancies whose offer was declined offer
   to their next-best remaining applicant, for up to ``offer_rounds`` offers a month; hired
   seekers leave every other queue. Vacancies still unfilled stay open into the next month.

Lost hires. In the first round, each vacancy's choice is compared with the choice it would have
made with productivity stripped of AI gains and without the ``ai_required`` screen (the same
assessment errors): when they differ, the applicant who would have had the offer lost it, to a
more AI-productive applicant (cause ``outcompeted``) or to the screen (cause ``policy``).

The aggregate matching function (hires as a function of seekers and vacancies) is not imposed: it
emerges from coordination failures (several offers to one worker, vacancies without applicants)
and from the hiring standard (a vacancy with more applicants is more likely to find one who
meets it), as in Petrongolo & Pissarides (2001, JEL 39:390) and del Rio-Chanona et al. (2021).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import ndtri

from sim.model.rules.match_quality import draw as draw_match
from sim.model.rules.new_work import new_work_slots
from sim.model.rules.outside_offers import bid, matched
from sim.model.rules.productivity import skill_in_occupation
from sim.model.rules.screening import assess
from sim.model.rules.sorting import group_order, group_starts
from sim.model.rules.wages import wage_rule
from sim.model.state import ENTRY, EXPERIENCED, cell_firm, cells_per_firm, job_of


@dataclass(frozen=True)
class Search:
    """This month's seekers, their applications and the draws for them."""

    seekers: np.ndarray  # worker index of each seeker
    applicant: np.ndarray  # per application called back: position of its seeker in ``seekers``
    min_wage: np.ndarray  # per seeker: lowest acceptable annual wage
    min_market_share: np.ndarray  # per seeker: lowest acceptable pay / market wage of the job
    occupation_draws: np.ndarray  # per application: uniform, picks the occupation
    slot_draws: np.ndarray  # per application: uniform, picks the vacancy
    screening_uniforms: np.ndarray  # per application: uniform, the assessment error
    match_uniforms: np.ndarray  # per application: uniform, the match quality


@dataclass(frozen=True)
class Workforce:
    """Per-worker arrays matching reads."""

    occupation: np.ndarray
    employer: np.ndarray
    skill: np.ndarray  # productivity in the current job without AI
    productivity: np.ndarray  # with AI gains: what the worker produces (a firm's value)
    ranked: np.ndarray  # what firms assess (with AI gains when the block 'ranking' is on)
    pay_productivity: np.ndarray  # what firms pay for (the AI gain's share the pay carries)
    ability: np.ndarray
    match: np.ndarray  # log match quality of the current job (0 when not employed)
    career: np.ndarray  # months since entering the labor market
    portable: np.ndarray  # general experience and human capital factor (any occupation)
    passes_ai_screen: np.ndarray  # uses AI with the proficiency ai_required firms demand
    passes_new_work: np.ndarray  # uses AI with the proficiency new AI-work positions need
    wage: np.ndarray  # current annual wage (the last one when not employed)
    incumbent_value: np.ndarray  # the employer's value of the worker (0 when not an employed
    # seeker)


@dataclass(frozen=True)
class Market:
    """Per-cell, per-occupation and per-firm arrays matching reads."""

    vacancies: np.ndarray  # per cell: vacancies open to applications
    mobility_cdf: np.ndarray  # (K, K) row-wise cumulative mobility matrix
    log_skill_sd: np.ndarray  # per occupation
    screening_error: np.ndarray  # per occupation: sd of the assessment error
    pay_level: np.ndarray  # per occupation, annual US dollars
    pay_premium: np.ndarray  # per firm, log
    screens_for_ai: np.ndarray  # per firm: runs the ai_required screen this month
    new_work_open: np.ndarray  # per cell: open vacancies that are new AI work


@dataclass(frozen=True)
class Standards:
    """The parameters of careers and hiring that matching reads."""

    promotion_months: int  # career months experienced positions require
    switch_loss: float  # productivity lacking in a new occupation
    match_sd: float  # sd of log match quality
    hiring_standard: float  # lowest assessed log ability-and-match a firm hires
    offer_rounds: int  # offers a vacancy can make in the month


@dataclass(frozen=True)
class Hires:
    """The matches formed this month (one row per hire) and the hires lost to AI."""

    workers: np.ndarray  # worker index
    cells: np.ndarray  # (firm, occupation) cell of the new job
    wages: np.ndarray  # annual wage agreed
    match: np.ndarray  # log match quality of the new job
    new_work: np.ndarray  # bool: the position is new AI work
    offers: int  # offers made this month
    lost_workers: np.ndarray  # applicants who lost an offer they would have had without AI
    lost_cells: np.ndarray  # the vacancy's cell
    lost_to_policy: np.ndarray  # bool: lost to the ai_required screen (else outcompeted)
    retained: np.ndarray  # employees whose employer matched the offer they took
    retained_wages: np.ndarray  # their new annual wage


def application_occupations(own_occupation: np.ndarray, mobility_cdf: np.ndarray,
                            draws: np.ndarray) -> np.ndarray:
    """Occupation each application goes to: inverse-CDF draws from the applicant's row of the
    mobility matrix (``draws`` uniform, one per application): the number of the row's
    cumulative shares at or below the draw, at most the last occupation.

    >>> cdf = np.array([[0.5, 1.0], [0.2, 1.0]])
    >>> application_occupations(np.array([0, 0, 1]), cdf, np.array([0.4, 0.5, 0.4])).tolist()
    [0, 1, 1]
    """
    own = own_occupation.astype(np.intp)
    target = np.zeros(len(draws), dtype=np.int64)
    for column in range(mobility_cdf.shape[1] - 1):  # counting the last one cannot add
        target += mobility_cdf[:, column][own] <= draws
    return target


def vacancy_slots(vacancies: np.ndarray, n_occupations: int) -> tuple:
    """Open vacancies one per slot, grouped by job (occupation and stage,
    ``occupation * 2 + stage``).

    Returns ``(slot_cell, first_slot, slots)``: the cell of each slot, and per job the index
    of its first slot and its number of slots.
    """
    jobs = cells_per_firm(n_occupations)
    open_cells = np.flatnonzero(vacancies)
    slot_cell = np.repeat(open_cells, vacancies[open_cells])
    slot_job = slot_cell % jobs
    slot_cell = slot_cell[np.argsort(slot_job, kind="stable")]
    slots = np.bincount(slot_job, minlength=jobs)
    return slot_cell, np.cumsum(slots) - slots, slots


def first_per_group(group: np.ndarray, rank_key: np.ndarray) -> np.ndarray:
    """Index of the element with the highest ``rank_key`` in each group (ties: lowest index)."""
    order = np.lexsort((-rank_key, group))
    return order[group_starts(group[order])]


def _empty_hires() -> Hires:
    none = np.zeros(0, dtype=np.int64)
    return Hires(none, none, np.zeros(0), np.zeros(0), np.zeros(0, dtype=bool), 0, none,
                 none, np.zeros(0, dtype=bool), none, np.zeros(0))


def search_and_match(search: Search, workforce: Workforce, market: Market,
                     standards: Standards) -> Hires:
    """One month of search and matching; see the module docstring for the protocol.

    Parameters
    ----------
    search : Search
        This month's seekers, their applications and the draws for them.
    workforce : Workforce
        Per-worker arrays.
    market : Market
        Per-cell, per-occupation and per-firm arrays.
    standards : Standards
        Promotion, switching, match and hiring parameters, and the offer rounds.

    Returns
    -------
    Hires
        The matches formed and the hires lost to AI.
    """
    k = market.mobility_cdf.shape[0]
    slot_cell, first_slot, slots = vacancy_slots(market.vacancies, k)
    if len(slot_cell) == 0:
        return _empty_hires()
    seekers = search.seekers
    worker = seekers[search.applicant]
    own = workforce.occupation[worker]
    target = application_occupations(own, market.mobility_cdf, search.occupation_draws)
    experienced = workforce.career[worker] >= standards.promotion_months
    job = job_of(target, np.where(experienced, EXPERIENCED, ENTRY))
    sent = slots[job] > 0  # none sent where no vacancy is open
    slot = np.where(sent, first_slot[job] + (search.slot_draws * slots[job]).astype(np.int64),
                    0)
    sent &= cell_firm(slot_cell[slot], k) != workforce.employer[worker]
    new_work = new_work_slots(slot_cell, market.new_work_open)[slot]
    sent &= ~new_work | workforce.passes_new_work[worker]  # the ad states the requirement
    # From here on only the applications still in play (fewer numbers to compute).
    apps = np.flatnonzero(sent)
    row, worker, own, target, slot, new_work = (
        a[apps] for a in (search.applicant, worker, own, target, slot, new_work))

    # The hiring standard, checked first (it turns most applications down): assessed ability
    # and match, whatever the experience.
    match = draw_match(ndtri(search.match_uniforms[apps]), standards.match_sd)
    ability_skill = skill_in_occupation(workforce.ability[worker], market.log_skill_sd[target])
    error = market.screening_error[target]
    draws = ndtri(search.screening_uniforms[apps])
    meets = np.flatnonzero(np.log(ability_skill) + match + error * draws
                           >= standards.hiring_standard)
    row, worker, own, target, slot, new_work, match, ability_skill, error, draws = (
        a[meets] for a in (row, worker, own, target, slot, new_work, match, ability_skill,
                           error, draws))
    same = target == own
    cell = slot_cell[slot]
    firm = cell_firm(cell, k)

    # Productivity in the job, relative to the applicant's current one where the occupation
    # is theirs (only the match changes), or built from ability and experience where not.
    relative = np.exp(match - workforce.match[worker])
    elsewhere = (ability_skill * (1.0 - standards.switch_loss) * workforce.portable[worker]
                 * np.exp(match))
    expected = np.where(same, workforce.ranked[worker] * relative, elsewhere)
    expected_free = np.where(same, workforce.skill[worker] * relative, elsewhere)  # no AI
    produced = np.where(same, workforce.productivity[worker] * relative, elsewhere)
    paid_for = np.where(same, workforce.pay_productivity[worker] * relative, elsewhere)
    market_wage = wage_rule(market.pay_level[target], paid_for, 0.0)
    premium = np.exp(market.pay_premium)[firm]
    # the firm bids what it takes to win the applicant, up to its value of them
    value = wage_rule(market.pay_level[target], produced, 0.0) * premium
    min_wage = search.min_wage[row]
    wage = bid(market_wage * premium, value, min_wage)
    # the applicant applies only where the pay is acceptable
    keep = np.flatnonzero((wage >= min_wage)
                          & (wage >= search.min_market_share[row] * market_wage))
    screened_out = market.screens_for_ai[firm[keep]] & ~workforce.passes_ai_screen[worker[keep]]
    assessed = assess(expected[keep], error[keep], draws[keep])
    assessed_free = assess(expected_free[keep], error[keep], draws[keep])

    # Queue every vacancy's applicants from best to worst assessment, once.
    queue = group_order(slot[keep], assessed, descending=True)
    order, assessed_free, screened_out = keep[queue], assessed_free[queue], screened_out[queue]
    row, slot, cell, wage, value, match, new_work = (
        a[order] for a in (row, slot, cell, wage, value, match, new_work))
    lost = _lost_hires(row, slot, assessed_free, screened_out)
    considered = np.flatnonzero(~screened_out)
    row, slot, cell, wage, value, match, new_work = (
        a[considered] for a in (row, slot, cell, wage, value, match, new_work))
    incumbent = workforce.incumbent_value[seekers[row]]
    alive = np.ones(len(row), dtype=bool)
    seeker_hired = np.zeros(len(seekers), dtype=bool)
    slot_filled = np.zeros(len(slot_cell), dtype=bool)
    hired, kept = [], []
    offers = 0
    for _ in range(standards.offer_rounds):
        live = np.flatnonzero(alive)
        if len(live) == 0:
            break
        offer = live[group_starts(slot[live])]  # each vacancy's best remaining applicant
        offers += len(offer)
        taken = offer[first_per_group(row[offer], wage[offer])]  # each seeker's best offer
        # the employer matches when it values the worker at least as much (sequential
        # auction): the worker stays and the vacancy goes on to its next applicant
        stays = matched(incumbent[taken], value[taken])
        hired.append(taken[~stays])
        kept.append(taken[stays])
        alive[offer] = False  # an offer made is settled: taken, matched or declined
        seeker_hired[row[taken]] = True
        slot_filled[slot[taken[~stays]]] = True
        alive &= ~seeker_hired[row] & ~slot_filled[slot]
    taken = np.concatenate(hired) if hired else np.zeros(0, dtype=np.int64)
    kept = np.concatenate(kept) if kept else np.zeros(0, dtype=np.int64)
    lost_rows, lost_slots, lost_to_policy = lost
    return Hires(
        workers=seekers[row[taken]],
        cells=cell[taken],
        # a mover is paid enough to beat what the employer would have matched
        wages=np.minimum(value[taken], np.maximum(wage[taken], incumbent[taken])),
        match=match[taken],
        new_work=new_work[taken],
        offers=offers,
        lost_workers=seekers[lost_rows],
        lost_cells=slot_cell[lost_slots],
        lost_to_policy=lost_to_policy,
        retained=seekers[row[kept]],
        # the employer pays up to the poacher's value of the worker
        retained_wages=np.maximum(workforce.wage[seekers[row[kept]]], value[kept]),
    )


def _lost_hires(row: np.ndarray, slot: np.ndarray, assessed_free: np.ndarray,
                screened_out: np.ndarray) -> tuple:
    """First-round offers that AI changed: for each vacancy whose first choice with AI gains
    and the screen differs from its choice without them, the seeker who would have had the
    offer, and whether the screen (rather than a more productive rival) took it away.

    The applications come sorted by vacancy and, within it, from best to worst assessment with
    AI gains; ``assessed_free`` is the assessment without them, in the same order.
    """
    if len(row) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, bool)
    starts = group_starts(slot)
    best_free = np.maximum.reduceat(assessed_free, starts)
    group = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, len(slot)]))
    top = np.flatnonzero(assessed_free == best_free[group])
    would = top[group_starts(slot[top])]  # first best-without-AI applicant of each vacancy
    considered = np.flatnonzero(~screened_out)
    does = np.full(slot.max() + 1, -1)
    chosen = considered[group_starts(slot[considered])] if len(considered) else considered
    does[slot[chosen]] = row[chosen]
    changed = row[would] != does[slot[would]]
    would = would[changed]
    return row[would], slot[would], screened_out[would]
