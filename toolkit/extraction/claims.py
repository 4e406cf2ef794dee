"""Claims: what the extractor reads out of a sentence, before a story is resolved from them."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AffiliationClaim:
    """A sentence ties a character to an organisation, e.g. "der ehemalige DIA-Agent Nadja"."""

    character: str  # character id (in a scene) or name (in a synopsis)
    org: str  # organisation id when the story knows it, else the name as written
    status: str  # current | former | undercover | leader | unknown
    evidence: str
    title: str = ""
    offset: int = 0  # where in the text the evidence starts


@dataclass(frozen=True)
class DeathClaim:
    """A sentence says a character dies, was killed, or only seemed to die."""

    character: str
    status: str  # killed | dies | faked_death | presumed_dead_alive
    by: str = ""
    evidence: str = ""
    offset: int = 0
    before_story: bool = False  # dead before this sentence: "ihr verstorbener Ehemann", "finds his body"


@dataclass(frozen=True)
class GenderVote:
    """A sentence says a character is a man or a woman, with how much weight."""

    key: str
    gender: str
    weight: float
    evidence: str
