"""Fates: who is killed by whom, who dies, whose death is faked or only presumed."""
from __future__ import annotations

import re

from toolkit.extraction.document import (
    DeathClaim,
    Mention,
    Pass,
    Reading,
)
from toolkit.extraction.grammar import (
    after_aside,
    clause_subject,
    complement_of_noun,
    describes_person,
    description_before,
)
from toolkit.extraction.lexicon import (
    Lexicon,
)
from toolkit.text import tags
from toolkit.text.nlp import (
    FINITE_VERB,
    Token,
    find_phrase,
)


def read_fates(reading: Reading, lex: Lexicon) -> None:
    """Deaths a sentence tells: killings, active and passive, deaths, bodies found, fakes and stagings."""
    tokens = reading.tokens
    people = [m for m in reading.mentions if not m.genitive and not m.uncertain]
    # "Pym tells Lowe the case is closed: Roper killed Dunne" is a version, not an event
    report = next((t.i for t in tokens if t.text.casefold() in lex.language.lower_words("reporting_words")), None)
    for i, token in enumerate(tokens):
        word = token.text.casefold()
        if token.reported or report is not None and i > report and _reports(tokens[report], token):
            continue
        # active: "Nadja tötet Brandt", "Nadja erschießt Konrad", "Koenig kills Vance"
        passive = word in lex.passive_participles and _after_auxiliary(tokens, token, lex)
        if _noun_use(reading, token, lex):
            continue  # "investigates the murder of X", "Ada's murder": a noun, read by the death events pass
        perfect = not passive and word in lex.passive_participles and any(
            t.text.casefold() in lex.language.deaths.get("perfect_auxiliaries", ()) and t.clause == token.clause
            for t in tokens)  # "Tom hat Ada erschossen"
        if _state_found(tokens, token, lex):
            continue  # "Sie finden Ada ermordet": the death events pass reads the one found
        if not passive and word in lex.killing_verbs or perfect or (word in lex.separable and any(
                t.text.casefold() == lex.separable[word] for t in tokens[i + 1:])):
            _active_killing(reading, people, token, lex)
            continue
        # passive: "X wurde getötet", "X was killed by Y"
        if word in lex.passive_participles:
            _passive_killing(reading, people, token, lex)
    _found_dead(reading, people, lex)
    _dying(reading, people, report, lex)
    _already_dead(reading, people, lex)
    _presumed_dead(reading, people, lex)
    _faked(reading, people, lex)
    _staged(reading, lex)
    _fabricated(reading, lex)


def _state_found(tokens: list[Token], token: Token, lex: Lexicon) -> bool:
    """'Sie finden Ada ermordet', 'finds Ada murdered': a participle after a verb of finding in its clause
    says in what state someone was found."""
    finding = {w.casefold() for w in (lex.language.deaths.get("found_dead") or {}).get("found") or ()}
    return token.text.casefold() in lex.passive_participles and not FINITE_VERB.match(token.tag) and any(
        t.text.casefold() in finding and t.clause == token.clause for t in tokens[:token.i])


