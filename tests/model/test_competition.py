"""Competition for customers (CES demand across a market's firms), for workers (outside offers
matched by incumbents) and new AI work: the rules' properties, and what they do in the model."""

from __future__ import annotations

import numpy as np

from sim import LaborMarket, Params
from sim.model import metrics_ai
from sim.model.rules import competition, new_work, outside_offers
from sim.model.state import EMPLOYED
from sim.model.streams import replicate_seeds

SEEDS = replicate_seeds(11, 3)


def demand(cost, market, sigma=4.0, eta=1.0, quality=None, share=None):
    n = len(cost)
    return competition.demand_multiplier(
        cost=np.asarray(cost, float), quality=np.ones(n) if quality is None else quality,
        share=np.ones(n) if share is None else share, market=np.asarray(market),
        n_markets=int(np.max(market)) + 1, sigma=sigma, eta=eta, quality_elasticity=1.0)


def test_equal_costs_move_the_whole_market_with_the_industry_elasticity():
    for eta in (0.0, 0.5, 1.0, 2.0):
        d = demand([0.8, 0.8, 0.8], [0, 0, 0], eta=eta)
        assert np.allclose(d, 0.8 ** -eta)


def test_a_cheaper_firm_wins_customers_and_its_rivals_lose_them():
    d = demand([0.8, 1.0, 1.0], [0, 0, 0])
    assert d[0] > 1.0 > d[1] == d[2]
    # the more substitutable the firms, the more the cheaper one takes
    assert demand([0.8, 1.0, 1.0], [0, 0, 0], sigma=6.0)[0] > d[0]
    # a firm in another market is untouched
    assert demand([0.8, 1.0, 1.0, 1.0], [0, 0, 0, 1])[3] == 1.0


def test_spending_in_a_market_follows_its_price_index():
    """CES expenditure identity: sum of share x price x quantity = P^(1 - eta)."""
    rng = np.random.default_rng(3)
    cost, share = rng.uniform(0.5, 1.2, 50), rng.uniform(0.1, 3.0, 50)
    market = rng.integers(0, 4, 50)
    for eta in (0.3, 1.0, 1.7):
        d = demand(cost, market, eta=eta, share=share)
        index = competition.price_index(cost, share, np.ones(50), market, 4, 4.0)
        spent = np.bincount(market, weights=share * cost * d) / np.bincount(market, share)
        assert np.allclose(spent, index ** (1.0 - eta))


def test_unit_cost_counts_kept_labor_its_pay_and_automation_as_labors_share():
    one = np.ones(1)
    assert competition.relative_unit_cost(one, one, one, 0.5, 0.4)[0] == 1.0
    automated = competition.relative_unit_cost(np.array([0.6]), one, one, 0.5, 1.0)
    assert np.isclose(automated[0], 0.6 + 0.5 * 0.4)
    paid_more = competition.relative_unit_cost(one, np.array([1.1]), np.array([1.2]), 0.5, 1.0)
    assert np.isclose(paid_more[0], 1.1 / 1.2)
    # with labor 40% of cost, a 20% labor saving lowers the price 8%
    assert np.isclose(competition.relative_unit_cost(one, one, np.array([1.25]), 0.5, 0.4)[0],
                      0.92)


def test_a_firm_that_loses_quality_loses_customers_to_its_rivals():
    d = demand([1.0, 1.0], [0, 0], quality=np.array([0.6, 1.0]))
    assert d[0] < 1.0 < d[1]  # the rival gains customers the firm loses


def test_customers_move_towards_the_ces_demand_gradually():
    previous, target = np.ones(2), np.array([2.0, 0.5])
    once = competition.adjust(previous, target, 0.25)
    assert (np.sign(once - previous) == np.sign(target - previous)).all()
    assert np.allclose(competition.adjust(previous, target, 1.0), target)


def test_bids_stay_between_posted_pay_and_the_firms_value():
    rng = np.random.default_rng(5)
    posted = rng.uniform(50, 100, 1000)
    value = posted * rng.uniform(1.0, 1.5, 1000)
    required = rng.uniform(0, 160, 1000)
    b = outside_offers.bid(posted, value, required)
    assert (b >= posted - 1e-9).all() and (b <= value + 1e-9).all()
    assert np.allclose(b[required <= posted], posted[required <= posted])
    assert (outside_offers.captured_share(b, posted, value / posted - 1.0) <= 1.0).all()


def test_new_work_grows_with_capability_and_exposure():
    exposure = np.array([0.2, 0.8])
    assert (new_work.new_work_share(exposure, 0.29, 0.29, 0.16) == 0).all()
    later = new_work.new_work_share(exposure, 0.8, 0.29, 0.16)
    assert later[1] == 4 * later[0] > 0
    slots = new_work.new_work_slots(np.array([2, 2, 2, 5, 5]), np.array([0, 0, 2, 0, 0, 5]))
    assert slots.tolist() == [True, True, False, True, True]


def test_in_the_model_cheaper_firms_grow_at_their_rivals_expense():
    """By year 3 of the baseline, within each market the firms whose unit costs AI cut most
    have the highest demand, and some firms' demand falls below what it was without AI."""
    params = Params().replace("population", workers=6000).replace("run", years=3)
    for seed in SEEDS:
        model = LaborMarket(params, seed=seed)
        for _ in range(36):
            model.step()
        now, f = model.now, model.firms
        assert now.unit_cost.min() < 0.95
        assert (now.demand_multiplier < 1.0).any() and (now.demand_multiplier > 1.0).any()
        for m in range(model.n_markets):
            mine = f.market == m
            if mine.sum() > 5:
                cost = np.argsort(np.argsort(now.unit_cost[mine]))
                grown = np.argsort(np.argsort(now.demand_multiplier[mine] / f.quality[mine]))
                assert np.corrcoef(cost, grown)[0, 1] < -0.5  # rank correlation


def test_new_ai_work_positions_appear_and_are_filled():
    params = Params().replace("population", workers=6000).replace("run", years=3)
    model = LaborMarket(params, seed=SEEDS[0])
    for _ in range(36):
        model.step()
    employed = model.workers.status == EMPLOYED
    positions = model.now.new_work_positions.sum()
    assert positions > 0.005 * model.now.positions.sum()
    assert 0 < (model.workers.new_work & employed).sum() <= positions


def test_ai_augmented_firms_win_market_share_from_the_others():
    """With automation off (the people channel only), the more AI-augmented half of the firms
    sells at lower prices than the others and, after three years, holds more of labor demand
    than the same firms hold in the same economy with the productivity block off (same seed,
    same firms and demand shocks): they win customers from their rivals."""
    params = (Params().replace("population", workers=6000).replace("run", years=3)
              .replace("ai", automation=False))
    gained = []
    for seed in SEEDS:
        on = LaborMarket(params, seed=seed)
        off = LaborMarket(params.replace("ai", productivity=False), seed=seed)
        for _ in range(36):
            on.step()
            off.step()
        augmented = metrics_ai.augmented_firms(on.firms, on.now)
        assert on.metrics.price_augmented_firms < on.metrics.price_other_firms
        share = [m.now.labor_demand.reshape(m.firms.count, -1).sum(axis=1)
                 for m in (on, off)]
        gained.append(share[0][augmented].sum() / share[0].sum()
                      - share[1][augmented].sum() / share[1].sum())
    gained = np.array(gained)
    se = gained.std(ddof=1) / np.sqrt(len(gained))
    assert gained.mean() > 3 * se
