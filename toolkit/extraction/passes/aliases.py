"""Other names the text gives a person: 'John Reed, alias Agent X', 'unter dem Namen Mara'."""
from __future__ import annotations

from toolkit.extraction.document import (
    Alias,
    Pass,
    Reading,
)
from toolkit.extraction.lexicon import (
    Lexicon,
)
from toolkit.model.names import fold
from toolkit.text.alias_phrases import ADJACENT, APPOSITIVE, alias_phrases
from toolkit.text.nlp import (
    FINITE_VERB,
)


def read_aliases(reading: Reading, lex: Lexicon) -> None:
    """Add the aliases a sentence gives to the people it names."""
    tokens = reading.tokens
    quoted = lex.language.lower_words("quoted_name_introducers")
    for phrase in alias_phrases(reading.text, lex.language):
        alias = reading.text[phrase.alias_start:phrase.alias_end]
        before = [m for m in reading.mentions if tokens[m.start].start < phrase.start
                  and fold(m.surface) != fold(alias) and not m.genitive]
        # "John Reed, alias Agent X" names the one just before; "X heiratete Y unter dem Namen Z" the subject;
        # "Tom Reed, known as ...", "Tom Reed, a former Marine known as ...": the one the apposition follows
        # 'lebt Tom Reiss als „Jan Berg“': a quoted cover name after "als"/"as" is the nearest name's
        adjacent = phrase.introducer in ADJACENT or phrase.introducer in quoted or bool(before) and (
            _right_before(reading, before[-1].end, phrase.start) or _apposition(reading, before[-1].end, phrase.start))
        owner = (before[-1] if adjacent else before[0]) if before else None
        if owner is None or _is_vocabulary_phrase(alias, lex):
            continue
        if phrase.introducer in APPOSITIVE and not _apposition(reading, owner.end, phrase.start):
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


PASS = Pass("aliases", read_aliases, reads=("text", "tokens", "mentions"), writes=("aliases",))
