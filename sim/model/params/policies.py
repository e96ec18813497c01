"""``[policies]``: the share of firms that runs each hiring-policy regime, and their settings."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import ClassVar

from sim.model.params.fields import check, param
from sim.model.rules.policies import POLICIES

#: Regime names, in the order of :data:`sim.model.rules.policies.POLICIES` (a firm's regime
#: is an index into both).
REGIMES = tuple(policy.name for policy in POLICIES)


@dataclass(frozen=True)
class PolicyParams:
    """Firm hiring-policy regimes (see sim/model/rules/policies.py): the mix and their
    settings. The share fields are one per regime of
    :data:`sim.model.rules.policies.POLICIES`, in its order (checked on import)."""

    SECTION: ClassVar[str] = "policies"

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
        check(self)
        total = sum(getattr(self, name) for name in REGIMES)
        if abs(total - 1.0) > 1e-9:
            raise ValueError(f"policies shares ({', '.join(REGIMES)}) must sum to 1, got "
                             f"{total:g}")


_SHARES = tuple(f.name for f in dataclasses.fields(PolicyParams))[:len(REGIMES)]
if _SHARES != REGIMES:
    raise RuntimeError(f"PolicyParams must start with one share field per regime, in the order "
                       f"of POLICIES {REGIMES}; it starts with {_SHARES}")
