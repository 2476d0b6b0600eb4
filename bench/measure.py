"""What the benchmarks read off the processes they start, without loading what they measure:
CPU time and resident memory from /proc, store operations from each process's own
``samskab_store_operations_total`` counter, and the moment each event was handled from a
consumer's log (its "handled <type>" line carries the correlation id the load driver
sent as X-Request-Id), so observing progress sends nothing to the store."""
from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import requests

TICKS = os.sysconf("SC_CLK_TCK")
_OPS_LINE = re.compile(r'^samskab_store_operations_total\{([^}]*)\}\s+([0-9.e+]+)', re.M)
_LABEL = re.compile(r'(\w+)="([^"]*)"')


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def memory_kb(pid: int) -> tuple[int, int]:
    """(resident now, resident peak) in kB."""
    rss = peak = 0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            rss = int(line.split()[1])
        elif line.startswith("VmHWM:"):
            peak = int(line.split()[1])
    return rss, peak


def broker_pid() -> int | None:
    """RabbitMQ's Erlang VM (shared with whatever else uses the broker on this machine)."""
    found = subprocess.run(["pgrep", "-f", "beam.smp.*rabbit"], capture_output=True, text=True).stdout.split()
    return int(found[0]) if found else None


@dataclass
class CpuMeter:
    """CPU seconds per named process between ``start`` and ``stop``."""

    pids: dict[str, int]

    def start(self) -> CpuMeter:
        self._before = {name: cpu_seconds(pid) for name, pid in self.pids.items()}
        return self

    def stop(self) -> dict[str, float]:
        return {name: cpu_seconds(pid) - self._before[name] for name, pid in self.pids.items()}


def operations_of(metrics_url: str) -> dict[str, float]:
    """The store operations one process has sent so far, by operation (its /metrics)."""
    counts: dict[str, float] = {}
    for labels, value in _OPS_LINE.findall(requests.get(f"{metrics_url}/metrics", timeout=10).text):
        operation = dict(_LABEL.findall(labels)).get("operation", "?")
        counts[operation] = counts.get(operation, 0.0) + float(value)
    return counts


def store_operations_by_kind(metrics_urls: dict[str, str]) -> dict[tuple[str, str], float]:
    """(process, operation) → count so far."""
    return {(name, operation): count for name, url in metrics_urls.items()
            for operation, count in operations_of(url).items()}


class HandledLog:
    """Follows one consumer's JSON log: when did it finish handling each event of a type,
    by correlation id (epoch seconds)."""

    def __init__(self, path: Path, event_type: str) -> None:
        self.path = path
        self.event_type = event_type
        self.handled: dict[str, float] = {}
        self._offset = path.stat().st_size if path.exists() else 0
        self._partial = b""

    def poll(self) -> int:
        """Read what was written since the last poll; returns how many events are known handled."""
        with open(self.path, "rb") as log:
            log.seek(self._offset)
            chunk = log.read()
        self._offset += len(chunk)
        lines = (self._partial + chunk).split(b"\n")
        self._partial = lines.pop()
        for line in self._matching(lines):
            entry = json.loads(line)
            self.handled.setdefault(entry["correlation_id"],
                                    datetime.fromisoformat(entry["ts"]).timestamp())
        return len(self.handled)

    def _matching(self, lines: list[bytes]) -> Iterator[bytes]:
        marker = f'"msg": "handled {self.event_type}"'.encode()
        return (line for line in lines if marker in line)


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]
