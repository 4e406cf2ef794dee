"""Gender votes a sentence gives: a title, a role noun, an apposition, a relative pronoun."""
from __future__ import annotations

from toolkit.extraction.document import (
    GenderVote,
    Pass,
    Reading,
)
from toolkit.extraction.grammar import (
    describes_person,
    evidence_of,
)
from toolkit.extraction.lexicon import (
    Lexicon,
)
from toolkit.text import lexicons, tags
from toolkit.text.nlp import (
    FINITE_VERB,
    Token,
)


def _copula_noun(after: list[Token], lex: Lexicon) -> tuple[str, Token] | None:
    """'ist ein verwaistes Mädchen' or, verb last, 'ein verwaistes Mädchen ist': the noun's gender."""
    verb_first = bool(after) and after[0].lemma in lex.function_words.copulas
    for k, token in enumerate(after[1 if verb_first else 0:], start=1 if verb_first else 0):
        if token.text.casefold() in lex.possessives:
            return None  # "finds out that her father is ...": the noun is someone else's
        gender = lex.gender_nouns.get(token.text.casefold())
        if gender:
            verb_last = lex.language.verb_second and k + 1 < len(after) \
                and after[k + 1].lemma in lex.function_words.copulas
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
        if mention.start and not (lex.role(mention.role) or {}).get("gender"):
            _noun_before(reading, mention, lex)
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
            reading.genders.append(GenderVote(mention.key, role["gender"], weight, evidence_of(reading, mention, lex)))
        # "X ist ein verwaistes Mädchen", "X is a girl"
        after = tokens[mention.end:mention.end + 8]
        copula = _copula_noun(after, lex) if not mention.genitive else None
        if copula is not None:
            gender, token = copula
            reading.genders.append(GenderVote(mention.key, gender, 4, reading.span(mention.start, token.i + 1)))
        # "Kroll und seine Männer"
        if len(after) >= 2 and after[0].text.casefold() in lex.function_words.conjunction:
            gender = lex.possessives.get(after[1].text.casefold())
            if gender:
                reading.genders.append(GenderVote(mention.key, gender, 2, reading.span(mention.start, mention.end + 2)))
        # "X ..., aber sie setzt": a singular pronoun opening the clause after a name's clause
        for token in tokens[mention.end:mention.end + 12]:
            if token.text in (".", ";") or mention.genitive:
                break
            gender = lex.pronouns.get(token.text.casefold())
            opens_clause = token.i > 0 and (tokens[token.i - 1].text == "," or tokens[token.i - 1].text.casefold()
                                            in lex.function_words.contrast_openers)
            if gender and not opens_clause:
                continue
            if gender and token.i + 1 < len(tokens):
                following = tokens[token.i + 1]
                if any(m.start < token.i and m.start > mention.start for m in reading.mentions):
                    break
                ending = lex.language.pronoun_number_by_verb.get(token.text.casefold())
                if ending is not None and not following.text.endswith(ending):
                    break
                reading.genders.append(GenderVote(mention.key, gender, 1, reading.span(mention.start, token.i + 1)))
                break


def _code_name_bearer(tokens: list[Token], k: int, lex: Lexicon) -> tuple[int, str]:
    """'eines Chemikers mit dem Codenamen „Falke“': the noun for the person whose code name ends at `k` and
    its gender, or (k, '')."""
    if k > 0 and not tokens[k].word:
        k -= 1  # the opening quotation mark
    if tokens[k].text.casefold() not in {p.casefold() for p in lex.language.prop_introducers}:
        return k, ""
    for j in range(k - 1, max(-1, k - 6), -1):
        token = tokens[j]
        bare = Token(token.text[:-1], token.start, token.end, token.i, token.tag) if token.text.endswith("s") else token
        gender = noun_gender(token, lex) or noun_gender(bare, lex)
        if gender:
            return j, gender
    return k, ""


def _noun_before(reading: Reading, mention, lex: Lexicon) -> None:
    """'dem Polizeifotografen Wirth', 'CIA-Mann Tom Berg': a noun right before the name says its gender;
    'the body of a teenage boy, Jamie Price, is found': so does the noun the name is set beside, and it
    says more than the given name does."""
    tokens = reading.tokens
    k = mention.start - 1
    if k and tokens[k].text.casefold() in lex.introducer_words:
        k -= 1  # "einem Mann namens Kessler"
    while k > 0 and (tokens[k].text == "." or tokens[k].text in lex.titles):
        k -= 1  # "der Notar Dr. Weiß"
    gender, weight = noun_gender(tokens[k], lex), 2
    if not gender:
        k, gender = _code_name_bearer(tokens, k, lex)
    if not gender and _closed_apposition(tokens, mention):
        k, weight = mention.start - 2, 3
        gender = noun_gender(tokens[k], lex)
    if gender:
        reading.genders.append(GenderVote(mention.key, gender, weight, reading.span(k, mention.end)))


def _closed_apposition(tokens: list[Token], mention) -> bool:
    """'a teenage boy, Jamie Price,': a name between a comma after a noun and a comma, a full stop or a
    parenthesis ("After leaving the boy, Ada runs" opens a clause of its own)."""
    return mention.start >= 2 and tokens[mention.start - 1].text == "," and tokens[mention.start - 2].word \
        and mention.end < len(tokens) and tokens[mention.end].text in (",", ".", "(", ";", ")")


def noun_gender(token: Token, lex: Lexicon) -> str:
    """'f' or 'm' when a noun before a name names a woman or a man: a gendered noun of the language data,
    or, in German, a noun of one grammatical gender that describes a person ("Kollege", "Fotografen")."""
    word = token.text
    if not token.word or not word[:1].isupper() and lex.language.nouns_capitalised:
        return ""
    listed = lex.gender_nouns.get(word.casefold()) or lex.gender_nouns.get(word.split("-")[-1].casefold())
    if listed:
        return listed
    if not lex.language.grammatical_gender or not _describes_person(token, lex):
        return ""
    genders = lexicons.german_noun(word) or lexicons.german_compound(word) or ""
    # adjectival nouns: "Vorgesetzter", "Angestellter" (strong masculine) beside "Vorgesetzte"
    if set(genders) == {"f", "m"} and word.endswith("er") and lexicons.german_noun(word[:-1]) is not None:
        return "m"
    return genders if genders in ("f", "m") else ""


def _describes_person(token: Token, lex: Lexicon) -> bool:
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
    while k < len(tokens) and tokens[k].word and not tokens[k].capitalised and tags.is_adjective(tokens[k].tag):
        k += 1
    return noun_gender(tokens[k], lex) if k < len(tokens) else ""


def _relative_gender(tokens: list[Token], start: int, end: int, lex: Lexicon) -> str:
    """'Keppler, der sie umwirbt' -> 'm', 'Anna, die ... schweigt' -> 'f' (German); nothing after a
    preposition, where "der" may be a feminine dative."""
    genders = lex.language.relative_pronoun_genders
    if not genders or end + 2 > len(tokens) or tokens[end].text != ",":
        return ""
    if start and tokens[start - 1].text.casefold() in lex.language.dative_prepositions:
        return ""
    pronoun = tokens[end + 1].text
    clause = [t for t in tokens[end + 2:] if t.clause == tokens[end + 1].clause]
    if not any(FINITE_VERB.match(t.tag) for t in clause):
        return ""  # "Keppler, der Chef ...": an apposition, not a relative clause
    return genders.get(pronoun, "")


PASS = Pass("genders", read_genders, reads=("tokens", "mentions"), writes=("genders",))
