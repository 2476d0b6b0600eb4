"""One real browser for every browser test module: Playwright's sync API starts once per
process (a second start after the first one's stop finds its event loop still marked running)."""
from __future__ import annotations

import pytest
from web_browser import RealBrowser


@pytest.fixture(scope="session")
def browser():
    real = RealBrowser()
    yield real
    real.stop()
