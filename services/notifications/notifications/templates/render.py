"""Render a notification as subject + plain text + HTML, in the recipient's language."""
from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from ..domain.catalogue import language_of
from .facts import Facts
from .texts import DIGEST, FOOTER, GENERIC, SEE_INITIATIVE, TEXTS, Text


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str
    language: str

    @property
    def summary(self) -> str:
        """The first paragraph, for the feed and the digest."""
        return self.text.split("\n\n", 1)[0]


class _Escaped(dict):
    def __init__(self, facts: Facts):
        super().__init__()
        self.facts = facts

    def __missing__(self, key: str) -> str:
        return html.escape(str(self.facts[key]))


def _paragraphs_html(paragraphs: Sequence[str], facts: Facts) -> str:
    escaped = _Escaped(facts)
    return "".join(f"<p>{html.escape(p).format_map(escaped)}</p>\n" for p in paragraphs)


def _document(subject: str, body_html: str, footer_html: str, language: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{language}">\n<head><meta charset="utf-8">'
        f"<title>{html.escape(subject)}</title></head>\n<body>\n{body_html}"
        f'<hr>\n<p style="color:#666;font-size:small">{footer_html}</p>\n</body>\n</html>\n'
    )


def text_for(event_type: str, language: str) -> Text:
    return TEXTS.get(event_type, GENERIC)[language]


def render(event_type: str, facts: Facts, language: str) -> Rendered:
    """Render one event; an event type without its own text gets the generic one."""
    language = language_of(language)
    text = text_for(event_type, language)
    paragraphs = text.body.split("\n\n")
    if "initiative_id" in facts:
        paragraphs.append(SEE_INITIATIVE[language])
    # An optional fact (a description, a summary) that is empty drops its paragraph.
    paragraphs = [p for p in paragraphs if p.format_map(facts).strip()]
    subject = text.subject.format_map(facts)
    plain = "\n\n".join(p.format_map(facts) for p in paragraphs)
    footer = FOOTER[language]
    return Rendered(
        subject=subject,
        text=f"{plain}\n\n-- \n{footer.format_map(facts)}\n",
        html=_document(subject, _paragraphs_html(paragraphs, facts),
                       html.escape(footer).format_map(_Escaped(facts)), language),
        language=language,
    )


def render_digest(items: Sequence[Rendered], language: str, settings_link: str) -> Rendered:
    """One mail from several notifications: their subjects and first paragraphs."""
    language = language_of(language)
    digest = DIGEST[language]
    subject = digest.subject.format(count=len(items))
    footer = FOOTER[language].format(settings_link=settings_link)
    lines = [digest.body, ""]
    for item in items:
        lines += [f"* {item.subject}", f"  {item.summary}", ""]
    entries = "".join(
        f"<li><strong>{html.escape(i.subject)}</strong><br>{html.escape(i.summary)}</li>\n"
        for i in items)
    body_html = f"<p>{html.escape(digest.body)}</p>\n<ul>\n{entries}</ul>\n"
    return Rendered(
        subject=subject,
        text="\n".join(lines) + f"\n-- \n{footer}\n",
        html=_document(subject, body_html, html.escape(footer), language),
        language=language,
    )
