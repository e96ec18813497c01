"""Reports as files: Markdown that links its figures, and a self-contained HTML page that
embeds the same figures (a small, dependency-free Markdown-to-HTML rendering).

:func:`report_files` is the one path from figures to a report: each figure becomes PNG bytes
once, ``<stem>.md`` links them by relative path and ``<stem>.html`` embeds the same bytes as
data URIs. The store writes the files it returns.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Callable

from sim.reports.figures import png_bytes


def report_files(stem: str, title: str, figures: dict, markdown: Callable[[dict], str]
                 ) -> dict[str, str | bytes]:
    """The files of a report: every figure as PNG (``figures``: relative path -> matplotlib
    figure, closed once drawn), ``<stem>.md`` and ``<stem>.html``.

    ``markdown(images)`` writes the report given ``images``: relative path -> image source
    (the path itself for the Markdown file, a data URI for the HTML page).
    """
    pngs = {path: png_bytes(figure) for path, figure in figures.items()}
    page = html_page(markdown({path: data_uri(png) for path, png in pngs.items()}), title)
    return {**pngs, f"{stem}.md": markdown({path: path for path in pngs}),
            f"{stem}.html": page}


def data_uri(png: bytes) -> str:
    """A PNG as a data URI (for the self-contained HTML)."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def html_page(markdown_text: str, title: str) -> str:
    """A small, dependency-free Markdown-to-HTML rendering of the report (headings, lists,
    tables, bold, images): self-contained when images are data URIs."""
    out = [f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}"
           "</title><style>body{font-family:sans-serif;max-width:980px;margin:2em auto;"
           "line-height:1.45}table{border-collapse:collapse}td,th{border:1px solid #bbb;"
           "padding:3px 8px}img{max-width:100%}</style></head><body>"]
    in_list = in_table = False
    for line in markdown_text.splitlines():
        if in_list and not line.startswith("- "):
            out.append("</ul>")
            in_list = False
        if in_table and not line.startswith("|"):
            out.append("</table>")
            in_table = False
        if line.startswith("# "):
            out.append(f"<h1>{_inline(line[2:])}</h1>")
        elif line.startswith("## "):
            out.append(f"<h2>{_inline(line[3:])}</h2>")
        elif line.startswith("- "):
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{_inline(line[2:])}</li>")
        elif line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(set(c) <= {"-", ":"} for c in cells):
                continue
            tag = "th" if not in_table else "td"
            if not in_table:
                out.append("<table>")
                in_table = True
            out.append("<tr>" + "".join(f"<{tag}>{_inline(c)}</{tag}>" for c in cells) + "</tr>")
        elif line.startswith("!["):
            alt, src = line[2:].split("](", 1)
            out.append(f"<p><img alt='{html.escape(alt)}' src='{src[:-1]}'></p>")
        elif line.strip():
            out.append(f"<p>{_inline(line)}</p>")
    if in_list:
        out.append("</ul>")
    if in_table:
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out)


def _inline(text: str) -> str:
    """Escape, then render **bold** and `code`."""
    text = html.escape(text)
    parts = text.split("**")
    text = "".join(f"<b>{p}</b>" if i % 2 else p for i, p in enumerate(parts))
    parts = text.split("`")
    return "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts))
