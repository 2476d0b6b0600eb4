"""Write docs/asyncapi.json (the partner exchange) and docs/events.md (every event) from the code."""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "lib"), str(ROOT / "dev")]

from samskab_dev.catalogue import markdown  # noqa: E402
from samskab_dev.partner_asyncapi import asyncapi  # noqa: E402


def main() -> int:
    (ROOT / "docs/asyncapi.json").write_text(json.dumps(asyncapi(), indent=2, ensure_ascii=False) + "\n")
    (ROOT / "docs/events.md").write_text(markdown())
    print("wrote docs/asyncapi.json and docs/events.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
