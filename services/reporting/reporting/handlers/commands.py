"""Reporting's one command, for operators: rebuild every read model from the stored event
history into a new generation and switch to it (adapters/rebuilder.py). The running
service keeps answering from the current read models meanwhile."""
from __future__ import annotations

from pymongo.database import Database

from ..adapters.progress import Progress
from ..adapters.rebuilder import RebuildResult, rebuild


def rebuild_read_models(db: Database, progress: Progress) -> RebuildResult:
    return rebuild(db, progress=progress)


def rebuild_summary(result: RebuildResult) -> str:
    """The one line the command prints when it is done."""
    documents = ", ".join(f"{count:,} {name}" for name, count in result.documents.items())
    line = (f"rebuilt generation {result.generation} (was {result.previous}) from "
            f"{result.events:,} events ({result.caught_up:,} re-applied in catch-up): {documents} "
            f"in {result.seconds:.1f} s, {result.events_per_second:,.0f} events/s")
    if result.scrubbed:
        line += f"; removed erased actors' names from {result.scrubbed:,} logged events"
    if result.retired:
        line += f"; dropped generation(s) {', '.join(map(str, result.retired))}"
    if result.kept:
        line += (f"; kept generation(s) {', '.join(map(str, result.kept))} until their pending "
                 "events are published")
    return line
