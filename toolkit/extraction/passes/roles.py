"""Roles: the role, organisation and status the words right before and after a name give it."""
from __future__ import annotations

from itertools import takewhile

from toolkit.extraction.document import (
    Mention,
    Pass,
    Reading,
)
from toolkit.extraction.grammar import (
    after_aside,
    describes_person,
    is_nation_adjective,
    nation_form,
    non_member,
    region_named,
    role_of,
    window_before,
)
from toolkit.extraction.lexicon import (
    Lexicon,
)
from toolkit.text import tags
from toolkit.text.nlp import (
    Token,
    strip_genitive,
)

_OPENING_QUOTES = frozenset('„“"«»‚‘\'')


def describe(reading: Reading, mention: Mention, lex: Lexicon) -> None:
    """Role, organisation and status from the words right before and after a name."""
    before = window_before(reading, mention, lex)
    status_words = [w.casefold() for w in lex.status_former]
    _words_before(reading, mention, lex, before, status_words)
    _organisation_before_the_role(reading, mention)
    _role_before_an_apposition(reading, mention, lex, before, status_words)
    _possessive_role_before_an_apposition(reading, mention, lex, before)
    _role_in_an_apposition(reading, mention, lex)
    _role_said_by_a_copula(reading, mention, lex, status_words)
    _organisation_said_by_a_copula(reading, mention, lex, status_words)
    _role_a_copula_gives(reading, mention, lex)
    _organisation_after(reading, mention, lex)
    if mention.role and not mention.org:
        mention.org = _implied_organisation(reading, mention, before, lex)


def _words_before(reading: Reading, mention: Mention, lex: Lexicon, before: list[Token], status_words: list[str]) -> None:
    """The role, organisation and status the words right before the name give it."""
    for token in before:
        if token.text == ",":
            break
        if token.text == "." or token.i == mention.start - 1 and token.text in _OPENING_QUOTES:
            continue  # the full stop of "Sgt." (kept only after an abbreviation); "MI6-Chef „Control“"
        word = token.text
        folded = word.casefold()
        if folded in lex.articles:
            mention.after_article = True
            break
        if folded in lex.place_prepositions:
            mention.after_place_preposition = True
            break
        joined_org = next((o for o in reading.orgs if o.start == token.i and o.role), None)
        # "Ex-" alone or before an organisation ("ex-NSA agent"); "Ex-Polizistin" is a role, read below
        if joined_org is None and any(folded == s or s.endswith("-") and folded.startswith(s)
                                      and role_of(word[len(s):], lex) is None for s in status_words):
            mention.status = "former"
            ex_org = next((o for o in reading.orgs if o.start == token.i and not o.role), None)
            if ex_org is not None and mention.role and not mention.org:  # "an ex-NSA agent named Corbin"
                mention.org = ex_org.key
            continue
        parts = word.split("-")
        org = next((o for o in reading.orgs if o.start == token.i and o.role), None)
        role_word = org.role if org else word
        if any(folded.startswith(s) for s in status_words if s.endswith("-")):
            mention.status = "former"
            role_word = "-".join(parts[1:]) if len(parts) > 1 else role_word
        role = role_of(role_word, lex)
        if role is None and org is not None and not non_member(role_word, lex):
            role = {"member": True}  # "KGB-Mann Grigor", "CIA man Reed": any person noun joined to an agency
        kinship = folded in lex.relations and before.index(token) + 1 < len(before) and \
            before[before.index(token) + 1].text.casefold() in lex.possessives
        if role is not None and not mention.role and not kinship:
            mention.role = role_word
            if org:
                mention.org = org.key
            continue
        if role is not None and org is not None and not mention.org:  # "Stasi-Spitzel und Doppelagent X"
            mention.org = org.key
            continue
        # "Stasi-Spitzel und Doppelagent Sternau", "an ex-NSA agent named Corbin"
        if mention.role and folded in lex.affiliation_words.coordinators or folded in lex.affiliation_words.name_words and token.i == mention.start - 1:
            continue
        # "MI6 officer Clara Voss": the organisation as a word of its own before the role
        standalone = next((o for o in reading.orgs if o.start <= token.i < o.end and not o.role), None)
        if standalone is not None and mention.role and not mention.org:
            mention.org = standalone.key
            continue
        if token.word and not token.capitalised and (tags.is_adjective(token.tag) or tags.is_determiner(token.tag) or tags.is_ordinal(token.tag)):
            continue
        break


