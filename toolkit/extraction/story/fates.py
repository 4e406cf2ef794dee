"""The characters' fates from the death claims."""
from __future__ import annotations

from toolkit.extraction.document import (
    Reading,
)
from toolkit.extraction.grammar import (
    latest_of_gender,
)
from toolkit.model.story import (
    Character,
    Fate,
)


def fill_fates(by_key: dict[str, Character], ids: dict[str, str], readings: list[Reading],
               apparent: tuple[str, ...] = ()) -> None:
    """Each character's fate from the death claims: a staged death settles it, a killing keeps its killer.

    A sentence that opens with one of the `apparent` phrases ("Scheinbar!", "Or so it seems") takes back the
    deaths the sentence before told: the one killed only seemed to die."""
    genders = {key: character.gender for key, character in by_key.items()}
    # a body found or a late husband settles a fate only when nothing else in the story does
    claims = [(index, death) for index, reading in enumerate(readings) for death in reading.deaths]
    claims.sort(key=lambda pair: pair[1].before_story)
    for index, death in claims:
        who = death.character
        if who.startswith("pronoun:"):
            who = latest_of_gender(who, readings, index, genders)
        elif who.startswith("kin:"):
            who = _kin(who, by_key, ids)
        character = by_key.get(who or "")
        if character is None:
            continue
        fate = character.fate
        if death.status in ("faked_death", "presumed_dead_alive"):
            character.fate = Fate(death.status)
        elif fate.status in ("alive", "unknown") or (fate.status == death.status == "killed" and not fate.by):
            by = death.by
            if by.startswith("pronoun:"):
                by = latest_of_gender(by, readings, index, genders, exclude=who or "") or ""
            character.fate = Fate(death.status, ids.get(by, "") if by in by_key else "")
    for index in range(len(readings)):
        for taken_back in _taken_back(readings, index, apparent):
            for death in taken_back.deaths:
                character = by_key.get(death.character)
                if character is not None and death.status in ("killed", "dies") and not death.before_story:
                    character.fate = Fate("presumed_dead_alive")


def _taken_back(readings: list[Reading], index: int, apparent: tuple[str, ...]) -> list[Reading]:
    """The readings whose deaths sentence `index` takes back: the one before it when it opens with an
    `apparent` phrase ("Scheinbar!"), itself when it ends in one after a dash ("Friedrich stirbt –
    scheinbar.")."""
    text = readings[index].text.strip()
    opening = text.casefold()
    tail = next((text[k + 1:] for k in range(len(text) - 1, -1, -1) if text[k] in "–—"), "")
    tail = tail.strip().rstrip(".!…").casefold()
    out = [readings[index - 1]] if index and any(opening.startswith(p.casefold()) for p in apparent) else []
    if tail and any(tail == p.rstrip(".!").casefold() for p in apparent):
        out.append(readings[index])
    return out


def _kin(description: str, by_key: dict[str, Character], ids: dict[str, str]) -> str | None:
    """'kin:husband_of:Ada' ("Adas Mann"): the one character the story relates so to Ada, or None."""
    _, kind, owner = description.split(":", 2)
    target = ids.get(owner)
    found = [key for key, character in by_key.items()
             if target and any(r.type == kind and r.target == target for r in character.relations)]
    return found[0] if len(found) == 1 else None
