"""Organisations named in a sentence: agencies from the gazetteer, acronyms, groups and named units."""
from __future__ import annotations

from toolkit.extraction.document import OrgMention, Pass, Reading
from toolkit.extraction.grammar import (
    OPENING_QUOTES,
    describes_person,
    dictionary_name,
    is_nation_adjective,
    named_member_before,
    non_member,
    organisation_noun,
    quoted_name,
    role_of,
)
from toolkit.extraction.lexicon import Lexicon
from toolkit.model.names import fold
from toolkit.text import lexicons, tags
from toolkit.text.nlp import (
    Token,
    strip_genitive,
)


def find_orgs(tokens: list[Token], text: str, lex: Lexicon) -> list[OrgMention]:
    """Every organisation named in the tokens, left to right, none overlapping."""
    found: list[OrgMention] = []
    i = 0
    while i < len(tokens):
        match = (_expanded_acronym(tokens, text, i, lex) or _quoted_name_after_a_noun(tokens, i, lex)
                 or _quoted_apposition(tokens, i, lex) or _agency_name(tokens, text, i, lex)
                 or _organisation_word(tokens, i, lex)
                 or _unknown_acronym(tokens, i, lex) or _named_unit(tokens, text, i, lex)
                 or _name_with_ending(tokens, text, i, lex) or _noun_of_a_name(tokens, text, i, lex)
                 or _group(tokens, text, i, lex)
                 or _compound_group(tokens, text, i, lex) or _group_compound(tokens, i, lex)
                 or _implied_group_word(tokens, i, lex)
                 or _suffixed_name(tokens, text, i, lex) or _compound_name(tokens, i, lex))
        if match is None:
            i += 1
            continue
        _name_the_noun_before(found, match, tokens, lex)
        found.append(match)
        i = match.end
    return found


def _name_the_noun_before(found: list[OrgMention], match: OrgMention, tokens: list[Token], lex: Lexicon) -> None:
    """'Mitglied einer Bande aus Linz: den „Grauen Falken“', 'a member of a militia from the hills, the
    "Grey Wolves"': the group noun the quoted name stands in apposition to is that organisation, not a
    group of its own."""
    if not match.noun or organisation_noun(tokens[match.start].text, lex) is not None or not found:
        return
    last = found[-1]
    noun = organisation_noun(tokens[last.start].text, lex)
    if last.end - last.start == 1 and last.key.casefold() in lex.group_nouns and noun is not None \
            and noun[0] == match.noun and match.start - last.end <= 11:
        found[-1] = OrgMention(match.key, match.name, last.start, last.end, match.kind, noun=match.noun)


def _agency_name(tokens: list[Token], text: str, i: int, lex: Lexicon) -> OrgMention | None:
    """Agency names of several words: "Defense Intelligence Agency", "Secret Service"."""
    token = tokens[i]
    for length in range(min(7, len(tokens) - i), 1, -1) if lex.may_begin_agency(token.text) else ():
        surface = text[token.start:tokens[i + length - 1].end]
        agency = lex.agency(surface)
        if agency is not None:
            return OrgMention(agency.id, agency.name, i, i + length, agency.kind, agency.abbreviation)
    return None


def _organisation_word(tokens: list[Token], i: int, lex: Lexicon) -> OrgMention | None:
    """One word that names an agency ("CIA", "ex-NSA"), an agency joined to a role ("DIA-Agenten"), a group
    ending in an organisation word ("Agent-X-Organisation") or one a name says whose it is ("Lindner-Kartell")."""
    word = tokens[i].text
    parts = word.split("-")
    agency = lex.agency(word) or lex.agency(strip_genitive(word)[0])
    if agency is None and len(parts) == 2 and parts[0].casefold() == "ex":  # "ex-NSA agent"
        agency = lex.agency(parts[1])
    if agency is None and len(parts) > 2 and parts[0].casefold() == "ex":  # "Ex-KGB-Agent", "Ex-Mafia-Boss"
        parts = parts[1:]
    joined = _joined_form(tokens, i, parts, lex)
    if agency is None and joined is not None:
        return joined
    if agency is None and len(parts) > 1:
        agency = lex.agency(parts[0])
        if agency is not None:
            return OrgMention(agency.id, agency.name, i, i + 1, agency.kind, agency.abbreviation,
                              role="-".join(parts[1:]))
        if parts[-1].casefold() in lex.org_suffixes and len(parts) > 1:
            name = " ".join(parts[:-1])
            return OrgMention(name, name, i, i + 1, "other")
        last = parts[-1].casefold()
        kind = lex.group_nouns.get(last) or (lex.group_nouns.get(last[:-1]) if last.endswith("s") else None)
        if kind and parts[0][:1].isupper() and not lex.agency(parts[0]):
            name = word if last in lex.group_nouns else word[:-1]
            return OrgMention(name, name, i, i + 1, kind)
    if agency is not None:
        return OrgMention(agency.id, agency.name, i, i + 1, agency.kind, agency.abbreviation)
    return None


