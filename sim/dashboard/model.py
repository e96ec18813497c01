"""The model behind the dashboard: :class:`~sim.model.market.LaborMarket` with the dashboard's
settings as plain keyword arguments.

SolaraViz rebuilds a model by calling its class with the values of its sliders, so every
setting a student can change is a keyword argument here, turned into
:class:`~sim.model.params.Params` by :func:`dashboard_params`. Everything else keeps its
calibrated default. :data:`DEFAULTS` is the one place the settings' starting values live (the
sidebar's sliders start there too); the two demand elasticities (:data:`DEMAND_SETTINGS`)
and the career and matching settings (:data:`CAREER_SETTINGS`) start at the values of
:class:`~sim.model.params.Params`, read from it. The five AI blocks (:data:`AI_BLOCKS`) are the
model's exact switches ``ai.ranking`` ... ``ai.policies``.
"""

from __future__ import annotations

from typing import Any

from sim.experiments.factors import CHANNELS
from sim.model.market import LaborMarket
from sim.model.params import REGIMES, Params
from sim.model.params.ai import AI_BLOCKS as AI_BLOCK_NAMES

#: Policy choices: "mixed" is the baseline mix (70% baseline regime, 6% in each of the five
#: named regimes); a regime name puts ``policy_share`` of the firms in that regime from
#: January 2025 (see :func:`policy_mix`).
POLICIES = ("mixed", *REGIMES)
CAPABILITY_PATHS = ("logistic", "plateau", "fast_takeoff")
#: The model's AI blocks (each an exact switch ``ai.<block>``), in the model's order: the people
#: channel's, the technology channel's, then new work and the policies (in neither channel).
AI_BLOCKS = AI_BLOCK_NAMES
#: The settings of product demand: each sets the ``[firms]`` key of its name.
DEMAND_SETTINGS = ("industry_demand_elasticity", "substitution_elasticity")
#: The settings of careers and matching: setting -> (section, key) of the parameter it sets.
CAREER_SETTINGS = {
    "entry_exposure_ratio": ("careers", "entry_exposure_ratio"),
    "promotion_months": ("careers", "promotion_months"),
    "employed_exit_rate": ("careers", "employed_exit_rate"),
    "switch_loss": ("careers", "switch_loss"),
    "hiring_standard": ("market", "hiring_standard"),
    "callback_decline": ("market", "callback_decline"),
}
#: Every setting's starting value (the calibrated defaults, at a size that steps quickly).
DEFAULTS: dict[str, Any] = {
    "workers": 2000, "capability_path": "logistic", "capability_growth": 0.2,
    **{name: getattr(Params().firms, name) for name in DEMAND_SETTINGS},
    "propensity_effect": 1.0, "policy": "mixed", "policy_share": 1.0,
    **{block: True for block in AI_BLOCKS},
    **{name: getattr(getattr(Params(), section), key)
       for name, (section, key) in CAREER_SETTINGS.items()},
}
#: Side-by-side presets: a policy mix or a channel setting (name -> settings). The channels are
#: those of the thesis test (:data:`sim.experiments.factors.CHANNELS`); a channel only switches
#: the other channel's blocks off, and leaves new work and the policies on.
PRESETS = {
    "mixed policies (baseline)": {},
    **{f"every firm: {regime}": {"policy": regime} for regime in REGIMES},
    "no AI": {block: False for block in AI_BLOCKS},
    "people channel only": {block: False for block in CHANNELS["technology"]},
    "technology channel only": {block: False for block in CHANNELS["people"]},
    "entry-level work no more exposed": {"entry_exposure_ratio": 1.0},
}


def policy_mix(policy: str, share: float) -> dict[str, float]:
    """Shares of firms in each regime: ``share`` of them in ``policy``, the rest in the
    baseline mix's proportions ("mixed", or a share of 0, is the baseline mix itself).

    >>> policy_mix("ai_required", 0.5)["ai_required"], policy_mix("ai_required", 0.5)["baseline"]
    (0.53, 0.35)
    """
    if policy not in POLICIES:
        raise ValueError(f"policy must be one of {', '.join(POLICIES)}, got {policy!r}")
    if not 0.0 <= share <= 1.0:
        raise ValueError(f"policy_share must be between 0 and 1, got {share!r}")
    baseline_mix = {r: getattr(Params().policies, r) for r in REGIMES}
    if policy == "mixed":
        return baseline_mix
    return {r: round(share * (r == policy) + (1.0 - share) * baseline_mix[r], 12)
            for r in REGIMES}


