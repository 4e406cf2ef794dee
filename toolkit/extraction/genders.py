"""Whether a character is a man or a woman, from what the text says: role and gendered nouns, a noun in
apposition ("dem Polizeifotografen Dorn"), a relative pronoun ("Keppler, der ..."), pronouns that follow
a name; a given name is only a weak prior."""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from toolkit.text import gazetteer, lexicons
from toolkit.extraction.affiliations import evidence_of
from toolkit.extraction.claims import GenderVote
from toolkit.text.nlp import FINITE_VERB, Token

if TYPE_CHECKING:
    from toolkit.extraction.extract import Lexicon, Reading

def _copula_noun(after: list[Token], lex: Lexicon) -> tuple[str, Token] | None:
    """'ist ein verwaistes Mädchen' or, verb last, 'ein verwaistes Mädchen ist': the noun's gender."""
    verb_first = bool(after) and after[0].lemma in ("sein", "be")
    for k, token in enumerate(after[1 if verb_first else 0:], start=1 if verb_first else 0):
        gender = lex.gender_nouns.get(token.text.casefold())
        if gender:
            verb_last = k + 1 < len(after) and after[k + 1].lemma in ("sein", "be")
            return (gender, token) if verb_first or verb_last else None
        if not token.word or token.capitalised and token.text.casefold() not in lex.articles:
            return None
    return None


def read_genders(reading: Reading, lex: Lexicon) -> None:
    """Gender votes for the people a sentence names."""
    tokens = reading.tokens
    for mention in reading.mentions:
        if mention.via:
            continue
        # "dem Polizeifotografen Dorn", "CIA-Mann Tom Berg": a noun right before the name says its gender
        if mention.start and not (lex.role(mention.role) or {}).get("gender"):
            k = mention.start - 1
            if k and tokens[k].text.casefold() in lex.introducer_words:
                k -= 1  # "einem Mann namens Kessler"
            while k > 0 and (tokens[k].text == "." or tokens[k].text in lex.titles):
                k -= 1  # "der Notar Dr. Weiß"
            gender = noun_gender(tokens[k], lex)
            if gender:
                reading.genders.append(GenderVote(mention.key, gender, 2, reading.span(k, mention.end)))
        # "Berger, ein alter Freund der Familie": a noun in apposition after the name
        gender = _apposition_gender(tokens, mention.end, lex)
        if gender:
            reading.genders.append(GenderVote(mention.key, gender, 2, reading.span(mention.start, mention.end + 1)))
        # "Keppler, der sie umwirbt": a relative pronoun agrees with the name
        gender = _relative_gender(tokens, mention.start, mention.end, lex)
        if gender:
            reading.genders.append(GenderVote(mention.key, gender, 2, reading.span(mention.start, mention.end + 2)))
        role = lex.role(mention.role) if mention.role else None
        if role and role.get("gender"):
            weight = 1 if role.get("weak_gender") else 3
            reading.genders.append(GenderVote(mention.key, role["gender"], weight, evidence_of(reading, mention)))
        # "X ist ein verwaistes Mädchen", "X is a girl"
        after = tokens[mention.end:mention.end + 8]
        copula = _copula_noun(after, lex) if not mention.genitive else None
        if copula is not None:
            gender, token = copula
            reading.genders.append(GenderVote(mention.key, gender, 4, reading.span(mention.start, token.i + 1)))
        # "Kroll und seine Männer"
        if len(after) >= 2 and after[0].text.casefold() in ("und", "and"):
            gender = lex.possessives.get(after[1].text.casefold())
            if gender:
                reading.genders.append(GenderVote(mention.key, gender, 2, reading.span(mention.start, mention.end + 2)))
        # "X ..., aber sie setzt": a singular pronoun opening the clause after a name's clause
        for token in tokens[mention.end:mention.end + 12]:
            if token.text in (".", ";") or mention.genitive:
                break
            gender = lex.pronouns.get(token.text.casefold())
            opens_clause = token.i > 0 and (tokens[token.i - 1].text == "," or tokens[token.i - 1].text.casefold()
                                            in ("aber", "doch", "und", "but", "and"))
            if gender and not opens_clause:
                continue
            if gender and token.i + 1 < len(tokens):
                following = tokens[token.i + 1]
                if any(m.start < token.i and m.start > mention.start for m in reading.mentions):
                    break
                if lex.language.code == "de" and gender == "f" and not following.text.endswith("t"):
                    break
                reading.genders.append(GenderVote(mention.key, gender, 1, reading.span(mention.start, token.i + 1)))
                break


def noun_gender(token: Token, lex: Lexicon) -> str:
    """'f' or 'm' when a noun before a name names a woman or a man: a gendered noun of the language data,
    or, in German, a noun of one grammatical gender that describes a person ("Kollege", "Fotografen")."""
    word = token.text
    if not token.word or not word[:1].isupper() and lex.language.code == "de":
        return ""
    listed = lex.gender_nouns.get(word.casefold()) or lex.gender_nouns.get(word.split("-")[-1].casefold())
    if listed:
        return listed
    if lex.language.code != "de" or not _describes_person(token, lex):
        return ""
    genders = lexicons.german_noun(word) or lexicons.german_compound(word) or ""
    # adjectival nouns: "Vorgesetzter", "Angestellter" (strong masculine) beside "Vorgesetzte"
    if set(genders) == {"f", "m"} and word.endswith("er") and lexicons.german_noun(word[:-1]) is not None:
        return "m"
    return genders if genders in ("f", "m") else ""


