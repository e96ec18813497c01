"""Escaped reports (issue 12, rule 4): text from data never becomes HTML or Markdown structure.

Hostile strings are rendered into every report (comparison, sweep analysis, thesis report)
through every path by which data reaches it: labels and folder names, manifest fields,
parameter names and values, scenario and sweep names and descriptions, overrides, outcome and
metric names, causes, skipped reasons. Each HTML page is parsed with :mod:`html.parser`: no
script, iframe, object or embed element, no event-handler attribute, no ``javascript:``,
``vbscript:`` or non-PNG ``data:`` URL, every image a PNG data URI, and each hostile text shown
as visible text. Each Markdown file is parsed with raw HTML allowed: no HTML in it at all.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from markdown_it import MarkdownIt

from sim import Params
from sim.cli import main
from sim.experiments.factors import parse_factors
from sim.experiments.scenario import load_scenario
from sim.experiments.sweep import sensitivity
from sim.experiments.sweep.load import load_sweep
from sim.experiments.sweep.spec import Outcome
from sim.experiments.thesis import run_thesis
from sim.reports import compare as compare_report
from sim.reports import sweep as sweep_report
from sim.reports.html import html_page, report_files
from sim.reports.text import md_code, md_text, one_line
from sim.reports.thesis import ThesisResult
from sim.workflows.thesis import write_thesis

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "javascript:alert(1)",
    "[x](javascript:alert(1))",
    "![x](javascript:alert(1))",
    "![x](data:text/html;base64,PHNjcmlwdD4=)",
    "<a href='vbscript:msgbox(1)'>v</a>",
    "\n# injected heading\n<iframe src=javascript:alert(1)></iframe>",
    "| a | b |\n|---|---|\n| c | d |",
    "`code` ``` **bold** __under__ *em* _em_ ~~strike~~",
    "<object data=x></object><embed src=x>",
    "back\\slash\\ &lt;script&gt; &#60;b&#62; 1. two - three",
    "1. ordered\n- bullet\n> quote\n    indented\n---",
    "<http://example.com> [ref]: javascript:alert(1)",
]

#: Every hostile string at once, for the reports (one rendering per report).
ALL = " ".join(HOSTILE)

# hostile labels are long: matplotlib says it cannot lay their figures out well, and that is all
pytestmark = pytest.mark.filterwarnings("ignore:constrained_layout not applied")

BAD_ELEMENTS = {"script", "iframe", "object", "embed", "svg", "frame", "frameset", "base",
                "form", "link", "a"}

#: The elements a report may hold: the page shell's and those Markdown renders.
REPORT_ELEMENTS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "ul",
                   "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "strong", "em",
                   "code", "img", "br", "hr", "pre", "blockquote"}


class Page(HTMLParser):
    """What a browser would act on: elements, attributes, and the visible text."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []  # (element, name, value)
        self.chunks: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append(tag)
        self.attributes += [(tag, name, value or "") for name, value in attrs]

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.chunks.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.chunks).split())


def visible(value: str) -> str:
    """How text from data should read on the page: on one line, spaces collapsed."""
    return " ".join(one_line(value).split())


def assert_safe_html(page_text: str, *shown: str) -> Page:
    page = Page(page_text)
    assert not BAD_ELEMENTS & set(page.elements), set(page.elements)
    for element, name, value in page.attributes:
        assert not name.lower().startswith("on"), (element, name, value)
        assert name.lower() not in ("style", "srcdoc", "formaction"), (element, name)
        if name.lower() in ("href", "src", "action", "data", "xlink:href"):
            url = "".join(value.split()).lower()
            assert not url.startswith(("javascript:", "vbscript:", "file:")), value
            assert not url.startswith("data:") or url.startswith("data:image/png;base64,"), value
        if name.lower() == "src":
            assert element == "img" and value.startswith("data:image/png;base64,"), value
        if element == "meta":
            assert (name, value) == ("charset", "utf-8")  # the shell's; no refresh
    assert set(page.elements) <= REPORT_ELEMENTS, set(page.elements) - REPORT_ELEMENTS
    assert page.elements.count("meta") == 1 and page.elements.count("style") == 1
    for text in shown:
        assert visible(text) in page.text, text
    return page


def has_nan(text: str) -> bool:
    """Whether "nan" stands as a word in ``text`` (not inside one such as "finance")."""
    return re.search(r"\bnan\b", text, re.IGNORECASE) is not None


