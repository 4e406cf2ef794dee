"""Resolving a story's scripts against its bible: every name, note and claim of every scene becomes
a fact of the Context the continuity rules read."""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from toolkit.continuity.rules import Claimed, Context, death_scenes
from toolkit.continuity.script import (
    Mention,
    Prose,
    Script,
    ScriptScene,
    find_scene,
    is_position_reference,
    number_scenes,
)
from toolkit.extraction.claims import AffiliationClaim, DeathClaim
from toolkit.model.bible import Bible, dotted
from toolkit.model.names import NameIndex, fold, slugify, strip_titles
from toolkit.model.story import DEAD_FATES, Character, ReviewItem, Story


def _inferred_story(scripts: list[Script]) -> Story:
    """Without a bible, the cast is whoever speaks or is named in a cast or dies note."""
    characters: dict[str, Character] = {}
    for script in scripts:
        for scene in script.scenes:
            for mention in [*scene.mentions, *scene.dying]:
                if mention.via != "action" and fold(mention.name) not in characters:
                    characters[fold(mention.name)] = Character(id=slugify(mention.name), name=mention.name)
    return Story(title="", characters=list(characters.values()))


_WORD = re.compile(r"[^\W\d_][\w'’‘]*")


def _name_forms(story: Story) -> frozenset[str]:
    """The folded words of every name, also with a genitive or possessive ending."""
    words = {fold(word) for c in story.characters for name in c.names for word in _WORD.findall(name)}
    return frozenset(word + ending for word in words for ending in ("", "s", "'s", "'"))


def _claim_words(story: Story) -> dict[str, list[str]]:
    """Phrases without one of which a text makes no claim: an organisation's name or words of death.

    Keyed by the phrase's longest word. The extractor is slow next to parsing, and most action
    lines that name someone claim nothing.
    """
    from toolkit.text.language import language_for

    language = language_for(story.language)
    phrases = [name for o in story.organisations for name in o.names]
    phrases += [name for agency in language.agencies for name in agency.names]
    phrases += language.data.get("organisation_suffixes") or []
    phrases += death_signals(language.data.get("deaths") or {})
    gate: dict[str, list[str]] = {}
    for phrase in map(str, phrases):
        words = _WORD.findall(phrase)
        if words:
            gate.setdefault(fold(max(words, key=len)), []).append(fold(phrase))
    return gate


# the parts of a language's `deaths:` whose words say that someone dies; the others (auxiliaries, the
# prepositions of "der Mord an", vehicles, "manages to") only shape a reading and are in most sentences
DEATH_SIGNALS = frozenset({
    "killing_verbs", "killing_participles", "passive_participles", "separable", "dying_verbs", "already_dead",
    "faked", "staged", "found_dead/dead", "found_dead/bodies", "presumed_dead_predicates", "presumed_dead",
    "resultative/phrases", "killing_things", "nominal/killed", "nominal/dies", "explosions/verbs", "apparent",
    "fabricated", "victims/killed", "victims/dies"})
DEATH_SHAPING = frozenset({
    "causing_verbs", "passive_auxiliaries", "perfect_auxiliaries", "achieved", "found_dead/found",
    "resultative/verbs", "nominal/of", "nominal/not_with", "explosions/vehicles", "explosions/escapes",
    "explosions/inside"})


def death_signals(deaths: dict) -> list[str]:
    """The phrases of `deaths:` that say someone dies (DEATH_SIGNALS); the separable verbs by their stem."""
    phrases: list[str] = []
    for key, value in deaths.items():
        if isinstance(value, dict) and key != "separable":
            phrases += [p for part, words in value.items() if f"{key}/{part}" in DEATH_SIGNALS for p in words]
        elif key in DEATH_SIGNALS:
            phrases += list(value)
    return phrases


class _Folded(dict):
    """Texts folded, with their words, each once a check: the claim gate and prose presence both read them."""

    def __missing__(self, text: str) -> tuple[str, frozenset[str]]:
        folded = fold(text)
        self[text] = value = (folded, frozenset(_WORD.findall(folded)))
        return value


