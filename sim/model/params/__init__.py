"""Model parameters: one typed, frozen structure with units, bounds and sources.

:class:`Params` holds one frozen section per TOML table, each in its own module of this
package (``population``, ``careers``, ``firms``, ``market``, ``ai``, ``policies``,
``freelance``, ``run``).
Every parameter is declared with :func:`~sim.model.params.fields.param`, which records its unit,
allowed range (or choices), a one-line meaning and where the default comes from.
``laborsim params`` prints this table, the scenario loader validates against it, and the
experiment manifest stores the resolved values.

Each default's source says whether it is *sourced* (a published number, converted where
needed), *derived* (computed from sourced numbers) or *judgment* (no published number; the value
and why are stated). The README's validation section lists which model outputs are targeted and
which are left free.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from sim.model.params.ai import AI_BLOCKS, AIParams
from sim.model.params.careers import CareersParams
from sim.model.params.fields import describe
from sim.model.params.firms import FirmParams
from sim.model.params.freelance import FreelanceParams
from sim.model.params.market import MarketParams
from sim.model.params.policies import REGIMES, PolicyParams
from sim.model.params.population import PopulationParams
from sim.model.params.run import RunParams

__all__ = ["AI_BLOCKS", "REGIMES", "RETIRED", "AIParams", "CareersParams", "FirmParams",
           "FreelanceParams", "MarketParams", "Params", "PolicyParams", "PopulationParams",
           "RunParams",
           "allowed_values", "describe_params", "keys_of", "section_classes", "unknown_key"]


@dataclass(frozen=True)
class Params:
    """All parameters of one scenario, by section (the TOML sections of the same names)."""

    population: PopulationParams = field(default_factory=PopulationParams)
    careers: CareersParams = field(default_factory=CareersParams)
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
        for name, section in section_classes().items():
            values = data.get(name, {})
            if not isinstance(values, dict):
                raise ValueError(f"section '{name}' must be a table of keys")
            unknown = sorted(set(values) - set(keys_of(section)))
            if unknown:
                raise unknown_key(name, unknown[0])
            sections[name] = section(**values)
        unknown = sorted(set(data) - set(sections))
        if unknown:
            raise ValueError(f"unknown section '{unknown[0]}'")
        return cls(**sections)

    def replace(self, section: str, **changes: Any) -> Params:
        """A copy with some keys of one section changed (validated)."""
        if section not in section_classes():
            raise ValueError(f"unknown section '{section}'")
        current = getattr(self, section)
        unknown = sorted(set(changes) - set(keys_of(type(current))))
        if unknown:
            raise unknown_key(section, unknown[0])
        return dataclasses.replace(self, **{section: dataclasses.replace(current, **changes)})


#: Keys of earlier versions that no longer exist, and what replaced them (for the error a
#: scenario file or ``--set`` that still uses one gets).
RETIRED = {
    "ai.augmentation": "split into the blocks ai.ranking, ai.productivity and ai.new_work "
                       "(adoption runs whenever any AI block is on)",
    "ai.demand_elasticity": "replaced by firms.substitution_elasticity (customers switch "
                            "between firms) and firms.industry_demand_elasticity",
    "ai.wage_pass_through": "pass-through is now an outcome of outside offers "
                            "(metric ai_pay_pass_through)",
    "ai.max_gain": "replaced by ai.frontier_gain (gain per hour with AI on tasks AI does "
                   "well) and ai.gain_cap",
    "freelance.ai_task_demand": "replaced by freelance.ai_specialist_share and "
                                "freelance.ai_specialist_growth",
}


def unknown_key(section: str, key: str) -> ValueError:
    """The error for an unknown ``section.key``, saying what replaced a retired one."""
    name = f"{section}.{key}"
    if name in RETIRED:
        return ValueError(f"'{name}' no longer exists: {RETIRED[name]}")
    return ValueError(f"unknown key '{name}'")


def section_classes() -> dict[str, type]:
    """Section name -> dataclass, in TOML order."""
    return {f.name: f.default_factory for f in dataclasses.fields(Params)}


def keys_of(section: type) -> list[str]:
    """The parameter keys of a section class, in declaration order."""
    return [f.name for f in dataclasses.fields(section)]


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
                "allowed": describe(f),
                "meaning": f.metadata["doc"],
                "source": f.metadata["source"],
            })
    return rows


def allowed_values(section: str, key: str) -> str:
    """Plain-words allowed values of ``section.key`` (for error messages)."""
    cls = section_classes()[section]
    f = next(f for f in dataclasses.fields(cls) if f.name == key)
    return describe(f)
