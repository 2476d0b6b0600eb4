"""Sample payloads and ids shared by the actors unit tests (Hjørring – Fri for Indbrud)."""
from __future__ import annotations

INITIATIVE = "3f1c2a9e-5d0b-4c1e-9a57-0d2b7c1e4f10"
PLATFORM = "8a6d1f0e-2b7c-4d7e-9f3a-5c1b2e4d6f70"
PLATFORM_2 = "9b7e2a1f-3c8d-4e9f-8a4b-6d2c3f5e7a81"
NOW = "2024-04-10T12:00:00Z"


def organisation(**overrides) -> dict:
    payload = {
        "kind": "business", "district": "nordjylland", "name": "KN Låseteknik", "cvr": "29189846",
        "municipality": "Hjørring",
        "contact_points": [{"name": "Karen Nielsen", "role": "indehaver", "email": "karen@kn.dk",
                            "phone": "+45 12345678"}],
    }
    return {**payload, **overrides}


def citizen(**overrides) -> dict:
    payload = {
        "kind": "citizen", "district": "nordjylland", "display_name": "Nabo i Vrå",
        "contact": {"channel": "email", "address": "nabo@example.dk"}, "preferred_language": "da",
    }
    return {**payload, **overrides}
