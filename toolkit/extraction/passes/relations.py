"""Relations a noun states: 'seine Frau Lena', 'Johns Erzfeind Nicholas Wolkow', 'der Sohn des … Robert Brandt'."""
from __future__ import annotations

from toolkit.extraction.document import (
    GenderVote,
    Pass,
    Reading,
    Relation,
)
from toolkit.extraction.grammar import (
    after_aside,
    clause_subject,
    role_of,
)
from toolkit.extraction.lexicon import (
    Lexicon,
)
from toolkit.text import gazetteer, tags
from toolkit.text.nlp import (
    FINITE_VERB,
    Token,
    dictionary_form,
)

# the owner of a kinship noun that opens a sentence without one: the one person the sentence before names
PREVIOUS = "previous:"
# (not 'Frau', 'Mann': at the head of a sentence they are titles as often as spouses)
_FAMILY = frozenset({"son_of", "daughter_of", "parent_of", "sibling_of", "partner_of"})


def read_relations(reading: Reading, lex: Lexicon) -> None:
    """'seine Frau Lena', "Johns Erzfeind Nicholas Wolkow", 'Jakob, der Sohn des ... Robert Brandt'."""
    tokens = reading.tokens
    _apposed_relations(reading, lex)
    for mention in reading.mentions:
        k = mention.start - 1
        while k >= 0 and tokens[k].word and not tokens[k].capitalised and tags.is_attributive_adjective(tokens[k].tag):
            k -= 1
        k = _past_titles(reading, k, lex)
        k = _past_apposed_article(reading, k, mention, lex)
        if k > 0 and tokens[k].text == ",":  # "Her handler, Victor Lane"
            k -= 1
        if k < 0:
            continue
        relation, k = _relation_at(reading, k, lex)
        if relation is None:
            _owner_after_noun(reading, k, mention, lex)
            continue
        k = _past_modifiers(tokens, k, lex)
        # "ihre Kollegin und Freundin Tilda": every noun of the pair, the owner before the first
        relations = [relation]
        while k >= 2 and tokens[k - 1].text.casefold() in lex.function_words.conjunction and _relation_noun(tokens[k - 2], lex):
            k -= 2
            relations.append(_relation_noun(tokens[k], lex))
        owner = _owner_before(reading, k, lex) or _bare_owner(reading, k, mention, lex)
        if owner == PREVIOUS and any(r["type"] not in _FAMILY for r in relations):
            continue
        if owner is None:
            continue
        # "ihre Kollegin und Freundin Tilda": next to a colleague a friend is no partner; nor is a woman's
        # "Freundin" ("ihre Freundin Tilda"), only a man's
        colleague = any(r["type"] == "colleague_of" for r in relations)
        owner_gender = _possessive_gender(reading, k, lex) or _genitive_gender(reading, k)
        relations = [r for r in relations if not r.get("friend") or not colleague and owner_gender != r.get("gender")]
        owners = [owner, *filter(None, [_co_owner(reading, owner, k, lex)])]
        for relation in relations:
            for each in owners:
                _append(reading, relation, each, mention, reading.span(k, mention.end))
    _described_relations(reading, lex)
    _found_in(reading, lex)
    # "Jakob in Wirklichkeit Koenig' Sohn ist"
    for mention in reading.mentions:
        if mention.genitive and not mention.via and mention.end < len(tokens):
            relation = lex.relations.get(tokens[mention.end].text.casefold())
            if relation is None:
                continue
            subject = next((m for m in reversed(reading.mentions) if m.end <= mention.start and not m.genitive
                            and m.key != mention.key), None)
            copula = any(t.lemma in lex.function_words.copulas for t in tokens[subject.end:mention.end + 3]) if subject else False
            if subject is not None and mention.start - subject.end <= 4 and copula:
                reading.relations.append(Relation(subject.key, relation["type"], mention.key,
                                                  reading.span(subject.start, mention.end + 1)))


_QUOTES = frozenset("„“”\"‚‘’«»")


