"""A partner at work shares the organisation: "Zusammen mit dem jungen Agenten Tom Ek ermittelt Vera
(MI6)" makes the agent, who belongs nowhere else, a member of Vera's service (put up for review)."""
from __future__ import annotations

from collections.abc import Callable

from toolkit.extraction.document import Reading
from toolkit.extraction.grammar import role_of
from toolkit.extraction.lexicon import Lexicon
from toolkit.model.names import slugify
from toolkit.model.story import Affiliation, Character, ReviewItem
from toolkit.text.nlp import find_phrase
from toolkit.text.synopsis import Sentence


def shared_with_a_work_partner(by_key: dict[str, Character], readings: list[tuple[Sentence, Reading]],
                               lex: Lexicon, where: Callable[[Sentence], str]) -> list[ReviewItem]:
    """A partner_of relation a phrase of working together states ("zusammen mit", "teams up with"), not
    an affair: the one of the two whose role is a member's noun and who belongs nowhere takes the
    other's one current organisation, unless only a role implies that one ("Kommissarin": Polizei)."""
    phrases = [p.casefold() for p in lex.language.phrases("work_partners")]
    implied = {slugify(name) for name in lex.language.implied_organisations.values()}
    review = []
    members = _members_by_role(readings, lex)
    for sentence, reading in readings:
        for relation in reading.relations:
            if relation.type != "partner_of" or relation.source not in by_key or relation.target not in by_key \
                    or relation.source == relation.target \
                    or not any(find_phrase(relation.evidence.casefold(), p) >= 0 for p in phrases):
                continue
            for member, other in ((relation.source, relation.target), (relation.target, relation.source)):
                shared = [a for a in by_key[other].affiliations if a.status != "former"]
                if by_key[member].affiliations or len(shared) != 1 or shared[0].org in implied \
                        or member not in members:
                    continue
                by_key[member].affiliations.append(Affiliation(shared[0].org, "current", "", relation.evidence))
                review.append(ReviewItem.of("implied_affiliation", where(sentence), case="shared", member=member,
                                            org=shared[0].org, other=other, evidence=relation.evidence))
    return review


def _members_by_role(readings: list[tuple[Sentence, Reading]], lex: Lexicon) -> set[str]:
    """Who the text first names with a role that makes its bearer a member somewhere ("der Agent X"),
    not a former one ("Ex-Agent X")."""
    first: dict[str, tuple[str, str]] = {}
    for _, reading in readings:
        for mention in reading.mentions:
            if mention.role and not mention.via:
                first.setdefault(mention.key, (mention.role, mention.status))
    out = set()
    for key, (word, status) in first.items():
        role = role_of(word.split("-")[-1], lex) or role_of(word, lex) or {}
        if status != "former" and (role.get("member") or role.get("service")):
            out.add(key)
    return out
