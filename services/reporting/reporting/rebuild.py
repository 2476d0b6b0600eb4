"""``python -m reporting.rebuild``: rebuild every read model from the stored event history.

The running service keeps answering from the current read models; the new ones are
built beside them and switched to in one write at the end (see adapters/rebuilder.py).
Progress goes to stderr, the final count to stdout. The store and database come from
MONGO_URI and SAMSKAB_DB_PREFIX, like the service's. This module is the command's
entrypoint only; the use case is handlers/commands.py.
"""
from __future__ import annotations

import argparse
import sys

from samskab_infra.mongo import make_client
from samskab_infra.settings import load_settings

from .adapters.progress import NoProgress, TextProgress
from .handlers.commands import rebuild_read_models, rebuild_summary

SERVICE = "reporting"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reporting.rebuild", description=__doc__.split("\n")[0])
    parser.add_argument("--mongo-uri", help="default: MONGO_URI")
    parser.add_argument("--db-prefix", help="default: SAMSKAB_DB_PREFIX (samskab)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    settings = load_settings({"MONGO_URI": args.mongo_uri, "SAMSKAB_DB_PREFIX": args.db_prefix})
    client = make_client(settings.mongo_uri)
    try:
        db = client[settings.database_name(SERVICE)]
        progress = NoProgress() if args.quiet else TextProgress(sys.stderr)
        result = rebuild_read_models(db, progress)
    except Exception as exc:  # noqa: BLE001 - reported as a failed command, with the cause
        print(f"rebuild failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    finally:
        client.close()
    print(rebuild_summary(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