def _past_apposed_article(reading: Reading, k: int, mention, lex: Lexicon) -> int:
    """'ihren Rivalen, den „Capo“ Lino Kress', 'her rival, the banker Ray Poole': the comma before an
    apposition with its article (and a quoted title), when no further name is listed after it."""
    tokens = reading.tokens
    j = k
    if j > 0 and tokens[j].text in _QUOTES:
        j = next((t.i - 1 for t in reversed(tokens[max(0, j - 4):j]) if t.text in _QUOTES), j)
    while j > k - 2 and (tags.is_common_noun(tokens[j].tag) or tags.is_adjective(tokens[j].tag)):
        j -= 1  # "den Erpresser", "the corrupt banker"
    after = after_aside(tokens, mention.end)
    listed = after < len(tokens) and tokens[after].text.casefold() in lex.function_words.conjunction
    if j > 1 and tokens[j].text.casefold() in lex.articles and tokens[j - 1].text == "," and not listed:
        return j - 1
    return k


def _owner_after_noun(reading: Reading, k: int, mention, lex: Lexicon) -> None:
    """'den Stellvertreter Brauns, Jost', 'the deputy of Braun, Jost': a relation noun with its owner after
    it (a genitive name, or 'of'/'von' and a name), then a comma and the name it stands for; not in a
    list ("the deputy of Braun, Jost and Ada")."""
    tokens = reading.tokens
    if k + 1 >= mention.start or tokens[k + 1].text != ",":
        return
    owner = next((m for m in reading.mentions if m.end == k + 1 and not m.via and not m.uncertain), None)
    if owner is None or owner.key == mention.key or owner.start < 1:
        return
    j = owner.start - 1
    if not owner.genitive:
        if j < 1 or tokens[j].text.casefold() not in lex.function_words.genitive_of:
            return
        j -= 1
    relation, first = _relation_at(reading, j, lex)
    after = after_aside(tokens, mention.end)
    if relation is None or after < len(tokens) and tokens[after].text.casefold() in lex.function_words.conjunction:
        return
    _append(reading, relation, owner.key, mention, reading.span(first, mention.end))


def _append(reading: Reading, relation: dict, owner: str, mention, evidence: str) -> None:
    """The relation a noun names between its owner and the name it stands before."""
    if relation.get("inverse"):
        reading.relations.append(Relation(owner, relation["type"], mention.key, evidence))
    else:
        reading.relations.append(Relation(mention.key, relation["type"], owner, evidence))
    if relation.get("gender"):
        reading.genders.append(GenderVote(mention.key, relation["gender"], 3, evidence))


def _described_relations(reading: Reading, lex: Lexicon) -> None:
    """'Jakob Brandt, der Sohn des Direktors ..., Robert Brandt', 'Silas, the right-hand man of Edgar Ashby',
    'Ivo Lenk (performer), der Vater der Ärztin Rhea', 'Maud, who was the wife of the captain Abel': a
    relation noun with its article after a name and a comma (or a relative pronoun and a copula)."""
    tokens = reading.tokens
    for end in range(len(tokens)):
        relation, i = _relation_at(reading, end, lex)
        # "Lea Brix, Tochter des Richters Anton Brix": no article where the owner follows in the genitive
        bare = i >= 1 and tokens[i - 1].text == "," and end + 1 < len(tokens) \
            and tokens[end + 1].text.casefold() in lex.function_words.genitive_of
        if relation is None or i < 2 or tokens[i - 1].text.casefold() not in lex.articles and not bare:
            continue
        j, copula_after = (i - 1 if bare else i - 2), False
        if j >= 2 and _copula(tokens[j], lex) and tokens[j - 1].text.casefold() in lex.membership_words.relative_pronouns:
            j -= 2  # "Maud, who was the wife of …"
        elif j >= 1 and tokens[j].text.casefold() in lex.membership_words.relative_pronouns:
            j, copula_after = j - 1, True  # "Maud, die die Frau des Kapitäns Abel war"
        if tokens[j].text != ",":
            continue
        # "Ivo Lenk (performer) an, der Vater": an aside and a verb's particle between the name and the comma
        j -= 1 if j > 0 and tags.is_verb_particle(tokens[j - 1].tag) else 0
        left = next((m for m in reading.mentions if m.end == _before_aside(tokens, j)), None)
        right = next((m for m in reading.mentions if m.start > i), None)
        # "Ansgar Quast, ein Mann mit alten Verbindungen, fördert sie": the next person named after a verb
        # is no owner of the noun
        if right is not None and (right.via == "pronoun"
                                  or any(FINITE_VERB.match(t.tag) for t in tokens[end + 1:right.start])):
            right = None
        if copula_after and right is not None:
            after = after_aside(tokens, right.end)
            copula_after = not (after < len(tokens) and _copula(tokens[after], lex))
        if left and right and left.key != right.key and not copula_after:
            source, target = (right, left) if relation.get("inverse") else (left, right)
            reading.relations.append(Relation(source.key, relation["type"], target.key,
                                              reading.span(left.start, right.end)))


