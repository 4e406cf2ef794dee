"""Coreference: which person a pronoun or a definite description ("der Agent", "the mole") stands for.

A small deterministic resolver. Candidates are the people named (or already resolved) in the same
sentence before the reference and in the three sentences before it. A candidate must agree in gender
(a pronoun) or carry the role noun (a description); the nearer sentence wins, and within a sentence the
subject of a clause wins over an object. A personal pronoun never stands for someone in its own clause
("Nadja erschießt ihn"), a reflexive always does. When two candidates are equally good the reference is
marked uncertain: it is reported for review, and no claim or presence is read from it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from toolkit.extraction.coref_groups import add_group, insert_mention, last_group, named_together
from toolkit.extraction.coref_kin import parallel_owner
from toolkit.extraction.document import Mention, Reading
from toolkit.extraction.grammar import unnamed_of_gender
from toolkit.extraction.lexicon import Lexicon
from toolkit.text import tags
from toolkit.text.nlp import Token, dictionary_form

_WINDOW = 3  # sentences looked back
_OBJECT_PENALTY = 0.8
_UNKNOWN_GENDER_PENALTY = 0.6
_GENITIVE_PENALTY = 0.5
_TIE = 0.3  # candidates closer than this are equally good
_SUBORDINATE_PENALTY = 0.4  # a sentence before is about its main clause's people first


@dataclass(frozen=True)
class Person:
    """What coreference needs to know of a character: gender and the role nouns said of them."""

    gender: str = "unknown"
    roles: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Ambiguity:
    """A reference with more than one equally good candidate."""

    sentence: int  # index of the reading
    surface: str
    candidates: tuple[str, ...]
    evidence: str


@dataclass
class _Seen:
    key: str
    sentence: int
    subject: bool
    genitive: bool
    position: int  # token index in its sentence
    main: bool = True  # named in a main clause


@dataclass
class _Rules:
    """The language's coreference data, looked up once."""

    personal_tags: frozenset[str]
    possessive_tags: frozenset[str]
    subject: dict[str, str]
    object: dict[str, str]
    reflexive: dict[str, str]
    definite: frozenset[str]
    genitive_articles: frozenset[str]
    prepositions: frozenset[str]
    finite: frozenset[str]
    plural_verbs: frozenset[str]
    plural_endings: tuple[str, ...]
    coordinators: frozenset[str]
    openers: frozenset[str]
    both: tuple[tuple[str, ...], ...]
    not_own: frozenset[str]
    possessives: dict[str, str] = field(default_factory=dict)
    plural_pronouns: frozenset[str] = frozenset()
    verb_second: bool = False

    @classmethod
    def of(cls, lex: Lexicon) -> _Rules:
        data = lex.language.section("coreference")

        def by_word(key: str) -> dict[str, str]:
            return {w.casefold(): g for g, words in (data.get(key) or {}).items() for w in words}

        def words(key: str) -> frozenset[str]:
            return frozenset(w.casefold() for w in data.get(key) or ())

        return cls(frozenset(data.get("personal_tags") or ()), frozenset(data.get("possessive_tags") or ()),
                   by_word("subject_pronouns"), by_word("object_pronouns"), by_word("reflexive_pronouns"),
                   words("definite_articles"), words("genitive_articles"),
                   frozenset(data.get("preposition_tags") or ()), frozenset(data.get("finite_verb_tags") or ()),
                   words("plural_verbs"), tuple(data.get("plural_verb_endings") or ()), words("coordinators"),
                   words("clause_openers"), tuple(tuple(p.casefold().split()) for p in data.get("both") or ()),
                   words("not_own"), dict(lex.possessives), words("plural_pronouns"), lex.language.verb_second)


_RULES: dict[str, _Rules] = {}


def _rules(lex: Lexicon) -> _Rules:
    if lex.language.code not in _RULES:
        _RULES[lex.language.code] = _Rules.of(lex)
    return _RULES[lex.language.code]


