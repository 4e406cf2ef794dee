"""The story model: what a bible holds, independent of YAML or Fountain."""
from __future__ import annotations

from dataclasses import dataclass, field

from toolkit.model.review import english_message

GENDERS = ("f", "m", "unknown")
AFFILIATION_STATUSES = ("current", "former", "undercover", "leader", "unknown")
RELATION_TYPES = (
    "son_of", "daughter_of", "parent_of", "wife_of", "husband_of", "sibling_of",
    "mentor_of", "partner_of", "enemy_of", "works_for",
)
FATE_STATUSES = ("alive", "killed", "dies", "faked_death", "presumed_dead_alive", "unknown")
ORGANISATION_KINDS = ("agency", "police", "government", "military", "criminal", "company", "team", "other")
UNIT_KINDS = ("acts", "episodes", "sequences")
SETTINGS = ("INT", "EXT", "INT/EXT", "")
# Fates after which a character must not appear again.
DEAD_FATES = ("killed", "dies")


@dataclass
class Affiliation:
    org: str
    status: str = "current"
    title: str = ""
    evidence: str = ""
    from_scene: str = ""  # `from:` in bible.yaml: a member from this scene number on
    until_scene: str = ""  # `until:`: a member until this scene number, former after it


@dataclass
class Relation:
    type: str
    target: str


@dataclass
class Fate:
    status: str = "alive"
    by: str = ""
    scene: str = ""


@dataclass
class Character:
    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    gender: str = "unknown"
    role: str = ""
    summary: str = ""
    performer: str = ""  # who plays the part, when the synopsis says so
    affiliations: list[Affiliation] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    fate: Fate = field(default_factory=Fate)

    @property
    def names(self) -> list[str]:
        """The name and every alias, main name first."""
        return [self.name, *self.aliases]


@dataclass
class Organisation:
    id: str
    name: str
    abbreviation: str = ""
    aliases: list[str] = field(default_factory=list)
    kind: str = "other"

    @property
    def names(self) -> list[str]:
        return [n for n in (self.name, self.abbreviation, *self.aliases) if n]


@dataclass
class Location:
    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    setting: str = ""


@dataclass
class Prop:
    id: str
    name: str
    aliases: list[str] = field(default_factory=list)


@dataclass
class ReviewItem:
    """What expand or check was unsure of: a kind, its arguments, the English message made from them,
    and where in the source it is. Items of bibles written before arguments were kept have none."""

    kind: str
    message: str
    where: str = ""
    args: dict[str, str | list[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, kind: str, where: str = "", **args: str | list[str]) -> ReviewItem:
        """An item of a kind with its arguments; the English message is made from them."""
        return cls(kind, english_message(kind, args), where, args)


@dataclass
class OutlineScene:
    """A scene of the outline that expand writes: the synopsis sentences it tells, and who is in it."""

    id: str
    unit: int
    heading: str
    sentences: list[str] = field(default_factory=list)
    cast: list[str] = field(default_factory=list)  # character ids, present in the scene
    introduced: list[str] = field(default_factory=list)  # character ids first seen here
    introduced_at: dict[str, tuple[int, str]] = field(default_factory=dict)  # id -> (offset in action, name)
    deaths: list[str] = field(default_factory=list)  # character ids who die here
    action: str = ""
    scene_number: str = ""  # the Fountain scene number written on the heading ("12")
    source_lines: list[int] = field(default_factory=list)


@dataclass
class Story:
    title: str
    language: str = "de"
    source: str = ""
    units: str = "acts"
    scripts: list[str] = field(default_factory=lambda: ["outline.fountain"])
    logline: str = ""
    year: str = ""  # of the film or series, for the cover
    characters: list[Character] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    props: list[Prop] = field(default_factory=list)
    review: list[ReviewItem] = field(default_factory=list)
    rules: dict = field(default_factory=dict)
    unit_texts: list[str] = field(default_factory=list)  # the synopsis per unit, for the PDF
    scenes: list[OutlineScene] = field(default_factory=list)  # not written to bible.yaml

    def character(self, ident: str) -> Character | None:
        return next((c for c in self.characters if c.id == ident), None)

    def organisation(self, ident: str) -> Organisation | None:
        return next((o for o in self.organisations if o.id == ident), None)


@dataclass
class Scene:
    """A scene read from a Fountain file of the story, with where it is and who is in it."""

    id: str  # "outline.fountain#12": file name and the scene's number within the story
    number: int  # 1-based, in story order across all scripts
    file: str
    line: int  # the heading's line
    heading: str
    section: str = ""  # the unit (act, episode) the scene belongs to
    synopsis: list[str] = field(default_factory=list)
    cast: list[str] = field(default_factory=list)  # ids of characters present, in order of appearance
    unknown_cast: list[str] = field(default_factory=list)  # present names that resolve to no one
    deaths: list[str] = field(default_factory=list)  # ids of characters who die here
    flashback: bool = False
    location: str = ""  # location id, when the heading names a known location
    scene_number: str = ""  # the Fountain scene number on the heading ("12", "12A"): the scene's identity

    @property
    def label(self) -> str:
        """How messages name the scene: its scene number, else its place in the story order."""
        return self.scene_number or f"{self.number} (unnumbered)"