def _organisation_before_the_role(reading: Reading, mention: Mention) -> None:
    """'XYZ (Xeno Yard Zone) chief Kate Lenz': an organisation whose name closes with a parenthesis, then the
    role right before the name."""
    k = mention.start - 1
    if mention.org or not mention.role or k < 1 or reading.tokens[k].text != mention.role:
        return
    org = next((o for o in reading.orgs if o.end == k and reading.tokens[k - 1].text == ")"), None)
    if org is not None:
        mention.org = org.key


def _possessive_role_before_an_apposition(reading: Reading, mention: Mention, lex: Lexicon, before: list[Token]) -> None:
    """"the Syndicate's bookkeeper, Ivo Marsh", "MI5's civil service boss, Lena Faulk": an organisation's
    possessive, lowercase words, a role or a person noun, then the name after a comma."""
    tokens = reading.tokens
    k = mention.start - 2
    if mention.role or not before or before[0].text != "," or k < 1 or tokens[k].capitalised \
            or not (role_of(tokens[k].text, lex) or describes_person(tokens[k], lex)):
        return
    j = k - 1
    while j > 0 and k - j < 5 and tokens[j].word and not tokens[j].capitalised:
        j -= 1
    org = next((o for o in reading.orgs if o.end == j + 1 and strip_genitive(tokens[j].text)[1]), None)
    if org is not None:
        mention.role, mention.org = tokens[k].text, org.key


def _role_before_an_apposition(reading: Reading, mention: Mention, lex: Lexicon, before: list[Token], status_words: list[str]) -> None:
    """'der Sohn des Direktors der DIA, Robert Brandt': the role and organisation before a comma."""
    tokens = reading.tokens
    # "der Sohn des Direktors der Defense Intelligence Agency (DIA), Robert Brandt"
    if not mention.role and before and before[0].text == "," and mention.start >= 3:
        org = next((o for o in reversed(reading.orgs) if o.end <= mention.start - 1
                    and all(not t.word or lex.agency(t.text) or lex.role(t.text) is not None
                            for t in tokens[o.end:mention.start - 1])),
                   None)
        if org is not None:
            in_org = {i for o in reading.orgs for i in range(o.start, o.end)}
            k = org.start - 1
            while k >= 0 and (tokens[k].text.casefold() in lex.articles | lex.function_words.genitive_of
                              or tokens[k].text in "()" or k in in_org):
                k -= 1
            if k >= 0 and (lex.role(tokens[k].text) is not None or describes_person(tokens[k], lex)
                           and tokens[k].text.casefold() not in lex.relations):  # "Buchhalter des Kartells"
                mention.role, mention.org = tokens[k].text, org.key
            elif org.end < mention.start - 1 and lex.role(tokens[org.end].text) is not None:
                mention.role, mention.org = tokens[org.end].text, org.key
            if mention.org and k >= 0 and _former_among(tokens[_noun_phrase_start(tokens, k, lex):k + 1], lex):
                mention.status = "former"  # "die ehemalige Sprecherin des Netzwerks, X", "Ex-Chef der Y, Z"