def _active_killing(reading: Reading, people: list[Mention], token: Token, lex: Lexicon) -> None:
    """'Nadja tötet Brandt', 'Koenig kills Vance', 'X lässt Y töten': who kills whom with an active verb."""
    tokens, i = reading.tokens, token.i
    killer_mention = next((m for m in reversed(people) if m.end <= i and tokens[m.start].clause == token.clause), None)
    if i > 0 and tokens[i - 1].text.casefold() in lex.membership_words.coordinators:
        # "stellt den Mörder Falk und erschießt ihn": a second verb shares the clause's subject
        killer_mention = clause_subject(reading, token.clause, lex=lex) or killer_mention
    killer = killer_mention.key if killer_mention else _pronoun_before(tokens, i, token.clause, lex)
    victim = next((m for m in people if m.start > i and tokens[m.start].clause == token.clause), None)
    # "X lässt Y töten", "X has Y killed", verb-final "dass X Y töten ließ"
    causing = next((t for t in [*tokens[:i], *tokens[i + 1:i + 2]]
                    if t.text.casefold() in lex.causing_verbs and t.clause == token.clause), None)
    if tags.is_any_infinitive(token.tag) and causing is None and not _achieved(tokens, i, lex):
        return  # "wants to kill Ada", "will shoot Ada": meant, not done
    if causing is not None and causing.i > i and _owns_next_noun(tokens, people, i):
        return  # "dass Gerd Annas Familie töten ließ": the family is killed, not Anna
    before_verb = [m for m in people if m.end <= i and tokens[m.start].clause == token.clause]
    after_verb = [m for m in people if m.start > i and tokens[m.start].clause == token.clause]
    ordered = _ordered_killing(before_verb, causing)
    if ordered is not None:
        killer, victim = ordered
    if killer is None and len(after_verb) >= 2 and lex.language.verb_second and all(
            tags.is_article(t.tag) or tags.is_adjective(t.tag) or describes_person(t, lex)
            for t in tokens[i + 1:after_verb[0].start]) and not any(
            tags.is_verb(t.tag) for t in tokens[after_verb[0].end:after_verb[1].start]):
        # verb second, subject after it: "Dort erschießt er sie"
        killer, victim = after_verb[0].key, after_verb[1]
    if victim is None and len(before_verb) >= 2 and before_verb[0].start != before_verb[1].start:
        # verb last: "dass Nadja Brandt tötet"
        killer, victim = before_verb[0].key, before_verb[1]
    elif victim is None and len(before_verb) == 1 and _opens_relative_clause(tokens, token.clause, lex):
        # "die Killerin Nadja, die Weber erschießt": the relative pronoun is the killer
        antecedent = next((m for m in reversed(people) if tokens[m.start].clause < token.clause), None)
        if antecedent is not None:
            killer, victim = antecedent.key, before_verb[0]
    if killer is None and victim is None:
        return
    if killer is not None and victim is None:
        # "kills Tom's wife", "als er Annas Mann töten ließ": a kin noun of someone named, no name of its own
        described = _kin_described(reading, token.clause, killer_mention.end if killer_mention else 0, lex)
        if described is not None:
            reading.deaths.append(DeathClaim(described[0], "killed", killer, reading.text, described[1]))
            return
    if killer is not None and victim is None and lex.language.verb_second:
        # verb-second with the object before it: "Konrad tötet Nadja" is the usual order; keep it
        return
    if killer is not None and victim is not None and killer != victim.key:
        for each in _together(people, victim):
            reading.deaths.append(DeathClaim(each.key, "killed", killer, reading.text,
                                             tokens[each.start].start))


def _in_clause_past_aside(tokens: list[Token], mention: Mention, clause: int) -> bool:
    """Whether a name stands in the clause, or right before it past a performer's aside ("X (Ada Roe) is
    poisoned": the parentheses close a clause of their own)."""
    after = after_aside(tokens, mention.end)
    return tokens[mention.start].clause == clause or mention.end < after < len(tokens) and tokens[after].clause == clause


def _passive_killing(reading: Reading, people: list[Mention], token: Token, lex: Lexicon) -> None:
    """'X wurde getötet', 'X was killed by Y': the victims of a passive, and by whom."""
    tokens = reading.tokens
    aux = [t for t in tokens if t.text.casefold() in lex.passive_auxiliaries and t.clause == token.clause]
    if not aux:
        return
    # "the bodyguard of the banker Holt is killed", "vor den Augen von Tilo": a noun's complement is not the one
    candidates = [m for m in people if _in_clause_past_aside(tokens, m, token.clause)
                  and not complement_of_noun(reading, m, lex)]
    not_agents = [m for m in candidates if m.start == 0 or tokens[m.start - 1].text.casefold() not in lex.function_words.by]
    # "Mara returns after her partner Tom is shot": the name nearest before the auxiliary is the one it happens to
    auxiliary = max((t.i for t in aux if t.i < token.i), default=aux[0].i)
    before = [m for m in not_agents if m.end <= auxiliary]
    victim = before[-1] if before else next(iter(not_agents), None)
    if victim is None and _opens_relative_clause(tokens, token.clause, lex):
        # "den Informanten Brenneke, der kurz darauf erschossen wird", "Roche, who is shot moments after"
        victim = clause_subject(reading, token.clause, lex=lex)
    if victim is None:
        victim = _subject_before_a_relative_clause(reading, people, token.clause)
    agent = next((m for m in candidates if m.start > 0 and tokens[m.start - 1].text.casefold() in lex.function_words.by),
                 None)
    if victim is not None:
        for each in _listed_before(reading, people, victim, aux, lex):
            reading.deaths.append(DeathClaim(each.key, "killed", agent.key if agent else "", reading.text,
                                             tokens[each.start].start))
        return
    described = _kin_described(reading, token.clause, 0, lex)
    if described is not None:  # "seine Frau wird erschossen", "Tom's wife is shot"
        reading.deaths.append(DeathClaim(described[0], "killed", agent.key if agent else "", reading.text,
                                         described[1]))
        return
    # "After Ada tells Tom, he's murdered": a pronoun subject coreference left open; the latest of its gender
    pronoun = _pronoun_subject(reading, token, aux[0], lex)
    if pronoun is not None:
        reading.deaths.append(DeathClaim(f"pronoun:{lex.pronouns[pronoun.text.casefold()]}", "killed",
                                         agent.key if agent else "", reading.text, pronoun.start))


