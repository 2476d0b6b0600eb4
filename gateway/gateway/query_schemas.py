"""Query-string schemas of the gateway's own lists: they check what routes accept
and describe it in the OpenAPI document (unknown parameters are refused)."""
from __future__ import annotations

from marshmallow import RAISE, Schema, fields, validate

from samskab_contracts.districts import DISTRICTS
from samskab_contracts.vocabulary import INITIATIVE_STATUSES, PHASES, THEMES
from samskab_infra.context import ADMIN_ROLES

from .requests_json import MAX_PAGE

MAX_CURSOR = 500
"""Cursors are opaque; the longest is a sort key (a time and an id), base64url."""


class PageQuery(Schema):
    """Cursor paging: ``limit`` (1..100, default 50) items after ``cursor`` (the previous page's next_cursor)."""

    class Meta:
        unknown = RAISE

    limit = fields.Int(validate=validate.Range(1, MAX_PAGE),
                       metadata={"description": "page size, at most 100 (default 50)"})
    cursor = fields.Str(validate=validate.Length(1, MAX_CURSOR),
                        metadata={"description": "next_cursor of the previous page (opaque)"})


class InitiativeListQuery(PageQuery):
    district = fields.Str(validate=validate.OneOf(tuple(DISTRICTS)))
    theme = fields.Str(validate=validate.OneOf(tuple(THEMES)))
    phase = fields.Str(validate=validate.OneOf(PHASES))
    status = fields.Str(validate=validate.OneOf(INITIATIVE_STATUSES))


class ContactsQuery(PageQuery):
    include_former = fields.Bool(metadata={"description": "also list actors who have left"})


class ConsentQuery(Schema):
    """Which consent to withdraw: a take_part consent names its initiative."""

    class Meta:
        unknown = RAISE

    initiative_id = fields.Str(validate=validate.Length(1, 100),
                               metadata={"description": "the initiative of a take_part consent"})


class FeedQuery(PageQuery):
    unread_only = fields.Bool(metadata={"description": "only the items not yet read"})


class NoQuery(Schema):
    class Meta:
        unknown = RAISE


class GrantBody(Schema):
    """An administrative grant: a role (and, for a district operator, its police district)."""

    class Meta:
        unknown = RAISE

    subject = fields.Str(required=True, validate=validate.Length(1, 200),
                         metadata={"description": "the person's or partner's sign-in identity"})
    role = fields.Str(required=True, validate=validate.OneOf(ADMIN_ROLES))
    district = fields.Str(validate=validate.OneOf(tuple(DISTRICTS)),
                          metadata={"description": "required for district_operator, else absent"})


class GrantListQuery(PageQuery):
    subject = fields.Str(validate=validate.Length(1, 200))
