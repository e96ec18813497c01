"""Mesa agents as thin views onto the model's arrays.

A :class:`Worker` or :class:`Firm` stores only its row index; every attribute reads the model's
columnar state (:mod:`sim.model.state`). Behaviour lives in the vectorised rules
(:mod:`sim.model.rules`), not in agent methods, so a million workers step in a fraction of a
second. The model creates the agents with Mesa's ``create_agents``, so Mesa's registry is the
only one: ``model.agents``, ``model.agents_by_type[Worker]``, ``AgentSet.select``, ``groupby``,
``agg``, agent reporters in a ``DataCollector`` and SolaraViz all work.

>>> from sim import LaborMarket, Params, Worker
>>> model = LaborMarket(Params().replace("population", workers=300), seed=3)
>>> workers = model.agents_by_type[Worker]
>>> sum(workers.groupby("status").count().values())
300
"""

from __future__ import annotations

import mesa
from mesa.agent import AgentSet

from sim.model.careers import career_months
from sim.model.params import REGIMES
from sim.model.state import (
    ADOPTER_CATEGORIES,
    EMPLOYED,
    ENTRY,
    NO_EMPLOYER,
    STAGES,
    STATUS_NAMES,
    cells_per_firm,
)


class Worker(mesa.Agent):
    """One worker: a view of row ``index`` of ``model.workers``."""

    def __init__(self, model: mesa.Model, index: int) -> None:
        super().__init__(model)
        self.index = index

    @property
    def person(self) -> int:
        """Id of the person in this row (a retired person's row is taken by an entrant, who
        gets a new id; the agent stays the view of the row)."""
        return int(self.model.workers.person[self.index])

    @property
    def age(self) -> float:
        """Age in years (months / 12)."""
        return float(self.model.workers.age_months[self.index]) / 12.0

    @property
    def career_months(self) -> int:
        """Months since the person entered the labor market."""
        return int(career_months(self.model.workers, self.index))

    @property
    def experience_months(self) -> int:
        """Months employed in the current (or last) occupation."""
        return int(self.model.workers.experience[self.index])

    @property
    def stage(self) -> str:
        """Career stage of the current (or last) position: ``entry`` or ``experienced``."""
        return STAGES[self.model.workers.stage[self.index]]

    @property
    def match_quality(self) -> float:
        """Log match quality of the current job (0 when not employed)."""
        return float(self.model.workers.match[self.index])

    @property
    def human_capital(self) -> float:
        """Human capital, 1 = intact (erodes out of work, recovers at work)."""
        return float(self.model.workers.human_capital[self.index])

    @property
    def skill(self) -> float:
        """Productivity units a month in the current (or last) job without AI: the skill the
        ability gives in the occupation times the experience, match and human-capital
        factors."""
        return float(self.model.workers.skill[self.index])

    @property
    def occupation(self) -> str:
        """Current occupation, or the last one when not employed."""
        return self.model.occupations.names[self.model.workers.occupation[self.index]]

    @property
    def status(self) -> str:
        """``employed``, ``unemployed``, ``freelance`` or ``out of the labor force``."""
        return STATUS_NAMES[self.model.workers.status[self.index]]

    @property
    def employed(self) -> bool:
        """True when the worker has an employer."""
        return bool(self.model.workers.status[self.index] == EMPLOYED)

    @property
    def employer(self) -> Firm | None:
        """The employing :class:`Firm`, or None (found among the model's firm agents; for
        many workers at once read ``model.workers.employer``)."""
        firm = int(self.model.workers.employer[self.index])
        if firm == NO_EMPLOYER:
            return None
        found = self.model.agents_by_type[Firm].select(lambda a: a.index == firm, at_most=1)
        return next(iter(found))

    @property
    def employer_id(self) -> int:
        """Index of the employing firm, -1 when not employed."""
        return int(self.model.workers.employer[self.index])

    @property
    def wage(self) -> float:
        """Annual wage in US dollars (the last wage when not employed)."""
        return float(self.model.workers.wage[self.index])

    @property
    def tenure(self) -> int:
        """Months with the current employer."""
        return int(self.model.workers.tenure[self.index])

    @property
    def unemployed_months(self) -> int:
        """Month-ends in the current spell of search (0 unless unemployed; a month out of the
        labor force ends it, as in the CPS)."""
        return int(self.model.workers.unemployed_months[self.index])

    @property
    def months_without_work(self) -> int:
        """Month-ends since the last job or freelance work, unemployed or out of the labor
        force (the resume gap callbacks read; 0 when working)."""
        return int(self.model.workers.months_without_work[self.index])

    @property
    def reservation_wage(self) -> float:
        """Lowest acceptable annual wage while unemployed."""
        return float(self.model.workers.reservation_wage[self.index])

    @property
    def ai_propensity(self) -> float:
        """Fixed AI-adoption trait (standard normal; higher adopts earlier)."""
        return float(self.model.workers.ai_propensity[self.index])

    @property
    def adopter_category(self) -> str:
        """Rogers category of the propensity: innovator ... laggard."""
        return ADOPTER_CATEGORIES[self.model.workers.adopter_category[self.index]]

    @property
    def ai_user(self) -> bool:
        """True once the worker has adopted AI at work (adoption is for good)."""
        return bool(self.model.workers.ai_user[self.index])

    @property
    def ai_proficiency(self) -> float:
        """Share of the AI capability frontier the worker has mastered (0-1; 0 for non-users)."""
        return float(self.model.workers.proficiency[self.index])

    @property
    def ai_intensity(self) -> float:
        """Share of work time the worker spends with AI this month, in their current or last
        job (0 for non-users; for those without a job, what they would spend in it)."""
        return float(self.model.now.intensity[self.index])

    @property
    def ai_gain(self) -> float:
        """Productivity gain from AI this month, as a share of skill, in their current or last
        job (0 for non-users; for an applicant, what firms see in that occupation)."""
        return float(self.model.now.ai_gain[self.index])

    @property
    def ai_pay_share(self) -> float:
        """Share of an employee's AI gain their pay carries, won through outside offers (0
        when not employed; freelancers are paid their whole gain)."""
        return float(self.model.workers.ai_pay_share[self.index])

    @property
    def new_work(self) -> bool:
        """True while the worker holds a new AI-work position."""
        return bool(self.model.workers.new_work[self.index])

    def __repr__(self) -> str:
        return (f"Worker({self.index}, age {self.age:.0f}, {self.occupation}, {self.stage}, "
                f"{self.status}, wage={self.wage:,.0f})")