def resolve_references(readings: list[Reading], people: dict[str, Person], lex: Lexicon) -> list[Ambiguity]:
    """Add a mention for every pronoun and description that stands for one of `people`, in place.

    `people` maps mention keys to what is known of them. Returns the references left uncertain.
    """
    rules = _rules(lex)
    seen: list[_Seen] = []
    ambiguities: list[Ambiguity] = []
    group: tuple[int, tuple[str, ...]] = (-_WINDOW - 1, ())  # the last people named together, and where
    named: set[str] = set()  # everyone named so far
    for index, reading in enumerate(readings):
        seen = [s for s in seen if index - s.sentence <= _WINDOW]
        groups = named_together(reading, people, rules.coordinators)
        # "finds his body": the body is of someone killed just before
        dead = {d.character for r in readings[max(0, index - 1):index + 1] for d in r.deaths}
        tokens = reading.tokens
        references = _references(reading, rules, lex, people)
        pending = sorted([(m.start, "name", m) for m in reading.mentions]
                         + [(t.i, "reference", (t, kind, gender, role)) for t, kind, gender, role in references],
                         key=lambda entry: entry[0])
        depths = _parenthesis_depths(tokens)
        for position, what, item in pending:
            if what == "name":
                mention = item
                # "Lena Berg (Anna Lindqvist)": a name in parentheses is an aside, not someone the story follows
                if mention.key in people and not depths[mention.start]:
                    named.add(mention.key)
                    seen.append(_Seen(mention.key, index, _is_subject(reading, mention.start, mention.end, rules, lex),
                                      mention.genitive, position, tokens[mention.start].main))
                continue
            token, kind, gender, role = item
            if kind == "plural":
                group = add_group(reading, token, groups, group, index, _WINDOW)
                continue
            if _said_of_no_one_named(readings, index, token, kind, gender, lex):
                continue
            ranked = _rank(seen, index, reading, token, kind, gender, role, people, rules) or _only_holder(role, people, named)
            ranked = _owner_first(reading, token, kind, gender, ranked, dead, people, rules, lex)
            ranked = _none_named_after_in_its_clause(reading, token, kind, ranked)
            if not ranked:
                continue
            if kind == "both":
                _add_both(reading, token, role, ranked, index, ambiguities)
                continue
            best = ranked[0]
            close = [c for c in ranked[1:] if c[0] - best[0] < _TIE and c[1] != best[1]]
            end = token.i + 1 if kind != "description" else _description_end(tokens, token.i)
            mention = Mention(surface=reading.span(token.i, end), key=best[1], start=token.i, end=end,
                              genitive=kind == "possessive" or kind == "genitive", main=token.main,
                              via="description" if kind in ("description", "genitive") else "pronoun",
                              uncertain=bool(close))
            if close:
                ambiguities.append(Ambiguity(index, mention.surface, (best[1], *(c[1] for c in close)),
                                             reading.text))
            insert_mention(reading, mention)
            if not close:
                seen.append(_Seen(best[1], index, kind == "subject", mention.genitive, token.i, token.main))
        group = last_group(groups, group, index, references)
    return ambiguities


def _none_named_after_in_its_clause(reading: Reading, token: Token, kind: str,
                                    ranked: list[tuple[float, str]]) -> list[tuple[float, str]]:
    """'the Bureau has him tailing Quist', 'er verrät Tom': a personal pronoun is none of the people its own
    clause names after it."""
    if kind not in ("subject", "object"):
        return ranked
    after = {m.key for m in reading.mentions if m.start > token.i and not m.via and not m.genitive
             and reading.tokens[m.start].clause == token.clause}
    return [pair for pair in ranked if pair[1] not in after]


def _said_of_no_one_named(readings: list[Reading], index: int, token: Token, kind: str, gender: str,
                          lex: Lexicon) -> bool:
    """A possessive said of an organisation; a pronoun opening a sentence after 'Tom hat eine Geliebte.'."""
    reading = readings[index]
    if kind == "possessive":
        return _said_of_organisation(reading, token)
    return kind == "subject" and index > 0 and not any(t.word for t in reading.tokens[:token.i]) \
        and unnamed_of_gender(readings[index - 1], gender, lex)


