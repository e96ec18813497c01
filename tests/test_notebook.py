"""The student notebook (experiments/tutorial.ipynb) runs top to bottom without errors."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parents[1] / "experiments" / "tutorial.ipynb"


def text_of(cell) -> str:
    parts = []
    for output in cell.get("outputs", []):
        parts.append(output.get("text", ""))
        parts.append(output.get("data", {}).get("text/plain", ""))
    return "".join(parts)


def test_tutorial_runs_top_to_bottom(tmp_path):
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert not any(cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code"), \
        "commit the notebook without outputs (CI runs it)"
    client = NotebookClient(notebook, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}})
    client.execute()  # raises CellExecutionError, with the cell and traceback, on any error
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.execution_count for cell in code)
    everything = "\n".join(text_of(cell) for cell in code)
    assert "2,000 workers" in everything
    assert "H1" in everything and "H2" in everything  # the thesis table
    images = sum("image/png" in o.get("data", {}) for cell in code for o in cell.outputs)
    assert images >= 3  # the DataCollector plot, the comparison, the saved experiment
