"""Local accounts for the embedded default (no identity provider): an e-mail and an
argon2 hash of the password in the web's own database. An account only says who
someone is; what they may do comes from the gateway's grants.

  python -m samskab_web.accounts create --email anna@politi.dk [--role district_operator --district nordjylland]

The password is asked for at the console, or read from stdin when it is not a terminal.
``--role`` also gives that administrative grant, through the gateway's own audited CLI.
"""
from __future__ import annotations

import argparse
import getpass
import os
import subprocess
import sys
from datetime import UTC, datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pymongo import MongoClient
from pymongo.collection import Collection
from pymongo.errors import DuplicateKeyError

ACCOUNTS = "accounts"
MIN_PASSWORD = 12
MAX_EMAIL = 200
_hasher = PasswordHasher()
# Verifying against this when the account does not exist takes as long as a real check,
# so the answer time does not tell which e-mail addresses have accounts.
_DUMMY_HASH = _hasher.hash("not-a-password-of-anyone")


class AccountError(ValueError):
    pass


def normalise_email(email: str) -> str:
    email = (email or "").strip().lower()
    if "@" not in email or len(email) > MAX_EMAIL or any(c.isspace() for c in email):
        raise AccountError("an e-mail address names the account")
    return email


class AccountStore:
    def __init__(self, collection: Collection):
        self.accounts = collection

    @classmethod
    def connect(cls, mongo_uri: str, database: str) -> AccountStore:
        client: MongoClient = MongoClient(mongo_uri, serverSelectionTimeoutMS=5000, connectTimeoutMS=5000)
        return cls(client[database][ACCOUNTS])

    def create(self, email: str, password: str) -> str:
        email = normalise_email(email)
        if len(password) < MIN_PASSWORD:
            raise AccountError(f"a password has at least {MIN_PASSWORD} characters")
        try:
            self.accounts.insert_one({"_id": email, "password_hash": _hasher.hash(password),
                                      "created_at": datetime.now(UTC).isoformat()})
        except DuplicateKeyError:
            raise AccountError(f"{email} already has an account") from None
        return email

    def verify(self, email: str, password: str) -> str | None:
        """The account's e-mail when the password is right, else None."""
        try:
            email = normalise_email(email)
        except AccountError:
            email = ""
        record = self.accounts.find_one({"_id": email}) if email else None
        try:
            _hasher.verify(record["password_hash"] if record else _DUMMY_HASH, password or "")
        except (VerificationError, InvalidHashError):
            return None
        if record is None:
            return None
        if _hasher.check_needs_rehash(record["password_hash"]):
            self.accounts.update_one({"_id": email}, {"$set": {"password_hash": _hasher.hash(password)}})
        return email


def _password() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Again: "):
            raise AccountError("the two passwords differ")
        return first
    return sys.stdin.readline().rstrip("\n")


def _give_grant(email: str, role: str, district: str | None) -> int:
    argv = [sys.executable, "-m", "gateway.cli", "grant", "--subject", email, "--role", role]
    return subprocess.run([*argv, *(["--district", district] if district else [])], env=os.environ).returncode


def main(argv: list[str] | None = None) -> int:
    from .settings import load_web_settings

    parser = argparse.ArgumentParser(prog="samskab_web.accounts", description="Local sign-in accounts")
    sub = parser.add_subparsers(dest="command", required=True)
    create = sub.add_parser("create", help="create an account (password from the console or stdin)")
    create.add_argument("--email", required=True)
    create.add_argument("--role", choices=("district_operator", "national_centre", "partner"))
    create.add_argument("--district")
    args = parser.parse_args(argv)
    env = {**os.environ}
    env.setdefault("WEB_SESSION_SECRET", "x" * 32)  # the command signs nothing; only the store matters
    env.setdefault("SAMSKAB_JWT_SECRET", "x" * 32)
    settings = load_web_settings(env)
    try:
        email = AccountStore.connect(settings.mongo_uri, settings.database).create(args.email, _password())
    except AccountError as exc:
        print(f"refused: {exc}", file=sys.stderr)
        return 2
    print(f"account {email} created")
    if args.role:
        return _give_grant(email, args.role, args.district)
    return 0


if __name__ == "__main__":
    sys.exit(main())
