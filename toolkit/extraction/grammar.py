"""Grammar the passes share: who a clause is said of, the role a word names, what a token describes."""
from __future__ import annotations

from toolkit.extraction.document import (
    Mention,
    Reading,
)
from toolkit.extraction.lexicon import (
    Lexicon,
    MembershipWords,
)
from toolkit.text import lexicons, tags
from toolkit.text.gazetteer import (
    is_country,
    names_a_language,
    place_names,
    place_of_adjective,
    region_of_adjective,
)
from toolkit.text.nlp import (
    Token,
    dictionary_form,
    is_initial,
    strip_genitive,
)


def clause_subject(reading: Reading, clause: int, words: MembershipWords | None = None,
                   lex: Lexicon | None = None) -> Mention | None:
    """Who a clause is said of: its first person not in a phrase, the antecedent of a relative pronoun, or
    the subject of the clause before when this one has none of its own ("…, inoffiziell für die CIA")."""
    words = words or lex.membership_words
    tokens = reading.tokens
    for number in range(clause, -1, -1):
        in_clause = [t for t in tokens if t.clause == number and t.word]
        # "(Matthew Marsh)": an aside in parentheses is no clause of its own
        if not in_clause or in_clause[0].i > 0 and tokens[in_clause[0].i - 1].text == "(":
            continue
        if relative_pronoun(in_clause[0], words) and number > 0:
            # "schickt Harlow (…) nach West-Berlin, der …": the antecedent is a person, not a place or an aside
            return next((m for m in reversed(reading.mentions) if m.end <= in_clause[0].i and not m.genitive
                         and not m.after_place_preposition and tokens[m.start - 1].text != "("), None)
        verb = next((t.i for t in in_clause if t.tag in words.finite_tags), None)
        for mention in reading.mentions:
            if tokens[mention.start].clause != number or is_genitive(mention) or after_preposition(reading, mention, words):
                continue
            # English puts the subject before its verb: "works for the CIA and asks her"
            if not words.subject_after_verb and verb is not None and mention.start > verb:
                continue
            return mention
        if any(t.tag in words.finite_tags for t in in_clause) and (number < clause or not in_clause[0].main):
            return None  # "…, dass ihr Vater für den BND arbeitet": a subordinate clause has its own subject
    return None


# relations of family: one holder is a fact of the story (not 'colleague', 'friend' or 'boss')
FAMILY_RELATIONS = frozenset({"parent_of", "son_of", "daughter_of", "sibling_of", "wife_of", "husband_of"})


def family_noun_before(reading: Reading, mention: Mention, lex: Lexicon) -> bool:
    """'mit ihrem Bruder Jakob', 'with her mother Ruth': a noun of family right before the name."""
    k = mention.start - 1
    word = reading.tokens[k].text.casefold() if k >= 0 else ""
    relation = lex.relations.get(word)
    return bool(relation) and relation.get("type") in FAMILY_RELATIONS or word in lex.language.lower_words("family_nouns")


def owned_noun_before(reading: Reading, verb: int) -> int | None:
    """'that his brother (also) works for': the verb at `verb` has a noun owned by a possessive or genitive
    name right before it (adverbs between), so its subject is that noun, not the owner and not a name
    before. Returns the noun's token index (a mention where coreference found whom it stands for)."""
    tokens = reading.tokens
    k = verb - 1
    while k >= 0 and tokens[k].word and not tokens[k].capitalised and tags.is_adverb(tokens[k].tag):
        k -= 1
    if k < 1 or not tags.is_common_noun(tokens[k].tag) \
            or any(m.start <= k < m.end and not m.via for m in reading.mentions):
        return None
    noun, k = k, k - 1
    while k >= 0 and tokens[k].word and not tokens[k].capitalised and tags.is_adjective(tokens[k].tag):
        k -= 1
    return noun if any(m.end == k + 1 and is_genitive(m) for m in reading.mentions) else None


def after_aside(tokens: list[Token], k: int) -> int:
    """The token after an aside in parentheses that opens at k ("Kay Burke (Anna Lindqvist), Noel's
    handler": the performer's name), or k itself when none opens there."""
    if k >= len(tokens) or tokens[k].text != "(":
        return k
    close = next((t.i for t in tokens[k + 1:k + 10] if t.text == ")"), None)
    return close + 1 if close is not None else k


