"""People a synopsis names who are not in its story: performers, the makers of the work, comparisons.

TV and film pages write `Kommissarin Lena Berg (Anna Lindqvist)`, `Lena Berg, played by Anna Lindqvist`,
a credits line `mit Anna Lindqvist, Jan Ostrowski und Eva Lutz.`, `ein Thriller von Tom Reiss`,
`Hitchcocks Bearbeitung` or `ein Mann wie Sherlock Holmes`. The names in such places are no characters.
The words that mark them are language data (`names:` in `toolkit/text/lang/*.yaml`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from toolkit.extraction.grammar import describes_person
from toolkit.extraction.lexicon import Lexicon, lexicon_for
from toolkit.text import tags
from toolkit.text.language import Language, load_language
from toolkit.text.nlp import Token
from toolkit.text.tails import ends_with_phrase, normalised_tail

Span = tuple[int, int]
_OPENING = {"„", "“", '"', "‚", "'", "«", "»", "‘"}
_CLOSING = {"“", "”", '"', "‘", "’", "'", "»", "«"}
# what joins names in a list ("X, Y und Z"), and the words that close one ("u. a.", "and others")
_JOINERS = frozenset({",", "und", "and", "&", "sowie"})
_LIST_WORDS = _JOINERS | {"/", "u", "a", ".", "others", "anderen", "weiteren"}


@dataclass(frozen=True)
class Outsider:
    start: int  # token span of the name
    end: int
    kind: str  # performer | maker | comparison
    plays: Span | None = None  # the character a performer plays, when the text names it


@dataclass(frozen=True)
class _Words:
    performer_markers: tuple[str, ...]
    play_verbs: frozenset[str]
    credit_openers: tuple[str, ...]
    work_nouns: tuple[str, ...]
    maker_markers: tuple[str, ...]
    comparison_words: frozenset[str]
    comparison_markers: tuple[str, ...]
    comparison_after: frozenset[str]  # "a Tom Reiss lookalike"
    cast_labels: tuple[str, ...]
    relative_pronouns: frozenset[str]
    by: frozenset[str]
    performer_as: frozenset[str]  # "mit Anna Lindqvist als Lena Berg"  # "a novel by", "ein Thriller von"
    part_markers: tuple[str, ...]  # "die Rolle des Bernd übernimmt X"


def _words(language: Language) -> _Words:
    return _words_for(language.code)


@cache
def _words_for(code: str) -> _Words:
    data = load_language(code).section("names")
    function_words = load_language(code).section("function_words")

    def folded(key: str) -> tuple[str, ...]:
        return tuple(w.casefold() for w in data.get(key) or ())

    return _Words(folded("performer_markers"), frozenset(folded("play_verbs")), folded("credit_openers"),
                  folded("work_nouns"), folded("maker_markers"), frozenset(folded("comparison_words")),
                  folded("comparison_markers"), frozenset(folded("comparison_after")), folded("cast_labels"),
                  frozenset(function_words.get("person_relatives") or ()), frozenset(function_words.get("by") or ()),
                  frozenset(folded("performer_as")), folded("part_markers"))


def find_outsiders(tokens: list[Token], text: str, spans: list[Span], language: Language) -> list[Outsider]:
    """Which of the name `spans` of a sentence are performers, makers or comparisons."""

    words = _words(language)
    found: dict[Span, Outsider] = {}
    for outsider in (*_in_parentheses(tokens, text, spans, words), *_after_markers(tokens, text, spans, words),
                     *_players(tokens, spans, words, lexicon_for(language)), *_credits(tokens, text, spans, words),
                     *_makers(tokens, spans, words), *_comparisons(tokens, spans, words, language),
                     *_cast_as(tokens, text, spans, words, lexicon_for(language)),
                     *_part_given(tokens, text, spans, words)):
        known = found.get((outsider.start, outsider.end))
        if known is None or known.kind == outsider.kind and known.plays is None and outsider.plays is not None:
            found[(outsider.start, outsider.end)] = outsider  # the reading that also says whom they play
    return _joined(sorted(found.values(), key=lambda o: o.start))


def _joined(outsiders: list[Outsider]) -> list[Outsider]:
    """'Sherlock' and 'Holmes' side by side are one name."""
    out: list[Outsider] = []
    for outsider in outsiders:
        if out and out[-1].end == outsider.start and out[-1].kind == outsider.kind:
            out[-1] = replace(out[-1], end=outsider.end)
        else:
            out.append(outsider)
    return out


def _ends_with(text: str, position: int, phrases: tuple[str, ...]) -> str | None:
    """The phrase that the text before `position` ends with, as whole words."""
    longest = max((len(phrase) for phrase in phrases), default=0)
    before, whole = normalised_tail(text, position, longest, _spaced_casefold)
    return next((phrase for phrase in phrases if ends_with_phrase(before, whole, phrase)), None)


def _spaced_casefold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _span_ending_at(spans: list[Span], end: int) -> Span | None:
    return next((s for s in spans if s[1] == end), None)


def _in_parentheses(tokens: list[Token], text: str, spans: list[Span], words: _Words):
    """'Lena Berg (Anna Lindqvist)', 'ihr Vater (Tom Reiss)', '(played by Anna Lindqvist, Jan Ostrowski)'."""
    starts = {s[0]: s for s in spans}
    for p, token in enumerate(tokens):
        if token.text != "(":
            continue
        close = next((q for q in range(p + 1, len(tokens)) if tokens[q].text in ")("), None)
        if close is None or tokens[close].text != ")":
            continue
        k = p + 1
        marker = _marker_after(tokens, text, p, close, words.performer_markers)
        k = marker if marker is not None else k
        inside: list[Span] = []
        while k < close:
            entry = _name_run(tokens, k, starts)
            if entry is not None:
                inside.append(entry)
                k = entry[1]
            elif tokens[k].text.casefold() in _LIST_WORDS:
                k += 1
            else:
                break
        if inside and k == close:
            before = _span_ending_at(spans, p)
            if before is not None and len(inside) == 1 and _in_cast_list(tokens, text, spans, before[0], words):
                # "Cast: Anna Lindqvist (Lena Berg), Jan Ostrowski (Tom Reiss)": the performer comes first
                yield Outsider(before[0], before[1], "performer", inside[0])
            else:
                yield from (Outsider(s[0], s[1], "performer", before) for s in inside)


def _name_run(tokens: list[Token], k: int, starts: dict[int, Span]) -> Span | None:
    """A performer's name in a list: a name span with the capitalised words that run on from it ("Jo Wexford"
    where only "Jo" looked like a name, "Idris Park" where "Park" is also a word)."""
    if k not in starts:
        return None
    end = starts[k][1]
    while end < len(tokens) and (end in starts or tokens[end].word and tokens[end].capitalised
                                 and tokens[end].text.casefold() not in _LIST_WORDS):
        end = starts[end][1] if end in starts else end + 1
    return (k, end)


def _in_cast_list(tokens: list[Token], text: str, spans: list[Span], start: int, words: _Words) -> bool:
    """The name at `start` follows a cast label, directly or after earlier 'Name (Name),' entries."""
    k = start
    while True:
        if _ends_with(text, tokens[k].start, words.cast_labels):
            return True
        if k < 2 or tokens[k - 1].text != "," or tokens[k - 2].text != ")":
            return False
        opening = next((j for j in range(k - 3, -1, -1) if tokens[j].text == "("), None)
        entry = _span_ending_at(spans, opening) if opening is not None else None
        if entry is None:
            return False
        k = entry[0]


def _marker_after(tokens: list[Token], text: str, p: int, limit: int, phrases: tuple[str, ...]) -> int | None:
    """The token after a marker phrase that opens the tokens after `p`, or None."""
    for k in range(p + 1, min(limit, p + 5)):
        if _ends_with(text, tokens[k].start, phrases) and tokens[k - 1].end > tokens[p].end:
            return k
    return None


def _after_markers(tokens: list[Token], text: str, spans: list[Span], words: _Words):
    """'Lena Berg, played by Anna Lindqvist'; 'directed by Tom Reiss', 'Regie: Tom Reiss'; 'in the style of
    John Marr'."""
    makers: list[Span] = []
    for start, end in spans:
        if _ends_with(text, tokens[start].start, words.performer_markers):
            plays = next((s for s in reversed(spans) if s[1] <= start), None)
            yield Outsider(start, end, "performer", plays)
        elif _ends_with(text, tokens[start].start, words.maker_markers) or _listed_after(tokens, start, makers):
            makers.append((start, end))  # "Executive producers are Sue Vertue and Steven Moffat"
            yield Outsider(start, end, "maker")
        elif _ends_with(text, tokens[start].start, words.comparison_markers):
            yield Outsider(start, end, "comparison")


