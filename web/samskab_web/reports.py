"""The national knowledge centre's and the districts' figures: "Tal og rapporter" (the
roll-up of the country or one district, from the gateway's JSON, drawn in our own template),
the case catalogue to browse and download (HTML, Markdown) and the open-data exports (CSV,
JSON). The gateway decides what the person sees, as for any API client: the national centre
and a district's own operators see exact figures, anyone else sees small counts of persons
suppressed (the ``suppressed_view`` of the answer).

A download is fetched from the gateway as the person and streamed on with the gateway's
Content-Type; it is always an attachment, so the gateway's own HTML catalogue (which carries
an inline style sheet) is saved, never rendered under our origin and its strict CSP."""
from __future__ import annotations

from collections.abc import Iterator

from flask import Blueprint, Response, abort, current_app, g, render_template, request, stream_with_context
from flask.typing import ResponseReturnValue

from samskab_contracts.districts import DISTRICTS
from samskab_contracts.vocabulary import LANGUAGES

from . import i18n
from .gateway_messages import N_
from .pages import call_gateway, signed_in

reports = Blueprint("reports", __name__, url_prefix="/reports")
EXPORTS = ("initiatives", "goals", "rollup")
EXPORT_FORMATS = ("csv", "json")
CATALOGUE_FORMATS = {"html": "html", "markdown": "md"}
CHUNK = 64 * 1024
CATALOGUE_PAGE = 100
LABELS = {
    "active": N_("Active"), "closed": N_("Closed"), "network": N_("Continues as a network"),
    "actor.active": N_("Active now"), "actor.left": N_("Have left"),
    "reached": N_("Reached"), "not_reached": N_("Not reached"),
    "small": N_("Small result"), "breakthrough": N_("Breakthrough"),
    "citizen_meeting": N_("Citizen meeting"), "safety_walk": N_("Safety walk"),
    "citizen": N_("Citizens"), "police_unit": N_("Police units"), "municipality": N_("Municipalities"),
    "other_authority": N_("Other authorities"), "business": N_("Businesses"), "association": N_("Associations"),
    "educational_institution": N_("Educational institutions"),
    "housing_organisation": N_("Housing organisations"), "citizen_group": N_("Citizen groups"),
}
EXPORT_LABELS = {"initiatives": N_("The initiatives, one row each"),
                 "goals": N_("The goals, one row each"),
                 "rollup": N_("The roll-up of the figures, one row per figure")}


@reports.app_template_global("report_label")
def report_label(key: str) -> str:
    """A status, kind or size of the roll-up in the page's language."""
    return i18n.gettext(LABELS[key]) if key in LABELS else key


def _district_arg() -> str | None:
    """``?district=`` (absent or empty: the whole country); an unknown district is 404."""
    district = request.args.get("district") or None
    if district is not None and district not in DISTRICTS:
        abort(404)
    return district


def _scope_params(district: str | None, **more: str) -> dict:
    return {**({"district": district} if district else {}), **more}


@reports.get("")
@signed_in
def dashboard() -> ResponseReturnValue:
    """The country for the national centre (and anyone without a district); for a district
    operator their own district first. Any scope can be asked for; the gateway suppresses."""
    me = call_gateway("GET", "/me")
    grants = me.get("grants", [])
    national = any(grant.get("role") == "national_centre" for grant in grants)
    own = sorted({grant["scope"] for grant in grants if grant.get("role") == "district_operator"
                  and grant.get("scope") in DISTRICTS})
    if "district" in request.args:
        district = _district_arg()
    else:
        district = own[0] if own and not national else None
    rollup = call_gateway("GET", "/reports/rollup", params=_scope_params(district))
    return render_template("reports.html", rollup=rollup, scope=district, districts=DISTRICTS)


@reports.get("/catalogue")
@signed_in
def catalogue() -> ResponseReturnValue:
    district = _district_arg()
    params = _scope_params(district, limit=str(CATALOGUE_PAGE))
    if request.args.get("cursor"):
        params["cursor"] = request.args["cursor"]
    page = call_gateway("GET", "/reports/initiatives", params=params)
    return render_template("catalogue.html", initiatives=page["items"], next_cursor=page.get("next_cursor"),
                           scope=district, districts=DISTRICTS, formats=CATALOGUE_FORMATS)


@reports.get("/catalogue/download/<fmt>")
@signed_in
def catalogue_download(fmt: str) -> ResponseReturnValue:
    if fmt not in CATALOGUE_FORMATS:
        abort(404)
    district = _district_arg()
    asked = request.args.get("lang", "")
    lang: str = asked if asked in LANGUAGES else g.lang
    filename = f"samskab-catalogue-{district or 'national'}-{lang}.{CATALOGUE_FORMATS[fmt]}"
    return stream_download("/reports/catalogue", _scope_params(district, format=fmt, lang=lang), filename)


@reports.get("/exports")
@signed_in
def exports() -> ResponseReturnValue:
    return render_template("exports.html", exports=EXPORT_LABELS, formats=EXPORT_FORMATS,
                           scope=_district_arg(), districts=DISTRICTS)


@reports.get("/exports/<name>/<fmt>")
@signed_in
def export_download(name: str, fmt: str) -> ResponseReturnValue:
    if name not in EXPORTS or fmt not in EXPORT_FORMATS:
        abort(404)
    district = _district_arg()
    return stream_download(f"/reports/exports/{name}", _scope_params(district, format=fmt),
                   f"samskab-{name}-{district or 'national'}.{fmt}")


def stream_download(path: str, params: dict, filename: str) -> Response:
    """The gateway's document, passed on in chunks as it arrives, as an attachment (also the
    actor pages' personal-data export)."""
    client = current_app.extensions["samskab"]["gateway"]
    upstream = client.download(path, g.subject, g.request_id, params=params)

    def body() -> Iterator[bytes]:
        try:
            yield from upstream.iter_content(CHUNK)
        finally:
            upstream.close()

    given = upstream.headers.get("Content-Disposition", "")
    response = Response(stream_with_context(body()),
                        content_type=upstream.headers.get("Content-Type", "application/octet-stream"))
    response.headers["Content-Disposition"] = (given if given.startswith("attachment")
                                               else f'attachment; filename="{filename}"')
    response.headers["Cache-Control"] = "no-store"
    return response