def _found_in(reading: Reading, lex: Lexicon) -> None:
    """'In seinem Kollegen Kai findet er einen Verbündeten', 'she finds an ally in Kai': the person after
    the preposition is what the noun with its (not negating) article says to the clause's subject."""
    tokens = reading.tokens
    prepositions = lex.language.lower_words("relation_found_in")
    for end in range(1, len(tokens)):
        relation, i = _relation_at(reading, end, lex)
        a = i - 1
        while a > 0 and tags.is_adjective(tokens[a].tag) and not tokens[a].capitalised:
            a -= 1  # "an unexpected ally"
        if relation is None or relation["type"] not in ("partner_of", "enemy_of", "mentor_of") or a < 0 \
                or tokens[a].text.casefold() not in lex.articles \
                or tokens[a].text.casefold() in lex.language.lower_words("negations"):
            continue
        in_clause = [m for m in reading.mentions if tokens[m.start].clause == tokens[i].clause and not m.genitive]
        found = next((m for m in in_clause if _governing(tokens, m.start, lex).text.casefold() in prepositions), None)
        # the subject: a name of the clause no preposition governs
        subject = next((m for m in in_clause if found is not None and m.key != found.key
                        and not tags.is_preposition(_governing(tokens, m.start, lex).tag)), None)
        if found is not None and subject is not None and not subject.uncertain:
            _append(reading, relation, subject.key, found, reading.span(min(found.start, i), max(found.end, end + 1)))


def _governing(tokens, start: int, lex: Lexicon):
    """The token before a name and the words that describe it ('in seinem jüngeren Kollegen Kai': 'in');
    the name's own first token when nothing stands before it."""
    k = start - 1
    while k >= 0 and (tags.is_common_noun(tokens[k].tag) or tags.is_adjective(tokens[k].tag)
                      or tags.is_article(tokens[k].tag) or tokens[k].text.casefold() in lex.possessives):
        k -= 1
    return tokens[max(k, 0)] if k >= 0 else tokens[start]


def _copula(token, lex: Lexicon) -> bool:
    """'ist', 'war', 'is', 'was'."""
    return token.lemma in lex.function_words.copulas or token.text in lex.function_words.past_copulas


def _past_titles(reading: Reading, k: int, lex: Lexicon) -> int:
    """'her partner, Sgt. Eli Brandt', "Kate's boyfriend, police officer Sam Burke", "Blake's rival, Foreign
    Secretary Hugh Maitland": past the titles, offices and roles between the noun and the name (and the
    words that qualify a role, "police", "DEA", "Foreign")."""
    tokens = reading.tokens
    role_seen = False
    while k > 0:
        token = tokens[k]
        if token.text == "." and tokens[k - 1].text + "." in lex.language.words("abbreviations"):
            k -= 2
        elif (role_of(token.text, lex) is not None or _ends_in_a_role(token.text, lex)) \
                and token.text.casefold() not in lex.relations or (
                token.text.casefold() in lex.language.lower_words("offices")
                and (token.capitalised or token.text.casefold() not in lex.relations)):
            k, role_seen = k - 1, True  # "Whitfield's rival, Governor Ray Dalton", "Foreign Secretary Hugh"
        elif role_seen and token.word and token.text.casefold() not in lex.relations and (
                any(o.start <= k < o.end for o in reading.orgs) or tags.is_adjective(token.tag)
                or not token.capitalised and tags.is_common_noun(token.tag)):
            k -= 1
        else:
            break
    return k


