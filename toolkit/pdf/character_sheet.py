"""Character sheets for the PDF: a one-line description, the arc per act or episode, kills and names.

Everything is built from the bible and the scenes: the description from role, organisation and the
first relation; the arc from the synopsis sentences of a character's scenes in which the character
is the subject (the first name a sentence mentions, or one joined to it by a comma or "and").
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import groupby

from markupsafe import Markup, escape

from toolkit.model.names import base_forms, fold
from toolkit.model.story import (
    Affiliation,
    Character,
    Organisation,
    ReviewItem,
    Scene,
    Story,
)
from toolkit.pdf.wording import agreeing_role, org_phrase, relation_word

# The part of an affiliation the description names first.
_STATUS_ORDER = ("leader", "current", "undercover", "former", "unknown")
_QUOTED = re.compile(r"'([^']+)'")
ARC_SENTENCES = 2  # sentences per unit on a sheet


@dataclass
class ArcLine:
    """What a character does in one act or episode: the scenes, and sentences with the name in bold."""

    unit: str
    scenes: list[Scene]
    text: Markup


@dataclass
class CharacterSheet:
    """One character with everything the sheet shows, looked up once."""

    character: Character
    scenes: list[Scene]
    affiliations: list[tuple[Affiliation, str]]  # with the organisation's name
    fate_scene: Scene | None
    description: str = ""
    aliases: list[str] = field(default_factory=list)  # other names and cover names, not spellings
    arc: list[ArcLine] = field(default_factory=list)
    victims: list[tuple[Character, Scene | None]] = field(default_factory=list)
    performer: str = ""
    summary: str = ""  # the writer's own summary; one copied from the synopsis is left out
    relations: list[tuple[str, str]] = field(default_factory=list)  # (words in the character's gender, target id)


def fate_scene(character: Character, scenes: Sequence[Scene]) -> Scene | None:
    """The scene the bible names for a fate (by its scene number), else the scene where they die."""
    from toolkit.continuity.script import find_scene

    if character.fate.scene:
        return find_scene(list(scenes), character.fate.scene)
    return next((s for s in scenes if character.id in s.deaths), None)


def spelling_variants(review: Sequence[ReviewItem]) -> set[str]:
    """The spellings the review list calls misspellings (the first quoted name of such an item)."""
    found = set()
    for item in review:
        if item.kind == "spelling_variant" and item.args.get("variant"):
            found.add(fold(str(item.args["variant"])))
        elif item.kind == "spelling_variant":  # a bible written before items kept their arguments
            quoted = _QUOTED.search(item.message)
            if quoted:
                found.add(fold(quoted.group(1)))
    return found


def proper_aliases(character: Character, variants: set[str]) -> list[str]:
    """Aliases and cover names: not a part of the name, not a genitive of a name, not a misspelling."""
    parts = {fold(part) for part in character.name.split()} | {fold(character.name)}
    kept = []
    for alias in character.aliases:
        folded = fold(alias)
        forms = set(base_forms(alias))
        if folded in parts or folded in variants or forms & parts:
            continue
        if any(fold(other) in forms for other in character.aliases if fold(other) != folded):
            continue
        kept.append(alias)
    return kept


class MentionFinder:
    """Finds the characters a sentence names, by name or alias, with genitive endings."""

    def __init__(self, characters: Sequence[Character], conjunction: str):
        owners: dict[str, str] = {}
        for character in characters:
            for name in character.names:
                owners.setdefault(name, character.id)
        names = sorted(owners, key=len, reverse=True)
        self.owners = owners
        self.pattern = re.compile(
            r"(?<![\w\-])(" + "|".join(re.escape(n) for n in names) + r")(?:[’'‘]s|[’'‘]|s)?(?![\w])"
        ) if names else None
        self.join = re.compile(rf"^\s*(?:,|\b{re.escape(conjunction)}\b|,\s*{re.escape(conjunction)}\b)\s*(?:\w+\s+)?$")

    def subjects(self, sentence: str) -> list[tuple[str, int, int]]:
        """(character id, start, end) of the sentence's subject: its first mention and those joined to it."""
        if self.pattern is None:
            return []
        found = [(self.owners[m.group(1)], m.start(1), m.end(1)) for m in self.pattern.finditer(sentence)]
        if not found:
            return []
        subjects = [found[0]]
        for mention in found[1:]:
            if not self.join.match(sentence[subjects[-1][2]:mention[1]]):
                break
            subjects.append(mention)
        return subjects


