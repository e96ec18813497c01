"""``[ai]``: AI capability, adoption, intensity and gains, automation, new work, and the five
exact block switches."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sim.model.params.fields import check, param

#: The AI mechanism blocks, each with an exact switch (a boolean key of ``[ai]``).
AI_BLOCKS = ("ranking", "productivity", "automation", "new_work", "policies")


@dataclass(frozen=True)
class AIParams:
    """AI capability, adoption, intensity of use, gains, automation and new work, with one
    exact switch per mechanism block (``ranking``, ``productivity``, ``automation``,
    ``new_work``, ``policies``). With every block off nobody adopts and the run equals the
    no-AI economy. Month 0 is January 2025; AI arrives in November 2022."""

    SECTION: ClassVar[str] = "ai"

    ranking: bool = param(
        True, unit="switch",
        doc="block 'ranking': firms rank applicants and choose whom to lay off on "
        "productivity with AI gains (off: on productivity without them, same draws)",
        source="model switch (exact: no draw changes)",
    )
    productivity: bool = param(
        True, unit="switch",
        doc="block 'productivity': AI users produce more (fill more positions, lower their "
        "firm's unit cost, which wins it customers, and can bid up their pay)",
        source="model switch (exact: no draw changes)",
    )
    automation: bool = param(
        True, unit="switch",
        doc="block 'automation': firms automate tasks (contractor replacement included) and "
        "automatable freelance demand falls",
        source="model switch (exact: no draw changes)",
    )
    new_work: bool = param(
        True, unit="switch",
        doc="block 'new_work': new AI tasks inside firms (positions that need AI proficiency) "
        "and new AI-specialist freelance demand (reinstatement)",
        source="model switch (exact: no draw changes)",
    )
    policies: bool = param(
        True, unit="switch",
        doc="block 'policies': the AI-specific rules of the firm regimes (proficiency "
        "screens, adoption mandates, hiring freezes, reskilling); off, every regime hires "
        "like baseline",
        source="model switch (exact: no draw changes)",
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
        0.016, unit="share of the remaining gap per month", bounds=(0.0, 1.0),
        doc="learning by doing: monthly closing of the gap to full proficiency for an "
        "employee with standard experimentation time",
        source="calibrated: a third of users spend an hour a day or more with AI in late 2024 "
        "(Bick, Blandin & Deming 2025: 31.9% of users; 10.6% of the employed, 38% of users, "
        "use it every workday); intensity is proficiency x exposure",
    )
    frontier_gain: float = param(
        1.9, unit="gain per unit of work time with AI on tasks AI does well",
        bounds=(0.0, 20.0),
        doc="extra output per hour worked with AI on tasks inside the frontier, for an "
        "average-skilled user (twice that for the least skilled, nothing for the most "
        "skilled); sim/model/rules/augmentation.py",
        source="calibrated: time saved by AI is 1.4% of all work hours in late 2024 (Bick, "
        "Blandin & Deming 2025, 'The Impact of Generative AI on Work Productivity'); the "
        "model then gives customer support +13% against +14% (Brynjolfsson, Li & Raymond "
        "2025, whose skill gradient it follows) and users +47% output per hour with AI "
        "against Bick, Blandin & Deming's +33%",
    )
    hourly_gain_cap: float = param(
        1.26, unit="gain per hour with AI", bounds=(0.0, 20.0),
        doc="largest mean extra output per hour with AI (what the hours inside the frontier "
        "gain, spread over all hours with AI), before the job's cap (ai.gain_cap) and the "
        "losses outside the frontier: gains per hour are not extrapolated past the largest "
        "task-level speed-up measured",
        source="Peng, Kalliamvakou, Cihon & Demirer (2023): Copilot users finished a coding "
        "task 55.8% faster, 1 / (1 - 0.558) - 1 = +126% output per hour",
    )
    gain_cap: float = param(
        0.34, unit="share of productivity", bounds=(0.0, 10.0),
        doc="largest gain of a job, for the least-skilled fifth at the exposure of the "
        "occupation where it was measured (lower in proportion to exposure below it, and to "
        "1 - skill rank above rank 0.1): gains are not extrapolated past what field "
        "experiments measured",
        source="Brynjolfsson, Li & Raymond (2025, QJE): novice customer-support agents +34% "
        "(exposure 0.86), the largest job-level gain measured in the field",
    )
    outside_frontier_loss: float = param(
        0.39, unit="loss per hour with AI outside the frontier", bounds=(0.0, 10.0),
        doc="output lost per hour with AI on exposed tasks AI does not yet do well, by a "
        "non-proficient most-skilled user (times skill rank and 1 - proficiency)",
        source="derived: METR (2025) finds experienced developers new to the tools (rank 1, "
        "proficiency 0.2) 19% slower on the tasks where they used AI, at capability 0.39: "
        "0.19 / ((1 - 0.39) x 0.8); Dell'Acqua et al. (2023): 19 points less correct outside "
        "the frontier",
    )
    new_work_share: float = param(
        0.16, unit="positions per exposed position at full capability", bounds=(0.0, 1.0),
        doc="new AI work inside firms: extra positions per position, times the job's "
        "exposure and the capability gained since arrival ((C - C0) / (1 - C0)); they need "
        "AI proficiency (ai.new_work_proficiency)",
        source="judgment, sized so that new AI work is about 1% of positions in January 2025: "
        "AI created new tasks for 8.4% of workers (Humlum & Vestergaard 2025), read as about "
        "an eighth of their time; Autor, Chin, Salomons & Seegmiller (2024, QJE): new work is "
        "a large share of employment growth; in the sensitivity sweep",
    )
    new_work_proficiency: float = param(
        0.25, unit="share of the frontier", bounds=(0.0, 1.0),
        doc="AI proficiency the new AI-work positions require (of the employees given one "
        "and of hires)",
        source="judgment: about the users' median proficiency in January 2025, so that the "
        "new work goes to the more versed half of users",
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
    automation_cost: float = param(
        0.5, unit="share of the labor cost replaced", bounds=(0.0, 1.0),
        doc="what an automated task costs the firm (compute, integration, oversight) as a "
        "share of the labor cost of the work it replaces; enters the firm's unit cost",
        source="judgment: Svanberg, Li, Fleming, Goehring & Thompson (2024, 'Beyond AI "
        "Exposure') find only about a quarter of exposed work cost-effective to automate at "
        "2024 costs, so automated tasks are not far cheaper than labor; in the sensitivity "
        "sweep",
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
    def __post_init__(self):
        check(self)
