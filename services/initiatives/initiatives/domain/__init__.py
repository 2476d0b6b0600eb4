"""The initiatives domain: the Initiative aggregate and the method's vocabulary. No I/O.

``Initiative`` is one class, written by concern in mixins over its state (initiative.py
says which); ``platforms``, ``goals`` and ``findings`` are the parts it holds and
``rules`` the guards every part uses."""
from samskab_contracts.vocabulary import FINDING_CATEGORIES, PHASES, REALITY_CHECK_DIMENSIONS, THEMES

from .initiative import Initiative

__all__ = ["FINDING_CATEGORIES", "PHASES", "REALITY_CHECK_DIMENSIONS", "THEMES", "Initiative"]
