"""Operations CLI for the gateway: create and revoke API keys, issue and revoke tokens.

  python -m gateway.cli create-key --role partner --subject kommune@hjoerring.dk --days 90
  python -m gateway.cli revoke-key KEY_ID
  python -m gateway.cli issue-token --role district_operator --district nordjylland --subject x@politi.dk
  python -m gateway.cli revoke-token TOKEN
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import timedelta
from pathlib import Path

from samskab_common.context import ROLES, Principal
from samskab_common.mongo import make_client
from samskab_common.settings import load_settings

from .auth import create_api_key, issue_token, revoke_api_key, revoke_token


def _secret() -> str:
    secret = os.environ.get("SAMSKAB_JWT_SECRET")
    if not secret:
        path = Path(__file__).resolve().parents[2] / "var" / "jwt-secret"
        if path.exists():
            secret = path.read_text().strip()
    if not secret:
        sys.exit("set SAMSKAB_JWT_SECRET (make run writes one to var/jwt-secret)")
    return secret


def _db():
    settings = load_settings()
    return make_client(settings.mongo_uri)[settings.database_name("gateway")]


def _principal(args) -> Principal:
    return Principal(subject=args.subject, role=args.role, district=args.district,
                     initiatives=tuple(args.initiative or ()), actor_id=args.actor_id)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gateway.cli", description="Samskab gateway operations")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("create-key", "issue-token"):
        p = sub.add_parser(name)
        p.add_argument("--role", required=True, choices=[r for r in ROLES if r != "system"])
        p.add_argument("--subject", required=True)
        p.add_argument("--district")
        p.add_argument("--initiative", action="append")
        p.add_argument("--actor-id")
        p.add_argument("--days", type=float, default=90 if name == "create-key" else 0.5)
        p.add_argument("--label", default="")
    sub.add_parser("revoke-key").add_argument("key_id")
    sub.add_parser("revoke-token").add_argument("token")
    args = parser.parse_args(argv)
    if args.command == "create-key":
        result = create_api_key(_db(), _principal(args), timedelta(days=args.days), args.label)
        print(json.dumps(result, indent=2))
        print("Store the key now: it is not shown again.", file=sys.stderr)
    elif args.command == "issue-token":
        print(issue_token(_secret(), _principal(args), timedelta(days=args.days)))
    elif args.command == "revoke-key":
        if not revoke_api_key(_db(), args.key_id):
            print("no active key with that id", file=sys.stderr)
            return 1
        print("revoked")
    else:
        print("revoked", revoke_token(_db(), args.token, _secret()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
