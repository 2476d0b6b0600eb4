"""ProcessLocal: one object per service container, shared by all its workers (nameko
extension), for state a process keeps between workers, such as an in-memory cache."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from nameko.extensions import DependencyProvider

from .nameko_types import WorkerContext


class ProcessLocal(DependencyProvider):
    """``factory()`` is called once, when the container sets up; every worker gets its result."""

    def __init__(self, factory: Callable[[], Any]):
        self.factory = factory
        self.value: Any = None

    def setup(self) -> None:
        self.value = self.factory()

    def get_dependency(self, worker_ctx: WorkerContext) -> Any:
        return self.value
