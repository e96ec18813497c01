"""The package's shape: each layer imports only the layers below it, no import cycle anywhere
(imports inside functions included), and the public namespaces load nothing until used.

The layers, lowest first (docs/architecture.md)::

    sim.errors < sim.model < sim.stats < sim.experiments < sim.reports < sim.store
        < sim.workflows < sim.cli, sim.dashboard

A module may import its own layer's modules and any layer below; ``sim.cli`` and
``sim.dashboard`` do not import each other.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "sim"
#: Layer of each top-level part of the package (its first name after ``sim.``).
LAYERS = {"errors": 0, "model": 1, "stats": 2, "experiments": 3, "reports": 4,
          "store": 5, "workflows": 6, "cli": 7, "dashboard": 7, "__main__": 8}
#: Loaded by nothing that only needs the model.
HEAVY = ("matplotlib", "pyarrow", "pandas", "dask", "distributed", "SALib", "solara")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    """Every module of the package, by dotted name."""
    return {module_name(path): path for path in PACKAGE.rglob("*.py")}


def resolve(name: str, known: dict[str, Path]) -> str:
    """The module a dotted import name refers to (a module, or the package that holds the
    imported name)."""
    while name not in known and "." in name:
        name = name.rsplit(".", 1)[0]
    return name


def imports(path: Path, known: dict[str, Path]) -> list[tuple[str, int]]:
    """(module imported, line) for every import of a ``sim`` module in ``path``, at module
    level or inside functions."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            if name == "sim" or name.startswith("sim."):
                found.append((resolve(name, known), node.lineno))
    return found


def layer_of(module: str) -> str:
    return module.split(".")[1] if "." in module else "sim"


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: {target for target, _ in imports(path, known) if target != name}
            for name, path in known.items()}


def test_every_module_belongs_to_a_layer():
    unknown = sorted({layer_of(m) for m in modules()} - set(LAYERS) - {"sim"})
    assert unknown == [], f"modules outside the layers: {unknown}; add them to LAYERS"


def test_every_package_folder_is_installed():
    """pyproject.toml lists the packages explicitly; a new folder must be added there."""
    config = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    folders = {module_name(init) for init in PACKAGE.rglob("__init__.py")}
    assert folders <= listed, sorted(folders - listed)


def test_each_layer_imports_only_layers_below_it():
    known = modules()
    violations = []
    for name, path in known.items():
        source = layer_of(name)
        if source == "sim":  # the lazy public namespace names modules as strings only
            continue
        for target, line in imports(path, known):
            goal = layer_of(target)
            if goal == source:
                continue
            if goal == "sim" or LAYERS[goal] >= LAYERS[source]:
                violations.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {name} "
                                  f"imports {target}")
    assert violations == [], "layering violated:\n" + "\n".join(violations)


def test_the_model_imports_nothing_from_the_layers_above():
    known = modules()
    for name, path in known.items():
        if layer_of(name) == "model":
            assert {layer_of(t) for t, _ in imports(path, known)} <= {"model"}, name


def test_no_import_cycle_anywhere():
    edges = graph()
    state: dict[str, str] = {}
    cycles = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == "open":
                cycles.append(" -> ".join([*stack[stack.index(nxt):], nxt]))
            elif nxt not in state:
                visit(nxt, [*stack, nxt])
        state[node] = "done"

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    assert cycles == [], "import cycles:\n" + "\n".join(cycles)


def test_the_checks_catch_a_violation_and_a_cycle(tmp_path, monkeypatch):
    """The walker sees imports inside functions, upward imports and cycles (checked on a
    small fake package)."""
    fake = tmp_path / "sim"
    (fake / "model").mkdir(parents=True)
    (fake / "store").mkdir()
    for folder in (fake, fake / "model", fake / "store"):
        (folder / "__init__.py").write_text("")
    (fake / "model" / "a.py").write_text("def f():\n    from sim.store import b\n")
    (fake / "store" / "b.py").write_text("from sim.model import a\n")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", fake)
    with pytest.raises(AssertionError, match="sim.model.a imports sim.store.b"):
        test_each_layer_imports_only_layers_below_it()
    with pytest.raises(AssertionError, match="sim.model.a -> sim.store.b -> sim.model.a"):
        test_no_import_cycle_anywhere()


def loaded_after(code: str) -> set[str]:
    """Top-level packages loaded by a fresh interpreter after running ``code``."""
    probe = f"{code}\nimport sys\nprint(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, cwd=PACKAGE.parent)
    return set(out.stdout.split())


@pytest.mark.parametrize("code", [
    "import sim",
    "import sim.model",
    "import sim.model.rules.demand, sim.model.params, sim.model.streams",
    "import sim; sim.Params().replace('population', workers=100)",
])
def test_importing_the_model_namespaces_loads_nothing_heavy(code):
    loaded = loaded_after(code)
    assert not loaded & set(HEAVY), loaded & set(HEAVY)
    assert "mesa" not in loaded  # nothing but the parameters was asked for


def test_a_model_process_loads_no_plotting_store_or_cluster_code():
    """What a worker process imports to run ``simulate``: Mesa brings pandas and pyarrow with
    its DataCollector; laborsim adds neither matplotlib, nor Dask, nor SALib."""
    loaded = loaded_after("from sim.experiments.runner import simulate\n"
                          "from sim.experiments.sweep.tasks import evaluate")
    assert {"mesa", "numpy"} <= loaded
    assert not loaded & {"matplotlib", "dask", "distributed", "SALib", "solara"}


def test_the_command_line_parser_loads_no_numerical_library():
    loaded = loaded_after("from sim.cli.parser import build_parser\nbuild_parser()")
    assert not loaded & {"numpy", "pandas", "mesa", "matplotlib", "scipy"}
