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

from sim.model.state import ADOPTER_CATEGORIES, EMPLOYED, NO_EMPLOYER, STATUS_NAMES


class Worker(mesa.Agent):
    """One worker: a view of row ``index`` of ``model.workers``."""

    def __init__(self, model: mesa.Model, index: int) -> None:
        super().__init__(model)
        self.index = index

    @property
    def skill(self) -> float:
        """Productivity units a month (lognormal, mean one in each occupation)."""
        return float(self.model.workers.skill[self.index])

    @property
    def occupation(self) -> str:
        """Current occupation, or the last one when not employed."""
        return self.model.occupations.names[self.model.workers.occupation[self.index]]

    @property
    def status(self) -> str:
        """``employed``, ``unemployed`` or ``freelance``."""
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
        """Month-ends spent in the current unemployment spell (0 when employed)."""
        return int(self.model.workers.unemployed_months[self.index])

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

    def __repr__(self) -> str:
        return f"Worker({self.index}, {self.occupation}, {self.status}, wage={self.wage:,.0f})"


class Firm(mesa.Agent):
    """One firm: a view of row ``index`` of ``model.firms`` and of its (firm, occupation) cells."""

    def __init__(self, model: mesa.Model, index: int) -> None:
        super().__init__(model)
        self.index = index

    def _cells(self) -> slice:
        k = self.model.occupations.count
        return slice(self.index * k, (self.index + 1) * k)

    @property
    def size(self) -> int:
        """Number of employees."""
        return int((self.model.workers.employer == self.index).sum())

    @property
    def vacancies(self) -> int:
        """Open positions, all occupations."""
        return int(self.model.firms.vacancies[self._cells()].sum())

    @property
    def labor_demand(self) -> float:
        """Labor demand this month in positions (standard workers), all occupations."""
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

    def employees(self) -> AgentSet:
        """The firm's workers, as an AgentSet of :class:`Worker` agents (in worker order)."""
        employer = self.model.workers.employer
        return self.model.agents_by_type[Worker].select(
            lambda worker: employer[worker.index] == self.index)

    def __repr__(self) -> str:
        return f"Firm({self.index}, size={self.size}, vacancies={self.vacancies})"
