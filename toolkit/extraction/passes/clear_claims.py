"""Clears the claims before they are read (again, once coreference has added mentions)."""
from __future__ import annotations

from toolkit.extraction.document import Pass, Reading
from toolkit.extraction.lexicon import Lexicon


def clear_claims(reading: Reading, lex: Lexicon) -> None:
    """No affiliation, relation, death or superseding claim left."""
    reading.affiliations, reading.relations, reading.deaths = [], [], []
    reading.superseding = []


PASS = Pass("clear_claims", clear_claims, reads=(), writes=("affiliations", "relations", "deaths", "superseding"))
