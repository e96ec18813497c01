"""The labor-market model: a Mesa model whose agents' state lives in numpy arrays.

A month runs six phases in a fixed order (see :meth:`LaborMarket.simulate_month`); each calls one
rule module in :mod:`sim.rules` with random numbers drawn here from the model's named streams.
The model does no input or output: it takes a :class:`~sim.params.Params` and a seed, and exposes
its state, its agents and a Mesa ``DataCollector``.
"""

from __future__ import annotations

from functools import partial

import mesa
import numpy as np
from scipy.special import ndtri

from sim.agents import Firm, Worker
from sim.occupations import Occupations, default_occupations
from sim.params import Params
from sim.population import draw_firms, draw_workers, place_workers, skill_sd
from sim.rules import (
    accounting,
    demand,
    matching,
    productivity,
    screening,
    separations,
    vacancies,
    wages,
)
from sim.rules.accounting import METRIC_NAMES, MonthlyMetrics
from sim.state import EMPLOYED, NO_EMPLOYER, UNEMPLOYED, cell_of
from sim.streams import derived_uniforms, make_streams, monthly_keys


def read_metric(model: LaborMarket, name: str) -> float:
    """DataCollector reporter: one field of the model's latest monthly metrics."""
    return getattr(model.metrics, name)


class LaborMarket(mesa.Model):
    """A monthly labor market of workers and firms, run to its steady state on creation.

    Parameters
    ----------
    params : Params, optional
        Scenario parameters (defaults: the calibrated baseline).
    seed : int
        Seed of every random stream of this run (see :mod:`sim.streams`).
    occupations : Occupations, optional
        Occupation table (defaults to the shipped BLS OEWS table).
    burn_in : bool
        Run ``params.run.burn_in_months`` months before month 0 (default True).

    Examples
    --------
    >>> from sim import LaborMarket, Params
    >>> model = LaborMarket(Params().replace("population", workers=500), seed=1)
    >>> model.step()
    >>> 0.0 < model.metrics.unemployment_rate < 0.2
    True
    >>> len(model.agents_by_type[Worker])
    500
    """

    def __init__(self, params: Params | None = None, seed: int = 0, *,
                 occupations: Occupations | None = None, burn_in: bool = True) -> None:
        super().__init__(rng=int(seed))
        self.params = params if params is not None else Params()
        self.seed = int(seed)
        self.occupations = occupations if occupations is not None else default_occupations()
        self.streams = make_streams(self.seed)
        self._set_rates()

        k = self.occupations.count
        self.workers = draw_workers(self.params.population.workers, self.occupations,
                                    self.params.firms.pay_premium_sd,
                                    self.streams["population"],
                                    self.streams["adoption_propensity"])
        self.firms = draw_firms(self.params, self.occupations, self.workers,
                                self.streams["firms"])
        self.cycle = -0.5 * self.cycle_sd**2
        self.labor_demand = demand.labor_demand(self.firms.scale, self.firms.requirement,
                                                self.cycle, self.firms.demand_shock, k)
        self.positions = demand.whole_positions(self.labor_demand, k)
        place_workers(self.workers, self.positions, k,
                      self.params.population.initial_unemployment, self.streams["population"])
        self._initial_wages()

        self.metrics: MonthlyMetrics | None = None
        self.months_simulated = 0
        self.datacollector = mesa.DataCollector(
            model_reporters={name: partial(read_metric, name=name) for name in METRIC_NAMES}
        )
        self.worker_agents = [Worker(self, i) for i in range(self.workers.count)]
        self.firm_agents = [Firm(self, f) for f in range(self.firms.count)]
        if burn_in:
            for _ in range(self.params.run.burn_in_months):
                self.simulate_month()

    # ------------------------------------------------------------------ schedule
    def step(self) -> None:
        """Simulate one reported month and collect its metrics."""
        self.simulate_month()
        self.datacollector.collect(self)

    def simulate_month(self) -> None:
        """One month, phase by phase (burn-in runs this without collecting)."""
        self.start_month()
        self.product_demand()
        self.separations()
        self.vacancy_posting()
        self.job_search_and_matching()
        self.wage_setting()
        self.bookkeeping()

    # ------------------------------------------------------------------ phases
    def start_month(self) -> None:
        """Remember start-of-month statuses and employers (flows are measured against them) and
        each worker's productivity and positions filled this month."""
        w = self.workers
        self.status_start = w.status.copy()
        self.employer_start = w.employer.copy()
        self.productivity = productivity.worker_productivity(w.skill)
        self.covered = productivity.positions_covered(self.productivity, w.skill)
        self.pay_levels = self.pay_level()
        self.events = {"quits": 0, "layoffs": 0, "hires": 0, "job_to_job_hires": 0,
                       "vacancies_posted": 0, "vacancies_withdrawn": 0}

    def product_demand(self) -> None:
        """Phase 1: move the business cycle and firm demand shocks; update labor demand and
        the whole positions each firm wants staffed."""
        rng = self.streams["demand"]
        aggregate, firm_level = rng.standard_normal(), rng.standard_normal(self.firms.count)
        self.cycle = float(demand.ar1_step(self.cycle, self.cycle_rho, self.cycle_innovation,
                                           self.cycle_sd, aggregate))
        self.firms.demand_shock = demand.ar1_step(self.firms.demand_shock, self.firm_rho,
                                                  self.firm_innovation, self.firm_sd, firm_level)
        self.labor_demand = demand.labor_demand(self.firms.scale, self.firms.requirement,
                                                self.cycle, self.firms.demand_shock,
                                                self.occupations.count)
        self.positions = demand.whole_positions(self.labor_demand, self.occupations.count)

    def separations(self) -> None:
        """Phase 2: quits into unemployment, then layoffs where workers fill more positions
        than the firm wants staffed."""
        w, p = self.workers, self.params
        rng = self.streams["separations"]
        quit_draws = rng.random(w.count, dtype=np.float32)
        order_noise = rng.standard_normal(w.count)
        quitting = separations.quits(w.status == EMPLOYED, quit_draws, p.market.quit_rate)
        self._separate(quitting)
        self.events["quits"] = len(quitting)

        employed, cells = self.employed_cells()
        filled = productivity.cell_sum(cells, self.covered[employed], len(self.positions))
        to_shed = p.firms.layoff_speed * np.maximum(filled - self.positions, 0.0)
        scores = separations.layoff_scores(p.firms.layoff_rule, self.productivity, w.tenure,
                                           order_noise, self.screening_error[w.occupation])
        laid_off = separations.choose_layoffs(employed, cells, self.covered, scores, to_shed)
        self._separate(laid_off)
        self.events["layoffs"] = len(laid_off)

    def vacancy_posting(self) -> None:
        """Phase 3: set each cell's vacancy stock to the hires needed to meet labor demand."""
        k = self.occupations.count
        employed, cells = self.employed_cells()
        filled = productivity.cell_sum(cells, self.covered[employed], len(self.positions))
        per_hire = productivity.expected_positions_per_hire(self.workers.occupation,
                                                            self.covered, k)
        wanted = vacancies.vacancies_wanted(self.positions, filled,
                                            np.tile(per_hire, self.firms.count))
        previous = self.firms.vacancies
        self.events["vacancies_posted"] = int(np.maximum(wanted - previous, 0).sum())
        self.events["vacancies_withdrawn"] = int(np.maximum(previous - wanted, 0).sum())
        self.open_for_applications = vacancies.open_for_applications(previous, wanted)
        self.firms.vacancies = wanted

    def job_search_and_matching(self) -> None:
        """Phase 4: seekers apply, vacancies make offers, seekers accept the best offer."""
        w, m = self.workers, self.params.market
        search_draws = self.streams["search"].random(w.count, dtype=np.float32)
        search_keys = monthly_keys(self.streams["search"], w.count)
        screening_keys = monthly_keys(self.streams["screening"], w.count)

        unemployed = self.status_start == UNEMPLOYED  # the newly separated search next month
        on_the_job = (w.status == EMPLOYED) & (search_draws < m.on_the_job_search)
        seekers = np.flatnonzero(unemployed | on_the_job)
        sends = np.where(unemployed[seekers], m.applications_unemployed, m.applications_employed)
        applicant = np.repeat(np.arange(len(seekers)), sends)
        number = np.arange(len(applicant)) - np.repeat(np.cumsum(sends) - sends, sends)
        keys = search_keys[seekers[applicant]]
        hires = matching.search_and_match(
            seekers, applicant, w.occupation, w.employer, self.productivity,
            ability=w.ability, log_skill_sd=self.skill_sd,
            min_wage=np.where(unemployed[seekers], 0.0,
                              w.wage[seekers] * (1.0 + m.job_switch_min_raise)),
            min_market_share=np.where(unemployed[seekers],
                                      self.reservation_share(w.unemployed_months[seekers]), 0.0),
            vacancies=self.open_for_applications,
            mobility_cdf=self.mobility_cdf,
            occupation_draws=derived_uniforms(keys, 2 * number),
            slot_draws=derived_uniforms(keys, 2 * number + 1),
            screening_draws=ndtri(derived_uniforms(screening_keys[seekers[applicant]], number)),
            switch_penalty=m.occupation_switch_penalty,
            screening_error=self.screening_error,
            pay_level=self.pay_levels,
            pay_premium=self.firm_premium(),
            offer_rounds=m.offer_rounds,
        )
        self.events["hires"] = len(hires.workers)
        self.events["job_to_job_hires"] = int((w.status[hires.workers] == EMPLOYED).sum())
        self._hire(hires)

    def wage_setting(self) -> None:
        """Phase 5: firms that left most open vacancies unfilled raise pay; some incumbents'
        pay is reset to the wage rule; reservation wages update."""
        w, m = self.workers, self.params.market
        by_firm = (self.firms.count, self.occupations.count)
        self.firms.recruiting_premium = wages.update_recruiting_premium(
            self.firms.recruiting_premium,
            self.open_for_applications.reshape(by_firm).sum(axis=1),
            self.unfilled.reshape(by_firm).sum(axis=1), m.recruiting_raise)
        resets = self.streams["wages"].random(w.count, dtype=np.float32) < m.wage_reset_rate
        reset = np.flatnonzero(resets & (w.status == EMPLOYED))
        w.wage[reset] = wages.wage_rule(self.pay_levels[w.occupation[reset]],
                                        self.productivity[reset],
                                        self.firm_premium()[w.employer[reset]])
        unemployed = np.flatnonzero(w.status == UNEMPLOYED)
        w.reservation_wage[unemployed] = self.reservation_wages(unemployed)

    def bookkeeping(self) -> None:
        """Phase 6: advance tenure and spell clocks and compute the month's metrics."""
        w = self.workers
        accounting.advance_clocks(w.status, w.tenure, w.unemployed_months)
        self.months_simulated += 1
        self.metrics = accounting.compute_metrics(
            self.status_start, self.employer_start, w.status, w.employer, w.unemployed_months,
            w.wage, int(self.firms.vacancies.sum()), self.output(), self.events["hires"],
            self.events["layoffs"], self.events["quits"])

    # ------------------------------------------------------------------ derived quantities
    def pay_level(self) -> np.ndarray:
        """Each occupation's pay level on the wage curve at current unemployment (annual US
        dollars); a month uses the level at its start (``self.pay_levels``)."""
        w, m, k = self.workers, self.params.market, self.occupations.count
        labor_force = np.bincount(w.occupation, minlength=k)
        unemployed = np.bincount(w.occupation[w.status == UNEMPLOYED], minlength=k)
        rate = wages.occupation_unemployment(unemployed, labor_force)
        return wages.pay_level(self.occupations.mean_wage, rate,
                               m.wage_curve_reference_unemployment, m.wage_curve_elasticity)

    def firm_premium(self) -> np.ndarray:
        """Each firm's log pay premium: its base (AKM) premium plus its recruiting premium."""
        return self.firms.pay_premium + self.firms.recruiting_premium

    def reservation_share(self, months_unemployed: np.ndarray) -> np.ndarray:
        """Lowest acceptable pay as a share of the market wage, by spell length."""
        m = self.params.market
        return wages.reservation_share(months_unemployed, m.reservation_ratio,
                                       m.reservation_decline, m.reservation_floor)

    def reservation_wages(self, workers: np.ndarray) -> np.ndarray:
        """Reservation wages of ``workers`` in their own occupation (annual US dollars)."""
        w = self.workers
        market_wage = wages.wage_rule(self.pay_levels[w.occupation[workers]],
                                      productivity.worker_productivity(w.skill[workers]), 0.0)
        return market_wage * self.reservation_share(w.unemployed_months[workers])

    def employed_cells(self) -> tuple[np.ndarray, np.ndarray]:
        """Indices of the employed workers and their (firm, occupation) cells."""
        w = self.workers
        employed = np.flatnonzero(w.status == EMPLOYED)
        return employed, cell_of(w.employer[employed], w.occupation[employed],
                                 self.occupations.count)

    def output(self) -> float:
        """Value of this month's output, US dollars: each cell's workers' productivity, scaled
        down where they fill more positions than the firm wants staffed, valued at the
        occupation's mean wage per productivity unit (annual wage / 12)."""
        n_cells = len(self.positions)
        employed, cells = self.employed_cells()
        produced = productivity.cell_sum(cells, self.productivity[employed], n_cells)
        filled = productivity.cell_sum(cells, self.covered[employed], n_cells)
        used = np.divide(self.positions, filled, out=np.zeros(n_cells), where=filled > 0)
        value = np.tile(self.occupations.mean_wage / 12.0, self.firms.count)
        return float((produced * np.minimum(used, 1.0)) @ value)

    def cell_employment(self) -> np.ndarray:
        """Employed workers per (firm, occupation) cell."""
        _, cells = self.employed_cells()
        return np.bincount(cells, minlength=len(self.positions))

    def stock_flow_problems(self) -> list[str]:
        """Accounting problems in the current state (empty when consistent); see
        :func:`sim.rules.accounting.stock_flow_problems`."""
        w = self.workers
        return accounting.stock_flow_problems(w.status, w.employer, w.wage, self.firms.vacancies,
                                              self.firms.count)

    # ------------------------------------------------------------------ helpers
    def _set_rates(self) -> None:
        """Monthly AR(1) coefficients of the demand processes, the mobility CDF and the
        screening error of each occupation."""
        f = self.params.firms
        self.cycle_sd = f.cycle_volatility
        self.cycle_rho, self.cycle_innovation = demand.monthly_ar1(
            f.cycle_persistence_quarterly, self.cycle_sd, 1.0 / 3.0)
        self.firm_sd = demand.stationary_sd(f.demand_persistence_annual,
                                            f.demand_volatility_annual)
        self.firm_rho, self.firm_innovation = demand.monthly_ar1(
            f.demand_persistence_annual, self.firm_sd, 1.0 / 12.0)
        self.mobility_cdf = np.cumsum(self.occupations.mobility, axis=1)
        self.skill_sd = skill_sd(self.occupations, f.pay_premium_sd)
        self.screening_error = screening.error_sd(self.skill_sd,
                                                  self.params.market.screening_validity)

    def _initial_wages(self) -> None:
        """Pay everyone the wage rule (the unemployed's last wage is the rule at an average
        firm) and set the reservation wages of the unemployed."""
        w = self.workers
        self.pay_levels = self.pay_level()
        level = self.pay_levels[w.occupation]
        premium = np.zeros(w.count)
        employed = w.status == EMPLOYED
        premium[employed] = self.firms.pay_premium[w.employer[employed]]
        w.wage[:] = wages.wage_rule(level, productivity.worker_productivity(w.skill), premium)
        unemployed = np.flatnonzero(~employed)
        w.reservation_wage[unemployed] = self.reservation_wages(unemployed)

    def _separate(self, leavers: np.ndarray) -> None:
        """Move workers from employment into unemployment (their wage stays as the last wage)."""
        w = self.workers
        w.status[leavers] = UNEMPLOYED
        w.employer[leavers] = NO_EMPLOYER
        w.tenure[leavers] = 0
        w.unemployed_months[leavers] = 0
        w.reservation_wage[leavers] = self.reservation_wages(leavers)

    def _hire(self, hires: matching.Hires) -> None:
        """Start the matched workers in their new jobs and draw down the filled vacancies."""
        w, k = self.workers, self.occupations.count
        hired = hires.workers
        w.status[hired] = EMPLOYED
        w.employer[hired] = hires.cells // k
        w.occupation[hired] = hires.cells % k
        w.skill[hired] = productivity.skill_in_occupation(w.ability[hired],
                                                          self.skill_sd[w.occupation[hired]])
        self.productivity[hired] = productivity.worker_productivity(w.skill[hired])
        w.wage[hired] = hires.wages
        w.tenure[hired] = 0
        w.unemployed_months[hired] = 0
        filled = np.bincount(hires.cells, minlength=len(self.firms.vacancies)).astype(np.int32)
        self.firms.vacancies -= filled
        self.unfilled = self.open_for_applications - filled
