"""Organisations named by their place in a sentence, where no list knows them and no form says so: the
organisation of a leader or a member ("der Chef der Ostwache", "the head of Harbour Watch", "Analystin beim
Seewetteramt"), the name before a leader's noun ("the Hexa leader Omar Daher", "Hexa-Chef")."""
from __future__ import annotations

from toolkit.extraction.document import OrgMention, Pass, Reading
from toolkit.extraction.grammar import describes_person, role_of
from toolkit.extraction.lexicon import Lexicon
from toolkit.text import lexicons, tags
from toolkit.text.nlp import Token, strip_genitive


def find_slot_orgs(tokens: list[Token], lex: Lexicon, found: list[OrgMention]) -> list[OrgMention]:
    """The organisations the slots name, left to right, none overlapping each other or those `found`."""
    taken = {k for org in found for k in range(org.start, org.end)}
    out: list[OrgMention] = []
    i = 0
    while i < len(tokens):
        match = None if i in taken else (
            _name_in_a_slot(tokens, i, lex) or _name_before_a_leader(tokens, i, lex)
            or _name_joined_to_a_leader(tokens, i, lex) or _compound_after_a_member(tokens, i, lex))
        if match is None or any(k in taken for k in range(match.start, match.end)):
            i += 1
            continue
        out.append(match)
        i = match.end
    return out


def _name_joined_to_a_leader(tokens: list[Token], i: int, lex: Lexicon) -> OrgMention | None:
    """'Hexa-Chef Omar Daher': a name no list knows, joined to a leader's noun, a name after it."""
    parts = tokens[i].text.split("-")
    if len(parts) != 2 or not parts[0][:1].isupper() or not _name_word(parts[0], lex) or i + 1 >= len(tokens) \
            or not tokens[i + 1].capitalised or not tokens[i + 1].word:
        return None
    role_word = next((w for w in (parts[1], parts[1][:-2], parts[1][:-1]) if role_of(w, lex)), "")
    if not role_word or not (role_of(role_word, lex) or {}).get("leader"):
        return None
    return OrgMention(parts[0], parts[0], i, i + 1, "other", role=role_word)


def _name_before_a_leader(tokens: list[Token], i: int, lex: Lexicon) -> OrgMention | None:
    """'the Hexa leader Omar Daher', 'al-Qaeda chief X': a name no list knows, a leader's noun in lowercase,
    then a name: the organisation the named person leads."""
    token = tokens[i]
    if i + 2 >= len(tokens) or not any(c.isupper() for c in token.text[:4]) or not token.text[:1].isalpha() \
            or tags.is_adjective(token.tag) or not _name_word(token.text, lex) \
            or token.i == 0 and token.tag not in lex.language.proper_noun_tags:
        return None
    role, name = tokens[i + 1], tokens[i + 2]
    if role.capitalised or not (role_of(role.text, lex) or {}).get("leader") or not name.capitalised or not name.word:
        return None
    return OrgMention(token.text, token.text, i, i + 1, "other")


def _name_word(word: str, lex: Lexicon) -> bool:
    """A word that is a name: none the language data knows, no common noun, no nationality."""
    folded = word.casefold()
    return not (word in lex.not_names or lex.is_vocabulary(word) or _common_noun(word, lex) or lex.agency(word)
                or folded in lex.language.lower_words("nationalities")
                or folded.endswith(tuple(lex.language.nationality_endings)))


def _name_in_a_slot(tokens: list[Token], i: int, lex: Lexicon) -> OrgMention | None:
    """'der Chef der Ostabwehr', 'the head of Harbour Watch': a name no list knows, in the place of the
    organisation a leader or member belongs to: after the role noun and a genitive ("der", "of the")."""
    token = tokens[i]
    named_adjective = _named_adjective(tokens, i, lex)
    if not named_adjective and (not _unknown_name(token, lex) or lexicons.given_name_gender(token.text) != "unknown"):
        return None  # "the boss of Lena Berg" names a person
    k = i - 1
    if k >= 0 and tokens[k].text.casefold() in lex.articles - lex.function_words.genitive_of:
        k -= 1  # "the" of "of the"
    # "Chef der X", "head of X"; "a reporter for X", "Analystin bei X": any role noun before a preposition of work
    joiner = tokens[k].text.casefold() if k >= 1 else ""
    working = joiner in lex.membership_words.member_prepositions - lex.place_prepositions
    if joiner not in lex.function_words.genitive_of and not working:
        return None
    role = role_of(tokens[k - 1].text, lex)
    # a noun of a person by its ending ("Buchhalter"), where nouns are capitalised and the ending says so
    person = lex.language.nouns_capitalised and describes_person(tokens[k - 1], lex) \
        and tokens[k - 1].text.casefold() not in lex.relations
    if not ((role or {}).get("leader") or (role or {}).get("member") or person or working and role is not None) \
            or not tags.is_noun(tokens[k - 1].tag):
        return None
    if named_adjective:  # "der Sprecher der Grünen Front": the name as it stands alone, "Grüne Front"
        return OrgMention(named_adjective, named_adjective, i, i + 2, "other")
    end = i + 1
    while end < len(tokens) and end - i < 3 and _unknown_name(tokens[end], lex):
        end += 1
    if any(strip_genitive(t.text)[1] for t in tokens[i:end]):
        return None  # "the head of Lena Marr's team"
    if end < len(tokens) and (tokens[end].text in ("'s", "’s", "'", "’") or tokens[end].capitalised and tokens[end].word
                              or tokens[end].word and tags.is_common_noun(tokens[end].tag)):
        return None  # "the head of Lena's team"; "a lawyer for the Harrow family": a name before a common noun
    name = " ".join(t.text for t in tokens[i:end])
    return OrgMention(name, name, i, end, "other")


