"""The thesis test: four arms, Shapley decomposition, verdicts, thesis.json and the report."""

from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser

import matplotlib.image
import numpy as np
import pytest

from sim import Params
from sim.experiments import thesis as hypotheses
from sim.stats import seeds_to_settle, shapley
from sim.workflows.thesis import thesis


def small(**ai) -> Params:
    params = (Params().replace("population", workers=1200)
              .replace("run", years=2, seeds=3, burn_in_months=36))
    return params.replace("ai", **ai) if ai else params


@pytest.fixture(scope="module")
def result():
    return hypotheses.run_arms(small(), progress=False)


def test_the_decomposition_adds_up_exactly(result):
    arms = {arm: result.outcomes[result.outcomes["arm"] == arm].set_index("seed")
            for arm in hypotheses.ARMS}
    for key in [c for c in result.outcomes.columns if "/" in c]:
        values = [arms[arm][key].to_numpy() for arm in hypotheses.ARMS]
        people, tech = shapley(*values)
        np.testing.assert_allclose(people + tech, values[3] - values[0], rtol=0, atol=1e-12)
    d = result.decomposition.pivot_table(index=["outcome", "group"], columns="part",
                                         values="mean")
    np.testing.assert_allclose(d["people"] + d["tech"], d["total"], rtol=0, atol=1e-9)


def test_shapley_on_random_numbers_is_additive():
    rng = np.random.default_rng(1)
    none, aug, auto, full = rng.normal(size=(4, 50))
    people, tech = shapley(none, aug, auto, full)
    assert np.all(people + tech == pytest.approx(full - none, abs=1e-15))


def test_all_four_arms_are_identical_without_capability():
    zero = hypotheses.run_arms(small(capability_start=0.0), progress=False)
    metrics = [c for c in zero.timeseries.columns if c not in ("run_id", "arm")]
    by_arm = [zero.timeseries[zero.timeseries["arm"] == arm][metrics].reset_index(drop=True)
              for arm in hypotheses.ARMS]
    for frame in by_arm[1:]:
        assert frame.equals(by_arm[0])
    assert (zero.decomposition["mean"].fillna(0) == 0).all()
    assert {v["verdict"] for v in zero.json["verdicts"].values()} == {"inconclusive"}


def test_arms_share_seeds_and_the_groups_are_the_same_people(result):
    seeds = result.runs.groupby("arm")["seed"].apply(sorted)
    assert all(seeds[arm] == seeds["no_ai"] for arm in hypotheses.ARMS)
    assert result.json["n_seeds"] == 3


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


def test_seeds_to_settle_grows_as_the_effect_shrinks():
    rng = np.random.default_rng(2)
    noise = rng.normal(size=10)
    assert seeds_to_settle(0.3 + noise) > seeds_to_settle(1.0 + noise)
    assert seeds_to_settle(0.001 + noise) is None  # too close to zero to settle


def test_thesis_json_is_reproducible_for_the_same_root_seed(tmp_path):
    """The saved analysis is what analysing the saved runs again gives, bootstrap intervals
    included (5 seeds, the fewest with intervals, so that every interval is drawn; the runs
    themselves are reproducible by seed, tested with the runner)."""
    from sim.store.write import json_safe

    a = thesis(overrides=["population.workers=500", "run.years=1", "run.seeds=5",
                          "run.burn_in_months=30"], progress=False, out=tmp_path / "a")
    assert np.isfinite(a.json["verdicts"]["H1"]["ci_low"])
    again = hypotheses.analyze(a.runs, a.timeseries, a.events, 20250101)
    again.json["scenario"] = a.json["scenario"]
    assert json.dumps(again.json, default=str) == json.dumps(a.json, default=str)
    saved = json.loads((tmp_path / "a" / "thesis.json").read_text())
    assert saved == json.loads(json.dumps(json_safe(again.json)))


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
        [sys.executable, "-m", "sim", "thesis", "--seeds", "2", "--workers", "800", "--years",
         "1", "--set", "run.burn_in_months=30", "--jobs", "1", "--quiet", "--out", str(out)],
        capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "H1" in proc.stdout and "H2" in proc.stdout and "report.html" in proc.stdout
    data = json.loads((out / "thesis.json").read_text())
    for key in ("verdicts", "shapley", "aggregate_displacement", "compositional_displacement",
                "n_seeds", "outcome_definitions"):
        assert key in data
    for v in data["verdicts"].values():
        assert v["verdict"] in ("supported", "rejected", "inconclusive")
        assert {"estimate", "ci_low", "ci_high"} <= set(v)
    parser = _Collector()
    parser.feed((out / "report.html").read_text())
    assert {"h1", "table", "img"} <= set(parser.tags)
    assert parser.images and all(src.startswith("data:image/png;base64,")
                                 for src in parser.images)
    for png in (out / "figures").glob("*.png"):
        assert matplotlib.image.imread(png).ndim == 3
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["kind"] == "thesis"
    assert {"thesis.json", "report.md", "report.html", "runs.parquet",
            "timeseries.parquet"} <= set(manifest["files"])
    md = (out / "report.md").read_text()
    assert md.index("## Verdict") < md.index("## Caveats") < md.index("## The decomposition")


def test_thesis_defaults_yield_to_explicit_choices(tmp_path, capsys):
    from sim.cli import main

    assert main(["thesis", "--set", "run.seeds=2", "--set", "population.workers=700",
                 "--years", "1", "--set", "run.burn_in_months=30", "--jobs", "1", "--quiet",
                 "--out", str(tmp_path / "t")]) == 0
    out = capsys.readouterr().out
    assert "4 arms x 2 seeds x 700 workers x 1 year," in out


def test_adding_an_outcome_changes_no_other_interval(result, monkeypatch):
    """Each bootstrap interval draws from its own generator: with one more outcome analysed,
    H1, H2 and every existing interval are the same to the last digit."""
    root = int(result.runs["seed"].iloc[0]) % 1000
    before = hypotheses.analyze(result.runs, result.timeseries, result.events, root)
    real = hypotheses.group_outcomes

    def with_extra(timeseries):
        return {"aaa_extra/all": float(timeseries["vacancy_rate"].mean()), **real(timeseries)}

    monkeypatch.setattr(hypotheses, "group_outcomes", with_extra)
    after = hypotheses.analyze(result.runs, result.timeseries, result.events, root)
    assert "aaa_extra" in after.json["shapley"]
    assert after.json["verdicts"] == before.json["verdicts"]
    for outcome, groups in before.json["shapley"].items():
        assert after.json["shapley"][outcome] == groups, outcome


class Stop(Exception):
    """Raised by the fake arms runner with the parameters it was given."""


@pytest.mark.parametrize(("kwargs", "seeds", "workers"), [
    ({}, 20, 10_000),
    ({"seeds": 3, "workers": 600}, 3, 600),
    ({"overrides": ["run.seeds=5"]}, 5, 10_000),
])
def test_sim_thesis_has_the_command_lines_defaults(monkeypatch, kwargs, seeds, workers):
    import sim
    from sim.workflows import thesis as workflow

    def capture(params, **_):
        raise Stop(params)

    monkeypatch.setattr(workflow, "run_arms", capture)
    for scenario in ("baseline", sim.load_scenario("baseline", ["run.years=2"])):
        with pytest.raises(Stop) as stopped:
            sim.thesis(scenario, progress=False, **kwargs)
        params = stopped.value.args[0]
        assert (params.run.seeds, params.population.workers) == (seeds, workers)
    assert params.run.years == 2  # a Scenario's own overrides are kept
