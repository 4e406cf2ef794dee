"""The scene outline: cutting a synopsis into scenes and writing them as Fountain."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from toolkit.extraction.document import Reading
from toolkit.extraction.resolve import Resolution
from toolkit.model.names import fold
from toolkit.model.story import OutlineScene, Story
from toolkit.text.language import Language, load_language
from toolkit.text.tags import is_german_proper_noun, is_nominal, is_verb
from toolkit.text.tails import ends_with_phrase, normalised_tail

OUTLINE_FILE = "outline.fountain"


@dataclass
class _Place:
    """Where and when a scene is: a setting noun with INT/EXT, a city or known place, a time of day."""

    setting: tuple[str, str] | None = None
    city: str = ""
    time: str = ""


def cut_scenes(resolution: Resolution) -> list[OutlineScene]:
    """Scenes in story order: consecutive sentences at one place and time make one scene; a new unit,
    a transition ("Später", "Meanwhile"), another place or another time of day begins the next, and
    so does a sentence that names no place and is about other people than the scene so far.

    The cast is who a sentence puts on screen; a character is introduced (in capitals) at their first
    presence, at the place in the action where they are named.
    """
    story = resolution.story
    language = load_language(story.language)
    ids = {c.name: c.id for c in story.characters}
    location_names = {fold(loc.name) for loc in story.locations}
    elsewhere = [fold(p) for p in language.data.get("not_setting") or []]
    home = _home_place(resolution, location_names, elsewhere)
    scenes: list[OutlineScene] = []
    places: list[_Place] = []
    introduced: set[str] = set()
    for sentence, reading in resolution.readings:
        here = _place_of(reading, language, location_names, elsewhere)
        current = scenes[-1] if scenes else None
        place = places[-1] if places else _Place(city=home)
        moved = (here.setting is not None and (here.setting, here.city or place.city) != (place.setting, place.city)) \
            or (here.city and here.city != place.city)
        new_time = here.time and place.time and here.time != place.time
        present = [ids[key] for key in reading.present if key in ids]
        # a sentence that names no place of its own, about other people, tells another event
        elsewhere_event = current is not None and not (here.setting or here.city) and present and current.cast \
            and not set(present) & set(current.cast)
        if current is None or current.unit != sentence.unit or reading.transition or moved or new_time \
                or elsewhere_event:
            # a new unit, a transition or another event starts at the story's usual place unless it names one
            kept = place.city if (moved or new_time) and not (current is None or current.unit != sentence.unit
                                                             or reading.transition or elsewhere_event) else home
            place = _Place(here.setting, here.city or kept, here.time)
            current = OutlineScene(id="", unit=sentence.unit, heading="")
            scenes.append(current)
            places.append(place)
        elif here.time and not place.time:
            place.time = here.time
        offset = sum(len(s) + 1 for s in current.sentences)
        current.sentences.append(sentence.text)
        current.source_lines.append(sentence.line)
        _add_cast(current, reading, ids, present, introduced, offset)
        _add_deaths(current, reading, ids, story)
    for number, (scene, place) in enumerate(zip(scenes, places), start=1):
        scene.id = f"{OUTLINE_FILE}#{number}"
        scene.scene_number = str(number)
        scene.heading = _heading(language, place)
        for ident in scene.deaths:
            character = story.character(ident)
            if character and not character.fate.scene:
                character.fate.scene = scene.scene_number
    return scenes


def _add_cast(scene: OutlineScene, reading: Reading, ids: dict[str, str], present: list[str],
              introduced: set[str], offset: int) -> None:
    """Who a sentence puts on screen joins the scene's cast; a character met for the first time is
    introduced here, at the offset in the scene's action where they are named."""
    for mention in reading.mentions:
        ident = ids.get(mention.key)
        if ident is None or mention.key not in reading.present or not mention.shown:
            continue
        if ident not in scene.cast:
            scene.cast.append(ident)
        if ident not in introduced and not mention.via:  # introduced where the text writes the name
            introduced.add(ident)
            scene.introduced.append(ident)
            scene.introduced_at[ident] = (offset + reading.tokens[mention.start].start, mention.surface)
    for ident in present:
        if ident not in scene.cast:
            scene.cast.append(ident)


def _add_deaths(scene: OutlineScene, reading: Reading, ids: dict[str, str], story: Story) -> None:
    """The deaths a sentence tells in the story's time, of characters the bible has die."""
    for death in reading.deaths:
        ident = ids.get(death.character)
        character = story.character(ident) if ident else None
        if character and death.status in ("killed", "dies") and not death.before_story \
                and character.fate.status in ("killed", "dies") and ident not in scene.deaths:
            scene.deaths.append(ident)