def _owner_first(reading: Reading, token: Token, kind: str, gender: str, ranked: list[tuple[float, str]],
                 dead: set[str], people: dict[str, Person], rules: _Rules, lex: Lexicon) -> list[tuple[float, str]]:
    """The candidates once a possessive's owner is settled: the dead for "his body", the coordinated or
    fronted owner where the sentence names one, the owner of the relation noun before ("Ottings
    Kollege …, und ihr Chef")."""
    if _owned_apart(reading.tokens, token, kind, rules) and any(key in dead for _, key in ranked):
        ranked = [pair for pair in ranked if pair[1] in dead]
    if kind == "possessive":
        ranked = _coordinated_owner(reading, token, gender, people, rules) \
            or _fronted_owner(reading, token, gender, people, rules) \
            or parallel_owner(reading, token, gender, {k: p.gender for k, p in people.items()}, lex) or ranked
    return ranked


def _only_holder(role: str, people: dict[str, Person], named: set[str]) -> list[tuple[float, str]]:
    """'den russischen Präsidenten' long after 'den russischen Präsidenten Ilić': a role noun only one
    person of the story is named with stands for that person, however far back, once they have been named
    ("Die Agenten der Gegenseite …" before "Der Agent Ole Brandt" stands for nobody)."""
    holders = [key for key, person in people.items() if role and role in person.roles]
    return [(float(_WINDOW), holders[0])] if len(holders) == 1 and holders[0] in named else []


def _references(reading: Reading, rules: _Rules, lex: Lexicon, people: dict[str, Person]
                ) -> list[tuple[Token, str, str, str]]:
    """The pronouns and descriptions of a sentence outside its names: (token, kind, gender, role)."""
    tokens = reading.tokens
    named = {k for m in reading.mentions for k in range(m.start, m.end)}
    references = []
    for token in tokens:
        if token.i in named:
            continue
        reference = _both(tokens, token, rules) or _pronoun(tokens, token, rules) \
            or _description(reading, token, rules, lex, people)
        if reference is not None:
            references.append((token, *reference))
            if reference[0] == "both":
                named.update(range(token.i, token.i + int(reference[2])))
    return references


def _coordinated_owner(reading: Reading, token: Token, gender: str, people: dict[str, Person],
                       rules: _Rules) -> list[tuple[float, str]]:
    """'Quill and his team', 'Kroll und seine Männer': the possessive belongs to the one just named."""
    if token.i < 2 or reading.tokens[token.i - 1].text.casefold() not in rules.coordinators:
        return []
    named = next((m for m in reading.mentions if m.end == token.i - 1 and not m.genitive and m.key in people), None)
    if named is None or people[named.key].gender not in (gender, "unknown"):
        return []
    return [(0.0, named.key)]


def _fronted_owner(reading: Reading, token: Token, gender: str, people: dict[str, Person],
                   rules: _Rules) -> list[tuple[float, str]]:
    """'Auf dem Heimweg mit seiner Mutter wird Anton ...': a possessive before the verb points ahead."""
    tokens = reading.tokens
    if any(t.tag in rules.finite for t in tokens[:token.i]):
        return []
    verb = next((t.i for t in tokens[token.i:] if t.tag in rules.finite and t.clause == token.clause), None)
    # "Ihr Sohn Florian studiert …, ihre Tochter Vroni …": a possessive opening the clause, outside a
    # preposition's phrase, is the subject's own
    if verb is None or not any(tags.is_preposition(t.tag) for t in tokens[:token.i]):
        return []
    subject = next((m for m in reading.mentions if m.start > verb and not m.genitive and not m.via
                    and m.key in people), None)
    if subject is None or people[subject.key].gender not in (gender, "unknown"):
        return []
    return [(0.0, subject.key)]


