import pytest

from notifications.adapters.actor_contacts import ActorContactsViaQuery
from notifications.domain.directory import EmailContact

pytestmark = pytest.mark.unit


def answer(addresses, actor_id="a1"):
    return {"recipients": [{"actor_id": actor_id, "preferred_language": "en", "addresses": addresses}]}


def test_the_first_email_address_of_the_actors_answer_is_used():
    asked = []

    def query(name, params):
        asked.append((name, params))
        return answer([{"channel": "sms", "address": "+4512345678", "name": None},
                       {"channel": "email", "address": "post@kn.dk", "name": "Kim"}])

    assert ActorContactsViaQuery(query)("a1") == EmailContact("post@kn.dk", "Kim", "en")
    assert asked == [("notification_recipients", {"actor_ids": ["a1"]})]


@pytest.mark.parametrize("reply", [
    answer([]),  # no consent, or erased: the actors service gives no address
    answer([{"channel": "sms", "address": "+4512345678", "name": None}]),
    answer([{"channel": "email", "address": "x@y.dk", "name": None}], actor_id="other"),
    {"recipients": []},
])
def test_no_email_address_means_none(reply):
    assert ActorContactsViaQuery(lambda name, params: reply)("a1") is None
