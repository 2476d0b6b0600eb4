"""Who may follow an initiative and see its feed items: an operator of a police district
taking part besides the lead district too (docs/access.md)."""
import pytest

from notifications.handlers.access import may_see_item, subscription_scope
from samskab_infra.context import Principal
from samskab_infra.errors import Forbidden, NotFound

pytestmark = pytest.mark.unit

FIT = "fit-forum"
FYN = Principal.of("ops@fyn.politi.dk", "district_operator", district="fyn")


def test_a_participating_districts_operator_follows_the_initiative_through_its_own_district():
    """So the subscription stops matching once the district no longer takes part."""
    assert subscription_scope(FYN, FIT, None, "koebenhavn", ("bornholm", "fyn")) == "fyn"
    assert subscription_scope(FYN, FIT, "fyn", "koebenhavn", ("fyn",)) == "fyn"
    with pytest.raises(Forbidden):
        subscription_scope(FYN, FIT, "koebenhavn", "koebenhavn", ("fyn",))
    lead = Principal.of("ops@kbh.politi.dk", "district_operator", district="koebenhavn")
    assert subscription_scope(lead, FIT, None, "koebenhavn", ("fyn",)) == "koebenhavn"


def test_an_operator_of_a_district_not_taking_part_is_told_it_is_not_found():
    with pytest.raises(NotFound):
        subscription_scope(FYN, FIT, None, "koebenhavn")
    with pytest.raises(NotFound):
        subscription_scope(FYN, FIT, None, "koebenhavn", ("bornholm",))


def test_a_district_filter_must_be_one_of_the_initiatives_districts():
    with pytest.raises(Forbidden):
        subscription_scope(FYN, FIT, "bornholm", "koebenhavn", ("fyn",))


def test_feed_items_show_while_the_district_takes_part():
    assert may_see_item(FYN, ["koebenhavn", "fyn"], FIT)
    assert not may_see_item(FYN, ["koebenhavn"], FIT)
    assert not may_see_item(FYN, "koebenhavn", FIT)
