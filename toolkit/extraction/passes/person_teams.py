"""A team named by the one who leads it: "Harlan's team", "Brandts Team", "das Team um Kommissarin Lea Brandt",
"Lea Brandt und ihr Team". The team is an organisation of its own ("Harlan's team", "Team Lea Brandt"),
the one it is named by its leader; nobody else belongs to it unless the text says so ("a member of
Harlan's team").
"""
from __future__ import annotations

from toolkit.extraction.document import AffiliationClaim, Mention, OrgMention, Pass, Reading
from toolkit.extraction.grammar import after_aside, is_genitive, role_of
from toolkit.extraction.lexicon import Lexicon
from toolkit.text import tags


def read_person_teams(reading: Reading, lex: Lexicon) -> None:
    """The teams the sentence names by a person, each with its leader's claim."""
    words = lex.language.section("person_teams")
    nouns = frozenset(w.casefold() for w in words.get("nouns") or ())
    template = words.get("name") or ""
    if not nouns or not template:
        return
    for mention, (first, last) in _teams(reading, lex, nouns, frozenset(w.casefold() for w in words.get("around") or ())):
        if mention.uncertain:
            continue
        name = template.format(name=mention.key)
        if not any(o.key == name for o in reading.orgs):  # the claim passes run twice; the team is found once
            reading.orgs.append(OrgMention(name, name, first, last, "team"))
        # a role beside the name may have claimed the team already ("das Team um die Ermittlerin X"): she leads it
        reading.affiliations = [a for a in reading.affiliations if a.character != mention.key or a.org != name]
        evidence = reading.span(min(first, mention.start), max(last, mention.end))
        reading.affiliations.append(AffiliationClaim(mention.key, name, "leader", evidence, "",
                                                     reading.tokens[mention.start].start))


def _teams(reading: Reading, lex: Lexicon, nouns: frozenset[str],
           around: frozenset[str]) -> list[tuple[Mention, tuple[int, int]]]:
    """(the leader, the span of the team's words) of each team the sentence names by a person: "Harlan's
    team", "[her team]", "[das Team] um X"."""
    tokens = reading.tokens
    coordinators = lex.affiliation_words.coordinators
    found = []
    for mention in reading.mentions:
        k = after_aside(tokens, mention.end)  # "Harlan's (Mark Dale) team"
        if not mention.via and is_genitive(mention) and k < len(tokens) and tokens[k].text.casefold() in nouns:
            found.append((mention, (mention.start, k + 1)))  # "Harlan's team", "Brandts Team"
            continue
        # "Lea Brandt und ihr Team", "Harlan and his team"
        if k + 2 < len(tokens) and tokens[k].text.casefold() in coordinators \
                and tokens[k + 1].text.casefold() in lex.possessives and tokens[k + 2].text.casefold() in nouns:
            found.append((mention, (k + 1, k + 3)))
    for token in tokens:  # "das Team um Kommissarin Lea Brandt"
        if token.text.casefold() not in nouns or token.i + 2 >= len(tokens) \
                or tokens[token.i + 1].text.casefold() not in around:
            continue
        k = token.i + 2
        while k < len(tokens) and k - token.i < 7 and tokens[k].word and (
                tokens[k].text.casefold() in lex.articles or tokens[k].text.rstrip(".") in lex.titles
                or role_of(tokens[k].text, lex) is not None or tags.is_adjective(tokens[k].tag) and not tokens[k].capitalised):
            k += 1
        mention = next((m for m in reading.mentions if m.start == k and not m.via and not m.genitive), None)
        if mention is not None:
            found.append((mention, (token.i, token.i + 1)))
    return found


PASS = Pass("person_teams", read_person_teams, reads=("tokens", "mentions", "orgs"), writes=("orgs", "affiliations"))
