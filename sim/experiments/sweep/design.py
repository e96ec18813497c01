"""The points of a sweep's design: a full factorial grid, or SALib's Latin hypercube, Saltelli
(Sobol) and Morris samplers, seeded from the sweep's root seed."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from sim.experiments.sweep.spec import Sweep, param_type


def design_points(sweep: Sweep) -> pd.DataFrame:
    """The design's points: ``point_id`` then one column per varied parameter.

    Grid: the full factorial of the values. LHS, Sobol (Saltelli) and Morris: SALib's samplers,
    seeded from the sweep's root seed; Sobol needs ``samples * (D + 2)`` points (``2D + 2`` with
    second-order indices), Morris ``samples * (D + 1)``.
    """
    names = sweep.names
    if sweep.design == "grid":
        values = list(itertools.product(*[sweep.parameters[n]["values"] for n in names]))
    else:
        from SALib.sample import latin, morris, sobol  # about a second to import; grids skip it

        problem = sweep.problem()
        seed = sweep.root_seed % (2**32)
        if sweep.design == "lhs":
            values = latin.sample(problem, sweep.samples, seed=seed)
        elif sweep.design == "sobol":
            values = sobol.sample(problem, sweep.samples, calc_second_order=sweep.second_order,
                                  seed=seed)
        else:
            values = morris.sample(problem, sweep.samples, num_levels=sweep.levels, seed=seed)
    frame = pd.DataFrame(values, columns=names)
    for name in names:  # integer parameters take the nearest integer
        if param_type(name, sweep.path) is int:
            frame[name] = frame[name].round().astype(np.int64)
    frame.insert(0, "point_id", np.arange(len(frame), dtype=np.int64))
    return frame