def _part_given(tokens: list[Token], text: str, spans: list[Span], words: _Words):
    """'Die Rolle des Bernd soll Olli Dittrich übernehmen', 'the part of Lena goes to Anna Lind': the name
    after a part's name, before the sentence ends, plays it."""
    for start, end in spans:
        if not _ends_with(text, tokens[start].start, words.part_markers):
            continue
        player = next((s for s in spans if s[0] > end), None)
        if player is not None and not any(t.text in (".", ";", "!", "?") for t in tokens[end:player[0]]):
            yield Outsider(player[0], player[1], "performer", (start, end))


def _listed_after(tokens: list[Token], start: int, listed: list[Span]) -> bool:
    """Whether the name at `start` follows one of `listed` with only a comma or 'and' between."""
    between = next((tokens[s[1]:start] for s in reversed(listed) if s[1] <= start), None)
    return between is not None and 0 < len(between) <= 2 and all(t.text.casefold() in _JOINERS for t in between)


def _players(tokens: list[Token], spans: list[Span], words: _Words, lex: Lexicon):
    """'Anna Lindqvist and Eva Lutz, who played Lena': names joined to the one they play; 'Anna Lindqvist
    spielt die Staatsanwältin': a name that plays a part described by a person noun."""
    for v, token in enumerate(tokens):
        if token.text.casefold() not in words.play_verbs:
            continue
        subject = _span_ending_at(spans, v)
        if subject is not None and _plays_a_part(tokens, v + 1, lex):
            yield Outsider(subject[0], subject[1], "performer")
            continue
        after = next((s for s in spans if s[0] == v + 1), None)
        k = v - 1
        if after is None:  # verb last: "die Lena spielen"
            after = _span_ending_at(spans, v)
            k = after[0] - 1 if after else k
        if after is None or k < 0 or tokens[k].text.casefold() not in words.relative_pronouns:
            continue
        k -= 1
        players: list[Span] = []
        while k >= 0:
            if tokens[k].text.casefold() in _LIST_WORDS:
                k -= 1
                continue
            span = _span_ending_at(spans, k + 1)
            if span is None:
                break
            players.append(span)
            k = span[0] - 1
        yield from (Outsider(s[0], s[1], "performer", after) for s in players)


