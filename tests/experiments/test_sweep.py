"""Sweep definitions (sim/experiments/sweep/): validation of the file and the design's points."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sweep_files import tiny_sweep

from sim.errors import SweepError
from sim.experiments.sweep.design import design_points
from sim.experiments.sweep.load import followup_sweep, load_sweep

EXPERIMENTS = Path(__file__).resolve().parents[2] / "experiments"

RANGES = ('"ai.capability_growth" = { min = 0.1, max = 0.6 }\n'
          '"firms.industry_demand_elasticity" = { min = 0.0, max = 1.5 }')


def write(tmp_path: Path, design: str = "grid", samples: str = "", parameters: str | None = None,
          extra: str = "") -> Path:
    if parameters is None:
        parameters = ('"ai.capability_growth" = { values = [0.1, 0.4] }\n'
                      '"firms.industry_demand_elasticity" = { min = 0.5, max = 1.5, step = 0.5 }')
    path = tmp_path / "tiny.toml"
    text = tiny_sweep(design=design, top=f'scenario = "baseline"\n{samples}',
                      parameters=parameters, root_seed=11)
    # tables go at the end; plain keys at the top, before any table
    path.write_text(text + extra if extra.startswith("[") else extra + text)
    return path


@pytest.mark.parametrize("name", ["thesis_map", "policy_comparison", "sensitivity"])
def test_shipped_sweeps_are_valid(name):
    sweep = load_sweep(EXPERIMENTS / f"{name}.toml")
    assert sweep.name == name
    assert len(design_points(sweep)) >= 7


def test_thesis_map_varies_the_three_named_parameters_and_asks_the_people_share():
    sweep = load_sweep(EXPERIMENTS / "thesis_map.toml")
    assert set(sweep.names) == {"ai.capability_growth", "firms.industry_demand_elasticity",
                                "ai.propensity_effect"}
    assert sweep.outcomes[0].column == "people_share(unemployment_months/not_versed)"
    from sim.experiments.thesis import HYPOTHESES

    assert [o.metric for o in sweep.outcomes if o.statistic == "hypothesis"] == list(HYPOTHESES)
    assert sweep.arms_per_run == 8 and set(sweep.factors) == {"people", "technology", "other"}


def test_parameters_said_to_be_swept_are_in_the_shipped_sweeps():
    """A parameter whose source says it is in the sensitivity sweep or the thesis map is
    varied there (the judgment parameters of firms and new work among them)."""
    from sim.model.params import Params, describe_params

    swept = {"sensitivity sweep": set(load_sweep(EXPERIMENTS / "sensitivity.toml").names),
             "thesis map": set(load_sweep(EXPERIMENTS / "thesis_map.toml").names)}
    said = {where: {row["key"] for row in describe_params(Params()) if where in row["source"]}
            for where in swept}
    assert {"firms.substitution_elasticity", "ai.new_work_share"} <= said["sensitivity sweep"]
    assert "firms.industry_demand_elasticity" in said["thesis map"]
    for where, keys in said.items():
        assert keys <= swept[where], (where, keys - swept[where])
    sensitivity = load_sweep(EXPERIMENTS / "sensitivity.toml").parameters
    assert sensitivity["firms.substitution_elasticity"] == {"min": 3.0, "max": 6.0}
    assert sensitivity["ai.new_work_share"] == {"min": 0.05, "max": 0.3}
    assert sensitivity["firms.firms_per_market"] == {"min": 10.0, "max": 200.0}


@pytest.mark.parametrize("name", ["thesis_map", "sensitivity"])
def test_shipped_sweeps_vary_each_parameter_around_its_baseline_value(name):
    """Each varied parameter's range (or list) holds the base scenario's value, so a
    recalibrated default that leaves its range is caught here."""
    sweep = load_sweep(EXPERIMENTS / f"{name}.toml")
    base = sweep.base_params()
    for key, spec in sweep.parameters.items():
        section, field_name = key.split(".")
        value = getattr(getattr(base, section), field_name)
        values = spec.get("values", [spec.get("min"), spec.get("max")])
        assert min(values) <= value <= max(values), (key, value, spec)


def test_policy_comparison_covers_every_regime():
    from sim.experiments.scenario import load_scenario
    from sim.model.params import REGIMES

    sweep = load_sweep(EXPERIMENTS / "policy_comparison.toml")
    covered = set()
    for name in sweep.parameters["scenario"]["values"]:
        policies = load_scenario(name).params.policies
        covered |= {r for r in REGIMES if getattr(policies, r) == 1.0}
    assert covered == set(REGIMES)


BAD = {
    "unknown top-level key": ("grid", "", None, 'replicats = 3\n', "did you mean 'replicates'"),
    "unknown parameter": ("grid", "", '"ai.capability_grwth" = { values = [0.1] }', "",
                          "did you mean 'ai.capability_growth'"),
    "unknown section": ("grid", "", '"aii.capability_growth" = { values = [0.1] }', "",
                        "unknown section"),
    "min above max": ("lhs", "samples = 8", '"ai.capability_growth" = { min = 0.6, max = 0.1 }\n'
                      '"firms.industry_demand_elasticity" = { min = 0.0, max = 1.5 }', "",
                      "must be below max"),
    "grid range without step": ("grid", "", '"ai.capability_growth" = { min = 0.1, max = 0.6 }',
                                "", "needs step"),
    "values outside grid": ("lhs", "samples = 8", '"ai.capability_growth" = { values = [0.1] }',
                            "", "needs design = 'grid'"),
    "unknown range key": ("lhs", "samples = 8", '"ai.capability_growth" = { min = 0.1, '
                          'maxi = 0.6 }', "", "unknown key 'maxi'"),
    "out-of-bounds value": ("grid", "", '"market.quit_rate" = { values = [0.01, 1.5] }', "",
                            "[0.0, 1.0]"),
    "sobol not a power of two": ("sobol", "samples = 12", RANGES, "", "power of two"),
    "too few lhs samples": ("lhs", "samples = 1", RANGES, "", "at least 2"),
    "too few morris trajectories": ("morris", "samples = 1", RANGES, "", "at least 2"),
    "one parameter for sobol": ("sobol", "samples = 8",
                                '"ai.capability_growth" = { min = 0.1, max = 0.6 }', "",
                                "at least two parameters"),
    "odd morris levels": ("morris", "samples = 4\nlevels = 3", RANGES, "", "even"),
    "followup without morris": ("lhs", "samples = 8", RANGES, "[followup]\ntop = 2\n",
                                "needs design = 'morris'"),
    "unknown design": ("factorial", "", None, "", "grid, lhs, sobol, morris"),
    "unknown metric": ("grid", "", None, '[[outcomes]]\nmetric = "unemployment"\n',
                       "unknown metric"),
    "unknown statistic": ("grid", "", None, '[[outcomes]]\nmetric = "unemployment_rate"\n'
                          'statistic = "median"\n', "horizon, path_mean"),
    "unknown scenario": ("grid", "", 'scenario = { values = ["baseline", "klarna"] }', "",
                         "parameters.scenario"),
    "retired statistic": ("grid", "", None, '[[outcomes]]\nstatistic = "people_part"\n',
                          "statistic = 'part' with factor = 'people'"),
    "part without factor": ("grid", "", None, '[[outcomes]]\nstatistic = "part"\n',
                            "factor for part must be one of ranking, productivity, automation,"
                            " new_work, policies, people, technology, total"),
    "share of total": ("grid", "", None, '[[outcomes]]\nstatistic = "share"\nfactor = "total"\n',
                       "factor for share must be one of"),
    "factor on a plain statistic": ("grid", "", None, '[[outcomes]]\nmetric = "unemployment_rate"'
                                    '\nfactor = "people"\n', "applies only to statistic"),
    "unknown hypothesis": ("grid", "", None, '[[outcomes]]\nstatistic = "hypothesis"\n'
                           'metric = "H6"\n', "H1, H1 relative, H2"),
    "unknown thesis outcome": ("grid", "", None, '[[outcomes]]\nstatistic = "people_share"\n'
                               'metric = "unemployment_months/not_versd"\n',
                               "did you mean 'unemployment_months/not_versed'"),
    "bad factors": ("grid", 'factors = "people=ranking+robots"', None, "",
                    "factors: unknown block 'robots'; blocks are ranking"),
    "factors not text": ("grid", 'factors = ["ranking"]', None, "", "factors must be a string"),
    "an empty channel": ("grid", 'factors = "all=ranking+productivity+automation"', None,
                         '[[outcomes]]\nstatistic = "people_share"\n',
                         "leave one of them empty"),
    "versed month past the horizon": ("grid", "versed_month = 24", None, '[[outcomes]]\n'
                                      'statistic = "hypothesis"\nmetric = "H3"\n',
                                      "versed_month 24: must be a reported month, 0 (January "
                                      "2025) to 11"),
    "an arm switch varied": ("grid", "", '"ai.automation" = { values = [true, false] }',
                             '[[outcomes]]\nstatistic = "hypothesis"\nmetric = "H1"\n',
                             "ai.automation: the thesis arms switch the AI blocks"),
    "a factor named total": ("grid", 'factors = "total=ranking,technology=automation"', None,
                             "", "factors: factor name 'total' is used twice or reserved"),
    "a scenario switching a block off": ("grid", "", 'scenario = { values = ["baseline", '
                                         '"no_ai"] }', '[[outcomes]]\nstatistic = "hypothesis"'
                                         '\nmetric = "H1"\n', "parameters.scenario: scenario "
                                         "'no_ai' switches ai.ranking off"),
    "a hypothesis as a monthly metric": ("grid", "", None, '[[outcomes]]\nmetric = "H1"\n',
                                         "'H1' is a thesis outcome, not a monthly metric: use "
                                         "statistic = 'hypothesis'"),
    "a thesis outcome's path mean": ("grid", "", None, '[[outcomes]]\nmetric = '
                                     '"unemployment_months/not_versed"\n', "use statistic = "
                                     "'part', 'share' or 'people_share'"),
    "an outcome twice": ("grid", "", None, '[[outcomes]]\nmetric = "unemployment_rate"\n'
                         'statistic = "path_mean"\n',
                         "outcomes[1]: path_mean(unemployment_rate) is listed twice"),
    "a heat map of one parameter": ("grid", 'heatmap = ["ai.capability_growth"]', None, "",
                                    "heatmap must name two different varied parameters"),
    "a heat map of a parameter twice": ("grid", 'heatmap = ["ai.capability_growth", '
                                        '"ai.capability_growth"]', None, "",
                                        "heatmap must name two different varied parameters"),
    "non-number for sobol": ("sobol", "samples = 8", '"ai.capability_path" = { min = 0, max = 1 }'
                             '\n"firms.industry_demand_elasticity" = { min = 0.0, max = 1.5 }', "",
                             "numbers only"),
}


@pytest.mark.parametrize(("design", "samples", "parameters", "extra", "expected"), BAD.values(),
                         ids=BAD.keys())
def test_mistakes_are_one_line_naming_the_file(tmp_path, design, samples, parameters, extra,
                                               expected):
    path = write(tmp_path, design, samples, parameters, extra)
    with pytest.raises(SweepError) as caught:
        load_sweep(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(str(path))
    assert expected in message


def test_a_base_scenario_switching_a_block_off_is_refused_with_thesis_outcomes(tmp_path):
    path = write(tmp_path, extra='[[outcomes]]\nstatistic = "people_share"\n')
    path.write_text(path.read_text().replace('scenario = "baseline"',
                                             'scenario = "automation_only"'))
    with pytest.raises(SweepError, match="scenario: scenario 'automation_only' switches ai."):
        load_sweep(path)
    plain = write(tmp_path)  # without thesis outcomes the scenario's switches are its own
    plain.write_text(plain.read_text().replace('scenario = "baseline"',
                                               'scenario = "automation_only"'))
    assert not load_sweep(plain).params_at({}).ai.ranking


def test_missing_file_and_bad_toml(tmp_path):
    with pytest.raises(SweepError, match="cannot read"):
        load_sweep(tmp_path / "nope.toml")
    (tmp_path / "bad.toml").write_text("design = \n")
    with pytest.raises(SweepError, match="not valid TOML"):
        load_sweep(tmp_path / "bad.toml")


def test_grid_is_the_full_factorial_of_lists_and_stepped_ranges(tmp_path):
    sweep = load_sweep(write(tmp_path))
    points = design_points(sweep)
    elasticity = "firms.industry_demand_elasticity"
    assert list(points.columns) == ["point_id", "ai.capability_growth", elasticity]
    assert list(points["point_id"]) == list(range(6))
    pairs = set(zip(points["ai.capability_growth"], points[elasticity], strict=True))
    assert pairs == {(a, b) for a in (0.1, 0.4) for b in (0.5, 1.0, 1.5)}


def test_lhs_puts_one_point_in_each_stratum_of_each_parameter(tmp_path):
    sweep = load_sweep(write(tmp_path, "lhs", "samples = 10", RANGES))
    points = design_points(sweep)
    assert len(points) == 10
    for name, spec in sweep.parameters.items():
        x = (points[name] - spec["min"]) / (spec["max"] - spec["min"])
        assert sorted(np.floor(x * 10).astype(int)) == list(range(10))


def test_sobol_and_morris_sizes_and_morris_one_at_a_time_steps(tmp_path):
    sobol = load_sweep(write(tmp_path, "sobol", "samples = 8", RANGES))
    assert len(design_points(sobol)) == 8 * (2 + 2)
    second = load_sweep(write(tmp_path, "sobol", "samples = 8\nsecond_order = true", RANGES))
    assert len(design_points(second)) == 8 * (2 * 2 + 2)
    morris = load_sweep(write(tmp_path, "morris", "samples = 5", RANGES))
    points = design_points(morris)[morris.names].to_numpy()
    assert len(points) == 5 * 3
    steps = np.abs(np.diff(points.reshape(5, 3, 2), axis=1)) > 1e-12
    assert (steps.sum(axis=2) == 1).all()  # each step of a trajectory moves one parameter


def test_designs_are_seeded_by_the_root_seed(tmp_path):
    a = design_points(load_sweep(write(tmp_path, "lhs", "samples = 6", RANGES)))
    b = design_points(load_sweep(write(tmp_path, "lhs", "samples = 6", RANGES)))
    assert a.equals(b)
    other = write(tmp_path, "lhs", "samples = 6", RANGES).read_text().replace(
        "root_seed = 11", "root_seed = 12")
    (tmp_path / "other.toml").write_text(other)
    assert not design_points(load_sweep(tmp_path / "other.toml")).equals(a)


def test_integer_parameters_take_whole_values(tmp_path):
    parameters = ('"market.applications_unemployed" = { min = 2, max = 10 }\n'
                  '"firms.industry_demand_elasticity" = { min = 0.0, max = 1.5 }')
    points = design_points(load_sweep(write(tmp_path, "lhs", "samples = 7", parameters)))
    assert points["market.applications_unemployed"].dtype == np.int64


def test_years_workers_and_set_reach_every_point(tmp_path):
    sweep = load_sweep(write(tmp_path))
    params = sweep.params_at({"ai.capability_growth": 0.4, "firms.industry_demand_elasticity": 1.5})
    assert params.run.years == 1
    assert params.population.workers == 300
    assert params.run.burn_in_months == 6
    assert params.ai.capability_growth == 0.4
    assert params.firms.industry_demand_elasticity == 1.5


def test_a_grid_over_scenarios(tmp_path):
    sweep = load_sweep(write(tmp_path, parameters='scenario = { values = ["baseline", '
                                                  '"klarna_freeze_reverse"] }'))
    points = design_points(sweep)
    assert list(points["scenario"]) == ["baseline", "klarna_freeze_reverse"]
    klarna = sweep.params_at({"scenario": "klarna_freeze_reverse"})
    assert klarna.policies.freeze_reverse == 1.0
    assert klarna.population.workers == 300  # the sweep's settings apply to every scenario


def test_root_seed_defaults_to_the_scenario_s(tmp_path):
    from sim.experiments.scenario import load_scenario

    path = write(tmp_path)
    path.write_text(path.read_text().replace("root_seed = 11\n", ""))
    assert load_sweep(path).root_seed == load_scenario("baseline").params.run.root_seed


def test_followup_is_a_valid_sobol_sweep_on_the_top_parameters():
    sweep = load_sweep(EXPERIMENTS / "sensitivity.toml")
    top = sweep.names[:3]
    follow = followup_sweep(sweep, top)
    assert follow.design == "sobol"
    assert follow.names == top
    assert follow.samples == sweep.followup["samples"]
    assert follow.replicates == sweep.replicates
    assert len(design_points(follow)) == follow.samples * (3 + 2)