def _named_adjective(tokens: list[Token], i: int, lex: Lexicon) -> str:
    """'Grünen Front' -> 'Grüne Front': where every noun is capitalised, a capitalised adjective inside a
    sentence and the noun after it are a name; '' otherwise. An adjective written as its lemma
    ("Warschauer") keeps its form."""
    adjective = tokens[i]
    if i == 0 or i + 1 >= len(tokens) or not adjective.capitalised or not tags.is_adjective(adjective.tag) \
            or not tokens[i + 1].capitalised or not tags.is_noun(tokens[i + 1].tag) or not adjective.lemma:
        return ""
    if not lex.language.nouns_capitalised:  # "a member of the Red Hand": as written
        return f"{adjective.text} {tokens[i + 1].text}"
    noun = tokens[i + 1].lemma if tokens[i + 1].lemma[:1].isupper() else tokens[i + 1].text
    if adjective.text.casefold() == adjective.lemma.casefold():
        return f"{adjective.text} {noun}"
    endings = lex.language.section("organisation_names")
    gender = (lexicons.german_noun(noun) or "")[:1] or next(
        (g for g, suffixes in (endings.get("noun_gender_endings") or {}).items()
         if noun.casefold().endswith(tuple(suffixes))), "")
    ending = (endings.get("adjective_endings") or {}).get(gender)
    return f"{adjective.lemma[:1].upper()}{adjective.lemma[1:]}{ending} {noun}" if ending else ""


def _compound_after_a_member(tokens: list[Token], i: int, lex: Lexicon) -> OrgMention | None:
    """'Arachnologe beim Naturkundeinstitut': a compound that ends in an organisation noun, no word of the
    language as a whole, after a person's noun and a preposition of membership."""
    token = tokens[i]
    word = token.text
    stem = word[:-2] if word.endswith("es") else word[:-1] if word.endswith("s") else word
    if not lex.language.nouns_capitalised or not token.capitalised or not word.isalpha() \
            or _common_noun(word, lex) or _common_noun(stem, lex) or not any(
                w.casefold().endswith(e) and len(w) - len(e) >= 3
                for w in (word, stem) for e in lex.organisation_forms.compound_endings):
        return None
    k = i - 1
    if k >= 0 and tokens[k].text.casefold() in lex.articles:
        k -= 1
    prepositions = lex.membership_words.member_prepositions - lex.place_prepositions
    if k < 1 or tokens[k].text.casefold() not in prepositions:
        return None
    person = tokens[k - 1]
    if not (role_of(person.text, lex) or describes_person(person, lex)) or person.text.casefold() in lex.relations:
        return None
    kind = "police" if token.text.casefold() in lex.organisation_forms.police_nouns else "other"
    return OrgMention(word, word, i, i + 1, kind)


def _unknown_name(token: Token, lex: Lexicon) -> bool:
    """A capitalised word that is a name: no word the language data knows, no common noun."""
    folded = token.text.casefold()
    if not token.word or not token.capitalised or token.text in lex.not_names or lex.role(token.text) is not None \
            or folded in lex.relations or folded in lex.gender_nouns or folded in lex.group_nouns \
            or _common_noun(token.text, lex) or lex.agency(token.text):
        return False
    # where only names are capitalised, a capitalised noun inside a sentence is one ("the head of Harbour Watch")
    return lex.language.nouns_capitalised or token.tag in lex.language.proper_noun_tags \
        or token.i > 0 and tags.is_noun(token.tag)


def _common_noun(word: str, lex: Lexicon) -> bool:
    """Whether, in a language that capitalises every noun, the word is a common noun of it."""
    return lex.language.nouns_capitalised and lexicons.german_noun(word) is not None


def read_slot_orgs(reading: Reading, lex: Lexicon) -> None:
    """The organisations the slots of the sentence name, beside those the organisations pass found."""
    added = find_slot_orgs(reading.tokens, lex, reading.orgs)
    if added:
        reading.orgs = sorted(reading.orgs + added, key=lambda org: org.start)


PASS = Pass("organisation_slots", read_slot_orgs, reads=("tokens", "orgs"), writes=("orgs",))
