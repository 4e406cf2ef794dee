"""The facts the rules read: the scripts and scenes of one story, resolved against its bible."""
from __future__ import annotations

from dataclasses import dataclass, field, fields

from toolkit.continuity.script import Mention, Script, ScriptScene
from toolkit.extraction.claims import AffiliationClaim, DeathClaim
from toolkit.model.bible import Bible
from toolkit.model.names import NameIndex
from toolkit.model.story import Story


@dataclass
class Claimed:
    """A claim that a scene's action or synopsis makes, with the line it is on."""

    claim: AffiliationClaim | DeathClaim
    line: int
    sentence: str = ""  # the sentence it was read from


@dataclass
class Context:
    """What the rules read: the scripts and scenes of one story, resolved against its bible.

    Each field is a fact a rule may declare it needs (`@rule(..., needs=(...))`); a rule is shown
    only the facts it declares.
    """

    scripts: list[Script]
    scenes: list[ScriptScene]
    story: Story
    index: NameIndex
    bible: Bible | None = None
    present: dict[int, dict[str, Mention]] = field(default_factory=dict)  # scene number -> id -> first presence
    unknown: list[tuple[ScriptScene, Mention]] = field(default_factory=list)  # names that resolve to no one
    death_lines: dict[int, dict[str, int]] = field(default_factory=dict)  # scene number -> id -> line of a [[dies]] note
    # deaths read from prose, only of characters whose death no note and no fate of the bible gives:
    # id -> (scene, line, the sentence it was read from)
    inferred_deaths: dict[str, tuple[ScriptScene, int, str]] = field(default_factory=dict)
    sources: dict[tuple[int, str], str] = field(default_factory=dict)  # (scene number, id) -> sentence of a prose presence
    claims: dict[int, list[Claimed]] = field(default_factory=dict)  # scene number -> claims
    other_names: frozenset = frozenset()  # folded names of organisations, places and props
    death_notes: list[tuple[ScriptScene, str, Mention]] = field(default_factory=list)  # [[dies: …]] notes
    bible_deaths: dict[str, tuple[ScriptScene, int]] = field(default_factory=dict)  # id -> fate.scene's scene
    scene_of: dict[str, ScriptScene] = field(default_factory=dict)  # a bible's scene reference -> its scene
    unlisted: list[str] = field(default_factory=list)  # files the bible's `scripts:` does not order
    named: set[str] = field(default_factory=set)  # ids of characters named somewhere in a scene's text
    whole_story: bool = True  # every script of the story is read (not files checked on their own)
    memo: dict | None = None  # what rules and claims derive from texts, kept between checks against one bible

    def source_line(self, file: str, line: int) -> str:
        """The text of a line of one of the scripts, or "" when there is no such line."""
        script = next((s for s in self.scripts if s.file == file), None)
        if script is None or not 0 < line <= len(script.lines):
            return ""
        return script.lines[line - 1]


FACTS = frozenset(f.name for f in fields(Context))


class UndeclaredFact(AttributeError):
    """A rule read a fact of the context that its `needs=` does not declare."""


class Facts:
    """A view of a Context that shows a rule only the facts it declared."""

    __slots__ = ("_code", "_context", "_needs")

    def __init__(self, context: Context, needs: frozenset[str], code: str):
        self._context = context
        self._needs = needs
        self._code = code

    def __getattr__(self, name: str):
        if name in self._needs:
            return getattr(self._context, name)
        if name in FACTS:
            raise UndeclaredFact(f"rule {self._code} reads '{name}' but does not declare it in needs=")
        raise AttributeError(name)

    def source_line(self, file: str, line: int) -> str:
        """The text of a line of one of the scripts (the rule must declare `scripts`)."""
        self.__getattr__("scripts")
        return self._context.source_line(file, line)


def death_scenes(context: Context | Facts) -> dict[str, tuple[ScriptScene, int]]:
    """For each character who dies, the scene of the death and the line that tells it: the first
    `[[dies]]` note, else the scene the bible's fate.scene names, else the first death read from prose.

    Reads the facts `scenes`, `death_lines`, `bible_deaths` and `inferred_deaths`.
    """
    deaths: dict[str, tuple[ScriptScene, int]] = {}
    for scene in context.scenes:
        for ident, line in context.death_lines.get(scene.number, {}).items():
            deaths.setdefault(ident, (scene, line))
    for ident, place in context.bible_deaths.items():
        deaths.setdefault(ident, place)
    for ident, (scene, line, _sentence) in context.inferred_deaths.items():
        deaths.setdefault(ident, (scene, line))
    return deaths


def inferred_death(context: Context | Facts, ident: str) -> str:
    """The sentence a character's death was read from, or "" when a note or the bible gives it."""
    if ident in context.bible_deaths or any(ident in lines for lines in context.death_lines.values()):
        return ""
    return context.inferred_deaths.get(ident, (None, 0, ""))[2]


DEATH_FACTS = ("scenes", "death_lines", "bible_deaths", "inferred_deaths")  # what death_scenes reads
