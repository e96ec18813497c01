"""Defaults of the experiments that the command line names in its help text (a module of its
own, so that building the parser imports nothing heavy)."""

from __future__ import annotations

#: Defaults of the thesis test, below any explicit choice (an option or ``--set``): about a
#: minute on a 2-core laptop, intervals a fraction of the effects they bound.
THESIS_DEFAULTS = {"run.seeds": 8, "population.workers": 10_000}
