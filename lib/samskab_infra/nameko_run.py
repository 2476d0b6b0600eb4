"""``python -m samskab_infra.nameko_run run --config config.yaml module:Service``:
``nameko run`` (same arguments, same behaviour) without eventlet's deprecation notice.

``nameko run`` imports eventlet before it imports the service module, so no import in
our code comes early enough; this entry point installs the filter, then hands over
to nameko's own command line. Used by ``make run`` and by every image.

``SAMSKAB_PROFILE_DIR`` (benchmarks only, ``pip install yappi``): the process's CPU time by
function, green threads told apart; SIGUSR1 starts the count afresh and SIGUSR2 writes it to
``<dir>/<service package>.prof`` (pstats), so a benchmark profiles just its measured part.
"""
from __future__ import annotations

from samskab_infra import quiet_eventlet  # noqa: F401  (before nameko imports eventlet)

# isort: split
import importlib
import os
import signal
import sys
from pathlib import Path

from nameko.cli.main import main


def profile_into(directory: str) -> None:
    """yappi started and written from a green thread of its own: its calls are not safe in
    a signal handler, which may interrupt yappi's own bookkeeping."""
    import eventlet
    yappi = importlib.import_module("yappi")  # not a requirement: installed by whoever profiles

    yappi.set_clock_type("cpu")
    yappi.set_context_backend("greenlet")
    target = Path(directory) / f"{sys.argv[-1].split(':')[0].split('.')[0]}.prof"
    asked: list[int] = []
    signal.signal(signal.SIGUSR1, lambda signum, _: asked.append(signum))
    signal.signal(signal.SIGUSR2, lambda signum, _: asked.append(signum))

    def answer() -> None:
        while True:
            eventlet.sleep(0.1)
            while asked:
                if asked.pop(0) == signal.SIGUSR1:
                    yappi.stop()
                    yappi.clear_stats()
                    yappi.start()
                else:
                    yappi.stop()
                    yappi.get_func_stats().save(str(target), type="pstat")

    eventlet.spawn_n(answer)


if __name__ == "__main__":
    if os.environ.get("SAMSKAB_PROFILE_DIR"):
        profile_into(os.environ["SAMSKAB_PROFILE_DIR"])
    main()
