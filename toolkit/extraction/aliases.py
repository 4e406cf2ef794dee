"""Other names the text gives a person: 'John Reed, alias Agent X', 'unter dem Namen Mara', 'known as the
Butcher of Lyon', 'Cole, an old smuggler named Victor Hale'."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from toolkit.text.language import Language
from toolkit.model.names import fold
from toolkit.text.nlp import FINITE_VERB, find_phrase

if TYPE_CHECKING:
    from toolkit.extraction.extract import Lexicon, Reading

_CAPITALISED = r"(?:[A-ZÄÖÜ][\w'’-]*|[A-Z]\b)"
# a name, or an epithet whose capitalised words are joined by "of"/"von" ("the Butcher of Lyon")
_ALIAS = re.compile(rf"\s+(?:(?:the|der|die|das)\s+(?={_CAPITALISED}))?"
                    rf"({_CAPITALISED}(?:\s+(?:(?:of|von|vom|de|of the)\s+)?{_CAPITALISED})*)")
# introducers that name the one just before them, not the subject of the sentence
_ADJACENT = ("alias", "a.k.a.", "aka", "genannt", "called", "named", "nicknamed", "namens")
# introducers that only rename a noun phrase in apposition: "Cole, an old smuggler named Victor Hale"
_APPOSITIVE = ("named", "namens")


@dataclass(frozen=True)
class Alias:
    name: str
    alias: str
    evidence: str


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
    return found


def in_epithets(text: str, language: Language) -> list[tuple[int, int]]:
    """Character ranges of epithets ("the Butcher of Lyon"): the names inside them are nobody's own."""
    return [(p.alias_start, p.alias_end) for p in alias_phrases(text, language)
            if re.search(r"\s(?:of|von|vom)\s", text[p.alias_start:p.alias_end])]


def read_aliases(reading: Reading, lex: Lexicon) -> None:
    """Add the aliases a sentence gives to the people it names."""
    tokens = reading.tokens
    for phrase in alias_phrases(reading.text, lex.language):
        alias = reading.text[phrase.alias_start:phrase.alias_end]
        before = [m for m in reading.mentions if tokens[m.start].start < phrase.start
                  and fold(m.surface) != fold(alias) and not m.genitive]
        # "John Reed, alias Agent X" names the one just before; "X heiratete Y unter dem Namen Z" the subject;
        # "Tom Reed, known as ...", "Tom Reed, a former Marine known as ...": the one the apposition follows
        adjacent = phrase.introducer in _ADJACENT or bool(before) and (
            _right_before(reading, before[-1].end, phrase.start) or _apposition(reading, before[-1].end, phrase.start))
        owner = (before[-1] if adjacent else before[0]) if before else None
        if owner is None or _is_vocabulary_phrase(alias, lex):
            continue
        if phrase.introducer in _APPOSITIVE and not _apposition(reading, owner.end, phrase.start):
            continue
        reading.aliases.append(Alias(owner.key, alias, reading.text[tokens[owner.start].start:phrase.alias_end]))


def _right_before(reading: Reading, end: int, position: int) -> bool:
    """Only a comma between the end of a name and the introducer."""
    between = [t for t in reading.tokens[end:] if t.start < position]
    return [t.text for t in between] == [","]


def _apposition(reading: Reading, end: int, position: int) -> bool:
    """'Cole, an old smuggler named': a comma after the name, then a noun phrase without a verb or a name."""
    between = [t for t in reading.tokens[end:] if t.start < position]
    return bool(between) and between[0].text == "," and not any(
        FINITE_VERB.match(t.tag) or any(m.start == t.i for m in reading.mentions) for t in between)


def _is_vocabulary_phrase(alias: str, lex: Lexicon) -> bool:
    return all(lex.is_vocabulary(w) for w in alias.split())
