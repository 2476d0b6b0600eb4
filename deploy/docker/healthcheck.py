"""Container health check: exit 0 when the URL answers 200 within two seconds.

Used by every image's HEALTHCHECK (/health/ready of the ops listener on METRICS_PORT, the
gateway's included); standard library only.
"""
import sys
import urllib.request

try:
    with urllib.request.urlopen(sys.argv[1], timeout=2) as response:
        sys.exit(0 if response.status == 200 else 1)
except Exception:  # noqa: BLE001 - any failure means not healthy
    sys.exit(1)
