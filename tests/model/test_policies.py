"""The regime table: each policy declares its flags and hooks, the model reads them, and the
parameters' regime shares follow the policies (sim/model/rules/policies.py)."""

from __future__ import annotations

import dataclasses

import numpy as np

from sim.model.params import REGIMES, PolicyParams
from sim.model.rules.attribution import AUTOMATION, POLICY
from sim.model.rules.policies import POLICIES, TABLE, hiring_open


def test_regime_names_and_shares_follow_the_policies():
    assert REGIMES == tuple(p.name for p in POLICIES) == (
        "baseline", "freeze_reverse", "ai_first", "ai_required", "replace_contractors",
        "reskill")
    shares = [f.name for f in dataclasses.fields(PolicyParams)][:len(REGIMES)]
    assert tuple(shares) == REGIMES


def test_the_table_holds_each_policys_flags():
    for index, policy in enumerate(POLICIES):
        assert TABLE.mandates_ai[index] == policy.mandates_ai
        assert TABLE.screens_for_proficiency[index] == policy.screens_for_proficiency
        assert TABLE.reskills[index] == policy.reskills
        assert TABLE.freezes_hiring[index] == policy.freezes_hiring
    named = {name: [p.name for p, on in zip(POLICIES, flags, strict=True) if on]
             for name, flags in (("mandates", TABLE.mandates_ai),
                                 ("screens", TABLE.screens_for_proficiency),
                                 ("reskills", TABLE.reskills),
                                 ("freezes", TABLE.freezes_hiring))}
    assert named == {"mandates": ["ai_first"], "screens": ["ai_required"],
                     "reskills": ["reskill"], "freezes": ["freeze_reverse"]}
    causes = dict(zip(REGIMES, TABLE.automation_cause, strict=True))
    assert causes["replace_contractors"] == POLICY
    assert all(code == AUTOMATION for name, code in causes.items()
               if name != "replace_contractors")


def test_only_frozen_firms_of_a_freezing_regime_are_closed_to_hiring():
    regime = np.repeat(np.arange(len(POLICIES)), 2)
    frozen = np.tile([True, False], len(POLICIES))
    closed = ~hiring_open(regime, frozen)
    freezes = TABLE.freezes_hiring[regime]
    np.testing.assert_array_equal(closed, frozen & freezes)
    assert closed.sum() == 1


def test_automation_targets_have_one_row_per_firm():
    doable, exposed = np.array([0.2, 0.3]), np.array([0.5, 0.6])
    frozen = np.array([True, False])
    for policy in POLICIES:
        target = policy.automation_target(doable, exposed, frozen)
        assert target.shape == (2, 2)
        expected_first = exposed if policy.freezes_hiring else doable
        np.testing.assert_array_equal(target[0], expected_first)
        np.testing.assert_array_equal(target[1], doable)


def test_every_regime_has_its_metrics():
    """The regime metrics are declared per regime: a new regime needs its two columns."""
    from sim.model.metrics import METRIC_NAMES

    per_regime = {name for name in METRIC_NAMES
                  if name.startswith(("firms_", "unemployment_rate_policy_"))}
    assert per_regime == ({f"firms_{r}" for r in REGIMES}
                          | {f"unemployment_rate_policy_{r}" for r in REGIMES})
