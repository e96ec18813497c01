"""Workflows: compute, save and report in one call (what the command line runs).

    run.py      a scenario's replicates -> an experiment folder
    thesis.py   the thesis test -> a thesis folder with its report (sim.thesis)
    sweep.py    a sweep, resumable, with its analysis and follow-up
    compare.py  saved experiments side by side -> a comparison report
"""