def _describes_person(token: Token, lex: Lexicon) -> bool:
    from toolkit.extraction.classify import describes_person

    if describes_person(token, lex) or token.text.casefold() in lex.gender_nouns:
        return True
    # weak nouns in the oblique cases: "den Polizisten", "dem Fotografen"
    stem = token.text[:-2] if token.text.endswith("en") else token.text[:-1] if token.text.endswith("n") else ""
    return bool(stem) and describes_person(Token(stem, token.start, token.end, token.i, token.tag), lex)


def _apposition_gender(tokens: list[Token], end: int, lex: Lexicon) -> str:
    """', ein alter Freund der Familie,' / ', his old mentor,': the gender of the noun an apposition opens with."""
    if end + 2 >= len(tokens) or tokens[end].text != ",":
        return ""
    k = end + 1
    if tokens[k].text.casefold() not in lex.articles and tokens[k].text.casefold() not in lex.possessives:
        return ""
    k += 1
    while k < len(tokens) and tokens[k].word and not tokens[k].capitalised and tokens[k].tag.startswith(("ADJ", "AJ")):
        k += 1
    return noun_gender(tokens[k], lex) if k < len(tokens) else ""


_DATIVE_PREPOSITIONS = {"mit", "von", "vom", "bei", "zu", "zur", "zum", "nach", "aus", "seit", "gegenüber", "an",
                        "auf", "in", "für", "gegen", "um", "über", "unter", "vor", "hinter", "neben", "zwischen"}


def _relative_gender(tokens: list[Token], start: int, end: int, lex: Lexicon) -> str:
    """'Keppler, der sie umwirbt' -> 'm', 'Anna, die ... schweigt' -> 'f' (German); nothing after a
    preposition, where "der" may be a feminine dative."""
    if lex.language.code != "de" or end + 2 > len(tokens) or tokens[end].text != ",":
        return ""
    if start and tokens[start - 1].text.casefold() in _DATIVE_PREPOSITIONS:
        return ""
    pronoun = tokens[end + 1].text
    clause = [t for t in tokens[end + 2:] if t.clause == tokens[end + 1].clause]
    if not any(FINITE_VERB.match(t.tag) for t in clause):
        return ""  # "Keppler, der Chef ...": an apposition, not a relative clause
    return {"der": "m", "die": "f"}.get(pronoun, "")


def discourse_votes(readings: list[Reading], lex: Lexicon, people: set[str]) -> list[tuple[int, GenderVote]]:
    """Votes that need the sentence before: 'Anna verlässt Wien. Sie fliegt ...' names Anna's gender when
    she is the only one named before; 'With his money gone, Tom ...' a possessive before the subject."""
    votes: list[tuple[int, GenderVote]] = []
    for index, reading in enumerate(readings):
        tokens = reading.tokens
        words = [t for t in tokens if t.word]
        if not words:
            continue
        named = [m for m in reading.mentions if not m.via and not m.genitive and m.key in people]
        opener = lex.pronouns.get(words[0].text.casefold())
        if opener and index and words[0].i == 0 and _singular_subject(words, lex):
            before = {m.key for m in readings[index - 1].mentions if not m.via and not m.genitive and m.key in people}
            if len(before) == 1:
                votes.append((index, GenderVote(before.pop(), opener, 1, reading.text[:tokens[min(3, len(tokens) - 1)].end])))
        # cataphora: "With his money gone, Tom ...": a possessive before any name points to the subject
        subject = next((m for m in named if m.end < len(tokens) and FINITE_VERB.match(tokens[m.end].tag)), None)
        if subject is not None and subject.start > 0 and tokens[subject.start - 1].text == ",":
            first_name = min(m.start for m in named)
            owner = {lex.possessives[t.text.casefold()] for t in tokens[:first_name]
                     if t.text.casefold() in lex.possessives}
            if len(owner) == 1:
                votes.append((index, GenderVote(subject.key, owner.pop(), 1, reading.span(0, subject.end))))
    return votes


def _singular_subject(words: list[Token], lex: Lexicon) -> bool:
    """'Sie fliegt' is she, 'Sie fliegen' they: in German the verb after "sie" decides."""
    if lex.language.code != "de" or words[0].text.casefold() != "sie":
        return True
    return len(words) > 1 and words[1].text.endswith("t")


def decide(votes: Counter, name: str) -> str:
    """'f', 'm' or 'unknown' from the tally of votes and a given name as a weak prior."""
    tally = Counter(votes)
    first_name = name.split()[0]
    given = gazetteer.first_name_gender(first_name) if not first_name.endswith(".") else "unknown"
    if given == "unknown" and not first_name.endswith("."):
        given = lexicons.given_name_gender(first_name)
    if given != "unknown":
        tally[given] += 2 if len(name.split()) > 1 else 1.5
    if not tally:
        return "unknown"
    gender, weight = tally.most_common(1)[0]
    return "unknown" if tally["m" if gender == "f" else "f"] == weight else gender