def _said_of_organisation(reading: Reading, token: Token) -> bool:
    """'Die CIA hat den Verdacht und schickt ihren Spürhund': the sentence opens with an organisation and
    names no person before the possessive."""
    first = min((o.start for o in reading.orgs), default=None)
    if first is None or first > token.i:
        return False
    opening = all(not t.word or (tags.is_article(t.tag) or tags.is_adjective(t.tag)) for t in reading.tokens[:first])
    return opening and not any(m.start < token.i and not m.via for m in reading.mentions)


def _parenthesis_depths(tokens: list[Token]) -> list[bool]:
    """For each token, whether more parentheses open than close before it."""
    depth, inside = 0, []
    for token in tokens:
        inside.append(depth > 0)
        depth += {"(": 1, ")": -1}.get(token.text, 0)
    return inside


def _both(tokens: list[Token], token: Token, rules: _Rules) -> tuple[str, str, str] | None:
    """'them both', 'die beiden': two people at once; the phrase's length travels in the third field."""
    for phrase in rules.both:
        words = [t.text.casefold() for t in tokens[token.i:token.i + len(phrase)]]
        if tuple(words) == phrase:
            return "both", "", str(len(phrase))
    return None


def _add_both(reading: Reading, token: Token, length: str, ranked: list[tuple[float, str]], index: int,
              ambiguities: list[Ambiguity]) -> None:
    end = token.i + int(length)
    if len(ranked) < 2:
        return
    # a third candidate from the same sentence, as good as the second, leaves it open
    uncertain = len(ranked) > 2 and ranked[2][0] - ranked[1][0] < _TIE and ranked[2][0] < 0.9
    if uncertain:
        ambiguities.append(Ambiguity(index, reading.span(token.i, end), tuple(k for _, k in ranked[:3]),
                                     reading.text))
    for _, key in ranked[:2]:
        insert_mention(reading, Mention(surface=reading.span(token.i, end), key=key, start=token.i, end=end,
                                 main=token.main, via="pronoun", uncertain=uncertain))


def _pronoun(tokens: list[Token], token: Token, rules: _Rules) -> tuple[str, str, str] | None:
    """(kind, gender, "") for a third-person singular pronoun: subject, object, reflexive or possessive."""
    word = token.text.casefold()
    if token.tag in rules.possessive_tags and word in rules.possessives:
        return "possessive", rules.possessives[word], ""
    if token.tag not in rules.personal_tags:
        return None
    if word in rules.reflexive:
        return "reflexive", rules.reflexive[word], ""
    verb = _adjacent_finite_verb(tokens, token.i, rules)
    plural = verb is not None and _plural(verb.text, rules)
    if word in rules.plural_pronouns and (plural or word not in rules.subject):
        return "plural", "", ""  # "they", "Ihre Nachforschungen führen sie"
    if word in rules.subject and (verb is not None or word not in rules.object):
        if plural:
            return None
        return "subject", rules.subject[word], ""
    if word in rules.object:
        return "object", rules.object[word], ""
    return None


def _adjacent_finite_verb(tokens: list[Token], i: int, rules: _Rules) -> Token | None:
    for k in (i + 1, i - 1):
        if 0 <= k < len(tokens) and tokens[k].tag in rules.finite and tokens[k].clause == tokens[i].clause:
            return tokens[k]
    return None


def _plural(verb: str, rules: _Rules) -> bool:
    folded = verb.casefold()
    return folded in rules.plural_verbs or folded.endswith(rules.plural_endings) if rules.plural_endings else \
        folded in rules.plural_verbs


