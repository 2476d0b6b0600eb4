"""One real browser for every browser test module: Playwright's sync API starts once per
process (a second start after the first one's stop finds its event loop still marked running)."""
from __future__ import annotations

import pytest
from web_browser import RealBrowser

from tests.system import System


@pytest.fixture(scope="session")
def browser():
    real = RealBrowser()
    yield real
    real.stop()


@pytest.fixture(scope="module")
def system(embedded_store):
    """The whole system (services and gateway), once per browser test module."""
    running = System(embedded_store.uri).start()
    yield running
    running.stop()


@pytest.fixture
def page(browser, web):
    """A fresh Danish page; the test fails if the page ever broke its own Content-Security-Policy."""
    context = browser.browser.new_context(locale="da-DK", accept_downloads=True)
    page = context.new_page()
    blocked: list[str] = []
    page.on("console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text
            else None)
    yield page
    context.close()
    assert blocked == [], "the page broke its own Content-Security-Policy"