def _subject_before_a_relative_clause(reading: Reading, people: list[Mention], clause: int) -> Mention | None:
    """'Ihr Sohn Finn, der auf der Fähre arbeitet, wird erschossen': the clause resumes after a subordinate
    one with its finite verb, so its subject is the name that opened the sentence before it."""
    tokens = reading.tokens
    words = [t for t in tokens if t.clause == clause and t.word]
    inner = [t for t in tokens if t.clause == clause - 1 and t.word]
    if clause < 2 or not words or not inner or not FINITE_VERB.match(words[0].tag) or any(t.main for t in inner):
        return None
    return next((m for m in people if tokens[m.start].clause == clause - 2 and not m.genitive), None)


def _dying(reading: Reading, people: list[Mention], report: int | None, lex: Lexicon) -> None:
    """'stirbt', 'dies': the last person named in a main clause before a verb of dying."""
    tokens, lowered = reading.tokens, reading.text.lower()
    deaths = lex.language.deaths
    for phrase in deaths["dying_verbs"]:
        position = find_phrase(lowered, phrase.lower())
        if position >= 0 and (report is None or position < tokens[report].start):
            verb = next((t.i for t in tokens if t.start >= position), len(tokens))
            # "When Martin dies in an accident, …": a clause of time tells what happens; "if Martin dies" does not
            own = _subject_of_its_clause(reading, people, verb, lex)
            if description_before(reading, verb, lex) and not _after_a_preposition(tokens, verb):
                continue  # "his predecessor dies": someone the text does not name; not "bei einem Unfall stirbt"
            who = own or next((m for m in reversed(people) if tokens[m.start].start < position and m.main), None) \
                or _subject_after_the_verb(reading, people, verb, lex)
            if who is not None and not complement_of_noun(reading, who, lex) \
                    and not any(d.character == who.key and d.status == "dies" for d in reading.deaths):
                reading.deaths.append(DeathClaim(who.key, "dies", "", reading.text, tokens[who.start].start))


def _subject_after_the_verb(reading: Reading, people: list[Mention], verb: int, lex: Lexicon) -> Mention | None:
    """'Bei einem Brand stirbt Wilma', 'Am Ende stirbt auch der Wirt Ansgar', 'In der Nacht erhängt sich Quast':
    where the finite verb stands second, the one named right after it (past adverbs, a reflexive, an article
    and a role) is its subject."""
    tokens = reading.tokens
    if not lex.language.verb_second or verb >= len(tokens) or not FINITE_VERB.match(tokens[verb].tag):
        return None
    k = verb + 1
    while k < len(tokens) and tokens[k].word and (tags.is_adverb_of_either(tokens[k].tag) or tags.is_article(
            tokens[k].tag) or tags.is_adjective(tokens[k].tag) or tags.is_reflexive_pronoun(tokens[k].tag)
            or describes_person(tokens[k], lex)):
        k += 1
    return next((m for m in people if m.start == k and not m.genitive and m.main), None)


def _after_a_preposition(tokens: list[Token], verb: int) -> bool:
    """Whether the noun phrase right before the verb opens with a preposition ("bei einem Unfall stirbt")."""
    k = verb - 1
    while k > 0 and tokens[k].word and not tags.is_preposition(tokens[k].tag) and verb - k < 5:
        k -= 1
    return k >= 0 and tags.is_preposition(tokens[k].tag)


def _subject_of_its_clause(reading: Reading, people: list[Mention], verb: int, lex: Lexicon) -> Mention | None:
    """The one named right before a verb of dying in its own clause, when that clause is no condition."""
    tokens = reading.tokens
    if verb >= len(tokens):
        return None
    clause = [t for t in tokens if t.clause == tokens[verb].clause and t.word]
    conditionals = {w.casefold() for w in lex.language.section("unstated").get("conditionals") or ()}
    if not clause or clause[0].text.casefold() in conditionals or tokens[verb].reported:
        return None
    named = [m for m in people if m.end <= verb and tokens[m.start].clause == tokens[verb].clause and not m.genitive]
    return named[0] if len({m.key for m in named}) == 1 else None


