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

    def __post_init__(self):
        _check(self)

    @property
    def months(self) -> int:
        """Reported horizon in months."""
        return 12 * self.years


SECTION_OF = {
    PopulationParams: "population",
    FirmParams: "firms",
    MarketParams: "market",
    RunParams: "run",
}


@dataclass(frozen=True)
class Params:
    """All parameters of one scenario, by section (the TOML sections of the same names)."""

    population: PopulationParams = field(default_factory=PopulationParams)
    firms: FirmParams = field(default_factory=FirmParams)
    market: MarketParams = field(default_factory=MarketParams)
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
