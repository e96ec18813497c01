"""The parameter structure: metadata, defaults, validation, round trips and the parameter table."""

from __future__ import annotations

import dataclasses
import json
import math
import typing

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.model.params import (
    AIParams,
    CareersParams,
    FirmParams,
    FreelanceParams,
    MarketParams,
    Params,
    PolicyParams,
    PopulationParams,
    RunParams,
    allowed_values,
    describe_params,
    section_classes,
)

SECTIONS = {"population": PopulationParams, "careers": CareersParams, "firms": FirmParams,
            "market": MarketParams,
            "ai": AIParams, "policies": PolicyParams, "freelance": FreelanceParams,
            "run": RunParams}


def all_fields() -> list[tuple[str, type, dataclasses.Field]]:
    return [(section, cls, f) for section, cls in section_classes().items()
            for f in dataclasses.fields(cls)]


FIELD_IDS = [f"{section}.{f.name}" for section, _, f in all_fields()]


def build(section: str, **changes):
    """Construct one section with some keys changed."""
    return SECTIONS[section](**changes)


# ---------------------------------------------------------------- defaults and metadata
def test_sections_are_the_toml_sections_in_order():
    assert section_classes() == SECTIONS
    assert list(section_classes()) == ["population", "careers", "firms", "market", "ai",
                                       "policies", "freelance", "run"]
    assert [f.name for f in dataclasses.fields(Params)] == list(SECTIONS)


def test_defaults_construct():
    p = Params()
    for section, cls in SECTIONS.items():
        assert getattr(p, section) == cls()
    assert Params.from_dict({}) == p
    assert p.run.months == 12 * p.run.years


@pytest.mark.parametrize(("section", "cls", "f"), all_fields(), ids=FIELD_IDS)
def test_every_field_has_metadata_and_a_valid_default(section, cls, f):
    meta = f.metadata
    for key in ("unit", "doc", "source"):
        assert isinstance(meta.get(key), str), f"{section}.{f.name} has no {key}"
        assert meta[key].strip(), f"{section}.{f.name} has an empty {key}"
    bounds, choices = meta.get("bounds"), meta.get("choices")
    expected_type = typing.get_type_hints(cls)[f.name]
    assert f.default is not dataclasses.MISSING
    assert type(f.default) is expected_type
    if expected_type is bool:  # switches: true or false, nothing else to declare
        assert bounds is None and choices is None
        return
    assert (bounds is None) != (choices is None), "exactly one of bounds and choices"
    if bounds is not None:
        lo, hi = bounds
        assert lo < hi
        assert lo <= f.default <= hi
    else:
        assert len(choices) == len(set(choices)) > 1
        assert f.default in choices
    # the default of every field is the value a default-constructed Params holds
    assert getattr(getattr(Params(), section), f.name) == f.default


# ---------------------------------------------------------------- validation
@pytest.mark.parametrize(("section", "key", "value", "allowed"), [
    ("population", "workers", "100", "an integer in [50, 50000000]"),
    ("population", "workers", 1000.0, "an integer in [50, 50000000]"),
    ("run", "years", None, "an integer in [1, 200]"),
    ("market", "quit_rate", "0.01", "a number in [0.0, 1.0]"),
    ("market", "quit_rate", [0.01], "a number in [0.0, 1.0]"),
    ("firms", "layoff_rule", 3, "one of 'productivity', 'seniority', 'random'"),
])
def test_wrong_type_raises_naming_the_key_and_the_allowed_values(section, key, value, allowed):
    with pytest.raises(ValueError) as err:
        build(section, **{key: value})
    message = str(err.value)
    assert message.startswith(f"{section}.{key} ")
    assert allowed in message
    assert allowed_values(section, key) == allowed
    assert repr(value) in message