def is_genitive(mention: Mention) -> bool:
    """"Eric's brother Neil": a bible may list the genitive as an alias, so the mark alone does not tell."""
    return mention.genitive or mention.surface.endswith(("'s", "’s", "'", "’"))


def after_preposition(reading: Reading, mention: Mention, words: MembershipWords | None = None,
                      lex: Lexicon | None = None) -> str:
    """The preposition a name's phrase opens with ("von der Ministerpräsidentin Ruth Dror"), or ''."""
    words = words or lex.membership_words
    tokens = reading.tokens
    k = mention.start - 1
    while k >= 0 and tokens[k].word and ((tags.is_article(tokens[k].tag) or tags.is_adjective(tokens[k].tag) or tags.is_cardinal(tokens[k].tag))
                                         or any(o.start <= k < o.end for o in reading.orgs)
                                         or lex is not None and role_of(tokens[k].text, lex) is not None
                                         or tokens[k].capitalised and tags.is_nominal(tokens[k].tag)
                                         and not any(m.start <= k < m.end for m in reading.mentions)):
        k -= 1
    # "Als der Abgeordnete Ahlers tot gefunden wird": a word that opens a subordinate clause is its conjunction
    opens_clause = k >= 0 and not tokens[k].main and not any(t.word and t.clause == tokens[k].clause
                                                              for t in tokens[:k])
    return tokens[k].text.casefold() if k >= 0 and tokens[k].tag in words.preposition_tags and not opens_clause else ""


def relative_pronoun(token: Token, words: MembershipWords) -> bool:
    """'der', 'who' opening a relative clause; not 'der' as an article."""
    return token.text.casefold() in words.relative_pronouns and (not tags.is_article(token.tag)
                                                                   or not token.main)


def reading_abbreviations(lex: Lexicon) -> frozenset[str]:
    """'Sgt.', 'Dr.': a full stop that ends a title, not a sentence."""
    return lex.language.words("abbreviations")


def window_before(reading: Reading, mention: Mention, lex: Lexicon, size: int = 4) -> list[Token]:
    """Up to `size` tokens before a name, nearest first, stopping at a comma or the end of a clause."""
    tokens = reading.tokens
    out = []
    k = mention.start - 1
    while k >= 0 and len(out) < size:
        abbreviation = k > 0 and tokens[k - 1].text + "." in reading_abbreviations(lex)
        if tokens[k].text in (".", ";", "(", ")") and not (k > 0 and is_initial(tokens, k - 1)) and not abbreviation:
            break
        out.append(tokens[k])
        if tokens[k].text == ",":
            break
        k -= 1
    return out


def role_of(word: str, lex: Lexicon) -> dict | None:
    """The role a word names, also as the last part of a compound: 'Doppelagent', 'Geheimdienstagenten'."""
    role = lex.role(word) or lex.role(word.split("-")[-1])
    if role is None and word[:1].isupper() and lex.language.nouns_capitalised:
        role = lex.role(dictionary_form(word, lex.language))  # "Agentinnen" -> "Agentin"
    if role is not None or not lex.affiliation_words.compound_suffixes:
        return role
    folded = word.casefold()
    # "Polizeifotograf": a compound that opens with an organisation a role implies
    for kind, name in lex.language.implied_organisations.items():
        if folded.startswith(name.casefold()) and len(folded) - len(name) >= 4:
            return {"member": True, "implies": kind}
    for suffix in lex.affiliation_words.compound_suffixes:
        if folded.endswith(suffix) and len(folded) - len(suffix) >= 3:
            return lex.roles_folded.get(suffix)
    return None


def non_member(word: str, lex: Lexicon) -> bool:
    """A prisoner, source, contact, applicant or accused is linked to an organisation without belonging."""
    folded = word.casefold()
    return any(folded == w or folded.endswith(w) for w in lex.affiliation_words.non_members)


