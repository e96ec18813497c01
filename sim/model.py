"""The labor-market model: a Mesa model whose agents' state lives in numpy arrays.

A month runs eight phases in a fixed order (see :meth:`LaborMarket.simulate_month`); each calls
rule modules in :mod:`sim.rules` with random numbers drawn here from the model's named streams.
The model does no input or output: it takes a :class:`~sim.params.Params` and a seed, and exposes
its state, its agents and a Mesa ``DataCollector``.

Month 0 is January 2025. The burn-in months before it are negative; AI arrives during them
(November 2022), so that adoption by month 0 can be compared with the 2024 surveys.
"""

from __future__ import annotations

from functools import partial

import mesa
import numpy as np
from scipy.special import ndtri

from sim.agents import Firm, Worker
from sim.occupations import Occupations, default_occupations
from sim.params import REGIMES, Params
from sim.population import draw_firm_ai, draw_firms, draw_workers, place_workers, skill_sd
from sim.rules import (
    accounting,
    adoption,
    attribution,
    augmentation,
    automation,
    capability,
    demand,
    freelance,
    matching,
    productivity,
    proficiency,
    screening,
    separations,
    vacancies,
    wages,
)
from sim.rules.accounting import METRIC_NAMES, MonthlyMetrics
from sim.rules.policies import POLICIES, update_freeze
from sim.state import EMPLOYED, FREELANCE, NO_EMPLOYER, UNEMPLOYED, cell_of
from sim.streams import derived_uniforms, make_streams, monthly_keys

