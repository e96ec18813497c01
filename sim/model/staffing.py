"""Staffing in the month: who is laid off and why, redeployment instead of layoffs, vacancy
posting, and starting new hires.

The phases :meth:`~sim.model.market.LaborMarket.separations`,
:meth:`~sim.model.market.LaborMarket.vacancy_posting` and
:meth:`~sim.model.market.LaborMarket.job_search_and_matching` call these functions; the rules
with their sources are :mod:`~sim.model.rules.separations`,
:mod:`~sim.model.rules.attribution`, :mod:`~sim.model.rules.vacancies` and
:mod:`~sim.model.rules.productivity`.
"""

from __future__ import annotations

import numpy as np

from sim.model import ai, careers, pay
from sim.model.month import MonthState
from sim.model.params import CareersParams, MarketParams, Params
from sim.model.rates import Rates
from sim.model.rules import (
    attribution,
    matching,
    new_work,
    outside_offers,
    productivity,
    separations,
    vacancies,
)
from sim.model.rules.careers import entry_cover
from sim.model.rules.policies import RegimeTable
from sim.model.rules.sorting import group_order, rank_in_group
from sim.model.state import (
    EMPLOYED,
    NONPARTICIPANT,
    UNEMPLOYED,
    FirmState,
    WorkerState,
    cell_firm,
    cell_occupation,
    cell_of,
    cell_stage,
    cells_per_firm,
    employed_cells,
    move,
    per_cell,
)


def separate(workers: WorkerState, who: np.ndarray, now: MonthState,
             market: MarketParams) -> None:
    """Move ``who`` (from a job, or from freelancing) into unemployment, with the reservation
    wage of a new spell (their wage stays as their last wage; in place)."""
    move(workers, who, UNEMPLOYED)
    # out of the job, their pay no longer carries any AI gain (move ends the captured share)
    now.pay_productivity[who] = productivity.pay_productivity(
        workers.skill[who], now.productivity_gain[who], workers.ai_pay_share[who])
    workers.reservation_wage[who] = pay.reservation_wages(workers, who, now, market)


def refresh_productivity(workers: WorkerState, who: np.ndarray, now: MonthState) -> None:
    """What ``who`` produce, fill, are ranked on and are paid for after a change of job or
    training (their AI gains stay this month's; in place)."""
    w = workers
    now.productivity[who] = productivity.worker_productivity(
        w.skill[who], now.productivity_gain[who], w.training_months[who])
    now.ranked_productivity[who] = productivity.worker_productivity(
        w.skill[who], now.ranking_gain[who], w.training_months[who])
    now.covered[who] = productivity.positions_covered(now.productivity[who], w.skill[who])
    now.pay_productivity[who] = productivity.pay_productivity(
        w.skill[who], now.productivity_gain[who], w.ai_pay_share[who])


def capture_pay(workers: WorkerState, who: np.ndarray, now: MonthState,
                pay_premium: np.ndarray) -> None:
    """Record the share of their AI gain the pay of ``who`` (employed) now carries, from
    their wage and the wage rule on their productivity without AI
    (:func:`sim.model.rules.outside_offers.captured_share`; in place)."""
    w = workers
    w.ai_pay_share[who] = outside_offers.captured_share(w.wage[who],
                                                        pay.base_pay(w, who, now, pay_premium),
                                                        now.productivity_gain[who])


def cell_coverage(workers: WorkerState, now: MonthState, n_occupations: int) -> tuple:
    """Employed workers, their cells, and per cell the positions their workers fill and the
    part of it AI adds (positions covered beyond one each)."""
    employed, cells = employed_cells(workers, n_occupations)
    n_cells = len(now.positions)
    covered = now.covered[employed]
    filled = productivity.cell_sum(cells, covered, n_cells)
    ai_extra = productivity.cell_sum(cells, np.maximum(covered - 1.0, 0.0), n_cells)
    return employed, cells, filled, ai_extra


def filled_positions(workers: WorkerState, now: MonthState, n_occupations: int) -> tuple:
    """Employed workers, their cells, and the positions filled per cell once experienced
    workers' AI-extended coverage takes over entry-level work
    (:func:`sim.model.rules.careers.entry_cover`)."""
    employed, cells, filled, ai_extra = cell_coverage(workers, now, n_occupations)
    return employed, cells, entry_cover(filled, now.positions, ai_extra)


