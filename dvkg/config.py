"""Settings and their defaults, in one place."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["DEFAULT_STORE", "DEFAULT_OUT", "BASE_IRI", "Settings"]

#: Where ``--store`` points when it is not given: a directory in the working directory.
DEFAULT_STORE = Path("dvkg-store")
#: Where ``make demo`` and ``dvkg viz``/``dvkg export`` write by default.
DEFAULT_OUT = Path("out")
#: Every IRI dvkg mints starts here.
BASE_IRI = "https://w3id.org/dvkg/"


@dataclass(frozen=True)
class Settings:
    store: Path = DEFAULT_STORE
    out: Path = DEFAULT_OUT
    base_iri: str = BASE_IRI