def dashboard_params(**settings: Any) -> Params:
    """The parameters of a dashboard model: the given settings (any of :data:`DEFAULTS`; the
    others at their starting values), everything else at its default.

    ``policy`` is "mixed" (the baseline mix) or one regime of :data:`sim.model.params.REGIMES`,
    taken by ``policy_share`` of the firms (see :func:`policy_mix`).
    """
    unknown = sorted(set(settings) - set(DEFAULTS))
    if unknown:
        raise TypeError(f"unknown dashboard setting {unknown[0]!r}; one of {', '.join(DEFAULTS)}")
    s = {**DEFAULTS, **settings}
    params = (Params()
              .replace("population", workers=int(s["workers"]))
              .replace("firms", **{name: float(s[name]) for name in DEMAND_SETTINGS})
              .replace("ai", capability_path=s["capability_path"],
                       capability_growth=float(s["capability_growth"]),
                       propensity_effect=float(s["propensity_effect"]),
                       **{block: bool(s[block]) for block in AI_BLOCKS}))
    for section in ("careers", "market"):
        current = getattr(params, section)
        params = params.replace(section, **{
            key: type(getattr(current, key))(s[name])  # int stays int, float float
            for name, (sec, key) in CAREER_SETTINGS.items() if sec == section})
    return params.replace("policies", **policy_mix(s["policy"], float(s["policy_share"])))


class DashboardMarket(LaborMarket):
    """A :class:`~sim.model.market.LaborMarket` built from the dashboard's settings (see
    :func:`dashboard_params`), burnt in to January 2025 like every run.

    >>> model = DashboardMarket(workers=500, policy="reskill", seed=3)
    >>> model.params.policies.reskill, model.settings["policy"]
    (1.0, 'reskill')
    >>> model.step(); model.reported_months
    1
    """

    def __init__(self, workers: int = DEFAULTS["workers"],
                 capability_path: str = DEFAULTS["capability_path"],
                 capability_growth: float = DEFAULTS["capability_growth"],
                 industry_demand_elasticity: float = DEFAULTS["industry_demand_elasticity"],
                 substitution_elasticity: float = DEFAULTS["substitution_elasticity"],
                 propensity_effect: float = DEFAULTS["propensity_effect"],
                 policy: str = DEFAULTS["policy"],
                 policy_share: float = DEFAULTS["policy_share"],
                 ranking: bool = DEFAULTS["ranking"],
                 productivity: bool = DEFAULTS["productivity"],
                 new_work: bool = DEFAULTS["new_work"],
                 automation: bool = DEFAULTS["automation"],
                 policies: bool = DEFAULTS["policies"],
                 entry_exposure_ratio: float = DEFAULTS["entry_exposure_ratio"],
                 promotion_months: int = DEFAULTS["promotion_months"],
                 employed_exit_rate: float = DEFAULTS["employed_exit_rate"],
                 switch_loss: float = DEFAULTS["switch_loss"],
                 hiring_standard: float = DEFAULTS["hiring_standard"],
                 callback_decline: float = DEFAULTS["callback_decline"],
                 seed: int = 1) -> None:
        self.settings = {"workers": workers, "capability_path": capability_path,
                         "capability_growth": capability_growth,
                         "industry_demand_elasticity": industry_demand_elasticity,
                         "substitution_elasticity": substitution_elasticity,
                         "propensity_effect": propensity_effect, "policy": policy,
                         "policy_share": policy_share, "ranking": ranking,
                         "productivity": productivity, "new_work": new_work,
                         "automation": automation, "policies": policies,
                         "entry_exposure_ratio": entry_exposure_ratio,
                         "promotion_months": promotion_months,
                         "employed_exit_rate": employed_exit_rate, "switch_loss": switch_loss,
                         "hiring_standard": hiring_standard,
                         "callback_decline": callback_decline}
        super().__init__(dashboard_params(**self.settings), seed=seed)

    @property
    def reported_months(self) -> int:
        """Months simulated since January 2025 (0 before the first step)."""
        return self.month + 1