def _may_claim(text: str, names: frozenset, gate: dict[str, list[str]], folded_texts: _Folded) -> bool:
    folded, words = folded_texts[text]
    if words.isdisjoint(names):
        return False
    return any(phrase in folded for word in words.intersection(gate) for phrase in gate[word])


@cache
def _splitter(language: str):
    from toolkit.text.language import language_for
    from toolkit.text.synopsis import SentenceSplitter

    return SentenceSplitter(language_for(language))


def _sentences(prose: Prose, language: str) -> Iterator[tuple[str, int]]:
    """The sentences of a paragraph of action or synopsis, with their offsets in it."""
    for sentence, start in _splitter(language).split(prose.text):
        yield sentence, prose.text.find(sentence, start)


def _split(context: Context, prose: Prose) -> tuple[tuple[str, int], ...]:
    """The sentences of a paragraph, split once while the bible stays."""
    return _memo(context, "sentences", prose.text, lambda: tuple(_sentences(prose, context.story.language)))


def _claims(context: Context, scene: ScriptScene, names: frozenset, gate: dict[str, list[str]],
            folded_texts: _Folded) -> None:
    def claiming(prose: Prose) -> tuple[tuple[str, int], ...]:
        if not _may_claim(prose.text, names, gate, folded_texts):
            return ()
        return tuple((sentence, start) for sentence, start in _split(context, prose)
                     if _may_claim(sentence, names, gate, folded_texts))

    for prose in scene.prose:
        if prose.kind == "dialogue":
            continue
        if context.story.organisations:
            _passing_claims(context, scene, prose)
        # the sentences that may claim, split once per paragraph text: an edit reads only what it changed
        for sentence, start in _memo(context, "claiming", prose.text, lambda prose=prose: claiming(prose)):
            _sentence_claims(context, scene, prose, sentence, start)


def _passing_claims(context: Context, scene: ScriptScene, prose: Prose) -> None:
    """Memberships stated in passing ("Yuri, now with the SVR,"), read over the paragraph."""
    from toolkit.continuity.passing import passing_claims

    for claim in _memo(context, "passing", prose.text, lambda: passing_claims(prose.text, context.story)):
        line = prose.line + prose.text.count("\n", 0, claim.offset)
        sentence = next((text for text, start in _split(context, prose)
                         if start <= claim.offset < start + len(text)), claim.evidence)
        context.claims.setdefault(scene.number, []).append(Claimed(claim, line, sentence))


def _unasserted(claim: AffiliationClaim, context: Context) -> bool:
    """A membership a sentence only asks about or ascribes to someone else: between the name and the
    organisation stands another character's name or a word of doubt ("asks whether Ray worked for …")."""
    from toolkit.text.language import language_for

    language = language_for(context.story.language)
    words = _WORD.findall(claim.evidence)[1:]
    doubts = language.lower_words("unasserted_membership")
    return any(word.casefold() in doubts or (word[:1].isupper() and context.index.lookup(word) not in
                                              (None, claim.character)) for word in words)


def _memo(context: Context, kind: str, key, read):
    """What `read()` gives for a text, kept in the context's memo (between checks against one bible)."""
    if context.memo is None:
        return read()
    memo = context.memo.setdefault(kind, {})
    if key not in memo:
        memo[key] = read()
    return memo[key]


