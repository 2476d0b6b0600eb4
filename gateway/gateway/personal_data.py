"""The personal data the gateway holds (docs/personal-data.md lists exactly these fields).

Stored answers of POSTs sent with an Idempotency-Key live 24 hours; an answer about a
citizen (e.g. their registration) holds their name and contact. Each records the
``actor_id`` it is about, and erasure through the gateway deletes them at once
(idempotency.forget_actor). API keys hold a partner's subject, not a citizen's data.
Grants, their holders and the grant audit hold the sign-in identities (usually work
e-mail addresses) of staff and of actors' representatives: who may do what.
"""
from __future__ import annotations

SERVICE = "gateway"

PERSONAL_DATA_FIELDS: tuple[tuple[str, str], ...] = (
    ("idempotency_keys", "response.body"),
    ("api_keys", "subject"),
    ("grants", "subject"),
    ("grant_holders", "holders[]"),
    ("grant_audit", "by"),
    ("grant_audit", "subject"),
)
