"""The thesis test: 32 arms sharing set-up, exact Shapley by factor, the groups, who displaced
whom, the hypothesis statistics on hand-built cases, thesis.json and the report."""

from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser
from types import SimpleNamespace

import matplotlib.image
import numpy as np
import pandas as pd
import pytest

from sim import Params, load, load_scenario
from sim.experiments import people
from sim.experiments import thesis as hypotheses
from sim.experiments.factors import DEFAULT_FACTORS, arm_params, arms, parse_factors
from sim.experiments.runner import simulate
from sim.model.ledger import GONE, PROFICIENCY_STEPS, PROFICIENT_BIT, USER_BIT
from sim.model.state import EMPLOYED, FREELANCE, NONPARTICIPANT, UNEMPLOYED
from sim.store.export import export_csv
from sim.workflows.thesis import thesis

TWO_CHANNELS = "people=ranking+productivity+new_work,technology=automation+policies"
SMALL = ["population.workers=1200", "run.years=2", "run.burn_in_months=36"]
SEED = 11


def small() -> Params:
    return load_scenario("baseline", SMALL).params


@pytest.fixture(scope="module")
def one_seed():
    """One seed in all 32 arms of the five blocks."""
    return hypotheses.run_seed(small(), DEFAULT_FACTORS, SEED)


def values_frame(seed_result) -> pd.DataFrame:
    rows = [{"seed": seed_result.seed, "arm": arm, **v, **hypotheses.derived_values(v, 24)}
            for arm, v in seed_result.values.items()]
    return pd.DataFrame(rows)


def test_every_arm_ran_and_sharing_set_up_changes_nothing(one_seed):
    """Each arm, run from the shared months before AI, equals the arm run on its own."""
    assert one_seed.ok and len(one_seed.runs) == 32
    arm_of = arm_params(small().replace("run", people=True), DEFAULT_FACTORS)
    for arm in ("no_ai", "ranking+automation", "new_work+policies", "full"):
        alone = simulate(arm_of[arm], SEED, one_seed.runs[arm].run_id).timeseries
        pd.testing.assert_frame_equal(alone, one_seed.runs[arm].timeseries)


def test_all_factors_off_is_the_no_ai_scenario(one_seed):
    no_ai = simulate(load_scenario("no_ai", SMALL).params, SEED).timeseries
    shared = one_seed.runs["no_ai"].timeseries.drop(columns="run_id")
    pd.testing.assert_frame_equal(no_ai.drop(columns="run_id"), shared)


def test_the_arms_differ_when_ai_is_on(one_seed):
    unemployment = {arm: r.timeseries["unemployment_rate"].sum()
                    for arm, r in one_seed.runs.items()}
    assert len(set(np.round(list(unemployment.values()), 12))) > 16


def test_shapley_parts_add_up_to_the_total_to_floating_point(one_seed):
    values = values_frame(one_seed)
    parts = hypotheses.decompose(values, DEFAULT_FACTORS, [SEED])
    assert "unemployment_months/not_versed" in parts and "hazard/never_user" in parts
    for key, by_part in parts.items():
        total = sum(by_part[f] for f in DEFAULT_FACTORS)
        np.testing.assert_allclose(total, by_part["total"], rtol=0, atol=1e-9, err_msg=key)
        np.testing.assert_allclose(by_part["people"],
                                   by_part["ranking"] + by_part["productivity"], rtol=0,
                                   atol=1e-12)
        np.testing.assert_array_equal(by_part["technology"], by_part["automation"])


def test_the_outcome_keys_a_sweep_may_ask_for_are_the_seed_s_values(one_seed):
    """thesis.outcome_keys() (what a sweep file's thesis metric is checked against) lists
    exactly the outcomes a seed's values hold, and seed_statistics gives one seed's parts and
    statistics as analyze's own decomposition does."""
    values = hypotheses.values_table([one_seed])
    assert {c for c in values.columns if "/" in c} == set(hypotheses.outcome_keys())
    assert len(hypotheses.outcome_keys()) == len(set(hypotheses.outcome_keys()))
    parts, statistics = hypotheses.seed_statistics(one_seed, DEFAULT_FACTORS)
    full = hypotheses.decompose(values, DEFAULT_FACTORS, [SEED])
    assert parts["work_months/versed"]["automation"] == full["work_months/versed"]["automation"][0]
    assert set(statistics) == set(hypotheses.HYPOTHESES)


