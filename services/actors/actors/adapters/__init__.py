"""Adapters of the actors service: the only code here that knows the store's layout."""