def _joined_form(tokens: list[Token], i: int, parts: list[str], lex: Lexicon) -> OrgMention | None:
    """'DDR-Abwehr', 'Ost-Behörde': a name joined to a noun that ends an organisation's name, the whole word
    the organisation; 'Mafia-Boss', 'Kartell-Chef': a group joined to a role, the group with that role."""
    if len(parts) < 2 or not parts[0][:1].isupper():
        return None
    word = "-".join(parts)
    last = parts[-1].casefold()
    if last in lex.organisation_forms.compound_endings and not lex.agency(parts[0]):
        return OrgMention(word, word, i, i + 1, _unit_kind(tokens[i], lex))
    first = parts[0].casefold()
    kind = lex.group_nouns.get(first)
    role_word = next((w for w in (parts[1], parts[1][:-2], parts[1][:-1]) if role_of(w, lex)), "")
    role = role_of(role_word, lex) or {} if role_word else {}
    if kind and len(parts) == 2 and (role.get("leader") or role.get("member")):
        key = next(k for k in lex.language.group_nouns if k.casefold() == first)
        return OrgMention(key, key, i, i + 1, kind, role=role_word)
    # "Mafia-Treffen", "Kartell-Geschäfte": a criminal group's meeting or trade tells the story has the group;
    # a source or a victim of it is no part of it ("Mafia-Informantin"), and nor is an authority against it
    if kind == "criminal" and len(parts) == 2 and not role_word and parts[1][:1].isupper() \
            and not non_member(parts[1], lex) and not describes_person(tokens[i], lex):
        key = next(k for k in lex.language.group_nouns if k.casefold() == first)
        return OrgMention(key, key, i, i + 1, kind)
    return None


def _group_compound(tokens: list[Token], i: int, lex: Lexicon) -> OrgMention | None:
    """'Mafiaboss', 'Kartellchef': one word, a criminal group's noun and a member's or leader's role; the
    group with that role. 'Mafiainformantin' is none: an informant is no member."""
    word = tokens[i].text
    if not lex.language.nouns_capitalised or not tokens[i].capitalised or not word.isalpha():
        return None
    folded = word.casefold()
    for key, kind in lex.language.group_nouns.items():
        stem = key.casefold()
        if kind != "criminal" or not folded.startswith(stem) or len(folded) - len(stem) < 3:
            continue
        rest = word[len(stem):]
        for link in ("", "n", "en", "s"):  # "Bandenchef"
            if rest.startswith(link) and len(rest) - len(link) >= 3:
                role_word = rest[len(link)].upper() + rest[len(link) + 1:]
                role = lex.role(role_word) or {}
                if (role.get("leader") or role.get("member")) and not non_member(role_word, lex):
                    return OrgMention(key, key, i, i + 1, kind, role=role_word)
    return None


def _implied_group_word(tokens: list[Token], i: int, lex: Lexicon) -> OrgMention | None:
    """'the mob boss Enzo Ferri': a word that, before a member's or leader's role, names an organisation a
    role may otherwise only imply (`implied_if_named`)."""
    if i + 1 >= len(tokens):
        return None
    role = lex.role(tokens[i + 1].text) or {}
    if not (role.get("leader") or role.get("member")):
        return None
    folded = tokens[i].text.casefold()
    for entry in lex.language.section("implied_if_named").values():
        name = entry.get("name") or ""
        if name and folded in {w.casefold() for w in entry.get("words") or ()}:
            return OrgMention(name, name, i, i + 1, lex.group_nouns.get(name.casefold(), "other"))
    return None


