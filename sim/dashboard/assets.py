"""Serve the dashboard without internet access: put Solara's browser files in its local cache.

Solara's page loads its JavaScript and CSS (the Vuetify app, RequireJS, Font Awesome, the grid
layout SolaraViz uses) from a public CDN, through the Solara server, which keeps a copy in
``<environment>/share/solara/cdn``. On a machine that cannot reach the CDN (a closed network,
CI), run once::

    python -m sim.dashboard.assets

It finds the packages and versions the installed Solara asks for, downloads each with
``npm pack`` (from the npm registry npm is configured for) and unpacks it into that cache, so
the page works offline. Needs Node.js's ``npm``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

#: Package names whose version is read from Solara's own files.
PACKAGES = ("@widgetti/solara-vuetify-app", "requirejs", "@widgetti/vue-grid-layout",
            "font-awesome")


def solara_root() -> Path:
    import solara

    return Path(solara.__file__).parent


def cache_dir() -> Path:
    """Where the Solara server looks for CDN files before fetching them."""
    from solara.server import settings

    return Path(settings.assets.proxy_cache_dir)


def wanted() -> list[str]:
    """``name@version`` of every package the installed Solara loads from the CDN."""
    text = "\n".join(p.read_text(encoding="utf-8", errors="ignore")
                     for p in solara_root().rglob("*")
                     if p.suffix in (".j2", ".vue", ".py", ".html") and p.is_file())
    specs = []
    for name in PACKAGES:
        versions = sorted(set(re.findall(re.escape(name) + r"@([0-9][0-9A-Za-z.\-]*)", text)))
        if not versions:
            raise RuntimeError(f"Solara does not name a version of {name}; is it installed?")
        specs += [f"{name}@{v.rstrip('.')}" for v in versions]
    return specs


def unpack(archive: Path, target: Path) -> None:
    """Extract an npm tarball (files under ``package/``) into ``target``."""
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            if not member.name.startswith("package/") or not (member.isfile() or member.isdir()):
                continue
            member.name = member.name.removeprefix("package/")
            if member.name:
                tar.extract(member, target, filter="data")


def fetch(specs: list[str], destination: Path) -> list[Path]:
    """Download and unpack each ``name@version`` into ``destination/name@version``."""
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is not installed (Node.js); it downloads the dashboard's files")
    done = []
    with tempfile.TemporaryDirectory() as tmp:
        for spec in specs:
            target = destination / spec
            if target.is_dir() and any(target.iterdir()):
                done.append(target)
                continue
            out = subprocess.run([npm, "pack", spec, "--silent"], cwd=tmp, capture_output=True,
                                 text=True, check=False)
            if out.returncode != 0:
                raise RuntimeError(f"npm pack {spec} failed: {out.stderr.strip()[-300:]}")
            archive = Path(tmp) / out.stdout.strip().splitlines()[-1]
            unpack(archive, target)
            done.append(target)
    return done


def main() -> int:
    try:
        specs = wanted()
        for path in fetch(specs, cache_dir()):
            print(f"ok  {path}")
    except RuntimeError as err:
        print(f"sim.dashboard.assets: error: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
