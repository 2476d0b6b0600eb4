"""What the actors service does to its store when it starts (StoresProvider's index_setup)."""
from __future__ import annotations

from pymongo.database import Database

from .indexes import ensure_indexes
from .name_terms_backfill import backfill_name_terms


def set_up_store(db: Database) -> None:
    ensure_indexes(db)
    backfill_name_terms(db)
