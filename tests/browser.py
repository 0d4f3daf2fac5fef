"""Headless Chromium (Debian's /usr/bin/chromium) driven by Playwright; never a downloaded browser."""
import contextlib
import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("KAMERGRAAF_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
        "--disable-component-update", "--disable-sync", "--disable-quic"]


@contextlib.contextmanager
def browser_page():
    """A page that records console errors and failed requests in `page.problems`."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (see .ci/run)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.problems = []
        page.on("console", lambda message: page.problems.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: page.problems.append(str(error)))
        # A download ends its request with ERR_ABORTED; that is no failure.
        page.on("requestfailed", lambda request: None if "ERR_ABORTED" in (request.failure or "")
                else page.problems.append(f"failed: {request.url} ({request.failure})"))
        try:
            yield page
        finally:
            browser.close()
