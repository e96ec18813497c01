"""Statistics guards (issue 12, rule 9): too few seeds for an interval says so, and no NaN is
ever printed or saved as a verdict, estimate or interval.

The verdict rule is tested on arrays directly at the edges (0, 1, 2, minimum - 1 and minimum
seeds); the commands once each on the smallest models that run.
"""

from __future__ import annotations

import json
import math
import re

import numpy as np
import pytest

from sim.cli import main
from sim.experiments import thesis as hypotheses
from sim.stats import MIN_BOOTSTRAP_VALUES, bootstrap_interval

TOO_FEW = f"too few seeds, at least {MIN_BOOTSTRAP_VALUES} needed"
TINY = ["--workers", "150", "--years", "1", "--set", "run.burn_in_months=3", "--jobs", "1",
        "--quiet"]


def strict_json(value) -> str:
    """``value`` as strict JSON: fails on any NaN or infinity."""
    return json.dumps(value, allow_nan=False)


def no_nan(text: str) -> bool:
    """No "nan" as a word in ``text`` (figures' data URIs, whose base64 may spell it, left
    out; words such as "finance" contain the letters)."""
    text = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]*", "", text)
    return re.search(r"\bnan\b", text, re.IGNORECASE) is None


def test_the_minimum_is_stated_and_at_least_what_bca_needs():
    assert MIN_BOOTSTRAP_VALUES >= 3  # BCa's jackknife needs three values
    assert "MIN_BOOTSTRAP_VALUES" in (hypotheses.verdict.__doc__ or "")


@pytest.mark.parametrize("n", sorted({1, 2, MIN_BOOTSTRAP_VALUES - 1}))
@pytest.mark.parametrize("sign", [1.0, -1.0])
def test_too_few_seeds_are_inconclusive_with_the_reason(n, sign):
    """Even a clear effect: 1 seed used to be 'supported' with a zero-width interval, 2 seeds
    gave NaN intervals."""
    values = sign * np.linspace(1.0, 1.2, n)
    v = hypotheses.verdict(values, np.random.default_rng(0))
    assert v["verdict"] == "inconclusive"
    assert v["reason"] == TOO_FEW
    assert v["ci_low"] is None and v["ci_high"] is None
    assert v["estimate"] == pytest.approx(values.mean())
    strict_json(v)
    if n >= 2:  # the spread is known: how many seeds would likely settle it
        assert v["seeds_to_settle"] >= MIN_BOOTSTRAP_VALUES
        assert v["more_seeds_needed"] == v["seeds_to_settle"] - n > 0
    else:
        assert v["seeds_to_settle"] is None and v["more_seeds_needed"] is None


@pytest.mark.parametrize(("sign", "word"), [(1.0, "supported"), (-1.0, "rejected")])
def test_the_minimum_number_of_seeds_gives_a_verdict(sign, word):
    values = sign * np.linspace(1.0, 1.2, MIN_BOOTSTRAP_VALUES)
    v = hypotheses.verdict(values, np.random.default_rng(0))
    assert v["verdict"] == word
    assert v["reason"] == f"the 95% interval is {'above' if sign > 0 else 'below'} zero"
    assert v["ci_low"] <= v["estimate"] <= v["ci_high"]
    assert all(math.isfinite(v[k]) for k in ("estimate", "ci_low", "ci_high"))
    assert "more_seeds_needed" not in v
    strict_json(v)


def test_an_interval_that_includes_zero_says_so():
    v = hypotheses.verdict(np.array([1.0, -1.0, 0.5, -0.6, 0.2]), np.random.default_rng(0))
    assert (v["verdict"], v["reason"]) == ("inconclusive", "the 95% interval includes zero")
    assert v["ci_low"] < 0 < v["ci_high"]


def test_no_seed_at_all_has_no_estimate():
    v = hypotheses.verdict(np.array([np.nan, np.nan]), np.random.default_rng(0))
    assert v == {"verdict": "inconclusive", "reason": TOO_FEW, "estimate": None,
                 "ci_low": None, "ci_high": None, "n_seeds": 0, "seeds_to_settle": None,
                 "more_seeds_needed": None}
    v = hypotheses.verdict(np.array([]), np.random.default_rng(0))
    assert v["estimate"] is None and v["reason"] == TOO_FEW