def _description(reading: Reading, token: Token, rules: _Rules, lex: Lexicon,
                 people: dict[str, Person]) -> tuple[str, str, str] | None:
    """'der Agent', 'the mole': a definite article, adjectives, and a role noun said of someone before."""
    if token.text.casefold() not in rules.definite:
        return None
    tokens = reading.tokens
    k = token.i + 1
    while k < len(tokens) and tokens[k].word and not tokens[k].capitalised and tags.is_adjective(tokens[k].tag):
        k += 1
    if k >= len(tokens) or not tokens[k].word:
        return None
    noun = tokens[k]
    following = tokens[k + 1] if k + 1 < len(tokens) else None
    # "der Agent Mara", "the agent Reed": a title before a name, not a description
    if following is not None and following.word and following.capitalised and following.tag in \
            lex.language.proper_noun_tags:
        return None
    role = _role_key(noun.text, lex)
    if not role or lex.role(noun.text) is None and lex.role(dictionary_form(noun.text, lex.language)) is None \
            or not any(role in person.roles for person in people.values()):
        return None
    kind = "genitive" if token.text.casefold() in rules.genitive_articles or (
        following is not None and following.text in ("'s", "’s")) else "description"
    return kind, "", role


def _description_end(tokens: list[Token], i: int) -> int:
    k = i + 1
    while k < len(tokens) and not (tokens[k].word and (tokens[k].capitalised or tags.is_nominal(tokens[k].tag))):
        k += 1
    return min(k + 1, len(tokens))


def _role_key(word: str, lex: Lexicon) -> str:
    """A role noun as it is compared: its dictionary form, case-folded."""
    return dictionary_form(word, lex.language).casefold()


def role_keys(role: str, lex: Lexicon) -> frozenset[str]:
    """'DIA-Agentin' is said of an 'agentin' and of a 'dia-agentin'."""
    if not role:
        return frozenset()
    whole = _role_key(role, lex)
    return frozenset({whole, _role_key(role.split("-")[-1], lex)})


def _owned_apart(tokens: list[Token], token: Token, kind: str, rules: _Rules) -> bool:
    """'seine Leiche', 'his body': a possessive whose noun is never the subject's own."""
    following = tokens[token.i + 1] if token.i + 1 < len(tokens) else None
    return kind == "possessive" and following is not None and following.text.casefold() in rules.not_own


def _rank(seen: list[_Seen], index: int, reading: Reading, token: Token, kind: str, gender: str, role: str,
          people: dict[str, Person], rules: _Rules) -> list[tuple[float, str]]:
    """Candidates as (score, key), best (lowest) first; one entry per key."""
    tokens = reading.tokens
    # "Katya meets Daniel and offers him the ledger": an object pronoun is not the subject of its verb
    predicate_subject = next((c for c in reversed(seen) if c.sentence == index and c.subject), None)
    # "Ollie goes home, but Hawley kills him": after "but" the verb may have a subject of its own
    if predicate_subject is not None and any(_opens_clause(t, rules) and t.text.casefold() not in rules.coordinators
                                             for t in tokens[predicate_subject.position + 1:token.i]):
        predicate_subject = None
    owned_apart = predicate_subject is not None and _owned_apart(tokens, token, kind, rules)
    # "Arno sucht Till, und beide treffen sich": 'both' as a subject includes the subject before
    if kind == "both" and token.i > 0 and (tokens[token.i - 1].text == ","
                                           or tokens[token.i - 1].text.casefold() in rules.coordinators):
        predicate_subject = None
    best: dict[str, float] = {}
    for candidate in seen:
        person = people.get(candidate.key)
        if person is None:
            continue
        same_sentence = candidate.sentence == index
        same_clause = same_sentence and tokens[candidate.position].clause == token.clause and not any(
            _opens_clause(t, rules) for t in tokens[candidate.position + 1:token.i])
        if kind == "reflexive":
            if not same_clause:
                continue
        elif kind == "subject" and (same_clause and not _finite_between(tokens, candidate.position, token.i, rules)
                                      or same_sentence and _before_own_verb(tokens, candidate.position, token, rules)) \
                or kind in ("object", "both") and predicate_subject is not None \
                and candidate.key == predicate_subject.key or owned_apart and candidate.key == predicate_subject.key:
            continue
        if kind == "both":
            score = 0.0
        elif role:
            if role not in person.roles:
                continue
            score = 0.0
        elif person.gender == gender:
            score = 0.0
        elif person.gender == "unknown":
            score = _UNKNOWN_GENDER_PENALTY
        else:
            continue
        score += index - candidate.sentence
        if not candidate.subject:
            score += _OBJECT_PENALTY
        if candidate.genitive:
            score += _GENITIVE_PENALTY
        if not same_sentence and not candidate.main:
            score += _SUBORDINATE_PENALTY  # "Bernd erfährt, dass sein Onkel Friedrich stirbt. Er …" is Bernd
        if kind == "possessive" and same_clause and candidate.subject:
            score -= 0.5
        # the nearer of two otherwise equal candidates, by a hair that never decides a tie alone
        score -= candidate.position / 10000 if same_sentence else candidate.sentence / 1000
        if candidate.key not in best or score < best[candidate.key]:
            best[candidate.key] = score
    return sorted(((score, key) for key, score in best.items()), key=lambda pair: pair[0])


