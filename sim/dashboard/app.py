"""The browser dashboard: ``laborsim ui``, or ``solara run sim.dashboard.app``.

Two pages:

* **Explore** (``/``): Mesa's model controller (Reset / Play / Pause / Step, from
  :mod:`mesa.visualization.solara_viz`) with laborsim's settings and charts. The sidebar holds
  the month and seed with a *New seed* button, the controller and a playing-speed slider, the
  settings (population, capability path and speed, the industry demand elasticity and the
  elasticity of substitution between firms, adoption-propensity spread, a firm policy and the
  share of firms taking it, the five AI blocks of the two channels) and the
  careers and matching settings (how much more exposed entry-level tasks are than
  experienced ones, the months before experienced positions open, the employed's exit from
  the labor force, the productivity loss of an occupation switch, the hiring standard, the
  fall of callbacks over an unemployment spell); a changed setting applies on *Reset*. Every
  slider shows its value at all times. The charts: unemployment of low- vs high-propensity
  workers, unemployment and employment by age group, AI adoption and proficiency,
  separations by cause, the AI wage premium, the Beveridge curve drawn as the run goes, and
  every worker's AI proficiency against wage.
* **Side by side** (``/side-by-side``): the same seed under two settings (two policies, two
  channel settings, or entry-level work no more exposed than experienced work), in two
  panels that step together.

Months are numbered as in the reports: month 0 is January 2025, on the header and on every
chart's axis. Mesa's SolaraViz page is not used as it is: its framework controls ("Render
Interval", "Use Threads", a "Page 0" tab, a step counter) mean nothing to a student, and its
parameter sliders hide their values except while dragged; the pieces of it that matter (the
controller, the ``model_params`` format of :data:`MODEL_PARAMS`, its redraw signal) are used.

The pages only read the models; every mechanism lives in :mod:`sim.model` and
:mod:`sim.model.rules`.
"""

from __future__ import annotations

import random
import time
import weakref

import solara
from matplotlib.figure import Figure
from mesa.visualization.solara_viz import ModelController
from mesa.visualization.utils import update_counter

from sim.dashboard import charts
from sim.dashboard.model import (
    CAPABILITY_PATHS,
    CAREER_SETTINGS,
    DEFAULTS,
    POLICIES,
    PRESETS,
    DashboardMarket,
)

DEFAULT_SEED = 1
#: Milliseconds between months while playing (the speed slider's start).
PLAY_INTERVAL = 150
#: The seed of the next model built on this browser session's Explore page.
current_seed = solara.reactive(DEFAULT_SEED)


class DashboardModel(DashboardMarket):
    """What Mesa's controller builds: its Reset calls the class with the sidebar's settings
    only, so the seed is taken from the seed panel (:data:`current_seed`). Mesa 3.5's
    controller also passes a default ``scenario`` (Mesa's container of a run's parameters and
    seed); the settings and the seed panel say everything it could, so it is ignored."""

    def __init__(self, seed: int | None = None, scenario=None, **kwargs) -> None:
        del scenario  # Mesa >= 3.5: a default Scenario, no settings in it
        super().__init__(seed=current_seed.value if seed is None else seed, **kwargs)


