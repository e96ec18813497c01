"""Optional parts of laborsim and the extras that install them.

``pip install laborsim`` installs what runs models, sweeps and reports; the dashboard needs the
``ui`` extra (the Vuetify 2 widgets Mesa 3.3's SolaraViz uses) and a Dask cluster the
``cluster`` extra. A command that needs a missing extra says which, in one line.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, requires, version

from packaging.requirements import Requirement

from sim.errors import LaborsimError


def missing(extra: str) -> str | None:
    """Why the ``extra`` of laborsim is not usable here (its first requirement that is not
    installed, or installed at a version it excludes), or None when it is (or when laborsim
    runs from a source tree that is not installed, where nothing can be checked)."""
    try:
        wanted = requires("laborsim") or []
    except PackageNotFoundError:
        return None
    for text in wanted:
        requirement = Requirement(text)
        if requirement.marker is None or not requirement.marker.evaluate({"extra": extra}):
            continue
        try:
            installed = version(requirement.name)
        except PackageNotFoundError:
            return f"{requirement.name} is not installed"
        if not requirement.specifier.contains(installed, prereleases=True):
            return f"{requirement.name} {installed} is installed, {requirement.specifier} needed"
    return None


def require_extra(extra: str, what: str) -> None:
    """Raise a one-line :class:`~sim.errors.LaborsimError` if ``what`` (a command or option)
    cannot run because the ``extra`` is not installed."""
    reason = missing(extra)
    if reason is not None:
        raise LaborsimError(f"{what} needs the '{extra}' extra ({reason}): "
                            f"pip install 'laborsim[{extra}]'")
