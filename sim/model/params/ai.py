"""``[ai]``: AI capability, adoption, proficiency, augmentation and automation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sim.model.params.fields import check, param


@dataclass(frozen=True)
class AIParams:
    """AI capability, adoption, proficiency, augmentation (people channel) and automation
    (technology channel). Month 0 is January 2025; AI arrives in November 2022."""

    SECTION: ClassVar[str] = "ai"

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
        source="scenario choice; see sim/model/rules/capability.py",
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
        2.2, unit="gain per unit of tasks inside the frontier", bounds=(0.0, 10.0),
        doc="productivity gain of a fully proficient least-skilled user per unit of the "
        "occupation's tasks AI does well (exposure x capability)",
        source="calibrated: customer-support users gain +14% on average in January 2025 "
        "(Brynjolfsson, Li & Raymond 2025, QJE; the model then gives novices about +33% and "
        "the most skilled about -8%, against +34% and about zero; recalibrated when hiring "
        "standards made the employed a selected, more skilled group)",
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
        check(self)
