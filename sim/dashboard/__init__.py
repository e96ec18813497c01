"""The browser dashboard (``laborsim ui``): a Mesa SolaraViz page and a side-by-side view.

* :mod:`sim.dashboard.model`: :class:`DashboardMarket`, the model with the dashboard's
  settings as keyword arguments (what SolaraViz needs to rebuild it).
* :mod:`sim.dashboard.charts`: the charts, plain matplotlib functions of a model.
* :mod:`sim.dashboard.app`: the Solara pages (run ``laborsim ui`` or
  ``solara run sim.dashboard.app``).
"""
