"""``laborsim ui`` refuses in one line, with exit code 2 and before printing any address, when
it could not serve a working page: a busy port, a wrong --host, or page files that are neither
cached nor reachable."""

from __future__ import annotations

import socket

import pytest

import sim.cli.ui
from sim.cli import main


@pytest.fixture
def never_serve(monkeypatch):
    """Fail the test if the server would be started."""

    def serve(command):
        pytest.fail(f"the server was started: {command}")

    monkeypatch.setattr(sim.cli.ui.subprocess, "call", serve)


def one_line_error(capsys) -> str:
    out, err = capsys.readouterr()
    assert out == ""  # no address printed
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("laborsim: error: ")
    assert "Traceback" not in err
    return lines[0]


def test_a_busy_port_is_one_line_before_any_address(never_serve, capsys, monkeypatch):
    monkeypatch.setattr(sim.cli.ui, "check_assets", lambda: pytest.fail("checked assets"))
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["ui", "--port", str(port), "--no-browser"]) == 2
    line = one_line_error(capsys)
    assert f"port {port}" in line and "in use" in line and "--port" in line


@pytest.mark.parametrize(("host", "words"), [
    ("no-such-host.invalid", "is not an address or a name"),
    ("192.0.2.1", "is not an address of this computer"),  # TEST-NET-1: never this machine's
    ("", "must not be empty"),
])
def test_a_wrong_host_is_one_line(never_serve, capsys, monkeypatch, host, words):
    monkeypatch.setattr(sim.cli.ui, "check_assets", lambda: pytest.fail("checked assets"))
    assert main(["ui", "--host", host, "--port", "8765", "--no-browser"]) == 2
    assert words in one_line_error(capsys)


@pytest.mark.parametrize("port", ["0", "70000"])
def test_a_port_out_of_range_is_one_line(never_serve, capsys, port):
    assert main(["ui", "--port", port, "--no-browser"]) == 2
    assert "--port must be between 1 and 65535" in one_line_error(capsys)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_uncached_and_unreachable_page_files_are_one_line_naming_the_fix(
        never_serve, capsys, monkeypatch, tmp_path):
    """The real check, in its own process: Solara's cache is an empty folder and its CDN a
    closed port on this machine."""
    monkeypatch.setenv("SOLARA_ASSETS_PROXY_CACHE_DIR", str(tmp_path / "cdn"))
    monkeypatch.setenv("SOLARA_ASSETS_CDN", f"http://127.0.0.1:{free_port()}/npm/")
    assert main(["ui", "--port", str(free_port()), "--no-browser"]) == 2
    line = one_line_error(capsys)
    assert "cannot be reached" in line and str(tmp_path / "cdn") in line
    assert "`laborsim ui --fetch-assets`" in line


def test_a_free_port_and_cached_files_start_the_server(capsys, monkeypatch):
    started = []
    monkeypatch.setattr(sim.cli.ui, "check_assets", lambda: started.append("checked"))
    monkeypatch.setattr(sim.cli.ui.subprocess, "call",
                        lambda command: started.append(command) or 0)
    port = free_port()
    assert main(["ui", "--port", str(port), "--no-browser"]) == 0
    assert started[0] == "checked"
    assert started[1][1:4] == ["-m", "solara", "run"] and str(port) in started[1]
    assert f"http://127.0.0.1:{port}/" in capsys.readouterr().out


def test_fetch_assets_runs_the_asset_module(monkeypatch):
    ran = []
    monkeypatch.setattr(sim.cli.ui.subprocess, "call", lambda command: ran.append(command) or 0)
    assert main(["ui", "--fetch-assets"]) == 0
    assert ran == [[sim.cli.ui.sys.executable, "-m", "sim.dashboard.assets"]]
