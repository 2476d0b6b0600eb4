"""A real browser for the page tests: Playwright driving Debian's Chromium (the machine
cannot download browsers), an axe-core check of a page (axe.min.js ships inside the
axe-playwright-python wheel; nothing is fetched at run time), and screenshots to look at."""
from __future__ import annotations

import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"
BLOCKING_IMPACTS = ("serious", "critical")


class RealBrowser:
    def __init__(self) -> None:
        if shutil.which("chromium") is None:
            pytest.fail("chromium is missing: make system-packages installs it (apt-get install chromium)")
        self._manager = sync_playwright()
        self._playwright = self._manager.start()
        # --no-sandbox: the test machines run as root, where Chromium's sandbox cannot start.
        self.browser: Browser = self._playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        self._axe = Axe()

    def stop(self) -> None:
        self.browser.close()
        # Playwright's own stop waits for the driver's exit through asyncio's child watcher,
        # which never fires once eventlet has patched the process (the root conftest does):
        # end the driver we started by its process instead.
        transport = self._manager._client._transport
        transport.request_stop()
        driver: subprocess.Popen = transport._proc._transport._proc
        driver.kill()
        driver.wait(timeout=10)

    def serious_violations(self, page: Page) -> list[str]:
        """axe-core's serious and critical findings on the page as it is now."""
        violations = self._axe.run(page).response["violations"]
        return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
                for v in violations if v.get("impact") in BLOCKING_IMPACTS]

    def check(self, page: Page, name: str) -> None:
        """Every page: a screenshot to look at, and no serious or critical accessibility finding."""
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
        assert self.serious_violations(page) == [], name


PASSWORD = "et langt kodeord til test"
"""Every test account's password."""


def arrive(page: Page, pattern: str, timeout: float = 30) -> None:
    """Wait until the page is at a URL matching ``pattern``, by looking (Playwright's own
    wait_for_url can stall in this eventlet-patched test process)."""
    deadline = time.monotonic() + timeout
    while not re.fullmatch(pattern, page.url):
        assert time.monotonic() < deadline, (f"still at {page.url}, not {pattern}; the page says "
                                             f"{page.locator('.error').all_inner_texts()}")
        time.sleep(0.1)


def sign_in(page: Page, web_url: str, email: str, password: str = PASSWORD) -> None:
    """Sign in through the form, as a person would, and land on "Mine initiativer"."""
    page.goto(f"{web_url}/sign-in")
    page.get_by_label("E-mailadresse").fill(email)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind", exact=True).click()
    arrive(page, re.escape(f"{web_url}/initiatives"))


def until(condition, what: str, timeout: float = 30) -> None:
    """Wait until ``condition()`` holds, by looking every tenth of a second."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"not so after {timeout} s: {what}"
        time.sleep(0.1)


def look_again(page: Page) -> None:
    """Load the page again. Now and then Chromium lets go of the page's target during a reload
    that follows close on a navigation ("Not attached to an active page", seen in CI): then
    go to its address afresh, which a person's reload amounts to."""
    try:
        page.reload()
    except PlaywrightError as error:
        if "Not attached to an active page" not in error.message:
            raise
        time.sleep(0.2)
        page.goto(page.url)


def reload_until(page: Page, condition, what: str, timeout: float = 30) -> None:
    """Reload until ``condition()`` holds: what another service decides reaches the page
    through its events, moments later."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"not so after {timeout} s: {what}"
        time.sleep(0.3)
        look_again(page)


def until_shown(page: Page, locator, what: str, timeout: float = 30) -> None:
    """Reload until ``locator`` is on the page."""
    reload_until(page, lambda: locator.count() > 0, what, timeout)
