"""The tiny sweep definition the sweep tests write (one template, shared): a one-year run of a
few hundred workers, short burn-in, one outcome unless more are added."""

from __future__ import annotations

TEMPLATE = """
description = "tiny"
design = "{design}"
{top}
replicates = {replicates}
years = 1
workers = {workers}
root_seed = {root_seed}
set = ["run.burn_in_months=6"]

[parameters]
{parameters}

[[outcomes]]
metric = "unemployment_rate"
statistic = "path_mean"
{tables}
"""


def tiny_sweep(*, parameters: str, design: str = "grid", top: str = "", replicates: int = 2,
               workers: int = 300, root_seed: int = 5, tables: str = "") -> str:
    """A sweep definition (TOML text): ``top`` holds more top-level keys (e.g. ``samples``),
    ``tables`` more tables at the end (e.g. another ``[[outcomes]]``)."""
    return TEMPLATE.format(design=design, top=top, replicates=replicates, workers=workers,
                           root_seed=root_seed, parameters=parameters, tables=tables)
