"""Scenario files: shipped scenarios, `extends` merging, error messages, `--set` overrides."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from sim.experiments.scenario import (
    ScenarioError,
    available_scenarios,
    load_scenario,
    parse_override,
    shipped_scenarios_dir,
)
from sim.model.params import Params


def write(folder: Path, name: str, text: str) -> Path:
    """Write a scenario file (dedented) and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def error_of(*args, **kwargs) -> str:
    """The message of the ScenarioError that load_scenario raises (checked to be one line)."""
    with pytest.raises(ScenarioError) as err:
        load_scenario(*args, **kwargs)
    message = str(err.value)
    assert "\n" not in message
    assert isinstance(err.value, ValueError)
    return message


@pytest.fixture
def elsewhere(in_empty_dir) -> Path:
    """An empty working directory (no ./scenarios), so only shipped scenarios are found by name."""
    return in_empty_dir


# ---------------------------------------------------------------- shipped scenarios
def test_shipped_scenarios_are_available(elsewhere):
    assert {"baseline", "no_ai"} <= set(available_scenarios())
    assert (shipped_scenarios_dir() / "baseline.toml").is_file()
    assert (shipped_scenarios_dir() / "no_ai.toml").is_file()


AI_BLOCKS = ("ranking", "productivity", "automation", "new_work", "policies")


def test_no_ai_is_the_baseline_with_every_ai_block_off(elsewhere):
    baseline = load_scenario("baseline")
    no_ai = load_scenario("no_ai")
    assert baseline.name == "baseline" and no_ai.name == "no_ai"
    assert all(getattr(baseline.params.ai, block) for block in AI_BLOCKS)
    assert no_ai.params == baseline.params.replace("ai", **dict.fromkeys(AI_BLOCKS, False))
    assert baseline.params.population.workers == 10_000
    assert (baseline.params.run.years, baseline.params.run.seeds) == (10, 10)
    assert baseline.params.run.root_seed == 20250101
    assert [Path(f).name for f in baseline.files] == ["baseline.toml"]
    assert [Path(f).name for f in no_ai.files] == ["baseline.toml", "no_ai.toml"]
    assert "AI" in no_ai.description and no_ai.description != baseline.description
    assert baseline.overrides == () and no_ai.overrides == ()
    assert load_scenario().params == baseline.params  # baseline is the default


def test_the_channel_scenarios_are_the_arms_of_the_two_channel_test(elsewhere):
    """The shipped one-channel scenarios switch the blocks the arms of the two-channel merge
    of the factors switch (new work with people, the policies with technology)."""
    from sim.experiments.factors import arm_params, parse_factors

    arms = arm_params(load_scenario("baseline").params, parse_factors(
        "people=ranking+productivity+new_work,technology=automation+policies"))
    for scenario, arm in (("no_ai", "no_ai"), ("augmentation_only", "people"),
                          ("automation_only", "technology")):
        assert load_scenario(scenario).params == arms[arm], scenario


# ---------------------------------------------------------------- extends
def test_child_overrides_one_key_and_inherits_the_rest(tmp_path, elsewhere):
    parent = write(tmp_path / "cfg", "parent.toml", """
        description = "the parent"
        [market]
        quit_rate = 0.03
        on_the_job_search = 0.1
        [firms]
        layoff_rule = "seniority"
        [run]
        years = 3
    """)
    child = write(tmp_path / "cfg", "child.toml", """
        extends = "parent"
        [market]
        quit_rate = 0.02
    """)
    scenario = load_scenario(str(child))
    expected = (Params().replace("market", quit_rate=0.02, on_the_job_search=0.1)
                .replace("firms", layoff_rule="seniority").replace("run", years=3))
    assert scenario.params == expected
    assert scenario.name == "child"
    assert scenario.files == (str(parent), str(child))
    assert scenario.description == "the parent"  # inherited when the child has none
    assert load_scenario(str(parent)).params.market.quit_rate == 0.03


def test_extends_finds_a_name_next_to_the_file_before_the_shipped_one(tmp_path, elsewhere):
    # cfg/baseline.toml shadows the shipped baseline for files in cfg/
    write(tmp_path / "cfg", "baseline.toml", """
        [market]
        quit_rate = 0.04
    """)
    child = write(tmp_path / "cfg", "child.toml", """
        extends = "baseline"
        description = "mine"
        [run]
        years = 2
    """)
    scenario = load_scenario(str(child))
    assert scenario.params.market.quit_rate == 0.04
    assert scenario.params.run.years == 2
    assert scenario.description == "mine"
    assert scenario.files == (str(tmp_path / "cfg" / "baseline.toml"), str(child))