class Firm(mesa.Agent):
    """One firm: a view of row ``index`` of ``model.firms`` and of its cells, one per
    (occupation, career stage) (:mod:`sim.model.state`)."""

    def __init__(self, model: mesa.Model, index: int) -> None:
        super().__init__(model)
        self.index = index

    def _cells(self) -> slice:
        """The firm's cells: a contiguous block of ``cells_per_firm`` (firm-major layout)."""
        width = cells_per_firm(self.model.occupations.count)
        return slice(self.index * width, (self.index + 1) * width)

    def _entry_cells(self) -> slice:
        """The firm's entry-level cells (every other cell of its block, from the first)."""
        cells = self._cells()
        return slice(cells.start + ENTRY, cells.stop, len(STAGES))

    @property
    def size(self) -> int:
        """Number of employees."""
        return int((self.model.workers.employer == self.index).sum())

    @property
    def vacancies(self) -> int:
        """Open positions, all occupations and stages."""
        return int(self.model.firms.vacancies[self._cells()].sum())

    @property
    def entry_vacancies(self) -> int:
        """Open entry-level positions, all occupations."""
        return int(self.model.firms.vacancies[self._entry_cells()].sum())

    @property
    def positions(self) -> int:
        """Whole positions the firm wants staffed this month, all occupations and stages."""
        return int(self.model.now.positions[self._cells()].sum())

    @property
    def entry_positions(self) -> int:
        """Whole entry-level positions the firm wants staffed this month."""
        return int(self.model.now.positions[self._entry_cells()].sum())

    @property
    def labor_demand(self) -> float:
        """Labor demand this month in positions (standard workers), all occupations and
        stages."""
        return float(self.model.now.labor_demand[self._cells()].sum())

    @property
    def scale(self) -> float:
        """Positions the firm needs when demand is at its long-run mean."""
        return float(self.model.firms.scale[self.index])

    @property
    def pay_premium(self) -> float:
        """Log pay premium paid to every employee: base (AKM firm effect) plus recruiting."""
        return float(self.model.firm_premium()[self.index])

    @property
    def demand_shock(self) -> float:
        """Current log idiosyncratic demand shock."""
        return float(self.model.firms.demand_shock[self.index])

    @property
    def policy(self) -> str:
        """The firm's hiring-policy regime (``baseline``, ``freeze_reverse``, ...; every firm
        runs ``baseline`` before ``policies.start_month``)."""
        return REGIMES[int(self.model.effective_regime()[self.index])]

    @property
    def market(self) -> int:
        """The product market the firm sells in (its rivals are the firms of the same one)."""
        return int(self.model.firms.market[self.index])

    @property
    def price(self) -> float:
        """Price relative to the economy without AI: its unit cost this month (automation,
        AI-augmented workers and their pay)."""
        return float(self.model.now.unit_cost[self.index])

    @property
    def demand_multiplier(self) -> float:
        """Demand relative to the economy without AI this month, competing on price and
        quality with the firms of its market."""
        return float(self.model.now.demand_multiplier[self.index])

    @property
    def new_work_positions(self) -> int:
        """Whole new AI-work positions the firm has this month."""
        return int(self.model.now.new_work_positions[self._cells()].sum())

    def employees(self) -> AgentSet:
        """The firm's workers, as an AgentSet of :class:`Worker` agents (in worker order)."""
        employer = self.model.workers.employer
        return self.model.agents_by_type[Worker].select(
            lambda worker: employer[worker.index] == self.index)

    def __repr__(self) -> str:
        return f"Firm({self.index}, size={self.size}, vacancies={self.vacancies})"
