"""The dashboard (sim/dashboard): its model, its charts, and both pages rendered in-process
(Solara's test renderer: buttons clicked, the month counter read back)."""

from __future__ import annotations

import io

import ipyvuetify as v
import ipywidgets
import matplotlib.pyplot as plt
import numpy as np
import pytest
import solara

from sim import LaborMarket, Worker
from sim.dashboard import app, charts
from sim.dashboard.model import (
    AI_BLOCKS,
    CAREER_SETTINGS,
    DEFAULTS,
    PRESETS,
    DashboardMarket,
    dashboard_params,
    policy_mix,
)
from sim.model.params import REGIMES, Params


@pytest.fixture(scope="module")
def stepped() -> DashboardMarket:
    model = DashboardMarket(workers=600, seed=4)
    for _ in range(3):
        model.step()
    return model


def test_settings_become_parameters():
    params = dashboard_params(workers=800, capability_path="plateau", capability_growth=0.5,
                              industry_demand_elasticity=0.3, substitution_elasticity=6.5,
                              propensity_effect=2.0, policy="freeze_reverse",
                              productivity=False, policies=False)
    assert params.population.workers == 800
    assert params.ai.capability_path == "plateau"
    assert params.ai.capability_growth == 0.5
    assert params.firms.industry_demand_elasticity == 0.3
    assert params.firms.substitution_elasticity == 6.5
    assert params.ai.propensity_effect == 2.0
    assert {block: getattr(params.ai, block) for block in AI_BLOCKS} == {
        "ranking": True, "productivity": False, "new_work": True, "automation": True,
        "policies": False}
    assert params.policies.freeze_reverse == 1.0 and params.policies.baseline == 0.0
    assert dashboard_params(policy="mixed").policies == dashboard_params().policies
    with pytest.raises(ValueError, match="policy must be one of"):
        dashboard_params(policy="klarna")


def test_every_ai_block_is_a_setting_with_its_own_checkbox():
    """The dashboard's blocks are the model's switches, each in the thesis test's channel."""
    import dataclasses

    from sim.experiments.factors import CHANNELS
    from sim.model.params import AIParams

    switches = {f.name for f in dataclasses.fields(AIParams) if f.type in ("bool", bool)}
    assert set(AI_BLOCKS) == switches
    channel_of = {block: channel for channel, blocks in CHANNELS.items() for block in blocks}
    for block in AI_BLOCKS:
        spec = app.MODEL_PARAMS[block]
        assert spec["type"] == "Checkbox" and spec["value"] is DEFAULTS[block] is True
        assert spec["label"].lower().startswith(f"{channel_of.get(block, 'neither')} channel: "
                                                ), block


def test_career_and_matching_settings_become_parameters():
    """Each career and matching setting sets its own parameter (and no other), keeps the
    parameter's type, and starts at the calibrated default; out of bounds is refused."""
    changed = {"entry_exposure_ratio": 2.5, "promotion_months": 24.0,
               "employed_exit_rate": 0.03, "switch_loss": 0.4, "hiring_standard": -0.6,
               "callback_decline": 0.2}
    assert set(changed) == set(CAREER_SETTINGS)
    params = dashboard_params(**changed)
    default = Params()
    assert params.careers.entry_exposure_ratio == 2.5
    assert params.careers.promotion_months == 24
    assert isinstance(params.careers.promotion_months, int)  # a slider may send 24.0
    assert params.careers.employed_exit_rate == 0.03
    assert params.careers.switch_loss == 0.4
    assert params.market.hiring_standard == -0.6
    assert params.market.callback_decline == 0.2
    untouched = [("careers", "unemployed_exit_rate"), ("careers", "learning_months"),
                 ("market", "callback_months"), ("market", "match_floor")]
    for section, key in untouched:
        assert getattr(getattr(params, section), key) == \
            getattr(getattr(default, section), key), key
    for name, (section, key) in CAREER_SETTINGS.items():
        assert DEFAULTS[name] == getattr(getattr(default, section), key), name
        assert getattr(getattr(dashboard_params(), section), key) == DEFAULTS[name], name
    with pytest.raises(ValueError, match="callback_decline"):
        dashboard_params(callback_decline=1.5)