def test_extends_falls_back_to_the_shipped_scenarios(tmp_path, elsewhere):
    child = write(tmp_path / "cfg", "child.toml", """
        extends = "no_ai"
        [market]
        quit_rate = 0.02
    """)
    scenario = load_scenario(str(child))
    assert scenario.params == load_scenario("no_ai").params.replace("market", quit_rate=0.02)
    assert [Path(f).name for f in scenario.files] == ["baseline.toml", "no_ai.toml", "child.toml"]


def test_extends_cycle_is_an_error(tmp_path, elsewhere):
    a = write(tmp_path, "a.toml", 'extends = "b"\n')
    write(tmp_path, "b.toml", 'extends = "a"\n')
    assert "cycle" in error_of(str(a))
    own = write(tmp_path, "own.toml", 'extends = "own"\n')
    message = error_of(str(own))
    assert "cycle" in message and "own.toml" in message


def test_extends_must_be_a_name(tmp_path, elsewhere):
    path = write(tmp_path, "bad.toml", "extends = 5\n")
    message = error_of(str(path))
    assert message.startswith(f"{path}: ") and "extends" in message


def test_extends_an_unknown_name_names_the_file_and_suggests(tmp_path, elsewhere):
    """Every mistake names the file: a typo in ``extends`` too, with the closest name, also
    among the files next to it."""
    child = write(tmp_path, "child.toml", 'extends = "basline"\n')
    message = error_of(str(child))
    assert "'baseline'" in message
    assert str(child) in message
    write(tmp_path, "regional.toml", "")
    sibling_typo = write(tmp_path, "child2.toml", 'extends = "regionl"\n')
    assert "'regional'" in error_of(str(sibling_typo))


def test_extends_a_relative_path_is_relative_to_the_file(tmp_path, elsewhere):
    write(tmp_path / "cfg", "parent.toml", "[run]\nyears = 3\n")
    child = write(tmp_path / "cfg", "child.toml", 'extends = "parent.toml"\n')
    assert load_scenario(str(child)).params.run.years == 3


# ---------------------------------------------------------------- unknown keys and sections
def test_unknown_key_names_the_file_the_key_and_the_closest_valid_key(tmp_path, elsewhere):
    path = write(tmp_path, "typo.toml", """
        [market]
        quit_rat = 0.01
    """)
    message = error_of(str(path))
    assert message.startswith(f"{path}: ")
    assert "'market.quit_rat'" in message
    assert "did you mean 'market.quit_rate'" in message


@pytest.mark.parametrize(("section", "key", "replacements"), [
    ("ai", "augmentation", ("ai.ranking", "ai.productivity", "ai.new_work")),
    ("ai", "demand_elasticity", ("firms.industry_demand_elasticity",
                                 "firms.substitution_elasticity")),
    ("ai", "wage_pass_through", ()),
    ("ai", "max_gain", ("ai.frontier_gain", "ai.gain_cap")),
    ("freelance", "ai_task_demand", ("freelance.ai_specialist_share",
                                     "freelance.ai_specialist_growth")),
])
def test_a_retired_key_says_what_replaced_it(tmp_path, elsewhere, section, key, replacements):
    """A key of an earlier version, in a file or a --set, is refused in one line that says
    what replaced it (sim.model.params.RETIRED), not with a guess at a similar name."""
    from sim.model.params import RETIRED

    assert f"{section}.{key}" in RETIRED
    path = write(tmp_path, "old.toml", f"extends = \"baseline\"\n[{section}]\n{key} = 0\n")
    for message, origin in ((error_of(str(path)), str(path)),
                            (error_of("baseline", [f"{section}.{key}=0"]),
                             f"--set {section}.{key}=0")):
        assert message == f"{origin}: '{section}.{key}' no longer exists: " \
            f"{RETIRED[f'{section}.{key}']}"
        assert all(new in message for new in replacements), message


def test_unknown_key_without_a_close_match_lists_the_valid_keys(tmp_path, elsewhere):
    path = write(tmp_path, "typo.toml", """
        [run]
        zzzzzz = 1
    """)
    message = error_of(str(path))
    assert message.startswith(f"{path}: ") and "'run.zzzzzz'" in message
    for key in ("run.years", "run.burn_in_months", "run.seeds", "run.root_seed"):
        assert key in message


