"""dvkg: a knowledge graph of Vietnamese political news."""
from __future__ import annotations

__version__ = "0.1.0"