def _already_dead(reading: Reading, people: list[Mention], lex: Lexicon) -> None:
    """'ihrem verstorbenen Ehemann Knut', 'her late husband Tom': dead before the story."""
    tokens, deaths = reading.tokens, lex.language.deaths
    for word in deaths["already_dead"]:
        for match in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", reading.text, flags=re.IGNORECASE):
            # "ihrem verstorbenen Ehemann Knut", "her late husband Tom"; not "the dead man"
            following = [t for t in tokens if t.start >= match.end()][:3]
            who = next((m for m in people if following and m.start in {t.i for t in following}
                        and all(t.i >= m.start or t.text.casefold() in lex.relations for t in following)), None)
            if who is not None:
                reading.deaths.append(DeathClaim(who.key, "dies", "", reading.text, tokens[who.start].start,
                                                 before_story=True))


def _presumed_dead(reading: Reading, people: list[Mention], lex: Lexicon) -> None:
    """'seine tot geglaubte Kollegin Wiebke', 'the presumed-dead agent Kade': alive after all, the person named
    right after the words, past role nouns."""
    tokens = reading.tokens
    for phrase in lex.language.deaths.get("presumed_dead") or ():
        for match in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", reading.text, flags=re.IGNORECASE):
            following = [t for t in tokens if t.start >= match.end()][:3]
            who = next((m for m in people if following and m.start in {t.i for t in following}
                        and all(t.i >= m.start or describes_person(t, lex) or tags.is_adjective(t.tag)
                                for t in following)), None)
            if who is not None:
                reading.deaths.append(DeathClaim(who.key, "presumed_dead_alive", "", reading.text,
                                                 tokens[who.start].start))


def _faked(reading: Reading, people: list[Mention], lex: Lexicon) -> None:
    """'täuscht seinen Tod vor', 'fakes his death': the last person named before the phrase."""
    tokens, lowered = reading.tokens, reading.text.lower()
    deaths = lex.language.deaths
    for phrase in deaths["faked"]:
        position = find_phrase(lowered, phrase.lower())
        if position >= 0:
            who = next((m for m in reversed(people) if tokens[m.start].start < position), None)
            if who is not None:
                reading.deaths.append(DeathClaim(who.key, "faked_death", "", reading.text, tokens[who.start].start))
                break


def _staged(reading: Reading, lex: Lexicon) -> None:
    """A staged death: the one a possessive before the phrase points back to only seemed to die."""
    lowered, deaths = reading.text.lower(), lex.language.deaths
    for phrase in deaths["staged"]:
        position = find_phrase(lowered, phrase.lower())
        if position < 0:
            continue
        # "ihr „Tod“ ... inszeniert": the possessive points back to the one who only seemed to die
        owner = _staged_owner(reading, position, lex)
        if owner is not None:
            reading.deaths.append(DeathClaim(owner, "presumed_dead_alive", "", reading.text, position))
            break


def _owns_next_noun(tokens: list[Token], people: list[Mention], verb: int) -> bool:
    """The last person before the verb stands before a noun: a genitive, not the one killed."""
    last = next((m for m in reversed(people) if m.end <= verb), None)
    return last is not None and last.end < verb and tags.is_common_noun(tokens[last.end].tag)


def _ordered_killing(before_verb: list[Mention], causing: Token | None) -> tuple[str, Mention] | None:
    """'Kovac has Lucy killed': whoever stands before the causing verb has the one after it killed."""
    if causing is None:
        return None
    ahead = [m for m in before_verb if m.end <= causing.i]
    between = [m for m in before_verb if m.start > causing.i]
    if ahead and between and ahead[-1].key != between[0].key:
        return ahead[-1].key, between[0]
    return None


def _together(people: list[Mention], victim: Mention) -> list[Mention]:
    """'kills them both': every person coreference put on the same words."""
    return [m for m in people if m.start == victim.start] or [victim]


