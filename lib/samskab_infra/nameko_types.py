"""Names for what nameko hands our extensions (nameko and kombu ship no types, so these
are for the reader and for annotations; to mypy the nameko and kombu classes are Any)."""
from __future__ import annotations

from types import TracebackType
from typing import TypeAlias

from kombu.message import Message
from nameko.containers import WorkerContext

ExcInfo: TypeAlias = tuple[type[BaseException], BaseException, TracebackType | None]
"""``sys.exc_info()`` of a failed worker, as nameko passes it to ``handle_result``."""

__all__ = ["ExcInfo", "Message", "WorkerContext"]
