"""Parameter sweeps (computing only; :mod:`sim.workflows.sweep` runs and saves them).

    spec.py         a sweep definition: its keys, values and outcomes, checked
    design.py       the points of its design (grid, LHS, Sobol, Morris)
    load.py         reading a sweep file; the Sobol follow-up of a Morris screening
    tasks.py        the unit of work (one point and one seed) and the sweep's plan
    sensitivity.py  per-point intervals, Sobol and Morris indices, the thesis map
"""
