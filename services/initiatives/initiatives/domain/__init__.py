"""The initiatives domain: the Initiative aggregate and the method's vocabulary. No I/O."""
from samskab_contracts.vocabulary import FINDING_CATEGORIES, PHASES, REALITY_CHECK_DIMENSIONS, THEMES

from .initiative import Initiative

__all__ = ["FINDING_CATEGORIES", "PHASES", "REALITY_CHECK_DIMENSIONS", "THEMES", "Initiative"]