def test_the_groups_are_partitions_of_the_cohort(one_seed):
    sizes = one_seed.group_sizes
    assert sizes["versed"] + sizes["other_users"] + sizes["not_versed"] == sizes["all"]
    assert sizes["low"] + sizes["middle"] + sizes["high"] == sizes["all"]
    ages = [label for label, _, _ in people.AGE_GROUPS]
    assert sum(sizes[a] for a in ages) == sizes["all"]
    assert sizes["exposed"] + sizes["less_exposed"] == sizes["all"]
    assert min(sizes["versed"], sizes["not_versed"]) > 0


def test_event_counts_add_up_over_the_groups(one_seed):
    """Layoffs and hires of versed, other users and not versed sum to the cohort's, in every
    arm (the who-displaced-whom counts add up to the event counts)."""
    n = one_seed.group_sizes
    for arm, v in one_seed.values.items():
        for event in ("layoffs", "hires", "work_months", "unemployment_months"):
            parts = sum(v[f"{event}/{g}"] * n[g] for g in ("versed", "other_users",
                                                           "not_versed"))
            assert parts == pytest.approx(v[f"{event}/all"] * n["all"], rel=1e-12), (arm, event)
    assert one_seed.values["full"]["layoffs/all"] > 0


def test_the_shares_of_lost_work_sum_to_one(one_seed):
    values = values_frame(one_seed)
    parts = hypotheses.decompose(values, DEFAULT_FACTORS, [SEED])
    sizes = pd.DataFrame([{"seed": SEED, **one_seed.group_sizes}]).set_index("seed")
    who = hypotheses.displacement_accounting(values, parts, sizes, [SEED],
                                             list(DEFAULT_FACTORS), ["automation"])
    shares = sum(who[f"share_{d}"] for d in hypotheses.DESTINATIONS)
    np.testing.assert_allclose(shares, 1.0, rtol=0, atol=1e-12)
    assert all((who[f"share_{d}"] >= 0).all() for d in hypotheses.DESTINATIONS)


def test_run_seed_is_reproducible():
    params = load_scenario("baseline", ["population.workers=500", "run.years=1",
                                        "run.burn_in_months=30"]).params
    factors = parse_factors(TWO_CHANNELS)
    a, b = (hypotheses.run_seed(params, factors, 5) for _ in range(2))
    assert a.values == b.values and a.freelancers == b.freelancers
    for arm in a.runs:
        pd.testing.assert_frame_equal(a.runs[arm].timeseries, b.runs[arm].timeseries)


# ------------------------------------------------------------------ hand-built cases
def ledger(codes, proficiency=None, earnings=None, **traits):
    """A hand-built people ledger: ``codes`` months x people."""
    codes = np.asarray(codes, dtype=np.uint8)
    n = codes.shape[1]
    base = {"person": np.arange(n), "third": np.zeros(n, dtype=np.int8),
            "age_months": np.full(n, 30 * 12), "occupation": np.full(n, 8),
            "policy": np.full(n, -1),
            "status0": np.full(n, EMPLOYED), "skill_rank": np.full(n, 0.5),
            "codes": codes,
            "proficiency": np.zeros(codes.shape, np.uint8) if proficiency is None
            else np.asarray(proficiency, np.uint8),
            "earnings": np.zeros(n) if earnings is None else np.asarray(earnings, float),
            "layoffs": np.zeros(n, np.int32), "hires": np.zeros(n, np.int32),
            "working_total": np.zeros(len(codes), np.int64),
            "wages": np.zeros((len(codes), 4))}
    return SimpleNamespace(**(base | traits))


E, U, F, N = EMPLOYED, UNEMPLOYED, FREELANCE, NONPARTICIPANT
PRO = PROFICIENT_BIT + USER_BIT


