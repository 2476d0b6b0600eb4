"""The generated case catalogue (casekatalog), per district or nationally, as Markdown
and as a full HTML document, in Danish or English, of the initiatives the viewer may
read (domain/viewer.py). All user text is escaped."""
from __future__ import annotations

from ..domain.suppression import THRESHOLD
from ..domain.viewer import PUBLIC, Viewer
from . import labels as L
from .catalogue_content import entries, section
from .catalogue_work import t as work_t
from .escape import h, md
from .formatting import date
from .page import document


def _heading(scope: str | None, lang: str) -> str:
    return f"{L.t('catalogue', lang)} – {L.district(scope, lang)}"


def _sections(models: list[dict], directory: dict | None, scope: str | None,
              viewer: Viewer, lang: str, threshold: int,
              known: dict | None = None) -> tuple[list[dict], bool]:
    """The sections, and whether any of them shows suppressed figures."""
    if lang not in L.LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; use one of {L.LANGUAGES}")
    views = entries(models, directory or {}, scope=scope, viewer=viewer, threshold=threshold)
    if known is None:  # the reader's initiatives are those given (a national catalogue)
        known = {m["initiative_id"]: m for m in models if m.get("initiative_id") and viewer.shows_model(m)}
    return ([section(v, lang, threshold, known) for v in views],
            any(v["suppressed_view"] for v in views))


def catalogue_markdown(models: list[dict], directory: dict | None = None, *,
                       scope: str | None = None, viewer: Viewer = PUBLIC,
                       lang: str = "da", generated_at: str | None = None,
                       threshold: int = THRESHOLD, known: dict | None = None) -> str:
    sections, suppressed = _sections(models, directory, scope, viewer, lang, threshold, known)
    out = [f"# {md(_heading(scope, lang))}", "", f"_{md(L.t('subtitle', lang))}_", ""]
    if generated_at:
        out += [f"{L.t('generated', lang)}: {md(date(generated_at))}", ""]
    if suppressed:
        out += [f"_{md(L.t('suppressed_note', lang, k=threshold))}_", ""]
    out += [f"## {L.t('contents', lang)}", ""]
    out += [f"- {md(s['title'])}" for s in sections] or [md(L.t("none", lang))]
    for s in sections:
        out += ["", f"## {md(s['title'])}", ""]
        out += [f"- **{md(label)}:** {md(value)}" for label, value in s["facts"]]
        out += ["", f"### {md(L.t('challenge', lang))}", ""]
        for paragraph in s["paragraphs"]:
            out += [md(paragraph), ""]
        if s["earlier"]:
            out += [f"#### {md(work_t('earlier', lang))}", ""]
            out += [f"- {md(item)}" for item in s["earlier"]] + [""]
        if s["vision"]:
            out += [f"**{md(L.t('vision', lang))}:** {md(s['vision'])}", ""]
        for text, who in s["quotes"]:
            out += [f"> “{md(text)}” – **{md(who)}**", ""]
        for heading, items in s["subsections"]:
            out += [f"### {md(heading)}", ""]
            out += [f"- {md(item)}" for item in items] or [md(L.t("none", lang))]
            out.append("")
        if s["closing"]:
            out += [f"**{md(L.t('status_closed', lang))}:** {md(s['closing'])}", ""]
    return "\n".join(out).rstrip() + "\n"


def catalogue_html(models: list[dict], directory: dict | None = None, *,
                   scope: str | None = None, viewer: Viewer = PUBLIC,
                   lang: str = "da", generated_at: str | None = None,
                   threshold: int = THRESHOLD, known: dict | None = None) -> str:
    sections, suppressed = _sections(models, directory, scope, viewer, lang, threshold, known)
    title = _heading(scope, lang)
    out = [f"<header><h1>{h(title)}</h1><p class=\"subtitle\">{h(L.t('subtitle', lang))}</p>"]
    if generated_at:
        out.append(f"<p class=\"note\">{h(L.t('generated', lang))}: {h(date(generated_at))}</p>")
    if suppressed:
        out.append(f"<p class=\"note\">{h(L.t('suppressed_note', lang, k=threshold))}</p>")
    out.append(f"</header>\n<nav><h2>{h(L.t('contents', lang))}</h2>")
    if sections:
        out.append("<ol>" + "".join(f"<li><a href=\"#i-{i}\">{h(s['title'])}</a></li>"
                                    for i, s in enumerate(sections, 1)) + "</ol>")
    else:
        out.append(f"<p>{h(L.t('none', lang))}</p>")
    out.append("</nav>")
    for i, s in enumerate(sections, 1):
        out.append(f"<section id=\"i-{i}\"><h2>{h(s['title'])}</h2><dl class=\"facts\">")
        out += [f"<dt>{h(label)}</dt><dd>{h(value)}</dd>" for label, value in s["facts"]]
        out.append(f"</dl><h3>{h(L.t('challenge', lang))}</h3>")
        out += [f"<p>{h(p)}</p>" for p in s["paragraphs"]]
        if s["earlier"]:
            out.append(f"<h4>{h(work_t('earlier', lang))}</h4><ul>"
                       + "".join(f"<li>{h(item)}</li>" for item in s["earlier"]) + "</ul>")
        if s["vision"]:
            out.append(f"<p><strong>{h(L.t('vision', lang))}:</strong> {h(s['vision'])}</p>")
        out += [f"<blockquote><p>“{h(text)}”</p><footer>– {h(who)}</footer></blockquote>"
                for text, who in s["quotes"]]
        for heading, items in s["subsections"]:
            out.append(f"<h3>{h(heading)}</h3>")
            out.append("<ul>" + "".join(f"<li>{h(item)}</li>" for item in items) + "</ul>"
                       if items else f"<p class=\"note\">{h(L.t('none', lang))}</p>")
        if s["closing"]:
            out.append(f"<p><strong>{h(L.t('status_closed', lang))}:</strong> {h(s['closing'])}</p>")
        out.append("</section>")
    return document(title, "\n".join(out), lang)
