"""Alias phrases in a text: 'alias Agent X', 'genannt der Fuchs', 'a.k.a. the Jackal'."""
from __future__ import annotations

import re
from dataclasses import dataclass

from toolkit.text.language import Language
from toolkit.text.nlp import find_phrase, whole_words_pattern

_CAPITALISED = r"(?:[A-ZÄÖÜ][\w'’-]*|[A-Z]\b)"


# a name, or an epithet whose capitalised words are joined by "of"/"von" ("the Butcher of Lyon")
_ALIAS = re.compile(rf"\s+(?:(?:the|der|die|das)\s+(?={_CAPITALISED}))?[„\"“‚‘«»]?"
                    rf"({_CAPITALISED}(?:\s+(?:(?:of|von|vom|de|of the)\s+)?{_CAPITALISED})*)")

# a name in quotation marks, one to three capitalised words: 'als „Tom Reiss“', 'as "Mr Berg"'
_QUOTED = re.compile(rf"\s+[„\"“‚‘«»]({_CAPITALISED}(?:\s+{_CAPITALISED}){{0,2}})[“”\"‘’«»]")


# introducers that name the one just before them, not the subject of the sentence
ADJACENT = ("alias", "a.k.a.", "aka", "genannt", "called", "named", "nicknamed", "namens")


# introducers that only rename a noun phrase in apposition: "Cole, an old smuggler named Victor Hale"
APPOSITIVE = ("named", "namens")


@dataclass(frozen=True)
class AliasPhrase:
    introducer: str
    start: int  # character offset where the introducer starts
    alias_start: int  # character offsets of the alias itself
    alias_end: int


def alias_phrases(text: str, language: Language) -> list[AliasPhrase]:
    """Where the sentence introduces another name, and which."""
    lowered = text.lower()
    found = []
    for phrase in language.name_introducers:
        position = find_phrase(lowered, phrase.lower())
        if position < 0:
            continue
        after = position + len(phrase)
        match = _ALIAS.match(text[after:])
        if match:
            found.append(AliasPhrase(phrase.casefold(), position, after + match.start(1), after + match.end(1)))
    for phrase in language.words("quoted_name_introducers"):
        for position in _whole_words(lowered, phrase.casefold()):
            after = position + len(phrase)
            match = _QUOTED.match(text[after:])
            if match:
                found.append(AliasPhrase(phrase.casefold(), position, after + match.start(1), after + match.end(1)))
    return found


def _whole_words(lowered: str, phrase: str) -> list[int]:
    """Where `phrase` stands as whole words."""
    return [m.start() for m in whole_words_pattern(phrase).finditer(lowered)]


def in_epithets(text: str, language: Language) -> list[tuple[int, int]]:
    """Character ranges of epithets ("the Butcher of Lyon"): the names inside them are nobody's own."""
    return [(p.alias_start, p.alias_end) for p in alias_phrases(text, language)
            if re.search(r"\s(?:of|von|vom)\s", text[p.alias_start:p.alias_end])]
