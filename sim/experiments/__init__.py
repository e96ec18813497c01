"""Experiments: computing with the model (no file is written here).

    runner.py      the unit of parallel work, (parameters, seed) -> RunResult, on any executor
    summary.py     a run's summary columns; the across-run summary table
    tables.py      the runs, timeseries and events tables of an experiment
    scenario.py    scenario files: inheritance, --set overrides, one-line errors
    thesis.py      the four arms, the Shapley decomposition and the verdicts
    validation.py  the stylized facts the no-AI economy is checked against
    defaults.py    defaults the command line shows (the thesis's seeds and population)
    sweep/         sweep definitions, designs, tasks and sensitivity analysis
"""
