"""The labor-market model: a Mesa model whose agents' state lives in numpy arrays.

A month runs eight phases in a fixed order (:meth:`LaborMarket.simulate_month`), the process
overview of ``docs/ODD.md``. Each phase draws its random numbers from the model's named
streams and calls the topic modules (:mod:`~sim.model.ai`, :mod:`~sim.model.staffing`,
:mod:`~sim.model.search`, :mod:`~sim.model.freelancing`, :mod:`~sim.model.pay`), which call
the rules in :mod:`sim.model.rules`. The month's state is one :class:`~sim.model.month.
MonthState` (``model.now``), made at the start of the month and filled phase by phase.

The model does no input or output: it takes a :class:`~sim.model.params.Params` and a seed,
and exposes its state, its agents and a Mesa ``DataCollector``. Month 0 is January 2025. The
burn-in months before it are negative; AI arrives during them (November 2022), so that adoption
by month 0 can be compared with the 2024 surveys.

This module runs to about 350 lines on purpose: the schedule and its eight phases stay in
one class, so that a month reads top to bottom; what each phase does in detail is in the topic
modules.
"""

from __future__ import annotations

from functools import partial

import mesa
import numpy as np

from sim.model import ai, careers, freelancing, metrics, pay, search, staffing
from sim.model.agents import Firm, Worker
from sim.model.events import EventLog
from sim.model.ledger import PeopleLedger
from sim.model.occupations import Occupations, default_occupations
from sim.model.params import Params
from sim.model.population import (
    draw_firm_ai,
    draw_firms,
    draw_markets,
    draw_workers,
    initial_month,
    initial_wages,
    place_workers,
    propensity_groups,
)
from sim.model.rates import derived_rates
from sim.model.rules import accounting, attribution, capability, demand, participation, separations
from sim.model.rules import productivity as productivity_rules
from sim.model.rules import wages as wage_rules
from sim.model.rules.policies import RegimeTable, hiring_open, regime_table
from sim.model.state import (
    EMPLOYED,
    ENTRY,
    FREELANCE,
    NONPARTICIPANT,
    UNEMPLOYED,
    cell_occupation,
    cell_stage,
    cells_per_firm,
    employed_cells,
    move,
)
from sim.model.streams import make_streams


def read_metric(model: LaborMarket, name: str) -> float:
    """DataCollector reporter: one field of the model's latest monthly metrics."""
    return getattr(model.metrics, name)


