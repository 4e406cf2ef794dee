"""Presence: which people a sentence puts on screen and which it only mentions.

A name in a main clause that is no genitive is on screen unless its phrase says otherwise: the one hunted
("sucht den Bombenleger X"), dead before the story, owned or related only ("Kuriere des Schmugglers X"),
named after a word of memory, picture or grave ("am Grab von X"), or in a clause that tells what had
happened before ("Roth hatte den Chip in Jakob implantiert"). A name in a clause of place ("…, wo
X und Y Roulette spielen") or after a framing phrase ("Der Film endet damit, dass X …") is on screen though
its clause is subordinate, unless the clause says the person hides there. The words are language data (`presence:` in lang/*.yaml).
"""
from __future__ import annotations

from toolkit.extraction.document import Mention, Pass, Reading
from toolkit.extraction.grammar import clause_subject, describes_person
from toolkit.extraction.lexicon import Lexicon
from toolkit.text import tags
from toolkit.text.nlp import FINITE_VERB, Token, whole_words_pattern
from toolkit.text.tails import ends_with_phrase, normalised_tail


def read_presence_marks(reading: Reading, lex: Lexicon) -> None:
    """Set `on_screen` on the mentions whose phrase decides their presence."""
    data = lex.language.section("presence")
    dead_before = {d.character for d in reading.deaths if d.before_story}
    framed = _framed_clause(reading, data.get("framing") or ())
    clauses = _clauses(reading)
    backstory = _Backstory(reading, data.get("backstory_auxiliaries") or (), clauses)
    on_screen_clauses = _continued(clauses, _clauses_of_place(
        clauses, [*(data.get("place_clauses") or ()), *(data.get("action_clauses") or ())], data.get("hiding") or ())
        | ({framed} if framed is not None else set()))
    told = _told(reading, lex, data.get("telling") or {}, clauses)
    for mention in reading.mentions:
        if mention.uncertain:
            continue
        if mention.start in told or _intended(reading, mention, lex, data.get("targets") or {}) \
                or mention.key in dead_before or _late(reading, mention, lex) or _owned(reading, mention, lex) \
                or backstory(mention) \
                or _after_phrase(reading, mention, lex, data.get("hunted") or ()) \
                and mention is not clause_subject(reading, reading.tokens[mention.start].clause, lex=lex) \
                or _after_phrase(reading, mention, lex, lex.language.words("not_presence")):
            mention.on_screen = False
        elif mention.via == "description" and any(m.key == mention.key and m.on_screen is False and not m.via
                                                  for m in reading.mentions):
            mention.on_screen = False  # "Gegners Otto Lamm, dem Sprecher des Hauses": the apposition too
        elif not mention.genitive and reading.tokens[mention.start].clause in on_screen_clauses \
                or _experiencer(reading, mention, data.get("experiencer") or {}):
            mention.on_screen = True


def _phrase_before(reading: Reading, start: int, lex: Lexicon) -> int:
    """Where the phrase of a name begins: back over articles, possessives, adjectives and role nouns."""
    tokens = reading.tokens
    k = start
    # "des Schmugglers Viktor": the noun right before a name is its title, whatever noun it is
    if k > 0 and tokens[k - 1].word and tags.is_noun(tokens[k - 1].tag) \
            and not any(m.start <= k - 1 < m.end for m in reading.mentions):
        k -= 1
    while k > 0 and tokens[k - 1].word and (
            tags.is_adjective(tokens[k - 1].tag) or describes_person(tokens[k - 1], lex)):
        k -= 1
    if k > 0 and (tags.is_article(tokens[k - 1].tag) or tokens[k - 1].text.casefold() in lex.possessives):
        k -= 1
    return k


