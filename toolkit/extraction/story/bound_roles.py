"""A member's role noun the story has bound to an organisation: 'die Agenten der Einheit Nord … den Agenten
Tom Vogt', 'a team of CASTOR agents … the agent Ben Holt'. A reader takes the bare noun for the
organisation the text last tied it to; the bible does too, and puts it up for review.

A binding is a role noun joined to an organisation: as one word or two ("CASTOR-Agentin", "CASTOR
agents"), with a genitive or a preposition ("die Agenten der Einheit Nord", "agents of the Bureau"), or
on a name ("Offizier Lutz Berg vom Amt 9"). A use is a name with the same role noun and no organisation
("der Agent Tom Vogt"). The use takes the most recent binding before it; when the last sentence that
bound the noun bound it to two organisations, or to a group the story does not know as one ("die
Agenten der Gegenseite"), nothing is said.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from toolkit.extraction.document import Mention, Reading
from toolkit.extraction.grammar import evidence_of, non_member, role_of
from toolkit.extraction.lexicon import Lexicon
from toolkit.extraction.passes.memberships import listed_names
from toolkit.extraction.passes.roles import nationality
from toolkit.extraction.passes.unstated import unstated
from toolkit.model.names import fold
from toolkit.model.story import Affiliation, Character, ReviewItem, Story
from toolkit.text import gazetteer, tags
from toolkit.text.nlp import dictionary_form
from toolkit.text.synopsis import Sentence


@dataclass(frozen=True)
class _Binding:
    at: tuple[int, int]  # sentence index, token index
    noun: str
    org: str  # organisation id


def _noun_key(word: str, lex: Lexicon) -> str:
    """'Agentinnen', 'Agenten', 'agents' -> 'agent': the role noun as it is compared."""
    form = dictionary_form(word, lex.language).casefold()
    if form.endswith("s") and form[:-1] in lex.roles_folded:  # "agents"
        form = form[:-1]
    suffix = (lex.language.section("status_words").get("feminine_role_suffix") or "").casefold()
    if suffix and form.endswith(suffix) and lex.roles_folded.get(form[:-len(suffix)]):
        form = form[:-len(suffix)]
    return form


def _holds(word: str, lex: Lexicon) -> dict:
    """The role data of a member's or leader's noun, also in the plural; {} for any other word."""
    role = role_of(word, lex) or (role_of(word[:-1], lex) if word.endswith("s") else None) or {}
    return role if (role.get("member") or role.get("leader")) and not non_member(word, lex) else {}


def _bindings(index: int, reading: Reading, lex: Lexicon, org_id: Callable[[str], str | None]) -> list[_Binding]:
    """The role nouns a sentence binds to an organisation, with where each binding stands; a place read
    as an organisation ('the agents of Moscow', org_id '') binds the noun to no organisation."""
    tokens = reading.tokens
    links = frozenset(w.casefold() for w in lex.language.section("memberships").get("role_links") or ())
    found = []
    for org in reading.orgs:
        ident = org_id(org.key)
        if ident is None:
            continue
        nouns = []
        if org.role and _holds(org.role, lex):  # "CASTOR-Agentin"
            nouns.append((org.role, org.start))
        if org.end < len(tokens) and _holds(tokens[org.end].text, lex) and tags.is_noun(tokens[org.end].tag):
            nouns.append((tokens[org.end].text, org.end))  # "CASTOR agents"
        k = org.start - 1
        if k >= 0 and _names_a_unit(tokens[k].text, lex):  # "der Spezialeinheit KORAX" read as "KORAX"
            k -= 1
        while k >= 0 and (tags.is_article(tokens[k].tag) or tags.is_adjective(tokens[k].tag)):
            k -= 1
        if k >= 0 and tokens[k].text.casefold() in links:
            k -= 1
        if k >= 0 and k < org.start - 1 and _holds(tokens[k].text, lex) and tags.is_noun(tokens[k].tag):
            nouns.append((tokens[k].text, k))  # "die Agenten der Einheit Nord", "agents of the Bureau"
        found.extend(_Binding((index, at), _noun_key(word.split("-")[-1], lex), ident) for word, at in nouns)
    for mention in reading.mentions:  # "Offizier Lutz Berg vom Amt 9"
        ident = org_id(mention.org) if mention.org and mention.role and not mention.via else ""
        if ident and _holds(mention.role, lex):
            found.append(_Binding((index, mention.start), _noun_key(mention.role.split("-")[-1], lex), ident))
    found.extend(_unknown_groups(index, reading, lex, links))
    # "der ehemalige Agent Ole Brandt vom Amt 9", "Ex-CASTOR-Agent Ole Brandt": what he has left
    former = [m for m in reading.mentions if m.status == "former"]
    return [b for b in found if not any(m.start - 4 <= b.at[1] <= m.end + 3 for m in former)]


def _unknown_groups(index: int, reading: Reading, lex: Lexicon, links: frozenset[str]) -> list[_Binding]:
    """'die Agenten der Gegenseite', 'the agents of Moscow': a role noun tied to a group that is no
    known organisation; it binds the noun to nothing, so a later bare use is left alone."""
    tokens = reading.tokens
    found = []
    for token in tokens:
        if not tags.is_noun(token.tag) or not _holds(token.text, lex) \
                or any(m.start <= token.i < m.end and m.via != "description" for m in reading.mentions):
            continue
        k = token.i + 1
        if k < len(tokens) and tokens[k].text.casefold() in links:
            k += 1
        while k < len(tokens) and (tags.is_article(tokens[k].tag) or tags.is_adjective(tokens[k].tag)):
            k += 1
        if k == token.i + 1 or k >= len(tokens) or not tokens[k].text[:1].isupper() \
                or not tags.is_nominal(tokens[k].tag) or any(o.start <= k < o.end for o in reading.orgs) \
                or _names_a_unit(tokens[k].text, lex) and any(o.start == k + 1 for o in reading.orgs):
            continue
        found.append(_Binding((index, token.i), _noun_key(token.text.split("-")[-1], lex), ""))
    return found


def _names_a_unit(word: str, lex: Lexicon) -> bool:
    """'Sondereinheit', 'Unit': a noun that names an organisation by the name after it."""
    folded = word.casefold()
    return any(folded.endswith(noun) for noun in lex.organisation_forms.named_nouns)


def _use(reading: Reading, mention: Mention, lex: Lexicon) -> str:
    """The role noun key of a name said with a member's bare role noun ("der Agent Tom Vogt"); '' else, and
    for a role a nationality qualifies ("der russische Präsident Orlow": another country's body)."""
    if mention.via or mention.org or mention.uncertain or not mention.role or mention.status == "former" \
            or "-" in mention.role or not _holds(mention.role, lex) \
            or any(nationality(t, lex) for t in reading.tokens[max(0, mention.start - 4):mention.start]):
        return ""
    return _noun_key(mention.role, lex)


def bound_roles(by_key: dict[str, Character], readings: list[tuple[Sentence, Reading]], story: Story,
                lex: Lexicon, where: Callable[[Sentence], str]) -> list[ReviewItem]:
    """Affiliations the story's bindings of role nouns imply, for characters that have none."""
    org_names = {fold(n): o.id for o in story.organisations for n in (o.id, *o.names)}
    bindings: list[_Binding] = []
    for index, (_, reading) in enumerate(readings):
        bindings.extend(_bindings(index, reading, lex,
                                  lambda key: "" if key in gazetteer.place_names() else org_names.get(fold(key))))
    review = []
    for index, (sentence, reading) in enumerate(readings):
        groups = named_out(reading, lex)
        for mention in reading.mentions:
            character = by_key.get(mention.key)
            if character is None or character.affiliations:
                continue
            group = groups.get(mention.start) if not mention.via else None
            noun = _noun_key(reading.tokens[group].text.split("-")[-1], lex) if group is not None \
                else _use(reading, mention, lex)
            if not noun:
                continue
            evidence = evidence_of(reading, mention, lex).strip(" :;,-–") if group is None \
                else reading.span(group, mention.end)
            if unstated(reading, evidence, -1, lex):
                continue
            orgs = _bound(bindings, noun, (index, mention.start))
            if len(orgs) > 1 and all(orgs):  # which of them is not said: the bible keeps none
                review.append(ReviewItem.of("implied_affiliation", where(sentence), case="role_either",
                                            member=mention.key, orgs=sorted(orgs), role=mention.role, evidence=evidence))
            if len(orgs) != 1 or not orgs[0]:
                continue
            org = orgs[0]
            status = "leader" if _holds(mention.role, lex).get("leader") else "unknown" if group is None else "current"
            character.affiliations.append(Affiliation(org, status, mention.role, evidence))
            review.append(ReviewItem.of("implied_affiliation", where(sentence), case="role", member=mention.key,
                                        org=org, role=mention.role, evidence=evidence))
    return review


def _bound(bindings: list[_Binding], noun: str, at: tuple[int, int]) -> list[str]:
    """The organisations of the most recent binding of `noun` before `at`: those the sentence of that
    binding ties the noun to ('' for a group not known as an organisation); [] when there is none."""
    earlier = [b for b in bindings if b.noun == noun and b.at < at]
    if not earlier:
        return []
    last = max(b.at[0] for b in earlier)
    return sorted({b.org for b in earlier if b.at[0] == last})


def named_out(reading: Reading, lex: Lexicon) -> dict[int, int]:
    """'alle Agenten, darunter auch der Team-Chef Jan Rieger', 'the agents of the Kestrel Squad, among them
    Hana Ivers and Rob Penn': for each name named out of a group (by its first token), the token of the
    group's member noun. A name may carry a title or a role of its own ("der Team-Chef"), which says its
    status, not its group."""
    tokens = reading.tokens
    found: dict[int, int] = {}
    for words in _openers(lex):
        for token in tokens:
            end = token.i + len(words)
            if end > len(tokens) or [t.text.casefold() for t in tokens[token.i:end]] != words:
                continue
            group = _group_before(reading, token.i - 1, lex)
            if group is not None:
                for mention in listed_names(reading, end - 1, lex, lex.membership_words):
                    found.setdefault(mention.start, group)
    return found


def _group_before(reading: Reading, comma: int, lex: Lexicon) -> int | None:
    """The member noun of the group that a comma at `comma` closes ("alle Agenten,", "the agents of the
    Kestrel Squad,"), or None."""
    tokens = reading.tokens
    if comma < 1 or tokens[comma].text != ",":
        return None
    j = comma - 1
    org = next((o for o in reading.orgs if o.start <= j < o.end), None)
    if org is not None:  # "the agents of the Kestrel Squad, among them …": back over the organisation
        links = frozenset(w.casefold() for w in lex.language.section("memberships").get("role_links") or ())
        j = org.start - 1
        if j >= 0 and _names_a_unit(tokens[j].text, lex):
            j -= 1
        while j >= 0 and (tags.is_article(tokens[j].tag) or tags.is_adjective(tokens[j].tag)
                          or tokens[j].text.casefold() in links):
            j -= 1
    return j if j >= 0 and tags.is_noun(tokens[j].tag) and _holds(tokens[j].text, lex) else None


def _openers(lex: Lexicon) -> list[list[str]]:
    """The phrases that name members out of a group, as lists of folded words."""
    return [p.casefold().split() for p in lex.language.phrases("memberships", "named_out")]