def _plays_a_part(tokens: list[Token], k: int, lex: Lexicon) -> bool:
    """'die Staatsanwältin', 'the ruthless sheriff': an article, adjectives, then a noun for a person."""

    if k >= len(tokens) or tokens[k].text.casefold() not in lex.articles:
        return False
    k += 1
    while k < len(tokens) and tags.is_adjective(tokens[k].tag):
        k += 1
    return k < len(tokens) and describes_person(tokens[k], lex)


def _credits(tokens: list[Token], text: str, spans: list[Span], words: _Words):
    """'Ein Thriller mit Anna Lindqvist, Jan Ostrowski und Eva Lutz.': a list of full names that ends the
    sentence after a credits word."""
    starts = {s[0]: s for s in spans}
    for i in range(1, len(tokens)):
        if i not in starts or not _ends_with(text, tokens[i].start, words.credit_openers):
            continue
        listed: list[Span] = []
        k = i
        while k < len(tokens):
            entry = _name_run(tokens, k, starts)
            if entry is not None:
                listed.append(entry)
                k = entry[1]
            elif tokens[k].text.casefold() in _LIST_WORDS or tokens[k].text == "…":
                k += 1
            else:
                break
        full_names = all(end - start > 1 for start, end in listed)
        if k == len(tokens) and len(listed) >= 2 and full_names:
            yield from (Outsider(s[0], s[1], "performer") for s in listed)


def _cast_as(tokens: list[Token], text: str, spans: list[Span], words: _Words, lex: Lexicon):
    """'mit Anna Lindqvist als Kommissarin Lena Berg', 'starring Anna Lindqvist as detective Lena Berg': after a
    credits opener, a name, 'als'/'as' and, a few words on, the name of the part."""
    for start, end in spans:
        if end >= len(tokens) or tokens[end].text.casefold() not in words.performer_as \
                or not _ends_with(text, tokens[start].start, words.credit_openers + words.performer_markers):
            continue  # "stars X as DI Y", "In der Hauptrolle ist X als Kommissarin Y"
        part = next((s for s in spans if end < s[0] <= end + 4), None)
        if part is not None and all(t.text.casefold() in lex.articles or describes_person(t, lex) or tags.is_adjective(t.tag)
                                    or lex.role(t.text) is not None
                                    or t.text.casefold() in lex.gender_nouns or t.text.casefold() in lex.relations
                                    for t in tokens[end + 1:part[0]]):
            yield Outsider(start, end, "performer", part)


def _is_work_noun(word: str, words: _Words) -> bool:
    """'Polit-Thriller', 'Romans', 'film': a work, also as the last part of a compound or in the genitive."""
    folded = word.casefold()
    stems = {folded, re.sub(r"(?:es|s)$", "", folded)}
    return any(stem.endswith(noun) for stem in stems for noun in words.work_nouns)


def _makers(tokens: list[Token], spans: list[Span], words: _Words):
    """'ein Thriller von Tom Reiss', 'a novel by Tom Reiss', 'Reiss' Bearbeitung', "Reiss's film"."""
    for start, end in spans:
        if start >= 2 and tokens[start - 1].text.casefold() in words.by \
                and _is_work_noun(tokens[_before_title(tokens, start - 2)].text, words):
            yield Outsider(start, end, "maker")
            continue
        genitive = tokens[end - 1].text.endswith(("s", "'", "’"))
        if genitive and end < len(tokens) and _is_work_noun(tokens[end].text, words):
            yield Outsider(start, end, "maker")