def test_career_settings_reach_the_model():
    """The settings act: no entry-level exposure premium gives entry-level positions the
    experienced positions' exposure; a stricter hiring standard leaves more vacancies open
    (firms turn down applicants they would have hired)."""
    flat = DashboardMarket(workers=800, entry_exposure_ratio=1.0, seed=2)
    assert flat.rates.job_exposure[0] == pytest.approx(flat.rates.job_exposure[1])
    steep = DashboardMarket(workers=800, entry_exposure_ratio=3.0, seed=2)
    assert steep.rates.job_exposure[0] > steep.rates.job_exposure[1]
    open_ = {}
    for standard in (-1.0, 0.5):
        model = DashboardMarket(workers=3000, hiring_standard=standard, seed=5)
        assert model.params.market.hiring_standard == standard
        for _ in range(3):
            model.step()
        open_[standard] = model.datacollector.get_model_vars_dataframe()["vacancy_rate"].mean()
    assert open_[0.5] > open_[-1.0]


def test_policy_share_mixes_a_regime_into_the_baseline_mix():
    baseline_mix = policy_mix("mixed", 0.7)
    assert baseline_mix == {r: getattr(dashboard_params().policies, r) for r in REGIMES}
    assert policy_mix("reskill", 0.0) == baseline_mix
    assert policy_mix("reskill", 1.0) == {r: float(r == "reskill") for r in REGIMES}
    half = policy_mix("reskill", 0.5)
    assert sum(half.values()) == pytest.approx(1.0)
    for regime in REGIMES:
        expected = 0.5 * (regime == "reskill") + 0.5 * baseline_mix[regime]
        assert half[regime] == pytest.approx(expected)
    with pytest.raises(ValueError, match="policy_share must be between 0 and 1"):
        policy_mix("reskill", 1.5)


def test_firms_take_the_policy_in_the_chosen_share():
    """Over several seeds the share of firms running the policy is the chosen mix share,
    within three binomial standard errors."""
    share = policy_mix("ai_required", 0.5)["ai_required"]
    taken = [np.asarray(DashboardMarket(workers=2000, policy="ai_required", policy_share=0.5,
                                        seed=seed).firms.regime) == REGIMES.index("ai_required")
             for seed in range(1, 6)]
    firms = sum(t.size for t in taken)
    observed = sum(t.sum() for t in taken) / firms
    assert abs(observed - share) < 3 * np.sqrt(share * (1 - share) / firms)


def test_a_dashboard_model_is_the_laborsim_model_with_those_parameters():
    ours = DashboardMarket(workers=500, policy="reskill", seed=9)
    theirs = LaborMarket(dashboard_params(workers=500, policy="reskill"), seed=9)
    for _ in range(2):
        ours.step()
        theirs.step()
    np.testing.assert_array_equal(ours.workers.status, theirs.workers.status)
    assert ours.reported_months == 2


def test_presets_set_what_their_names_say():
    default = dashboard_params(workers=500)
    for name, settings in PRESETS.items():
        params = dashboard_params(workers=500, **settings)
        shares = {regime: getattr(params.policies, regime) for regime in REGIMES}
        blocks = {block: getattr(params.ai, block) for block in AI_BLOCKS}
        people = {blocks[b] for b in ("ranking", "productivity")}
        technology = {blocks["automation"]}
        others = {blocks["new_work"], blocks["policies"]}
        assert len(people) == len(technology) == len(others) == 1, (name, blocks)
        channels = (people.pop(), technology.pop())
        assert others == {name != "no AI"}, name  # only "no AI" turns the others off
        if name.startswith("every firm: "):
            regime = name.removeprefix("every firm: ")
            assert shares == {r: float(r == regime) for r in REGIMES}, name
        else:
            assert params.policies == default.policies, name
        assert channels == {"no AI": (False, False), "people channel only": (True, False),
                            "technology channel only": (False, True)}.get(name, (True, True))
        ratio = params.careers.entry_exposure_ratio
        if name == "entry-level work no more exposed":
            assert ratio == 1.0
        else:
            assert ratio == default.careers.entry_exposure_ratio, name


def test_unknown_settings_are_refused_by_name():
    with pytest.raises(TypeError, match="'worker'"):
        dashboard_params(worker=500)


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


@pytest.mark.parametrize(("chart", "metric", "unit"),
                         [(charts.unemployment_by_age, "unemployment_rate", "labor force"),
                          (charts.employment_by_age, "employment_rate", "people")])
