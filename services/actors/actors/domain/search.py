"""Finding actors by name (søgning), with what the store does well: equality on a
top-level field, including membership in an array of strings (docs/store.md; the
embedded store has no reliable regex, and a scan of every actor is no search).

An actor's document carries ``name_terms``: every prefix of every word of its name,
case-folded. A search asks for the query's longest word as one term (an indexed
equality), then keeps the actors whose name holds the whole query as a case-insensitive
substring. So "bolig" finds "Vrå Boligselskab" and "vrå bolig" finds it too, while "lig"
(inside a word only) does not: a word-prefix search, bounded by the page size.
"""
from __future__ import annotations

import re

MAX_TERM = 30
"""The longest prefix kept per word; longer query words are cut to it (the substring
check on the whole name still decides)."""
WORD = re.compile(r"\w+")


def name_terms(name: str | None) -> list[str]:
    """Every case-folded prefix (1 to MAX_TERM characters) of every word of ``name``."""
    terms: set[str] = set()
    for word in WORD.findall((name or "").casefold()):
        terms.update(word[:end] for end in range(1, min(len(word), MAX_TERM) + 1))
    return sorted(terms)


def query_term(text: str) -> str | None:
    """The term a search asks the store for: the query's longest word (None: no word)."""
    words = WORD.findall(text.casefold())
    return max(words, key=len)[:MAX_TERM] if words else None


def name_matches(name: str | None, text: str) -> bool:
    """The whole query, case-insensitive and with runs of spaces as one, is in the name."""
    wanted = " ".join(text.casefold().split())
    return bool(name) and wanted in " ".join((name or "").casefold().split())
