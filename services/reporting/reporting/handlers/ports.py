"""The ports the use cases read and write through (adapters/ implements them over Mongo;
the unit tests over dicts)."""
from __future__ import annotations

from typing import Protocol

from samskab_contracts.access import Visibility
from samskab_infra.saving import AggregatePort

Store = AggregatePort
"""One read-model collection, written like an aggregate (the shared save path)."""


class Summaries(Protocol):
    def put(self, initiative_id: str, model: dict, version: int) -> bool: ...


class ReadModels(Protocol):
    def initiatives(self, district: str | None = None, fields: tuple[str, ...] | None = None,
                    visibility: Visibility | None = None) -> list[dict]: ...
    def initiative(self, initiative_id: str) -> dict | None: ...
    def summaries(self, district: str | None = None,
                  visibility: Visibility | None = None) -> list[dict]: ...
    def summary_page(self, visibility: Visibility, *, district: str | None = None,
                     phase: str | None = None, theme: str | None = None,
                     after: str | None = None, limit: int = 50) -> list[dict]: ...
    def figures(self, scope: str | None) -> dict: ...
    def actors(self) -> dict[str, dict]: ...
    def actor(self, actor_id: str) -> dict | None: ...