def _listed_before(reading: Reading, people: list[Mention], victim: Mention, aux: list[Token],
                   lex: Lexicon) -> list[Mention]:
    """'Pruitt, Salazar and most of both gangs are wiped out': every name of the list before the verb."""
    tokens = reading.tokens
    first_aux = aux[0].i
    if victim.end > first_aux:
        return [victim]
    listed = [victim]
    for mention in reversed([m for m in people if m.end <= victim.start]):
        between = tokens[mention.end:listed[-1].start]
        if not between or not all(t.text == "," or t.text.casefold() in lex.membership_words.coordinators for t in between):
            break
        listed.append(mention)
    following = [m for m in people if victim.end <= m.start < first_aux]
    for mention in following:
        between = tokens[(listed[0] if len(listed) == 1 else victim).end:mention.start]
        if all(not (tags.is_verb(t.tag) or tags.is_german_preposition(t.tag)) for t in between):
            listed.append(mention)
    return listed


def _found_dead(reading: Reading, people: list[Mention], lex: Lexicon) -> None:
    """'wird tot in ihrer Wohnung aufgefunden', 'finds Owen's body': a death shown by what is found."""
    data = lex.language.section("deaths", "found_dead")
    dead_words = {w.casefold() for w in data.get("dead") or ()}
    found_words = {w.casefold() for w in data.get("found") or ()}
    bodies = {w.casefold() for w in data.get("bodies") or ()}
    tokens = reading.tokens
    for token in tokens:
        folded = token.text.casefold()
        attributive = token.i + 1 < len(tokens) and tags.is_noun(tokens[token.i + 1].tag)  # "the dead girl"
        # "wird tot aufgefunden", "is found dead", "is found strangled"; "finds Ada dead" is the death events pass's
        killed = folded in lex.passive_participles and any(t.text.casefold() in found_words
                                                           for t in tokens[max(0, token.i - 1):token.i + 2] if t is not token)
        if (folded in dead_words or killed) and not attributive and any(
                t.text.casefold() in found_words and t.clause == token.clause and not FINITE_VERB.match(t.tag)
                for t in tokens):
            who = clause_subject(reading, token.clause, lex=lex)
            if who is not None and not who.uncertain and not who.genitive:
                reading.deaths.append(DeathClaim(who.key, "killed" if killed else "dies", "", reading.text,
                                                 tokens[who.start].start))
        elif folded in bodies and any(t.lemma.casefold() in found_words and (t.clause == token.clause or _next_verb(
                tokens, token, t, lex)) for t in tokens):
            owner = next((m for m in reading.mentions if m.end == token.i and m.genitive and not m.uncertain), None) \
                or _named_after(reading, token)
            if owner is not None:  # dead already: the scene shows the body, not the death
                reading.deaths.append(DeathClaim(owner.key, "dies", "", reading.text, tokens[owner.start].start,
                                                 before_story=True))


def _next_verb(tokens: list[Token], noun: Token, verb: Token, lex: Lexicon) -> bool:
    """'the body of a nurse, Amy Roe, is found': the verb after the noun and its apposition, with only a
    passive's auxiliary between them."""
    return verb.i > noun.i and not any(FINITE_VERB.match(t.tag) and t.text.casefold() not in lex.passive_auxiliaries
                                       for t in tokens[noun.i + 1:verb.i])


def _named_after(reading: Reading, body: Token) -> Mention | None:
    """'the body of a young clerk, Ada Lorne,', 'die Leiche der Journalistin Ada Lorne': the first person named
    after the noun, with no verb between."""
    tokens = reading.tokens
    for mention in reading.mentions:
        # "the body of her informant Theo": the possessive is the informant's owner, not the dead
        # "the body of a young clerk, Ada Lorne, is found": the apposition may open a clause of its own
        if mention.start > body.i and not mention.uncertain and not mention.genitive \
                and (tokens[mention.start].clause == body.clause or mention.start - body.i <= 8):
            between = tokens[body.i + 1:mention.start]
            return mention if between and not any(tags.is_verb(t.tag) for t in between) else None
    return None


def _fabricated(reading: Reading, lex: Lexicon) -> None:
    """'they made a story about how Noa shot Falk': the killing told in a cover story did not happen."""
    lowered = reading.text.lower()
    position = min((p for p in (find_phrase(lowered, phrase.casefold())
                                for phrase in lex.language.deaths.get("fabricated") or ()) if p >= 0), default=-1)
    if position < 0:
        return
    reading.deaths = [DeathClaim(d.character, "presumed_dead_alive", "", d.evidence, d.offset)
                      if d.status == "killed" and d.offset > position else d for d in reading.deaths]


