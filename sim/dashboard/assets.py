"""The dashboard's browser files (JavaScript, CSS, fonts): are they there, and getting them.

Solara's page loads its JavaScript and CSS (the Vuetify app, RequireJS, Font Awesome) from a
public CDN, through the Solara server (``/_solara/cdn/...``), which keeps a copy of each file
it fetched in ``<environment>/share/solara/cdn`` (:func:`cache_dir`). With neither that copy
nor the CDN, every one of those requests fails and the page stays blank, with no message on
it. So ``laborsim ui`` first runs ``python -m sim.dashboard.assets --check`` (:func:`problem`),
which says so in one line, naming the command that fixes it::

    laborsim ui --fetch-assets        # the same as: python -m sim.dashboard.assets

That finds the packages and versions the installed Solara asks for (:func:`wanted`) and
unpacks each into the cache, so that the page works offline from then on. It uses Node.js's
``npm pack`` (from the npm registry npm is configured for) where ``npm`` is installed, and
otherwise ``pip install solara-assets``, Solara's own package of these files, which installs
them into the same cache. Run it once on a machine with internet access; copying the cache
folder to another installation works too.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
from pathlib import Path

#: Package names whose version is read from Solara's own files.
PACKAGES = ("@widgetti/solara-vuetify-app", "requirejs", "@widgetti/vue-grid-layout",
            "font-awesome")
#: What fills the cache (see the module's docstring).
FIX_COMMAND = "laborsim ui --fetch-assets"
#: Seconds to wait for the CDN to answer before calling it unreachable.
CDN_TIMEOUT = 5.0


def solara_root() -> Path:
    import solara

    return Path(solara.__file__).parent


def cache_dir() -> Path:
    """Where the Solara server looks for CDN files before fetching them
    (``SOLARA_ASSETS_PROXY_CACHE_DIR`` changes it)."""
    from solara.server import settings

    return Path(settings.assets.proxy_cache_dir)


def cdn() -> str:
    """The CDN Solara fetches from (``SOLARA_ASSETS_CDN`` changes it), ending in '/'."""
    import solara.settings

    return str(solara.settings.assets.cdn).rstrip("/") + "/"


def proxied() -> bool:
    """Whether the Solara server fetches and caches the files (its default); if not, the
    browser loads them from the CDN itself and the cache is not used."""
    import solara.settings

    return bool(solara.settings.assets.proxy)


def page_files() -> list[str]:
    """The files, relative to the CDN, that the page's HTML loads: Solara's page template
    rendered as the production server renders it, with every other value left empty. (The
    Vuetify app loads further chunks and fonts from its own folder; :func:`missing` checks
    that folder's main files, which a complete copy has.)"""
    import ipyvue
    import ipywidgets
    import jinja2
    from solara.server import settings

    class Empty(jinja2.ChainableUndefined):
        def __call__(self, *args, **kwargs):
            return self

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(solara_root() / "server" / "templates")),
        undefined=Empty, autoescape=True)
    env.filters["tojson"] = lambda *args, **kwargs: "null"
    html = env.get_template("solara.html.j2").render(
        cdn="CDN:", assets=settings.assets.dict(), production=True,
        vue3=ipyvue.__version__.startswith("3"),
        ipywidget_major_version=int(ipywidgets.__version__.split(".")[0]),
        theme=settings.theme.dict())
    return sorted(set(re.findall(r"CDN:/?([^\"'\s<>]+)", html)))


def missing(cache: Path | None = None) -> list[str]:
    """The page's files (:func:`page_files`) that are not in the cache."""
    cache = cache_dir() if cache is None else cache
    return [name for name in page_files() if not (cache / name).is_file()]


def cdn_reachable(timeout: float = CDN_TIMEOUT) -> bool:
    """Whether the CDN serves RequireJS, the first file the page needs, within ``timeout``
    seconds (the way the Solara server asks: ``requests``, honouring proxy settings). A name
    that cannot be resolved counts as unreachable, however long the resolver takes."""
    import requests

    answer: list[bool] = []

    def ask() -> None:
        try:
            name = next((n for n in page_files() if n.startswith("requirejs@")),
                        "requirejs@2.3.6/require.js")
            with requests.get(cdn() + name, timeout=timeout, stream=True) as response:
                answer.append(response.ok)
        except requests.RequestException:
            answer.append(False)

    thread = threading.Thread(target=ask, daemon=True)
    thread.start()
    thread.join(timeout + 1.0)
    return bool(answer and answer[0])


def problem() -> str | None:
    """Why the dashboard's page would stay blank here (one line), or None if its files are
    cached or the CDN answers."""
    if proxied():
        absent = missing()
        if not absent:
            return None
        if cdn_reachable():
            return None
        more = f" and {len(absent) - 1} more" if len(absent) > 1 else ""
        return (f"the dashboard page's JavaScript and CSS ({absent[0]}{more}) are not in "
                f"Solara's cache {cache_dir()} and {cdn()} cannot be reached, so the page "
                f"would stay blank; run `{FIX_COMMAND}` once with internet access")
    if cdn_reachable():
        return None
    return (f"the dashboard page loads its JavaScript from {cdn()}, which cannot be reached "
            "(SOLARA_ASSETS_PROXY is off), so the page would stay blank; unset "
            f"SOLARA_ASSETS_PROXY and run `{FIX_COMMAND}` once with internet access")


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
    """Download and unpack each ``name@version`` into ``destination/name@version`` with
    ``npm pack``."""
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


def fetch_with_pip() -> None:
    """``pip install solara-assets`` into this Python: Solara's package of its CDN files,
    which installs them into the cache."""
    out = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "solara-assets"],
                         capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise RuntimeError("pip install solara-assets failed: "
                           + (out.stderr.strip().splitlines() or ["no message"])[-1][-300:])


def fill_cache() -> list[str]:
    """Put the page's files in the cache (npm where installed, else pip); returns what was
    done, one line each, and raises RuntimeError if files are still missing after it."""
    if not missing():
        return [f"already cached in {cache_dir()}"]
    if shutil.which("npm") is not None:
        done = [f"ok  {path}" for path in fetch(wanted(), cache_dir())]
    else:
        fetch_with_pip()
        done = [f"ok  pip install solara-assets (into {cache_dir()})"]
    absent = missing()
    if absent:
        raise RuntimeError(f"{len(absent)} of the page's files are still not in {cache_dir()}, "
                           f"e.g. {absent[0]}")
    return done


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv == ["--check"]:
            reason = problem()
            if reason is not None:
                print(f"laborsim ui: error: {reason}", file=sys.stderr)
                return 2
            return 0
        if argv:
            print("usage: python -m sim.dashboard.assets [--check]", file=sys.stderr)
            return 2
        for line in fill_cache():
            print(line)
    except RuntimeError as err:
        print(f"laborsim ui: error: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