def _role_in_an_apposition(reading: Reading, mention: Mention, lex: Lexicon) -> None:
    """'Otto Stein, dem Sprecher des Repräsentantenhauses', 'Jed Rowe, the head of the CIA', 'Cole Barrow,
    head of the Rivers Unit', 'Valentin, der brillante Stratege des KGB': a role or a person noun, then its
    organisation, in an apposition after the name."""
    tokens = reading.tokens
    after = tokens[after_aside(tokens, mention.end):][:12]
    # a title before the name leaves the apposition to say the organisation ("Sergeant X, a detective of Y")
    if mention.org or len(after) < 3 or after[0].text != ",":
        return
    first = 1
    # "Hedda Quast, selbst Staatssekretärin im …", "herself a junior minister at …": an emphatic word first
    while first < len(after) - 1 and after[first].word and not after[first].capitalised and (
            tags.is_adverb_of_either(after[first].tag) or _reflexive(after[first], lex)):
        first += 1
    first += after[first].text.casefold() in lex.articles
    if first >= len(after):
        return
    whose = any(o.start == after[first].i and strip_genitive(tokens[o.end - 1].text)[1] for o in reading.orgs)
    head = after[first]
    if after[first - 1].text.casefold() not in lex.articles and not (
            role_of(head.text, lex) or describes_person(head, lex) or whose
            or tags.is_adjective(head.tag) and not head.capitalised):
        return
    earlier = None  # "Arno Fenwick, a British intelligence officer"
    for token in after[first:]:
        inside = next((o for o in reading.orgs if o.start <= token.i < o.end), None)
        if inside is not None:
            earlier = earlier or inside
            continue
        role = role_of(token.text, lex)
        if role is not None or describes_person(token, lex):
            org = earlier or _organisation_of(reading, token.i, lex, needs_preposition=role is None)
            # ("Washington, DC": an abbreviated rank names no one's role after a comma)
            implies = (role or {}).get("implies") in lex.language.implied_organisations and not token.text.isupper()
            if org is not None or implies and not mention.role:
                # "Rudi Birkenberger, einem ehemaligen Polizisten,": the organisation the role implies
                mention.role, mention.org = mention.role or token.text, org.key if org is not None else ""
                if _former_among(tokens[after[first].i:token.i], lex):  # "Vera Roe, a former police officer"
                    mention.status = "former"
            break
        if not (token.word and not token.capitalised):
            break


def _reflexive(token: Token, lex: Lexicon) -> bool:
    """'herself', 'himself': a reflexive pronoun, here used for emphasis."""
    pronouns = lex.language.section("coreference", "reflexive_pronouns")
    return any(token.text.casefold() in (w.casefold() for w in words) for words in pronouns.values())


def _noun_phrase_start(tokens: list[Token], k: int, lex: Lexicon) -> int:
    """The first of the articles, lowercase adjectives and status words right before the noun at k (k if none)."""
    j = k
    while j > 0 and tokens[j - 1].word and not tokens[j - 1].capitalised and (
            tokens[j - 1].text.casefold() in lex.articles or tags.is_adjective(tokens[j - 1].tag)
            or _former_among([tokens[j - 1]], lex)):  # "former" is tagged a determiner
        j -= 1
    return j


def _former_among(words: list[Token], lex: Lexicon) -> bool:
    """Whether a status word of a former member is among the words: "ehemalige", "former", "Ex-"."""
    status = [w.casefold() for w in lex.status_former]
    return any(t.text.casefold() == s or s.endswith("-") and t.text.casefold().startswith(s)
               for t in words for s in status)


def _organisation_of(reading: Reading, i: int, lex: Lexicon, needs_preposition: bool):
    """The organisation within four words after token i; with `needs_preposition`, only one a genitive or a
    preposition of membership joins to it ("Stratege des KGB", "analyst at GCHQ")."""
    tokens = reading.tokens
    joiners = lex.function_words.genitive_of | lex.function_words.member_of | lex.membership_words.member_prepositions
    for org in reading.orgs:
        if not i < org.start <= i + 4:
            continue
        between = [t for t in tokens[i + 1:org.start] if not quoted_mark(t)]  # 'beim "X Institut"'
        if not needs_preposition or between and between[0].text.casefold() in joiners \
                and all(t.text.casefold() in joiners | lex.articles or tags.is_adjective(t.tag) or tags.is_noun(t.tag)
                        for t in between):
            return org
    return None


