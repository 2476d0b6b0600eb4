"""Who may read everything held about an actor: its representative and its district's operator."""
from __future__ import annotations

import pytest
from actors_samples import citizen

from actors.handlers.authorisation import authorise
from samskab_infra.context import SYSTEM, Context, Principal
from samskab_infra.errors import Forbidden

pytestmark = pytest.mark.unit


def as_(role: str, **kwargs) -> Context:
    return Context(correlation_id="c", principal=Principal.of(subject="someone", role=role, **kwargs))


@pytest.fixture
def actor_id(register) -> str:
    return register(citizen())["actor_id"]


@pytest.mark.parametrize("ctx", [
    Context(correlation_id="c", principal=SYSTEM),
    as_("district_operator", district="nordjylland"),
], ids=["system", "operator"])
def test_the_operator_of_the_actors_district_may_export(stores, actor_id, ctx):
    authorise(stores, "export_personal_data", {"actor_id": actor_id}, ctx)


def test_the_actor_representative_may_export_its_own_data_only(stores, actor_id, register):
    authorise(stores, "export_personal_data", {"actor_id": actor_id},
              as_("actor_representative", actor_id=actor_id))
    other = register(citizen())["actor_id"]
    with pytest.raises(Forbidden):
        authorise(stores, "export_personal_data", {"actor_id": other},
                  as_("actor_representative", actor_id=actor_id))


@pytest.mark.parametrize("ctx", [
    as_("district_operator", district="fyn"),
    as_("national_centre"),
    as_("anchor_person", district="nordjylland", initiatives=("i1",)),
    as_("partner"),
], ids=["other-district", "national-centre", "anchor-person", "partner"])
def test_nobody_else_may_export(stores, actor_id, ctx):
    with pytest.raises(Forbidden) as err:
        authorise(stores, "export_personal_data", {"actor_id": actor_id}, ctx)
    assert err.value.code == "personal_data.forbidden"