def _sentence_claims(context: Context, scene: ScriptScene, prose: Prose, sentence: str, start: int) -> None:
    from toolkit.extraction.scene_claims import scene_claims

    for claim in _memo(context, "claims", sentence, lambda: scene_claims(sentence, context.story)):
        character = context.story.character(claim.character)
        if character is None:
            continue
        # the bible settles that a death was staged; a scene that tells the staging is no death
        if isinstance(claim, DeathClaim) and character.fate.status in ("faked_death", "presumed_dead_alive"):
            continue
        line = prose.line + prose.text.count("\n", 0, start + claim.offset)
        if isinstance(claim, DeathClaim) and claim.status in DEAD_FATES:
            # the bible's fate decides whether and where someone dies; prose only fills a gap it leaves
            if character.fate.status == "alive" or (character.fate.status in DEAD_FATES and character.fate.scene):
                continue
            context.inferred_deaths.setdefault(claim.character, (scene, line, sentence))
        elif isinstance(claim, AffiliationClaim) and not _unasserted(claim, context):
            known = {(c.claim.character, c.claim.org) for c in context.claims.get(scene.number, [])}
            if (claim.character, claim.org) not in known:
                context.claims.setdefault(scene.number, []).append(Claimed(claim, line, sentence))


def _wanted_in_prose(context: Context, everyone: bool) -> Iterator[tuple[ScriptScene, set[str]]]:
    """For each scene, the characters whose presence in its prose is worth reading.

    Reading prose takes the extractor, which is slow next to parsing; unless every presence is asked
    for (stats, the PDF), only where it can decide a diagnostic: the dead after their death, and
    characters present nowhere else.
    """
    everybody = {c.id for c in context.story.characters}
    if everyone:
        for scene in context.scenes:
            yield scene, everybody - set(context.present[scene.number])
        return
    survivors = {c.id for c in context.story.characters if c.fate.status in ("faked_death", "presumed_dead_alive")}
    deaths = {ident: place[0].number for ident, place in death_scenes(context).items() if ident not in survivors}
    absent = everybody - {ident for cast in context.present.values() for ident in cast}
    for scene in context.scenes:
        dead = set() if scene.flashback else {ident for ident, number in deaths.items() if number < scene.number}
        yield scene, (dead | absent) - set(context.present[scene.number])


class _WholeNames(dict):
    """Character id -> a pattern of any of their names as whole words, compiled when first asked for."""

    def __init__(self, story: Story):
        super().__init__()
        self.characters = {c.id: c for c in story.characters}

    def __missing__(self, ident: str) -> re.Pattern:
        names = self.characters[ident].names
        self[ident] = pattern = re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(fold(n)) for n in names if n) + r")(?![\w'’])")
        return pattern


def _prose_presence(context: Context, everyone: bool, folded_texts: _Folded) -> None:
    """Characters named as subject or object of a main clause in action or synopsis, capitals or not;
    and, in `context.named`, those the action or synopsis names as such (not only in a genitive)."""
    forms = {c.id: _name_forms(Story(title="", characters=[c])) for c in context.story.characters}
    whole = _WholeNames(context.story)
    owners: dict[str, set[str]] = {}  # a folded word of a name -> the characters it may name
    for ident, words in forms.items():
        for word in words:
            owners.setdefault(word, set()).add(ident)
    deaths = {ident: place[0].number for ident, place in death_scenes(context).items()}
    pronouns = _pronoun_words(context.story)
    for scene, wanted in _wanted_in_prose(context, everyone):
        dead = set() if scene.flashback else {ident for ident in wanted if deaths.get(ident, scene.number) < scene.number}
        for prose in scene.prose:
            if not wanted:
                break
            if prose.kind == "dialogue":
                continue
            folded, words = folded_texts[prose.text]
            named = {ident for word in words for ident in owners.get(word, ())} & wanted
            context.named |= {ident for ident in named if whole[ident].search(folded)}
            if named:
                _present_in_prose(context, scene, prose, named, forms)
                wanted = wanted - set(context.present[scene.number])
                # a pronoun only matters for the dead, and only in a paragraph that has one of theirs
                referred = {ident for ident in named & wanted & dead if not pronouns[ident].isdisjoint(words)}
                if referred and _PRONOUN_GATE.search(prose.text):
                    _pronoun_in_prose(context, scene, prose, referred)
                    wanted = wanted - set(context.present[scene.number])