def _unknown_acronym(tokens: list[Token], i: int, lex: Lexicon) -> OrgMention | None:
    """An unknown acronym that names a service: "XYZ-Agentin", "the XYZ agent", "the SD-6 leader", "her
    ORCA-7 partner" (an acronym with a number is one name: "SD-6")."""
    word, genitive = strip_genitive(tokens[i].text)
    parts = word.split("-")
    if not _acronym(parts[0]):
        return None
    numbered = len(parts) == 2 and parts[1].isdigit()
    name = word if numbered else parts[0]
    joined = len(parts) > 1 and not numbered
    role_word = "-".join(parts[1:]) if joined else (tokens[i + 1].text if i + 1 < len(tokens) else "")
    role = lex.role(role_word) or {}
    if role.get("member") or role.get("leader") or not joined and _member_relation(role_word, lex):
        return OrgMention(name, name, i, i + 1, "agency", name, role=role_word if joined else "")
    # "her father is also SD-6 and …", "SD-6's gadget maker": what a copula says of a person, or whose staff;
    # "an agent for SD-6", "Agentin bei der XYZ": the organisation a member works for
    if not joined and (genitive and _person_noun_after(tokens, i + 1, lex) or _said_by_a_copula(tokens, i, lex)
                       or _after_a_member(tokens, i, lex)):
        return OrgMention(name, name, i, i + 1, "agency", name)
    return None


def _after_a_member(tokens: list[Token], i: int, lex: Lexicon) -> bool:
    """Whether a member's or leader's noun and a preposition of work (an article after it) stand right
    before token i: "an agent for X", "Agentin bei der X", "officer of X"."""
    joiners = lex.membership_words.member_prepositions | lex.function_words.member_of
    k = i - 1
    if k >= 1 and tokens[k].text.casefold() in lex.articles and tokens[k - 1].text.casefold() in joiners:
        k -= 1
    if k < 1 or tokens[k].text.casefold() not in joiners:
        return False
    role = role_of(tokens[k - 1].text, lex) or {}
    return bool(role.get("member") or role.get("leader")) and tokens[k].text.casefold() not in lex.place_prepositions \
        or named_member_before(tokens, k, lex)


def _said_by_a_copula(tokens: list[Token], i: int, lex: Lexicon) -> bool:
    """Whether token i is all a copula says, closing its clause: "… is also SD-6 and …", "… ist jetzt ORCA."."""
    k = i - 1
    while k >= 0 and i - k <= 2 and tokens[k].word and tags.is_adverb_of_either(tokens[k].tag):
        k -= 1
    closes = i + 1 >= len(tokens) or not tokens[i + 1].word or tokens[i + 1].text.casefold() in lex.function_words.conjunction
    if k >= 0 and tokens[k].lemma in lex.function_words.copulas and k < i and closes:
        return True
    # the copula closes a subordinate clause: "…, dass ihr Vater ebenfalls VX-4 ist."
    return i + 2 < len(tokens) and tokens[i + 1].lemma in lex.function_words.copulas and not tokens[i + 2].word \
        and k < i and k >= 0 and tags.is_adverb_of_either(tokens[k + 1].tag)


def _person_noun_after(tokens: list[Token], k: int, lex: Lexicon) -> bool:
    """Whether a role or a person noun ends the lowercase words from token k ("highly inventive gadget maker")."""
    end = k
    while end < len(tokens) and end - k < 10 and tokens[end].word and not tokens[end].capitalised \
            and tokens[end].tag not in lex.membership_words.finite_tags:
        end += 1
    return any(role_of(t.text, lex) is not None or describes_person(t, lex) for t in tokens[k:end])


def _member_relation(word: str, lex: Lexicon) -> bool:
    """'partner', 'Kollege', 'boss': a relation noun that, after an organisation, says the person works there."""
    relation = lex.relations.get(word.casefold()) or {}
    return relation.get("type") in lex.organisation_forms.relation_slots


