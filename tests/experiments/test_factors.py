"""The factors of the thesis decomposition: parsing --factors, the arms, the channels."""

from __future__ import annotations

import pytest

from sim import Params
from sim.errors import LaborsimError
from sim.experiments.factors import (
    DEFAULT_FACTORS,
    arm_params,
    arms,
    channel_factors,
    format_factors,
    held_off,
    parse_factors,
)
from sim.model.params.ai import AI_BLOCKS

TWO_CHANNELS = "people=ranking+productivity+new_work,technology=automation+policies"


def test_the_default_is_one_factor_per_block_and_32_arms():
    factors = parse_factors(None)
    assert factors == DEFAULT_FACTORS and list(factors) == list(AI_BLOCKS)
    names = list(arms(factors))
    assert len(names) == 32 and names[0] == "no_ai" and names[-1] == "full"
    assert len(set(names)) == 32
    assert channel_factors(factors) == {"people": ["ranking", "productivity"],
                                        "technology": ["automation"]}
    assert held_off(factors) == []


def test_each_arm_switches_exactly_its_factors_blocks():
    params = Params()
    for name, p in arm_params(params, parse_factors(None)).items():
        on = {b for b in AI_BLOCKS if getattr(p.ai, b)}
        expected = set() if name == "no_ai" else set(AI_BLOCKS) if name == "full" \
            else set(name.split("+"))
        assert on == expected, name
        off = {b: False for b in AI_BLOCKS}
        assert p.replace("ai", **off) == params.replace("ai", **off)  # nothing else changes


def test_merging_gives_the_two_channel_test_in_four_arms():
    factors = parse_factors(TWO_CHANNELS)
    assert factors == {"people": ("ranking", "productivity", "new_work"),
                       "technology": ("automation", "policies")}
    assert list(arms(factors)) == ["no_ai", "people", "technology", "full"]
    assert channel_factors(factors) == {"people": ["people"], "technology": ["technology"]}
    assert parse_factors(format_factors(factors)) == factors


def test_a_block_left_out_is_off_in_every_arm():
    factors = parse_factors("ranking,automation")
    assert held_off(factors) == ["productivity", "new_work", "policies"]
    for p in arm_params(Params(), factors).values():
        assert not (p.ai.productivity or p.ai.new_work or p.ai.policies)
    assert channel_factors(factors) == {"people": ["ranking"], "technology": ["automation"]}


@pytest.mark.parametrize(("text", "words"), [
    ("ranking,wages", "unknown block 'wages'; blocks are ranking, productivity"),
    ("ranking,ranking", "block 'ranking' is in two factors"),
    ("a=ranking,a=automation", "factor name 'a' is used twice"),
    ("full=ranking", "reserved"),
    ("total=ranking,technology=automation", "reserved"),  # total is the sum of the parts
    ("ranking,,automation", "an empty item"),
    ("my factor=ranking", "must be a plain word"),
])
def test_bad_factors_are_refused_in_one_line(text, words):
    with pytest.raises(LaborsimError) as err:
        parse_factors(text)
    assert words in str(err.value) and "\n" not in str(err.value)