FREEZE_REVERSE = REGIMES.index("freeze_reverse")
AI_REQUIRED = REGIMES.index("ai_required")


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
        draw_firm_ai(self.firms, self.params, self.streams["firm_ai"])
        third = np.quantile(self.workers.ai_propensity, [1 / 3, 2 / 3])
        self.low_propensity = self.workers.ai_propensity <= third[0]
        self.high_propensity = self.workers.ai_propensity > third[1]
        # Regime of each worker's employer when AI arrived (-1: not employed then): the same
        # people in every counterfactual arm, since the arms agree until AI arrives.
        self.policy_group = np.full(self.workers.count, -1, dtype=np.int64)

        self.cycle = -0.5 * self.cycle_sd**2
        self.frontier = 0.0
        self.labor_demand = demand.labor_demand(self.firms.scale, self.firms.requirement,
                                                self.cycle, self.firms.demand_shock, k)
        self.positions = demand.whole_positions(self.labor_demand, k)
        place_workers(self.workers, self.positions, k,
                      self.params.population.initial_unemployment, self.streams["population"])
        self._initial_wages()

        self.metrics: MonthlyMetrics | None = None
        self.months_simulated = 0
        self.first_month = -self.params.run.burn_in_months if burn_in else 0
        self.month = self.first_month
        self.event_log: list[dict[str, np.ndarray]] = []
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
        self.technology()
        self.product_demand()
        self.separations()
        self.vacancy_posting()
        self.job_search_and_matching()
        self.freelance_market()
        self.wage_setting()
        self.bookkeeping()

    # ------------------------------------------------------------------ phases
    def start_month(self) -> None:
        """Advance the calendar; remember start-of-month statuses and employers (flows are
        measured against them); reset the month's event counts."""
        w = self.workers
        self.month = self.first_month + self.months_simulated
        self.status_start = w.status.copy()
        self.employer_start = w.employer.copy()
        if self.month == max(self.params.ai.arrival_month, self.first_month):
            employed = w.status == EMPLOYED
            self.policy_group[:] = -1
            self.policy_group[employed] = self.firms.regime[w.employer[employed]]
        self.pay_levels = self.pay_level()
        self.events = {name: 0 for name in ("quits", "layoffs", "hires", "job_to_job_hires",
                                            "vacancies_posted", "vacancies_withdrawn",
                                            "reskilled", "lost_hires_outcompeted",
                                            "lost_hires_policy", "hires_from_freelance",
                                            "freelance_entries", "freelance_exits")}
        self.separation_causes = np.zeros(len(attribution.CAUSES), dtype=np.int64)

    def technology(self) -> None:
        """Phase 1: the capability frontier moves; non-users adopt AI; users learn and their
        proficiency erodes against the frontier; productivity follows (people channel)."""
        w, ai = self.workers, self.params.ai
        previous = self.frontier
        channels_on = ai.augmentation or ai.automation
        self.frontier = capability.capability(self.month, ai) if channels_on else 0.0
        adoption_draws = self.streams["adoption"].random(w.count, dtype=np.float32)
        if ai.augmentation and self.frontier > 0.0:
            self._adopt(adoption_draws)
            users = np.flatnonzero(w.ai_user)
            experimentation = np.where(w.status[users] == FREELANCE,
                                       self.params.freelance.experimentation, 1.0)
            w.proficiency[users] = proficiency.learn(
                proficiency.erode(w.proficiency[users], previous, self.frontier),
                ai.learning_rate, experimentation)
            gain = np.zeros(w.count)
            gain[users] = augmentation.ai_gain(
                np.ones(len(users), dtype=bool), w.proficiency[users], self.skill_rank[users],
                self.occupations.exposure[w.occupation[users]], self.frontier, ai.max_gain,
                ai.outside_frontier_loss)
        else:
            gain = np.zeros(w.count)
        self.ai_gain = gain
        self.productivity = productivity.worker_productivity(w.skill, gain, w.training_months)
        self.covered = productivity.positions_covered(self.productivity, w.skill)
        self.pay_productivity = productivity.pay_productivity(w.skill, gain,
                                                              ai.wage_pass_through)

    def product_demand(self) -> None:
        """Phase 2: the business cycle and firm demand shocks move; firms automate (technology
        channel) and their quality and costs move their demand; whole positions follow."""
        k = self.occupations.count
        rng = self.streams["demand"]
        aggregate, firm_level = rng.standard_normal(), rng.standard_normal(self.firms.count)
        self.cycle = float(demand.ar1_step(self.cycle, self.cycle_rho, self.cycle_innovation,
                                           self.cycle_sd, aggregate))
        self.firms.demand_shock = demand.ar1_step(self.firms.demand_shock, self.firm_rho,
                                                  self.firm_innovation, self.firm_sd, firm_level)
        self._automate()
        base = demand.labor_demand(self.firms.scale, self.firms.requirement, self.cycle,
                                   self.firms.demand_shock, k)
        self.labor_demand = base * np.repeat(self._ai_demand_multiplier(), k)
        self.positions = demand.whole_positions(self.labor_demand * (1.0 - self.firms.automated),
                                                k)
        self.positions_without_automation = (
            demand.whole_positions(self.labor_demand, k) if self.params.ai.automation
            else self.positions)

    def separations(self) -> None:
        """Phase 3: quits into unemployment, then layoffs where workers fill more positions
        than the firm wants staffed, each with its cause; reskilling firms redeploy the
        workers automation displaces instead."""
        w, p = self.workers, self.params
        rng = self.streams["separations"]
        quit_draws = rng.random(w.count, dtype=np.float32)
        order_noise = rng.standard_normal(w.count)
        quitting = separations.quits(w.status == EMPLOYED, quit_draws, p.market.quit_rate)
        self._record_separations(quitting, np.full(len(quitting), attribution.QUIT))
        self._separate(quitting)
        self.events["quits"] = len(quitting)

        employed, cells = self.employed_cells()
        n_cells = len(self.positions)
        filled = productivity.cell_sum(cells, self.covered[employed], n_cells)
        heads = np.bincount(cells, minlength=n_cells)
        # Frozen freeze_reverse firms let attrition, not layoffs, absorb what they automate.
        wanted = np.where(np.repeat(self._hiring_closed(), self.occupations.count),
                          self.positions_without_automation, self.positions)
        to_shed = p.firms.layoff_speed * np.maximum(filled - wanted, 0.0)
        error = self.screening_error[w.occupation]
        scores = separations.layoff_scores(p.firms.layoff_rule, self.productivity, w.tenure,
                                           order_noise, error)
        laid_off = separations.choose_layoffs(employed, cells, self.covered, scores, to_shed)
        causes = self._layoff_causes(laid_off, employed, cells, filled, heads, wanted,
                                     order_noise)
        laid_off, causes = self._redeploy(laid_off, causes)
        self._record_separations(laid_off, causes)
        self._separate(laid_off)
        self.events["layoffs"] = len(laid_off)

    def vacancy_posting(self) -> None:
        """Phase 4: set each cell's vacancy stock to the hires needed to meet labor demand
        (none at firms whose hiring is frozen)."""
        k = self.occupations.count
        employed, cells = self.employed_cells()
        filled = productivity.cell_sum(cells, self.covered[employed], len(self.positions))
        per_hire = productivity.expected_positions_per_hire(self.workers.occupation,
                                                            self.covered, k)
        wanted = vacancies.vacancies_wanted(self.positions, filled,
                                            np.tile(per_hire, self.firms.count))
        wanted[np.repeat(self._hiring_closed(), k)] = 0
        previous = self.firms.vacancies
        self.events["vacancies_posted"] = int(np.maximum(wanted - previous, 0).sum())
        self.events["vacancies_withdrawn"] = int(np.maximum(previous - wanted, 0).sum())
        self.open_for_applications = vacancies.open_for_applications(previous, wanted)
        self.firms.vacancies = wanted

    def job_search_and_matching(self) -> None:
        """Phase 5: seekers apply, vacancies make offers, seekers accept the best offer."""
        w, m = self.workers, self.params.market
        search_draws = self.streams["search"].random(w.count, dtype=np.float32)
        search_keys = monthly_keys(self.streams["search"], w.count)
        screening_keys = monthly_keys(self.streams["screening"], w.count)

        unemployed = self.status_start == UNEMPLOYED  # the newly separated search next month
        on_the_job = (w.status != UNEMPLOYED) & (search_draws < m.on_the_job_search)
        seekers = np.flatnonzero(unemployed | on_the_job)
        sends = np.where(unemployed[seekers], m.applications_unemployed, m.applications_employed)
        applicant = np.repeat(np.arange(len(seekers)), sends)
        number = np.arange(len(applicant)) - np.repeat(np.cumsum(sends) - sends, sends)
        keys = search_keys[seekers[applicant]]
        search = matching.Search(
            seekers=seekers, applicant=applicant,
            min_wage=np.where(unemployed[seekers], 0.0,
                              w.wage[seekers] * (1.0 + m.job_switch_min_raise)),
            min_market_share=np.where(unemployed[seekers],
                                      self.reservation_share(w.unemployed_months[seekers]), 0.0),
            occupation_draws=derived_uniforms(keys, 2 * number),
            slot_draws=derived_uniforms(keys, 2 * number + 1),
            screening_draws=ndtri(derived_uniforms(screening_keys[seekers[applicant]], number)),
        )
        required = self.params.policies.proficiency_required
        workforce = matching.Workforce(
            occupation=w.occupation, employer=w.employer, skill=w.skill,
            productivity=self.productivity, pay_productivity=self.pay_productivity,
            ability=w.ability, passes_ai_screen=w.ai_user & (w.proficiency >= required),
        )
        market = matching.Market(
            vacancies=self.open_for_applications, mobility_cdf=self.mobility_cdf,
            log_skill_sd=self.skill_sd, screening_error=self.screening_error,
            pay_level=self.pay_levels, pay_premium=self.firm_premium(),
            screens_for_ai=self._screens_for_ai(),
        )
        hires = matching.search_and_match(search, workforce, market,
                                          m.occupation_switch_penalty, m.offer_rounds)
        self.events["hires"] = len(hires.workers)
        self.events["job_to_job_hires"] = int((w.status[hires.workers] == EMPLOYED).sum())
        self.events["hires_from_freelance"] = int((w.status[hires.workers] == FREELANCE).sum())
        self.events["lost_hires_policy"] = int(hires.lost_to_policy.sum())
        self.events["lost_hires_outcompeted"] = int((~hires.lost_to_policy).sum())
        self._record_lost_hires(hires)
        self._hire(hires)

    def freelance_market(self) -> None:
        """Phase 6: workers start freelancing, freelancers earn what the task markets use of
        their capacity, and some give up into unemployment."""
        w, f = self.workers, self.params.freelance
        rng = self.streams["freelance"]
        entry_draws = rng.random(w.count, dtype=np.float32)
        exit_draws = rng.random(w.count, dtype=np.float32)
        from_unemployment = (w.status == UNEMPLOYED) & (self.status_start == UNEMPLOYED) & (
            entry_draws < f.entry_from_unemployment)
        from_employment = np.flatnonzero((w.status == EMPLOYED) & (w.tenure > 0)
                                         & (entry_draws < f.entry_from_employment))
        self._record_separations(from_employment, np.full(len(from_employment),
                                                          attribution.QUIT))
        self.events["quits"] += len(from_employment)
        starting = np.flatnonzero(from_unemployment)
        starting = np.concatenate([starting, from_employment])
        self.events["freelance_entries"] = len(starting)
        w.status[starting] = FREELANCE
        w.employer[starting] = NO_EMPLOYER
        w.tenure[starting] = 0
        w.unemployed_months[starting] = 0

        freelancers = np.flatnonzero(w.status == FREELANCE)
        use, specialist_use = self._freelance_use(freelancers)
        market_pay = wages.wage_rule(self.pay_levels[w.occupation[freelancers]],
                                     self.pay_productivity[freelancers], 0.0)
        w.wage[freelancers] = freelance.earnings(market_pay, use, specialist_use,
                                                 f.ai_task_premium)
        self.freelance_output = float(
            ((use + specialist_use) * self.productivity[freelancers]
             * self.occupations.mean_wage[w.occupation[freelancers]] / 12.0).sum())
        idle = 1.0 - np.minimum(use + specialist_use, 1.0)
        giving_up = freelancers[exit_draws[freelancers] < f.exit_to_unemployment * idle]
        self.events["freelance_exits"] = len(giving_up)
        w.status[giving_up] = UNEMPLOYED
        w.unemployed_months[giving_up] = 0
        w.reservation_wage[giving_up] = self.reservation_wages(giving_up)

    def wage_setting(self) -> None:
        """Phase 7: firms that left most open vacancies unfilled raise pay; some incumbents'
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
                                        self.pay_productivity[reset],
                                        self.firm_premium()[w.employer[reset]])
        unemployed = np.flatnonzero(w.status == UNEMPLOYED)
        w.reservation_wage[unemployed] = self.reservation_wages(unemployed)

    def bookkeeping(self) -> None:
        """Phase 8: advance tenure, spell and training clocks and compute the month's metrics."""
        w = self.workers
        accounting.advance_clocks(w.status, w.tenure, w.unemployed_months)
        w.training_months[w.training_months > 0] -= 1
        self.months_simulated += 1
        employed = w.status == EMPLOYED
        self.metrics = accounting.compute_metrics(
            self.status_start, self.employer_start, w.status, w.employer, w.unemployed_months,
            w.wage, int(self.firms.vacancies.sum()), self.output(), self.events["hires"],
            self.events["layoffs"], self.events["quits"],
            extra=accounting.group_metrics(w.status, w.wage, self.low_propensity,
                                           self.high_propensity, self.policy_group)
            | accounting.ai_metrics(
                frontier=self.frontier, user=w.ai_user, proficiency=w.proficiency,
                employed=employed, wage=w.wage, status=w.status,
                low=self.low_propensity, high=self.high_propensity,
                automated=self.firms.automated, labor_demand=self.labor_demand,
                quality=self.firms.quality, firm_demand=self.labor_demand.reshape(
                    self.firms.count, -1).sum(axis=1),
                causes=self.separation_causes, events=self.events,
                regimes=np.bincount(self.effective_regime(), minlength=len(REGIMES))))

    # ------------------------------------------------------------------ AI helpers
    def _adopt(self, draws: np.ndarray) -> None:
        """Non-users start using AI with the adoption hazard (sim.rules.adoption)."""
        w, ai = self.workers, self.params.ai
        employer_factor = self.firms.adoption_factor.copy()
        mandate = np.array([pol.mandates_ai for pol in POLICIES])[self.effective_regime()]
        employer_factor[mandate] *= ai.mandate_factor
        candidates = np.flatnonzero(~w.ai_user)  # only non-users can adopt
        employed, cells = self.employed_cells()
        share = adoption.coworker_share(candidates, employed, cells, w.occupation,
                                        w.ai_user.astype(float), len(self.positions))
        factor = np.where(w.status[candidates] == EMPLOYED,
                          employer_factor[np.maximum(w.employer[candidates], 0)], 1.0)
        usefulness = self.occupations.adoption_exposure ** ai.exposure_effect
        hazard = adoption.adoption_hazard(
            ai.adoption_rate, usefulness[w.occupation[candidates]], 1.0,
            self.frontier / ai.capability_start, w.ai_propensity[candidates],
            ai.propensity_effect, share, ai.imitation, factor)
        new = candidates[adoption.adopters(np.ones(len(candidates), dtype=bool), hazard,
                                           draws[candidates])]
        w.ai_user[new] = True
        w.proficiency[new] = ai.initial_proficiency

    def effective_regime(self) -> np.ndarray:
        """Each firm's regime this month (everyone runs baseline before the start month)."""
        if self.month < self.params.policies.start_month:
            return np.zeros(self.firms.count, dtype=np.int8)
        return self.firms.regime

    def _automate(self) -> None:
        """Firms move their automated shares towards their regime's target; quality and the
        freeze state of freeze_reverse firms follow (sim.rules.automation, policies)."""
        ai, f, k = self.params.ai, self.firms, self.occupations.count
        if not ai.automation or self.frontier <= 0.0:
            return
        doable = capability.automatable_share(self.occupations.exposure, self.frontier)
        requirement = f.requirement.reshape(f.count, k)
        regime = self.effective_regime()
        klarna = regime == FREEZE_REVERSE
        expected = (requirement * doable).sum(axis=1) / np.maximum(requirement.sum(axis=1),
                                                                   1e-12)
        frozen, reversed_ = update_freeze(f.frozen & klarna, f.reversed, expected, f.quality,
                                          self.params.policies.freeze_threshold,
                                          self.params.policies.quality_floor)
        f.frozen, f.reversed = frozen & klarna, reversed_ & klarna
        automated = f.automated.reshape(f.count, k)
        ready = automation.automating_firms(self.frontier, f.automation_threshold)
        for index, policy in enumerate(POLICIES):
            firms = np.flatnonzero(regime == index)
            if len(firms) == 0:
                continue
            target = policy.automation_target(doable, self.occupations.exposure,
                                              f.frozen[firms])
            go = ready[firms] | policy.always_automates
            target = np.where(go[:, None], target, 0.0)
            speed = ai.automation_speed * policy.automation_speed_factor
            automated[firms] = automation.move_towards(automated[firms], target,
                                                       np.full((len(firms), 1), speed))
        f.automated = automated.ravel()
        f.quality = automation.quality(automated, doable, requirement, ai.quality_penalty)

    def _ai_demand_multiplier(self) -> np.ndarray:
        """Each firm's demand relative to a firm without AI: quality, and cheaper output
        when it needs less labor per unit (sim.rules.automation.demand_multiplier)."""
        ai, f, k = self.params.ai, self.firms, self.occupations.count
        if not (ai.augmentation or ai.automation) or self.frontier <= 0.0:
            return np.ones(f.count)
        requirement = f.requirement.reshape(f.count, k)
        kept = (requirement * (1.0 - f.automated.reshape(f.count, k))).sum(axis=1)
        labor_share = kept / np.maximum(requirement.sum(axis=1), 1e-12)
        employed, _ = self.employed_cells()
        heads = np.bincount(self.workers.employer[employed], minlength=f.count)
        covered = np.bincount(self.workers.employer[employed], weights=self.covered[employed],
                              minlength=f.count)
        per_head = np.divide(covered, heads, out=np.ones(f.count), where=heads > 0)
        return automation.demand_multiplier(f.quality, labor_share / per_head,
                                            ai.quality_demand_elasticity, ai.demand_elasticity)

    def _hiring_closed(self) -> np.ndarray:
        """Firms that post no vacancies this month (freeze_reverse firms while frozen)."""
        return self.firms.frozen & (self.effective_regime() == FREEZE_REVERSE)

    def _screens_for_ai(self) -> np.ndarray:
        """Firms whose hires must already use AI proficiently (ai_required, once AI exists)."""
        if not self.params.ai.augmentation or self.frontier <= 0.0:
            return np.zeros(self.firms.count, dtype=bool)
        return self.effective_regime() == AI_REQUIRED

    def _layoff_causes(self, laid_off: np.ndarray, employed: np.ndarray, cells: np.ndarray,
                       filled: np.ndarray, heads: np.ndarray, wanted: np.ndarray,
                       order_noise: np.ndarray) -> np.ndarray:
        """Cause of each layoff (sim.rules.attribution)."""
        w, p = self.workers, self.params
        if len(laid_off) == 0:
            return np.zeros(0, dtype=np.int8)
        n_cells = len(self.positions)
        cell_of_worker = np.full(w.count, -1, dtype=np.int64)
        cell_of_worker[employed] = cells
        laid_cells = cell_of_worker[laid_off]
        per_cell = np.bincount(laid_cells, minlength=n_cells).astype(float)
        in_play = employed[per_cell[cells] > 0]  # coworkers of the laid off, and themselves
        free_scores = np.zeros(w.count)
        free_scores[in_play] = separations.layoff_scores(
            p.firms.layoff_rule, w.skill[in_play], w.tenure[in_play], order_noise[in_play],
            self.screening_error[w.occupation[in_play]])
        would = separations.choose_layoffs(in_play, cell_of_worker[in_play], np.ones(w.count),
                                           free_scores, per_cell)
        chosen_for_ai = ~np.isin(laid_off, would)
        excess, automated, augmented = attribution.excess_parts(
            filled, heads, wanted, self.positions_without_automation)
        automation_cause = np.array([attribution.CAUSES.index(pol.automation_cause)
                                     for pol in POLICIES])[self.effective_regime()]
        return attribution.layoff_causes(laid_cells, chosen_for_ai, excess, automated, augmented,
                                         np.repeat(automation_cause, self.occupations.count))

    def _redeploy(self, laid_off: np.ndarray, causes: np.ndarray) -> tuple:
        """Reskilling firms keep the workers automation displaces: they move them to the
        firm's open positions (in any occupation), with training; the rest stay on, paid, until
        a position opens. Returns the remaining layoffs and their causes."""
        w, k = self.workers, self.occupations.count
        firm = w.employer[laid_off]
        reskills = np.array([pol.reskills for pol in POLICIES])[self.effective_regime()]
        keep = reskills[firm] & (causes == attribution.AUTOMATION)
        moving = laid_off[keep]
        if len(moving):
            open_cells = np.flatnonzero(self.firms.vacancies)
            slot_cell = np.repeat(open_cells, self.firms.vacancies[open_cells])
            slot_firm = slot_cell // k
            order = np.argsort(w.employer[moving], kind="stable")
            moving = moving[order]
            mover_firm = w.employer[moving]
            mover_rank = np.arange(len(moving)) - np.searchsorted(mover_firm, mover_firm)
            first_slot = np.searchsorted(slot_firm, mover_firm)
            slots_at_firm = np.searchsorted(slot_firm, mover_firm, side="right") - first_slot
            placed = mover_rank < slots_at_firm
            new_cell = slot_cell[first_slot[placed] + mover_rank[placed]]
            movers = moving[placed]
            w.occupation[movers] = new_cell % k
            w.skill[movers] = productivity.skill_in_occupation(w.ability[movers],
                                                               self.skill_sd[new_cell % k])
            w.training_months[movers] = self.params.policies.reskill_months
            w.tenure[movers] = 0
            self._refresh_productivity(movers)
            self.firms.vacancies -= np.bincount(new_cell, minlength=len(self.firms.vacancies)
                                                ).astype(np.int32)
            self.events["reskilled"] = len(movers)
        return laid_off[~keep], causes[~keep]

    def _freelance_use(self, freelancers: np.ndarray) -> tuple:
        """Share of each freelancer's capacity the ordinary and the AI-specialist task
        markets use (sim.rules.freelance)."""
        w, f, ai = self.workers, self.params.freelance, self.params.ai
        n = w.count
        capacity = self.covered[freelancers]
        ordinary_demand = (self.params.firms.jobs_per_worker * f.demand_share * n
                           * np.exp(self.cycle))
        if ai.automation and self.frontier > 0.0 and len(freelancers):
            doable = capability.automatable_share(
                self.occupations.exposure[w.occupation[freelancers]], self.frontier)
            ordinary_demand *= max(0.0, 1.0 - f.substitutable_demand_loss * float(doable.mean()))
        specialist = np.zeros(len(freelancers), dtype=bool)
        specialist_demand = 0.0
        if ai.augmentation and self.frontier > 0.0:
            specialist = w.ai_user[freelancers] & (
                w.proficiency[freelancers] >= f.ai_specialist_proficiency)
            specialist_demand = f.ai_task_demand * n * self.frontier
        specialist_use = np.where(
            specialist, freelance.utilisation(specialist_demand, capacity[specialist].sum()), 0.0)
        remaining = capacity * (1.0 - specialist_use)
        use = remaining / np.where(capacity > 0, capacity, 1.0) * freelance.utilisation(
            ordinary_demand, remaining.sum())
        return use, specialist_use

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
                                      self.pay_productivity[workers], 0.0)
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
        occupation's mean wage per productivity unit (annual wage / 12), plus what automated
        tasks produce (at the value of the positions they replace) and freelance output."""
        n_cells = len(self.positions)
        employed, cells = self.employed_cells()
        produced = productivity.cell_sum(cells, self.productivity[employed], n_cells)
        filled = productivity.cell_sum(cells, self.covered[employed], n_cells)
        used = np.divide(self.positions, filled, out=np.zeros(n_cells), where=filled > 0)
        value = np.tile(self.occupations.mean_wage / 12.0, self.firms.count)
        automated = self.labor_demand * self.firms.automated
        quality = np.repeat(self.firms.quality, self.occupations.count)
        return float((produced * np.minimum(used, 1.0) + automated * quality) @ value
                     + self.freelance_output)

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

    # ------------------------------------------------------------------ events
    def _record_separations(self, workers: np.ndarray, causes: np.ndarray) -> None:
        """Count separations by cause; log them if the run records events."""
        self.separation_causes += np.bincount(causes, minlength=len(attribution.CAUSES))
        if self.params.run.events and self.month >= 0 and len(workers):
            self.event_log.append({
                "month": np.full(len(workers), self.month, dtype=np.int32),
                "worker": workers.astype(np.int64),
                "firm": self.workers.employer[workers].astype(np.int64),
                "kind": np.full(len(workers), "separation", dtype=object),
                "cause": np.array(attribution.CAUSES, dtype=object)[causes],
                "propensity_third": self._propensity_third(workers),
            })

    def _record_lost_hires(self, hires: matching.Hires) -> None:
        """Log lost hires if the run records events."""
        if self.params.run.events and self.month >= 0 and len(hires.lost_workers):
            k = self.occupations.count
            self.event_log.append({
                "month": np.full(len(hires.lost_workers), self.month, dtype=np.int32),
                "worker": hires.lost_workers.astype(np.int64),
                "firm": (hires.lost_cells // k).astype(np.int64),
                "kind": np.full(len(hires.lost_workers), "lost_hire", dtype=object),
                "cause": np.where(hires.lost_to_policy, "policy", "outcompeted").astype(object),
                "propensity_third": self._propensity_third(hires.lost_workers),
            })

    def _propensity_third(self, workers: np.ndarray) -> np.ndarray:
        """``low``, ``middle`` or ``high`` third of the adoption propensity of ``workers``."""
        third = np.where(self.low_propensity[workers], "low",
                         np.where(self.high_propensity[workers], "high", "middle"))
        return third.astype(object)

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
        self.pay_productivity = productivity.worker_productivity(w.skill)
        self.skill_rank = augmentation.skill_rank(w.ability)
        self.freelance_output = 0.0
        level = self.pay_levels[w.occupation]
        premium = np.zeros(w.count)
        employed = w.status == EMPLOYED
        premium[employed] = self.firms.pay_premium[w.employer[employed]]
        w.wage[:] = wages.wage_rule(level, self.pay_productivity, premium)
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

    def _refresh_productivity(self, workers: np.ndarray) -> None:
        """Productivity, positions filled and pay productivity of ``workers`` after a change of
        job or training (their AI gain stays this month's)."""
        w, ai = self.workers, self.params.ai
        self.productivity[workers] = productivity.worker_productivity(
            w.skill[workers], self.ai_gain[workers], w.training_months[workers])
        self.covered[workers] = productivity.positions_covered(self.productivity[workers],
                                                               w.skill[workers])
        self.pay_productivity[workers] = productivity.pay_productivity(
            w.skill[workers], self.ai_gain[workers], ai.wage_pass_through)

    def _hire(self, hires: matching.Hires) -> None:
        """Start the matched workers in their new jobs and draw down the filled vacancies."""
        w, k = self.workers, self.occupations.count
        hired = hires.workers
        w.status[hired] = EMPLOYED
        w.employer[hired] = hires.cells // k
        w.occupation[hired] = hires.cells % k
        w.skill[hired] = productivity.skill_in_occupation(w.ability[hired],
                                                          self.skill_sd[w.occupation[hired]])
        self._refresh_productivity(hired)
        w.wage[hired] = hires.wages
        w.tenure[hired] = 0
        w.unemployed_months[hired] = 0
        filled = np.bincount(hires.cells, minlength=len(self.firms.vacancies)).astype(np.int32)
        self.firms.vacancies -= filled
        self.unfilled = self.open_for_applications - filled
