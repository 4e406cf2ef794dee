"""CB1xx: names: every name in a scene is a character of the bible, spelt as the bible spells it."""
from __future__ import annotations

import re

from toolkit.continuity.rules.context import Facts
from toolkit.continuity.rules.registry import Diagnostics, Report, rule
from toolkit.continuity.script import UPPER
from toolkit.model.names import fold, proper_name, strip_titles

_CAPITALISED = re.compile(rf"(?<![\w\-'’‘])[{UPPER}][\w\-]*")
# A near miss is at most this many edits (a swap of two letters is one) away from a name, and the name is at least this long.
_MAX_EDITS = {5: 1, 6: 1, 7: 1}
_MIN_NAME = 5


@rule("CB101", "unknown-character", "error", needs=("bible", "unknown", "index", "other_names", "story"))
def unknown_character(facts: Facts, at: Report) -> Diagnostics:
    """A cue, cast note or capitalised introduction names no one in the bible.

    What:
        Every speaking character, every name in a `[[cast: …]]` or `[[dies: …]]` note, and every name in
        capitals in action that is also a cue must be a character (name or alias) of bible.yaml.
    Why:
        A name the bible does not know escapes every other check: deaths, affiliations, presence.
    Example:
        SOROKN
        Wo ist das Geld?
        -> SOROKN names no one in the bible; did you mean SOROKIN?
    """
    if facts.bible is None:
        return
    misspelt: dict = {}
    for scene, mention in facts.unknown:
        if _near_miss(strip_titles(mention.name), facts, misspelt):
            continue  # a misspelling of a bible name: CB102 says so, with the name meant
        closest = facts.index.closest(mention.name)
        meant = _title(closest.name, facts).upper() if closest else ""
        hint = f"did you mean {meant}?" if closest else "add the character to bible.yaml or fix the name"
        yield at(scene.file, mention.line, f"{mention.name} names no one in the bible; {hint}", mention.column,
                 name=mention.name, suggestion=meant)


def _ordinary_word(word: str, language: str) -> bool:
    """Whether a word is common in the story's language (then it is no misspelt name)."""
    from toolkit.text.lexicons import is_ordinary_word

    return is_ordinary_word(word, language)


def _inflected(folded: str, facts: Facts) -> bool:
    """'Falken' of the name Falke, 'Adlern' of the word Adler: a known name or an ordinary word with
    an inflectional ending of the story's language."""
    from toolkit.text.language import language_for

    language = language_for(facts.story.language)
    for kind in ("names", "words"):
        for ending in language.phrases("inflections", kind):
            stem = folded[:-len(ending)] if folded.endswith(ending) else ""
            if len(stem) < 3:
                continue
            if kind == "names" and (facts.index.lookup(stem) is not None or stem in facts.other_names):
                return True
            if kind == "words" and _ordinary_word(stem, facts.story.language):
                return True
    return False


def _near_miss(word: str, facts: Facts, cache: dict) -> str | None:
    """The bible name a word misspells, if it is close to one, resolves to no one and is no ordinary word
    nor an inflected form of a name or word."""
    if word in cache:
        return cache[word]
    folded = fold(word)
    found = None
    if len(folded) >= _MIN_NAME and folded not in facts.other_names and facts.index.lookup(word) is None \
            and not _inflected(folded, facts):
        from rapidfuzz.distance import OSA

        match = facts.index.closest(word, cutoff=75)
        if match and len(match.name) >= _MIN_NAME:
            edits = OSA.distance(folded, match.name)
            if 0 < edits <= _MAX_EDITS.get(len(match.name), 2) and not _ordinary_word(
                    folded, facts.story.language):
                found = match.name
    cache[word] = found
    return found


@rule("CB102", "name-variant", "warning",
      needs=("bible", "unknown", "index", "other_names", "story", "scenes", "scripts", "memo"))
def name_variant(facts: Facts, at: Report) -> Diagnostics:
    """A word in a scene is a near miss of a bible name or alias and no ordinary word.

    What:
        Capitalised words in action, synopsis and dialogue, one or two letters away from a character's
        name or alias, that resolve to no one and are not common words of the story's language.
    Why:
        A misspelt name makes a second character for every reader and hides the first from the checker.
    Example:
        Sorokn zieht die Waffe.
        -> 'Sorokn' looks like a misspelling of 'Sorokin'
    """
    if facts.bible is None:
        return
    cache: dict = facts.memo.setdefault("near_miss", {}) if facts.memo is not None else {}
    unknown = {(scene.file, mention.line, mention.column) for scene, mention in facts.unknown}
    for scene, mention in facts.unknown:
        name = _near_miss(strip_titles(mention.name), facts, cache)
        if name is not None:
            meant = _title(name, facts)
            yield at(scene.file, mention.line, f"'{mention.name}' looks like a misspelling of '{meant}'; did you mean "
                     f"{meant.upper()}? Write the bible name or add the spelling as an alias", mention.column,
                     word=mention.name, name=meant)
    misses: dict = facts.memo.setdefault("near_misses", {}) if facts.memo is not None else {}
    for scene in facts.scenes:
        seen = set()
        for prose in scene.prose:
            if prose.text not in misses:  # a paragraph's near misses, read once while the bible stays
                misses[prose.text] = {w: n for w in set(_CAPITALISED.findall(prose.text))
                                      if (n := _near_miss(w, facts, cache)) is not None}
            for word, name in misses[prose.text].items():
                if word in seen:
                    continue
                seen.add(word)
                row = next(i for i, text in enumerate(prose.text.split("\n")) if re.search(rf"\b{re.escape(word)}", text))
                line = prose.line + row
                column = facts.source_line(scene.file, line).find(word) + 1 or 1
                if (scene.file, line, column) not in unknown:
                    yield at(scene.file, line, f"'{word}' looks like a misspelling of '{_title(name, facts)}'; "
                             "write the bible name or add the spelling as an alias", column,
                             word=word, name=_title(name, facts))


def _title(folded_name: str, facts: Facts) -> str:
    """A folded bible name as the bible writes it; the character's name for a misspelt or genitive alias."""
    for character in facts.story.characters:
        for name in character.names:
            if fold(name) == folded_name:
                return proper_name(character, name)
    return folded_name