def test_failed_seeds_do_not_count_towards_the_minimum():
    values = np.array([1.0, 1.1, 1.2, 1.05, np.nan, np.nan])[: MIN_BOOTSTRAP_VALUES + 1]
    assert np.isfinite(values).sum() < MIN_BOOTSTRAP_VALUES
    assert hypotheses.verdict(values, np.random.default_rng(0))["reason"] == TOO_FEW


def test_bootstrap_interval_at_the_edges():
    rng = np.random.default_rng(0)
    below = np.linspace(0.0, 1.0, MIN_BOOTSTRAP_VALUES - 1)
    mean, low, high = bootstrap_interval(below, rng)
    assert mean == pytest.approx(0.5) and math.isnan(low) and math.isnan(high)
    mean, low, high = bootstrap_interval(np.linspace(0.0, 1.0, MIN_BOOTSTRAP_VALUES), rng)
    assert low < mean < high
    # one value, repeated: no interval below the minimum (it used to be zero-width) ...
    assert math.isnan(bootstrap_interval(np.array([2.0]), rng)[1])
    # ... and a zero-width one from enough identical values
    assert bootstrap_interval(np.full(MIN_BOOTSTRAP_VALUES, 2.0), rng) == (2.0, 2.0, 2.0)


def test_thesis_with_one_seed_says_so_and_saves_no_nan(tmp_path, capsys):
    out = tmp_path / "t"
    assert main(["thesis", "--seeds", "1", *TINY, "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert no_nan(printed), printed
    assert printed.count(f"inconclusive: {TOO_FEW}") == len(hypotheses.HYPOTHESES)
    before = printed.index("note:")
    assert before < printed.index("H1") and "running anyway" in printed
    text = (out / "thesis.json").read_text()
    assert "NaN" not in text and "Infinity" not in text
    data = json.loads(text)
    for v in data["verdicts"].values():
        assert (v["verdict"], v["reason"]) == ("inconclusive", TOO_FEW)
        assert v["ci_low"] is None and v["ci_high"] is None
        assert v["estimate"] is None or isinstance(v["estimate"], float)  # None: empty group
    assert isinstance(data["verdicts"]["H1"]["estimate"], float)
    report = (out / "report.md").read_text()
    assert f"inconclusive: {TOO_FEW}" in report and no_nan(report)
    assert no_nan((out / "report.html").read_text())

    assert main(["show", str(out)]) == 0
    shown = capsys.readouterr().out
    assert no_nan(shown) and f"inconclusive: {TOO_FEW}" in shown
    assert "one run: no interval" in shown


def test_thesis_with_two_seeds_prints_no_nan_interval(capsys, tmp_path):
    assert main(["thesis", "--seeds", "2", *TINY, "--out", str(tmp_path / "t")]) == 0
    printed = capsys.readouterr().out
    assert no_nan(printed), printed
    names = tuple(hypotheses.HYPOTHESES)
    lines = [line for line in printed.splitlines() if line.startswith(names)]
    assert len(lines) == len(names) and all(" n/a " in line for line in lines)
    assert "more seeds would likely settle it" in printed


def test_single_run_folders_print_no_nan(tmp_path, capsys):
    """run --seeds 1, show and compare on single-run folders: n/a, and once why."""
    a, b = tmp_path / "a", tmp_path / "b"
    assert main(["run", "--seeds", "1", *TINY, "--out", str(a)]) == 0
    printed = capsys.readouterr().out
    assert no_nan(printed) and "n/a" in printed
    assert printed.count("one run: no interval") == 1
    assert main(["show", str(a)]) == 0
    shown = capsys.readouterr().out
    assert no_nan(shown) and shown.count("one run: no interval") == 1
    assert main(["run", "no_ai", "--seeds", "1", *TINY, "--out", str(b)]) == 0
    capsys.readouterr()
    out = tmp_path / "cmp"
    assert main(["compare", str(a), str(b), "--out", str(out)]) == 0
    compared = capsys.readouterr().out
    assert no_nan(compared) and "n/a" in compared
    assert compared.count("one run has no interval") == 1
    assert "within noise" not in compared and "DIFFERS" not in compared  # no test from one run
    md = (out / "compare.md").read_text()
    assert no_nan(md) and "no test" in md
