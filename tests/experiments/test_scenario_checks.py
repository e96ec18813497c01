"""Scenario and sweep files that are not TOML text (sim/experiments/scenario.py
read_definition): not UTF-8, a folder, a pipe, too large, nested too deeply; each is one line
naming the file, from the loader and from the command line, before any simulation."""

from __future__ import annotations

import os

import pytest

from sim.cli import main
from sim.errors import ScenarioError, SweepError
from sim.experiments.scenario import load_scenario
from sim.experiments.sweep.load import load_sweep
from sim.model.params import limits

BAD_FILES = {
    "not UTF-8": (b"[run]\nyears = 1\n\xff\xfe\n", "not UTF-8 text (byte 16)"),
    "Latin-1 description": ('description = "Gr\xfcn"\n'.encode("latin-1"), "not UTF-8 text"),
    "not TOML": (b"[run\nyears = 1\n", "not valid TOML"),
    "nested too deeply": (b"x = " + b"[" * 5000 + b"]" * 5000 + b"\n", "nested too deeply"),
    "too large": (b"# " + b"x" * limits.MAX_DEFINITION_BYTES + b"\n",
                  f"larger than {limits.MAX_DEFINITION_BYTES:,} bytes"),
}


@pytest.fixture
def bad_file(tmp_path, request):
    content, expected = BAD_FILES[request.param]
    path = tmp_path / "bad.toml"
    path.write_bytes(content)
    return path, expected


@pytest.mark.parametrize("bad_file", BAD_FILES, indirect=True)
def test_a_scenario_that_is_not_toml_text_is_one_line_naming_it(bad_file):
    path, expected = bad_file
    with pytest.raises(ScenarioError) as caught:
        load_scenario(str(path))
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert expected in message
    assert "\n" not in message


@pytest.mark.parametrize("bad_file", BAD_FILES, indirect=True)
def test_a_sweep_file_that_is_not_toml_text_is_one_line_naming_it(bad_file):
    path, expected = bad_file
    with pytest.raises(SweepError) as caught:
        load_sweep(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert expected in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_scenario_extending_a_file_that_is_not_utf8_names_that_file(tmp_path):
    (tmp_path / "parent.toml").write_bytes(b"[run]\nyears = 2\n\xff\n")
    child = tmp_path / "child.toml"
    child.write_text('extends = "parent.toml"\n')
    with pytest.raises(ScenarioError, match=r"parent\.toml: not UTF-8 text"):
        load_scenario(str(child))


def test_a_folder_or_a_pipe_is_not_a_scenario(tmp_path):
    (tmp_path / "folder.toml").mkdir()
    with pytest.raises(ScenarioError, match="folder.toml: is a folder, not a scenario file"):
        load_scenario(str(tmp_path / "folder.toml"))
    with pytest.raises(SweepError, match="folder.toml: is a folder"):
        load_sweep(tmp_path / "folder.toml")
    os.mkfifo(tmp_path / "pipe.toml")  # reading it would block forever
    with pytest.raises(ScenarioError, match="pipe.toml: not a regular file"):
        load_scenario(str(tmp_path / "pipe.toml"))
    with pytest.raises(SweepError, match="pipe.toml: not a regular file"):
        load_sweep(tmp_path / "pipe.toml")


@pytest.mark.parametrize("command", ["run", "thesis", "params", "sweep"])
def test_the_command_line_says_it_in_one_line(tmp_path, capsys, monkeypatch, command):
    import sim.experiments.runner as runner

    monkeypatch.setattr(runner, "simulate", lambda *a: pytest.fail("a simulation ran"))
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "bad.toml"
    path.write_bytes(b"[run]\nyears = 1\n\xff\xfe\n")
    assert main([command, str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"laborsim: error: {path}: not UTF-8 text (byte 16); TOML files are UTF-8"]
    assert not (tmp_path / "results").exists()
