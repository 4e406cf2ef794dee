"""Names of people in a sentence: spans that look like names (`discover_names`, for a synopsis) and spans
that are names a story already knows (`find_mentions`, for a synopsis after discovery or for scenes)."""
from __future__ import annotations

import re
from collections.abc import Callable

from toolkit.extraction.grammar import APOSTROPHES, NAME_PARTICLES, describes_person, quoted
from toolkit.extraction.lexicon import Lexicon
from toolkit.text import gazetteer, lexicons, tags
from toolkit.text.nlp import (
    FINITE_VERB,
    Token,
    is_common_noun,
    is_common_word,
    is_initial,
    strip_genitive,
    word_familiarity,
)

_CLOSING_QUOTES = ("'", "’", "‘", '"', "“", "”", "«", "»")
_OPENING_QUOTES = ("„", '"', "“", "«", "»", "'", "‘", "‚")

NameLookup = Callable[[str], "str | None"]


def _quoted_subject(tokens: list[Token], i: int) -> bool:
    closing = tokens[i].text[-1:] in APOSTROPHES or i + 1 < len(tokens) and tokens[i + 1].text in _CLOSING_QUOTES
    verb = i + 1 + (tokens[i].text[-1:] not in APOSTROPHES)
    return quoted(tokens, i) and closing and verb < len(tokens) and FINITE_VERB.match(tokens[verb].tag) is not None


def discover_names(tokens: list[Token], text: str, lex: Lexicon, skip: frozenset[int] = frozenset()
                   ) -> list[tuple[int, int]]:
    """Spans of tokens that look like names of people, from capitalisation, tags and vocabulary.

    Tokens in `skip` (organisations, performers, authors) are never part of a name.
    """
    spans: list[tuple[int, int]] = []
    joined = frozenset(lex.language.section("names").get("joined_particles") or ())
    i = 0
    while i < len(tokens):
        start = i
        while i < len(tokens):
            token = tokens[i]
            if i in skip:
                break
            if is_initial(tokens, i):
                i += 2
                continue
            # "Hassan al-Tawil", "Omar ibn Rashid": a particle that always takes the next word into the name
            if i == start and token.word and token.capitalised and _joined_particle(tokens, i + 1, joined) \
                    or i > start and _joined_particle(tokens, i, joined):
                i += 1 if i == start or "-" in token.text else 2
                continue
            # "Lars Henke Mia Bode": a given name after a surname opens the next person's name
            if i - start >= 2 and _second_name(tokens, i, lex):
                break
            # "JT Wexler": capital initials written together
            if _initials(tokens, i, lex):
                i += 1
                continue
            # "Pieter de Groot", "Ludwig van der Berg": particles inside a name
            if i > start and token.text in NAME_PARTICLES:
                after = _after_particles(tokens, i, lex)
                if after is None:
                    break
                i = after
                continue
            if not _name_like(tokens, i, lex, continuation=i > start):
                break
            i += 1
            # "Brandt Nadjas Familie": a genitive ends a name, unless it is a given name ("Nicholas Wolkow")
            if token.text.endswith("s") and i < len(tokens) and tokens[i].capitalised \
                    and not gazetteer.is_first_name(token.text):
                break
            if token.text[-1:] in APOSTROPHES:
                break
        end = i
        while end > start and not tokens[end - 1].word:
            end -= 1
        if end - start == 1 and _nickname_between(tokens, end, lex):
            end = i = end + 4  # "Tobias (Tobi) Lanz": one name, the nickname inside it
        if end - start == 1 and _word_of_a_title(tokens, start, lex):
            i = max(i, end)
            continue
        if end > start and not all(is_initial(tokens, k) or tokens[k].text == "." or _initials(tokens, k, lex)
                                   for k in range(start, end)) and _not_common(tokens, start, end, lex):
            spans.append((start, end))
        if i == start:
            i += 1
    return _quoted_whole(tokens, _performers_whole(tokens, spans), lex)


def _not_common(tokens: list[Token], start: int, end: int, lex: Lexicon) -> bool:
    """Whether a span is no run of common words; a quoted nickname that acts ("'Falcon' meets") is a name."""
    return end - start == 1 and (_quoted_subject(tokens, start) or _before_cast_note(tokens, end)) \
        or not _common_words(tokens, start, end, lex)


def _before_cast_note(tokens: list[Token], k: int) -> bool:
    """'Warden (Anna Lindqvist)': two to four capitalised words alone in parentheses at `k` name who plays the
    word before them, which is then a name however ordinary."""
    if k >= len(tokens) or tokens[k].text != "(":
        return False
    close = next((q for q in range(k + 1, min(len(tokens), k + 6)) if tokens[q].text == ")"), None)
    return close is not None and 2 <= close - k - 1 <= 4 and all(
        t.word and t.capitalised and not t.text.isupper() for t in tokens[k + 1:close])


