"""Every text of the pages is in the one catalogue, translated into Danish; the English
catalogue holds the same messages."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from samskab_web.i18n import catalogue_files, read_catalogue

pytestmark = pytest.mark.unit
WEB = Path(__file__).resolve().parents[2]
METHODS = [("samskab_web/**.py", "python"), ("samskab_web/templates/**.html", "jinja2")]
OPTIONS = {"samskab_web/templates/**.html": {"extensions": "jinja2.ext.i18n"}}


def extracted() -> set[str]:
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
    return {message[2] for message in extract_from_dir(WEB, METHODS, options_map=OPTIONS, keywords=keywords)
            if isinstance(message[2], str)}


def catalogue(lang: str) -> dict[str, str]:
    return {m.id: m.string for m in read_catalogue(lang) if m.id and not m.fuzzy}


@pytest.mark.parametrize("lang", ["da", "en"])
def test_no_message_is_in_two_catalogue_files(lang):
    seen: dict[str, str] = {}
    twice = []
    for path in catalogue_files(lang):
        with open(path, "rb") as po:
            for message in read_po(po):
                if message.id and message.id in seen:
                    twice.append((message.id, seen[message.id], path.name))
                seen.setdefault(message.id, path.name)
    assert twice == []


def test_every_text_is_in_both_catalogues_and_translated_into_danish():
    texts = extracted()
    assert len(texts) > 40
    danish, english = catalogue("da"), catalogue("en")
    assert texts - set(danish) == set(), "run the extraction in web/README.md and translate"
    assert texts - set(english) == set()
    assert [text for text in texts if not danish[text]] == []


def test_the_catalogues_hold_nothing_the_pages_no_longer_say():
    assert set(catalogue("da")) - extracted() == set()


@pytest.mark.parametrize("lang", ["da", "en"])
def test_no_text_holds_a_percent_sign_the_templates_would_format(lang):
    """Jinja's gettext formats every text with ``%`` (a bare "(%)" raises when the page renders):
    a percent sign is only ever part of a named placeholder."""
    placeholder = re.compile(r"%\(\w+\)[sd]")
    bare = [text for message in read_catalogue(lang) if message.id
            for text in (message.id, message.string) if "%" in placeholder.sub("", str(text))]
    assert bare == []
