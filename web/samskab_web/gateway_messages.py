"""The gateway's field messages the pages translate (marshmallow's own words for the
start-an-initiative form's limits). Listed here so the catalogue extracts them; a message
not listed is shown as the gateway wrote it."""
from __future__ import annotations


def N_(message: str) -> str:  # noqa: N802 - gettext's conventional name for a no-op marker
    return message


GATEWAY_MESSAGES = (
    N_("Missing data for required field."),
    N_("Length must be between 1 and 200."),
    N_("Length must be between 1 and 5000."),
    N_("Length must be between 1 and 11."),
    N_("Not a valid string."),
    N_("Unknown field."),
)
