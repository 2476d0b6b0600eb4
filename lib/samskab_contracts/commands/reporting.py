"""Schemas for every query payload the reporting service accepts (unknown fields rejected)."""
from __future__ import annotations

from marshmallow import RAISE, Schema, fields, validate

from samskab_contracts.districts import DISTRICTS
from samskab_contracts.vocabulary import LANGUAGES, LESSON_KINDS, PHASES, THEMES

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


class LessonQuery(_Query):
    """Lessons across the initiatives the caller may read: by district, theme (the lesson's,
    or the initiative's when the lesson names none), phase, kind and a word of the text."""

    district = fields.Str(load_default=None, allow_none=True, validate=validate.OneOf(DISTRICTS))
    theme = fields.Str(load_default=None, allow_none=True, validate=validate.OneOf(tuple(THEMES)))
    phase = fields.Str(load_default=None, allow_none=True, validate=validate.OneOf(PHASES))
    kind = fields.Str(load_default=None, allow_none=True, validate=validate.OneOf(LESSON_KINDS))
    q = fields.Str(load_default=None, allow_none=True, validate=validate.Length(max=200))
    limit = fields.Int(load_default=50, validate=validate.Range(min=1, max=MAX_PAGE))
    cursor = fields.Str(load_default=None, allow_none=True, validate=validate.Regexp(r"^[0-9]{1,6}$"))
