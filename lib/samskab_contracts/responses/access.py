"""What the gateway itself answers about access: who the caller is and the
administrative grants (docs/access.md)."""
from __future__ import annotations

from marshmallow import fields

from ._fields import Answer, N, R, about


class HeldGrantSchema(Answer):
    role = fields.Str(**R)
    scope = fields.Str(**N, **about("a district, an initiative or actor id; null: national"))


class WhoAmISchema(Answer):
    subject = fields.Str(**R)
    grants = fields.List(fields.Nested(HeldGrantSchema), **R)


class GrantSchema(Answer):
    """An administrative grant."""

    grant_id = fields.Str(**R)
    subject = fields.Str(**R)
    role = fields.Str(**R)
    scope = fields.Str(**N)
    source = fields.Str(**R)
    granted_by = fields.Str(**N, **about("null for grants that follow the domain's events"))
    granted_at = fields.Str(**N)


class GrantAuditEntrySchema(Answer):
    seq = fields.Str(**R, **about("the entry's place in the log (the cursor)"))
    at = fields.Str(**R)
    by = fields.Str(**R)
    action = fields.Str(**R, **about("give or withdraw"))
    subject = fields.Str(**R)
    role = fields.Str(**R)
    scope = fields.Str(**N)