def assert_safe_markdown(text: str, images: set[str] | None = None) -> None:
    """The Markdown, parsed as a viewer that renders raw HTML would: no HTML in it, no link,
    no image but laborsim's figures, no heading, list, quote or code block made by data."""
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    blocks = md.parse(text)
    for i, token in enumerate(blocks):
        assert token.type not in ("html_block", "blockquote_open", "ordered_list_open",
                                  "code_block", "fence", "hr"), (token.type, token.content)
        if token.type == "heading_open":  # every heading is one the report writes
            assert token.tag in ("h1", "h2")
            assert not blocks[i + 1].content.startswith("injected"), blocks[i + 1].content
        for child in token.children or []:
            assert child.type not in ("html_inline", "link_open"), (child.type, child.content)
            if child.type == "image":
                assert images is None or child.attrGet("src") in images, child.attrs


def assert_safe_report(files: dict, stem: str, *shown: str) -> Page:
    """The report's .md and .html: safe, and each of ``shown`` visible on the page."""
    pngs = {path for path in files if path.endswith(".png")}
    assert pngs and all(path.startswith("figures/") for path in pngs)
    assert_safe_markdown(files[f"{stem}.md"], pngs)
    page = assert_safe_html(files[f"{stem}.html"], *shown)
    images = [v for el, n, v in page.attributes if el == "img" and n == "src"]
    assert len(images) == len(pngs)  # every figure embedded, and nothing else
    return page


def written(folder: Path, stem: str) -> dict:
    """A written report's files, as the report functions return them."""
    files = {f"figures/{p.name}": p.read_bytes() for p in (folder / "figures").glob("*.png")}
    for suffix in (".md", ".html"):
        files[stem + suffix] = (folder / (stem + suffix)).read_text(encoding="utf-8")
    return files


# -- the helpers, one hostile string at a time ---------------------------------------------------

@pytest.mark.parametrize("hostile", HOSTILE)
def test_md_text_renders_as_exactly_the_text_in_every_position(hostile):
    cell, code = md_text(hostile), md_code(hostile)
    text = (f"# Title {cell}\n\n## {cell}\n\n{cell}\n\n- {cell}\n- item {code}\n\n"
            f"| head | {cell} |\n|---|---|\n| {cell} | two |\n\n![{cell}](figures/a.png)\n")
    assert "\n" not in cell and "\n" not in code
    assert_safe_markdown(text, {"figures/a.png"})
    page = assert_safe_html(html_page(text, hostile, {"figures/a.png": "data:image/png;base64,AA"}),
                            hostile)
    # the table keeps its two columns in both rows, and each heading is one heading
    assert page.elements.count("td") == 2 and page.elements.count("th") == 2
    assert page.elements.count("h1") == 1 and page.elements.count("h2") == 1
    assert page.elements.count("li") == 2
    assert visible(hostile) in page.text.split("Title ", 1)[1]


def test_normal_text_is_unchanged_and_keeps_its_formatting():
    assert md_text("ai.capability_growth = 0.5 (baseline, 2 seeds)") == (
        "ai.capability_growth = 0.5 (baseline, 2 seeds)")
    text = ("# Report\n\n**bold** and `code`\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
            "![fig](figures/x.png)\n")
    page = Page(html_page(text, "Report", {"figures/x.png": "data:image/png;base64,AA"}))
    assert {"h1", "strong", "code", "ul", "li", "table", "th", "td", "img"} <= set(page.elements)


def test_an_image_that_laborsim_did_not_draw_is_shown_as_text():
    text = ("![a](figures/x.png) ![b](figures/other.png) ![c](data:image/png;base64,AAAA) "
            "![d](http://example.com/x.png)\n")
    page = Page(html_page(text, "t", {"figures/x.png": "data:image/png;base64,AA"}))
    assert [v for el, n, v in page.attributes if n == "src"] == ["data:image/png;base64,AA"]
    assert "b c d" in page.text


# -- the comparison ----------------------------------------------------------------------------