def test_unknown_key_in_a_parent_names_the_parent(tmp_path, elsewhere):
    parent = write(tmp_path, "parent.toml", """
        [firms]
        layof_rule = "random"
    """)
    child = write(tmp_path, "child.toml", 'extends = "parent"\n')
    message = error_of(str(child))
    assert message.startswith(f"{parent}: ")
    assert "did you mean 'firms.layoff_rule'" in message


def test_unknown_section_names_the_file_and_the_closest_section(tmp_path, elsewhere):
    path = write(tmp_path, "typo.toml", """
        [markets]
        quit_rate = 0.01
    """)
    message = error_of(str(path))
    assert message.startswith(f"{path}: ")
    assert "'markets'" in message and "did you mean 'market'" in message


def test_a_section_must_be_a_table(tmp_path, elsewhere):
    path = write(tmp_path, "flat.toml", "market = 5\n")
    message = error_of(str(path))
    assert message.startswith(f"{path}: ") and "'market'" in message and "table" in message


# ---------------------------------------------------------------- bad values
@pytest.mark.parametrize(("body", "key", "allowed"), [
    ('[population]\nworkers = "many"\n', "population.workers", "an integer in [50, 50000000]"),
    ("[population]\nworkers = 10.5\n", "population.workers", "an integer in [50, 50000000]"),
    ("[market]\nquit_rate = 1.5\n", "market.quit_rate", "a number in [0.0, 1.0]"),
    ("[market]\nquit_rate = true\n", "market.quit_rate", "a number in [0.0, 1.0]"),
    ("[run]\nyears = 0\n", "run.years", "an integer in [1, 200]"),
    ('[firms]\nlayoff_rule = "fifo"\n', "firms.layoff_rule",
     "one of 'productivity', 'seniority', 'random'"),
])
def test_bad_value_names_the_file_the_key_and_the_allowed_values(tmp_path, elsewhere, body, key,
                                                                 allowed):
    path = write(tmp_path, "bad.toml", body)
    message = error_of(str(path))
    assert message.startswith(f"{path}: {key} must be ")
    assert allowed in message


def test_bad_value_in_the_parent_names_the_parent_not_the_child(tmp_path, elsewhere):
    grandparent = write(tmp_path / "cfg", "grand.toml", """
        [market]
        quit_rate = 1.5
    """)
    parent = write(tmp_path / "cfg", "parent.toml", """
        extends = "grand"
        [run]
        years = 2
    """)
    child = write(tmp_path / "cfg", "child.toml", """
        extends = "parent"
        [population]
        workers = 500
    """)
    message = error_of(str(child))
    assert message.startswith(f"{grandparent}: market.quit_rate must be a number in [0.0, 1.0]")
    assert str(child) not in message and str(parent) not in message


def test_bad_value_in_the_child_names_the_child(tmp_path, elsewhere):
    write(tmp_path, "parent.toml", "[population]\nworkers = 500\n")
    child = write(tmp_path, "child.toml", 'extends = "parent"\n[population]\nworkers = 5\n')
    message = error_of(str(child))
    assert message.startswith(f"{child}: population.workers must be an integer in [50, 50000000]")


def test_integers_are_accepted_for_float_keys(tmp_path, elsewhere):
    path = write(tmp_path, "ints.toml", "[firms]\nmean_size = 30\n[market]\nquit_rate = 0\n")
    params = load_scenario(str(path)).params
    assert params.firms.mean_size == 30.0 and type(params.firms.mean_size) is float
    assert type(params.market.quit_rate) is float


# ---------------------------------------------------------------- unreadable input
def test_invalid_toml_names_the_file(tmp_path, elsewhere):
    path = write(tmp_path, "broken.toml", "[market\nquit_rate = \n")
    message = error_of(str(path))
    assert message.startswith(f"{path}: ") and "not valid TOML" in message


def test_missing_file_is_an_error(tmp_path, elsewhere):
    path = tmp_path / "nope.toml"
    message = error_of(str(path))
    assert str(path) in message and "no such" in message


def test_missing_parent_file_is_an_error(tmp_path, elsewhere):
    child = write(tmp_path, "child.toml", f'extends = "{(tmp_path / "gone.toml").as_posix()}"\n')
    assert "gone.toml" in error_of(str(child))