def evidence_of(reading: Reading, mention: Mention, lex: Lexicon) -> str:
    """The words that say a person's role: the name with its title, role and organisation."""
    tokens = reading.tokens
    start = mention.start
    for token in reversed(tokens[max(0, mention.start - 4):mention.start]):
        if token.text in (",", ".", ";", "(") or token.text.casefold() in lex.function_words.evidence_stops \
                or (tags.is_verb(token.tag) or tags.is_german_pronoun(token.tag)):
            break
        start = token.i
    end = mention.end
    if end < len(tokens) and tokens[end].text.casefold() in lex.function_words.evidence_of:
        end = min(len(tokens), end + 2)
    org = next((o for o in reading.orgs if o.key == mention.org and mention.end <= o.start <= mention.end + 10), None)
    if org is not None:
        end = max(end, org.end)
    return reading.text[tokens[start].start:tokens[end - 1].end]




def describes_person(token: Token, lex: Lexicon) -> bool:
    """A title ("Sgt.", "Frau"), a role noun, or a noun with a person ending right before a name."""
    word = token.text.rstrip(".")
    if word in lex.titles or lex.role(word) is not None:
        return True
    if not token.word or not tags.is_noun(token.tag) or token.text.casefold() in lex.articles:
        return False
    endings = lex.language.section("names").get("person_noun_endings") or ()
    return token.text.casefold().endswith(tuple(endings)) and len(token.text) > 3


def latest_of_gender(reference: str, readings: list[Reading], index: int, genders: dict[str, str],
                     exclude: str = "", before: int | None = None) -> str | None:
    """'pronoun:m' left over in sentence `index`: the latest person of that gender named up to it (up to the
    offset `before` in that sentence, when given), or referred to with certainty in that sentence ("Der
    Onkel aber lebt: Er hat seinen Tod inszeniert")."""
    gender = reference.split(":", 1)[1]
    for sentence_index in range(index, max(-1, index - 3), -1):
        reading = readings[sentence_index]
        for mention in reversed(reading.mentions):
            if sentence_index == index and before is not None and reading.tokens[mention.start].start >= before:
                continue  # "Ihr Sohn Florian …, ihre Tochter Vroni": not someone named after the possessive
            if mention.key != exclude and genders.get(mention.key) == gender and not mention.genitive \
                    and (not mention.via or sentence_index == index and not mention.uncertain):
                return mention.key
    return None


APOSTROPHES = "‘'’´"


OPENING_QUOTES = ("'", "‘", "‚", "„", '"', "“", "«", "»")


# lowercase words inside names of many languages
NAME_PARTICLES = frozenset({"de", "da", "di", "du", "del", "della", "van", "von", "der", "den", "ter", "le", "la",
                            "bin", "ibn", "al", "el", "dos", "das", "y"})


def quoted(tokens: list[Token], i: int) -> bool:
    """"'Lanternman' rescues": the word stands in quotation marks, its trailing mark closes them."""
    return i > 0 and tokens[i - 1].text in OPENING_QUOTES and tokens[i - 1].end == tokens[i].start


def name_surface(tokens: list[Token], text: str, start: int, end: int) -> str:
    """The text of a discovered name, without the closing mark of a quoted one."""
    surface = text[tokens[start].start:tokens[end - 1].end]
    return surface[:-1] if surface[-1:] in APOSTROPHES and quoted(tokens, start) else surface


def complement_of_noun(reading: Reading, mention: Mention, lex: Lexicon) -> bool:
    """'der Bodyguard der Gastgeberin Greta', 'the bodyguard of the banker Irene', 'vor den Augen von Tilo':
    the name completes a noun before it; that noun, not the name, is what its clause is about."""
    tokens = reading.tokens
    linkers = lex.function_words.genitive_of | lex.function_words.by
    k = mention.start - 1
    while k >= 0 and tokens[k].word and not tags.is_article(tokens[k].tag) and (
            describes_person(tokens[k], lex) or tags.is_adjective(tokens[k].tag)):
        k -= 1
    if k >= 0 and tags.is_article(tokens[k].tag) and tokens[k].text.casefold() not in linkers:
        k -= 1  # "of the banker": the article after the linker
    if k < 1 or tokens[k].text.casefold() not in linkers:
        return False
    head = tokens[k - 1]
    return head.word and tags.is_noun(head.tag) and not any(m.start <= k - 1 < m.end for m in reading.mentions)


