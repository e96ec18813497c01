"""The optional extras: ``laborsim ui`` needs ``laborsim[ui]``, ``--scheduler`` needs
``laborsim[cluster]``; without them each says so in one line (exit code 2)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError
from pathlib import Path

import pytest

from sim.cli import extras, main

THESIS_MAP = str(Path(__file__).resolve().parents[2] / "experiments" / "thesis_map.toml")


def without(monkeypatch, *packages: str) -> None:
    """Make ``packages`` look uninstalled to the extras check."""
    real = extras.version

    def version(name: str) -> str:
        if name in packages:
            raise PackageNotFoundError(name)
        return real(name)

    monkeypatch.setattr(extras, "version", version)


def test_the_test_environment_has_both_extras():
    assert extras.missing("ui") is None
    assert extras.missing("cluster") is None


@pytest.mark.parametrize(("extra", "package", "argv"), [
    ("ui", "ipyvuetify", ["ui", "--no-browser"]),
    ("cluster", "distributed", ["sweep", THESIS_MAP, "--scheduler", "tcp://127.0.0.1:1"]),
])
def test_a_missing_extra_is_named_in_one_line(monkeypatch, capsys, extra, package, argv):
    import sim.cli.ui

    monkeypatch.setattr(sim.cli.ui.subprocess, "call", lambda command: 0)  # never serve
    without(monkeypatch, package)
    assert extras.missing(extra) == f"{package} is not installed"
    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert f"'{extra}' extra" in err[0] and f"pip install 'laborsim[{extra}]'" in err[0]


def test_a_version_the_extra_excludes_is_named(monkeypatch):
    monkeypatch.setattr(extras, "version", lambda name: "3.0.0")
    assert extras.missing("ui") == "ipyvuetify 3.0.0 is installed, <2,>=1.9 needed"
