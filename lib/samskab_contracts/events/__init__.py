"""The published language: every event type in the system, one module per producer.

Importing this package registers every event class, so any consumer can
validate any event it receives.
"""
from . import actors, governance, initiatives, notifications, reporting  # noqa: F401
