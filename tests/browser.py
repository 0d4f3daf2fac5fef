"""Headless Chromium (Debian's /usr/bin/chromium) driven by Playwright; never a downloaded browser."""
import contextlib
import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("KAMERGRAAF_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
        "--disable-component-update", "--disable-sync", "--disable-quic"]


_shared: dict = {}  # one Chromium for the whole run: starting one costs more than most browser tests


def _browser():
    from playwright.sync_api import sync_playwright

    if "browser" not in _shared or not _shared["browser"].is_connected():
        if "playwright" not in _shared:
            _shared["playwright"] = sync_playwright().start()
        _shared["browser"] = _shared["playwright"].chromium.launch(executable_path=CHROMIUM, args=ARGS)
    return _shared["browser"]


def close_browser() -> None:
    """Close the shared Chromium (at the end of the run)."""
    if "browser" in _shared:
        _shared.pop("browser").close()
    if "playwright" in _shared:
        _shared.pop("playwright").stop()


@contextlib.contextmanager
def browser_page():
    """A page, in a context of its own (no cookies, storage or cache shared with other tests), that
    records console errors and failed requests in `page.problems`."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (see .ci/run)")
    ARTIFACTS.mkdir(exist_ok=True)
    context = _browser().new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.problems = []
    page.on("console", lambda message: page.problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    # A download ends its request with ERR_ABORTED; that is no failure.
    page.on("requestfailed", lambda request: None if "ERR_ABORTED" in (request.failure or "")
            else page.problems.append(f"failed: {request.url} ({request.failure})"))
    try:
        yield page
    finally:
        context.close()
