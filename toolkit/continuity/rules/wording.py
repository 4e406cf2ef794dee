"""Words several rules' messages share."""
from __future__ import annotations

from toolkit.continuity.rules.context import Facts
from toolkit.model.story import Character


def pronoun(character: Character | None, *, possessive: bool = True) -> str:
    """'her', 'his' or 'their' (or 'her', 'him', 'them' when not possessive), by the character's gender."""
    gender = character.gender if character else ""
    if possessive:
        return {"f": "her", "m": "his"}.get(gender, "their")
    return {"f": "her", "m": "him"}.get(gender, "them")


def bible_file(facts: Facts) -> str:
    """The bible's path as diagnostics name it, or "" without a bible (reads the fact `bible`)."""
    return facts.bible.path.as_posix() if facts.bible else ""