def test_groups_and_outcomes_on_a_hand_built_ledger():
    from sim.model.occupations import default_occupations

    # person 0: proficient user from month 0; 1: never uses AI; 2: a user, not proficient at
    # month 0, proficient later; 3: never a user, leaves after month 1
    codes = [[E + PRO, U, E + USER_BIT, N],
             [E + PRO, U, E + PRO, GONE],
             [U + PRO, E, F + PRO, GONE]]
    full = ledger(codes)
    groups = people.define_groups(full, default_occupations(), versed_month=0)
    assert groups["versed"].tolist() == [True, False, False, False]
    assert groups["not_versed"].tolist() == [False, True, False, True]
    assert groups["other_users"].tolist() == [False, False, True, False]
    later = people.define_groups(full, default_occupations(), versed_month=1)
    assert later["versed"].tolist() == [True, False, True, False]
    bins = people.proficiency_bins(full, 0, groups["not_versed"])
    v = people.arm_values(full, groups, bins)
    assert v["unemployment_months/not_versed"] == pytest.approx((2 + 0) / 2)
    assert v["work_months/versed"] == 2  # employed twice, unemployed once
    assert v["labor_force_months/not_versed"] == pytest.approx((3 + 0) / 2)
    assert v["employment_rate/all"] == pytest.approx(6 / 9)  # at work 6 of 9 months in the LF


def test_freelancers_against_matched_employees_on_a_hand_built_case():
    """Two people in one cell: the freelancer ends at 0.4 of the frontier and AI raises their
    earnings by 10%; the employee ends at 0.1 and loses 5%: upskilling +0.3, earnings +15%
    (proficiency is zero before AI arrives; month 0 does not count)."""
    steps = PROFICIENCY_STEPS
    full = ledger([[F, E], [F, E]], proficiency=[[0.3 * steps, 0], [0.4 * steps, 0.1 * steps]],
                  earnings=[110.0, 95.0], status0=np.array([F, E]))
    none = ledger([[F, E], [F, E]], earnings=[100.0, 100.0], status0=np.array([F, E]))
    from sim.model.occupations import default_occupations

    got = people.freelancer_comparison(full, none, default_occupations())
    assert got["upskilling"] == pytest.approx(0.3)
    assert got["earnings"] == pytest.approx(15.0)


def additive_values(effects: dict[str, dict[str, float]], seeds=(1, 2, 3, 4, 5, 6)):
    """Values of every arm: each key is the sum of the effects of the factors on, plus a
    seed-specific level and a little noise in the effects (known Shapley values: the
    effects)."""
    rng = np.random.default_rng(0)
    rows = []
    for seed in seeds:
        level = rng.normal()
        jitter = {key: {f: e * (1 + 0.01 * rng.normal()) for f, e in by_factor.items()}
                  for key, by_factor in effects.items()}
        for arm, on in arms(DEFAULT_FACTORS).items():
            row = {"seed": seed, "arm": arm}
            for key, by_factor in jitter.items():
                row[key] = level + sum(e for f, e in by_factor.items() if f in on)
            rows.append(row)
    return pd.DataFrame(rows), list(seeds)


def test_hypothesis_statistics_recover_known_effects():
    effects = {
        "unemployment_months/not_versed": {"ranking": 0.5, "productivity": 0.3,
                                           "automation": 1.0, "new_work": -0.2},
        "unemployment_gap/not_versed_minus_versed": {"ranking": 0.6, "automation": 0.1},
        "employment_gap/versed_minus_not_versed": {"ranking": 3.0},
        "employment_rate/all": {"automation": -0.01},
        "work_share_gap/versed_minus_not_versed": {"ranking": 1.0},
        "work_months/all": {"automation": -2.4},
        "hazard/never_user": {"automation": 0.4},
        "hazard/users_fifth_5": {"automation": 0.1},
        "skill_judgment_premium/last_year": {"productivity": 0.02},
    }
    values, seeds = additive_values(effects)
    parts = hypotheses.decompose(values, DEFAULT_FACTORS, seeds)
    results = [SimpleNamespace(seed=s, freelancers={"upskilling": 0.05, "earnings": -2.0},
                               monthly={"full": {"wage_p10": np.zeros(120)}}) for s in seeds]
    stats = hypotheses.hypothesis_statistics(values, parts, results, seeds)
    assert stats["H1"].mean() == pytest.approx(0.8 - 1.0, abs=0.02)
    assert stats["H1 relative"].mean() == pytest.approx(0.6 - 0.1, abs=0.02)
    assert stats["H2"].mean() == pytest.approx(3.0 - 1.0, abs=0.1)
    assert stats["H2 per person"].mean() == pytest.approx(1.0 - 100 * 2.4 / 120, abs=0.05)
    assert stats["H3"].mean() == pytest.approx(0.3, abs=0.01)
    assert stats["H4 upskilling"] == pytest.approx(5.0)
    assert stats["H4"] == pytest.approx(-2.0)
    assert stats["H5"].mean() == pytest.approx(2.0, abs=0.05)
    rng = np.random.default_rng(0)
    words = {name: hypotheses.verdict(x, rng)["verdict"] for name, x in stats.items()}
    assert words == {"H1": "rejected", "H1 relative": "supported", "H2": "supported",
                     "H2 per person": "rejected",
                     "H3": "supported", "H4 upskilling": "supported", "H4": "rejected",
                     "H5": "supported"}


