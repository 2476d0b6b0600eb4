"""Leaflet (the safety-walk maps) served from our own origin: the dist of the pinned npm
package in tools/leaflet (``make install`` runs ``npm ci`` there), never a CDN and never
foreign code in our repository. Only the files a page needs are served; when Leaflet is not
installed they are 404 and the pages still list every finding (the map is an enhancement)."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, send_from_directory
from flask.typing import ResponseReturnValue

LEAFLET_DIST = Path(__file__).resolve().parents[2] / "tools" / "leaflet" / "node_modules" / "leaflet" / "dist"
LEAFLET_FILES = frozenset({"leaflet.js", "leaflet.css", "images/marker-icon.png", "images/marker-icon-2x.png",
                           "images/marker-shadow.png", "images/layers.png", "images/layers-2x.png"})
ONE_DAY = 24 * 3600

vendor = Blueprint("vendor", __name__)


@vendor.get("/vendor/leaflet/<path:filename>")
def leaflet(filename: str) -> ResponseReturnValue:
    if filename not in LEAFLET_FILES:
        abort(404)
    return send_from_directory(LEAFLET_DIST, filename, max_age=ONE_DAY)
