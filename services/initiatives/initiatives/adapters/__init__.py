"""Adapters of the initiatives service: what stands between its use cases and the store."""