def description_before(reading: Reading, i: int, lex: Lexicon) -> bool:
    """'his predecessor dies', 'der Vater stirbt': a noun phrase with no name stands right before token `i`
    and is its subject."""
    tokens = reading.tokens
    k = i - 1
    if k < 0 or not tokens[k].word or not tags.is_noun(tokens[k].tag) or any(
            m.start <= k < m.end for m in reading.mentions):
        return False
    while k > 0 and tokens[k - 1].word and (tags.is_adjective(tokens[k - 1].tag) or tags.is_noun(tokens[k - 1].tag)):
        k -= 1
    before = tokens[k - 1].text.casefold() if k > 0 else ""
    return before in lex.articles or before in lex.possessives


def organisation_noun(word: str, lex: Lexicon) -> tuple[str, str] | None:
    """The organisation noun a word is or ends in, folded, and the kind of organisation it describes:
    'Netzwerks' -> ('netzwerk', 'other'), 'Untergrundorganisation' -> ('organisation', 'other'), 'Miliz'
    -> ('miliz', 'military'); None for a word that describes none. A compound counts by its last part; in
    a language that capitalises nouns also a closed compound of a group or organisation noun."""
    last = strip_genitive(word.split("-")[-1])[0].casefold()
    forms = lex.organisation_forms
    groups = {n.casefold() for n in (*lex.group_nouns, *lex.org_suffixes, *forms.named_nouns)}
    nouns = groups | {n.casefold() for n in forms.ending_nouns}
    head = next((n for n in nouns if last in (n, n + "s", n + "es")), None)
    if head is None and lex.language.nouns_capitalised and word[:1].isupper():  # "Untergrundorganisation"
        head = next((n for n in sorted(groups, key=len, reverse=True) if len(n) >= 4 and len(last) - len(n) >= 3
                     and any(last.endswith(e) for e in (n, n + "s", n + "es"))), None)
    if head is None:
        return None
    return head, lex.group_nouns.get(head) or "other"


def unnamed_of_gender(reading: Reading, gender: str, lex: Lexicon) -> bool:
    """'Tom hat eine Geliebte. Sie …', 'Tom has a girlfriend. She …': a noun of that gender after the last
    name of the sentence may be who a pronoun in the next one stands for."""
    last_name = max((m.end for m in reading.mentions if not m.via), default=0)
    return any(lex.gender_nouns.get(t.text.casefold()) == gender for t in reading.tokens[last_name:])


def commanded(reading: Reading, start: int, end: int, lex: Lexicon) -> tuple[Mention, Mention] | None:
    """(the one commanded, the commander) of a command phrase between the offsets `start` and `end`: the
    name after it (past articles, titles and role words: "operations officer Rusk") and the subject of
    its clause; None when either is missing or they are one."""
    tokens = reading.tokens
    first = next((t for t in tokens if t.start >= start), None)
    k = next((t.i for t in tokens if t.start >= end), len(tokens))
    if first is None:
        return None
    while k < len(tokens) and k - first.i < 12 and _before_a_name(tokens[k], lex):
        k += 1
    boss = next((m for m in reading.mentions if m.start == k and not m.uncertain and not m.genitive), None)
    member = clause_subject(reading, first.clause, lex=lex)
    if boss is None or member is None or member.uncertain or member.key == boss.key or member.start > first.i:
        return None
    after = after_aside(tokens, boss.end)  # "reports to Kurt that the courier is dead": a telling
    told = {w.casefold() for w in lex.language.section("commanded_by").get("not_before") or ()}
    return None if after < len(tokens) and tokens[after].text.casefold() in told else (member, boss)


def _before_a_name(token: Token, lex: Lexicon) -> bool:
    """An article, an adjective, a title or a role word: what may stand between a phrase and its name."""
    return token.word and (token.text.casefold() in lex.articles or token.text.rstrip(".") in lex.titles
                           or role_of(token.text, lex) is not None
                           or tags.is_adjective(token.tag) and not token.capitalised
                           or not token.capitalised and tags.is_common_noun(token.tag))


CLOSING_QUOTES = ('"', "“", "”", "«", "»", "’", "'", "‘")