@pytest.mark.parametrize(("section", "key", "value", "allowed"), [
    ("population", "workers", 49, "[50, 50000000]"),
    ("population", "workers", 50_000_001, "[50, 50000000]"),
    ("population", "initial_unemployment", 0.51, "[0.0, 0.5]"),
    ("market", "quit_rate", -0.001, "[0.0, 1.0]"),
    ("market", "quit_rate", 1.5, "[0.0, 1.0]"),
    ("market", "quit_rate", 2, "[0.0, 1.0]"),
    ("market", "wage_curve_elasticity", 0.1, "[-2.0, 0.0]"),
    ("market", "quit_rate", math.nan, "[0.0, 1.0]"),
    ("market", "quit_rate", math.inf, "[0.0, 1.0]"),
    ("run", "years", 0, "[1, 200]"),
    ("run", "root_seed", -1, f"[0, {2**63 - 1}]"),
    ("run", "root_seed", 2**63, f"[0, {2**63 - 1}]"),
])
def test_out_of_range_raises_naming_the_key_and_the_bounds(section, key, value, allowed):
    with pytest.raises(ValueError) as err:
        build(section, **{key: value})
    message = str(err.value)
    assert message.startswith(f"{section}.{key} must be ")
    assert allowed in message


@pytest.mark.parametrize("value", ["fifo", "Productivity", "", "productivity "])
def test_bad_choice_raises_listing_every_choice(value):
    with pytest.raises(ValueError) as err:
        FirmParams(layoff_rule=value)
    message = str(err.value)
    assert message.startswith("firms.layoff_rule must be one of ")
    for choice in ("productivity", "seniority", "random"):
        assert repr(choice) in message
    assert repr(value) in message


@pytest.mark.parametrize("choice", ["productivity", "seniority", "random"])
def test_every_choice_is_accepted(choice):
    assert FirmParams(layoff_rule=choice).layoff_rule == choice


def test_ints_are_accepted_for_floats_and_stored_as_floats():
    market = MarketParams(quit_rate=0, reservation_ratio=1)
    assert market.quit_rate == 0.0 and type(market.quit_rate) is float
    assert type(market.reservation_ratio) is float
    firms = Params.from_dict({"firms": {"mean_size": 30}}).firms
    assert firms.mean_size == 30.0 and type(firms.mean_size) is float
    replaced = Params().replace("population", initial_unemployment=0)
    assert type(replaced.population.initial_unemployment) is float


@pytest.mark.parametrize(("section", "key", "value"), [
    ("population", "workers", True),
    ("run", "years", True),
    ("run", "seeds", False),
    ("market", "applications_unemployed", True),
    ("market", "quit_rate", True),
    ("market", "quit_rate", False),
])
def test_bools_are_rejected_for_numbers(section, key, value):
    with pytest.raises(ValueError) as err:
        build(section, **{key: value})
    assert str(err.value).startswith(f"{section}.{key} must be ")
    assert "(bool)" in str(err.value)


def test_sections_are_frozen():
    p = Params()
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.market.quit_rate = 0.5  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.run = RunParams()  # type: ignore[misc]


# ---------------------------------------------------------------- from_dict, replace, to_dict
def test_from_dict_rejects_unknown_keys():
    with pytest.raises(ValueError, match=r"market\.quit_rat\b"):
        Params.from_dict({"market": {"quit_rat": 0.01}})
    with pytest.raises(ValueError, match=r"run\.months"):
        Params.from_dict({"run": {"years": 2, "months": 24}})


def test_from_dict_rejects_unknown_sections():
    with pytest.raises(ValueError, match="'markets'"):
        Params.from_dict({"markets": {"quit_rate": 0.01}})
    with pytest.raises(ValueError, match="'robots'"):
        Params.from_dict({"run": {"years": 2}, "robots": {}})


def test_from_dict_validates_values():
    with pytest.raises(ValueError, match=r"^market\.quit_rate must be a number in \[0\.0, 1\.0\]"):
        Params.from_dict({"market": {"quit_rate": 3.0}})


def test_from_dict_fills_missing_keys_with_defaults():
    p = Params.from_dict({"market": {"quit_rate": 0.02}})
    assert p.market.quit_rate == 0.02
    assert p.market.on_the_job_search == MarketParams().on_the_job_search
    assert p.firms == FirmParams() and p.run == RunParams() and p.population == PopulationParams()


