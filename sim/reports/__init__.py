"""Reports: figures and words drawn from results (matplotlib and text; no file is written here,
the store writes what these return).

    figures.py   shared figures: a metric's band across runs, the run overview, PNG bytes
    html.py      Markdown and self-contained HTML reports from figures
    text.py      text from data made safe for Markdown, HTML, figures and terminals; n/a
    thesis.py    the thesis report, and ThesisResult (the analysis with its figure)
    sweep.py     a sweep's analysis report
    compare.py   side-by-side comparison of saved experiments
"""
