"""Optional NumPy and pandas: the binding works without them (lists in,
lists out) and uses them when installed. Tests set these to None."""
from __future__ import annotations

try:
    import numpy as np
except ImportError:  # pragma: no cover - exercised by monkeypatching np = None
    np = None

try:
    import pandas as pd
except ImportError:  # pragma: no cover
    pd = None
