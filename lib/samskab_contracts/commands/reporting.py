"""Schemas for every query payload the reporting service accepts (unknown fields rejected)."""
from __future__ import annotations

from marshmallow import RAISE, Schema, fields, validate

from samskab_contracts.districts import DISTRICTS
from samskab_contracts.vocabulary import LANGUAGES

MAX_PAGE = 100


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


class ReportListQuery(Schema):
    """A page of the initiatives the caller may read, as reporting sees them."""

    class Meta:
        unknown = RAISE

    district = fields.Str(load_default=None, allow_none=True, validate=validate.OneOf(DISTRICTS))
    phase = fields.Str(load_default=None, allow_none=True, validate=validate.Length(max=50))
    theme = fields.Str(load_default=None, allow_none=True, validate=validate.Length(max=50))
    limit = fields.Int(load_default=50, validate=validate.Range(min=1, max=MAX_PAGE))
    cursor = fields.Str(load_default=None, allow_none=True, validate=validate.Length(max=100))