def _named_unit(tokens: list[Token], text: str, i: int, lex: Lexicon) -> OrgMention | None:
    """'die Kripo Rostock', 'im Dezernat 411', 'Unit 8': an organisation noun with its name or number."""
    token = tokens[i]
    nouns = lex.organisation_forms.named_nouns
    two = i + 2 < len(tokens) and f"{token.text} {tokens[i + 1].text}".casefold() in nouns  # "task force ORCA"
    last = i + 1 if two else i
    noun = token.text if two or _named_noun(token.text, nouns, lex) else token.text[:-1]  # "des Start-ups Lumio"
    if not two and not _named_noun(noun, nouns, lex) or last + 1 >= len(tokens):
        return None
    following = tokens[last + 1]
    if not token.capitalised and not _acronym(following.text):
        # lowercase, with an acronym or a capitalised word that is no given name: "the firm Lumio"
        after = tokens[last + 2] if last + 2 < len(tokens) else None
        if not following.capitalised or not following.word or following.text in lex.not_names \
                or lex.is_vocabulary(following.text) or lexicons.given_name_gender(following.text) != "unknown" \
                or after is not None and after.capitalised:
            return None
        return OrgMention(following.text, following.text, i, last + 2, _unit_kind(token, lex), noun=noun.casefold())
    # a proper noun, or, where every noun is capitalised, a word the noun lexicon does not know ("Wels")
    named = following.tag in lex.language.proper_noun_tags or lex.language.nouns_capitalised \
        and lexicons.german_noun(following.text) is None
    if following.text.isdigit() or _acronym(following.text) or following.capitalised and following.word \
            and named and following.text not in lex.not_names and not lex.is_vocabulary(following.text):
        name = text[token.start:following.end] if noun == token.text else f"{noun} {following.text}"
        return OrgMention(name, name, i, last + 2, _unit_kind(token, lex), noun=noun.casefold())
    return None


def _noun_of_a_name(tokens: list[Token], text: str, i: int, lex: Lexicon) -> OrgMention | None:
    """'the Ministry of Transport', 'the Department of Justice': a capitalised noun that opens an
    organisation's name, "of", and the capitalised words of what it is for."""
    nouns = lex.language.section("organisation_forms").get("of_nouns") or ()
    if tokens[i].text not in nouns or i + 2 >= len(tokens) or tokens[i + 1].text.casefold() not in lex.function_words.genitive_of:
        return None
    end = i + 2
    while end < len(tokens) and end - i < 6 and tokens[end].word and tokens[end].capitalised \
            and tokens[end].text not in lex.not_names:
        end += 1
    if end == i + 2:
        return None
    name = text[tokens[i].start:tokens[end - 1].end]
    return OrgMention(name, name, i, end, "government")


def _named_noun(word: str, nouns: frozenset[str], lex: Lexicon) -> bool:
    """A noun that names an organisation by the name after it, or a compound ending in a long one."""
    folded = word.casefold()
    return folded in nouns or lex.language.nouns_capitalised and word.isalpha() and any(
        folded.endswith(n) and len(n) >= 8 and len(folded) > len(n) + 2 for n in nouns)


def _name_with_ending(tokens: list[Token], text: str, i: int, lex: Lexicon) -> OrgMention | None:
    """'Special Branch', 'the Harwell Institute', 'Smithsonian Institut': capitalised words before a noun
    that ends an organisation's name. In a language that capitalises every noun, only a name or an
    adjective may come before it ("Smithsonian Institut", not "Leiter Institut")."""
    end = i
    while end < len(tokens) and end - i < 4 and tokens[end].capitalised and tokens[end].word \
            and tokens[end].text.casefold() not in lex.organisation_forms.ending_nouns:
        word = tokens[end]
        if word.text in lex.not_names or word.text.casefold() in lex.articles or word.text.endswith(("'s", "’s")) \
                or _common_noun(word.text, lex) and tags.is_common_noun(word.tag) or lex.agency(word.text):
            return None
        end += 1
    if end == i or end >= len(tokens) or not tokens[end].capitalised \
            or tokens[end].text.casefold() not in lex.organisation_forms.ending_nouns:
        return None
    if i > 0 and tokens[i - 1].capitalised and tokens[i - 1].word and tokens[i - 1].text not in lex.not_names:
        return None  # the phrase begins earlier; it is read from its first word
    name = text[tokens[i].start:tokens[end].end]
    if end == i + 1 and lex.language.nouns_capitalised and tags.is_adjective(tokens[i].tag):
        # "der Grünen Liste" -> "Grüne Liste": the adjective as the name stands alone, capitalised as written
        alone = dictionary_name(tokens[i], tokens[end].text, lex)
        name = alone[:1].upper() + alone[1:] if alone else name
    return OrgMention(name, name, i, end + 1, _unit_kind(tokens[end], lex))