def test_age_group_charts_draw_each_group_s_metric(stepped, chart, metric, unit):
    """One line per age group (the youngest first, labelled with its ages), each the group's
    metric in percent month by month; labelled axes with their units."""
    frame = stepped.datacollector.get_model_vars_dataframe()
    ax = chart(stepped).axes[0]
    lines = ax.get_lines()
    labels = [line.get_label() for line in lines]
    assert labels[:4] == ["aged 22-25", "aged 26-34", "aged 35-49", "aged 50+"]
    for line, group in zip(lines, ("22_25", "26_34", "35_49", "50_plus"), strict=False):
        np.testing.assert_array_equal(line.get_xdata(), [0, 1, 2])
        np.testing.assert_allclose(line.get_ydata(), 100 * frame[f"{metric}_age_{group}"])
    if chart is charts.unemployment_by_age:
        assert labels[4] == "all"
        np.testing.assert_allclose(lines[4].get_ydata(), 100 * frame["unemployment_rate"])
    assert ax.get_ylabel() == f"% of the group's {unit}"
    assert "age group" in ax.get_title().lower()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == labels


def test_separations_chart_stacks_every_cause(stepped):
    """One band per separation cause of the model (poor matches and retirements included):
    the top of the stack in the last month is every separation the month counted."""
    from sim.model.rules.attribution import CAUSES

    assert len(charts.CAUSES) == len(CAUSES)
    ax = charts.separations_by_cause(stepped).axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == \
        [label for _, label in charts.CAUSES]
    top = max(float(np.max(c.get_paths()[0].vertices[:, 1])) for c in ax.collections
              if c.get_paths())
    frame = stepped.datacollector.get_model_vars_dataframe()
    totals = frame[[column for column, _ in charts.CAUSES]].sum(axis=1)
    assert top == pytest.approx(totals.max())
    assert totals.iloc[-1] == stepped.now.separation_causes.sum()


def png(figure) -> np.ndarray:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    buffer.seek(0)
    return plt.imread(buffer, format="png")


def test_a_reused_figure_draws_the_same_picture_as_a_new_one():
    model = DashboardMarket(workers=600, seed=5)
    figures = {f: f(model) for f in charts.CHARTS}  # "press Step" hints
    model.step()
    figures = {f: f(model, figure) for f, figure in figures.items()}  # month 1 drawn
    model.step()
    for function, figure in figures.items():
        reused = function(model, figure)
        assert reused is figure
        np.testing.assert_array_equal(png(reused), png(function(model)), function.__name__)


def test_population_view_shows_every_worker_by_state(stepped):
    lines = charts.population(stepped).axes[0].get_lines()
    assert sum(len(line.get_xdata()) for line in lines) == 600
    counts = dict(zip(*np.unique(stepped.agents_by_type[Worker].get("status"),
                                 return_counts=True), strict=True))
    assert {line.get_label().rsplit(" (", 1)[0] for line in lines} == \
        set(charts.STATUS_COLOURS)
    for line in lines:
        state = line.get_label().rsplit(" (", 1)[0]
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
             if w.widget.children and str(w.widget.children[0]).startswith(("Month ",
                                                                             "No month"))]
    assert len(found) == 1
    return found[0]


def seed(rc) -> str:
    return [w.widget.children[0] for w in rc.find(v.Html, tag="span")
            if str(w.widget.children[0]).startswith("Seed ")][0]


def images(rc) -> list[bytes]:
    return [w.widget.value for w in rc.find(ipywidgets.Image)]


def test_explore_page_steps_and_reseeds():
    box, rc = solara.render(InLayout(app.Explore), handle_error=False)
    assert month(rc).startswith("No month yet: press Step")
    assert len(images(rc)) == len(charts.CHARTS)
    step = rc.find(v.Btn, children=["Step"])
    step.widget.click()
    assert month(rc) == "Month 0 (Jan 2025)"
    after_one = images(rc)
    step.widget.click()
    assert month(rc) == "Month 1 (Feb 2025)"
    # every chart is redrawn at every step (its figure is reused, its image is new)
    assert all(a != b for a, b in zip(after_one, images(rc), strict=True))
    assert len(rc.find(v.Btn, children=["Reset"]).widgets) == 1  # Mesa's controller
    seed_before = seed(rc)
    rc.find(v.Btn, children=["New seed"]).widget.click()
    assert month(rc).startswith("No month yet")
    assert seed(rc) != seed_before


