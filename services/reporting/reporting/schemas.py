"""Schemas for every query payload the reporting service accepts (unknown fields rejected)."""
from __future__ import annotations

from marshmallow import RAISE, Schema, fields, validate

from samskab_common.districts import DISTRICTS

LANGUAGES = ("da", "en")


class _Query(Schema):
    class Meta:
        unknown = RAISE


class InitiativeQuery(_Query):
    initiative_id = fields.Str(required=True, validate=validate.Length(min=1, max=100))


class ScopeQuery(_Query):
    """``district`` absent or null: the national scope."""

    district = fields.Str(load_default=None, allow_none=True, validate=validate.OneOf(DISTRICTS))


class DocumentQuery(ScopeQuery):
    lang = fields.Str(load_default="da", validate=validate.OneOf(LANGUAGES))


class CatalogueQuery(DocumentQuery):
    format = fields.Str(load_default="html", validate=validate.OneOf(("html", "markdown")))


class ExportQuery(ScopeQuery):
    name = fields.Str(required=True, validate=validate.OneOf(("initiatives", "goals", "rollup")))
    format = fields.Str(load_default="csv", validate=validate.OneOf(("csv", "json")))