def fake_experiment(tag: str, runs: int, value: float):
    """What compare reads of a loaded experiment (sim.store.read.Experiment), with data text
    from a hostile sender in every field it shows."""
    metric = f"metric {ALL}"
    timeseries = pd.DataFrame([{"run_id": r, "step": s, "unemployment_rate": value + 0.01 * r,
                                metric: value * s + r} for r in range(runs) for s in range(4)])
    manifest = {
        "parameters": {f"section {ALL}": {f"key {ALL}": f"{tag} value {ALL}"},
                       "ai": {"ranking": tag == "a"}},
        "laborsim_version": f"{tag} version {ALL}", "horizon_months": 4,
        "kind": f"{tag} kind {ALL}", "schema_version": 2,
        "environment": {"git": {"commit": f"{tag} commit {ALL}"}},
    }
    return SimpleNamespace(folder=Path(f"/x/{tag} folder {one_line(ALL)}"), manifest=manifest,
                           timeseries=timeseries,
                           runs=pd.DataFrame({"run_id": range(runs), "seed": range(runs)}))


def test_every_text_of_a_comparison_is_escaped():
    experiments = [fake_experiment("a", 3, 0.05), fake_experiment("b", 1, 0.07)]
    metric = f"metric {ALL}"
    labels = [f"label-a {ALL}", f"label-b {ALL}"]
    comparison = compare_report.compare(experiments, metrics=["unemployment_rate", metric],
                                        labels=labels)
    files = compare_report.report(comparison)
    page = assert_safe_report(files, "compare", *labels, f"section {ALL}.key {ALL}",
                              f"a value {ALL}", f"b value {ALL}", f"a version {ALL}",
                              f"b kind {ALL}", f"b commit {ALL}", metric)
    assert not has_nan(files["compare.md"]) and not has_nan(page.text)
    assert "one run has no interval" in page.text  # n/a, said once why

    # the folder names are the labels by default
    default = compare_report.compare(experiments, metrics=["unemployment_rate"])
    assert_safe_report(compare_report.report(default), "compare",
                       *[e.folder.name for e in experiments])