def test_h1_robustness_regroups_the_factors_shapley_values():
    effects = {key: {"ranking": 0.1, "productivity": 0.2, "automation": 1.0, "new_work": -0.4,
                     "policies": 0.3} for key in hypotheses.ROBUSTNESS_OUTCOMES}
    values, seeds = additive_values(effects)
    parts = hypotheses.decompose(values, DEFAULT_FACTORS, seeds)
    table = hypotheses.h1_robustness(parts, DEFAULT_FACTORS)
    expected = {"default": 0.3 - 1.0, "policies with people": 0.6 - 1.0,
                "new work with technology": 0.3 - 0.6, "both": 0.6 - 0.6,
                "two-channel test": -0.1 - 1.3}
    for grouping, want in expected.items():
        got = table[grouping]["unemployment_months/not_versed"]
        assert got.mean() == pytest.approx(want, abs=0.03), grouping
    assert hypotheses.h1_robustness(parts, parse_factors("people=ranking+productivity,"
                                                         "automation")) == {}


@pytest.mark.parametrize(("values", "expected"), [
    (np.array([1.0, 1.2, 0.9, 1.1, 1.05]), "supported"),
    (np.array([-1.0, -1.2, -0.9, -1.1, -1.05]), "rejected"),
    (np.array([1.0, -1.2, 0.9, -1.1, 0.2]), "inconclusive"),
])
def test_verdicts(values, expected):
    v = hypotheses.verdict(values, np.random.default_rng(0))
    assert v["verdict"] == expected
    assert v["ci_low"] <= v["estimate"] <= v["ci_high"]
    if expected == "inconclusive":
        assert v["more_seeds_needed"] is None or v["more_seeds_needed"] >= 0


# ------------------------------------------------------------------ the workflow and report
def test_thesis_json_is_reproducible_for_the_same_root_seed(tmp_path):
    """Two runs of the same thesis write the same thesis.json, intervals included (5 seeds,
    the fewest with intervals)."""
    overrides = ["population.workers=500", "run.years=1", "run.seeds=5",
                 "run.burn_in_months=30"]
    factors = "people=ranking+productivity,automation,other=new_work+policies"
    a = thesis(overrides=overrides, factors=factors, progress=False, out=tmp_path / "a")
    thesis(overrides=overrides, factors=factors, progress=False, out=tmp_path / "b")
    assert len(a.json["arms"]) == 8 and a.json["arms"][0] == "no_ai"
    assert np.isfinite(a.json["verdicts"]["H1"]["ci_low"])
    # the technology channel is the automation factor alone: the same interval, to the digit
    by_part = a.json["shapley"]["unemployment_months"]["not_versed"]
    assert by_part["technology"] == by_part["automation"]
    assert np.isfinite(by_part["technology"]["ci_low"])
    assert (tmp_path / "a" / "thesis.json").read_text() == \
        (tmp_path / "b" / "thesis.json").read_text()


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.images = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "img":
            self.images.append(dict(attrs)["src"])


