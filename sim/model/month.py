"""The month's state: what one month computes, phase by phase, in one object.

:meth:`sim.model.market.LaborMarket.start_month` makes a new :class:`MonthState` (the model
keeps the latest as ``model.now``). Each phase fills the fields it owns and reads those of the
phases before it; the field comments say which phase sets each one. Until its phase runs in a
month, a field holds the previous month's value (at creation, the economy's initial state), so
every field always exists and the model's views (for example ``Firm.labor_demand``) read the
latest complete month between steps.

Arrays are per person (length N), per (firm, occupation) cell (length M * K, see
:mod:`sim.model.state`) or per firm (length M).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class MonthCounts:
    """Event counts of the month (workers, or vacancies for the two vacancy counts)."""

    quits: int = 0  # into unemployment, out of the labor force, and employees leaving to freelance
    layoffs: int = 0  # including matches ended as poor
    match_separations: int = 0  # layoffs of matches found or become poor
    retirements: int = 0  # employed people who left the labor market for good
    freelance_retirements: int = 0  # freelancers who left for good
    entrants: int = 0  # new entrants (as many as the people who left, employed or not)
    labor_force_exits: int = 0  # employed and unemployed moving out of the labor force
    labor_force_entries: int = 0  # non-participants who start searching
    promotions: int = 0  # entry-level workers promoted inside their firm
    hires: int = 0
    entry_hires: int = 0  # hires into entry-level positions
    hires_from_unemployment: int = 0
    hires_from_nonparticipation: int = 0
    occupation_switches: int = 0  # hires from unemployment into another occupation
    job_to_job_hires: int = 0
    hires_from_freelance: int = 0
    vacancies_posted: int = 0
    vacancies_withdrawn: int = 0
    reskilled: int = 0  # redeployed by reskilling firms instead of laid off
    lost_hires_outcompeted: int = 0
    lost_hires_policy: int = 0
    freelance_entries: int = 0
    freelance_exits: int = 0
    counteroffers: int = 0  # outside offers to employees that their employer matched
    new_work_hires: int = 0  # hires into new AI-work positions
    new_work_assignments: int = 0  # employees given a new AI-work position of their cell


@dataclass(eq=False)
class MonthState:
    """One month's scratch state (see the module docstring)."""

    # start_month: flows are measured against the statuses at the start of the month
    status_start: np.ndarray  # int8 per person
    employer_start: np.ndarray  # int32 per person
    pay_levels: np.ndarray  # per occupation, annual US dollars, on the wage curve
    counts: MonthCounts
    separation_causes: np.ndarray  # int64 per cause (attribution.CAUSES)
    # technology: AI gains and what each worker produces, fills and is paid for (the last
    # three recomputed for the redeployed in separations and for the hired in matching)
    ai_gain: np.ndarray  # per person, share of skill (0 for non-users)
    intensity: np.ndarray  # per person, share of work time with AI (0 for non-users)
    productivity_gain: np.ndarray  # per person, the AI gain in what they produce (block
    # 'productivity'; zero when it is off; when on, the same array as ai_gain)
    ranking_gain: np.ndarray  # per person, the AI gain firms see when they rank (block
    # 'ranking'; zero when it is off; when on, the same array as ai_gain)
    ranked_productivity: np.ndarray  # per person, what firms rank on in hiring and layoffs
    # (with AI gains when the block 'ranking' is on)
    productivity: np.ndarray  # per person, productivity units a month
    covered: np.ndarray  # per person, positions filled
    pay_productivity: np.ndarray  # per person, what pay is set on
    # product_demand: labor demand and whole positions per cell
    labor_demand: np.ndarray  # per cell, positions (standard workers)
    positions: np.ndarray  # per cell, whole positions staffed
    positions_without_automation: np.ndarray  # per cell
    new_work_positions: np.ndarray  # per cell, whole new AI-work positions (in positions)
    unit_cost: np.ndarray  # per firm, unit cost = price relative to no AI (competition)
    demand_multiplier: np.ndarray  # per firm, demand relative to no AI
    positions_per_head: np.ndarray  # per firm, positions its employees fill each when prices
    # are set (one without AI gains)
    # vacancy_posting and matching
    open_for_applications: np.ndarray  # per cell, fillable this month
    unfilled: np.ndarray  # per cell, open vacancies left unfilled
    # freelance_market
    freelance_output: float = 0.0  # US dollars a month
    # job_search_and_matching: the workers hired this month (none until it runs)
    hired: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def next(self, status: np.ndarray, employer: np.ndarray, pay_levels: np.ndarray,
             n_causes: int) -> MonthState:
        """The state a new month starts from: the statuses and pay levels at its start, zero
        counts, and this month's values for the fields later phases set."""
        return MonthState(
            status_start=status.copy(), employer_start=employer.copy(),
            pay_levels=pay_levels, counts=MonthCounts(),
            separation_causes=np.zeros(n_causes, dtype=np.int64),
            ai_gain=self.ai_gain, intensity=self.intensity,
            productivity_gain=self.productivity_gain, ranking_gain=self.ranking_gain,
            ranked_productivity=self.ranked_productivity,
            productivity=self.productivity, covered=self.covered,
            pay_productivity=self.pay_productivity, labor_demand=self.labor_demand,
            positions=self.positions,
            positions_without_automation=self.positions_without_automation,
            new_work_positions=self.new_work_positions, unit_cost=self.unit_cost,
            demand_multiplier=self.demand_multiplier,
            positions_per_head=self.positions_per_head,
            open_for_applications=self.open_for_applications, unfilled=self.unfilled,
            freelance_output=self.freelance_output,
        )
