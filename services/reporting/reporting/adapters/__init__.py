"""Reporting's adapters: the Mongo-backed read models and the event log."""