def _finite_between(tokens: list[Token], start: int, end: int, rules: _Rules) -> bool:
    """'Arlo goes home thinking he's safe': a finite verb between a name and a subject pronoun makes the
    pronoun the subject of a clause of its own, which may be about the name."""
    return any(t.tag in rules.finite for t in tokens[start + 1:end])


def _before_own_verb(tokens: list[Token], position: int, token: Token, rules: _Rules) -> bool:
    """'Zusammen mit Ada und Ben plant er den Coup', 'Together with Ada and Ben, he plans it': a name with
    no verb between it and a subject pronoun (but the verb the pronoun follows where that verb stands
    second) is in the pronoun's own clause."""
    between = tokens[position + 1:token.i]
    return rules.verb_second and bool(between) and between[-1].tag in rules.finite and not any(
        t.text == "," or t.tag in rules.finite for t in between[:-1])


def _opens_clause(token: Token, rules: _Rules) -> bool:
    """'dass', 'aber', a relative 'den'; not 'den' as the article of 'den Mörder'."""
    return token.text.casefold() in rules.openers and not tags.is_article(token.tag)


def _is_subject(reading: Reading, start: int, end: int, rules: _Rules, lex: Lexicon) -> bool:
    """The first person named in its clause, not inside a prepositional phrase, is taken as its subject."""
    tokens = reading.tokens
    clause = tokens[start].clause
    if tokens[start].reported:  # an infinitive clause has no subject of its own
        return False
    k = start - 1
    while k >= 0 and tokens[k].clause == clause and tokens[k].word and (
            (tags.is_article(tokens[k].tag) or tags.is_adjective(tokens[k].tag) or tags.is_determiner(tokens[k].tag)) or lex.role(tokens[k].text) is not None
            or lex.role(tokens[k].text.split("-")[-1]) is not None):
        k -= 1
    # "den Fall Voss": a name after a common noun is not the clause's subject
    if k >= 0 and tokens[k].clause == clause and tokens[k].word and tokens[k].capitalised \
            and tags.is_nominal(tokens[k].tag) and tokens[k].tag not in lex.language.proper_noun_tags:
        return False
    # "Als Harms Kontakt aufnimmt, …": a conjunction the tagger read as a preposition opens the clause
    if k >= 0 and tokens[k].clause == clause and tokens[k].tag in rules.prepositions \
            and not (_opens_clause(tokens[k], rules) and not tokens[k].main and (k == 0 or tokens[k - 1].clause != clause)):
        return False
    for other in reading.mentions:
        if other.start >= start:
            break
        if tokens[other.start].clause == clause and not other.genitive:
            # "Sternau und Kessel": both subjects of one verb
            return tokens[start - 1].text.casefold() in rules.coordinators and other.end == start - 1 \
                and _is_subject(reading, other.start, other.end, rules, lex)
    # a subject pronoun earlier in the clause: "Dann trifft er Anna"
    return not any(t.clause == clause and t.text.casefold() in rules.subject and t.tag in rules.personal_tags
                   for t in tokens[:start])