def layoffs(workers: WorkerState, now: MonthState, rates: Rates, *, params: Params,
            regime: np.ndarray, table: RegimeTable, hiring_open: np.ndarray,
            noise: np.ndarray) -> tuple:
    """Layoffs where a cell's workers fill more positions than the firm wants staffed, and the
    cause of each (:mod:`sim.model.rules.separations`, :mod:`sim.model.rules.attribution`).

    Firms closed to hiring (a freeze) let attrition, not layoffs, absorb the positions they
    automate. Firms choose whom to lay off on ``now.ranked_productivity`` (with AI gains only
    when the block ``ranking`` is on). ``noise``: the layoff selection's standard normal draw
    per person; ``table``: the regimes' flags this month. Returns the laid-off workers, in
    layoff order, and their cause codes.
    """
    w, f = workers, params.firms
    k = len(rates.skill_sd)
    width = cells_per_firm(k)
    n_cells = len(now.positions)
    employed, cells, filled = filled_positions(w, now, k)
    heads = np.bincount(cells, minlength=n_cells)
    wanted = np.where(np.repeat(~hiring_open, width), now.positions_without_automation,
                      now.positions)
    to_shed = f.layoff_speed * np.maximum(filled - wanted, 0.0)
    error = rates.screening_error[w.occupation]
    scores = separations.layoff_scores(rule=f.layoff_rule,
                                       productivity=now.ranked_productivity,
                                       tenure=w.tenure, noise=noise, screening_error=error)
    laid_off = separations.choose_layoffs(workers=employed, cells=cells, covered=now.covered,
                                          score=scores, to_shed=to_shed)
    if len(laid_off) == 0:
        return laid_off, np.zeros(0, dtype=np.int8)
    laid_cells = cells[np.searchsorted(employed, laid_off)]  # employed is sorted
    chosen_for_ai = attribution.chosen_for_ai(
        laid_off=laid_off, laid_cells=laid_cells, employed=employed, cells=cells, skill=w.skill,
        tenure=w.tenure, noise=noise, screening_error=error, rule=f.layoff_rule,
        n_cells=n_cells)
    excess, automated, augmented = attribution.excess_parts(
        filled, heads, wanted, now.positions_without_automation)
    causes = attribution.layoff_causes(
        cells=laid_cells, outcompeted=chosen_for_ai, excess=excess,
        automation=automated, augmentation=augmented,
        automation_cause=np.repeat(table.automation_cause[regime], width))
    return laid_off, causes


def redeploy(workers: WorkerState, firms: FirmState, now: MonthState, rates: Rates,
             laid_off: np.ndarray, causes: np.ndarray, *, params: Params,
             regime: np.ndarray, table: RegimeTable, frontier: float) -> tuple:
    """Reskilling firms keep the workers automation displaces: they move them to the firm's
    open positions (in any occupation), with training; the rest stay on, paid, until a
    position opens (in place). Returns the remaining layoffs and their causes."""
    w, k = workers, len(rates.skill_sd)
    firm = w.employer[laid_off]
    keep = table.reskills[regime][firm] & (causes == attribution.AUTOMATION)
    moving = laid_off[keep]
    if len(moving):
        open_cells = np.flatnonzero(firms.vacancies)
        slot_cell = np.repeat(open_cells, firms.vacancies[open_cells])
        slot_firm = cell_firm(slot_cell, k)
        order = np.argsort(w.employer[moving], kind="stable")
        moving = moving[order]
        mover_firm = w.employer[moving]
        mover_rank = rank_in_group(mover_firm)
        first_slot = np.searchsorted(slot_firm, mover_firm)
        slots_at_firm = np.searchsorted(slot_firm, mover_firm, side="right") - first_slot
        placed = mover_rank < slots_at_firm
        new_cell = slot_cell[first_slot[placed] + mover_rank[placed]]
        movers = moving[placed]
        start_job(w, movers, new_cell, k)
        w.skill[movers] = careers.effective_skill(w, movers, rates)
        w.training_months[movers] = params.policies.reskill_months
        w.tenure[movers] = 0
        ai.refresh_gains(w, movers, now, rates, ai=params.ai, frontier=frontier)
        refresh_productivity(w, movers, now)
        firms.vacancies -= np.bincount(new_cell, minlength=len(firms.vacancies)
                                       ).astype(np.int32)
        now.counts.reskilled = len(movers)
    return laid_off[~keep], causes[~keep]


def post_vacancies(workers: WorkerState, firms: FirmState, now: MonthState, filled: np.ndarray,
                   *, hiring_open: np.ndarray, n_occupations: int) -> None:
    """Set each cell's vacancy stock to the hires needed to meet labor demand, none at firms
    closed to hiring (:mod:`sim.model.rules.vacancies`; in place)."""
    k = n_occupations
    in_labor_force = workers.status != NONPARTICIPANT
    per_hire = productivity.expected_positions_per_hire(workers.occupation, now.covered,
                                                        in_labor_force, k)
    wanted = vacancies.vacancies_wanted(now.positions, filled, per_cell(per_hire, firms.count))
    wanted[np.repeat(~hiring_open, cells_per_firm(k))] = 0
    previous = firms.vacancies
    now.counts.vacancies_posted = int(np.maximum(wanted - previous, 0).sum())
    now.counts.vacancies_withdrawn = int(np.maximum(previous - wanted, 0).sum())
    now.open_for_applications = vacancies.open_for_applications(previous, wanted)
    firms.vacancies = wanted


def start_job(workers: WorkerState, who: np.ndarray, cells: np.ndarray, n_occupations: int
              ) -> None:
    """``who`` take up positions in ``cells``: occupation and stage of the cell; experience
    starts over where the occupation is new to them (in place)."""
    w = workers
    occupation = cell_occupation(cells, n_occupations)
    w.experience[who] = np.where(w.occupation[who] == occupation, w.experience[who], 0)
    w.occupation[who] = occupation
    w.stage[who] = cell_stage(cells)