class _Away:
    """Which words of one sentence are named as a destination or a target ('von einer Reise nach Berlin',
    'ein Anschlag auf die Londoner Innenstadt'), which is not where the scene is. Each token is looked at
    once, and only the few words before it, so a sentence of any length takes time in proportion to it."""

    def __init__(self, reading: Reading, phrases: list[str]):
        self.reading = reading
        self.phrases = phrases
        self.longest = max((len(p) for p in phrases), default=0)
        self.known: dict[int, bool] = {}
        self.positions: dict[str, list[int]] = {}
        for token in reading.tokens:
            self.positions.setdefault(token.text, []).append(token.i)
            if token.text.rstrip("s") != token.text:
                self.positions.setdefault(token.text.rstrip("s"), []).append(token.i)

    def indices(self, word: str) -> list[int]:
        """The tokens that are the word, or the word with an s."""
        return self.positions.get(word, [])

    def any(self, word: str) -> bool:
        return any(self.at(i) for i in self.indices(word))

    def at(self, index: int) -> bool:
        """Whether the token is preceded by an 'elsewhere' phrase, then up to three words such as an
        article and adjectives."""
        if index not in self.known:
            self.known[index] = self._at(index)
        return self.known[index]

    def _at(self, index: int) -> bool:
        tokens = self.reading.tokens
        k = index
        for _ in range(4):
            before, whole = normalised_tail(self.reading.text, tokens[k].start, self.longest, fold)
            if any(ends_with_phrase(before, whole, p) for p in self.phrases):
                return True
            k -= 1
            if k < 0 or not tokens[k].word or (is_verb(tokens[k].tag) or is_nominal(tokens[k].tag)) \
                    and not is_german_proper_noun(tokens[k].tag):
                return False
        return False


def _place_of(reading: Reading, language: Language, location_names: set[str], elsewhere: list[str]) -> _Place:
    """The setting, city and time of day a sentence gives for where it happens."""
    away = _Away(reading, elsewhere)
    settings = [s for s in reading.settings
                if not all(away.at(i) for i in away.indices(s[0]) or [-1] if i >= 0)]
    cities = [name for name, _ in reading.places] + [m.key for m in reading.mentions if fold(m.key) in location_names]
    blocked = {c: away.any(c) for c in set(cities)}
    cities = [c for c in cities if not blocked[c]]
    times = language.data.get("times_of_day") or {}
    time = next((times[t.text] for t in reading.tokens if t.text in times), "")
    return _Place(settings[0] if settings else None, cities[-1] if cities else "", time)


def _home_place(resolution: Resolution, location_names: set[str], elsewhere: list[str]) -> str:
    """The place the story is told at most often (more than once, or the only one), for scenes whose
    sentences name none."""
    counts: Counter = Counter()
    for _, reading in resolution.readings:
        away = _Away(reading, elsewhere)
        named = [name for name, _ in reading.places] + [m.key for m in reading.mentions if fold(m.key) in location_names]
        blocked = {c: away.any(c) for c in set(named)}
        counts.update(c for c in named if not blocked[c])
    # one of several places named once each is where that scene is, not where the story lives
    usual = counts.most_common(2)
    return usual[0][0] if usual and (usual[0][1] > 1 or len(usual) == 1) else ""


def _heading(language: Language, place: _Place) -> str:
    words = language.heading
    time = f" – {place.time}" if place.time else ""
    if place.setting:
        noun, interior = place.setting
        where = noun.upper() + (f" – {place.city.upper()}" if place.city else "")
        prefix = words[interior] if words[interior].endswith(".") else f"{words[interior]}."
        return f"{prefix} {where}{time}"
    if place.city:
        return place.city.upper() + time
    return words["unknown"] + time


def cue_names(story: Story, resolution: Resolution | None = None) -> dict[str, str]:
    """The name each character goes by in cues and notes: the form the text uses most, in capitals."""
    counts: dict[str, Counter] = {c.id: Counter() for c in story.characters}
    by_name = {c.name: c for c in story.characters}
    if resolution is not None:
        for _, reading in resolution.readings:
            for mention in reading.mentions:
                character = by_name.get(mention.key)
                # a pronoun or a description stands for the name, it is no form of it ("er", "the spy")
                if character and not mention.genitive and not mention.via:
                    counts[character.id][mention.surface] += 1
    out = {}
    taken: set[str] = set()
    for character in story.characters:
        choices = [name for name, _ in counts[character.id].most_common()] + [character.name]
        name = next((n for n in choices if fold(n) not in taken), character.name)
        taken.add(fold(name))
        out[character.id] = name.upper()
    return out


def _introduce(text: str, places: list[tuple[int, str]]) -> str:
    """Write a character's name in capitals where the outline introduces them, on screen."""
    for position, name in places:
        if text[position:position + len(name)] == name:
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


def _day_transition(sentences: list[str]) -> list[str]:
    """A transition before the heading where the scene's synopsis says the story moves on a day or more
    ("Am nächsten Morgen", "two days later"), so that the outline gives each scene its story day."""
    from toolkit.continuity.day_phrases import day_step

    step = next((found for sentence in sentences if (found := day_step(sentence))), None)
    return [f"> {step.phrase.upper()}", ""] if step else []


def write_outline(story: Story, scenes: list[OutlineScene], cues: dict[str, str]) -> str:
    """The outline as Fountain 1.1 text: title page, a section per unit, scenes with notes.

    Every scene has a cast note, empty when no one is on screen.
    """
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
        lines += _day_transition(scene.sentences)
        lines += [("." if forced else "") + heading + number, ""]
        lines += [f"= {_literal(sentence)}" for sentence in scene.sentences]
        lines.append("")
        action = " ".join(scene.sentences)
        action = _introduce(action, [scene.introduced_at[i] for i in scene.introduced if i in scene.introduced_at])
        lines += [_as_action(_literal(action)), ""]
        lines += [f"[[{language.cast_note}: {', '.join(cues[i] for i in scene.cast)}]]", ""]
        if scene.deaths:
            lines += [f"[[{language.dies_note}: {', '.join(cues[i] for i in scene.deaths)}]]", ""]
    return "\n".join(lines).rstrip() + "\n"
