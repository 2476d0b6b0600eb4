"""``python -m samskab_infra.nameko_run run --config config.yaml module:Service``:
``nameko run`` (same arguments, same behaviour) without eventlet's deprecation notice.

``nameko run`` imports eventlet before it imports the service module, so no import in
our code comes early enough; this entry point installs the filter, then hands over
to nameko's own command line. Used by ``make run`` and by every image.
"""
from __future__ import annotations

from samskab_infra import quiet_eventlet  # noqa: F401  (before nameko imports eventlet)

# isort: split
from nameko.cli.main import main

if __name__ == "__main__":
    main()