def _before_title(tokens: list[Token], k: int) -> int:
    """'der Roman „Die Nacht“ von': the index before a quoted title that ends at `k`, else `k`."""
    if k < 0 or tokens[k].text not in _CLOSING:
        return k
    opening = next((j for j in range(k - 1, max(-1, k - 16), -1) if tokens[j].text in _OPENING), None)
    return opening - 1 if opening else k


def in_titles(tokens: list[Token], language: Language) -> frozenset[int]:
    """'der Roman „Die Nacht von Lyon“', 'the film "Tom Reiss Returns"': the tokens of a quoted title right after
    a work noun, which name no one."""
    words = _words(language)
    inside: set[int] = set()
    for q in range(len(tokens) - 1):
        if tokens[q].text not in _OPENING:
            continue
        close = next((j for j in range(q + 1, min(len(tokens), q + 16)) if tokens[j].text in _CLOSING), None)
        if close is not None and (q > 0 and _is_work_noun(tokens[q - 1].text, words)
                                  or _said_to_be_a_work(tokens, close, words, language)
                                  or _where_someone_works(tokens, q, language)
                                  or _described_as_a_work(tokens, close, words)
                                  or _after_a_unit_heading(tokens, q, words)):
            inside.update(range(q + 1, close))
    return frozenset(inside)


def _after_a_unit_heading(tokens: list[Token], q: int, words: _Words) -> bool:
    """'Season 2, Episode 4: "The Long Night"': a quoted title after a work noun (and its number) and a colon."""
    return q > 1 and tokens[q - 1].text == ":" and any(
        t.word and _is_work_noun(t.text, words) for t in tokens[max(0, q - 4):q - 1])


def _described_as_a_work(tokens: list[Token], close: int, words: _Words) -> bool:
    """'"Best Man Down" (comedy feature, 95 min)', '„Der Erbonkel“ (Komödie)': a quoted title with a work
    noun in the parentheses right after it."""
    if close + 1 >= len(tokens) or tokens[close + 1].text != "(":
        return False
    inside = tokens[close + 2:close + 6]
    return any(t.word and _is_work_noun(t.text, words) for t in inside)


def _where_someone_works(tokens: list[Token], q: int, language: Language) -> bool:
    """'die Journalistin Nora Brandt vom „Tagesspiegel“', 'a reporter at the "Courier"': a quoted name after
    a preposition and its article, right after a person's name or a noun for a person, names a place of
    work, not a person."""
    k = q - 1
    if k >= 0 and tags.is_preposition_with_article(tokens[k].tag):
        k -= 1
    elif k >= 1 and tags.is_article(tokens[k].tag) and tags.is_preposition(tokens[k - 1].tag):
        k -= 2
    else:
        return False
    return k >= 0 and tokens[k].word and (tokens[k].capitalised and tags.is_nominal(tokens[k].tag)
                                          or describes_person(tokens[k], lexicon_for(language)))


def _said_to_be_a_work(tokens: list[Token], close: int, words: _Words, language: Language) -> bool:
    """'„Nachtfähre“ ist eine sechsteilige Dramaserie', '"Low Tide" is a six-part crime drama': a copula
    after the quotation, then a work noun (articles, adjectives and numbers between)."""
    copulas = set(language.phrases("function_words", "copulas"))
    k = close + 1
    if k >= len(tokens) or tokens[k].lemma not in copulas:
        return False
    k += 1
    while k < len(tokens) and k - close < 7 and not _is_work_noun(tokens[k].text, words) and tokens[k].word \
            and (tags.is_article(tokens[k].tag) or tags.is_adjective(tokens[k].tag) or not tokens[k].capitalised):
        k += 1
    return k < len(tokens) and _is_work_noun(tokens[k].text, words)


def _comparisons(tokens: list[Token], spans: list[Span], words: _Words, language: Language):
    """'ein Mann wie Sherlock Holmes', 'a man like Philip Marlowe': a comparison after a noun."""
    for start, end in spans:
        # "wie Sherlock Holmes" where only "Holmes" was taken for a name: capitalised words may come between
        k = start - 1
        while k > 0 and tokens[k].capitalised and tokens[k].word and start - k <= 2:
            k -= 1
        if end < len(tokens) and tokens[end].text.casefold() in words.comparison_after:
            yield Outsider(start, end, "comparison")  # "a Tom Reiss lookalike"
            continue
        if k < 1 or tokens[k].text.casefold() not in words.comparison_words:
            continue
        noun = tokens[k - 1]
        if tags.is_noun(noun.tag) and not _span_ending_at(spans, k):
            yield Outsider(start, end, "comparison")
