"""``python -m samskab_web``: the pages on WEB_ADDRESS, metrics and health on the ops port."""
from __future__ import annotations

from samskab_infra import quiet_eventlet  # noqa: F401  (first: samskab_infra.logs imports nameko)

# isort: split
import logging
import sys

import requests
import waitress  # type: ignore[import-untyped]
from pymongo import MongoClient

from samskab_infra.logs import configure_logging
from samskab_infra.settings import SettingsError

from .accounts import AccountStore
from .app import create_app
from .gateway_client import GatewayClient
from .ops import serve_ops
from .settings import WebSettings, load_web_settings
from .signin_limit import COLLECTION as SIGN_IN_FAILURES
from .signin_limit import StoredFailureCounts

log = logging.getLogger("samskab_web")


def _gateway_answers(settings: WebSettings) -> bool:
    try:
        return requests.get(f"{settings.gateway_url}/openapi.json", timeout=2).status_code == 200
    except requests.RequestException:
        return False


def _store_answers(client: MongoClient) -> bool:
    try:
        client.admin.command("ping")
        return True
    except Exception:  # noqa: BLE001 - any failure means not ready
        return False


def main() -> int:
    configure_logging()
    try:
        settings = load_web_settings()
    except SettingsError as exc:
        print(f"samskab_web: {exc}", file=sys.stderr)
        return 2
    client: MongoClient = MongoClient(settings.mongo_uri, serverSelectionTimeoutMS=2000, connectTimeoutMS=2000)
    accounts = AccountStore(client[settings.database]["accounts"])
    gateway = GatewayClient(settings.gateway_url, settings.jwt_secret, settings.jwt_issuer,
                            settings.token_ttl_s, settings.gateway_timeout_s)
    app = create_app(settings, accounts, gateway, StoredFailureCounts(client[settings.database][SIGN_IN_FAILURES]))
    if settings.ops_port:
        serve_ops(settings.ops_host, settings.ops_port,
                  {"gateway": lambda: _gateway_answers(settings), "store": lambda: _store_answers(client)})
    log.info("pages on http://%s", settings.address)
    waitress.serve(app, host=settings.host, port=settings.port, threads=8, ident="samskab",
                   url_scheme=settings.url_scheme, _quiet=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