def _unit_kind(noun: Token, lex: Lexicon) -> str:
    """'police' for a unit a police noun names ("Kripo Rostock", "Severn Constabulary"), else 'other'."""
    return "police" if noun.text.casefold() in lex.organisation_forms.police_nouns else "other"


def _group(tokens: list[Token], text: str, i: int, lex: Lexicon) -> OrgMention | None:
    """A group noun ("Rebellen", "the cartel"), with the adjective or name before it that says which group."""
    token = tokens[i]
    folded = strip_genitive(token.text)[0].casefold()  # "the Syndicate's bookkeeper"
    group = lex.group_nouns.get(folded) or lex.group_nouns.get(folded.rstrip("s")) or \
        lex.group_nouns.get(folded[:-2] if folded.endswith("es") else "")
    # a lowercase English group noun names a group after an article or a word that says which one
    status = {w.casefold() for w in lex.status_former}  # "a former police officer"
    determined = i > 0 and (tokens[i - 1].text.casefold() in lex.articles | status or tokens[i - 1].capitalised
                            or (tags.is_english_adjective(tokens[i - 1].tag) or tags.is_possessive_determiner(tokens[i - 1].tag)))
    if not (group and token.capitalised or (group and not lex.language.nouns_capitalised and determined)):
        return None
    key = next(k for k in lex.language.group_nouns if k.casefold() in (folded, folded.rstrip("s"), folded[:-2]))
    # "the army": the organisation a military role implies, by its name ("Army")
    key = next((n for n in lex.language.implied_organisations.values() if n.casefold() == key.casefold()), key)
    # "tschetschenische Rebellen": keep the adjective that says which group
    start = i
    while start > 0 and i - start < 3 and (start == i or not lex.language.nouns_capitalised) and (
            tags.is_german_adjective(tokens[start - 1].tag) and not tokens[start - 1].capitalised or start > 1
            and tokens[start - 1].capitalised and tokens[start - 1].word
            and tokens[start - 1].text not in lex.not_names and not lex.agency(tokens[start - 1].text)):
        start -= 1  # "North Yorkshire Police": every capitalised word of an English name
    name = text[tokens[start].start:token.end] if start < i else key
    if start < i and tags.is_german_adjective(tokens[start].tag):
        name = dictionary_name(tokens[start], key, lex) or name
    if start == i and _generic(tokens, i, group, lex):
        return None
    return OrgMention(fold(name) if start < i else key, name if start < i else key, start, i + 1, group)


def _compound_group(tokens: list[Token], text: str, i: int, lex: Lexicon) -> OrgMention | None:
    """'des russischen Auslandsgeheimdienstes': an adjective before a compound that ends in a group noun
    names that group, in its dictionary form ("russischer Auslandsgeheimdienst"); the compound alone names none."""
    token = tokens[i]
    if not lex.language.nouns_capitalised or i == 0 or not token.capitalised or not token.word \
            or not tags.is_german_adjective(tokens[i - 1].tag) or tokens[i - 1].capitalised:
        return None
    adjective = tokens[i - 1].lemma.casefold()
    if not is_nation_adjective(adjective, lex):
        return None  # "die neue Stadtpolizei" is no name; "der russische Auslandsgeheimdienst" is one
    stem = token.lemma if token.lemma[:1].isupper() else token.text
    folded = stem.casefold()
    key = next((k for k in lex.language.group_nouns
                if folded.endswith(k.casefold()) and len(folded) - len(k) >= 3), None)
    if key is None:
        return None
    name = dictionary_name(tokens[i - 1], stem, lex) or text[tokens[i - 1].start:token.end]
    return OrgMention(fold(name), name, i - 1, i + 1, lex.group_nouns[key.casefold()])