def quoted_mark(token: Token) -> bool:
    """A quotation mark of any kind: '"', '„', '“', '»'."""
    return not token.word and len(token.text) == 1 and token.text in "\"'„“”‚‘’»«"


def _role_said_by_a_copula(reading: Reading, mention: Mention, lex: Lexicon, status_words: list[str]) -> None:
    """'Weber war früher Offizier beim FSB', 'Kim was once an analyst at the NSA'."""
    tokens = reading.tokens
    # "Weber war früher Offizier beim FSB", "Kim was once an analyst at the NSA"
    after = tokens[mention.end:mention.end + 10]
    if not mention.org and after and after[0].lemma in lex.function_words.copulas and not mention.genitive:
        window = after[1:9]
        role_token = next((t for t in window if (lex.role(t.text) or {}).get("member")
                           or (lex.role(t.text) or {}).get("leader")), None)
        org = next((o for o in reading.orgs if role_token is not None and role_token.i - 1 <= o.start
                    <= role_token.i + 5), None)
        if role_token is not None and org is not None and not any(t.text in (",", ";") for t in window
                                                                   if t.i < org.start):
            mention.role, mention.org = role_token.text, org.key
            past = after[0].text.casefold() in lex.function_words.past_copulas
            if past or any(t.text.casefold() in status_words for t in window if t.i < role_token.i):
                mention.status = "former"


def _organisation_said_by_a_copula(reading: Reading, mention: Mention, lex: Lexicon, status_words: list[str]) -> None:
    """'her father is also SD-6', 'Svenja ist Ex-Polizistin', 'Irma, Colby's wife, is a Russian SVR agent',
    '…, dass Georg ebenfalls CIA-Agent ist': the organisation itself, or a role that implies one, as what a
    copula says of the name (an apposition may stand between; the copula may close the clause)."""
    tokens = reading.tokens
    k = after_aside(tokens, mention.end)
    if mention.org or mention.role or mention.genitive or k >= len(tokens):
        return
    if k + 1 < len(tokens) and tags.is_adverb_of_either(tokens[k].tag) \
            and tokens[k + 1].lemma in lex.function_words.copulas:
        k += 1  # "Er selbst war MI6-Agent", "she herself is SD-6"
    if tokens[k].text == "," and k + 1 < len(tokens):  # "Colby's wife, Irma, is …", "Irma, his wife, is …"
        close = next((t.i for t in tokens[k + 1:k + 6] if t.text == ","), None)
        k = k + 1 if tokens[k + 1].lemma in lex.function_words.copulas or close is None else close + 1
    if k >= len(tokens):
        return
    copula = tokens[k] if tokens[k].lemma in lex.function_words.copulas else None
    start = k + 1 if copula is not None else k
    k = start
    while k < len(tokens) and tokens[k].word and _describing(tokens[k]) \
            and not role_of(tokens[k].text, lex) and not any(o.start == k for o in reading.orgs) and k - start < 3:
        k += 1  # "also", "ebenfalls", "a", "Russian"; not a verb or a preposition ("is arrested by Interpol")
    org = next((o for o in reading.orgs if o.start == k), None)
    after = org.end if org is not None else k + 1
    # "an SVR agent", "an FBI trainee": a role, or any person noun but an informant's or a prisoner's
    role_after = after < len(tokens) and ((role_of(tokens[after].text, lex) or {}).get("member")
                                          or describes_person(tokens[after], lex)
                                          and not non_member(tokens[after].text, lex))
    if copula is None:  # the copula closes a subordinate clause: "dass Georg ebenfalls CIA-Agent ist"
        closing = after + 1 if role_after else after
        if closing >= len(tokens) or tokens[closing].lemma not in lex.function_words.copulas:
            return
        copula = tokens[closing]
    if org is not None and (org.role or role_after or after >= len(tokens) or not tokens[after].word
                            or tokens[after] is copula
                            or tokens[after].text.casefold() in lex.function_words.conjunction):
        mention.org = org.key  # "is also SD-6 and …", "ist MI6-Agent", "is an SVR agent"
        mention.role = org.role or (tokens[after].text if role_after else "")
    elif org is None and k < len(tokens) and (role_of(tokens[k].text, lex) or {}).get("implies"):
        mention.role = tokens[k].text  # "ist Ex-Polizistin": the implied organisation is added after
    else:
        return
    past = copula.text.casefold() in lex.function_words.past_copulas
    folded = tokens[k].text.casefold()
    before = {t.text.casefold() for t in tokens[start:k]}  # "is a former police officer"
    if past or any(folded.startswith(s) for s in status_words if s.endswith("-")) or before & set(status_words):
        mention.status = "former"