def test_compare_command_escapes_a_hostile_folder_name(saved_runs, tmp_path, capsys):
    name = '"><img src=x onerror=alert(1)> **x** | y |\n# h <script>alert(1)'
    hostile = tmp_path / name
    shutil.copytree(saved_runs[1], hostile)
    out = tmp_path / "cmp"
    assert main(["compare", str(saved_runs[0]), str(hostile), "--metrics", "unemployment_rate",
                 "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "\x1b" not in printed and "\n# h" not in printed
    assert_safe_report(written(out, "compare"), "compare", str(hostile))


# -- the sweep analysis ------------------------------------------------------------------------

SWEEP = """
description = "tiny"
design = "grid"
replicates = 3
root_seed = 5
[parameters]
"ai.capability_growth" = { values = [0.1, 0.4] }
scenario = { values = ["baseline", "klarna_freeze_reverse"] }
[[outcomes]]
metric = "unemployment_months/low"
statistic = "people_share"
[[outcomes]]
metric = "unemployment_rate"
statistic = "path_mean"
"""


@pytest.fixture
def hostile_sweep(tmp_path):
    """A sweep whose every text is hostile (as a received folder's manifest could say), with
    synthetic runs: its analysis is computed by the real code, nothing is simulated."""
    path = tmp_path / "s.toml"
    path.write_text(SWEEP)
    sweep = load_sweep(path)
    a, b = f"param-a {ALL}", f"param-b {ALL}"
    values = [f"scenario value {ALL}", "baseline"]
    share = Outcome(f"share metric {ALL}", "people_share")
    plain = Outcome(f"plain metric {ALL}", "path_mean")
    sweep = dataclasses.replace(
        sweep, name=f"sweep name {ALL}", description=f"sweep description {ALL}",
        scenario=f"base scenario {ALL}", overrides=(f"override {ALL}",),
        parameters={a: {"values": [0.1, 0.4]}, b: {"values": values}},
        heatmap=(a, b), outcomes=(share, plain))
    points = pd.DataFrame([{"point_id": i, a: x, b: y} for i, (x, y) in
                           enumerate((x, y) for x in (0.1, 0.4) for y in values)])
    rng = np.random.default_rng(0)
    rows = [{"point_id": p, "status": "ok", f"part[people]({share.metric})": rng.normal(1, 0.2),
             f"part[technology]({share.metric})": rng.normal(0.5, 0.2),
             plain.column: rng.normal(0.05)}
            for p in points["point_id"] for _ in range(3)]
    runs = pd.DataFrame(rows).merge(points, on="point_id")
    summary = sensitivity.point_summary(points, runs, sweep)
    return sweep, summary, runs


SWEEP_TEXTS = [f"sweep name {ALL}", f"sweep description {ALL}", f"base scenario {ALL}",
               f"override {ALL}", f"param-a {ALL}", f"param-b {ALL}", f"scenario value {ALL}",
               f"people_share(share metric {ALL})", f"path_mean(plain metric {ALL})"]


def test_every_text_of_a_grid_sweep_analysis_is_escaped(hostile_sweep):
    sweep, summary, runs = hostile_sweep
    result = sensitivity.analyze(sweep, summary, runs)
    assert "thesis_map" in result and "heatmap" in result
    files = sweep_report.report(sweep, result, summary)
    assert_safe_report(files, "analysis", *SWEEP_TEXTS)
    assert not has_nan(files["analysis.md"])


@pytest.mark.parametrize("design", ["morris", "sobol"])
def test_every_text_of_sensitivity_indices_is_escaped(hostile_sweep, design):
    sweep, summary, _ = hostile_sweep
    sweep = dataclasses.replace(sweep, design=design)
    a, b = sweep.names
    share, plain = sweep.outcomes
    each = {a: 0.3, b: float("nan")}  # a missing index is n/a, never nan
    indices = ({"mu_star": each, "mu_star_conf": each, "sigma": each} if design == "morris"
               else {"S1": each, "S1_conf": each, "ST": each, "ST_conf": each})
    result = {"points": len(summary), "indices": {plain.column: indices,
                                                  share.column: {"skipped": f"reason {ALL}"}}}
    files = sweep_report.report(sweep, result, summary)
    assert_safe_report(files, "analysis", *SWEEP_TEXTS, f"reason {ALL}")
    assert not has_nan(files["analysis.md"])


def test_a_failed_analysis_is_escaped_too(hostile_sweep):
    sweep, _, _ = hostile_sweep
    text = sweep_report.failure_markdown(sweep, f"ValueError: {ALL}")
    assert_safe_markdown(text)
    assert_safe_html(html_page(text, sweep.name), f"sweep name {ALL}", f"ValueError: {ALL}")


# -- the thesis report -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def thesis_folder(tmp_path_factory):
    """A thesis of 2 seeds x 200 workers (the two-channel factors, one of them with a hostile
    name) written for a scenario with a hostile name and description, and hostile group and
    outcome definitions in its analysis."""
    params = (Params().replace("population", workers=200)
              .replace("run", years=1, seeds=2, burn_in_months=3))
    factors = parse_factors("people=ranking+productivity+new_work,technology=automation+policies")
    result = ThesisResult.of(run_thesis(params, factors, progress=False))
    result.json["group_definitions"] = {f"cause {ALL}": f"group {ALL}"}
    result.json["outcome_definitions"] = {f"term {ALL}": f"definition {ALL}"}
    scenario = dataclasses.replace(load_scenario("baseline", ["population.workers=200",
                                                              "run.years=1", "run.seeds=2",
                                                              "run.burn_in_months=3"]),
                                   name=f"scenario name {ALL}",
                                   description=f"scenario description {ALL}")
    folder = tmp_path_factory.mktemp("thesis") / "t"
    write_thesis(result, folder, scenario, datetime.now(UTC))
    return folder


def test_every_text_of_the_thesis_report_is_escaped(thesis_folder):
    page = assert_safe_report(written(thesis_folder, "report"), "report",
                              f"scenario name {ALL}", f"cause {ALL}", f"term {ALL}",
                              f"definition {ALL}")
    assert visible(f"scenario name {ALL}") in page.text.split("Is it AI", 1)[1]
    assert "inconclusive: too few seeds, at least 5 needed" in page.text


def test_show_prints_a_hostile_manifest_on_its_lines(thesis_folder, capsys):
    assert main(["show", str(thesis_folder)]) == 0
    printed = capsys.readouterr().out
    line = next(line for line in printed.splitlines() if line.startswith("  scenario"))
    assert visible(f"scenario name {ALL}") in " ".join(line.split())
    assert visible(f"scenario description {ALL}") in " ".join(line.split())
    assert not has_nan(printed)
    assert "inconclusive: too few seeds, at least 5 needed" in printed


def test_a_report_embeds_every_figure_it_drew():
    """report_files: every figure it is given is embedded, and the .md links each one."""
    import matplotlib.pyplot as plt

    figures = {"figures/a.png": plt.figure(), "figures/b.png": plt.figure()}
    files = report_files("r", f"title {ALL}", figures, lambda images: "\n\n".join(
        f"![{md_text(path)}]({src})" for path, src in images.items()) + "\n")
    page = assert_safe_report(files, "r", f"title {ALL}")
    assert page.elements.count("img") == 2
