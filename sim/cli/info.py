"""``laborsim scenarios`` and ``laborsim params``: what can be run, and with which values."""

from __future__ import annotations

import argparse
from pathlib import Path

from sim.experiments.scenario import available_scenarios, load_scenario
from sim.model.params import describe_params


def cmd_scenarios(args: argparse.Namespace) -> int:
    """``laborsim scenarios``: name and description of every scenario."""
    names = available_scenarios(Path("scenarios"))
    width = max(len(name) for name in names)
    for name in names:
        print(f"{name:<{width}}  {load_scenario(name).description}")
    return 0


def cmd_params(args: argparse.Namespace) -> int:
    """``laborsim params``: one block per parameter."""
    scenario = load_scenario(args.scenario, args.overrides)
    print(f"Parameters of scenario '{scenario.name}' ({', '.join(scenario.files)})\n")
    for row in describe_params(scenario.params):
        value = row["value"]
        shown = str(value).lower() if isinstance(value, bool) else repr(value)
        print(f"{row['key']} = {shown}  [{row['unit']}; {row['allowed']}]")
        print(f"    {row['meaning']}")
        print(f"    source: {row['source']}")
    return 0