def _role_a_copula_gives(reading: Reading, mention: Mention, lex: Lexicon) -> None:
    """'Der Chef der Ostwache ist Lutz Berger', 'The head of Harbour Watch is the landlord Dan Ruiz': a role
    and its organisation as the subject of a copula whose complement is the name."""
    tokens = reading.tokens
    k = mention.start - 1
    while k >= 0 and mention.start - k <= 3 and tokens[k].word and (
            tokens[k].text.casefold() in lex.articles or tags.is_adjective(tokens[k].tag) and not tokens[k].capitalised
            or describes_person(tokens[k], lex) or tags.is_common_noun(tokens[k].tag) and not tokens[k].capitalised):
        k -= 1  # "der Wirt", "the landlord"
    if mention.org or k < 3 or tokens[k].lemma not in lex.function_words.copulas:
        return
    org = next((o for o in reading.orgs if o.end == k), None)
    if org is None:
        return
    j = org.start - 1
    while j > 0 and tokens[j].text.casefold() in lex.articles | lex.function_words.genitive_of:
        j -= 1
    role = role_of(tokens[j].text, lex) or {}
    m = j - 1  # "The new leader of …" opens its clause
    while m >= 0 and tokens[m].word and (tokens[m].text.casefold() in lex.articles
                                         or tags.is_adjective(tokens[m].tag) and not tokens[m].capitalised):
        m -= 1
    opening = m < 0 or not tokens[m].word
    person = lex.language.nouns_capitalised and describes_person(tokens[j], lex) \
        and tokens[j].text.casefold() not in lex.relations  # "Die Kurierin der X ist …"
    if j < org.start - 1 and opening and (role.get("leader") or role.get("member") or person):
        mention.role, mention.org = tokens[j].text, org.key


def _describing(token: Token) -> bool:
    """An adverb, article, determiner or adjective: a word that may stand between a copula and what it says."""
    return (tags.is_adverb_of_either(token.tag) or tags.is_article(token.tag) or tags.is_determiner(token.tag)
            or tags.is_adjective(token.tag)) and not tags.is_verb(token.tag)


def _organisation_after(reading: Reading, mention: Mention, lex: Lexicon) -> None:
    """'Will Hale vom MI5', 'X of the CIA'."""
    tokens = reading.tokens
    # "Will Hale vom MI5", "X of the CIA"; "der Agent Will Hale (Tom Roe) vom MI5": past a performer's
    # aside only after a role ("rescues Dorsey (Tom Roe) from the police" says no membership)
    end = after_aside(tokens, mention.end) if mention.role else mention.end
    after = tokens[end:end + 3]
    if after and after[0].text.casefold() in lex.function_words.member_of and not mention.org:
        for org in reading.orgs:
            if end < org.start <= end + 2:
                mention.org = org.key
                break


