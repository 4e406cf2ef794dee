"""The document the passes read and write: a sentence's tokens, the spans found in it and the claims it makes.

No pass logic lives here; a pass is declared with `Pass` (its name, what it reads, what it writes) and
ordered by `toolkit.extraction.pipeline`.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from toolkit.extraction.claims import AffiliationClaim, DeathClaim, GenderVote
from toolkit.text.nlp import Token

if TYPE_CHECKING:
    from toolkit.extraction.lexicon import Lexicon

__all__ = [
    "AffiliationClaim",
    "Alias",
    "DeathClaim",
    "GenderVote",
    "Mention",
    "NameLookup",
    "OrgMention",
    "Pass",
    "Reading",
    "Relation",
]

NameLookup = Callable[[str], "str | None"]


@dataclass
class Mention:
    """A span of tokens that names a person."""

    surface: str  # as written
    key: str  # the name without a genitive ending, or a character id in scenes
    start: int  # token index, inclusive
    end: int  # token index, exclusive
    genitive: bool = False
    main: bool = True
    role: str = ""
    org: str = ""  # organisation key joined to the role ("DIA-Agenten", "vom MI5")
    status: str = ""  # former, leader, ... from the words around the name
    after_article: bool = False
    after_place_preposition: bool = False
    via: str = ""  # "pronoun" or "description" when coreference found it, "" for a name
    uncertain: bool = False  # coreference had more than one candidate; claims leave it out
    on_screen: bool | None = None  # the presence pass's call; None: a main-clause name that is no genitive

    @property
    def shown(self) -> bool:
        """Whether the sentence puts this person on screen."""
        if self.uncertain:
            return False
        return self.on_screen if self.on_screen is not None else self.main and not self.genitive


@dataclass
class OrgMention:
    """A span of tokens that names an organisation."""

    key: str  # agency id, or the name as written for groups
    name: str
    start: int
    end: int
    kind: str = "agency"
    abbreviation: str = ""
    role: str = ""  # "Agenten" in "DIA-Agenten"
    noun: str = ""  # the organisation noun that describes it, folded: "netzwerk" of "das Netzwerk „Hydra“"


@dataclass(frozen=True)
class Relation:
    """A sentence relates two people: 'seine Frau Lena' (Lena wife_of him)."""

    source: str  # mention key: the one the relation is said of
    type: str
    target: str  # mention key, or "pronoun:m"/"pronoun:f" to be resolved by the caller
    evidence: str


@dataclass(frozen=True)
class Alias:
    """Another name the text gives a person: 'John Reed, alias Agent X'."""

    name: str
    alias: str
    evidence: str


@dataclass
class Reading:
    """What one sentence says."""

    text: str
    tokens: list[Token]
    mentions: list[Mention] = field(default_factory=list)
    orgs: list[OrgMention] = field(default_factory=list)
    places: list[tuple[str, str]] = field(default_factory=list)  # (name, INT/EXT/"")
    settings: list[tuple[str, str]] = field(default_factory=list)  # (noun as written, INT/EXT)
    props: list[str] = field(default_factory=list)
    affiliations: list[AffiliationClaim] = field(default_factory=list)
    deaths: list[DeathClaim] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    aliases: list[Alias] = field(default_factory=list)
    genders: list[GenderVote] = field(default_factory=list)
    transition: bool = False
    lookup: NameLookup | None = field(default=None, repr=False, compare=False)  # names the story knows
    caps_only: bool = field(default=False, repr=False, compare=False)  # names only in capitals (scene headings)
    # claims a membership phrase makes that replace what a verb of work said of the same person and organisation
    superseding: list[AffiliationClaim] = field(default_factory=list, repr=False, compare=False)

    def span(self, start: int, end: int) -> str:
        return self.text[self.tokens[start].start:self.tokens[end - 1].end]

    @property
    def present(self) -> list[str]:
        """Keys of people on screen: named or referred to in a main clause, not as a genitive, not reported,
        or as the presence pass decided."""
        seen: list[str] = []
        for mention in self.mentions:
            if mention.shown and mention.key not in seen:
                seen.append(mention.key)
        return seen


@dataclass(frozen=True)
class Pass:
    """One step of the pipeline: a function of a reading and the lexicon that adds to the reading.

    `reads` and `writes` name the reading's fields (and mention attributes as `mentions.role`) it uses."""

    name: str
    run: Callable[[Reading, Lexicon], None]
    reads: tuple[str, ...]
    writes: tuple[str, ...]

    def __call__(self, reading: Reading, lex: Lexicon) -> None:
        self.run(reading, lex)
