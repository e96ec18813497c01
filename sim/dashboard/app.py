"""The browser dashboard: ``laborsim ui``, or ``solara run sim.dashboard.app``.

Two pages:

* **Explore** (``/``): Mesa's SolaraViz page. The sidebar holds the settings (population,
  capability path and speed, demand elasticity, adoption-propensity spread, a firm policy and
  the share of firms taking it, the two AI channels; a changed setting applies on *Reset*), the
  seed with a *New seed* button, and Mesa's Step / Play / Pause / Reset. The charts:
  unemployment of low- vs high-propensity workers, AI adoption and proficiency, separations by
  cause, the AI wage premium, the Beveridge curve drawn as the run goes, and every worker's AI
  proficiency against wage.
* **Side by side** (``/side-by-side``): the same seed under two settings (two policies, or two
  channel settings), in two panels that step together, something Mesa's page cannot do.

The pages only read the models; every mechanism lives in :mod:`sim.model` and
:mod:`sim.model.rules`.
"""

from __future__ import annotations

import random
import time
import weakref

import solara
from matplotlib.figure import Figure
from mesa.visualization import SolaraViz

from sim.dashboard import charts
from sim.dashboard.model import CAPABILITY_PATHS, DEFAULTS, POLICIES, PRESETS, DashboardMarket

DEFAULT_SEED = 1
#: The seed of the next model built on this browser session's Explore page.
current_seed = solara.reactive(DEFAULT_SEED)


class DashboardModel(DashboardMarket):
    """What SolaraViz builds: its Reset calls the class with the sidebar's settings only, so
    the seed is taken from the seed panel (:data:`current_seed`)."""

    def __init__(self, seed: int | None = None, **kwargs) -> None:
        super().__init__(seed=current_seed.value if seed is None else seed, **kwargs)


#: SolaraViz's sidebar: one input per keyword argument of :class:`DashboardMarket` (each
#: starting at its value in :data:`sim.dashboard.model.DEFAULTS`).
MODEL_PARAMS = {
    "workers": {"type": "SliderInt", "value": DEFAULTS["workers"], "label": "Workers",
                "min": 500, "max": 20_000, "step": 500},
    "capability_path": {"type": "Select", "value": DEFAULTS["capability_path"],
                        "label": "Capability path", "values": list(CAPABILITY_PATHS)},
    "capability_growth": {"type": "SliderFloat", "value": DEFAULTS["capability_growth"],
                          "min": 0.0, "max": 1.0, "step": 0.05,
                          "label": "Capability growth (per year)"},
    "demand_elasticity": {"type": "SliderFloat", "value": DEFAULTS["demand_elasticity"],
                          "min": 0.0, "max": 1.5, "step": 0.1,
                          "label": "Demand elasticity (AI gains -> output)"},
    "propensity_effect": {"type": "SliderFloat", "value": DEFAULTS["propensity_effect"],
                          "min": 0.0, "max": 3.0, "step": 0.25,
                          "label": "Adoption-propensity spread"},
    "policy": {"type": "Select", "value": DEFAULTS["policy"], "label": "Firm AI policy",
               "values": list(POLICIES)},
    "policy_share": {"type": "SliderFloat", "value": DEFAULTS["policy_share"], "min": 0.0,
                     "max": 1.0, "step": 0.05,
                     "label": "Share of firms in that policy (rest: baseline mix)"},
    "augmentation": {"type": "Checkbox", "value": DEFAULTS["augmentation"],
                     "label": "People channel (workers use AI)"},
    "automation": {"type": "Checkbox", "value": DEFAULTS["automation"],
                   "label": "Technology channel (firms automate)"},
}


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


def chart(function):
    """A SolaraViz component drawing ``function(model)`` as an image."""

    def component(model):
        return chart_image(function, model)

    component.__name__ = function.__name__
    return component


def month_text(model: DashboardMarket) -> str:
    """'Month 3 (Mar 2025)': months simulated since January 2025 and the latest one."""
    n = model.reported_months
    return f"Month {n} ({charts.month_label(n - 1) if n else 'January 2025 is next'})"


def run_panel(model: solara.Reactive):
    """The month counter, the seed and a *New seed* button (a plain function, so that
    SolaraViz redraws it after every step)."""

    def reseed():
        current_seed.set(new_seed())
        model.set(DashboardModel(seed=current_seed.value, **model.value.settings))

    with solara.Column() as panel:
        solara.Text(month_text(model.value), classes=["laborsim-month"],
                    style={"font-size": "1.3em", "font-weight": "bold"})
        with solara.Row():
            solara.Text(f"Seed {model.value.seed}", classes=["laborsim-seed"])
            solara.Button("New seed", on_click=reseed, color="secondary")
        solara.Text("Settings apply on Reset; the same seed gives the same run.",
                    style={"color": "#666"})
    return panel


@solara.component
def Explore():
    """Mesa's SolaraViz page with the laborsim charts."""
    initial = solara.use_memo(lambda: DashboardModel(seed=current_seed.value), [])
    model = solara.use_reactive(initial)
    components = [(lambda _: run_panel(model), 0), *[(chart(f), 0) for f in charts.CHARTS]]
    SolaraViz(model, components=components, model_params=MODEL_PARAMS, name="laborsim",
              play_interval=150)


def build_pair(seed: int, left: str, right: str, workers: int) -> tuple:
    """Two models with the same seed, one per preset."""
    return tuple(DashboardMarket(workers=workers, seed=seed, **PRESETS[name])
                 for name in (left, right))


@solara.component
def Panel(model: DashboardMarket, title: str, tick: int):
    """One side: its title and three charts (``tick``, bumped at every step, redraws it)."""
    with solara.Column(style={"min-width": "380px"}):
        solara.Text(title, style={"font-size": "1.2em", "font-weight": "bold"})
        for function in (charts.unemployment_by_propensity, charts.separations_by_cause,
                         charts.adoption_and_proficiency):
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
    with solara.Sidebar(), solara.Card("Two settings, one seed"):
        solara.Select("Left", value=left, values=names)
        solara.Select("Right", value=right, values=names)
        solara.SliderInt("Workers", value=workers, min=500, max=20_000, step=500)
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
