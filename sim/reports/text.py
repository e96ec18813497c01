"""Text from data, made safe for a report or a terminal.

Everything a report shows that does not come from laborsim's own code (scenario and sweep names
and descriptions, parameter names and values, labels and folder names, manifest fields, outcome
names, causes) is data: a received folder or a sweep file can hold any text. It enters a
report's Markdown only through :func:`md_text` (or :func:`md_code` for a code span), so that in
the Markdown file and in the HTML page rendered from it, it is shown as the text it is and never
becomes Markdown structure (a heading, a list, a table cell, a link, an image) or HTML.

Text drawn in a figure goes through :func:`plot_text`. Numbers are formatted with
:func:`number`, which writes ``n/a`` for a missing or non-finite value (no ``nan`` is ever
printed or written into a report).
"""

from __future__ import annotations

import math
import re
import unicodedata

#: Shown for a value that is missing or not finite (never "nan").
NOT_AVAILABLE = "n/a"

#: Bidirectional-text controls (they can make a line read differently from what it holds).
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

#: Markdown punctuation escaped wherever it occurs: escapes, code, emphasis, links and images,
#: table cells, strikethrough (GitHub's).
_ALWAYS = frozenset("\\`*[]|~")

#: Punctuation that starts a block (heading, list, quote, setext underline) at a line's start.
_LEADING = frozenset("#+-=")

_ENTITY = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")
_ORDERED = re.compile(r"([0-9]{1,9})([.)])")


def one_line(value: object) -> str:
    r"""``value`` as text on one line: control characters (newlines, tabs, terminal escape
    sequences), line and paragraph separators and bidirectional controls become spaces.
    For terminals as well as reports.

    >>> one_line("a\nb\x1b[31m")
    'a b [31m'
    """
    return "".join(" " if (unicodedata.category(c) in ("Cc", "Zl", "Zp") or c in _BIDI) else c
                   for c in str(value))


def md_text(value: object) -> str:
    r"""``value`` as Markdown inline text that renders as exactly that text (surrounding spaces
    trimmed), safe in a paragraph, a heading, a list item, a table cell or an image's alt text.

    On one line (:func:`one_line`); Markdown punctuation is escaped with backslashes (always
    ``\ ` * [ ] | ~``; ``_`` except inside a word; ``&`` only where it would start an entity;
    ``# + - =`` and an ordered-list number at the start); ``<`` and ``>`` become ``&lt;`` and
    ``&gt;``, so that no viewer of the Markdown file sees an HTML tag, CommonMark or not.

    >>> print(md_text("**x** <b> # 1. a_b _c_"))
    \*\*x\*\* &lt;b&gt; # 1. a_b \_c\_
    >>> md_text("ai.capability_growth")
    'ai.capability_growth'
    """
    text = one_line(value).strip()
    out = []
    for i, c in enumerate(text):
        if c == "<":
            out.append("&lt;")
        elif c == ">":
            out.append("&gt;")
        elif c in _ALWAYS or (i == 0 and c in _LEADING):
            out.append("\\" + c)
        elif c == "_" and not (0 < i < len(text) - 1 and text[i - 1].isalnum()
                               and text[i + 1].isalnum()):
            out.append("\\_")
        elif c == "&" and _ENTITY.match(text, i):
            out.append("\\&")
        else:
            out.append(c)
    escaped = "".join(out)
    ordered = _ORDERED.match(escaped)
    if ordered:  # "1." or "1)" at the start would begin an ordered list
        escaped = f"{ordered.group(1)}\\{ordered.group(2)}{escaped[ordered.end():]}"
    return escaped


def md_code(value: object) -> str:
    """``value`` as a Markdown code span (on one line; the fence longer than any run of
    backticks in it). Not for table cells, where a ``|`` would still split the cell: use
    :func:`md_text` there.

    >>> md_code("firms.industry_demand_elasticity"), md_code("a `b`")
    ('`firms.industry_demand_elasticity`', '`` a `b` ``')
    """
    text = one_line(value)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    if not text.strip() or text[0] == "`" or text[-1] == "`" or (text[0] == text[-1] == " "):
        text = f" {text} "  # CommonMark strips one space from each side
    return f"{fence}{text}{fence}"


def counted(n: int, word: str, plural: str | None = None) -> str:
    """``n`` and ``word``, in the plural (``word`` + s unless given) unless ``n`` is one.

    >>> counted(1, "seed"), counted(3, "year"), counted(1_000, "process", "processes")
    ('1 seed', '3 years', '1,000 processes')
    """
    return f"{n:,} {word if n == 1 else plural or word + 's'}"


def number(value: object, spec: str = ".4g") -> str:
    """``value`` formatted with ``spec``, or :data:`NOT_AVAILABLE` when it is missing or not a
    finite number.

    >>> number(0.123456), number(float("nan")), number(None), number(2, "+.2f")
    ('0.1235', 'n/a', 'n/a', '+2.00')
    """
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return NOT_AVAILABLE
    return format(value, spec) if math.isfinite(x) else NOT_AVAILABLE


def slug(text: object) -> str:
    """``text`` as a file-name part: ASCII letters, digits and underscores only.

    >>> slug("path_mean(unemployment_rate)")
    'path_mean_unemployment_rate'
    """
    return "".join(c if c.isascii() and c.isalnum() else "_" for c in str(text)).strip("_") or "_"


def plot_text(value: object) -> str:
    r"""``value`` as literal text of a matplotlib title, label or legend entry: on one line,
    ``$`` escaped (no mathtext, whose parse errors would stop the report) and a leading ``_``
    kept visible (matplotlib hides legend entries that start with one).

    >>> print(plot_text("$x$ costs\n_y"))
    \$x\$ costs _y
    """
    text = one_line(value).replace("$", r"\$")
    return " " + text if text.startswith("_") else text


def summary_lines(table, range_over_runs: bool = False, indent: str = "  ") -> list[str]:
    """The lines of an across-run summary table (a DataFrame with the columns of
    :func:`sim.experiments.summary.summary_table`): mean [95% interval], and the range over
    runs, :data:`NOT_AVAILABLE` where a number is missing, and once why there is no interval
    when there is one run."""
    lines = []
    width = max([34, *(len(one_line(label)) for label in table["outcome"])])
    for row in table.itertuples():
        unit = f" {row.unit}" if row.unit else ""
        spread = (f"  range {number(row.min, '.3f')} to {number(row.max, '.3f')}"
                  if range_over_runs else "")
        lines.append(f"{indent}{one_line(row.outcome):<{width}} {number(row.mean, '.3f'):>8}  "
                     f"[{number(row.ci_low, '.3f'):>7}, {number(row.ci_high, '.3f'):>7}]"
                     f"{spread}{unit}")
    if table["ci_low"].isna().all() and table["mean"].notna().any():
        lines.append(f"{indent}(one run: no interval)")
    return lines
