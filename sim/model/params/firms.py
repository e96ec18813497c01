"""``[firms]``: firm sizes, occupation mix, pay premia, product demand and layoffs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sim.model.params.fields import check, param


@dataclass(frozen=True)
class FirmParams:
    """Firm sizes, occupation mix, pay premia, product demand and layoffs."""

    SECTION: ClassVar[str] = "firms"

    mean_size: float = param(
        22.0, unit="workers per firm", bounds=(1.0, 100_000.0),
        doc="average firm size; sets the number of firms as labor force / mean_size (the "
        "labor force at creation: population.workers x population.participation)",
        source="Census Statistics of US Businesses 2019: about 5.8 million employer firms "
        "and 129 million employees, about 22 a firm",
    )
    size_tail: float = param(
        1.059, unit="Pareto exponent", bounds=(0.5, 5.0),
        doc="tail exponent of the firm size distribution (1 is Zipf)",
        source="Axtell (2001, Science 293:1818), Zipf exponent 1.059 for US firms",
    )
    max_size_share: float = param(
        0.012, unit="share of workers", bounds=(1e-6, 1.0),
        doc="cap on the largest firm's share of the workforce (truncates the Pareto tail; "
        "with fewer than about 10,000 workers it binds for many firms)",
        source="derived: the largest US private employer has about 1.6 million of about "
        "130 million private wage and salary jobs",
    )
    occupation_mix_concentration: float = param(
        1.0, unit="Dirichlet concentration", bounds=(0.01, 1000.0),
        doc="how closely a firm's occupation mix follows the national mix (low = specialised)",
        source="judgment: firms are specialised; no single published statistic",
    )
    pay_premium_sd: float = param(
        0.20, unit="log points", bounds=(0.0, 2.0),
        doc="standard deviation of firm pay premia (AKM firm effects)",
        source="derived: firm effects are about 20% of log-wage variance (Card, Cardoso, "
        "Heining & Kline 2018, JOLE 36:S13) and that variance is about 0.2-0.3 here",
    )
    jobs_per_worker: float = param(
        1.0, unit="positions per labor-force member", bounds=(0.5, 1.5),
        doc="positions (filled or not) per person when demand is at its long-run mean",
        source="judgment: as many positions as workers, so the unemployed are the workers "
        "between jobs; unemployment and vacancies are then of similar size, as in US data "
        "(efficient rate sqrt(uv) 4.1-4.3%, Michaillat & Saez)",
    )
    demand_persistence_annual: float = param(
        0.885, unit="annual autocorrelation", bounds=(0.0, 0.9999),
        doc="persistence of each firm's log product-demand shock (converted to monthly)",
        source="Cooper & Haltiwanger (2006, REStud 73:611), plant profitability shock, as "
        "widely quoted (the table cell was not re-checked for this release)",
    )
    demand_volatility_annual: float = param(
        0.15, unit="log points per year", bounds=(0.0, 2.0),
        doc="annual innovation sd of each firm's log product-demand shock",
        source="Cooper & Haltiwanger (2006, REStud 73:611), plant profitability shock, as "
        "widely quoted (the table cell was not re-checked for this release)",
    )
    cycle_persistence_quarterly: float = param(
        0.878, unit="quarterly autocorrelation", bounds=(0.0, 0.9999),
        doc="persistence of the aggregate business cycle in log demand (converted to monthly)",
        source="Shimer (2005, AER 95:25) Table 1: quarterly autocorrelation of labor "
        "productivity 0.878",
    )
    cycle_volatility: float = param(
        0.02, unit="log points (unconditional sd)", bounds=(0.0, 1.0),
        doc="standard deviation of the aggregate business cycle in log product demand",
        source="Shimer (2005, AER 95:25) Table 1: sd of (HP-filtered) labor productivity 0.02",
    )
    substitution_elasticity: float = param(
        4.0, unit="elasticity of substitution", bounds=(1.01, 50.0),
        doc="how easily customers switch between the firms of a market (CES demand): a firm "
        "whose price is 1% lower sells this many % more, at the market's expense",
        source="middle of the 3-6 range of estimates across varieties and firms: Broda & "
        "Weinstein (2006, QJE); Hottman, Redding & Weinstein (2016, QJE); in the "
        "sensitivity sweep",
    )
    industry_demand_elasticity: float = param(
        1.0, unit="price elasticity of market demand", bounds=(0.0, 5.0),
        doc="how much a market's total demand grows when its price index falls (1: spending "
        "on the market stays the same; its extra output employs the labor AI saves only at "
        "about 1 / firms.labor_cost_share, 2.5 at the defaults; below that AI saves labor in "
        "the market)",
        source="judgment: Bessen (2019, Economic Policy) finds demand elastic early in a "
        "technology's life and inelastic for mature products; decisive for aggregate "
        "displacement, so swept in the thesis map",
    )
    labor_cost_share: float = param(
        0.4, unit="share of unit cost", bounds=(0.01, 1.0),
        doc="labor's share of a firm's unit cost (materials, capital and other inputs, which "
        "AI leaves unchanged, are the rest): how much a labor saving lowers the price",
        source="judgment: compensation of employees is about 30% of gross output across US "
        "industries in the BEA industry accounts, more in the services AI exposes most; in "
        "the sensitivity sweep",
    )
    customer_adjustment: float = param(
        0.25, unit="share of the gap per month", bounds=(0.01, 1.0),
        doc="how fast customers move between the firms of a market after prices change: the "
        "share of the gap to the CES demand closed each month",
        source="judgment: market shares follow prices within a few quarters",
    )
    firms_per_market: float = param(
        50.0, unit="firms", bounds=(1.0, 1_000_000.0),
        doc="average number of firms selling substitutes in one market (firms are assigned "
        "to markets at random; fewer than this many firms make one market)",
        source="judgment",
    )
    layoff_speed: float = param(
        0.5, unit="share of excess per month", bounds=(0.0, 1.0),
        doc="share of its excess positions a firm sheds each month",
        source="judgment: partial adjustment as in del Rio-Chanona et al. (2021); not "
        "separately identified",
    )
    layoff_rule: str = param(
        "productivity", unit="rule", choices=("productivity", "seniority", "random"),
        doc="who goes first in a layoff: lowest assessed productivity, shortest tenure, or lottery",
        source="firing regimes as switchable institutions: Dosi et al. (2017, JEDC)",
    )

    def __post_init__(self):
        check(self)
