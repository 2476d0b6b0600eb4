"""One translation catalogue (gettext, Babel) for every text on the pages: Danish first,
English one click away. The .po files are compiled in memory when the process starts,
so what runs is always what the catalogue says (no build step, no stale .mo).

A language's catalogue is ``messages.po`` together with any other ``*.po`` beside it (one per
group of pages while they are written in parallel; ``msgcat`` folds them into ``messages.po``).
A message in two files is a mistake the catalogue test reports."""
from __future__ import annotations

import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from flask import g

from samskab_contracts.vocabulary import DEFAULT_LANGUAGE, LANGUAGES, PHASE_LABELS, PHASES, THEME_LABELS

LANG_COOKIE = "samskab_lang"
LANGUAGE_NAMES = {"da": "Dansk", "en": "English"}
CATALOGUE_DIR = Path(__file__).parent / "translations"


def catalogue_files(lang: str) -> list[Path]:
    """``messages.po`` first, then the language's other catalogue files by name."""
    folder = CATALOGUE_DIR / lang / "LC_MESSAGES"
    return [folder / "messages.po", *sorted(p for p in folder.glob("*.po") if p.name != "messages.po")]


def read_catalogue(lang: str) -> Catalog:
    """Every message of the language's catalogue files in one catalogue."""
    files = catalogue_files(lang)
    with open(files[0], "rb") as po:
        catalogue = read_po(po, locale=lang)
    for path in files[1:]:
        with open(path, "rb") as po:
            for message in read_po(po, locale=lang):
                if message.id and message.id not in catalogue:
                    catalogue[message.id] = message
    return catalogue


def load_catalogue(lang: str) -> Translations:
    catalogue = read_catalogue(lang)
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return Translations(compiled)


class Catalogues:
    def __init__(self) -> None:
        self._by_lang = {lang: load_catalogue(lang) for lang in LANGUAGES}

    def for_lang(self, lang: str) -> Translations:
        return self._by_lang.get(lang, self._by_lang[DEFAULT_LANGUAGE])


def choose_language(asked: str | None) -> str:
    return asked if asked in LANGUAGES else DEFAULT_LANGUAGE


def phase_label(phase: str, lang: str) -> str:
    return PHASE_LABELS.get(phase, {}).get(lang, phase)


def theme_label(theme: str, lang: str) -> str:
    return THEME_LABELS.get(theme, {}).get(lang, theme)


def phase_line(current: str, lang: str) -> list[dict]:
    """The seven phases in order, each marked done, current or ahead."""
    position = PHASES.index(current) if current in PHASES else -1
    return [{"key": phase, "number": number, "label": phase_label(phase, lang),
             "state": "done" if number - 1 < position else "current" if number - 1 == position else "ahead"}
            for number, phase in enumerate(PHASES, start=1)]


def gettext(message: str, **variables: object) -> str:
    """``message`` in the current request's language (Python code's ``_``)."""
    text = g.translations.gettext(message)
    return text % variables if variables else text


def ngettext(singular: str, plural: str, n: int, **variables: object) -> str:
    return g.translations.ngettext(singular, plural, n) % {"num": n, **variables}
