"""Membership phrases around an organisation: 'wieder zurück beim BKA', 'who used to work for MI6'."""
from __future__ import annotations

import re

from toolkit.extraction.document import (
    AffiliationClaim,
    Pass,
    Reading,
)
from toolkit.extraction.lexicon import (
    Lexicon,
)
from toolkit.model.names import fold
from toolkit.text import tags


def _ends_with_words(text: str, words: str) -> bool:
    return not words or (text.endswith(words) and (len(text) == len(words) or not text[-len(words) - 1].isalnum()))


def _starts_with_words(text: str, words: str) -> bool:
    return not words or (text.startswith(words) and (len(text) == len(words) or not text[len(words)].isalnum()))


def read_membership_phrases(reading: Reading, lex: Lexicon) -> None:
    """'Lisa, wieder zurück beim BKA', 'Lisa, who used to work for MI6': phrases around an organisation
    that make the person named before them (in the clause, or the one a relative clause or an
    apposition is about) a member, or a former one, where no verb of work says so."""
    tokens = reading.tokens
    adverbs = "|".join(re.escape(fold(w)) for w in lex.language.phrases("membership_phrases", "adverbs"))
    skip = re.compile(rf"(?<!\w)(?:{adverbs})\s+") if adverbs else None
    for status in ("former", "current"):  # "used to work for" before "work for"
        for phrase in lex.language.phrases("membership_phrases", status):
            left, _, right = (fold(part).strip() for part in phrase.partition("{org}"))
            for org in reading.orgs:
                first = org.start
                while first > 0 and tokens[first - 1].text.casefold() in lex.articles:
                    first -= 1
                after = fold(reading.text[tokens[org.end - 1].end:]).lstrip()
                # "joins the secretarial pool of MI5": the phrase may name a part of the organisation
                for opening in (first, _part_of(tokens, first, lex)):
                    before = fold(reading.text[:tokens[opening].start]).rstrip() + " "
                    before = (skip.sub("", before) if skip else before).rstrip()
                    if _ends_with_words(before, left):
                        break
                if tokens[org.start].reported or not (_ends_with_words(before, left) and _starts_with_words(after, right)):
                    continue
                start = len(before) - len(left)
                clause = tokens[org.start].clause
                # the subject of the clause, or the one a relative clause or an apposition is about
                who = next((m for m in reversed(reading.mentions) if not m.genitive and tokens[m.start].start < start
                            and clause - 1 <= tokens[m.start].clause <= clause), None)
                if who is None or _other_subject(reading, who.end, start, lex):
                    continue
                claimed = any(a.character == who.key and a.org == org.key for a in reading.affiliations)
                if status == "current" and claimed:
                    continue
                claim = AffiliationClaim(who.key, org.key, status,
                                         reading.text[tokens[who.start].start:tokens[org.end - 1].end], "",
                                         tokens[who.start].start)
                reading.affiliations.append(claim)
                if status == "former":  # "used to work for": replaces what a verb of work alone took as current
                    reading.superseding.append(claim)


def _part_of(tokens: list, first: int, lex: Lexicon) -> int:
    """Where "the secretarial pool of" / "(zur) Rechtsabteilung des" before an organisation's first token
    opens: one to three words of the part, "of" or a genitive article, an article before them in English;
    `first` itself when there is none."""
    genitive = lex.function_words.genitive_of
    k = first if tokens[first].text.casefold() in genitive else first - 1  # German "des" was taken as the article
    if k < 2 or tokens[k].text.casefold() not in genitive:
        return first
    capitalised = lex.language.nouns_capitalised
    j = k
    while j > 1 and k - j < 3 and tokens[j - 1].word and tokens[j - 1].text.casefold() not in lex.articles \
            and (tags.is_common_noun(tokens[j - 1].tag) or tags.is_adjective(tokens[j - 1].tag)) \
            and (not tokens[j - 1].capitalised or capitalised):
        j -= 1
    if j == k:
        return first
    return j - 1 if tokens[j - 1].text.casefold() in lex.articles else j


def _other_subject(reading: Reading, after: int, before: int, lex: Lexicon) -> bool:
    """'Mara finds out that her father is also affiliated with …': a possessive between the name and the
    phrase, no mention of its own but as an owner, begins another person's description, the phrase's subject."""
    starts = {m.start for m in reading.mentions if not m.genitive}
    return any(t.text.casefold() in lex.possessives and t.i not in starts
               for t in reading.tokens[after:] if t.start < before)


PASS = Pass("membership_phrases", read_membership_phrases, reads=("tokens", "mentions", "orgs", "affiliations"),
            writes=("affiliations", "superseding"))