def quoted_name(tokens: list[Token], quote: int) -> tuple[int, str] | None:
    """The end (exclusive) and the words of a capitalised name whose opening mark is at `quote`, or None.
    A single closing mark may be glued to the last word ("'Black Lantern' in Leeds")."""
    for k in range(quote + 1, min(len(tokens), quote + 6)):
        token = tokens[k]
        if not token.word:
            if k == quote + 1 or token.text not in CLOSING_QUOTES:
                return None
            return k + 1, " ".join(t.text for t in tokens[quote + 1:k])
        if not token.capitalised:
            return None
        if tokens[quote].text in "'‘" and token.text.endswith(("'", "’")) and len(token.text) > 1:
            return k + 1, " ".join([*(t.text for t in tokens[quote + 1:k]), token.text[:-1]])
    return None


def dictionary_name(adjective: Token, noun: str, lex: Lexicon) -> str:
    """'amerikanischen Botschaft' -> 'amerikanische Botschaft': the adjective as it stands before the noun
    alone, by the noun's gender; '' when the language or the noun does not say."""
    endings = lex.language.section("organisation_names")
    gender = next((g for g, suffixes in (endings.get("noun_gender_endings") or {}).items()
                   if noun.casefold().endswith(tuple(suffixes))), None)
    ending = (endings.get("adjective_endings") or {}).get(gender)
    if ending is None or not adjective.lemma:
        return ""
    return f"{adjective.lemma.casefold()}{ending} {noun}"


def is_nation_adjective(adjective: str, lex: Lexicon) -> bool:
    """An adjective (in its dictionary form) that names a nation or region: one the language lists, or one
    with a nationality ending that is a language's name or is made from a country's or region's name.
    Where nationalities are capitalised ("British"), the capital is the mark."""
    folded = adjective.casefold()
    if folded in lex.language.lower_words("nationalities"):
        return True
    ending = _nationality_ending(folded, lex)
    if ending is None:
        return False
    if lex.language.nationalities_capitalised:
        return adjective[:1].isupper()
    return names_a_language(folded, lex.language.code) or bool(region_of_adjective(folded, ending, lex.language.code))


def _nationality_ending(folded: str, lex: Lexicon) -> str | None:
    """The nationality ending of the language a (case-folded) adjective has ("-isch", "-ian"), or None."""
    return next((e for e in lex.language.nationality_endings if folded.endswith(e)), None)


def region_named(adjective: str, lex: Lexicon) -> str:
    """The region or city an adjective before an office names, when it is no nation's: 'hessisch' ->
    'Hessen', 'Berliner' -> 'Berlin'; '' for a nation's adjective ('französisch', 'belgisch') or none."""
    if not lex.language.nouns_capitalised:  # "a Boston prosecutor": the place itself
        return adjective if adjective in place_names() else ""
    city = place_of_adjective(adjective)
    if city:
        return city
    folded = adjective.casefold()
    if folded in lex.language.lower_words("nationalities") or names_a_language(folded, lex.language.code):
        return ""
    ending = _nationality_ending(folded, lex)
    if not ending or lex.language.nationalities_capitalised:
        return ""
    region = region_of_adjective(folded, ending, lex.language.code)
    return "" if is_country(region, lex.language.code) else region


def nation_form(nation: str, noun: str, lex: Lexicon) -> str:
    """A nation's adjective as it stands before an organisation's noun without an article: 'französisch'
    before 'Staatsanwaltschaft' -> 'französische'; 'French' -> 'French'."""
    genders = lexicons.german_noun(noun.split()[-1]) or "" if lex.language.nouns_capitalised else ""
    endings = lex.language.section("nation_adjective_endings")
    return nation + (endings.get(genders[:1], "") if len(genders) == 1 else "")


def named_member_before(tokens: list[Token], k: int, lex: Lexicon) -> bool:
    """'des Abgeordneten Ralf Sieber von der CDU', 'agent Tom Berg of the XYZ': a name, and a member's or
    leader's noun before it, right before the preposition at k."""
    j = k - 1
    while j >= 0 and k - j <= 3 and tokens[j].word and tokens[j].capitalised and role_of(tokens[j].text, lex) is None:
        j -= 1
    role = role_of(tokens[j].text, lex) or {} if 0 <= j < k - 1 else {}
    return bool(role.get("member") or role.get("leader"))