def _after_auxiliary(tokens: list[Token], participle: Token, lex: Lexicon) -> bool:
    """'X wurde getötet', 'X was killed'; German sets the participle at the clause's end: 'wird er vor den Augen
    von Tilo ermordet'."""
    window = tokens[:participle.i] if lex.language.verb_second else tokens[max(0, participle.i - 2):participle.i]
    return any(t.text.casefold() in lex.passive_auxiliaries and t.clause == participle.clause for t in window)


KIN = ("wife_of", "husband_of", "son_of", "daughter_of", "parent_of", "sibling_of")


def _kin_described(reading: Reading, clause: int, start: int, lex: Lexicon) -> tuple[str, int] | None:
    """'Toms Frau', 'his wife', 'Ada's father' with no name after it, from token `start` on in the clause:
    ('kin:TYPE:OWNER', offset) for the story to name through its relations."""
    tokens = reading.tokens
    for owner in reading.mentions:
        if not owner.genitive or owner.uncertain or owner.start < start or owner.key.startswith("pronoun:") \
                or tokens[owner.start].clause != clause or owner.end >= len(tokens):
            continue
        noun = tokens[owner.end]
        relation = lex.relations.get(noun.text.casefold()) or {}
        if relation.get("type") not in KIN or relation.get("inverse"):
            continue
        named_after = any(m.start == owner.end + 1 and not m.genitive for m in reading.mentions)
        if not named_after:
            return f"kin:{relation['type']}:{owner.key}", noun.start
    return None


def _achieved(tokens: list[Token], i: int, lex: Lexicon) -> bool:
    """'manages to kill Ada': an infinitive after a verb that says it was done."""
    done = {w.casefold() for w in lex.language.deaths.get("achieved") or ()}
    return i >= 2 and tags.is_infinitive_marker(tokens[i - 1].tag) and tokens[i - 2].text.casefold() in done


def _noun_use(reading: Reading, token: Token, lex: Lexicon) -> bool:
    """A killing word after an article, a possessive or a genitive name is a noun ("the murder", "his killing")."""
    if token.i == 0:
        return False
    before = reading.tokens[token.i - 1]
    return tags.is_article(before.tag) or before.text.casefold() in lex.possessives \
        or any(m.genitive and m.end == token.i and not m.via for m in reading.mentions)


def _reports(report: Token, token: Token) -> bool:
    """A reporting word covers what follows it; in a subordinate clause only that clause ("After Ada tells
    Tom, he's shot": the shooting is told, not reported)."""
    return report.main or report.reported or token.clause == report.clause


def _pronoun_subject(reading: Reading, participle: Token, aux: Token, lex: Lexicon) -> Token | None:
    """The personal pronoun right before the passive's auxiliary ("he's murdered", "er wird erschossen" after
    the verb: "wird er erschossen"), when no certain mention stands on it."""
    tokens = reading.tokens
    around = [tokens[k] for k in (aux.i - 1, aux.i + 1) if 0 <= k < len(tokens)]
    pronoun = next((t for t in around if t.clause == participle.clause and t.text.casefold() in lex.pronouns), None)
    if pronoun is None or any(m.start == pronoun.i and not m.uncertain for m in reading.mentions):
        return None
    plural = lex.language.section("coreference")
    folded = aux.text.casefold()
    if folded in (plural.get("plural_verbs") or ()) or folded.endswith(tuple(plural.get("plural_verb_endings") or ())):
        return None  # "sie werden erschossen": they, not she
    return pronoun


def _opens_relative_clause(tokens: list[Token], clause: int, lex: Lexicon) -> bool:
    first = next((t for t in tokens if t.clause == clause and t.word), None)
    return first is not None and first.text.casefold() in lex.function_words.relatives


def _pronoun_before(tokens: list[Token], i: int, clause: int, lex: Lexicon) -> str | None:
    """'where she shoots de Groot': the pronoun subject of a killing verb, for the resolver to name."""
    for token in reversed(tokens[:i]):
        if token.clause != clause:
            break
        gender = lex.pronouns.get(token.text.casefold())
        if gender:
            return f"pronoun:{gender}"
    return None


def _staged_owner(reading: Reading, position: int, lex: Lexicon) -> str | None:
    tokens = reading.tokens
    before = [t for t in tokens if t.end <= position]
    for token in reversed(before[-3:]):
        gender = lex.possessives.get(token.text.casefold())
        if gender:
            return f"pronoun:{gender}"
    named = [m for m in reading.mentions if tokens[m.start].start < position and not m.genitive]
    return named[-1].key if named else None


PASS = Pass("fates", read_fates, reads=("text", "tokens", "mentions"), writes=("deaths",))