def _present_in_prose(context: Context, scene: ScriptScene, prose: Prose, wanted: set[str],
                      forms: dict[str, frozenset]) -> None:
    from toolkit.continuity.presence import scene_presence

    here = context.present[scene.number]
    for sentence, start in _split(context, prose):
        wanted = wanted - set(here)
        if not wanted:
            return
        if frozenset().union(*(forms[ident] for ident in wanted)).isdisjoint(_WORD.findall(fold(sentence))):
            continue
        found = _memo(context, "presence", (sentence, frozenset(wanted)),
                      lambda sentence=sentence, wanted=wanted: list(scene_presence(sentence, context.story, wanted)))
        for ident, name, offset in found:
            line = prose.line + prose.text.count("\n", 0, start + offset)
            column = context.source_line(scene.file, line).find(name) + 1 or 1
            here[ident] = Mention(name, line, column, "prose")
            context.sources[(scene.number, ident)] = sentence
            scene.cast.append(ident)


def _pronoun_words(story: Story) -> dict[str, frozenset[str]]:
    """For each character, the folded personal pronouns that may stand for them, by their gender."""
    from toolkit.text.language import language_for

    language = language_for(story.language)
    by_gender = {gender: frozenset(fold(w) for w in words)
                 for gender, words in (language.data.get("pronouns") or {}).items()}
    every = frozenset().union(*by_gender.values())
    return {c.id: by_gender.get(c.gender, every) for c in story.characters}


# a paragraph of more than one sentence: a pronoun can only stand for a name said before it
_PRONOUN_GATE = re.compile(r"[.!?;]\s+\S")


def _pronoun_in_prose(context: Context, scene: ScriptScene, prose: Prose, wanted: set[str]) -> None:
    """Characters a pronoun of the paragraph puts in the scene, where it can stand for no one else."""
    from toolkit.continuity.presence import pronoun_presence

    here = context.present[scene.number]
    sentences = list(_split(context, prose))
    cast = frozenset(here) - wanted
    found = _memo(context, "pronouns", (prose.text, frozenset(wanted), cast),
                  lambda: pronoun_presence([text for text, _ in sentences], context.story, wanted, cast))
    for index, ident, surface, offset in found:
        if ident in here:
            continue
        text, start = sentences[index]
        line = prose.line + prose.text.count("\n", 0, start + offset)
        column = context.source_line(scene.file, line).find(surface) + 1 or 1
        here[ident] = Mention(surface, line, column, "prose")
        context.sources[(scene.number, ident)] = text
        scene.cast.append(ident)


def _location(scene: ScriptScene, story: Story) -> str:
    heading = fold(scene.heading)
    for location in story.locations:
        if any(name and fold(name) in heading for name in (location.name, *location.aliases)):
            return location.id
    return ""


def resolve_scenes(scripts: list[Script], bible: Bible | None, *, every_presence: bool = False,
                   memo: dict | None = None, claims: bool = True) -> Context:
    """Number the scenes and resolve every name, note and claim in them against the bible.

    With `every_presence`, prose is read for every character's presence, not only where it decides
    a diagnostic. `memo` keeps what is read from each text between checks against the same bible.
    Without `claims`, the affiliations and deaths action and synopsis tell are not read (the breakdown).
    """
    scenes = number_scenes(scripts)
    story = bible.story if bible else _inferred_story(scripts)
    index = NameIndex.from_story(story)
    lookup = cache(index.lookup_titled)
    exact = set(index.names())
    context = Context(scripts, scenes, story, index, bible, memo=memo)
    folded_texts = context.memo.setdefault("folded", _Folded()) if context.memo is not None else _Folded()
    if bible is not None:
        context.other_names = frozenset(
            fold(name) for entity in [*story.organisations, *story.locations, *story.props]
            for name in getattr(entity, "names", [entity.name, *entity.aliases]) if name)
    speaking = {fold(m.name) for s in scenes for m in s.mentions if m.via != "action"}
    if bible:
        names = _name_forms(story)
        claim_words = _claim_words(story)
    for scene in scenes:
        present: dict[str, Mention] = {}
        unknown: dict[str, Mention] = {}  # reported once a scene
        for mention in scene.mentions:
            ident = lookup(mention.name)
            if mention.via == "action":
                # A whole run first ("MARTIN CRANE"), else its words; a genitive ("MARTINS Wagen") is no presence.
                for word in [mention.name] if ident else mention.name.split():
                    found = lookup(word)
                    if found and fold(strip_titles(word)) in exact:
                        present.setdefault(found, mention)
                if ident is None and bible and fold(mention.name) in speaking:
                    unknown.setdefault(fold(mention.name), mention)
            elif ident:
                present.setdefault(ident, mention)
            elif bible:
                unknown.setdefault(fold(mention.name), mention)
        _death_notes(context, scene, lookup, unknown)
        context.unknown += [(scene, mention) for mention in unknown.values()]
        if bible and claims:
            _claims(context, scene, names, claim_words, folded_texts)
        if bible:
            scene.location = _location(scene, story)
        context.present[scene.number] = present
        scene.cast = list(present)
        scene.unknown_cast = [mention.name for mention in unknown.values()]
        scene.deaths = list(context.death_lines.get(scene.number, {}))
    _drop_overridden_deaths(context)
    if bible is not None:
        _bible_scenes(context, bible)
        _prose_presence(context, every_presence, folded_texts)
    return context


