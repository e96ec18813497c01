"""``laborsim ui``: the browser dashboard, served by Solara in this Python.

Before anything is printed or served, it checks that the address can be listened on (a busy
port or a wrong ``--host`` is one line, exit code 2) and that the page's JavaScript is cached
or reachable (``python -m sim.dashboard.assets --check``, run as a separate process because
the command line does not import the dashboard); ``--fetch-assets`` fills that cache.
"""

from __future__ import annotations

import argparse
import errno
import socket
import subprocess
import sys

from sim.cli.extras import require_extra
from sim.errors import LaborsimError

ASSETS = [sys.executable, "-m", "sim.dashboard.assets"]


def check_address(host: str, port: int) -> None:
    """Raise a one-line :class:`~sim.errors.LaborsimError` unless this process could listen
    on ``host``:``port`` now (the socket is closed again; the server binds it the same way,
    with ``SO_REUSEADDR``, so a port left in TIME_WAIT still counts as free)."""
    if not 0 < port < 65536:
        raise LaborsimError(f"--port must be between 1 and 65535, got {port}")
    if not host.strip():
        raise LaborsimError("--host must not be empty (127.0.0.1: this computer only; "
                            "0.0.0.0: every network)")
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    except (OSError, UnicodeError) as err:
        reason = getattr(err, "strerror", None) or str(err)
        raise LaborsimError(f"--host {host!r} is not an address or a name this computer can "
                            f"resolve ({reason}); use 127.0.0.1 (this computer only) or "
                            "0.0.0.0 (every network)") from None
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as err:
            if err.errno == errno.EADDRINUSE:
                raise LaborsimError(f"port {port} on {host} is already in use (another "
                                    "laborsim ui?); stop it or choose another with --port, "
                                    f"e.g. --port {port + 1 if port < 65535 else 8765}") from None
            if err.errno == errno.EADDRNOTAVAIL:
                raise LaborsimError(f"--host {host!r} is not an address of this computer; use "
                                    "127.0.0.1 (this computer only) or 0.0.0.0 (every "
                                    "network)") from None
            if err.errno == errno.EACCES:
                raise LaborsimError(f"no permission to listen on port {port} (ports below 1024 "
                                    "need administrator rights); choose another with --port, "
                                    "e.g. --port 8765") from None
            raise LaborsimError(f"cannot listen on {host} port {port}: "
                                f"{err.strerror or err}") from None


def check_assets() -> None:
    """Raise a one-line :class:`~sim.errors.LaborsimError` if the page's JavaScript is neither
    in Solara's cache nor reachable (see :mod:`sim.dashboard.assets`)."""
    out = subprocess.run([*ASSETS, "--check"], capture_output=True, text=True, check=False)
    if out.returncode != 0:
        lines = out.stderr.strip().splitlines() or [f"exit code {out.returncode}"]
        errors = [line for line in lines if line.startswith("laborsim ui: error: ")]
        reason = (errors or lines)[-1].removeprefix("laborsim ui: error: ")
        raise LaborsimError(reason if errors else f"checking the dashboard's files failed: "
                            f"{reason}")


def url(host: str, port: int) -> str:
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def cmd_ui(args: argparse.Namespace) -> int:
    """``laborsim ui``: ``solara run sim.dashboard.app`` in this Python."""
    require_extra("ui", "laborsim ui")
    if getattr(args, "fetch_assets", False):
        return subprocess.call(ASSETS)
    check_address(args.host, args.port)
    check_assets()
    command = [sys.executable, "-m", "solara", "run", "sim.dashboard.app", "--port",
               str(args.port), "--host", args.host, "--production",
               "--no-open" if args.no_browser else "--open"]
    print(f"laborsim ui: {url(args.host, args.port)} (side by side: /side-by-side); "
          "Ctrl-C stops it")
    try:
        return subprocess.call(command)
    except KeyboardInterrupt:
        return 0
