"""``[freelance]``: the freelance task market."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sim.model.params.fields import check, param


@dataclass(frozen=True)
class FreelanceParams:
    """The freelance task market."""

    SECTION: ClassVar[str] = "freelance"

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
    ai_specialist_share: float = param(
        0.03, unit="share of freelance task demand", bounds=(0.0, 1.0),
        doc="AI-related tasks (machine learning, chatbots, automation) in freelance demand "
        "before generative AI; new AI-specialist demand grows from this base",
        source="judgment (a small category on the platforms before 2022)",
    )
    ai_specialist_growth: float = param(
        4.2, unit="growth per unit of relative capability", bounds=(0.0, 100.0),
        doc="new AI-specialist freelance demand: the base share times this times the "
        "capability gained relative to arrival (C / C0 - 1)",
        source="calibrated: AI-specialist demand about doubled by mid 2024 (C / C0 = 1.24), "
        "between machine-learning work +24% and chatbot work about 3x (Teutloff et al. 2025, "
        "JEBO), merged into one category by judgment",
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
        0.75, unit="multiple of the automatable share", bounds=(0.0, 5.0),
        doc="fall of ordinary freelance demand per unit of the automatable share of the "
        "freelancers' occupations (exposure x capability)",
        source="calibrated: Demirci, Hannane & Zhu (2025) find -21% posts in automation-prone "
        "freelance work (writing -30%, images -17%) about 8 months after ChatGPT, when the "
        "automatable share of writing work (exposure 0.87, capability 0.32) was 0.28: "
        "0.21 / 0.28; Teutloff et al. (2025): -20% to -50% for substitutable skills",
    )

    def __post_init__(self):
        check(self)