def _bold(sentence: str, start: int, end: int) -> Markup:
    return escape(sentence[:start]) + Markup("<b>") + escape(sentence[start:end]) + Markup("</b>") + \
        escape(sentence[end:])


def _arc(character: Character, scenes: Sequence[Scene], finder: MentionFinder) -> list[ArcLine]:
    lines = []
    for unit, run in groupby(scenes, key=lambda s: s.section):
        run = list(run)
        told: list[Markup] = []
        seen = set()
        for scene in run:
            for sentence in scene.synopsis:
                if sentence in seen or len(told) >= ARC_SENTENCES:
                    continue
                seen.add(sentence)
                mine = [s for s in finder.subjects(sentence) if s[0] == character.id]
                if mine:
                    told.append(_bold(sentence, mine[0][1], mine[0][2]))
        if told:  # a unit in which the synopsis says nothing of the character has no row
            lines.append(ArcLine(unit, run, Markup(" ").join(told)))
    return lines


def _description(character: Character, affiliations: Sequence[tuple[Affiliation, str]],
                 characters: Mapping[str, Character], organisations: Mapping[str, Organisation],
                 labels: Mapping, language: str) -> str:
    """Role, first organisation and first relation, each in the character's gender: "ehemalige DIA-Agentin ·
    früher bei der DIA · Feindin von Konrad"."""
    parts = [agreeing_role(character.role, character.gender, language)] if character.role else []
    ranked = sorted(affiliations, key=lambda pair: _STATUS_ORDER.index(pair[0].status)
                    if pair[0].status in _STATUS_ORDER else len(_STATUS_ORDER))
    if ranked:
        affiliation, org_name = ranked[0]
        org = organisations.get(affiliation.org) or Organisation(id=affiliation.org, name=org_name)
        parts.append(org_phrase(labels, affiliation.status, org, language))
    for relation in character.relations:
        target = characters.get(relation.target)
        if target is not None:
            parts.append(f"{relation_word(labels, relation.type, character.gender)} {target.name}")
            break
    return " · ".join(parts)


def agreeing_affiliation(affiliation: Affiliation, character: Character, language: str) -> Affiliation:
    """The affiliation with its title in the character's gender ("Agentin" for a woman)."""
    if not affiliation.title:
        return affiliation
    return replace(affiliation, title=agreeing_role(affiliation.title, character.gender, language))


def character_sheets(story: Story, scenes: Sequence[Scene], labels: Mapping) -> list[CharacterSheet]:
    """The sheets in order of importance: most scenes first, then bible order."""
    characters = {c.id: c for c in story.characters}
    organisations = {o.id: o for o in story.organisations}
    finder = MentionFinder(story.characters, labels["and"])
    variants = spelling_variants(story.review)
    synopsis = " ".join(story.unit_texts)
    sheets = []
    for character in story.characters:
        present = [s for s in scenes if character.id in s.cast or character.id in s.deaths]
        affiliations = [(agreeing_affiliation(a, character, story.language),
                         organisations[a.org].name if a.org in organisations else a.org) for a in character.affiliations]
        sheet = CharacterSheet(character, present, affiliations, fate_scene(character, scenes))
        sheet.description = _description(character, affiliations, characters, organisations, labels, story.language)
        sheet.relations = [(relation_word(labels, r.type, character.gender), r.target) for r in character.relations]
        sheet.aliases = proper_aliases(character, variants)
        sheet.arc = _arc(character, present, finder)
        sheet.victims = [(victim, fate_scene(victim, scenes)) for victim in story.characters
                         if victim.fate.by == character.id]
        sheet.performer = str(getattr(character, "performer", "") or "")
        sheet.summary = "" if character.summary[:40] in synopsis else character.summary
        sheets.append(sheet)
    order = {c.id: i for i, c in enumerate(story.characters)}
    return sorted(sheets, key=lambda s: (-len(s.scenes), order[s.character.id]))