def test_side_by_side_steps_both_panels_together():
    box, rc = solara.render(InLayout(app.SideBySide), handle_error=False)
    shown = [images(rc)]
    for _ in range(2):
        rc.find(v.Btn, children=["Step"]).widget.click()
        shown.append(images(rc))
    assert month(rc) == "Month 1 (Feb 2025)"
    assert len(shown[-1]) == 2 * len(app.SIDE_CHARTS) == 8  # four charts a side
    for before, after in zip(shown, shown[1:], strict=False):
        assert all(a != b for a, b in zip(before, after, strict=True))
    titles = [w.widget.children[0] for w in rc.find(v.Html, tag="span")
              if w.widget.children and str(w.widget.children[0]) in PRESETS]
    assert titles == ["mixed policies (baseline)", "every firm: ai_required"]


def test_side_by_side_pair_shares_the_seed_and_differs_by_the_setting():
    left, right = app.build_pair(7, "no AI", "every firm: ai_required", 500)
    assert left.seed == right.seed == 7
    assert not any(getattr(left.params.ai, block) for block in AI_BLOCKS)
    assert all(getattr(right.params.ai, block) for block in AI_BLOCKS)
    assert right.params.policies.ai_required == 1.0
    for _ in range(3):
        left.step()
        right.step()
    # the same people are drawn in both (common random numbers) ...
    np.testing.assert_array_equal(left.workers.ai_propensity, right.workers.ai_propensity)
    # ... and the setting changes what happens to them
    assert not np.array_equal(left.workers.status, right.workers.status)


# --- one month numbering, visible slider values, no framework controls, one unit -----------

def test_the_header_and_the_axes_number_months_alike(stepped):
    """Three months simulated: the header says month 2 (March 2025), and so does the last
    point of every monthly chart, whose axis says what month 0 is (as in the reports)."""
    assert app.month_text(stepped) == "Month 2 (Mar 2025)"
    assert app.month_text(DashboardMarket(workers=500, seed=1)).startswith("No month yet")
    for function in charts.CHARTS:
        ax = function(stepped).axes[0]
        if function in (charts.beveridge_curve, charts.population):
            continue  # not drawn against months
        assert ax.get_xlabel() == "month (0 = January 2025)", function.__name__
        last = max(max(line.get_xdata()) for line in ax.get_lines()) if ax.get_lines() else \
            max(float(np.max(c.get_paths()[0].vertices[:, 0])) for c in ax.collections)
        assert last == 2, function.__name__


def test_the_wage_premium_chart_takes_its_unit_from_the_metric(stepped, monkeypatch):
    from sim.model import metrics

    unit = metrics.METRIC_DESCRIPTIONS["ai_wage_premium"][0]
    figure = charts.wage_premium(stepped)
    assert figure.axes[0].get_title() == f"AI wage premium ({unit})"
    # one source: change the metric's unit and the chart follows, a reused figure too
    monkeypatch.setitem(metrics.METRIC_DESCRIPTIONS, "ai_wage_premium",
                        ("a unit for this test", "doc"))
    assert charts.wage_premium(stepped).axes[0].get_title() == \
        "AI wage premium (a unit for this test)"
    assert charts.wage_premium(stepped, figure).axes[0].get_title() == \
        "AI wage premium (a unit for this test)"


def walk(widget, seen=None):
    """Every widget under ``widget`` (children, slots and other widget-valued traits)."""
    seen = set() if seen is None else seen
    if id(widget) in seen:
        return
    seen.add(id(widget))
    yield widget
    for name in widget.keys:
        stack = [getattr(widget, name, None)]
        while stack:
            value = stack.pop()
            if isinstance(value, ipywidgets.Widget):
                yield from walk(value, seen)
            elif isinstance(value, list | tuple):
                stack += list(value)
            elif isinstance(value, dict):
                stack += list(value.values())


def shown_text(box) -> list[str]:
    """Every label and text a page's widgets show."""
    texts = []
    for widget in walk(box):
        for name in ("label", "children"):
            value = getattr(widget, name, None)
            if isinstance(value, str):
                texts.append(value)
            elif isinstance(value, list | tuple):
                texts += [item for item in value if isinstance(item, str)]
    return texts


JARGON = ("render interval", "use threads", "page 0", "play interval", "step:", "time:")


@pytest.mark.parametrize("page", [app.Explore, app.SideBySide])
def test_no_framework_controls_face_students(page):
    box, rc = solara.render(InLayout(page), handle_error=False)
    rc.find(v.Btn, children=["Step"]).widget.click()
    texts = shown_text(box)
    assert {"Reset", "Step", "New seed"} <= set(texts)  # the walk does see the sidebar
    found = [t for t in texts if any(word in t.lower() for word in JARGON)]
    assert not found, found
    assert not rc.find(v.Tab).widgets  # no "Page 0" tab bar


