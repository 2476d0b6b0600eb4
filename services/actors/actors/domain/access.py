"""Who may read what: personal data is shown only to those the method gives a reason to."""
from __future__ import annotations

from samskab_common.context import Principal
from samskab_common.errors import Forbidden

DIRECTORY_ROLES = ("anchor_person", "coordinator")


def require_contact_directory_reader(principal: Principal, initiative_id: str) -> None:
    """The contact directory is for the anchor person (ankerperson) and the
    coordinator (tovholder) of that initiative, and for internal system calls."""
    if principal.role == "system":
        return
    if principal.role in DIRECTORY_ROLES and initiative_id in principal.initiatives:
        return
    raise Forbidden("only the initiative's anchor person or coordinator may read its contact directory",
                    code="contact_directory.forbidden", details={"initiative_id": initiative_id})


def require_personal_data_reader(principal: Principal, actor_id: str, district: str | None) -> None:
    """Everything held about one actor goes to the actor's own representative, to an
    operator of the actor's police district, and to internal system calls; not to the
    national centre nor to an initiative's anchor person."""
    if principal.role == "system":
        return
    if principal.role == "district_operator" and district is not None and principal.district == district:
        return
    if principal.role == "actor_representative" and principal.actor_id == actor_id:
        return
    raise Forbidden("only the actor's representative or an operator of its police district may "
                    "see everything held about it", code="personal_data.forbidden")