def _after_phrase(reading: Reading, mention: Mention, lex: Lexicon, phrases) -> bool:
    """The name's phrase follows one of `phrases` ("sucht den Bombenleger X", "the grave of X")."""
    folded = [" ".join(p.split()).casefold() for p in phrases]
    if not folded:
        return False
    k = _phrase_before(reading, mention.start, lex)
    before, whole = normalised_tail(reading.text, reading.tokens[k].start, max(map(len, folded)), _folded)
    return any(ends_with_phrase(before, whole, p) for p in folded)


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _owned(reading: Reading, mention: Mention, lex: Lexicon) -> bool:
    """'Kuriere des Schmugglers X', 'couriers of the smuggler X', 'den Vater ihres Verlobten X': named only as
    the owner or relative of a noun before it."""
    tokens = reading.tokens
    k = _phrase_before(reading, mention.start, lex)
    linker = tokens[k].text.casefold() if k < mention.start else ""
    genitive_word = linker in lex.function_words.genitive_of and tags.is_article(tokens[k].tag) \
        or linker in lex.possessives and lex.language.nouns_capitalised
    if not genitive_word and k > 0 and tokens[k - 1].text.casefold() in lex.function_words.genitive_of \
            and not tags.is_article(tokens[k - 1].tag):
        k, genitive_word = k - 1, True  # "of the smuggler": the preposition before the phrase
    if not genitive_word or k == 0:
        return False
    head = tokens[k - 1]
    # "mithilfe der Agentin Wiebke", "in the company of X": with the help or company of someone is with them
    along = {w.casefold() for w in lex.language.section("presence").get("company_nouns") or ()}
    return head.word and tags.is_noun(head.tag) and head.text.casefold() not in along \
        and not any(m.start <= k - 1 < m.end for m in reading.mentions)


def _told(reading: Reading, lex: Lexicon, data: dict, clauses: dict[int, list[Token]]) -> set[int]:
    """'Ada tells Tom that Kurt betrayed them', 'Jay hears that a man shot Ivo', 'X tells Y the case is closed:
    Z killed W': the tokens of what is told or learnt, whose people are talked about. What is told runs from
    the 'that' (or the colon) to the end of its clause, and on through clauses that name no subject of their
    own before their verb ("…, and shot Ivo dead"). Each clause is read once."""
    tokens = reading.tokens
    verbs = {w.casefold() for w in data.get("verbs") or ()} | lex.language.lower_words("reporting_words")
    openers = {w.casefold() for w in data.get("openers") or ()}
    colon = next((t.i for t in tokens if t.text == ":"), None)
    starts = {m.start for m in reading.mentions}
    told: set[int] = set()
    done: set[int] = set()
    for verb in tokens:
        if verb.text.casefold() not in verbs:
            continue
        opener = next((t for t in tokens[verb.i + 1:verb.i + 5] if t.text.casefold() in openers), None) \
            or (tokens[colon] if colon is not None and colon > verb.i else None)
        following = next((t for t in tokens[opener.i + 1:] if t.word), None) if opener is not None else None
        if following is None:
            continue
        clause = opener.clause if opener.text != ":" else following.clause
        told |= {t.i for t in clauses.get(clause, ()) if t.i > opener.i}
        while clause + 1 in clauses and clause + 1 not in done and not _own_subject(clauses[clause + 1], starts, lex):
            clause += 1
            done.add(clause)
            told |= {t.i for t in clauses[clause]}
    return told


def _own_subject(clause: list[Token], starts: set[int], lex: Lexicon) -> bool:
    """A person or pronoun stands in the clause before its first finite verb (or it has no verb at all)."""
    verb = next((t.i for t in clause if t.word and FINITE_VERB.match(t.tag)), None)
    if verb is None:
        return True
    return any(t.i < verb and (t.i in starts or t.text.casefold() in lex.pronouns) for t in clause)


def _intended(reading: Reading, mention: Mention, lex: Lexicon, data: dict) -> bool:
    """'to stop Kurt', 'pressure on Tom to deliver Ada': the object of an infinitive of pursuit is a target,
    unless the verb before it says it is done ("manages to stop Kurt")."""
    tokens = reading.tokens
    k = _phrase_before(reading, mention.start, lex)
    while k > 2 and tokens[k - 1].word and (tags.is_common_noun(tokens[k - 1].tag) or tags.is_article(
            tokens[k - 1].tag) or tags.is_adjective(tokens[k - 1].tag)) and mention.start - k < 5:
        k -= 1  # "to stop the arms dealer Sergio"
    if k < 2 or not tags.is_any_infinitive(tokens[k - 1].tag) or not tags.is_infinitive_marker(tokens[k - 2].tag) \
            or tokens[k - 1].text.casefold() not in {w.casefold() for w in data.get("verbs") or ()}:
        return False
    return k < 3 or tokens[k - 3].text.casefold() not in {w.casefold() for w in data.get("achieved") or ()}