def test_the_walk_finds_mesa_s_framework_controls():
    """The check above can fail: Mesa's own SolaraViz page shows the jargon it looks for."""
    from mesa.visualization import SolaraViz

    @solara.component
    def MesaPage():
        SolaraViz(app.DashboardModel(seed=1, workers=500), components=[],
                  model_params=app.MODEL_PARAMS)

    box, rc = solara.render(InLayout(MesaPage), handle_error=False)
    texts = " ".join(shown_text(box)).lower()
    assert "render interval" in texts and "use threads" in texts


@pytest.mark.parametrize("page", [app.Explore, app.SideBySide])
def test_every_slider_shows_its_value_at_all_times(page):
    box, rc = solara.render(InLayout(page), handle_error=False)
    sliders = rc.find(v.Slider).widgets
    settings = [s for s in app.MODEL_PARAMS.values() if s["type"].startswith("Slider")]
    assert len(sliders) == (len(settings) + 1 if page is app.Explore else 1)  # + speed
    assert all(slider.thumb_label == "always" for slider in sliders), \
        [(slider.label, slider.thumb_label) for slider in sliders]


@pytest.fixture
def built(monkeypatch):
    """The settings of every dashboard model built during the test, in order."""
    settings = []
    original = app.DashboardModel.__init__

    def recording(self, seed=None, **kwargs):
        settings.append({k: v for k, v in kwargs.items() if k != "scenario"})  # Mesa >= 3.5
        original(self, seed=seed, **kwargs)

    monkeypatch.setattr(app.DashboardModel, "__init__", recording)
    return settings


def test_settings_apply_on_reset(built):
    box, rc = solara.render(InLayout(app.Explore), handle_error=False)
    workers = rc.find(v.Slider, label="Workers").widget
    workers.v_model = 1000
    rc.find(v.Checkbox, label="Technology channel: firms automate tasks").widget.v_model = False
    rc.find(v.Checkbox, label="Neither channel: new AI work (jobs needing AI skill)").widget \
        .v_model = False
    rc.find(v.Btn, children=["Step"]).widget.click()
    assert month(rc) == "Month 0 (Jan 2025)"
    rc.find(v.Btn, children=["Reset"]).widget.click()
    assert month(rc).startswith("No month yet")
    assert built[-1]["workers"] == 1000 and built[-1]["automation"] is False
    assert built[-1]["new_work"] is False and built[-1]["ranking"] is True
    assert set(built[-1]) == set(app.MODEL_PARAMS)


def test_career_sliders_are_in_their_own_card_and_apply_on_reset(built):
    """The careers and matching settings sit in their own card, each slider starting at its
    default within its range; a moved one builds the next model on Reset."""
    box, rc = solara.render(InLayout(app.Explore), handle_error=False)
    card = [w for w in rc.find(v.Card).widgets
            if "Careers and matching" in shown_text(w)]
    assert len(card) == 1
    in_card = {w.label for w in walk(card[0]) if isinstance(w, v.Slider)}
    assert in_card == {app.MODEL_PARAMS[name]["label"] for name in CAREER_SETTINGS}
    for name in CAREER_SETTINGS:
        spec = app.MODEL_PARAMS[name]
        assert spec["min"] <= spec["value"] == DEFAULTS[name] <= spec["max"], name
        assert rc.find(v.Slider, label=spec["label"]).widget.v_model == DEFAULTS[name]
    rc.find(v.Slider, label=app.MODEL_PARAMS["entry_exposure_ratio"]["label"]).widget \
        .v_model = 2.0
    rc.find(v.Slider, label=app.MODEL_PARAMS["promotion_months"]["label"]).widget \
        .v_model = 24
    rc.find(v.Btn, children=["Reset"]).widget.click()
    assert built[-1]["entry_exposure_ratio"] == 2.0 and built[-1]["promotion_months"] == 24
    assert built[-1]["hiring_standard"] == DEFAULTS["hiring_standard"]


def test_every_slider_starts_inside_its_range():
    for name, spec in app.MODEL_PARAMS.items():
        if spec["type"].startswith("Slider"):
            assert spec["min"] <= spec["value"] <= spec["max"], name
            assert spec["value"] == DEFAULTS[name], name
