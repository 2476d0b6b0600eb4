"""Import this before anything imports eventlet: operators then never see eventlet's
deprecation notice (a known fact, recorded in docs/operations.md), only our output.

eventlet warns once, on its first import, with EventletDeprecationWarning. The filter
cannot name that class without importing eventlet (which would warn first), and
PYTHONWARNINGS cannot either (the interpreter cannot import ``eventlet`` that early:
"invalid module name"), so it matches the notice's own text instead; every other
warning, eventlet's included, is still shown.
"""
from __future__ import annotations

import warnings

NOTICE = r"\s*Eventlet is deprecated\."

warnings.filterwarnings("ignore", message=NOTICE, category=Warning)