def _death_notes(context: Context, scene: ScriptScene, lookup, unknown: dict[str, Mention]) -> None:
    """The `[[dies: …]]` notes of a scene; a name no one has is unknown (with a bible)."""
    for mention in scene.dying:
        ident = lookup(mention.name)
        if ident:
            context.death_lines.setdefault(scene.number, {}).setdefault(ident, mention.line)
            context.death_notes.append((scene, ident, mention))
        elif context.bible:
            unknown.setdefault(fold(mention.name), mention)


def _drop_overridden_deaths(context: Context) -> None:
    """A death read from prose yields to a `[[dies]]` note of the same character anywhere in the story,
    and to the death notes of its scene, which say who dies there; those that stay are the scenes'
    deaths too."""
    noted = {ident for lines in context.death_lines.values() for ident in lines}
    for ident, (scene, _line, _sentence) in list(context.inferred_deaths.items()):
        if ident in noted or scene.number in context.death_lines:
            del context.inferred_deaths[ident]
    for ident, (scene, _line, _sentence) in context.inferred_deaths.items():
        scene.deaths.append(ident)


def _bible_scenes(context: Context, bible: Bible) -> None:
    """Find the scenes the bible names: deaths (fate.scene) and affiliations' from/until."""
    for i, character in enumerate(bible.story.characters):
        references = [(("characters", i, "fate", "scene"), character.fate.scene)]
        references += [(("characters", i, "affiliations", j, key), getattr(affiliation, f"{key}_scene"))
                       for j, affiliation in enumerate(character.affiliations) for key in ("from", "until")]
        for path, reference in references:
            scene = find_scene(context.scenes, reference) if reference else None
            if scene is None:
                continue
            context.scene_of[reference] = scene
            if is_position_reference(reference):
                _note_position_reference(bible, path, reference, scene)
        scene = context.scene_of.get(character.fate.scene)
        if character.fate.status in DEAD_FATES and scene is not None:
            context.bible_deaths[character.id] = (scene, scene.line)


def _note_position_reference(bible: Bible, path: tuple, reference: str, scene: ScriptScene) -> None:
    """Bibles written before scene numbers named scenes by position; say how to write it now."""
    item = ReviewItem.of("scene_reference", f"{bible.path.as_posix()}:{bible.line_of(*path)}",
                         case="numbered" if scene.scene_number else "unnumbered", field=dotted(path),
                         reference=reference, at=f"{Path(scene.file).name}:{scene.line}", heading=scene.heading,
                         number=scene.scene_number, position=str(scene.number))
    said = (item.kind, item.message, item.where)  # a bible written before items kept arguments has it without
    if not any((other.kind, other.message, other.where) == said for other in bible.story.review):
        bible.story.review.append(item)
