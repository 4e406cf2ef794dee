"""The scene outline: cutting a synopsis into scenes and writing them as Fountain."""
from __future__ import annotations

import re
from collections import Counter

from toolkit.language import Language, load_language
from toolkit.names import fold
from toolkit.resolve import Resolution
from toolkit.story import OutlineScene, Story

OUTLINE_FILE = "outline.fountain"


def cut_scenes(resolution: Resolution) -> list[OutlineScene]:
    """Scenes in story order: a new one at each unit, place change or new event; deaths and cast noted."""
    story = resolution.story
    language = load_language(story.language)
    ids = {c.name: c.id for c in story.characters}
    location_names = {fold(loc.name): loc for loc in story.locations}
    scenes: list[OutlineScene] = []
    current: OutlineScene | None = None
    city = ""
    introduced: set[str] = set()
    current_place = ("", "")
    for sentence, reading in resolution.readings:
        present = [ids[key] for key in reading.present if key in ids]
        setting = reading.settings[0] if reading.settings else None
        cities = [name for name, _ in reading.places] + [m.key for m in reading.mentions
                                                          if fold(m.key) in location_names]
        new_city = cities[-1] if cities else city
        place = (setting[0] if setting else "", new_city)
        new_unit = current is None or current.unit != sentence.unit
        place_changed = bool(setting) and place != current_place or (new_city != city and bool(cities))
        new_event = (current is not None and present and current.cast
                     and not set(present) & set(current.cast))
        if new_unit or reading.transition or place_changed or new_event:
            current = OutlineScene(id="", unit=sentence.unit, heading=_heading(language, setting, new_city))
            scenes.append(current)
            current_place = place
        city = new_city
        current.sentences.append(sentence.text)
        current.source_lines.append(sentence.line)
        for ident in present:
            if ident not in current.cast:
                current.cast.append(ident)
        for key in [m.key for m in reading.mentions]:
            ident = ids.get(key)
            if ident and ident not in introduced:
                introduced.add(ident)
                current.introduced.append(ident)
        for death in reading.deaths:
            ident = ids.get(death.character)
            character = story.character(ident) if ident else None
            if character and death.status in ("killed", "dies") and not death.before_story \
                    and character.fate.status in ("killed", "dies") and ident not in current.deaths:
                current.deaths.append(ident)
    for number, scene in enumerate(scenes, start=1):
        scene.id = f"{OUTLINE_FILE}#{number}"
        scene.scene_number = str(number)
        for ident in scene.deaths:
            character = story.character(ident)
            if character and not character.fate.scene:
                character.fate.scene = scene.scene_number
    return scenes


def _heading(language: Language, setting: tuple[str, str] | None, city: str) -> str:
    words = language.heading
    if setting:
        noun, interior = setting
        place = noun.upper() + (f" – {city.upper()}" if city else "")
        return f"{words[interior]} {place}" if words[interior].endswith(".") else f"{words[interior]}. {place}"
    if city:
        return city.upper()
    return words["unknown"]


def cue_names(story: Story, resolution: Resolution | None = None) -> dict[str, str]:
    """The name each character goes by in cues and notes: the form the text uses most, in capitals."""
    counts: dict[str, Counter] = {c.id: Counter() for c in story.characters}
    by_name = {c.name: c for c in story.characters}
    if resolution is not None:
        for _, reading in resolution.readings:
            for mention in reading.mentions:
                character = by_name.get(mention.key)
                if character and not mention.genitive:
                    counts[character.id][mention.surface] += 1
    out = {}
    taken: set[str] = set()
    for character in story.characters:
        choices = [name for name, _ in counts[character.id].most_common()] + [character.name]
        name = next((n for n in choices if fold(n) not in taken), character.name)
        taken.add(fold(name))
        out[character.id] = name.upper()
    return out


def _introduce(text: str, names: list[str]) -> str:
    """Write a character's name in capitals where the outline introduces them."""
    for name in sorted(names, key=len, reverse=True):
        position = text.find(name)
        if position >= 0:
            text = text[:position] + name.upper() + text[position + len(name):]
    return text


# What a Fountain parser would take for markup at the start of a paragraph: a section, synopsis,
# forced heading, cue, lyric, centred text, forced transition or action, a note or a page break.
_LEADING_MARKUP = ("#", "=", ".", "@", "~", ">", "!", "[[", "===")
_HEADING_LIKE = re.compile(r"(?:INT|EXT|EST|I/E|INT\./EXT|INT/EXT)[. ]", re.IGNORECASE)


def _literal(text: str) -> str:
    """Synopsis prose as Fountain that reads back as written: '*' and '_' would be emphasis (and '/*' a
    boneyard hiding the rest of the outline), so they and '\\' get Fountain's backslash escape."""
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_")


def _as_action(text: str) -> str:
    """Force a paragraph to be action when it could read as other markup ('# Hash …', 'INT. …', 'KOENIG',
    'CUT TO:'); forcing plain action too is harmless, so the test is cheap and errs that way."""
    if text.startswith(_LEADING_MARKUP) or text.isupper() or _HEADING_LIKE.match(text) \
            or text.rstrip().endswith("TO:"):
        return "!" + text
    return text


def write_outline(story: Story, scenes: list[OutlineScene], cues: dict[str, str],
                  first_mentions: dict[str, str]) -> str:
    """The outline as Fountain 1.1 text: title page, a section per unit, scenes with notes."""
    language = load_language(story.language)
    unit_word = language.unit_names[story.units]
    lines = [f"Title: {story.title}", f"Source: {story.source}", f"Language: {story.language}", ""]
    unit = -1
    for scene in scenes:
        if scene.unit != unit:
            unit = scene.unit
            lines += [f"# {unit_word} {unit + 1}", ""]
        heading = scene.heading
        forced = not heading.startswith(("INT.", "EXT.", "INT./EXT.", "I/E"))
        number = f" #{scene.scene_number}#" if scene.scene_number else ""
        lines += [("." if forced else "") + heading + number, ""]
        lines += [f"= {_literal(sentence)}" for sentence in scene.sentences]
        lines.append("")
        action = " ".join(scene.sentences)
        action = _introduce(action, [first_mentions[i] for i in scene.introduced if i in first_mentions])
        lines += [_as_action(_literal(action)), ""]
        if scene.cast:
            lines += [f"[[{language.cast_note}: {', '.join(cues[i] for i in scene.cast)}]]", ""]
        if scene.deaths:
            lines += [f"[[{language.dies_note}: {', '.join(cues[i] for i in scene.deaths)}]]", ""]
    return "\n".join(lines).rstrip() + "\n"


def first_mentions(resolution: Resolution) -> dict[str, str]:
    """The surface of each character's first mention, as written."""
    ids = {c.name: c.id for c in resolution.story.characters}
    out: dict[str, str] = {}
    for _, reading in resolution.readings:
        for mention in reading.mentions:
            ident = ids.get(mention.key)
            if ident and ident not in out:
                out[ident] = mention.surface.rstrip("‘'’")
    return out