@pytest.mark.parametrize(("name", "hint"), [("baselin", "baseline"), ("no-ai", "no_ai"),
                                            ("noai", "no_ai")])
def test_unknown_scenario_name_suggests_the_closest(elsewhere, name, hint):
    message = error_of(name)
    assert f"unknown scenario '{name}'" in message
    assert f"did you mean '{hint}'" in message


def test_unknown_scenario_name_without_a_close_match_lists_the_available(elsewhere):
    message = error_of("zzzzzz")
    assert "did you mean" not in message
    assert "baseline" in message and "no_ai" in message


def test_scenarios_in_the_working_directory_are_found_and_suggested(elsewhere):
    write(elsewhere / "scenarios", "mine.toml", "[run]\nyears = 4\n")
    assert load_scenario("mine").params.run.years == 4
    assert "did you mean 'mine'" in error_of("mines")


# ---------------------------------------------------------------- --set overrides
@pytest.mark.parametrize(("text", "expected"), [
    ("run.years=5", ("run", "years", 5)),
    ("run.years=-3", ("run", "years", -3)),
    ("market.quit_rate=0.012", ("market", "quit_rate", 0.012)),
    ("market.quit_rate=1e-3", ("market", "quit_rate", 0.001)),
    ("a.b=true", ("a", "b", True)),
    ("a.b=false", ("a", "b", False)),
    ('firms.layoff_rule="seniority"', ("firms", "layoff_rule", "seniority")),
    ("firms.layoff_rule='random'", ("firms", "layoff_rule", "random")),
    ("firms.layoff_rule=seniority", ("firms", "layoff_rule", "seniority")),
    ("firms.layoff_rule=two words", ("firms", "layoff_rule", "two words")),
    (" run.years = 7 ", ("run", "years", 7)),
    ("a.b=x=y", ("a", "b", "x=y")),
])
def test_parse_override(text, expected):
    section, key, value = parse_override(text)
    assert (section, key, value) == expected
    assert type(value) is type(expected[2])


@pytest.mark.parametrize("text", ["run.years", "years=5", "=5", "", "run_years=5"])
def test_parse_override_rejects_malformed_input(text):
    with pytest.raises(ScenarioError) as err:
        parse_override(text)
    assert f"--set {text}" in str(err.value)
    assert "section.key=value" in str(err.value)


def test_overrides_win_over_files_and_are_recorded(tmp_path, elsewhere):
    path = write(tmp_path, "file.toml", "[market]\nquit_rate = 0.03\n[run]\nyears = 3\n")
    overrides = ["market.quit_rate=0.02", "firms.layoff_rule=random", "run.seeds=2"]
    scenario = load_scenario(str(path), overrides)
    assert scenario.params == (Params().replace("market", quit_rate=0.02)
                               .replace("firms", layoff_rule="random")
                               .replace("run", years=3, seeds=2))
    assert scenario.overrides == tuple(overrides)
    assert scenario.files == (str(path),)
    # the last of two overrides of the same key wins
    twice = load_scenario("baseline", ["run.years=2", "run.years=4"])
    assert twice.params.run.years == 4
    assert twice.overrides == ("run.years=2", "run.years=4")


@pytest.mark.parametrize(("text", "expected"), [
    ("market.quit_rat=0.1", "did you mean 'market.quit_rate'"),
    ("markets.quit_rate=0.1", "did you mean 'market'"),
    ("market.quit_rate=1.5", "market.quit_rate must be a number in [0.0, 1.0]"),
    ("population.workers=many", "population.workers must be an integer in [50, 50000000]"),
    ("firms.layoff_rule=fifo", "one of 'productivity', 'seniority', 'random'"),
])
def test_bad_override_names_the_override(tmp_path, elsewhere, text, expected):
    path = write(tmp_path, "file.toml", "[market]\nquit_rate = 0.03\n")
    message = error_of(str(path), [text])
    assert message.startswith(f"--set {text}: ")
    assert expected in message
    assert str(path) not in message


def test_a_good_override_does_not_hide_a_bad_file_value(tmp_path, elsewhere):
    path = write(tmp_path, "bad.toml", "[run]\nyears = 0\n")
    message = error_of(str(path), ["market.quit_rate=0.02"])
    assert message.startswith(f"{path}: run.years must be ")
