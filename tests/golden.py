"""Golden fixtures: seeded monthly metrics of small models, pinned in ``tests/golden/``.

Each fixture is one scenario run with a fixed seed (2,000 workers, the scenario's burn-in, then
36 reported months; and one long run of the baseline, 10,000 people over its whole 120-month
horizon, where rarer events such as ties between equal candidates and the mature AI economy
show up): every metric of every month, written as CSV with round-trip float precision.
``tests/test_golden.py`` reruns them and asks for integer counts to match exactly and every
other number to 1e-12 relative. A change of behaviour therefore fails the test; a
refactor leaves the fixtures untouched.

Regenerate them, on purpose, after a change of behaviour (and say why in the commit)::

    python tests/golden.py
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

FOLDER = Path(__file__).resolve().parent / "golden"
#: The pinned scenarios: no AI, the baseline mix of policies, and two single-policy economies
#: (a hiring freeze that reverses; reskilling instead of automation layoffs).
SCENARIOS = ("no_ai", "baseline", "klarna_freeze_reverse", "salesforce_reskill")
WORKERS = 2000
MONTHS = 36
SEED = 7
#: The long fixture: name -> (scenario, people, reported months).
LONG = {"baseline_long": ("baseline", 10_000, 120)}
FIXTURES = SCENARIOS + tuple(LONG)


def golden_frame(fixture: str) -> pd.DataFrame:
    """The monthly metrics of the seeded golden run of ``fixture`` (a scenario name, or a
    name of :data:`LONG`)."""
    from sim import LaborMarket, load_scenario

    scenario, workers, months = LONG.get(fixture, (fixture, WORKERS, MONTHS))
    params = load_scenario(scenario, [f"population.workers={workers}"]).params
    model = LaborMarket(params, seed=SEED)
    for _ in range(months):
        model.step()
    frame = model.datacollector.get_model_vars_dataframe().reset_index(drop=True)
    frame.insert(0, "month", range(len(frame)))
    return frame


def path_of(scenario: str) -> Path:
    """The fixture file of ``scenario``."""
    return FOLDER / f"{scenario}.csv"


def read_fixture(scenario: str) -> pd.DataFrame:
    """The stored fixture of ``scenario``."""
    return pd.read_csv(path_of(scenario))


def write_fixtures() -> None:
    """Rerun every golden scenario and overwrite its fixture."""
    FOLDER.mkdir(exist_ok=True)
    for scenario in FIXTURES:
        frame = golden_frame(scenario)
        frame.to_csv(path_of(scenario), index=False, float_format="%.17g")
        print(f"wrote {path_of(scenario)} ({len(frame)} months x {frame.shape[1] - 1} metrics)")


if __name__ == "__main__":
    write_fixtures()