def _ends_in_a_role(word: str, lex: Lexicon) -> bool:
    """'Vorstandschef', 'Oberstaatsanwältin': a German compound whose last part of four letters or more is a
    role."""
    return lex.language.nouns_capitalised and word[:1].isupper() and any(
        lex.role(word[k].upper() + word[k + 1:]) is not None for k in range(2, len(word) - 3))


def _past_modifiers(tokens: list[Token], k: int, lex: Lexicon) -> int:
    """"Grant's business partner", "her new boyfriend": the lowercase words before a relation noun that
    qualify it, so that the owner stands before them."""
    j = k
    while j > 0 and k - j < 2 and tokens[j - 1].word and not tokens[j - 1].capitalised \
            and (tags.is_common_noun(tokens[j - 1].tag) or tags.is_adjective(tokens[j - 1].tag)) \
            and tokens[j - 1].text.casefold() not in lex.relations:
        j -= 1
    return j


def _relation_at(reading: Reading, k: int, lex: Lexicon) -> tuple[dict | None, int]:
    """The relation a noun ending at token k names, and where the noun begins: one word ("Frau"), two
    ("rechte Hand", "right-hand man") or three ("chief of staff")."""
    tokens = reading.tokens
    if k > 1 and tokens[k - 1].word and tokens[k - 2].word:
        triple = lex.relations.get(" ".join(t.text for t in tokens[k - 2:k + 1]).casefold())
        if triple is not None:
            return triple, k - 2
    if k > 0 and tokens[k - 1].word:
        pair = lex.relations.get(f"{tokens[k - 1].text} {tokens[k].text}".casefold())
        if pair is None and tokens[k].text[:1].isupper() and tags.is_common_noun(tokens[k].tag):
            pair = lex.relations.get(f"{tokens[k - 1].text} {dictionary_form(tokens[k].text, lex.language)}".casefold())
        if pair is not None:
            return pair, k - 1
    return _relation_noun(tokens[k], lex), k


def _apposed_relations(reading: Reading, lex: Lexicon) -> None:
    """'Hugo Grant, her estranged father,', 'Irma, Colby's wife,': a relation noun with its owner in an
    apposition right after a name."""
    tokens = reading.tokens
    for mention in reading.mentions:
        k = after_aside(tokens, mention.end)
        if mention.via or k + 2 >= len(tokens) or tokens[k].text != ",":
            continue
        k += 1
        owner_at = k
        k += 1
        while k < len(tokens) and _modifier(tokens[k], lex):
            k += 1
        while k + 1 < len(tokens) and tokens[k + 1].word and not tokens[k + 1].text[:1].isupper() \
                and lex.relations.get(f"{tokens[k].text} {tokens[k + 1].text}".casefold()):
            k += 1  # "her right-hand man"
        if k >= len(tokens) or k + 1 < len(tokens) and tokens[k + 1].text not in (",", ".", ";"):
            continue
        relation, first = _relation_at(reading, k, lex)
        if relation is None or first < owner_at:
            continue
        owner = _owner_before(reading, first, lex) if first > owner_at else None
        if owner is None or owner == mention.key:
            continue
        evidence = reading.span(mention.start, k + 1)
        if relation.get("inverse"):
            reading.relations.append(Relation(owner, relation["type"], mention.key, evidence))
        else:
            reading.relations.append(Relation(mention.key, relation["type"], owner, evidence))


def _modifier(token, lex: Lexicon) -> bool:
    """An adjective or a word of former status between an owner and a relation noun ("her former mentor")."""
    return not token.capitalised and (tags.is_attributive_adjective(token.tag)
                                      or token.text.casefold() in {w.casefold() for w in lex.status_former})


def _modifier_at(tokens, j: int, lex: Lexicon) -> bool:
    """A modifier at j, also a word that qualifies the adjective after it ("seine tot geglaubte Kollegin")."""
    token = tokens[j]
    return _modifier(token, lex) or not token.capitalised and j + 1 < len(tokens) \
        and (tags.is_adverb(token.tag) or tags.is_adjective(token.tag)) and _modifier(tokens[j + 1], lex)


