"""Headless Chromium for the browser tests (the dashboard's and the thesis report's first
screen): Debian's ``chromium`` and ``chromedriver`` driven by Selenium. Without them a test is
skipped, unless ``LABORSIM_BROWSER_TESTS=require`` (set by ``.ci/run``), which makes a missing
browser a failure."""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
REQUIRED = os.environ.get("LABORSIM_BROWSER_TESTS") == "require"


def start_chromium(width: int, height: int):
    """A headless Chromium window of ``width`` x ``height`` pixels (skips or fails the test
    when there is none); quit it when done."""
    if not (CHROMIUM and DRIVER):
        message = "chromium and chromedriver are not installed (apt-get install chromium " \
                  "chromium-driver)"
        if REQUIRED:
            pytest.fail(message)
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", f"--window-size={width},{height}"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(DRIVER), options=options)
