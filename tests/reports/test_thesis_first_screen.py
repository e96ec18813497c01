"""The thesis report's first screen in a real headless browser: at 1366x768 the verdict
table (every hypothesis, with its estimate, interval and unit) and the caveats are in view
before any scrolling.

Needs ``chromium`` and ``chromedriver``, like the dashboard's browser tests: skipped without
them unless ``LABORSIM_BROWSER_TESTS=require`` (set by ``.ci/run``).
"""

from __future__ import annotations

import pytest
from browser import start_chromium

from sim.experiments.thesis import HYPOTHESES
from sim.workflows.thesis import thesis


@pytest.fixture(scope="module")
def browser():
    driver = start_chromium(1366, 768)
    yield driver
    driver.quit()


@pytest.mark.parametrize("seeds", [5, 2])  # with intervals, and too few seeds for them
def test_the_first_screen_holds_the_verdicts_and_the_caveats(browser, tmp_path, seeds):
    from selenium.webdriver.common.by import By

    out = tmp_path / "t"
    thesis(overrides=["population.workers=300", "run.years=1", f"run.seeds={seeds}",
                      "run.burn_in_months=30"],
           factors="people=ranking+productivity+new_work,technology=automation+policies",
           progress=False, out=out)
    browser.get((out / "report.html").as_uri())
    height = browser.execute_script("return window.innerHeight")
    assert 600 <= height <= 768  # a 1366x768 screen less the browser's own bars

    def bottom(element) -> float:
        return browser.execute_script("return arguments[0].getBoundingClientRect().bottom",
                                      element)

    table = browser.find_elements(By.TAG_NAME, "table")[0]
    text = table.text
    for name in HYPOTHESES:
        assert name in text
    assert "months/person" in text and "supported" in text or "inconclusive" in text
    assert bottom(table) <= height
    caveats = browser.find_element(By.XPATH, "//p[strong[text()='Caveats.']]"
                                             "/following-sibling::ul[1]")
    assert "simulation" in caveats.text and "95%" in caveats.text
    assert bottom(caveats) <= height, f"caveats end at {bottom(caveats)} px of {height}"