class LaborMarket(mesa.Model):
    """A monthly labor market of workers and firms, run to its steady state on creation.

    Parameters
    ----------
    params : Params, optional
        Scenario parameters (defaults: the calibrated baseline, AI on).
    seed : int
        Seed of every random stream of this run (see :mod:`sim.model.streams`).
    occupations : Occupations, optional
        Occupation table (defaults to the shipped BLS OEWS table).
    burn_in : bool
        Run ``params.run.burn_in_months`` months before month 0 (default True).
    defer_burn_in : bool
        Build the model with its burn-in months still to run (:meth:`run_burn_in`).

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
                 occupations: Occupations | None = None, burn_in: bool = True,
                 defer_burn_in: bool = False) -> None:
        super().__init__(rng=int(seed))
        self.params = params if params is not None else Params()
        self.seed = int(seed)
        self.occupations = occupations if occupations is not None else default_occupations()
        metrics.check_occupations(self.occupations)  # the metrics by occupation are its
        self.streams = make_streams(self.seed)
        self.rates = derived_rates(self.params, self.occupations)
        p, k = self.params, self.occupations.count

        self.workers = draw_workers(p.population.workers, self.occupations, self.rates,
                                    self.streams["population"],
                                    self.streams["adoption_propensity"])
        self.firms = draw_firms(p, self.occupations, self.workers, self.rates,
                                self.streams["firms"])
        draw_firm_ai(self.firms, p, self.streams["firm_ai"])
        self.n_markets = draw_markets(self.firms, p, self.rates, self.streams["markets"])
        self.groups = propensity_groups(self.workers)
        self.cycle = -0.5 * self.rates.cycle_sd**2  # log business cycle, at its mean
        self.frontier = 0.0  # AI capability: no AI yet
        labor_demand = demand.labor_demand(
            scale=self.firms.scale, requirement=self.firms.requirement, cycle=self.cycle,
            demand_shock=self.firms.demand_shock)
        positions = demand.whole_positions(labor_demand, cells_per_firm(k))
        place_workers(self.workers, positions, p, self.rates, k, self.streams["population"])
        self.next_person = self.workers.count  # id of the next entrant

        self.first_month = -p.run.burn_in_months if burn_in else 0
        self.month = self.first_month
        self.months_simulated = 0
        self.now = initial_month(self.workers, self.occupations, p.market, labor_demand,
                                 positions)
        initial_wages(self.workers, self.firms, self.now, p.market)
        self.metrics: metrics.MonthlyMetrics | None = None
        self.events = EventLog(enabled=p.run.events)
        self.ledger: PeopleLedger | None = None  # made at the start of month 0 (run.people)
        self.datacollector = mesa.DataCollector(
            model_reporters={name: partial(read_metric, name=name)
                             for name in metrics.METRIC_NAMES})
        Worker.create_agents(self, self.workers.count, index=list(range(self.workers.count)))
        Firm.create_agents(self, self.firms.count, index=list(range(self.firms.count)))
        if burn_in and not defer_burn_in:
            self.run_burn_in()

    # ------------------------------------------------------------------ schedule
    def run_burn_in(self, until: int = 0) -> None:
        """Simulate the burn-in months before month ``until`` not yet simulated (all of them by
        default; the metrics of the last burn-in month only). With ``defer_burn_in`` the
        model is built without running them, so that arms which differ only after a month can
        share the months before it (:func:`sim.experiments.runner.simulate_arms`)."""
        while self.first_month + self.months_simulated < min(until, 0):
            self.simulate_month(measure=self.first_month + self.months_simulated == -1)

    def step(self) -> None:
        """Simulate one reported month and collect its metrics."""
        self.simulate_month()
        self.datacollector.collect(self)

    def simulate_month(self, measure: bool = True) -> None:
        """One month, phase by phase; ``measure=False`` (the burn-in) skips the month's
        metrics."""
        self.start_month()
        self.technology()
        self.product_demand()
        self.separations()
        self.vacancy_posting()
        self.job_search_and_matching()
        self.freelance_market()
        self.wage_setting()
        self.bookkeeping(measure)

    # ------------------------------------------------------------------ phases
    def start_month(self) -> None:
        """Advance the calendar; people leave the labor market for good by the age hazard and
        new entrants take their places (their jobs open up); start the month's state:
        statuses and employers at its start (flows are measured against them), the pay levels
        of the month, zero counts. When AI arrives, record each worker's employer's regime
        (the policy groups)."""
        w, p = self.workers, self.params
        self.month = self.first_month + self.months_simulated
        rng = self.streams["demography"]
        leaving = careers.leavers(w, self.rates, rng.random(w.count, dtype=np.float32))
        retiring = leaving[w.status[leaving] == EMPLOYED]
        retiring_employers = w.employer[retiring]
        freelance_retirements = int((w.status[leaving] == FREELANCE).sum())
        self.next_person = careers.renew(w, leaving, self.groups, self.occupations, self.rates,
                                         p.careers, rng, self.next_person)
        if self.month == 0 and p.run.people:
            self.ledger = PeopleLedger(w, self.groups, p.run.months,
                                       p.ai.new_work_proficiency)
        if self.month == max(p.ai.arrival_month, self.first_month):
            self.groups.policy[:] = -1
            employed = w.status == EMPLOYED
            self.groups.policy[employed] = self.firms.regime[w.employer[employed]]
        self.now = self.now.next(w.status, w.employer,
                                 pay.pay_levels(w, self.occupations, p.market),
                                 len(attribution.CAUSES))
        self.now.counts.entrants = len(leaving)
        self.now.counts.retirements = len(retiring)
        self.now.counts.freelance_retirements = freelance_retirements
        self.now.separation_causes[attribution.RETIREMENT] += len(retiring)
        self.events.separations(self.month, retiring, retiring_employers,
                                np.full(len(retiring), attribution.RETIREMENT), self.groups)

    def technology(self) -> None:
        """Phase 1: the capability frontier moves; non-users adopt AI; users learn and their
        proficiency erodes against the frontier; their share of work time with AI and their
        gains follow, and what firms rank, what workers produce and what pay is set on."""
        w, p, now = self.workers, self.params, self.now
        previous = self.frontier
        self.frontier = capability.capability(self.month, p.ai) if self.ai_on() else 0.0
        adoption_draws = self.streams["adoption"].random(w.count, dtype=np.float32)
        if self.ai_on() and self.frontier > 0.0:
            ai.adopt(w, self.firms, self.occupations, ai=p.ai, regime=self.effective_regime(),
                     table=self.regime_table(), frontier=self.frontier, draws=adoption_draws)
            users = ai.practise(w, previous_frontier=previous, frontier=self.frontier,
                                learning_rate=p.ai.learning_rate,
                                freelance_experimentation=p.freelance.experimentation)
            now.intensity, now.ai_gain = ai.gains(w, users, self.rates, ai=p.ai,
                                                  frontier=self.frontier)
        else:
            now.intensity, now.ai_gain = np.zeros(w.count), np.zeros(w.count)
        now.productivity_gain = now.ai_gain if p.ai.productivity else np.zeros(w.count)
        now.ranking_gain = now.ai_gain if p.ai.ranking else np.zeros(w.count)
        now.ranked_productivity = productivity_rules.worker_productivity(
            w.skill, now.ranking_gain, w.training_months)
        now.productivity = productivity_rules.worker_productivity(
            w.skill, now.productivity_gain, w.training_months)
        now.covered = productivity_rules.positions_covered(now.productivity, w.skill)
        now.pay_productivity = productivity_rules.pay_productivity(
            w.skill, now.productivity_gain, w.ai_pay_share)

    def product_demand(self) -> None:
        """Phase 2: the business cycle and firm demand shocks move; firms automate; their
        unit costs (automation, AI-augmented workers, their pay) set their prices, and firms
        of a market compete for customers on price and quality; new AI work adds positions;
        whole positions follow."""
        p, r, f, now, k = self.params, self.rates, self.firms, self.now, self.occupations.count
        rng = self.streams["demand"]
        aggregate, firm_level = rng.standard_normal(), rng.standard_normal(f.count)
        self.cycle = float(demand.ar1_step(self.cycle, persistence=r.cycle_rho,
                                           innovation_sd=r.cycle_innovation,
                                           stationary=r.cycle_sd, shocks=aggregate))
        f.demand_shock = demand.ar1_step(f.demand_shock, persistence=r.firm_rho,
                                         innovation_sd=r.firm_innovation, stationary=r.firm_sd,
                                         shocks=firm_level)
        ai_now = self.frontier > 0.0
        if p.ai.automation and ai_now:
            ai.automate(f, self.rates, params=p, regime=self.effective_regime(),
                        table=self.regime_table(), frontier=self.frontier)
        base = demand.labor_demand(scale=f.scale, requirement=f.requirement, cycle=self.cycle,
                                   demand_shock=f.demand_shock)
        width = cells_per_firm(k)
        if (p.ai.productivity or p.ai.automation) and ai_now:
            now.unit_cost, now.positions_per_head = ai.unit_costs(
                self.workers, f, now.covered, now.pay_productivity,
                automation_cost=p.ai.automation_cost, labor_share=p.firms.labor_cost_share)
            now.demand_multiplier = ai.market_demand(
                f, now.unit_cost, base.reshape(f.count, width).sum(axis=1), params=p,
                n_markets=self.n_markets)
        else:
            now.unit_cost, now.demand_multiplier = np.ones(f.count), np.ones(f.count)
            now.positions_per_head = np.ones(f.count)
        now.labor_demand = base * np.repeat(now.demand_multiplier, width)
        if p.ai.new_work and ai_now:
            now.new_work_positions = ai.new_work_positions(f, now.labor_demand, self.rates,
                                                           ai=p.ai, frontier=self.frontier)
        else:
            now.new_work_positions = np.zeros(len(base), dtype=np.int32)
        now.positions = (demand.whole_positions(now.labor_demand * (1.0 - f.automated), width)
                         + now.new_work_positions)
        now.positions_without_automation = now.positions
        automating = (np.flatnonzero(f.automated.reshape(f.count, width).any(axis=1))
                      if p.ai.automation else np.zeros(0, dtype=np.int64))
        if len(automating):  # only their positions differ: each firm's are its own
            cells = (automating[:, None] * width + np.arange(width)).ravel()
            now.positions_without_automation = now.positions.copy()
            now.positions_without_automation[cells] = (
                demand.whole_positions(now.labor_demand[cells], width)
                + now.new_work_positions[cells])

    def separations(self) -> None:
        """Phase 3: quits into unemployment; moves out of and into the labor force; matches
        found or become poor end; then layoffs where workers fill more positions than the
        firm wants staffed, each with its cause; reskilling firms redeploy the workers
        automation displaces instead."""
        w, p, now = self.workers, self.params, self.now
        rng = self.streams["separations"]
        quit_draws = rng.random(w.count, dtype=np.float32)
        order_noise = rng.standard_normal(w.count)
        quitting = separations.quits(w.status == EMPLOYED, quit_draws, p.market.quit_rate)
        self._separate(quitting, np.full(len(quitting), attribution.QUIT))
        now.counts.quits = len(quitting)

        c = p.careers
        leave_job, stop_search, start_search = participation.labor_force_moves(
            w.status, self.streams["participation"].random(w.count, dtype=np.float32),
            employed_exit=c.employed_exit_rate, unemployed_exit=c.unemployed_exit_rate,
            start_search=c.nonparticipant_search_rate)
        self._record_separations(leave_job, np.full(len(leave_job), attribution.QUIT))
        now.counts.quits += len(leave_job)
        move(w, np.concatenate([leave_job, stop_search]), NONPARTICIPANT)
        staffing.separate(w, start_search, now, p.market)
        now.counts.labor_force_exits = len(leave_job) + len(stop_search)
        now.counts.labor_force_entries = len(start_search)

        match_rng = self.streams["matches"]
        careers.shock_matches(w, p.market, match_rng.random(w.count, dtype=np.float32),
                              match_rng.standard_normal(w.count, dtype=np.float32))
        poor = careers.poor_matches(w, p.market)
        self._separate(poor, np.full(len(poor), attribution.MATCH))
        now.counts.match_separations = len(poor)

        regime, table = self.effective_regime(), self.regime_table()
        laid_off, causes = staffing.layoffs(w, now, self.rates, params=p, regime=regime,
                                            table=table, hiring_open=self.hiring_open(),
                                            noise=order_noise)
        laid_off, causes = staffing.redeploy(w, self.firms, now, self.rates, laid_off, causes,
                                             params=p, regime=regime, table=table,
                                             frontier=self.frontier)
        self._separate(laid_off, causes)
        now.counts.layoffs = len(laid_off) + len(poor)

    def vacancy_posting(self) -> None:
        """Phase 4: promote experienced entry-level workers into their firm's open
        experienced positions; give new AI-work positions to proficient employees of the cell
        first; then set each cell's vacancy stock to the hires needed to meet labor demand
        (none at firms closed to hiring)."""
        filled = staffing.promote(self.workers, self.now, self.params.careers,
                                  n_occupations=self.occupations.count)
        taking = staffing.assign_new_work(self.workers, self.now,
                                          self.params.ai.new_work_proficiency,
                                          self.occupations.count)
        self.now.counts.new_work_assignments = len(taking)
        staffing.post_vacancies(self.workers, self.firms, self.now, filled,
                                hiring_open=self.hiring_open(),
                                n_occupations=self.occupations.count)

    def job_search_and_matching(self) -> None:
        """Phase 5: seekers apply, vacancies make offers, seekers accept the best offer."""
        w, now = self.workers, self.now
        applications = search.applications(w, now, self.params,
                                           search_rng=self.streams["search"],
                                           screening_rng=self.streams["screening"])
        hires = search.match(w, now, self.rates, applications, params=self.params,
                             pay_premium=self.firm_premium(),
                             screens_for_ai=self.screens_for_ai())
        search.counteroffers(w, now, hires, pay_premium=self.firm_premium())
        now.counts.counteroffers = len(hires.retained)
        now.counts.hires = len(hires.workers)
        now.counts.job_to_job_hires = int((w.status[hires.workers] == EMPLOYED).sum())
        now.counts.hires_from_freelance = int((w.status[hires.workers] == FREELANCE).sum())
        now.counts.lost_hires_policy = int(hires.lost_to_policy.sum())
        now.counts.lost_hires_outcompeted = int((~hires.lost_to_policy).sum())
        if self.ledger is not None:
            self.ledger.hired(w, hires.workers)
        self.events.lost_hires(self.month, hires.lost_workers,
                               hires.lost_cells // self.occupations.count,
                               hires.lost_to_policy, self.groups)
        from_unemployment = w.status[hires.workers] == UNEMPLOYED
        new_occupation = cell_occupation(hires.cells, self.occupations.count)
        now.counts.entry_hires = int((cell_stage(hires.cells) == ENTRY).sum())
        now.counts.new_work_hires = int(hires.new_work.sum())
        now.counts.hires_from_unemployment = int(from_unemployment.sum())
        now.counts.hires_from_nonparticipation = int(
            (w.status[hires.workers] == NONPARTICIPANT).sum())
        now.counts.occupation_switches = int(
            (from_unemployment & (w.occupation[hires.workers] != new_occupation)).sum())
        now.hired = hires.workers
        staffing.hire(w, self.firms, now, self.rates, hires, pay_premium=self.firm_premium(),
                      params=self.params, frontier=self.frontier)

    def freelance_market(self) -> None:
        """Phase 6: workers start freelancing, freelancers earn what the task markets use of
        their capacity, and some give up into unemployment."""
        w, now = self.workers, self.now
        rng = self.streams["freelance"]
        entry_draws = rng.random(w.count, dtype=np.float32)
        exit_draws = rng.random(w.count, dtype=np.float32)
        from_unemployment, from_employment = freelancing.entrants(w, now, entry_draws,
                                                                  self.params.freelance)
        self._record_separations(from_employment, np.full(len(from_employment),
                                                          attribution.QUIT))
        now.counts.quits += len(from_employment)
        starting = np.concatenate([from_unemployment, from_employment])
        now.counts.freelance_entries = len(starting)
        move(w, starting, FREELANCE)
        giving_up = freelancing.earn(w, now, self.occupations, params=self.params,
                                     frontier=self.frontier, cycle=self.cycle,
                                     exit_draws=exit_draws)
        now.counts.freelance_exits = len(giving_up)
        staffing.separate(w, giving_up, now, self.params.market)

    def wage_setting(self) -> None:
        """Phase 7: firms that left most open vacancies unfilled raise pay; some incumbents'
        pay is reset to the wage rule; reservation wages update."""
        w, m, now = self.workers, self.params.market, self.now
        by_firm = (self.firms.count, cells_per_firm(self.occupations.count))
        self.firms.recruiting_premium = wage_rules.update_recruiting_premium(
            self.firms.recruiting_premium,
            now.open_for_applications.reshape(by_firm).sum(axis=1),
            now.unfilled.reshape(by_firm).sum(axis=1), m.recruiting_raise)
        resets = self.streams["wages"].random(w.count, dtype=np.float32) < m.wage_reset_rate
        reset = np.flatnonzero(resets & (w.status == EMPLOYED))
        w.wage[reset] = wage_rules.wage_rule(now.pay_levels[w.occupation[reset]],
                                             now.pay_productivity[reset],
                                             self.firm_premium()[w.employer[reset]])
        unemployed = np.flatnonzero(w.status == UNEMPLOYED)
        w.reservation_wage[unemployed] = pay.reservation_wages(w, unemployed, now, m)

    def bookkeeping(self, measure: bool = True) -> None:
        """Phase 8: advance tenure, spell, training, age and experience clocks, recompute
        productivity without AI, and compute the month's metrics (unless ``measure`` is
        False)."""
        w = self.workers
        accounting.advance_clocks(w.status, w.tenure, w.unemployed_months,
                                  w.months_without_work)
        w.training_months[w.training_months > 0] -= 1
        careers.advance_careers(w, self.params.careers)
        careers.refresh_skill(w, self.rates)
        self.months_simulated += 1
        if not measure:
            return
        self.metrics = metrics.compute(
            w, self.firms, self.now, self.groups, frontier=self.frontier,
            output=metrics.output_value(w, self.firms, self.now, self.occupations),
            regimes=self.effective_regime(), occupations=self.occupations)
        if self.ledger is not None and self.month >= 0:
            self.ledger.end_month(w, self.occupations)

    # ------------------------------------------------------------------ policies this month
    def ai_on(self) -> bool:
        """Whether any AI block is on (with all of them off the run is the no-AI economy:
        no capability, nobody adopts)."""
        a = self.params.ai
        return a.ranking or a.productivity or a.automation or a.new_work or a.policies

    def regime_table(self) -> RegimeTable:
        """The regimes' AI-specific flags this month (all off with the block ``policies``
        off; :func:`sim.model.rules.policies.regime_table`)."""
        return regime_table(self.params.ai.policies)

    def effective_regime(self) -> np.ndarray:
        """Each firm's regime this month (everyone runs baseline before the start month)."""
        if self.month < self.params.policies.start_month:
            return np.zeros(self.firms.count, dtype=np.int8)
        return self.firms.regime

    def hiring_open(self) -> np.ndarray:
        """Firms that may post vacancies this month (their regime's ``hiring_open`` hook)."""
        return hiring_open(self.effective_regime(), self.firms.frozen)

    def screens_for_ai(self) -> np.ndarray:
        """Firms whose hires must already use AI proficiently (regimes that screen for
        proficiency, once AI exists and workers can use it)."""
        if self.frontier <= 0.0:
            return np.zeros(self.firms.count, dtype=bool)
        return self.regime_table().screens_for_proficiency[self.effective_regime()]

    # ------------------------------------------------------------------ derived quantities
    def firm_premium(self) -> np.ndarray:
        """Each firm's log pay premium: its base (AKM) premium plus its recruiting premium."""
        return self.firms.pay_premium + self.firms.recruiting_premium

    def employed_cells(self) -> tuple[np.ndarray, np.ndarray]:
        """Indices of the employed workers and their (firm, occupation) cells."""
        return employed_cells(self.workers, self.occupations.count)

    def cell_employment(self) -> np.ndarray:
        """Employed workers per (firm, occupation) cell."""
        _, cells = self.employed_cells()
        return np.bincount(cells, minlength=len(self.now.positions))

    def stock_flow_problems(self) -> list[str]:
        """Accounting problems in the current state (empty when consistent); see
        :func:`sim.model.rules.accounting.stock_flow_problems`."""
        w = self.workers
        return accounting.stock_flow_problems(status=w.status, employer=w.employer,
                                              wage=w.wage, vacancies=self.firms.vacancies,
                                              n_firms=self.firms.count)

    # ------------------------------------------------------------------ helpers
    def _record_separations(self, workers: np.ndarray, causes: np.ndarray) -> None:
        """Count separations by cause and log them (``run.events``)."""
        self.now.separation_causes += np.bincount(causes, minlength=len(attribution.CAUSES))
        self.events.separations(self.month, workers, self.workers.employer[workers], causes,
                                self.groups)
        if self.ledger is not None:
            self.ledger.separations(self.workers, workers, causes)

    def _separate(self, workers: np.ndarray, causes: np.ndarray) -> None:
        """Record the separations of employed ``workers`` (with their causes), then move them
        into unemployment."""
        self._record_separations(workers, causes)
        staffing.separate(self.workers, workers, self.now, self.params.market)
