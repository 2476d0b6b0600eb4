"""The pages' quality bars on the whole system and one web process (the session's shared
ones): the role × page matrix in plain HTTP (the gateway's real decisions, the access policy's
expectations; web_matrix.py), and the main flow with the keyboard alone in a real browser."""
from __future__ import annotations

import re
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from playwright.sync_api import Error as PlaywrightError
from web_browser import PASSWORD
from web_matrix import ROLES, ROWS, build_world, make_person, outcome, signed_in, try_row

pytestmark = pytest.mark.e2e
RUN = uuid.uuid4().hex[:6]
MAX_TABS = 60
FOCUSED = """() => { const e = document.activeElement; const style = getComputedStyle(e);
  return {tag: e.tagName.toLowerCase(), id: e.id, name: e.getAttribute('name') || '', type: e.type || '',
          value: e.value || '', text: (e.innerText || '').trim(),
          outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2}; }"""


@pytest.fixture(scope="module")
def web(shared_web):
    """The browser fixture (``page``) checks the page against this web process."""
    return shared_web


def test_every_role_gets_what_the_access_policy_says_on_every_page_and_form(shared_system, shared_web):
    def world_of(role: str):
        person = make_person(shared_system, role, f"matrix.{role.replace('_', '-')}.{RUN}@politi.dk", PASSWORD)
        return build_world(shared_system, role, person)

    def cells_of(world) -> dict[str, tuple]:
        """The role's rows in the table's order: (expected, got) by cell."""
        session = signed_in(shared_web.url, world.person, PASSWORD)
        return {f"{world.role:24} {row.method:4} {row.path}": (row.expected(world),
                                                               outcome(try_row(session, shared_web.url, row, world)))
                for row in ROWS}

    with ThreadPoolExecutor(len(ROLES)) as pool:  # the roles' worlds are apart: build and try them at once
        worlds = list(pool.map(world_of, ROLES))
        cells = {cell: outcomes for role_cells in pool.map(cells_of, worlds) for cell, outcomes in role_cells.items()}
    expected = {cell: want for cell, (want, _) in cells.items()}
    assert [f"{cell}: expected {want}, got {got}" for cell, (want, got) in cells.items() if want != got] == [], \
        "cells where the pages differ from the access policy"
    assert {"shown", 403, 404} <= set(expected.values()), "the matrix has every kind of outcome"


def follow(page, pattern: str, timeout_ms: int = 30_000) -> None:
    """Wait until the page is at a URL matching ``pattern`` after a key press, and loaded.
    Waiting through Playwright lets it take in the navigation (a key press, unlike a click,
    does not wait for it)."""
    waited = 0
    while not (re.fullmatch(pattern, page.url) and loaded(page)):
        assert waited < timeout_ms, f"still at {page.url}, not {pattern}"
        page.wait_for_timeout(100)
        waited += 100


def loaded(page) -> bool:
    try:
        return page.evaluate("document.readyState") == "complete"
    except PlaywrightError:  # the document went away under the question: a navigation is under way
        return False


def tab_to(page, wanted, backwards: bool = False) -> dict:
    """Press Tab (Shift+Tab) until the focused element is ``wanted``; every element passed on
    the way must show that it has the focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        focused = page.evaluate(FOCUSED)
        # past the last element the focus leaves the page (to the browser's own controls)
        assert focused["outline"] or focused["tag"] == "body", f"the focus is not visible on {focused}"
        if wanted(focused):
            return focused
    raise AssertionError(f"no element found with the keyboard on {page.url}")


def test_the_main_flow_works_with_the_keyboard_alone(page, browser, shared_web, account):
    operator = account(f"keyboard.{RUN}@politi.dk", "district_operator", "nordjylland")
    page.goto(f"{shared_web.url}/sign-in")
    assert page.locator("html").get_attribute("lang") == "da"
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUSED)
    assert (first["tag"], first["text"], first["outline"]) == ("a", "Gå til indholdet", True), \
        "a visible 'skip to content' link is the first thing the keyboard reaches"
    browser.check(page, "keyboard-skip-link")
    page.keyboard.press("Enter")
    follow(page, re.escape(f"{shared_web.url}/sign-in#main"))

    tab_to(page, lambda f: f["id"] == "email")
    page.keyboard.type(operator)
    tab_to(page, lambda f: f["id"] == "password")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    follow(page, re.escape(f"{shared_web.url}/initiatives"))

    tab_to(page, lambda f: f["text"] == "Start et initiativ")
    page.keyboard.press("Enter")
    follow(page, re.escape(f"{shared_web.url}/initiatives/new"))
    tab_to(page, lambda f: f["id"] == "title")
    page.keyboard.type("Tastaturet alene")
    tab_to(page, lambda f: f["id"] == "challenge")
    page.keyboard.type("Indbrud om natten")
    tab_to(page, lambda f: f["value"] == "burglary_prevention")
    page.keyboard.press("Space")
    tab_to(page, lambda f: f["id"] == "municipalities")
    page.keyboard.type("Hjørring")
    tab_to(page, lambda f: f["value"] == "burglary_prevention", backwards=True)
    assert page.get_by_label("Indbrudsforebyggelse").is_checked(), "Space ticked the theme"
    tab_to(page, lambda f: f["text"] == "Start initiativet")
    page.keyboard.press("Enter")
    follow(page, re.escape(f"{shared_web.url}/initiatives/") + r"(?!new$)[^/]+")  # not the form it left
    assert page.get_by_role("heading", level=1).inner_text() == "Tastaturet alene"

    tab_to(page, lambda f: f["id"] == "anchor-person_id")
    page.keyboard.type(f"anker.{RUN}@politi.dk")
    tab_to(page, lambda f: f["id"] == "anchor-name")
    page.keyboard.type("Anne Anker")
    tab_to(page, lambda f: f["tag"] == "button" and f["text"] == "Udpeg ankerperson")
    page.keyboard.press("Space")
    page.get_by_text(f"Anne Anker (anker.{RUN}@politi.dk)").wait_for(timeout=30_000)
    browser.check(page, "keyboard-anchor-person-appointed")

    tab_to(page, lambda f: f["text"] == "English")  # the page starts again at its top: the header
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="The seven phases").wait_for(timeout=30_000)
    assert page.locator("html").get_attribute("lang") == "en"
