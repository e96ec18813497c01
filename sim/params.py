"""Model parameters: one typed, frozen structure with units, bounds and sources.

Every parameter is declared with :func:`param`, which records its unit, allowed range (or choices),
a one-line meaning and where the default comes from. ``laborsim params`` prints this table, the
scenario loader validates against it, and the experiment manifest stores the resolved values.

Sources named ``calibration.md`` refer to the project's reference notes; each default below says
whether it is *sourced* (a published number, converted where needed), *derived* (computed from
sourced numbers) or *judgment* (no published number; the value and why are stated). The README's
validation section lists which model outputs are targeted and which are left free.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any


def param(default: Any, *, unit: str, doc: str, source: str, bounds=None, choices=None):
    """Declare a parameter field with its metadata (unit, bounds or choices, meaning, source)."""
    meta = {"unit": unit, "doc": doc, "source": source, "bounds": bounds, "choices": choices}
    return field(default=default, metadata=meta)


def _check(obj) -> None:
    """Raise ``ValueError`` naming the parameter if any field has the wrong type or range."""
    section = SECTION_OF.get(type(obj), type(obj).__name__)
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        name = f"{section}.{f.name}"
        expected = f.type if isinstance(f.type, type) else eval(f.type)  # noqa: S307 (own annotations)
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            object.__setattr__(obj, f.name, float(value))
            value = float(value)
        if isinstance(value, bool) and expected is not bool or not isinstance(value, expected):
            raise ValueError(
                f"{name} must be {_describe(f)}, got {value!r} ({type(value).__name__})"
            )
        lo_hi = f.metadata.get("bounds")
        if lo_hi is not None and not (lo_hi[0] <= value <= lo_hi[1]):
            raise ValueError(f"{name} must be {_describe(f)}, got {value!r}")
        choices = f.metadata.get("choices")
        if choices is not None and value not in choices:
            raise ValueError(f"{name} must be {_describe(f)}, got {value!r}")


def _describe(f: dataclasses.Field) -> str:
    """Plain-words description of the allowed values of a field."""
    choices = f.metadata.get("choices")
    if choices is not None:
        return "one of " + ", ".join(repr(c) for c in choices)
    kind = {"int": "an integer", "float": "a number", "str": "a string", "bool": "true or false"}
    type_name = f.type if isinstance(f.type, str) else f.type.__name__
    text = kind.get(type_name, type_name)
    lo_hi = f.metadata.get("bounds")
    if lo_hi is not None:
        text += f" in [{lo_hi[0]}, {lo_hi[1]}]"
    return text


@dataclass(frozen=True)
class PopulationParams:
    """Who is in the simulated labor force."""

    workers: int = param(
        10_000, unit="workers", bounds=(50, 50_000_000),
        doc="number of simulated workers (the labor force; nobody enters or leaves it)",
        source="judgment: large enough for stable rates, small enough to run in seconds",
    )
    initial_unemployment: float = param(
        0.05, unit="share of workers", bounds=(0.0, 0.5),
        doc="unemployed share when the economy is created; burn-in removes its influence",
        source="initial condition only (close to the long-run US rate to shorten burn-in)",
    )

    def __post_init__(self):
        _check(self)


@dataclass(frozen=True)
class FirmParams:
    """Firm sizes, occupation mix, pay premia, product demand and layoffs."""

    mean_size: float = param(
        22.0, unit="workers per firm", bounds=(1.0, 100_000.0),
        doc="average firm size; sets the number of firms as workers / mean_size",
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
        doc="positions (filled or not) per worker when demand is at its long-run mean",
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
        _check(self)


@dataclass(frozen=True)
class MarketParams:
    """Quits, job search, screening, wages and reservation wages."""

    quit_rate: float = param(
        0.010, unit="per month", bounds=(0.0, 1.0),
        doc="chance an employed worker leaves into unemployment for reasons other than layoffs",
        source="judgment within JOLTS 2000-05: separations into non-employment other than "
        "layoffs are a fraction of quits (1.8-2.6% a month)",
    )
    on_the_job_search: float = param(
        0.20, unit="share of employed per month", bounds=(0.0, 1.0),
        doc="chance an employed worker looks for another job in a given month",
        source="NY Fed Survey of Consumer Expectations: 16-28% of respondents (mostly "
        "employed) searched in the past four weeks",
    )
    applications_unemployed: int = param(
        6, unit="applications per month", bounds=(1, 50),
        doc="applications each unemployed worker sends a month (urn-ball balls)",
        source="calibrated: sets matching efficiency; chosen with the job-finding rate in view "
        "(see the README's validation section)",
    )
    applications_employed: int = param(
        2, unit="applications per month", bounds=(1, 50),
        doc="applications each on-the-job searcher sends a month",
        source="judgment: the employed send fewer applications than the unemployed (Faberman, "
        "Mueller, Sahin & Topa 2022, Econometrica)",
    )
    offer_rounds: int = param(
        3, unit="offers per vacancy a month", bounds=(1, 100),
        doc="offers a vacancy can make in a month: to its best applicant, then, if declined, "
        "to the next best, and so on",
        source="judgment: firms go down their shortlist; not separately identified",
    )
    occupation_switch_penalty: float = param(
        0.25, unit="share of expected productivity", bounds=(0.0, 1.0),
        doc="discount firms apply to the productivity they expect of an applicant from another "
        "occupation, when ranking applicants and setting starting pay (pay resets later use "
        "the worker's full productivity)",
        source="judgment; occupation-specific human capital (Kambourov & Manovskii 2009)",
    )
    screening_validity: float = param(
        0.5, unit="correlation", bounds=(0.01, 1.0),
        doc="correlation between a firm's assessment of a worker and their true log "
        "productivity (sets the screening error of hiring and layoff rankings)",
        source="Schmidt & Hunter (1998, Psychological Bulletin 124:262): validity of the "
        "best single selection methods about 0.5",
    )
    wage_curve_elasticity: float = param(
        -0.10, unit="elasticity", bounds=(-2.0, 0.0),
        doc="elasticity of pay to the occupation's unemployment rate",
        source="Blanchflower & Oswald (1994), The Wage Curve: about -0.1",
    )
    wage_curve_reference_unemployment: float = param(
        0.05, unit="unemployment rate", bounds=(0.001, 0.5),
        doc="unemployment rate at which an average worker earns the occupation's mean wage",
        source="normalisation only: sets the wage level, not its dynamics",
    )
    recruiting_raise: float = param(
        0.01, unit="log points a month", bounds=(0.0, 1.0),
        doc="how fast a firm that leaves most of its open vacancies unfilled raises its pay "
        "premium (and lowers it again once it fills them)",
        source="judgment: adjustment rule as in Dosi et al. (2017, JEDC 75:36); not "
        "separately identified",
    )
    wage_reset_rate: float = param(
        0.085, unit="per month", bounds=(0.0, 1.0),
        doc="chance an incumbent's pay is reset to the current wage rule in a month",
        source="Barattieri, Basu & Gottschalk (2014, AEJ: Macro 6:70): 21-27% a quarter, "
        "7.6-9.8% a month; Grigsby, Hurst & Yildirmaz (2021, AER): about 8% a month",
    )
    reservation_ratio: float = param(
        0.7, unit="share of market wage", bounds=(0.0, 2.0),
        doc="lowest acceptable wage at the start of an unemployment spell, as a share of the "
        "worker's pay for the job at an average firm",
        source="judgment: below the mean offer, as search theory implies (McCall 1970); stated "
        "reservation wages are close to the previous wage (Krueger & Mueller 2016, AEJ: Policy "
        "8:142) but accepted wages are often lower",
    )
    reservation_decline: float = param(
        0.004, unit="share per month", bounds=(0.0, 1.0),
        doc="monthly decline of the reservation wage during unemployment",
        source="Krueger & Mueller (2016, AEJ: Policy 8:142): 0.05-0.14% a week, "
        "about 0.2-0.6% a month",
    )
    reservation_floor: float = param(
        0.40, unit="share of market wage", bounds=(0.0, 2.0),
        doc="the reservation wage never falls below this share of the market wage",
        source="US unemployment insurance replaces about 40% of prior wages (NASI)",
    )
    job_switch_min_raise: float = param(
        0.0, unit="share of current wage", bounds=(0.0, 1.0),
        doc="raise an employed worker needs before accepting another job",
        source="judgment: any offer at least as good as the current wage is taken",
    )

    def __post_init__(self):
        _check(self)


@dataclass(frozen=True)
class RunParams:
    """Horizon, burn-in, replicates and the root seed."""

    years: int = param(
        10, unit="years", bounds=(1, 200),
        doc="length of the reported horizon (12 monthly steps a year)",
        source="the thesis is about the next decade",
    )
    burn_in_months: int = param(
        60, unit="months", bounds=(0, 2400),
        doc="months simulated before month 0 so that the economy reaches its steady state",
        source="judgment, checked by tests: no drift between the first and later years",
    )
    seeds: int = param(
        10, unit="replicates", bounds=(1, 100_000),
        doc="number of replicate runs, each with its own seed spawned from root_seed",
        source="judgment: enough for 95% intervals on rates",
    )
    root_seed: int = param(
        20250101, unit="integer", bounds=(0, 2**63 - 1),
        doc="root of numpy SeedSequence from which every replicate seed is spawned",
        source="any integer; recorded in every manifest",
    )
    events: bool = param(
        False, unit="switch",
        doc="record every separation and lost hire with its cause (events.parquet)",
        source="output option (laborsim run --events)",
    )

    def __post_init__(self):
        _check(self)

    @property
    def months(self) -> int:
        """Reported horizon in months."""
        return 12 * self.years


@dataclass(frozen=True)
class AIParams:
    """AI capability, adoption, proficiency, augmentation (people channel) and automation
    (technology channel). Month 0 is January 2025; AI arrives in November 2022."""

    augmentation: bool = param(
        True, unit="switch",
        doc="people channel: workers adopt AI, gain proficiency and produce more",
        source="model switch; off, nobody adopts and no draw changes",
    )
    automation: bool = param(
        True, unit="switch",
        doc="technology channel: firms automate tasks and need fewer workers",
        source="model switch; off, nothing is automated and no draw changes",
    )
    arrival_month: int = param(
        -26, unit="months from month 0", bounds=(-2400, 2400),
        doc="month generative AI becomes available (month 0 = January 2025)",
        source="ChatGPT release, November 2022",
    )
    capability_path: str = param(
        "logistic", unit="path", choices=("logistic", "plateau", "fast_takeoff"),
        doc="shape of the capability frontier over time",
        source="scenario choice; see sim/rules/capability.py",
    )
    capability_start: float = param(
        0.29, unit="share of exposed tasks", bounds=(0.0, 1.0),
        doc="capability at arrival: share of an occupation's exposed tasks (those LLMs or "
        "software built on them can speed up) that AI already does well",
        source="derived from Eloundou et al. (2024, Science 384): LLMs alone speed up about "
        "15% of all tasks, LLMs with software 47-56%: 15 / 51.5",
    )
    capability_ceiling: float = param(
        1.0, unit="share of exposed tasks", bounds=(0.0, 1.0),
        doc="level the logistic frontier approaches",
        source="Eloundou et al. (2024): eventually every exposed task, once software is built",
    )
    capability_growth: float = param(
        0.2, unit="per year", bounds=(0.0, 20.0),
        doc="logistic growth rate of the capability frontier",
        source="judgment: about 0.39 by January 2025 and 0.82 by 2035",
    )
    plateau_after_years: float = param(
        3.0, unit="years after arrival", bounds=(0.0, 100.0),
        doc="plateau path: the frontier stops growing this long after arrival",
        source="scenario assumption (a stall after the first model generations)",
    )
    takeoff_ceiling: float = param(
        1.0, unit="share of exposed tasks", bounds=(0.0, 1.0),
        doc="fast_takeoff path: ceiling of the frontier after month 0",
        source="scenario assumption",
    )
    takeoff_growth: float = param(
        1.0, unit="per year", bounds=(0.0, 20.0),
        doc="fast_takeoff path: logistic growth rate after month 0",
        source="scenario assumption: most exposed tasks within about three years",
    )
    adoption_rate: float = param(
        0.027, unit="per month", bounds=(0.0, 10.0),
        doc="adoption hazard of an average worker at full exposure and arrival capability, "
        "before imitation and employer effects",
        source="calibrated: about 28% of the employed use AI at work by January 2025 "
        "(Bick, Blandin & Deming 2024)",
    )
    exposure_effect: float = param(
        2.0, unit="elasticity", bounds=(0.0, 10.0),
        doc="elasticity of the adoption hazard to the occupation's adoption exposure",
        source="calibrated: software developers adopt far more than financial advisors "
        "(Humlum & Vestergaard: 79% vs 34%)",
    )
    propensity_effect: float = param(
        1.0, unit="log hazard per sd of propensity", bounds=(0.0, 10.0),
        doc="how much the fixed adoption propensity raises the adoption hazard "
        "(the propensity spread)",
        source="judgment: Rogers' categories span about four sd of adoption time",
    )
    imitation: float = param(
        12.7, unit="multiple of the innovation hazard", bounds=(0.0, 1000.0),
        doc="Bass imitation: the hazard is multiplied by 1 + imitation x share of coworkers "
        "already using AI",
        source="Bass model meta-analysis averages p = 0.03, q = 0.38 a year: q / p = 12.7 "
        "(Sultan, Farley & Lehmann 1990)",
    )
    restricting_firm_share: float = param(
        0.2, unit="share of firms", bounds=(0.0, 1.0),
        doc="firms that restrict AI use at work",
        source="judgment; employer restrictions are a main barrier (Humlum & Vestergaard)",
    )
    restriction_factor: float = param(
        0.25, unit="multiplier", bounds=(0.0, 1.0),
        doc="adoption hazard multiplier at a restricting employer",
        source="judgment",
    )
    training_firm_share: float = param(
        0.3, unit="share of firms", bounds=(0.0, 1.0),
        doc="firms that train their workers in AI",
        source="judgment; missing training is a main barrier (Humlum & Vestergaard)",
    )
    training_factor: float = param(
        2.0, unit="multiplier", bounds=(1.0, 100.0),
        doc="adoption hazard multiplier at a training employer (others lack training)",
        source="judgment",
    )
    mandate_factor: float = param(
        3.0, unit="multiplier", bounds=(1.0, 100.0),
        doc="adoption hazard multiplier at an employer that mandates AI use",
        source="judgment (Shopify's 2025 memo makes AI use a baseline expectation)",
    )
    initial_proficiency: float = param(
        0.1, unit="share of the frontier", bounds=(0.0, 1.0),
        doc="proficiency of a new user",
        source="judgment",
    )
    learning_rate: float = param(
        0.06, unit="share of the remaining gap per month", bounds=(0.0, 1.0),
        doc="learning by doing: monthly closing of the gap to full proficiency for an "
        "employee with standard experimentation time",
        source="judgment: BLR find gains mostly realised within 2-3 months for the "
        "least skilled and over about a year on average",
    )
    max_gain: float = param(
        1.6, unit="gain per unit of tasks inside the frontier", bounds=(0.0, 10.0),
        doc="productivity gain of a fully proficient least-skilled user per unit of the "
        "occupation's tasks AI does well (exposure x capability)",
        source="calibrated: customer-support users gain +14% on average in January 2025 "
        "(Brynjolfsson, Li & Raymond 2025, QJE; the model then gives novices about +26% and "
        "the most skilled about -8%, against +34% and about zero)",
    )
    outside_frontier_loss: float = param(
        0.5, unit="loss per unit of exposed tasks outside the frontier", bounds=(0.0, 10.0),
        doc="productivity loss of a non-proficient most-skilled user per unit of the "
        "occupation's exposed tasks AI does not yet do well",
        source="derived: METR (2025) finds experienced developers new to the tools 19% slower "
        "(proficiency 0.2, exposure 0.86, capability 0.39 give 0.5); Dell'Acqua et al. (2023): "
        "19 points less correct outside the frontier",
    )
    wage_pass_through: float = param(
        0.05, unit="share of the AI productivity gain", bounds=(0.0, 1.0),
        doc="share of a worker's AI productivity gain passed through to pay",
        source="Humlum & Vestergaard (2025): 3-7% of time savings passed through to earnings",
    )
    automation_threshold_max: float = param(
        1.5, unit="capability", bounds=(0.0, 10.0),
        doc="firms start automating once capability exceeds a firm-specific threshold, "
        "uniform between arrival capability and this value",
        source="calibrated: about 10% of US firms used AI in production in 2025 (Census "
        "Business Trends and Outlook Survey)",
    )
    automation_speed: float = param(
        0.04, unit="share of the gap per month", bounds=(0.0, 1.0),
        doc="how fast a firm's automated share moves towards its target",
        source="judgment: implementation takes about two years",
    )
    quality_penalty: float = param(
        2.0, unit="quality per share of judgment tasks automated", bounds=(0.0, 100.0),
        doc="loss of output quality per share of tasks automated beyond what AI does well",
        source="judgment; Klarna reversed its AI hiring freeze after quality fell",
    )
    quality_demand_elasticity: float = param(
        1.0, unit="elasticity", bounds=(0.0, 10.0),
        doc="elasticity of a firm's product demand to its output quality",
        source="judgment",
    )
    demand_elasticity: float = param(
        1.0, unit="elasticity", bounds=(0.0, 5.0),
        doc="elasticity of a firm's product demand to the fall in its labor per unit of output "
        "that AI brings (1: AI gains become output; 0: AI saves labor one for one)",
        source="judgment: income effects spend productivity gains, and employment rates show "
        "no trend as productivity grew (Autor 2015, JEP; Bessen 2019, Economic Policy); "
        "decisive for aggregate displacement, so swept in the thesis map",
    )

    def __post_init__(self):
        _check(self)


REGIMES = ("baseline", "freeze_reverse", "ai_first", "ai_required", "replace_contractors",
           "reskill")


@dataclass(frozen=True)
class PolicyParams:
    """Firm hiring-policy regimes (see sim/rules/policies.py): the mix and their settings."""

    baseline: float = param(
        0.70, unit="share of firms", bounds=(0.0, 1.0),
        doc="firms that hire and automate as usual",
        source="judgment; shares of all regimes must sum to 1",
    )
    freeze_reverse: float = param(
        0.06, unit="share of firms", bounds=(0.0, 1.0),
        doc="Klarna: freeze hiring when AI gains look high, reverse when quality falls",
        source="judgment",
    )
    ai_first: float = param(
        0.06, unit="share of firms", bounds=(0.0, 1.0),
        doc="Shopify: headcount only for work AI cannot do; AI use mandated",
        source="judgment",
    )
    ai_required: float = param(
        0.06, unit="share of firms", bounds=(0.0, 1.0),
        doc="Fiverr: only candidates above a proficiency threshold are hired",
        source="judgment",
    )
    replace_contractors: float = param(
        0.06, unit="share of firms", bounds=(0.0, 1.0),
        doc="Duolingo: contractors in exposed tasks replaced by automation",
        source="judgment",
    )
    reskill: float = param(
        0.06, unit="share of firms", bounds=(0.0, 1.0),
        doc="Salesforce: workers whose tasks are automated are retrained and redeployed",
        source="judgment",
    )
    start_month: int = param(
        0, unit="months from month 0", bounds=(-2400, 2400),
        doc="month the regimes take effect (before it every firm runs baseline)",
        source="the named firms announced their policies in 2024-2025",
    )
    freeze_threshold: float = param(
        0.15, unit="share of tasks automatable", bounds=(0.0, 1.0),
        doc="freeze_reverse: a firm freezes hiring once AI could do this share of its tasks",
        source="judgment",
    )
    quality_floor: float = param(
        0.9, unit="output quality", bounds=(0.0, 1.0),
        doc="freeze_reverse: the firm reverses to hiring humans when quality falls below this",
        source="judgment",
    )
    proficiency_required: float = param(
        0.3, unit="share of the frontier", bounds=(0.0, 1.0),
        doc="ai_required: lowest proficiency a hire must have",
        source="judgment",
    )
    reskill_months: int = param(
        3, unit="months", bounds=(0, 60),
        doc="reskill: months of training (at half productivity) after a redeployment",
        source="judgment",
    )

    def __post_init__(self):
        _check(self)
        total = sum(getattr(self, name) for name in REGIMES)
        if abs(total - 1.0) > 1e-9:
            raise ValueError(f"policies shares ({', '.join(REGIMES)}) must sum to 1, got "
                             f"{total:g}")


@dataclass(frozen=True)
class FreelanceParams:
    """The freelance task market."""

    demand_share: float = param(
        0.07, unit="share of all positions", bounds=(0.0, 0.9),
        doc="freelance task demand at the long-run mean, as a share of all positions",
        source="BLS Contingent Worker Supplement: independent contractors 6.9% of employment "
        "(2017)",
    )
    entry_from_unemployment: float = param(
        0.03, unit="per month", bounds=(0.0, 1.0),
        doc="chance an unemployed worker starts freelancing in a month",
        source="judgment",
    )
    entry_from_employment: float = param(
        0.002, unit="per month", bounds=(0.0, 1.0),
        doc="chance an employee leaves to freelance in a month",
        source="judgment",
    )
    exit_to_unemployment: float = param(
        0.2, unit="per month at zero utilisation", bounds=(0.0, 1.0),
        doc="chance a freelancer gives up, times the unfilled share of their capacity",
        source="judgment",
    )
    experimentation: float = param(
        3.0, unit="multiple of an employee's", bounds=(1.0, 100.0),
        doc="how much faster freelancers learn AI (more time to experiment)",
        source="thesis: freelancers experiment 'days and days'; judgment",
    )
    ai_task_demand: float = param(
        0.01, unit="share of all positions at the capability ceiling", bounds=(0.0, 1.0),
        doc="new AI-specialist task demand, growing with capability (reinstatement)",
        source="judgment; Fiverr Business Trends Index 2025: 'AI Agent' searches +18,347%",
    )
    ai_specialist_proficiency: float = param(
        0.5, unit="share of the frontier", bounds=(0.0, 1.0),
        doc="proficiency needed to take AI-specialist tasks",
        source="judgment",
    )
    ai_task_premium: float = param(
        0.21, unit="share of pay", bounds=(0.0, 5.0),
        doc="pay premium on AI-specialist tasks",
        source="Stephany & Teutloff: AI skills carry a 21% wage premium",
    )
    substitutable_demand_loss: float = param(
        1.0, unit="multiple of the automatable share", bounds=(0.0, 5.0),
        doc="fall of ordinary freelance demand per unit of automatable share",
        source="Demirci, Hannane & Zhu: -21% posts in automation-prone freelance work; judgment",
    )

    def __post_init__(self):
        _check(self)


SECTION_OF = {
    PopulationParams: "population",
    FirmParams: "firms",
    MarketParams: "market",
    AIParams: "ai",
    PolicyParams: "policies",
    FreelanceParams: "freelance",
    RunParams: "run",
}


@dataclass(frozen=True)
class Params:
    """All parameters of one scenario, by section (the TOML sections of the same names)."""

    population: PopulationParams = field(default_factory=PopulationParams)
    firms: FirmParams = field(default_factory=FirmParams)
    market: MarketParams = field(default_factory=MarketParams)
    ai: AIParams = field(default_factory=AIParams)
    policies: PolicyParams = field(default_factory=PolicyParams)
    freelance: FreelanceParams = field(default_factory=FreelanceParams)
    run: RunParams = field(default_factory=RunParams)

    def to_dict(self) -> dict[str, dict[str, Any]]:
        """Nested plain dict, as written to manifests and TOML."""
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, dict[str, Any]]) -> Params:
        """Build from a nested dict; raises ``ValueError`` naming any unknown or bad key."""
        sections = {}
        for f in dataclasses.fields(cls):
            values = data.get(f.name, {})
            if not isinstance(values, dict):
                raise ValueError(f"section '{f.name}' must be a table of keys")
            known = {g.name for g in dataclasses.fields(f.default_factory)}
            unknown = sorted(set(values) - known)
            if unknown:
                raise ValueError(f"unknown key '{f.name}.{unknown[0]}'")
            sections[f.name] = f.default_factory(**values)
        unknown = sorted(set(data) - set(sections))
        if unknown:
            raise ValueError(f"unknown section '{unknown[0]}'")
        return cls(**sections)

    def replace(self, section: str, **changes: Any) -> Params:
        """A copy with some keys of one section changed (validated)."""
        if section not in SECTION_OF.values():
            raise ValueError(f"unknown section '{section}'")
        current = getattr(self, section)
        unknown = sorted(set(changes) - {f.name for f in dataclasses.fields(current)})
        if unknown:
            raise ValueError(f"unknown key '{section}.{unknown[0]}'")
        return dataclasses.replace(self, **{section: dataclasses.replace(current, **changes)})


def section_classes() -> dict[str, type]:
    """Section name -> dataclass, in TOML order."""
    return {name: cls for cls, name in SECTION_OF.items()}


def describe_params(params: Params) -> list[dict[str, Any]]:
    """One row per parameter: key, value, unit, allowed values, meaning, source."""
    rows = []
    for section, cls in section_classes().items():
        values = getattr(params, section)
        for f in dataclasses.fields(cls):
            rows.append({
                "key": f"{section}.{f.name}",
                "value": getattr(values, f.name),
                "unit": f.metadata["unit"],
                "allowed": _describe(f),
                "meaning": f.metadata["doc"],
                "source": f.metadata["source"],
            })
    return rows


def allowed_values(section: str, key: str) -> str:
    """Plain-words allowed values of ``section.key`` (for error messages)."""
    cls = section_classes()[section]
    f = next(f for f in dataclasses.fields(cls) if f.name == key)
    return _describe(f)
