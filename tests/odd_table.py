"""The parameter table of ``docs/ODD.md``, generated from the parameter declarations.

Every row is one field of :mod:`sim.model.params` (default, unit, allowed values, meaning and
source, as :func:`sim.model.params.describe_params` gives them). ``tests/test_docs.py`` asks the
table in the ODD to equal this one. After changing a parameter's declaration, rewrite it::

    python tests/odd_table.py
"""

from __future__ import annotations

from pathlib import Path

ODD = Path(__file__).resolve().parents[1] / "docs" / "ODD.md"
HEADER = "| key | default | unit | allowed | meaning | source (as in `sim/model/params/`) |"


def shown(value) -> str:
    """A default as the table shows it: booleans in TOML spelling, text in quotes."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)


def table_rows() -> list[str]:
    """One Markdown row per parameter, in declaration order."""
    from sim.model.params import Params, describe_params

    return [f"| `{r['key']}` | {shown(r['value'])} | {r['unit']} | {r['allowed']} | "
            f"{r['meaning']} | {r['source']} |" for r in describe_params(Params())]


def table_span(lines: list[str]) -> tuple[int, int]:
    """First and one-past-last line index of the table's rows in the ODD's ``lines``."""
    head = lines.index(HEADER)
    end = next((i for i in range(head + 2, len(lines)) if not lines[i].startswith("|")),
               len(lines))
    return head + 2, end


def write_table() -> None:
    """Rewrite the ODD's parameter table from the declarations (temp file, then rename)."""
    lines = ODD.read_text(encoding="utf-8").splitlines()
    start, end = table_span(lines)
    lines[start:end] = table_rows()
    tmp = ODD.with_suffix(".md.tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(ODD)
    print(f"wrote {end - start} -> {len(table_rows())} rows of the parameter table in {ODD}")


if __name__ == "__main__":
    write_table()
