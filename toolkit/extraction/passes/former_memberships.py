"""A former membership a phrase states ("who used to work for MI6") replaces every other claim about the
same person and organisation ("work for MI6", read as current); the latest such phrase wins."""
from __future__ import annotations

from toolkit.extraction.document import Pass, Reading
from toolkit.extraction.lexicon import Lexicon


def drop_superseded(reading: Reading, lex: Lexicon) -> None:
    """Keep, for each person and organisation a superseding claim names, only the last such claim."""
    last = {(claim.character, claim.org): claim for claim in reading.superseding}
    reading.affiliations[:] = [a for a in reading.affiliations
                               if (a.character, a.org) not in last or a is last[a.character, a.org]]


PASS = Pass("former_memberships", drop_superseded, reads=("affiliations", "superseding"), writes=("affiliations",))
