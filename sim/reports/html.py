"""Reports as files: Markdown that links its figures, and a self-contained HTML page that
embeds the same figures.

:func:`report_files` is the one path from figures to a report: each figure becomes PNG bytes
once, ``<stem>.md`` links them by relative path and ``<stem>.html`` is that Markdown rendered
(markdown-it-py, CommonMark with tables) into a page shell (a jinja2 template with autoescape),
each figure embedded as a ``data:image/png;base64`` URI. The store writes the files it returns.

What keeps a report safe when its text comes from data (:mod:`sim.reports.text` escapes that
text before it enters the Markdown):

- raw HTML in the Markdown is not passed through: it is shown as text;
- links keep markdown-it's validation (no ``javascript:``, ``vbscript:``, ``file:`` or
  non-image ``data:`` URL);
- an image is shown only when its source is one of the figures laborsim drew for this report
  (it is then replaced by that figure's PNG data URI); any other image is shown as its alt text.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Mapping

import jinja2
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markupsafe import Markup

from sim.reports.figures import png_bytes
from sim.reports.text import one_line

#: The only kind of image source an HTML report holds.
PNG_DATA_URI = "data:image/png;base64,"

_PAGE = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined).from_string(
    "<!DOCTYPE html>\n"
    '<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title>\n'
    "<style>body{font-family:sans-serif;max-width:980px;margin:1em auto;line-height:1.4}"
    "h1{font-size:1.6em;margin:.3em 0 .5em}"
    "table{border-collapse:collapse;font-size:.94em}td,th{border:1px solid #bbb;"
    "padding:2px 7px}"
    "img{max-width:100%}</style></head><body>\n"
    "{{ body }}"
    "</body></html>\n")


def report_files(stem: str, title: str, figures: dict, markdown: Callable[[dict], str]
                 ) -> dict[str, str | bytes]:
    """The files of a report: every figure as PNG (``figures``: relative path -> matplotlib
    figure, closed once drawn), ``<stem>.md`` and ``<stem>.html``.

    ``markdown(images)`` writes the report given ``images``: relative path -> image source
    (the path itself; the HTML page embeds each figure in place of its path).
    """
    pngs = {path: png_bytes(figure) for path, figure in figures.items()}
    text = markdown({path: path for path in pngs})
    page = html_page(text, title, {path: data_uri(png) for path, png in pngs.items()})
    return {**pngs, f"{stem}.md": text, f"{stem}.html": page}


def data_uri(png: bytes) -> str:
    """A PNG as a data URI (for the self-contained HTML)."""
    return PNG_DATA_URI + base64.b64encode(png).decode("ascii")


def markdown_parser() -> MarkdownIt:
    """The Markdown parser of every report: CommonMark with tables, raw HTML off (shown as
    text), markdown-it's link validation on."""
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def render_markdown(text: str, images: Mapping[str, str] | None = None) -> str:
    """``text`` (Markdown) as an HTML fragment. An image whose source is a key of ``images``
    gets that key's value (a PNG data URI) as its source; any other image is shown as its alt
    text (escaped), so the page holds no image laborsim did not draw."""
    md = markdown_parser()
    sources = {md.normalizeLink(path): uri for path, uri in (images or {}).items()
               if uri.startswith(PNG_DATA_URI)}

    def image(renderer, tokens, idx, options, env):
        token = tokens[idx]
        uri = sources.get(str(token.attrGet("src")))
        if uri is None:
            return escapeHtml(renderer.renderInlineAsText(token.children or [], options, env))
        token.attrSet("src", uri)
        return renderer.image(tokens, idx, options, env)

    md.add_render_rule("image", image)
    return md.render(text)


def html_page(markdown_text: str, title: str, images: Mapping[str, str] | None = None) -> str:
    """A self-contained HTML page of the report: ``markdown_text`` rendered
    (:func:`render_markdown`, figures from ``images``) in a page titled ``title`` (on one line,
    escaped)."""
    return _PAGE.render(title=one_line(title), body=Markup(render_markdown(markdown_text, images)))