#: The sidebar's settings, in Mesa's ``model_params`` format: one input per keyword argument of
#: :class:`DashboardMarket` (each starting at its value in :data:`sim.dashboard.model.DEFAULTS`).
MODEL_PARAMS = {
    "workers": {"type": "SliderInt", "value": DEFAULTS["workers"], "label": "Workers",
                "min": 500, "max": 20_000, "step": 500},
    "capability_path": {"type": "Select", "value": DEFAULTS["capability_path"],
                        "label": "Capability path", "values": list(CAPABILITY_PATHS)},
    "capability_growth": {"type": "SliderFloat", "value": DEFAULTS["capability_growth"],
                          "min": 0.0, "max": 1.0, "step": 0.05,
                          "label": "Capability growth (per year)"},
    "industry_demand_elasticity": {
        "type": "SliderFloat", "value": DEFAULTS["industry_demand_elasticity"], "min": 0.0,
        "max": 3.0, "step": 0.1,
        "label": "Industry demand elasticity (cheaper output -> more bought)"},
    "substitution_elasticity": {
        "type": "SliderFloat", "value": DEFAULTS["substitution_elasticity"], "min": 1.5,
        "max": 8.0, "step": 0.5,
        "label": "Substitution between firms (customers switch to cheaper firms)"},
    "propensity_effect": {"type": "SliderFloat", "value": DEFAULTS["propensity_effect"],
                          "min": 0.0, "max": 3.0, "step": 0.25,
                          "label": "Adoption-propensity spread"},
    "policy": {"type": "Select", "value": DEFAULTS["policy"], "label": "Firm AI policy",
               "values": list(POLICIES)},
    "policy_share": {"type": "SliderFloat", "value": DEFAULTS["policy_share"], "min": 0.0,
                     "max": 1.0, "step": 0.05,
                     "label": "Share of firms in that policy (rest: baseline mix)"},
    # the AI blocks (AI_BLOCKS): the people channel's, the technology channel's, then the others
    "ranking": {"type": "Checkbox", "value": DEFAULTS["ranking"],
                "label": "People channel: firms rank workers with their AI gains"},
    "productivity": {"type": "Checkbox", "value": DEFAULTS["productivity"],
                     "label": "People channel: AI users produce more"},
    "automation": {"type": "Checkbox", "value": DEFAULTS["automation"],
                   "label": "Technology channel: firms automate tasks"},
    "new_work": {"type": "Checkbox", "value": DEFAULTS["new_work"],
                 "label": "Neither channel: new AI work (jobs needing AI skill)"},
    "policies": {"type": "Checkbox", "value": DEFAULTS["policies"],
                 "label": "Neither channel: firms' AI policies (screens, mandates, "
                          "freezes, reskilling)"},
    # careers and matching (CAREER_SETTINGS; shown in their own card)
    "entry_exposure_ratio": {"type": "SliderFloat", "value": DEFAULTS["entry_exposure_ratio"],
                             "min": 0.5, "max": 3.0, "step": 0.1,
                             "label": "AI exposure of entry-level tasks (times experienced)"},
    "promotion_months": {"type": "SliderInt", "value": DEFAULTS["promotion_months"],
                         "min": 6, "max": 96, "step": 6,
                         "label": "Months into a career before experienced jobs open"},
    "employed_exit_rate": {"type": "SliderFloat", "value": DEFAULTS["employed_exit_rate"],
                           "min": 0.0, "max": 0.05, "step": 0.0025,
                           "label": "Employed leaving the labor force (share a month)"},
    "switch_loss": {"type": "SliderFloat", "value": DEFAULTS["switch_loss"], "min": 0.0,
                    "max": 0.5, "step": 0.05,
                    "label": "Productivity lost in a new occupation (share)"},
    "hiring_standard": {"type": "SliderFloat", "value": DEFAULTS["hiring_standard"],
                        "min": -1.0, "max": 1.5, "step": 0.05,
                        "label": "Hiring standard (assessed log ability and match)"},
    "callback_decline": {"type": "SliderFloat", "value": DEFAULTS["callback_decline"],
                         "min": 0.0, "max": 0.9, "step": 0.05,
                         "label": "Fall in callbacks over an unemployment spell (share)"},
}


#: The sidebars' sliders: the label on its own line above the slider (not squeezing it), with
#: room between them for the value, which is always shown above the slider's knob.
SIDEBAR_CSS = """
.laborsim-sidebar .v-input__slider .v-input__slot { flex-wrap: wrap; }
.laborsim-sidebar .v-input__slider .v-input__slot > .v-label {
    width: 100%; max-width: 100%; height: auto; white-space: normal; margin: 12px 0 30px 0;
}
"""