def _generic(tokens: list[Token], i: int, kind: str, lex: Lexicon) -> bool:
    """'die Behörde', 'der Geheimdienst': a service's common noun alone names none (it stands for one named
    elsewhere); 'eine Armee schwer bewaffneter Agenten', 'an army of': an indefinite one is a crowd."""
    if kind == "agency":
        return True
    indefinite = lex.membership_words.one_of  # "ein", "eine", "a", "an", "one"
    return kind == "military" and i > 0 and tokens[i - 1].text.casefold() in indefinite


def _suffixed_name(tokens: list[Token], text: str, i: int, lex: Lexicon) -> OrgMention | None:
    """"die Organisation Agent X": an organisation word and the capitalised name after it."""
    if tokens[i].text.casefold() not in lex.org_suffixes or i + 1 >= len(tokens) or not tokens[i + 1].capitalised:
        return None
    end = i + 1
    while end < len(tokens) and tokens[end].word and tokens[end].capitalised and end - i <= 3:
        end += 1
    name = text[tokens[i + 1].start:tokens[end - 1].end]
    # "eine Gruppe Terroristen" is no name a later "die Gruppe" could stand for; "die Organisation Agent X" is
    definite = {w.casefold() for w in lex.language.section("coreference").get("definite_articles") or ()}
    named = i > 0 and tokens[i - 1].text.casefold() in definite
    return OrgMention(name, name, i, end, "other", noun=tokens[i].text.casefold() if named else "")


def _expanded_acronym(tokens: list[Token], text: str, i: int, lex: Lexicon) -> OrgMention | None:
    """'XYZ (Xeno Yard Zone)', 'Xeno Yard Zone (XYZ)': an acronym and, in parentheses before or after it, the
    capitalised words whose initials it is; the acronym is its key, the words its name."""
    if _acronym(tokens[i].text) and i + 2 < len(tokens) and tokens[i + 1].text == "(":
        close = next((k for k in range(i + 2, min(len(tokens), i + 9)) if tokens[k].text == ")"), None)
        if close is not None and _initials_match(tokens[i].text, tokens[i + 2:close], lex):
            name = text[tokens[i + 2].start:tokens[close - 1].end]
            return OrgMention(tokens[i].text, name, i, close + 1, "other", tokens[i].text)
    end = i
    while end < len(tokens) and end - i < 7 and tokens[end].text != "(" and tokens[end].word \
            and (tokens[end].capitalised or tokens[end].text.casefold() in lex.organisation_forms.name_particles):
        end += 1
    if end == i or not tokens[i].capitalised or end + 2 >= len(tokens) or tokens[end].text != "(" \
            or tokens[end + 2].text != ")" or not _acronym(tokens[end + 1].text):
        return None
    acronym = tokens[end + 1].text
    if lex.agency(acronym) or not _initials_match(acronym, tokens[i:end], lex):
        return None
    return OrgMention(acronym, text[tokens[i].start:tokens[end - 1].end], i, end + 3, "other", acronym)


def _initials_match(acronym: str, words: list[Token], lex: Lexicon) -> bool:
    """Whether the acronym is the initials of the capitalised words (particles such as "of" skipped)."""
    letters = [c for c in acronym if c.isalpha()]
    initials = [t.text[0] for t in words if t.word and t.text.casefold() not in lex.organisation_forms.name_particles]
    return len(letters) >= 2 and all(t.capitalised for t in words if t.word and t.text.casefold()
                                     not in lex.organisation_forms.name_particles) \
        and "".join(initials).upper() == "".join(letters).upper()


def _compound_name(tokens: list[Token], i: int, lex: Lexicon) -> OrgMention | None:
    """'Bolschoitheater', 'Ostabwehr': one word, a name joined to a noun that ends an organisation's name,
    where the part before the noun is no word of the language (a 'Polizeibehörde' is any police)."""
    word = tokens[i].text
    folded = word.casefold()
    unique_endings = tuple(lex.language.section("organisation_forms").get("unique_endings") or ())
    unique = folded.endswith(unique_endings) if unique_endings else False
    if not lex.language.nouns_capitalised or not tokens[i].capitalised or not word.isalpha() \
            or not tags.is_noun(tokens[i].tag) or not unique and _common_noun(word, lex):
        return None
    ending = next((e for e in lex.organisation_forms.compound_endings
                   if folded.endswith(e) and len(folded) - len(e) >= 3), None)
    if ending is None:
        return None
    # the longest noun the word ends in: "Auslandsgeheimdienst" is "Auslands" + "Geheimdienst"
    tail = next((k for k in range(1, len(word) - len(ending))
                 if _common_noun(word[k].upper() + word[k + 1:], lex)), len(word) - len(ending))
    head = word[:tail]
    if len(head) < 3 or not unique and (_common_noun(head, lex) or head.endswith("s") and _common_noun(head[:-1], lex)
                                        or lex.is_vocabulary(head)):
        return None  # "Polizeibehörde" is any police; "Innenministerium" is one
    return OrgMention(word, word, i, i + 1, _unit_kind(tokens[i], lex))


