"""Defaults of the experiments that the command line names in its help text (a module of its
own, so that building the parser imports nothing heavy)."""

from __future__ import annotations

#: Defaults of the thesis test, below any explicit choice (an option or ``--set``): 32 arms x 8
#: seeds, under 3 minutes on 2 cores (163 s measured), and every verdict settled at the
#: defaults (intervals a tenth to two fifths of the estimates).
THESIS_DEFAULTS = {"run.seeds": 8, "population.workers": 10_000}