def new_seed() -> int:
    """A fresh seed for the *New seed* button (any int reproduces its run)."""
    return random.SystemRandom().randrange(1, 1_000_000)


#: Each model's chart figures, redrawn in place at every step (about twice as fast as building
#: new ones); a model's entry goes with the model.
_figures: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def draw(function, model: DashboardMarket) -> Figure:
    """``function(model)``, drawn into the figure it drew for this model last time."""
    figures = _figures.setdefault(model, {})
    figures[function.__name__] = function(model, figures.get(function.__name__))
    return figures[function.__name__]


def chart_image(function, model: DashboardMarket):
    """``function(model)`` as an image. The figure object is the same at every step, so the
    image names the model and its month as what it depends on, or it would not be redrawn."""
    return solara.FigureMatplotlib(draw(function, model), format="png",
                                   dependencies=[model, model.month])


def month_text(model: DashboardMarket) -> str:
    """'Month 2 (Mar 2025)': the latest simulated month, numbered as on the charts' axes and
    in the reports (month 0 = January 2025)."""
    n = model.reported_months
    if n == 0:
        return "No month yet: press Step (month 0 = January 2025)"
    return f"Month {n - 1} ({charts.month_label(n - 1)})"


@solara.component
def RunPanel(model: solara.Reactive):
    """The month, the seed and a *New seed* button (redrawn at every step)."""
    update_counter.get()

    def reseed():
        current_seed.set(new_seed())
        model.set(DashboardModel(seed=current_seed.value, **model.value.settings))

    with solara.Column():
        solara.Text(month_text(model.value), classes=["laborsim-month"],
                    style={"font-size": "1.3em", "font-weight": "bold"})
        with solara.Row():
            solara.Text(f"Seed {model.value.seed}", classes=["laborsim-seed"])
            solara.Button("New seed", on_click=reseed, color="secondary")


@solara.component
def Settings(settings: solara.Reactive, names: tuple[str, ...]):
    """One input per entry ``names`` of :data:`MODEL_PARAMS`, writing into ``settings`` (what
    Reset builds the next model with); sliders show their value at all times."""
    for name in names:
        spec = MODEL_PARAMS[name]

        def change(value, name=name):
            settings.set({**settings.value, name: value})

        value = settings.value[name]
        if spec["type"] in ("SliderInt", "SliderFloat"):
            slider = solara.SliderInt if spec["type"] == "SliderInt" else solara.SliderFloat
            slider(spec["label"], value=value, on_value=change, min=spec["min"],
                   max=spec["max"], step=spec["step"], thumb_label="always")
        elif spec["type"] == "Select":
            solara.Select(spec["label"], value=value, on_value=change, values=spec["values"])
        elif spec["type"] == "Checkbox":
            solara.Checkbox(label=spec["label"], value=value, on_value=change)
        else:  # pragma: no cover - MODEL_PARAMS holds only the types above
            raise ValueError(f"unsupported input type {spec['type']!r}")


@solara.component
def Charts(model: DashboardMarket):
    """Every chart of :data:`sim.dashboard.charts.CHARTS` (redrawn at every step)."""
    update_counter.get()
    with solara.Row(style={"flex-wrap": "wrap"}):
        for function in charts.CHARTS:
            chart_image(function, model)


@solara.component
def Explore():
    """Mesa's model controller with the laborsim settings and charts."""
    initial = solara.use_memo(lambda: DashboardModel(seed=current_seed.value), [])
    model = solara.use_reactive(initial)
    settings = solara.use_reactive({name: spec["value"] for name, spec in MODEL_PARAMS.items()})
    play_interval = solara.use_reactive(PLAY_INTERVAL)
    # Mesa's controller also takes these; fixed here, and not shown
    render_interval = solara.use_reactive(1)
    use_threads = solara.use_reactive(False)

    with solara.AppBar():
        solara.AppBarTitle("laborsim")
    with solara.Sidebar(), solara.Column(classes=["laborsim-sidebar"]):
        solara.Style(SIDEBAR_CSS)
        with solara.Card("Run"):
            RunPanel(model)
            ModelController(model, model_parameters=settings, play_interval=play_interval,
                            render_interval=render_interval, use_threads=use_threads)
            solara.SliderInt("Pause between months while playing (ms)", value=play_interval,
                             min=0, max=1000, step=50, thumb_label="always")
        with solara.Card("Settings"):
            solara.Text("Settings apply on Reset; the same seed gives the same run.",
                        style={"color": "#666"})
            Settings(settings, tuple(n for n in MODEL_PARAMS if n not in CAREER_SETTINGS))
        with solara.Card("Careers and matching"):
            Settings(settings, tuple(CAREER_SETTINGS))
    Charts(model.value)