def _relation_noun(token, lex: Lexicon) -> dict | None:
    """'Frau', 'Geliebten' (as 'Geliebte'), 'handler': the relation a noun names, or None."""
    relation = lex.relations.get(token.text.casefold())
    if relation is None and token.text[:1].isupper() and tags.is_common_noun(token.tag):
        relation = lex.relations.get(dictionary_form(token.text, lex.language).casefold())
    return relation


def _bare_owner(reading: Reading, k: int, mention, lex: Lexicon) -> str | None:
    """'Ollie goes home to pregnant wife Mira': a kinship noun without article or owner is the subject's."""
    tokens = reading.tokens
    j = k
    while j > 0 and tags.is_adjective(tokens[j - 1].tag) and not tokens[j - 1].capitalised:
        j -= 1
    if j == 0:  # "Sohn Timo ist Banker": the person the sentence before is about
        return PREVIOUS
    if not (tags.is_preposition(tokens[j - 1].tag) or tags.is_verb(tokens[j - 1].tag)):
        return None
    subject = clause_subject(reading, tokens[k].clause, lex=lex)
    return subject.key if subject is not None and subject.key != mention.key and not subject.uncertain else None


def _genitive_gender(reading: Reading, k: int) -> str | None:
    """'Katrins frühere Freundin': the gender the given name of a genitive owner before the noun at k says."""
    owner = next((m for m in reading.mentions if m.genitive and not m.via and m.end <= k
                  and all(not t.word or not t.capitalised for t in reading.tokens[m.end:k])), None)
    gender = gazetteer.first_name_gender(owner.key.split()[0]) if owner else "unknown"
    return gender if gender != "unknown" else None


def _possessive_gender(reading: Reading, k: int, lex: Lexicon) -> str | None:
    """The gender of the possessive before a relation noun at k ('ihrer Freundin': f), or None."""
    while k > 0 and _modifier_at(reading.tokens, k - 1, lex):
        k -= 1
    return lex.possessives.get(reading.tokens[k - 1].text.casefold()) if k > 0 else None


def _before_aside(tokens, k: int) -> int:
    """Where an aside in parentheses that ends right before k opens, or k itself."""
    if k < 2 or tokens[k - 1].text != ")":
        return k
    return next((t.i for t in reversed(tokens[max(0, k - 10):k - 1]) if t.text == "("), k)


def _co_owner(reading: Reading, owner: str, k: int, lex: Lexicon) -> str | None:
    """'Ada and Nell's brother, Abe': the name coordinated with a genitive owner shares the noun."""
    tokens = reading.tokens
    mention = next((m for m in reading.mentions if m.key == owner and m.genitive and m.end <= k), None)
    if mention is None or mention.start < 2 or tokens[mention.start - 1].text.casefold() not in lex.function_words.conjunction:
        return None
    before = _before_aside(tokens, mention.start - 1)
    other = next((m for m in reading.mentions if m.end == before and not m.genitive and not m.uncertain), None)
    return other.key if other is not None and other.key != owner else None


def _owner_before(reading: Reading, k: int, lex: Lexicon) -> str | None:
    """Who a kinship noun at token k belongs to: a genitive name or a possessive pronoun."""
    while k > 0 and _modifier_at(reading.tokens, k - 1, lex):
        k -= 1  # "ihrem verstorbenen Ehemann", "his old mentor", "her former mentor"
    # "Nora's K-9 partner": the organisation both work for stands between the owner and the noun
    k = next((o.start for o in reading.orgs if o.end == k and o.start > 0), k)
    k = _before_aside(reading.tokens, k)  # "Nell's (performer) brother, Abe"
    if k == 0:
        return None
    owner = next((m for m in reading.mentions if m.end == k and m.genitive), None)
    if owner is not None:  # a possessive coreference left open ("seiner": Bernd or Friedrich) says nothing
        return owner.key if not owner.uncertain else None
    word = reading.tokens[k - 1].text.casefold()
    return f"pronoun:{lex.possessives[word]}" if word in lex.possessives else None


PASS = Pass("relations", read_relations, reads=("tokens", "mentions"), writes=("relations", "genders"))