def _experiencer(reading: Reading, mention: Mention, data: dict) -> bool:
    """'Zu seinem Entsetzen …', 'To her relief …': the one whose feeling the sentence tells is there."""
    tokens = reading.tokens
    if not mention.genitive or mention.start < 1 or mention.end >= len(tokens) or not mention.main:
        return False
    before = {w.casefold() for w in data.get("before") or ()}
    nouns = {w.casefold() for w in data.get("nouns") or ()}
    return tokens[mention.start - 1].text.casefold() in before and tokens[mention.end].text.casefold() in nouns


def _late(reading: Reading, mention: Mention, lex: Lexicon) -> bool:
    """'ihrem verstorbenen Ehemann Knut', 'his late wife Clara': dead before the story, in the name's phrase."""
    dead = {w.casefold() for w in lex.language.deaths.get("already_dead") or ()}
    start = _phrase_before(reading, mention.start, lex)
    return any(t.text.casefold() in dead for t in reading.tokens[start:mention.start])


def _clauses(reading: Reading) -> dict[int, list[Token]]:
    """The tokens of each clause of the sentence, in order."""
    clauses: dict[int, list[Token]] = {}
    for token in reading.tokens:
        clauses.setdefault(token.clause, []).append(token)
    return clauses


class _Backstory:
    """'Roth hatte den Chip in Jakob implantiert', 'that Wolfe had built the bomb': a clause in the
    pluperfect tells what happened before the scene; its people are talked about. Each clause is read
    once, so a sentence of any length and any number of names takes time in proportion to it."""

    def __init__(self, reading: Reading, auxiliaries, clauses: dict[int, list[Token]]):
        folded = {a.casefold() for a in auxiliaries}
        self.reading = reading
        self.pluperfect: dict[int, int] = {}  # clause -> its auxiliary's token, where a participle follows
        for number, clause in clauses.items():
            aux = next((t.i for t in clause if t.text.casefold() in folded), None)
            if aux is not None and any(t.i > aux and tags.is_past_participle(t.tag) for t in clause):
                self.pluperfect[number] = aux
        self.finite_before = [0]  # finite verbs among the tokens before each position
        for token in reading.tokens:
            self.finite_before.append(self.finite_before[-1] + bool(FINITE_VERB.match(token.tag)))

    def __call__(self, mention: Mention) -> bool:
        aux = self.pluperfect.get(self.reading.tokens[mention.start].clause)
        if aux is None:
            return False
        # "Lisa learns that Wolfe had built": a verb of her own between her and the pluperfect keeps her there
        return mention.end >= aux or self.finite_before[aux] == self.finite_before[mention.end]


def _framed_clause(reading: Reading, phrases) -> int | None:
    """The clause a framing phrase opens ("Der Film endet damit, dass …"), or None."""
    folded = reading.text.casefold()
    ends = [m.end() for p in phrases for m in whole_words_pattern(p.casefold()).finditer(folded)]
    first = next((t for t in reading.tokens if ends and t.start >= min(ends) and t.word), None)
    return first.clause if first is not None else None


def _clauses_of_place(clauses: dict[int, list[Token]], openers, hiding) -> set[int]:
    """'…, wo X und Y spielen', '…, where X meets Y': clauses that tell what happens at the place; not where
    someone hides ("…, wo Ilsa sich versteckt hält")."""
    opening = {o.casefold() for o in openers}
    hidden = {h.casefold() for h in hiding}
    found = set()
    for number, tokens in clauses.items():
        words = [t.text.casefold() for t in tokens if t.word]
        if words and words[0] in opening and not hidden.intersection(words):
            found.add(number)
    return found


def _continued(clauses: dict[int, list[Token]], found: set[int]) -> set[int]:
    """'…, wo Nadja, Egon und eine Delegation … besuchen': a clause with no finite verb of its own goes
    on in the next one, which tells the same scene."""
    more = set(found)
    for number in sorted(found):
        while number in clauses and not any(FINITE_VERB.match(t.tag) for t in clauses[number]) \
                and number + 1 in clauses:
            number += 1
            more.add(number)
    return more


PASS = Pass("presence", read_presence_marks, reads=("text", "tokens", "mentions", "deaths"),
            writes=("mentions.on_screen",))
