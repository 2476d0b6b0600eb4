"""Exit 0 once RabbitMQ and its management API answer; explain and exit 2 otherwise."""
from __future__ import annotations

import os
import sys
import time
import urllib.request
from base64 import b64encode

API = os.environ.get("RABBIT_API_URI", "http://127.0.0.1:15672")


def management_up() -> bool:
    request = urllib.request.Request(f"{API}/api/overview")
    request.add_header("Authorization", "Basic " + b64encode(b"guest:guest").decode())
    try:
        with urllib.request.urlopen(request, timeout=3) as response:
            return response.status == 200
    except OSError:
        return False


def main() -> int:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if management_up():
            return 0
        time.sleep(1)
    print("RabbitMQ (with the management plugin) does not answer on 127.0.0.1.\n"
          "Start it: rabbitmq-server -detached && rabbitmq-plugins enable rabbitmq_management\n"
          "(Debian: apt-get install rabbitmq-server)", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
