"""Escaping of user text for HTML/SVG and Markdown output.

User text may contain web addresses (e.g. a ripple effect's evidence). Reports
must not link or load anything from outside, so the scheme is dropped
("https://botrygt.dk" is shown as "botrygt.dk") and nothing becomes a link.
"""
from __future__ import annotations

import html
import re

_SCHEME = re.compile(r"(?i)\b[a-z][a-z0-9+.-]*://")
_MD_INLINE = re.compile(r"([\\`*_{}\[\]|~<>&])")
_MD_LINE_START = re.compile(r"^([-+#>=]|\d+[.)])")


def defang(text: object) -> str:
    return _SCHEME.sub("", "" if text is None else str(text))


def h(text: object) -> str:
    """Escape text for HTML and SVG (quotes included, so it is safe in attributes)."""
    return html.escape(defang(text), quote=True)


def md(text: object) -> str:
    """Escape text for Markdown: markup characters and raw HTML are neutralised and the
    text stays one paragraph, so user text can never start a heading or a list."""
    flat = " ".join(defang(text).split())
    escaped = _MD_INLINE.sub(r"\\\1", flat)
    return _MD_LINE_START.sub(r"\\\1", escaped)
