"""The dashboard in a real headless browser: ``laborsim ui`` is started, Chromium (Debian's
package, driven by Selenium) loads each page, clicks Step, checks that the month counter
advanced and that the charts are drawn, that every slider shows its value and no framework
control shows, and saves a screenshot.

Needs ``chromium`` and ``chromedriver`` (``apt-get install chromium chromium-driver``); without
them the tests are skipped, unless ``LABORSIM_BROWSER_TESTS=require`` (set by ``.ci/run``), which
makes a missing browser a failure. On a machine without internet access the page's JavaScript
comes from Solara's local cache, filled here with :mod:`sim.dashboard.assets` (needs npm);
``laborsim ui`` refuses to start when it is neither cached nor reachable.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from browser import start_chromium

PAGE_TIMEOUT = 90  # seconds for a page's first render (the first load compiles and caches)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def browser():
    driver = start_chromium(1400, 1000)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def server(browser, tmp_path_factory):
    """``laborsim ui`` on a free port; yields its base URL. It asks for the browser first, so
    that without one the tests skip before a server is started."""
    from sim.dashboard import assets

    try:  # the page's JavaScript, for machines that cannot reach the CDN
        assets.fetch(assets.wanted(), assets.cache_dir())
    except RuntimeError as err:
        print(f"could not fill Solara's asset cache ({err}); relying on the CDN")
    port = free_port()
    log = tmp_path_factory.mktemp("ui") / "laborsim-ui.log"
    with open(log, "w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "sim", "ui", "--port", str(port), "--no-browser"],
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"laborsim ui did not start: {log.read_text()[-2000:]}")
            time.sleep(0.5)
    yield url
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


# The page re-renders its widgets on every step, so these helpers ask the browser in one
# script each instead of holding element references that go stale.
def body(driver) -> str:
    return driver.execute_script("return document.body.innerText") or ""


def wait_for(driver, text: str, timeout: float) -> float:
    """Seconds until ``text`` appears on the page (fails after ``timeout``)."""
    start = time.monotonic()
    while text not in body(driver):
        if time.monotonic() - start > timeout:
            pytest.fail(f"'{text}' did not appear within {timeout} s; page says: "
                        f"{body(driver)[:500]!r}")
        time.sleep(0.05)
    return time.monotonic() - start


def click_step(driver) -> None:
    labels = driver.execute_script("""
        const steps = [...document.querySelectorAll('button')]
            .filter(b => b.innerText.trim().toLowerCase() === 'step');
        if (steps.length === 1) { steps[0].click(); }
        return [...document.querySelectorAll('button')].map(b => b.innerText.trim());""")
    assert [label.lower() for label in labels].count("step") == 1, labels


def drawn_charts(driver) -> list[int]:
    """Widths of the charts the browser has decoded (0: not drawn). Solara sends each
    matplotlib PNG as an image widget, shown through a ``blob:`` URL."""
    return driver.execute_script("""
        return [...document.images]
            .filter(i => i.src.startsWith('blob:') || i.src.startsWith('data:image'))
            .map(i => i.naturalWidth);""")


def screenshot(driver, name: str, tmp_path: Path) -> Path:
    folder = Path(os.environ.get("LABORSIM_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    assert driver.save_screenshot(str(path))
    assert path.stat().st_size > 10_000
    return path


def slider_values(driver) -> list[str]:
    """The value labels of the page's sliders that the browser shows (not hidden)."""
    return driver.execute_script("""
        return [...document.querySelectorAll('.v-slider__thumb-label')]
            .filter(e => e.offsetParent !== null && getComputedStyle(e).display !== 'none'
                         && e.getBoundingClientRect().width > 0)
            .map(e => e.innerText.trim());""")


JARGON = ("render interval", "use threads", "page 0", "play interval", "step:", "time:")


@pytest.mark.parametrize(("page", "charts", "sliders"),
                         [("/", 8, 13), ("/side-by-side", 8, 1)])
def test_page_steps_in_a_real_browser(server, browser, tmp_path, page, charts, sliders):
    browser.get(server + page)
    wait_for(browser, "No month yet: press Step", PAGE_TIMEOUT)
    # every slider's value is on the page without touching it (Workers starts at 2000)
    values = slider_values(browser)
    assert len(values) == sliders and "2000" in values, values
    seconds = []
    for n in (1, 2, 3):
        click_step(browser)
        seconds.append(wait_for(browser, f"Month {n - 1} (", 30))
    # the header numbers months as the charts' axes do: month 0 is January 2025
    assert "Month 2 (Mar 2025)" in body(browser)
    text = body(browser).lower()
    assert not [word for word in JARGON if word in text], text[:500]
    widths = drawn_charts(browser)
    assert len(widths) == charts and all(w > 100 for w in widths), widths
    path = screenshot(browser, f"dashboard{page.replace('/', '-').rstrip('-')}.png", tmp_path)
    print(f"{page}: step to redrawn page {', '.join(f'{s:.2f}' for s in seconds)} s; "
          f"screenshot {path}")
