"""The initiatives domain: the Initiative aggregate and the method's vocabulary. No I/O."""
from .initiative import Initiative
from .vocabulary import FINDING_CATEGORIES, PHASES, REALITY_CHECK_DIMENSIONS, THEMES

__all__ = ["FINDING_CATEGORIES", "PHASES", "REALITY_CHECK_DIMENSIONS", "THEMES", "Initiative"]
