"""Make the secrets a deployment needs, with fresh random values; none of them is committed.

  python scripts/deploy_secrets.py compose [--national --upstream DISTRICT=AMQP_URI ...]
      writes deploy/compose/.env and deploy/compose/secrets/ (both git-ignored, mode 0600)
  python scripts/deploy_secrets.py kubernetes --namespace samskab-nordjylland [--national ...]
      prints the two Secrets (samskab-secrets, samskab-rabbitmq) as YAML for
      ``kubectl apply -f -``; pipe it, do not store it. WEB_OIDC_CLIENT_SECRET in the
      environment (the web's client secret at the police's identity provider) goes in too

Existing values are kept (compose), so re-running never rotates anything by accident;
rotation is described in docs/operations.md. An upstream is a district broker's AMQP URI
with the national-federation user's password, which that district sends the centre.
"""
from __future__ import annotations

import argparse
import base64
import json
import os
import secrets
import sys
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.deploy_definitions import upstream_parameter, users_definitions  # noqa: E402

COMPOSE = ROOT / "deploy/compose"


def token() -> str:
    return secrets.token_urlsafe(32)


def upstreams_definitions(pairs: list[str]) -> dict:
    parameters = []
    for pair in pairs:
        name, sep, uri = pair.partition("=")
        if not sep or not uri.startswith(("amqp://", "amqps://")):
            raise SystemExit(f"--upstream wants DISTRICT=amqps://..., got {pair!r}")
        parameters.append(upstream_parameter(name, uri))
    return {"parameters": parameters}


def write_private(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(text)


def read_env(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    pairs = (line.split("=", 1) for line in path.read_text().splitlines() if "=" in line and not line.startswith("#"))
    return {key.strip(): value.strip() for key, value in pairs}


def compose(args: argparse.Namespace) -> None:
    target = Path(args.dir)
    env = read_env(target / ".env")
    env.setdefault("RABBITMQ_PASSWORD", token())
    env.setdefault("RABBITMQ_FEDERATION_PASSWORD", token())
    env.setdefault("SAMSKAB_JWT_SECRET", token())
    env.setdefault("WEB_SESSION_SECRET", token())
    env.setdefault("SAMSKAB_PSEUDONYM_KEY", token())
    env.setdefault("SMTP_HOST", "")
    write_private(target / ".env", "# Samskab compose secrets and settings (never commit this file)\n"
                  + "".join(f"{key}={value}\n" for key, value in sorted(env.items())))
    users = users_definitions(env["RABBITMQ_PASSWORD"],
                              None if args.national else env["RABBITMQ_FEDERATION_PASSWORD"])
    write_private(target / "secrets/rabbitmq-users.json", json.dumps(users, indent=2) + "\n")
    if not (target / "secrets/grafana-admin-password").exists():
        write_private(target / "secrets/grafana-admin-password", token() + "\n")
    if args.national:
        write_private(target / "secrets/rabbitmq-upstreams.json",
                      json.dumps(upstreams_definitions(args.upstream), indent=2) + "\n")
    print(f"wrote {target}/.env and {target}/secrets/; set SMTP_HOST in .env before starting")


def secret_manifest(name: str, namespace: str, data: dict[str, str]) -> str:
    lines = ["apiVersion: v1", "kind: Secret", "type: Opaque", "metadata:", f"  name: {name}",
             f"  namespace: {namespace}", "data:"]
    lines += [f"  {key}: {base64.b64encode(value.encode()).decode()}" for key, value in sorted(data.items())]
    return "\n".join(lines) + "\n"


def kubernetes(args: argparse.Namespace) -> None:
    services_password = token()
    federation_password = None if args.national else token()
    users = users_definitions(services_password, federation_password)
    rabbitmq = {"erlang-cookie": token(), "users.json": json.dumps(users)}
    if args.national:
        rabbitmq["upstreams.json"] = json.dumps(upstreams_definitions(args.upstream))
    mongo_uri = args.mongo_uri or ("mongodb://mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,"
                                   "mongodb-2.mongodb:27017/?replicaSet=rs0")
    app = {"AMQP_URI": f"amqp://samskab:{quote(services_password, safe='')}@rabbitmq:5672/%2F",
           "MONGO_URI": mongo_uri, "SAMSKAB_JWT_SECRET": token(),
           "SAMSKAB_PSEUDONYM_KEY": token(), "SMTP_HOST": args.smtp_host, "WEB_SESSION_SECRET": token()}
    if os.environ.get("WEB_OIDC_CLIENT_SECRET"):  # from the environment: never on a command line
        app["WEB_OIDC_CLIENT_SECRET"] = os.environ["WEB_OIDC_CLIENT_SECRET"]
    sys.stdout.write(secret_manifest("samskab-secrets", args.namespace, app) + "---\n"
                     + secret_manifest("samskab-rabbitmq", args.namespace, rabbitmq))
    if federation_password is not None:
        print(f"# national-federation password for the centre's upstream: {federation_password}",
              file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="target", required=True)
    for name in ("compose", "kubernetes"):
        command = sub.add_parser(name)
        command.add_argument("--national", action="store_true", help="the national centre's broker")
        command.add_argument("--upstream", action="append", default=[], metavar="DISTRICT=AMQP_URI")
        if name == "compose":
            command.add_argument("--dir", default=str(COMPOSE), help="default: deploy/compose")
        if name == "kubernetes":
            command.add_argument("--namespace", required=True)
            command.add_argument("--mongo-uri", help="default: the bundled replica set")
            command.add_argument("--smtp-host", default="smtp")
    args = parser.parse_args(argv)
    if args.national and not args.upstream:
        parser.error("--national needs at least one --upstream DISTRICT=AMQP_URI")
    compose(args) if args.target == "compose" else kubernetes(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