def hire(workers: WorkerState, firms: FirmState, now: MonthState, rates: Rates,
         hires: matching.Hires, *, pay_premium: np.ndarray, params: Params,
         frontier: float) -> None:
    """Start the matched workers in their new jobs (employer, occupation and stage, the match
    quality of the application, the agreed wage and the share of their AI gain it carries,
    whether the position is new AI work, their productivity there) and draw down the filled
    vacancies (in place; ``pay_premium``: each firm's log pay premium; their AI gains are
    recomputed for the new job at capability ``frontier``)."""
    w, k = workers, len(rates.skill_sd)
    hired = hires.workers
    move(w, hired, EMPLOYED, cell_firm(hires.cells, k))
    start_job(w, hired, hires.cells, k)
    w.match[hired] = hires.match
    w.skill[hired] = careers.effective_skill(w, hired, rates)
    ai.refresh_gains(w, hired, now, rates, ai=params.ai, frontier=frontier)
    w.wage[hired] = hires.wages
    w.new_work[hired] = hires.new_work
    capture_pay(w, hired, now, pay_premium)
    refresh_productivity(w, hired, now)
    filled = np.bincount(hires.cells, minlength=len(firms.vacancies)).astype(np.int32)
    firms.vacancies -= filled
    now.unfilled = now.open_for_applications - filled


def assign_new_work(workers: WorkerState, now: MonthState, proficiency: float,
                    n_occupations: int) -> np.ndarray:
    """Match each cell's holders of new AI-work positions to its new-work positions: where
    there are more holders than positions (demand fell), the least proficient go back to
    ordinary work; positions not yet held go to the cell's own employees first, the users
    with at least ``proficiency``, most proficient first (the firm knows them; Humlum &
    Vestergaard's new tasks went to incumbents). Returns those who take one (in place)."""
    w = workers
    held = held_new_work(w, now, n_occupations)
    surplus = np.maximum(held - now.new_work_positions, 0)
    if surplus.any():
        holders = np.flatnonzero(w.new_work)
        cells = cell_of(w.employer[holders], w.occupation[holders], w.stage[holders],
                        n_occupations)
        order = group_order(cells, w.proficiency[holders])  # least proficient first
        holders, cells = holders[order], cells[order]
        w.new_work[holders[rank_in_group(cells) < surplus[cells]]] = False
        held = np.minimum(held, now.new_work_positions)
    open_ = np.maximum(now.new_work_positions - held, 0)  # new-work positions not held
    if not open_.any():
        return np.zeros(0, dtype=np.int64)
    candidates = np.flatnonzero((w.status == EMPLOYED) & w.ai_user & ~w.new_work
                                & (w.proficiency >= proficiency))
    cells = cell_of(w.employer[candidates], w.occupation[candidates], w.stage[candidates],
                    n_occupations)
    mine = open_[cells] > 0
    candidates, cells = candidates[mine], cells[mine]
    order = group_order(cells, w.proficiency[candidates], descending=True)
    candidates, cells = candidates[order], cells[order]
    taking = candidates[rank_in_group(cells) < open_[cells]]
    w.new_work[taking] = True
    return taking


def held_new_work(workers: WorkerState, now: MonthState, n_occupations: int) -> np.ndarray:
    """New AI-work positions held per cell (only the employed hold one)."""
    w = workers
    holders = np.flatnonzero(w.new_work)
    cells = cell_of(w.employer[holders], w.occupation[holders], w.stage[holders], n_occupations)
    return np.bincount(cells, minlength=len(now.positions))


def open_new_work(workers: WorkerState, now: MonthState, n_occupations: int) -> np.ndarray:
    """Per cell, the vacancies open to applications this month that are new AI work: the
    cell's new AI-work positions not held (:func:`sim.model.rules.new_work.open_new_work`;
    only the employed hold one)."""
    return new_work.open_new_work(now.new_work_positions,
                                  held_new_work(workers, now, n_occupations),
                                  now.open_for_applications)


def promote(workers: WorkerState, now: MonthState, c: CareersParams, *, n_occupations: int
            ) -> np.ndarray:
    """Promote entry-level workers far enough into their careers into the open experienced
    positions of their firm and occupation (:func:`sim.model.careers.promote`; in place).
    Returns the positions filled per cell after the promotions."""
    employed, cells, filled, ai_extra = cell_coverage(workers, now, n_occupations)
    promoted = careers.promote(workers, now.positions,
                               entry_cover(filled, now.positions, ai_extra), c,
                               employed=employed, cells=cells)
    now.counts.promotions = len(promoted)
    if len(promoted):  # their coverage moves from each entry cell to the next, experienced
        from_cells = cells[np.searchsorted(employed, promoted)]
        covered = now.covered[promoted]
        for total, values in ((filled, covered), (ai_extra, np.maximum(covered - 1.0, 0.0))):
            moved = productivity.cell_sum(from_cells, values, len(total))
            total += np.roll(moved, 1) - moved
    return entry_cover(filled, now.positions, ai_extra)