def _quoted_name_after_a_noun(tokens: list[Token], i: int, lex: Lexicon) -> OrgMention | None:
    """'des Whistleblower-Netzwerks „Hydra“', 'the network "Hydra"', 'die Untergrundorganisation „Roter
    Bund“': a group or organisation noun (or a compound ending in one) and a capitalised name in quotation
    marks right after it: the name, of the kind the noun says where the language data says one."""
    if i + 3 >= len(tokens) or tokens[i + 1].word or tokens[i + 1].text not in OPENING_QUOTES:
        return None
    noun = organisation_noun(tokens[i].text, lex)
    quoted = quoted_name(tokens, i + 1)
    if noun is None or quoted is None:
        return None
    return OrgMention(quoted[1], quoted[1], i, quoted[0], noun[1], noun=noun[0])


def _quoted_apposition(tokens: list[Token], i: int, lex: Lexicon) -> OrgMention | None:
    """'… einer Untergrundorganisation aus den 1960er-Jahren: dem „Roten Bund“', 'a group from the north,
    the "Black Lantern"': a quoted capitalised name (with its article) after a colon, comma or dash that
    closes a phrase opened by an organisation noun with an article: the name, of the noun's kind."""
    quote = i + 1 if tokens[i].text.casefold() in lex.articles else i
    if quote >= len(tokens) or tokens[quote].text not in OPENING_QUOTES or i == 0 \
            or tokens[i - 1].text not in (":", ",", "–", "—"):
        return None
    quoted = quoted_name(tokens, quote)
    if quoted is None:
        return None
    for k in range(i - 2, max(0, i - 12), -1):
        if not tokens[k].word and tokens[k].text not in ("-",) or k + 1 < len(tokens) and not tokens[k + 1].word \
                and tokens[k + 1].text in OPENING_QUOTES and k + 1 != quote:
            return None  # the phrase began earlier, or the noun has a name of its own
        noun = organisation_noun(tokens[k].text, lex) if tokens[k].word else None
        if noun is not None and tokens[k - 1].text.casefold() in lex.articles | lex.membership_words.one_of \
                and _only_phrases(tokens, k + 1, i - 1):
            return OrgMention(quoted[1], quoted[1], i, quoted[0], noun[1], noun=noun[0])
    return None


def _only_phrases(tokens: list[Token], start: int, end: int) -> bool:
    """Whether the words from start to end are prepositional phrases that say more of the noun before them,
    with at most the verb that closes a clause last ("aus den 1960er-Jahren führt", "from the hills");
    an object or a verb between ("schickt ihn zu einem Kunden") leaves the name to another noun."""
    opened = False
    for token in tokens[start:end]:
        if tags.is_preposition(token.tag):
            opened = True
        elif tags.is_verb(token.tag) and token.i != end - 1 or not opened and not tags.is_verb(token.tag):
            return False
    return True


def _common_noun(word: str, lex: Lexicon) -> bool:
    """Whether, in a language that capitalises every noun, the word is a common noun of it."""
    return lex.language.nouns_capitalised and lexicons.german_noun(word) is not None


def _acronym(word: str) -> bool:
    return 2 <= len(word) <= 6 and word.isupper() and word.isalnum() and any(c.isalpha() for c in word)


def read_orgs(reading: Reading, lex: Lexicon) -> None:
    """Every organisation the sentence names, departments included."""
    reading.orgs = find_orgs(reading.tokens, reading.text, lex)


PASS = Pass("organisations", read_orgs, reads=("tokens", "text"), writes=("orgs",))