def test_cli_end_to_end_writes_a_valid_report(tmp_path):
    out = tmp_path / "thesis"
    proc = subprocess.run(
        [sys.executable, "-m", "sim", "thesis", "--seeds", "2", "--workers", "400", "--years",
         "1", "--set", "run.burn_in_months=30", "--jobs", "1", "--quiet", "--out", str(out)],
        capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "32 arms x 2 seeds x 400 workers x 1 year" in proc.stdout
    for name in hypotheses.HYPOTHESES:
        assert any(line.startswith(name) for line in proc.stdout.splitlines()), name
    data = json.loads((out / "thesis.json").read_text())
    for key in ("verdicts", "shapley", "who_displaced_whom", "group_sizes", "factors",
                "n_seeds", "outcome_definitions", "group_definitions", "versed_month"):
        assert key in data
    assert set(data["verdicts"]) == set(hypotheses.HYPOTHESES)
    for v in data["verdicts"].values():
        assert v["verdict"] in ("supported", "rejected", "inconclusive")
    parser = _Collector()
    parser.feed((out / "report.html").read_text())
    assert {"h1", "table", "img"} <= set(parser.tags)
    assert parser.images and all(src.startswith("data:image/png;base64,")
                                 for src in parser.images)
    for png in (out / "figures").glob("*.png"):
        assert matplotlib.image.imread(png).ndim == 3
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["kind"] == "thesis"
    assert {"thesis.json", "report.md", "report.html", "runs.parquet", "timeseries.parquet",
            "groups.parquet", "group_months.parquet"} <= set(manifest["files"])
    groups = pd.read_parquet(out / "groups.parquet")
    assert list(groups.columns) == ["seed", "arm", "outcome", "group", "value"]
    assert groups["arm"].nunique() == 32
    exp = load(out)  # the group tables load, and export with every column described
    pd.testing.assert_frame_equal(exp.groups, groups)
    assert set(exp.group_months["arm"]) == set(groups["arm"])
    assert len(exp.group_months) == 2 * 32 * 12
    files = {p.name: p for p in export_csv(exp, tmp_path / "csv")}
    readme = files["README.txt"].read_text()
    for column in (*exp.groups.columns, *exp.group_months.columns):
        assert f"  {column} [" in readme, column
    legend = [t.get_text() for t in exp.plot("unemployment_rate").axes[0].get_legend().texts]
    assert legend == ["no_ai", *DEFAULT_FACTORS, "full"]  # 32 arms: no AI, each factor, full
    chosen = exp.plot("unemployment_rate", arms=["full", "ranking+automation"])
    assert [t.get_text() for t in chosen.axes[0].get_legend().texts] == [
        "full", "ranking+automation"]
    with pytest.raises(KeyError, match="no arm 'robots'"):
        exp.plot("unemployment_rate", arms=["robots"])
    md = (out / "report.md").read_text()
    assert md.index("| **H1** |") < md.index("**Caveats.**") < md.index("## The hypotheses")


def test_thesis_defaults_yield_to_explicit_choices(tmp_path, capsys):
    from sim.cli import main

    assert main(["thesis", "--set", "run.seeds=2", "--set", "population.workers=300",
                 "--years", "1", "--set", "run.burn_in_months=30", "--jobs", "1", "--quiet",
                 "--factors", "ranking,automation", "--out", str(tmp_path / "t")]) == 0
    out = capsys.readouterr().out
    assert "4 arms x 2 seeds x 300 workers x 1 year," in out
    assert "held off in every arm: productivity, new_work, policies" in out


class Stop(Exception):
    """Raised by the fake thesis runner with the parameters it was given."""


@pytest.mark.parametrize(("kwargs", "seeds", "workers"), [
    ({}, 8, 10_000),
    ({"seeds": 3, "workers": 600}, 3, 600),
    ({"overrides": ["run.seeds=5"]}, 5, 10_000),
])
def test_sim_thesis_has_the_command_lines_defaults(monkeypatch, kwargs, seeds, workers):
    import sim
    from sim.workflows import thesis as workflow

    def capture(params, factors, **_):
        raise Stop(params)

    monkeypatch.setattr(workflow, "run_thesis", capture)
    for scenario in ("baseline", sim.load_scenario("baseline", ["run.years=2"])):
        with pytest.raises(Stop) as stopped:
            sim.thesis(scenario, progress=False, **kwargs)
        params = stopped.value.args[0]
        assert (params.run.seeds, params.population.workers) == (seeds, workers)
    assert params.run.years == 2  # a Scenario's own overrides are kept
