"""The documentation stays true to the code where the code can say what it should read."""

from __future__ import annotations

import odd_table  # tests/odd_table.py, beside this file


def test_the_odd_parameter_table_is_the_parameter_declarations():
    lines = odd_table.ODD.read_text(encoding="utf-8").splitlines()
    start, end = odd_table.table_span(lines)
    expected = odd_table.table_rows()
    stale = [row.split("|")[1].strip() for row, want in zip(lines[start:end], expected,
                                                              strict=False) if row != want]
    assert lines[start:end] == expected, (
        f"docs/ODD.md's parameter table is out of date ({stale[:5]} ...); "
        "run: python tests/odd_table.py")