def _implied_organisation(reading: Reading, mention: Mention, before: list[Token], lex: Lexicon) -> str:
    """An organisation a role implies: a police rank, or a nation's unnamed service ("der französische Agent")."""
    role = role_of(mention.role, lex) or {}
    if role.get("implies") in lex.language.implied_organisations:
        name = lex.language.implied_organisations[role["implies"]]
        region, nation = _qualifier_before(before, mention, lex)
        if region:
            return lex.language.implied_in_region.format(organisation=name, region=region)
        return lex.language.implied_of_nation.format(organisation=name, nation=nation_form(nation, name, lex)) \
            if nation else name
    named = {name.casefold(): name for name in lex.language.implied_organisations.values()}
    qualifier = next((t.text.casefold() for t in before if t.text != mention.role), "")
    if role.get("member") and qualifier in named:  # "police officer Sam Burke", "army doctor"
        return named[qualifier]
    if role.get("implies") == "rank":  # "Detective Sergeant Ada Holm": the word before the rank says where
        title = next((role_of(t.text, lex) for t in before if t.text != mention.role), None) or {}
        return lex.language.implied_organisations.get(title.get("implies"), "")
    if role.get("implies") in lex.language.section("implied_if_named"):  # "der „Capo“ X": kept if the story names it
        return lex.language.section("implied_if_named", role["implies"]).get("name") or ""
    if not role.get("service"):
        return ""
    for token in before:
        if token.text == mention.role or token.text == "," or token.text in _OPENING_QUOTES:
            continue
        nation = nationality(token, lex)
        if nation:
            return lex.language.unnamed_service.format(nation=nation)
        if not (token.word and (tags.is_adjective(token.tag) or tags.is_article(token.tag))):
            break
    return ""


def _qualifier_before(before: list[Token], mention: Mention, lex: Lexicon) -> tuple[str, str]:
    """(region, nation) the words right before a role name give: ("Hessen", "") for "der hessische
    Staatsanwalt", ("Köln", "") for "die Kölner Kommissarin", ("New York", "") for "a New York prosecutor",
    ("", "französisch") for "der französische Staatsanwalt"; ("", "") for none."""
    words = [t for t in before if t.text != mention.role]
    proper = list(takewhile(lambda t: t.word and t.capitalised, words))
    if proper and tags.is_english_proper_noun(proper[0].tag):
        phrases = [" ".join(t.text for t in reversed(proper[:n])) for n in range(len(proper), 0, -1)]
        region = next((phrase for phrase in phrases if region_named(phrase, lex)), "")
        return (region, "") if region else ("", phrases[-1] if is_nation_adjective(phrases[-1], lex) else "")
    for token in words:
        if not (token.word and tags.is_adjective(token.tag)):
            break
        word = token.text if token.capitalised or not token.lemma else token.lemma
        region = region_named(word, lex)
        if region or is_nation_adjective(word, lex):
            return region, "" if region else word
    return "", ""


def nationality(token: Token, lex: Lexicon) -> str:
    """'französischen' -> 'französischer' (the form an unnamed service is named in), 'British' -> 'British'."""
    lemma = token.lemma if token.lemma and token.lemma[:1].islower() == token.text[:1].islower() else token.text
    if (tags.is_adjective(token.tag) or tags.is_english_proper_noun(token.tag)) and is_nation_adjective(lemma, lex):
        base = lemma if lex.language.nationalities_capitalised else lemma.casefold()
        return base + (lex.language.data.get("nationality_inflection") or "")
    return ""


def read_roles(reading: Reading, lex: Lexicon) -> None:
    """Role, organisation and status of every named mention (not those coreference added)."""
    for mention in reading.mentions:
        if not mention.via:
            describe(reading, mention, lex)
        elif mention.via == "pronoun" and not mention.uncertain and not mention.org:
            # "Er selbst war MI6-Agent": what a copula says of a pronoun is said of the one it stands for
            status_words = [w.casefold() for w in lex.status_former]
            _role_said_by_a_copula(reading, mention, lex, status_words)
            _organisation_said_by_a_copula(reading, mention, lex, status_words)
            if mention.role and not mention.org:
                mention.org = _implied_organisation(reading, mention, [], lex)


PASS = Pass("roles", read_roles, reads=("tokens", "mentions", "orgs"),
            writes=("mentions.role", "mentions.org", "mentions.status", "mentions.after_article",
                    "mentions.after_place_preposition"))
