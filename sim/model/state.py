"""Columnar agent state: the numpy arrays that hold every worker and every firm.

The model owns one :class:`WorkerState`, one :class:`FirmState` and the fixed :class:`Groups`
of workers whose outcomes the thesis compares. Rules read and write these arrays in vectorised
form; the Mesa agents in :mod:`sim.model.agents` are thin views onto one row. What a month
computes on top of them lives in :mod:`sim.model.month`, constants derived once in
:mod:`sim.model.rates`.

Firms employ workers in *cells*: one cell per (firm, occupation, career stage), numbered
``cell = (firm * K + occupation) * 2 + stage`` where K is the number of occupations and the
stage is entry-level (0) or experienced (1); :func:`cell_of`, :func:`cell_firm`,
:func:`cell_occupation` and :func:`cell_stage` are the only places that know the layout.
Labor requirements, automated shares and vacancies are kept per cell (and, in the month's
state, labor demand and positions).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# Worker status codes. Every worker is in exactly one status at every moment.
EMPLOYED = 0
UNEMPLOYED = 1
FREELANCE = 2  # works in the freelance task market (sim/model/rules/freelance.py)
NONPARTICIPANT = 3  # out of the labor force (sim/model/rules/participation.py)
STATUS_NAMES = ("employed", "unemployed", "freelance", "out of the labor force")

#: Career stages of positions (sim/model/rules/careers.py).
STAGES = ("entry", "experienced")
ENTRY, EXPERIENCED = 0, 1

#: Rogers' adopter categories, from earliest to latest adopters.
ADOPTER_CATEGORIES = ("innovator", "early_adopter", "early_majority", "late_majority", "laggard")

NO_EMPLOYER = -1


@dataclass(eq=False)
class WorkerState:
    """One entry per person (index = worker id). Wages are annual rates in US dollars.

    A row is a place in the population: when its person retires, a new entrant takes it
    (``person`` then changes; :mod:`sim.model.rules.demography`).
    """

    ability: np.ndarray  # float64, fixed standard-normal rank of the worker's skill
    skill_rank: np.ndarray  # float64, fixed: Phi(ability), 0 least and 1 most skilled
    skill: np.ndarray  # float64, productivity in the current job without AI: the skill the
    # ability gives in the occupation times the experience, match and human-capital factors
    # (recomputed monthly by sim.model.careers.refresh_skill)
    occupation: np.ndarray  # int16, current occupation, or the last one when not employed
    status: np.ndarray  # int8, EMPLOYED / UNEMPLOYED / FREELANCE / NONPARTICIPANT
    employer: np.ndarray  # int32, firm index, NO_EMPLOYER when not employed
    wage: np.ndarray  # float64, current wage; the last wage when not employed
    tenure: np.ndarray  # int32, months with the current employer
    unemployed_months: np.ndarray  # int32, month-ends in the current spell of search (CPS
    # duration: a month out of the labor force ends it)
    months_without_work: np.ndarray  # int32, month-ends since the last job or freelance work,
    # unemployed or out of the labor force (the gap on a resume that callbacks read)
    reservation_wage: np.ndarray  # float64, lowest acceptable wage in the own occupation while
    # unemployed (for inspection: matching applies the same share to each job's market wage)
    ai_propensity: np.ndarray  # float64, fixed adoption trait (standard normal; high = early)
    adopter_category: np.ndarray  # int8, index into ADOPTER_CATEGORIES
    ai_user: np.ndarray  # bool, uses AI at work (adoption is for good)
    proficiency: np.ndarray  # float64, share of the capability frontier mastered (0-1)
    training_months: np.ndarray  # int16, months of retraining left after a redeployment
    person: np.ndarray  # int64, id of the person in this row (a new id for each entrant)
    age_months: np.ndarray  # int16, age in months
    entry_age: np.ndarray  # int16, age in months at which the person entered the labor market
    experience: np.ndarray  # int16, months employed in the current occupation
    stage: np.ndarray  # int8, career stage of the current (or last) position
    match: np.ndarray  # float64, log match quality of the current job (0 when not employed)
    human_capital: np.ndarray  # float64, 1 = intact; erodes while out of work
    ai_pay_share: np.ndarray  # float64, share of the AI gain the current pay carries (0-1;
    # raised by matched outside offers, sim/model/rules/outside_offers.py; 0 when not employed)
    new_work: np.ndarray  # bool, holds a new AI-work position (sim/model/rules/new_work.py)

    @property
    def count(self) -> int:
        """Number of workers."""
        return len(self.skill)


@dataclass(eq=False)
class FirmState:
    """Firm-level arrays (length M) and cell-level arrays (length M * K * 2)."""

    scale: np.ndarray  # float64 (M,), positions when demand is at its long-run mean
    pay_premium: np.ndarray  # float64 (M,), log base pay premium (AKM firm effect)
    recruiting_premium: np.ndarray  # float64 (M,), log raise added while vacancies go unfilled
    demand_shock: np.ndarray  # float64 (M,), log idiosyncratic product-demand shock
    requirement: np.ndarray  # float64 (M*K*2,), positions of the cell per unit of demand
    vacancies: np.ndarray  # int32 (M*K*2,), open positions (an explicit stock)
    regime: np.ndarray  # int8 (M,), hiring-policy regime, index into rules.policies.POLICIES
    adoption_factor: np.ndarray  # float64 (M,), employer effect on adoption (restrict / train)
    automation_threshold: np.ndarray  # float64 (M,), capability at which the firm automates
    automated: np.ndarray  # float64 (M*K*2,), share of the cell's tasks automated
    quality: np.ndarray  # float64 (M,), output quality (1 = no loss)
    frozen: np.ndarray  # bool (M,), freeze_reverse: hiring frozen
    reversed: np.ndarray  # bool (M,), freeze_reverse: freeze reversed for good
    market: np.ndarray  # int32 (M,), product market the firm sells in (rules/competition.py)
    rounding_offset: np.ndarray  # float64 (M,), fixed uniform offset that rounds the firm's
    # new AI-work positions to whole ones (rules/new_work.py)
    exposure: np.ndarray  # float64 (M,), requirement-weighted AI exposure of its jobs
    demand_multiplier: np.ndarray  # float64 (M,), demand relative to no AI, as customers
    # move towards the CES demand (rules/competition.py; one without AI)

    @property
    def count(self) -> int:
        """Number of firms."""
        return len(self.scale)


def cell_of(firm: np.ndarray, occupation: np.ndarray, stage, n_occupations: int
            ) -> np.ndarray:
    """Cell index of (firm, occupation, stage) triples.

    >>> int(cell_of(np.array([1]), np.array([2]), 1, 3)[0])
    11
    """
    return (firm.astype(np.int64) * n_occupations + occupation) * len(STAGES) + stage


def job_of(occupation: np.ndarray, stage) -> np.ndarray:
    """Job index of (occupation, stage) pairs, ``occupation * 2 + stage``: a cell's position
    within its firm, and the index of per-job arrays such as ``rates.job_exposure``.

    >>> int(job_of(np.array([2]), 1)[0])
    5
    """
    return occupation.astype(np.int64) * len(STAGES) + stage


def cells_per_firm(n_occupations: int) -> int:
    """Cells of one firm: one per occupation and stage."""
    return n_occupations * len(STAGES)


def cell_firm(cell: np.ndarray, n_occupations: int) -> np.ndarray:
    """Firm of each cell."""
    return cell // cells_per_firm(n_occupations)


def cell_occupation(cell: np.ndarray, n_occupations: int) -> np.ndarray:
    """Occupation of each cell."""
    return (cell // len(STAGES)) % n_occupations


def cell_stage(cell: np.ndarray) -> np.ndarray:
    """Career stage of each cell (ENTRY or EXPERIENCED)."""
    return cell % len(STAGES)


def per_cell(per_occupation: np.ndarray, n_firms: int) -> np.ndarray:
    """A per-occupation array repeated for both stages of every firm (one value per cell)."""
    return np.tile(np.repeat(per_occupation, len(STAGES)), n_firms)


@dataclass(eq=False)
class Groups:
    """Fixed groups of workers, the same people in every counterfactual arm of a seed."""

    low_propensity: np.ndarray  # bool, bottom third of the fixed AI-adoption propensity
    high_propensity: np.ndarray  # bool, top third
    policy: np.ndarray  # int64, regime of the worker's employer when AI arrived (-1: none)

    def third(self, workers: np.ndarray) -> np.ndarray:
        """``low``, ``middle`` or ``high`` propensity third of ``workers`` (object array)."""
        third = np.where(self.low_propensity[workers], "low",
                         np.where(self.high_propensity[workers], "high", "middle"))
        return third.astype(object)


def move(workers: WorkerState, who: np.ndarray, status: int, employer=NO_EMPLOYER) -> None:
    """Status transition of ``who`` to ``status`` (with ``employer``: one firm index, or one per
    person; none unless employed), with their tenure and search-spell clocks restarted from
    zero, and their clock of months without work too when they start work (in place). Every
    change of status goes through here.

    Two clocks, as the data measure them: the spell of search (``unemployed_months``) is the
    CPS duration of unemployment, continuous search that two weeks without looking break (BLS,
    "Concepts and definitions"), so it restarts with every move; the months without work
    (``months_without_work``) run while unemployed or out of the labor force and end only with
    work, the gap a resume shows (what callbacks read, Kroft, Lange & Notowidigdo 2013).

    Every move also ends the hold of a new AI-work position (a hire into one sets it again),
    and a move out of employment ends the share of the AI gain the pay carried."""
    workers.status[who] = status
    workers.employer[who] = employer
    workers.tenure[who] = 0
    workers.unemployed_months[who] = 0
    if status in (EMPLOYED, FREELANCE):
        workers.months_without_work[who] = 0
    if status != EMPLOYED:
        workers.match[who] = 0.0
        workers.ai_pay_share[who] = 0.0
    workers.new_work[who] = False


def employed_cells(workers: WorkerState, n_occupations: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices of the employed workers and their (firm, occupation, stage) cells."""
    employed = np.flatnonzero(workers.status == EMPLOYED)
    return employed, cell_of(workers.employer[employed], workers.occupation[employed],
                             workers.stage[employed], n_occupations)