def _after_particles(tokens: list[Token], i: int, lex: Lexicon) -> int | None:
    """The token after the particles at `i` when the name goes on there; None when it ends before them
    ("erschossen von Ned Rusk": a given name after the particle opens another name)."""
    k = i
    while k < len(tokens) and tokens[k].text in NAME_PARTICLES:
        k += 1
    if k < len(tokens) and _name_like(tokens, k, lex, continuation=True) and not gazetteer.is_first_name(tokens[k].text):
        return k
    return None


def _word_of_a_title(tokens: list[Token], start: int, lex: Lexicon) -> bool:
    """'Prime Minister', 'Special Branch officer': an English word before a role noun is part of a title."""
    following = tokens[start + 1] if start + 1 < len(tokens) else None
    return not lex.language.nouns_capitalised and following is not None and following.word \
        and describes_person(following, lex) and not strip_genitive(tokens[start].text)[1]


def _nickname_between(tokens: list[Token], k: int, lex: Lexicon) -> bool:
    """'( Tobi ) Lanz' from token k: one capitalised word in parentheses, then the rest of the name."""
    return k + 3 < len(tokens) and tokens[k].text == "(" and tokens[k + 2].text == ")" \
        and tokens[k + 1].word and tokens[k + 1].capitalised and tokens[k + 3].word and tokens[k + 3].capitalised \
        and _name_like(tokens, k + 3, lex, continuation=True)


def _joined_particle(tokens: list[Token], i: int, joined: frozenset[str]) -> bool:
    """'al-Tawil', or 'ibn' before a capitalised word."""
    if i >= len(tokens) or not tokens[i].word:
        return False
    head, dash, rest = tokens[i].text.partition("-")
    if dash and head.casefold() in joined and rest[:1].isupper():
        return True
    return tokens[i].text in joined and i + 1 < len(tokens) and tokens[i + 1].word and tokens[i + 1].capitalised


def _second_name(tokens: list[Token], i: int, lex: Lexicon) -> bool:
    """A given name after a surname, followed by a name of its own."""
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    return gazetteer.is_first_name(tokens[i].text) and not gazetteer.is_first_name(tokens[i - 1].text) \
        and following is not None and following.word and following.capitalised \
        and _name_like(tokens, i + 1, lex, continuation=True)


