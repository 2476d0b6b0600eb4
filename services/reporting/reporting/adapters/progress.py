"""A plain-text progress bar for long commands (the rebuild), written to stderr."""
from __future__ import annotations

import sys
import time
from typing import Protocol, TextIO


class Progress(Protocol):
    def start(self, label: str, total: int) -> None: ...
    def advance(self, count: int = 1) -> None: ...
    def finish(self) -> None: ...


class NoProgress:
    def start(self, label: str, total: int) -> None:
        pass

    def advance(self, count: int = 1) -> None:
        pass

    def finish(self) -> None:
        pass


class TextProgress:
    """``label [#######-------]  45%  540,000/1,200,000``, redrawn at most every
    ``interval`` seconds with a carriage return; each phase ends on its own line."""

    def __init__(self, stream: TextIO | None = None, width: int = 30, interval: float = 0.2):
        self.stream = stream or sys.stderr
        self.width = width
        self.interval = interval
        self.label, self.total, self.done = "", 0, 0
        self._drawn_at = 0.0

    def start(self, label: str, total: int) -> None:
        self.label, self.total, self.done = label, max(0, total), 0
        self._draw()

    def advance(self, count: int = 1) -> None:
        self.done += count
        if time.monotonic() - self._drawn_at >= self.interval:
            self._draw()

    def finish(self) -> None:
        self.total = max(self.total, self.done)
        self._draw()
        self.stream.write("\n")
        self.stream.flush()

    def _draw(self) -> None:
        share = self.done / self.total if self.total else 1.0
        filled = int(round(share * self.width))
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r{self.label:<22} [{bar}] {share:4.0%}  {self.done:,}/{self.total:,}")
        self.stream.flush()
        self._drawn_at = time.monotonic()
