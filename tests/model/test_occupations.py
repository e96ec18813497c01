"""The occupation data file and its table."""

from __future__ import annotations

import tomllib
from importlib.resources import files

import numpy as np
import pytest

from sim.model.occupations import default_occupations, parse_occupations

THESIS_OCCUPATIONS = ("programmer", "designer", "product_manager", "data_scientist", "lawyer",
                      "customer_support", "sales", "finance")


def _data() -> dict:
    return tomllib.loads(files("sim.model.data").joinpath("occupations.toml").read_text("utf-8"))


def test_table_has_the_thesis_occupations_plus_other_with_valid_columns():
    occ = default_occupations()
    assert occ.names == (*THESIS_OCCUPATIONS, "other")
    assert occ.employment_share.sum() == pytest.approx(1.0)
    assert (occ.mean_wage > 20_000).all() and (occ.log_wage_sd > 0).all()
    np.testing.assert_allclose(occ.mobility.sum(axis=1), 1.0, atol=1e-9)


def test_every_column_cites_its_source_and_totals_match():
    data = _data()
    for column in ("employment", "mean_annual_wage", "wage_p10", "wage_p90", "mobility"):
        source = data["sources"][column]
        assert "Bureau of Labor Statistics" in source or "Carrillo-Tudela" in source
    employment = sum(row["employment"] for row in data["occupation"])
    assert employment == data["total"]["employment"]
    mean = sum(r["employment"] * r["mean_annual_wage"] for r in data["occupation"]) / employment
    assert mean == pytest.approx(data["total"]["mean_annual_wage"], rel=1e-3)


def test_bad_tables_are_refused():
    data = _data()
    data["mobility"]["matrix"][0][0] += 0.5
    with pytest.raises(ValueError, match="sum to 1"):
        parse_occupations(data)
    data = _data()
    data["mobility"]["order"] = list(reversed(data["mobility"]["order"]))
    with pytest.raises(ValueError, match="order"):
        parse_occupations(data)


def test_code_lookup_names_valid_occupations():
    occ = default_occupations()
    assert occ.code("lawyer") == 4
    with pytest.raises(ValueError, match="programmer"):
        occ.code("plumber")
