"""SettingsProvider: a service's own settings, read and checked once when its container
sets up (a bad one stops the start), then handed to every worker unchanged, so no call
or timer tick reads the environment again."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar

from nameko.extensions import DependencyProvider

from .nameko_types import WorkerContext

S = TypeVar("S")


class SettingsProvider(DependencyProvider, Generic[S]):
    """``load`` gets the container's config (its keys may override the environment) and
    returns the settings object, raising ``SettingsError`` on a bad value."""

    def __init__(self, load: Callable[[Mapping[str, Any]], S]) -> None:
        self.load = load

    def setup(self) -> None:
        self.settings: S = self.load(self.container.config)

    def get_dependency(self, worker_ctx: WorkerContext) -> S:
        return self.settings
