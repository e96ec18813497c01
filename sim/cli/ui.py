"""``laborsim ui``: the browser dashboard, served by Solara in this Python."""

from __future__ import annotations

import argparse
import subprocess
import sys

from sim.cli.extras import require_extra
from sim.errors import LaborsimError


def cmd_ui(args: argparse.Namespace) -> int:
    """``laborsim ui``: ``solara run sim.dashboard.app`` in this Python."""
    require_extra("ui", "laborsim ui")
    if not 0 < args.port < 65536:
        raise LaborsimError(f"--port must be between 1 and 65535, got {args.port}")
    command = [sys.executable, "-m", "solara", "run", "sim.dashboard.app", "--port",
               str(args.port), "--host", args.host, "--production",
               "--no-open" if args.no_browser else "--open"]
    print(f"laborsim ui: http://{args.host}:{args.port}/ (side by side: /side-by-side); "
          "Ctrl-C stops it")
    try:
        return subprocess.call(command)
    except KeyboardInterrupt:
        return 0
