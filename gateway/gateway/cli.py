"""Operations CLI for the gateway: administrative grants, API keys and tokens.

A key or token says who someone is; what they may do comes from their grants. Giving a
``--role`` with create-key or issue-token also gives that administrative grant (audited).

  python -m gateway.cli grant --subject x@politi.dk --role district_operator --district nordjylland
  python -m gateway.cli grants [--subject x@politi.dk]
  python -m gateway.cli withdraw GRANT_ID
  python -m gateway.cli create-key --subject kommune@hjoerring.dk --role partner --days 90
  python -m gateway.cli revoke-key KEY_ID
  python -m gateway.cli issue-token --subject x@politi.dk [--role district_operator --district nordjylland]
  python -m gateway.cli revoke-token TOKEN
"""
from __future__ import annotations

from samskab_infra import quiet_eventlet  # noqa: F401  (first: before eventlet is imported)

# isort: split
import argparse
import getpass
import json
import os
import sys
from datetime import timedelta
from pathlib import Path

from pymongo.database import Database

from samskab_infra.context import ADMIN_ROLES, Principal
from samskab_infra.errors import SamskabError
from samskab_infra.mongo import make_client
from samskab_infra.settings import load_settings

from . import grants
from .auth import create_api_key, issue_token, revoke_api_key, revoke_token
from .settings import load_gateway_settings


def _secret() -> str:
    secret = os.environ.get("SAMSKAB_JWT_SECRET")
    if not secret:
        path = Path(__file__).resolve().parents[2] / "var" / "jwt-secret"
        if path.exists():
            secret = path.read_text().strip()
    if not secret:
        sys.exit("set SAMSKAB_JWT_SECRET (make run writes one to var/jwt-secret)")
    return secret


def _db() -> Database:
    settings = load_settings()
    return make_client(settings.mongo_uri)[settings.database_name("gateway")]


def _operator() -> Principal:
    """Whoever runs this command at the console: audited by their login name."""
    return Principal(subject=f"cli:{getpass.getuser()}", internal=True)


def _give_role(db: Database, args: argparse.Namespace) -> None:
    if args.role:
        grants.give(db, _operator(), args.subject, args.role, args.district)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gateway.cli", description="Samskab gateway operations")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("create-key", "issue-token", "grant"):
        p = sub.add_parser(name)
        p.add_argument("--subject", required=True)
        p.add_argument("--role", required=name == "grant", choices=ADMIN_ROLES)
        p.add_argument("--district")
        p.add_argument("--days", type=float, default=90 if name == "create-key" else 0.5)
        p.add_argument("--label", default="")
    sub.add_parser("grants").add_argument("--subject")
    sub.add_parser("withdraw").add_argument("grant_id")
    sub.add_parser("revoke-key").add_argument("key_id")
    sub.add_parser("revoke-token").add_argument("token")
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except SamskabError as exc:
        print(f"refused: {exc} {json.dumps(getattr(exc, 'details', None) or {})}", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace) -> int:
    if args.command == "grant":
        print(json.dumps(grants.give(_db(), _operator(), args.subject, args.role, args.district), indent=2))
    elif args.command == "grants":
        print(json.dumps(grants.list_grants(_db(), _operator(), args.subject), indent=2))
    elif args.command == "withdraw":
        print(json.dumps(grants.withdraw(_db(), _operator(), args.grant_id), indent=2))
    elif args.command == "create-key":
        db = _db()
        _give_role(db, args)
        result = create_api_key(db, args.subject, timedelta(days=args.days), args.label)
        print(json.dumps(result, indent=2))
        print("Store the key now: it is not shown again.", file=sys.stderr)
    elif args.command == "issue-token":
        if args.role:
            _give_role(_db(), args)
        issuer = load_gateway_settings().jwt_issuer
        print(issue_token(_secret(), args.subject, timedelta(days=args.days), issuer=issuer))
    elif args.command == "revoke-key":
        if not revoke_api_key(_db(), args.key_id):
            print("no active key with exactly that id (16 hex characters)", file=sys.stderr)
            return 1
        print("revoked")
    else:
        print("revoked", revoke_token(_db(), args.token, _secret()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