#: The charts of each side-by-side panel.
SIDE_CHARTS = (charts.unemployment_by_propensity, charts.unemployment_by_age,
               charts.separations_by_cause, charts.adoption_and_proficiency)


def build_pair(seed: int, left: str, right: str, workers: int) -> tuple:
    """Two models with the same seed, one per preset."""
    return tuple(DashboardMarket(workers=workers, seed=seed, **PRESETS[name])
                 for name in (left, right))


@solara.component
def Panel(model: DashboardMarket, title: str, tick: int):
    """One side: its title and four charts (``tick``, bumped at every step, redraws it)."""
    with solara.Column(style={"min-width": "380px"}):
        solara.Text(title, style={"font-size": "1.2em", "font-weight": "bold"})
        for function in SIDE_CHARTS:
            chart_image(function, model)


@solara.component
def SideBySide():
    """Two settings, the same seed, stepping together."""
    names = list(PRESETS)
    left = solara.use_reactive(names[0])
    right = solara.use_reactive("every firm: ai_required")
    workers = solara.use_reactive(DEFAULTS["workers"])
    seed = solara.use_reactive(DEFAULT_SEED)
    generation = solara.use_reactive(0)  # bumped by Reset: rebuild the models
    tick = solara.use_reactive(0)  # bumped by every step: redraw
    playing = solara.use_reactive(False)
    pair = solara.use_memo(
        lambda: build_pair(seed.value, left.value, right.value, workers.value),
        [seed.value, left.value, right.value, workers.value, generation.value])

    def step():
        for m in pair:
            m.step()
        tick.set(tick.value + 1)

    def play():
        while playing.value:
            step()
            time.sleep(0.15)

    solara.lab.use_task(play, dependencies=[playing.value], prefer_threaded=True)

    with solara.AppBar():
        solara.AppBarTitle("laborsim: side by side")
    with solara.Sidebar(), solara.Column(classes=["laborsim-sidebar"]), \
            solara.Card("Two settings, one seed"):
        solara.Style(SIDEBAR_CSS)
        solara.Select("Left", value=left, values=names)
        solara.Select("Right", value=right, values=names)
        solara.SliderInt("Workers", value=workers, min=500, max=20_000, step=500,
                         thumb_label="always")
        with solara.Row():
            solara.Text(f"Seed {seed.value}")
            solara.Button("New seed", on_click=lambda: seed.set(new_seed()), color="secondary")
        with solara.Row():
            solara.Button("Reset", color="primary",
                          on_click=lambda: (playing.set(False),
                                            generation.set(generation.value + 1)))
            solara.Button("❚❚" if playing.value else "▶", color="primary",
                          on_click=lambda: playing.set(not playing.value))
            solara.Button("Step", color="primary", on_click=step, disabled=playing.value)
    solara.Text(month_text(pair[0]), classes=["laborsim-month"],
                style={"font-size": "1.3em", "font-weight": "bold"})
    with solara.Row(style={"flex-wrap": "wrap"}):
        Panel(pair[0], left.value, tick.value)
        Panel(pair[1], right.value, tick.value)


routes = [
    solara.Route(path="/", component=Explore, label="Explore"),
    solara.Route(path="side-by-side", component=SideBySide, label="Side by side"),
]
