"""Local accounts in a real store: argon2 hashes, never the password; a wrong password and an
unknown address look alike."""
from __future__ import annotations

import pytest

from samskab_web.accounts import AccountError, AccountStore

pytestmark = pytest.mark.integration


@pytest.fixture
def accounts(mongo_client, db_prefix) -> AccountStore:
    return AccountStore(mongo_client[f"{db_prefix}_web"]["accounts"])


def test_an_account_signs_in_with_its_password_only(accounts):
    assert accounts.create(" Anna@Politi.dk ", "et langt kodeord") == "anna@politi.dk"
    stored = accounts.accounts.find_one({"_id": "anna@politi.dk"})
    assert stored["password_hash"].startswith("$argon2id$") and "et langt kodeord" not in str(stored)
    assert accounts.verify("ANNA@politi.dk", "et langt kodeord") == "anna@politi.dk"
    assert accounts.verify("anna@politi.dk", "et andet kodeord") is None
    assert accounts.verify("nobody@politi.dk", "et langt kodeord") is None
    assert accounts.verify("not an address", "") is None


def test_an_account_is_made_once_with_a_long_enough_password(accounts):
    accounts.create("bo@politi.dk", "et langt kodeord")
    with pytest.raises(AccountError, match="already has an account"):
        accounts.create("BO@politi.dk", "et andet langt kodeord")
    with pytest.raises(AccountError, match="at least 12"):
        accounts.create("carl@politi.dk", "kort")
