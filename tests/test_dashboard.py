"""The dashboard (sim/dashboard): its model, its charts, and both pages rendered in-process
(Solara's test renderer: buttons clicked, the month counter read back)."""

from __future__ import annotations

import ipyvuetify as v
import numpy as np
import pytest
import solara

from sim import LaborMarket
from sim.dashboard import app, charts
from sim.dashboard.model import PRESETS, DashboardMarket, dashboard_params


@pytest.fixture(scope="module")
def stepped() -> DashboardMarket:
    model = DashboardMarket(workers=600, seed=4)
    for _ in range(3):
        model.step()
    return model


def test_settings_become_parameters():
    params = dashboard_params(workers=800, capability_path="plateau", capability_growth=0.5,
                              demand_elasticity=0.3, propensity_effect=2.0,
                              policy="freeze_reverse", augmentation=False)
    assert params.population.workers == 800
    assert params.ai.capability_path == "plateau"
    assert params.ai.capability_growth == 0.5
    assert params.ai.demand_elasticity == 0.3
    assert params.ai.propensity_effect == 2.0
    assert params.ai.augmentation is False and params.ai.automation is True
    assert params.policies.freeze_reverse == 1.0 and params.policies.baseline == 0.0
    assert dashboard_params(policy="mixed").policies == dashboard_params().policies
    with pytest.raises(ValueError, match="policy must be one of"):
        dashboard_params(policy="klarna")


def test_a_dashboard_model_is_the_laborsim_model_with_those_parameters():
    ours = DashboardMarket(workers=500, policy="reskill", seed=9)
    theirs = LaborMarket(dashboard_params(workers=500, policy="reskill"), seed=9)
    for _ in range(2):
        ours.step()
        theirs.step()
    np.testing.assert_array_equal(ours.workers.status, theirs.workers.status)
    assert ours.reported_months == 2


def test_presets_are_valid_settings():
    for settings in PRESETS.values():
        dashboard_params(workers=500, **settings)


def test_charts_before_the_first_step_say_what_to_do():
    figure = charts.unemployment_by_propensity(DashboardMarket(workers=500, seed=1))
    assert "press Step" in figure.axes[0].texts[0].get_text()


def test_charts_draw_the_months_so_far(stepped):
    for function in charts.CHARTS:
        assert function(stepped).axes, function.__name__
    lines = charts.unemployment_by_propensity(stepped).axes[0].get_lines()
    assert len(lines) == 3
    assert all(len(line.get_xdata()) == 3 for line in lines)
    low = stepped.datacollector.get_model_vars_dataframe()["unemployment_rate_low_propensity"]
    np.testing.assert_allclose(lines[0].get_ydata(), 100 * low.to_numpy())


def test_population_view_shows_every_worker_by_state(stepped):
    lines = charts.population(stepped).axes[0].get_lines()
    assert sum(len(line.get_xdata()) for line in lines) == 600
    counts = dict(zip(*np.unique([a.status for a in stepped.worker_agents],
                                 return_counts=True), strict=True))
    for line in lines:
        state = line.get_label().split(" ")[0]
        assert len(line.get_xdata()) == counts.get(state, 0)


def test_month_labels():
    assert charts.month_label(0) == "Jan 2025"
    assert charts.month_label(13) == "Feb 2026"


@solara.component
def InLayout(page):
    """A page inside Solara's app layout (which hosts SolaraViz's sidebar)."""
    with solara.AppLayout():
        page()


def month(rc) -> str:
    found = [w.widget.children[0] for w in rc.find(v.Html, tag="span")
             if w.widget.children and str(w.widget.children[0]).startswith("Month ")]
    assert len(found) == 1
    return found[0]


def test_explore_page_steps_and_reseeds():
    box, rc = solara.render(InLayout(app.Explore), handle_error=False)
    assert month(rc).startswith("Month 0")
    step = rc.find(v.Btn, children=["Step"])
    step.widget.click()
    step.widget.click()
    assert month(rc) == "Month 2 (Feb 2025)"
    assert len(rc.find(v.Btn, children=["Reset"]).widgets) == 1  # Mesa's controller
    seed_before = [w.widget.children[0] for w in rc.find(v.Html, tag="span")
                   if str(w.widget.children[0]).startswith("Seed ")][0]
    rc.find(v.Btn, children=["New seed"]).widget.click()
    assert month(rc).startswith("Month 0")
    seed_after = [w.widget.children[0] for w in rc.find(v.Html, tag="span")
                  if str(w.widget.children[0]).startswith("Seed ")][0]
    assert seed_after != seed_before


def test_side_by_side_steps_both_panels_together():
    box, rc = solara.render(InLayout(app.SideBySide), handle_error=False)
    for _ in range(2):
        rc.find(v.Btn, children=["Step"]).widget.click()
    assert month(rc) == "Month 2 (Feb 2025)"
    titles = [w.widget.children[0] for w in rc.find(v.Html, tag="span")
              if w.widget.children and str(w.widget.children[0]) in PRESETS]
    assert titles == ["mixed policies (baseline)", "every firm: ai_required"]


def test_side_by_side_pair_shares_the_seed_and_differs_by_the_setting():
    left, right = app.build_pair(7, "no AI", "every firm: ai_required", 500)
    assert left.seed == right.seed == 7
    assert not left.params.ai.augmentation and right.params.policies.ai_required == 1.0
    for _ in range(3):
        left.step()
        right.step()
    # the same people are drawn in both (common random numbers) ...
    np.testing.assert_array_equal(left.workers.ai_propensity, right.workers.ai_propensity)
    # ... and the setting changes what happens to them
    assert not np.array_equal(left.workers.status, right.workers.status)