def test_replace_changes_one_section_and_validates():
    p = Params()
    q = p.replace("run", burn_in_months=6, years=2)
    assert (q.run.burn_in_months, q.run.years) == (6, 2)
    assert q.run.seeds == p.run.seeds
    assert (q.population, q.firms, q.market) == (p.population, p.firms, p.market)
    assert p.run == RunParams()  # the original is untouched
    with pytest.raises(ValueError, match=r"^run\.burn_in_months must be an integer in \[0, 2400\]"):
        p.replace("run", burn_in_months=-1)
    with pytest.raises(ValueError, match=r"^firms\.layoff_rule must be one of"):
        p.replace("firms", layoff_rule="fifo")
    with pytest.raises(ValueError, match=r"^population\.workers"):
        p.replace("population", workers=True)
    with pytest.raises((TypeError, ValueError), match="quit_rat"):
        p.replace("market", quit_rat=0.5)


def test_to_dict_has_every_section_and_key():
    data = Params().to_dict()
    assert list(data) == list(SECTIONS)
    for section, cls in SECTIONS.items():
        assert list(data[section]) == [f.name for f in dataclasses.fields(cls)]


def test_to_dict_from_dict_round_trip_also_through_json():
    p = (Params().replace("population", workers=777)
         .replace("firms", layoff_rule="seniority", mean_size=15)
         .replace("market", quit_rate=0.0125, wage_curve_elasticity=-0.3)
         .replace("run", years=3, burn_in_months=6, root_seed=2**63 - 1))
    assert Params.from_dict(p.to_dict()) == p
    assert Params.from_dict(json.loads(json.dumps(p.to_dict()))) == p
    assert Params.from_dict(Params().to_dict()) == Params()
    data = p.to_dict()
    data["market"]["quit_rate"] = 0.5  # a plain copy: editing it does not touch p
    assert p.market.quit_rate == 0.0125


# ---------------------------------------------------------------- the parameter table
def test_describe_params_lists_every_field_once():
    p = Params().replace("market", quit_rate=0.02)
    rows = describe_params(p)
    keys = [row["key"] for row in rows]
    assert keys == FIELD_IDS
    assert len(keys) == len(set(keys))
    for row, (section, _, f) in zip(rows, all_fields(), strict=True):
        assert row["value"] == getattr(getattr(p, section), f.name)
        assert row["unit"] == f.metadata["unit"]
        assert row["meaning"] == f.metadata["doc"]
        assert row["source"] == f.metadata["source"]
        assert row["allowed"] == allowed_values(section, f.name)
    assert next(r for r in rows if r["key"] == "market.quit_rate")["value"] == 0.02


# ---------------------------------------------------------------- property: float bounds
FLOAT_FIELDS = [
    ("population", "initial_unemployment"),
    ("firms", "size_tail"),
    ("firms", "demand_persistence_annual"),
    ("market", "quit_rate"),
    ("market", "wage_curve_elasticity"),
    ("market", "screening_validity"),
]


def bounds_of(section: str, key: str) -> tuple[float, float]:
    f = next(f for f in dataclasses.fields(SECTIONS[section]) if f.name == key)
    return f.metadata["bounds"]


@st.composite
def in_bounds(draw):
    section, key = draw(st.sampled_from(FLOAT_FIELDS))
    lo, hi = bounds_of(section, key)
    return section, key, draw(st.floats(min_value=lo, max_value=hi))


@st.composite
def out_of_bounds(draw):
    section, key = draw(st.sampled_from(FLOAT_FIELDS))
    lo, hi = bounds_of(section, key)
    value = draw(st.floats(max_value=lo, exclude_max=True)
                 | st.floats(min_value=hi, exclude_min=True)
                 | st.just(math.nan))
    return section, key, value


@settings(database=None, deadline=None)
@given(in_bounds())
def test_any_in_bounds_float_is_accepted(case):
    section, key, value = case
    obj = build(section, **{key: value})
    assert getattr(obj, key) == value
    assert getattr(Params().replace(section, **{key: value}), section) == obj


@settings(database=None, deadline=None)
@given(out_of_bounds())
def test_any_out_of_bounds_float_is_rejected(case):
    section, key, value = case
    with pytest.raises(ValueError) as err:
        build(section, **{key: value})
    lo, hi = bounds_of(section, key)
    assert str(err.value).startswith(f"{section}.{key} must be a number in [{lo}, {hi}]")