def _performers_whole(tokens: list[Token], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """'(Ciarán Hinds)', '(Aoife Ní Fhearraigh)': two to four capitalised words alone in parentheses after a
    name are one name, also where only some of them looked like one."""
    out = list(spans)
    for p, token in enumerate(tokens):
        if token.text != "(" or not any(end == p for _, end in spans):
            continue
        close = next((q for q in range(p + 1, min(len(tokens), p + 6)) if tokens[q].text == ")"), None)
        inside = range(p + 1, close) if close is not None else range(0)
        if 2 <= len(inside) <= 4 and all(tokens[k].word and tokens[k].capitalised for k in inside) \
                and any(start in inside for start, _ in spans):
            out = [s for s in out if s[0] not in inside] + [(p + 1, close)]
    return sorted(out)


def _quoted_whole(tokens: list[Token], spans: list[tuple[int, int]], lex: Lexicon) -> list[tuple[int, int]]:
    """'der britische Agent „Rowan Pike“', 'the agent "Rowan Pike"': two or three capitalised words alone in
    quotation marks right after a person noun are one name, also where only some of them looked like one."""
    out = list(spans)
    for p, token in enumerate(tokens):
        if p < 1 or token.text not in _OPENING_QUOTES or not describes_person(tokens[p - 1], lex):
            continue
        close = next((q for q in range(p + 1, min(len(tokens), p + 5)) if tokens[q].text in _CLOSING_QUOTES), None)
        inside = range(p + 1, close) if close is not None else range(0)
        if 2 <= len(inside) <= 3 and all(tokens[k].word and tokens[k].capitalised for k in inside) \
                and any(start in inside for start, _ in out):
            out = [s for s in out if s[0] not in inside] + [(p + 1, close)]
    return sorted(out)


def _common_words(tokens: list[Token], start: int, end: int, lex: Lexicon) -> bool:
    """'Induction', 'Conditioned Reflex', 'Jews': English words of the dictionary that the name lists do not
    know, capitalised for emphasis or as a title. (German nouns are handled word by word.)"""
    if lex.language.nouns_capitalised:
        return False
    words = [strip_genitive(t.text)[0] for t in tokens[start:end] if t.word]
    return all(is_common_word(w, lex.language.tagger_model) and not lexicons.is_person_name(w) for w in words)


def _initials(tokens: list[Token], i: int, lex: Lexicon) -> bool:
    text = tokens[i].text
    return (2 <= len(text) <= 3 and text.isalpha() and text.isupper() and i + 1 < len(tokens)
            and text not in lex.titles and not lex.agency(text) and tokens[i + 1].capitalised
            and tokens[i + 1].word and not tokens[i + 1].text.isupper())


def _name_like(tokens: list[Token], i: int, lex: Lexicon, *, continuation: bool) -> bool:
    language = lex.language
    token = tokens[i]
    text = token.text
    if not token.word or not token.capitalised or text.isdigit():
        return False
    bare, _ = strip_genitive(text)
    if not continuation and i > 0 and tags.is_preposition_with_article(tokens[i - 1].tag) \
            and bare not in lex.titles and lex.role(bare) is None:
        return False  # "im Rhein", "im Allgäu": a preposition with its article stands before no one's name
    if continuation and _before_its_verb(tokens, i, lex):
        return False  # "mit Tom Kontakt aufnehmen": the noun belongs to the verb
    if not continuation and (_one_letter_name(tokens, i, lex) or _after_name_noun(tokens, i, lex)):
        return True  # 'mit dem Codenamen „Falkner“': a quoted word after a noun for a name is a name
    if _quoted_subject(tokens, i) and not lex.role(bare) and bare not in lex.not_names:
        return True  # "'Lanternman' rescues": a nickname in quotation marks that acts
    # "Udo Prinz", "Mina Park": a proper noun right after a given name is its surname, even where it is a word
    if continuation and gazetteer.is_first_name(tokens[i - 1].text) and token.tag in language.proper_noun_tags \
            and lex.role(bare) is None and bare not in lex.titles and bare not in gazetteer.place_names():
        return True
    if lex.is_vocabulary(bare) or lex.is_vocabulary(text) or bare in lex.titles:
        return False
    if lex.agency(bare) or (text.isupper() and len(text) > 1):
        return False
    if not language.possessive_apostrophe and text[-1:] in APOSTROPHES and bare[-1:] in "sxzß" and len(bare) > 2:
        return True  # "Reiss' Bearbeitung": German writes a genitive apostrophe only after a name
    if "-" in bare:
        parts = bare.split("-")
        if not all(p[:1].isupper() for p in parts) or any(lex.agency(p) or lex.is_vocabulary(p) for p in parts):
            return False
    first_in_sentence = i == 0 or tokens[i - 1].text in ('„', '"', "“", "(", ":")
    model = language.tagger_model
    if bare in gazetteer.place_names() and token.tag not in language.proper_noun_tags:
        return False
    after_given_name = continuation and (gazetteer.is_first_name(tokens[i - 1].text) or len(tokens[i - 1].text) == 1
                                         or tokens[i - 1].text == "." or tokens[i - 1].text.isupper()
                                         or _unknown_name(tokens[i - 1], lex))
    if not language.nouns_capitalised:
        if not continuation and _after_indefinite_article(tokens, i):
            return False  # "a former Marine": a noun, capitalised
        return token.tag in language.proper_noun_tags or not first_in_sentence or _before_cast_note(tokens, i + 1)
    # German capitalises every noun: a name is a proper noun, or a word the lexicon does not know
    kinds = lexicons.name_kinds(bare)
    if continuation:
        return token.tag in language.proper_noun_tags and not is_common_noun(bare, model) and not _noun(bare) or (
            after_given_name and (not is_common_noun(bare, model, threshold=-12.0) or bool(lexicons.german_noun(bare))))
    given = any(k in kinds for k in "fmu")
    # "dem Reporter Kai Reuter": a given name after a role noun, before a capitalised word, whatever its tag
    if given and i > 0 and describes_person(tokens[i - 1], lex) and i + 1 < len(tokens) \
            and tokens[i + 1].word and tokens[i + 1].capitalised:
        return True
    if given and i > 0 and tokens[i - 1].text.casefold() in lex.relations:
        return True  # "ihr Sohn Finn": a given name after a noun of kin, whatever its tag
    if lexicons.german_noun(bare) is not None and not given:
        return _noun_as_name(tokens, i, lex)
    if lexicons.german_compound(bare) is not None and not kinds:
        # "Polizeifotografen", "Olympia-Attentats"; but surnames are compounds too ("Dr. Amselberg")
        hyphenated_noun = "-" in bare and lexicons.german_noun(bare.rsplit("-", 1)[1]) is not None
        return not hyphenated_noun and _name_expected(tokens, i, lex, as_subject=False)
    return _unlisted_name(tokens, i, lex, given=given, first_in_sentence=first_in_sentence)


def _unlisted_name(tokens: list[Token], i: int, lex: Lexicon, *, given: bool, first_in_sentence: bool) -> bool:
    """A German word neither noun list knows: a proper noun, a given name before a surname, or a rare word
    without an article."""
    token, model = tokens[i], lex.language.tagger_model
    bare, _ = strip_genitive(token.text)
    if token.tag in lex.language.proper_noun_tags:
        return not is_common_noun(bare, model) or bool(lexicons.name_kinds(bare))
    if given and i + 1 < len(tokens) and tokens[i + 1].capitalised and tokens[i + 1].word \
            and _name_like(tokens, i + 1, lex, continuation=True):
        return True  # ": Rocco Bellini (…)": a given name the tagger took for a foreign word, then a surname
    previous = tokens[i - 1] if i else None
    after_determiner = previous is not None and (
        previous.text.casefold() in lex.articles or previous.text.casefold() in lex.possessives
        or (previous.word and not previous.capitalised and tags.is_german_adjective(previous.tag)))
    return not first_in_sentence and not after_determiner and word_familiarity(bare, model) < -25.0


def _one_letter_name(tokens: list[Token], i: int, lex: Lexicon) -> bool:
    """'seiner Vorgesetzten M', 'the quartermaster Q': one letter after a person noun (not after a title: 'Agent
    X' is a name of its own), or opening a sentence before its verb ('Q baut')."""
    text = tokens[i].text
    if len(text) != 1 or text in lex.not_names:
        return False
    if i == 0:
        return i + 1 < len(tokens) and FINITE_VERB.match(tokens[i + 1].tag) is not None
    previous = tokens[i - 1]
    if not previous.word or previous.text in lex.titles or previous.capitalised and lex.role(previous.text):
        return False
    return lex.role(previous.text) is not None or describes_person(previous, lex) or _person_noun(previous.text)


def _noun_as_name(tokens: list[Token], i: int, lex: Lexicon) -> bool:
    """A German noun is a name only where a name is expected: 'Kommissar Gerber', 'die Ex-Agenten Ruland und
    Gerber', 'der Stellvertreter Brenners, Gerber,', 'Schatten (Anna Lindqvist) schickt' (a cast note and no
    article)."""
    previous = tokens[i - 1] if i else None
    bare_noun = (previous is None or not previous.word or previous.capitalised and not tags.is_noun(previous.tag)) \
        and lex.role(tokens[i].text) is None
    return _after_role_or_title(tokens, i, lex) or _beside_a_named_person(tokens, i, lex) \
        or bare_noun and _before_cast_note(tokens, i + 1)


def _after_name_noun(tokens: list[Token], i: int, lex: Lexicon) -> bool:
    """'dem Decknamen „Falkner“', 'the nickname "Wren"': the token opens a quotation right after a noun for a
    code or cover name."""
    if i < 2 or not quoted(tokens, i):
        return False
    noun = tokens[i - 2].text
    nouns = lex.language.section("names").get("cover_name_nouns") or ()
    return noun in nouns or noun.casefold() in {p.casefold() for p in lex.language.prop_introducers}


def _before_its_verb(tokens: list[Token], i: int, lex: Lexicon) -> bool:
    """A noun that forms one phrase with a verb ('Kontakt aufnehmen', 'macht Station'): right before the verb, or
    wherever the tagger does not take it for a proper noun."""
    nouns = lex.language.section("names").get("verb_phrase_nouns") or ()
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    if tokens[i].text not in nouns:
        return False
    if following is None or tokens[i].tag not in lex.language.proper_noun_tags \
            or i >= 2 and gazetteer.is_first_name(tokens[i - 2].text):
        return True  # "machen Tom Ott Station": the verb stands before, as in a main clause
    if tags.is_infinitive_marker(following.tag) and i + 2 < len(tokens):
        following = tokens[i + 2]
    return tags.is_verb(following.tag) and not following.capitalised


def _unknown_name(token: Token, lex: Lexicon) -> bool:
    """A capitalised word that began a name, that the noun list and the language data do not know and that the
    tagger takes for a proper noun ('Sherlock' in 'Sherlock Holmes'): the word after it is the surname."""
    return token.capitalised and token.tag in lex.language.proper_noun_tags \
        and lexicons.german_noun(token.text) is None and not lex.is_vocabulary(token.text)


def _noun(word: str) -> bool:
    return lexicons.german_noun(word) is not None or lexicons.german_compound(word) is not None and \
        not lexicons.is_person_name(word)


def _after_indefinite_article(tokens: list[Token], i: int) -> bool:
    k = i - 1
    while k >= 0 and tokens[k].word and not tokens[k].capitalised and (tags.is_english_adjective(tokens[k].tag) or tags.is_adverb(tokens[k].tag) or tags.is_ordinal(tokens[k].tag)):
        k -= 1
    return k >= 0 and tokens[k].text.casefold() in ("a", "an")


_PERSON_ENDING = re.compile(r"(?:er|or|ist|ent|ant|in|en|eur|ef)$")


def _after_role_or_title(tokens: list[Token], i: int, lex: Lexicon) -> bool:
    """'Kommissar Pohl', 'Dr. Amselberg', 'ihr Vorgesetzter Gerber', 'dem Polizeifotografen Wirth': a noun of
    three letters or more right after a title, a role or a noun for a person is a surname."""
    previous = tokens[i - 1] if i else None
    if len(tokens[i].text) < 3 or previous is None or not previous.word:
        return False
    if previous.text == "." and i > 1:
        return tokens[i - 2].text in lex.titles
    # a surname that is also a noun is a masculine or feminine one ("Gerber", "Wirth"), not "Delegierten Papiere"
    gendered = any(g in (lexicons.german_noun(tokens[i].text) or "") for g in "mf")
    # "der Berliner Anwalt Tom Kurz": a city's adjective is no noun for a person
    return gendered and (previous.text in lex.titles or lex.role(previous.text) is not None or (
        previous.capitalised and _person_noun(previous.text) and not gazetteer.place_of_adjective(previous.text)))


def _beside_a_named_person(tokens: list[Token], i: int, lex: Lexicon) -> bool:
    """A surname that is also a noun, next to a named person: 'den Ex-Agenten Ruland und Gerber' (joined to a
    name after a role noun), 'der Stellvertreter Brenners, Gerber, soll' (an apposition the tagger takes for a
    proper noun)."""
    token = tokens[i]
    if i >= 3 and tokens[i - 1].text.casefold() in lex.function_words.name_coordinators \
            and tokens[i - 2].tag in lex.language.proper_noun_tags and (describes_person(tokens[i - 3], lex)
                                                                       or lex.role(tokens[i - 3].text.rsplit("-", 1)[-1])):
        return True
    if token.tag not in lex.language.proper_noun_tags or i < 3 or tokens[i - 1].text != "," \
            or i + 1 >= len(tokens) or tokens[i + 1].text not in (",", ".", ";", "("):
        return False
    return any(describes_person(tokens[k], lex) for k in range(max(0, i - 4), i - 1))


def _person_noun(word: str) -> bool:
    """A German noun for a person by its gender and ending: 'Vorgesetzter', 'Polizeifotografen', 'Chemikerin'
    (not 'Kopf' or 'Haus')."""
    genders = lexicons.german_noun(word)
    if genders is None:
        genders = lexicons.german_compound(word)
    return bool(genders) and ("m" in genders or "f" in genders) and _PERSON_ENDING.search(word) is not None


def _name_expected(tokens: list[Token], i: int, lex: Lexicon, *, as_subject: bool = True) -> bool:
    """'ihr Vorgesetzter Gerber', 'CIA-Mann TJ Wexford', 'Dr. Amselberg', 'Gerber (Anna Lindqvist)': the word
    stands where a name stands: right after a noun or title without an article between, or before a cast
    note; with `as_subject` also as a subject without an article ("Gerber wird rekrutiert")."""
    previous = tokens[i - 1] if i else None
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    if previous is not None and previous.text == "." and i > 1 and tokens[i - 2].text in lex.titles:
        return True
    if previous is not None and previous.word and (previous.capitalised and i > 1 or previous.text in lex.titles):
        return not lex.is_vocabulary(previous.text) or lex.role(previous.text) is not None \
            or previous.text in lex.titles or lexicons.german_noun(previous.text) is not None
    if following is None:
        return False
    # "Gerber (Anna Lindqvist)"; "Gerber und Wexford müssen", "Gerber wird rekrutiert": no article, yet a subject
    opens = previous is None or previous.text in (",", ";", ":") or previous.text.casefold() in ("und", "oder")
    return following.text == "(" or as_subject and opens and (
        FINITE_VERB.match(following.tag) is not None or following.text.casefold() in ("und", "oder"))


