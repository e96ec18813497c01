"""The page's browser files (sim/dashboard/assets.py): which files the page loads, and the
check ``laborsim ui`` runs before it starts, with Solara's cache pointed at an empty folder and
the network made unreachable (so the result does not depend on this machine's network)."""

from __future__ import annotations

import pytest
import requests

from sim.dashboard import assets


@pytest.fixture
def empty_cache(tmp_path, monkeypatch):
    from solara.server import settings

    monkeypatch.setattr(settings.assets, "proxy_cache_dir", tmp_path / "cdn")
    return tmp_path / "cdn"


@pytest.fixture
def offline(monkeypatch):
    asked = []

    def unreachable(url, **kwargs):
        asked.append(url)
        raise requests.ConnectionError(f"no network in this test ({url})")

    monkeypatch.setattr(requests, "get", unreachable)
    return asked


def test_the_page_loads_solara_s_vuetify_app_and_requirejs():
    files = assets.page_files()
    assert any(f.startswith("requirejs@") and f.endswith("/require.js") for f in files), files
    assert any(f.startswith("@widgetti/solara-vuetify-app@") and f.endswith(".min.js")
               for f in files), files
    assert all(not f.startswith(("http", "/")) for f in files)
    # every package the page loads is one that --fetch-assets downloads
    wanted = assets.wanted()
    assert all(any(f.startswith(spec + "/") for spec in wanted) for f in files), files


def test_an_empty_cache_and_no_network_is_one_line_naming_the_fix(empty_cache, offline):
    reason = assets.problem()
    assert reason is not None and "\n" not in reason
    assert str(empty_cache) in reason and "cannot be reached" in reason
    assert f"{len(assets.page_files()) - 1} more" in reason
    assert f"`{assets.FIX_COMMAND}`" in reason
    assert offline  # the CDN was asked (and failed)
    assert assets.main(["--check"]) == 2


def test_a_filled_cache_needs_no_network(empty_cache, offline):
    for name in assets.page_files():
        (empty_cache / name).parent.mkdir(parents=True, exist_ok=True)
        (empty_cache / name).write_text("/* cached */")
    assert assets.missing() == []
    assert assets.problem() is None
    assert not offline  # not even asked


def test_a_partly_filled_cache_names_what_is_missing(empty_cache, offline):
    first, *rest = assets.page_files()
    for name in rest:
        (empty_cache / name).parent.mkdir(parents=True, exist_ok=True)
        (empty_cache / name).write_text("/* cached */")
    assert assets.missing() == [first]
    reason = assets.problem()
    assert f"({first})" in reason and "more" not in reason


def test_a_reachable_cdn_is_enough(empty_cache, monkeypatch):
    class Answer:
        ok = True

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr(requests, "get", lambda url, **kwargs: Answer())
    assert assets.missing()  # nothing cached ...
    assert assets.problem() is None  # ... but the server can fetch it


def test_fill_cache_says_when_files_are_still_missing(empty_cache, monkeypatch):
    monkeypatch.setattr(assets.shutil, "which", lambda name: None)  # no npm: pip is used
    monkeypatch.setattr(assets, "fetch_with_pip", lambda: None)  # that installs nothing
    with pytest.raises(RuntimeError, match="still not in"):
        assets.fill_cache()
    assert assets.main([]) == 2
