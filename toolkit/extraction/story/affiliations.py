"""The characters' affiliations from the claims, and the ones the story implies (put up for review)."""
from __future__ import annotations

from collections.abc import Callable

from toolkit.extraction.document import (
    Reading,
)
from toolkit.extraction.grammar import (
    evidence_of,
    role_of,
)
from toolkit.extraction.lexicon import (
    Lexicon,
)
from toolkit.extraction.story.bound_roles import bound_roles
from toolkit.extraction.story.organisations import as_heading
from toolkit.extraction.story.served_under import served_under
from toolkit.extraction.story.work_partners import shared_with_a_work_partner
from toolkit.model.names import fold, slugify
from toolkit.model.story import (
    Affiliation,
    Character,
    Organisation,
    ReviewItem,
    Story,
)
from toolkit.text.language import Language
from toolkit.text.nlp import (
    dictionary_form,
)
from toolkit.text.synopsis import Sentence

_STATUS_RANK = {"unknown": 0, "current": 1, "undercover": 2, "leader": 3, "former": 4}


def fill_affiliations(by_key: dict[str, Character], readings: list[tuple[Sentence, Reading]], story: Story,
                      language: Language) -> None:
    """Affiliations of the characters from the claims; organisations only a claim names join the story."""
    org_names = {fold(n): o.id for o in story.organisations for n in (o.id, *o.names)}
    units = _units_of_the_implied(story, readings, language, org_names)
    # "der „Capo“ X": an organisation the role implies only where the story names it
    unnamed = {fold(entry.get("name") or "") for entry in language.section("implied_if_named").values()} \
        - set(org_names)
    last_affiliated: list[str] = []
    for _, reading in readings:
        for claim in reading.affiliations:
            character = by_key.get(claim.character)
            if character is None or fold(claim.org) in unnamed:
                continue
            named = units.get(fold(claim.org), claim.org) if claim.status != "former" else claim.org
            org = org_names.get(fold(named)) or (_new_organisation(named, story, language, org_names) if named else "")
            if not org:
                # "seine Eliteagenten unter der Leitung von X": the group of the one they answer to
                # (or of one named before them in the same sentence: "Ezra erhält weitere Agenten, darunter …")
                before = [m.key for m in reading.mentions if m.key in by_key and not m.via
                          and reading.tokens[m.start].start < claim.offset]
                boss = next((by_key[k] for k in reversed([*last_affiliated, *before]) if k != claim.character
                             and by_key[k].affiliations), None)
                if boss is None:
                    continue
                org = boss.affiliations[0].org
            title = dictionary_form(claim.title, language) if claim.title else ""
            add_affiliation(character, Affiliation(org, claim.status, title, claim.evidence))
        for mention in reading.mentions:
            if mention.key in by_key:
                last_affiliated.append(mention.key)
    # a cover name that is an organisation's name: "John Reed, alias Agent X"
    for character in by_key.values():
        for alias in character.aliases:
            org = org_names.get(fold(alias))
            if org and not any(a.org == org for a in character.affiliations):
                add_affiliation(character, Affiliation(org, "current", "", f"alias {alias}"))


def _units_of_the_implied(story: Story, readings: list[tuple[Sentence, Reading]], language: Language,
                          org_names: dict[str, str]) -> dict[str, str]:
    """'Kommissar Haberl' in a story whose one police unit is the "Kripo Wels" and which never names the
    police as such: the rank serves in that unit, not in a "Polizei" the role alone would imply; so does
    "Oberstaatsanwalt Quast" where "der hessische Staatsanwalt" named the "Staatsanwaltschaft Hessen".
    Maps the folded name of what a role implies to the name of its one unit; a former rank
    ("Ex-Polizistin") served in the police at large."""
    claimed = {claim.org for _, reading in readings for claim in reading.affiliations if claim.org}
    units = {}
    for key, bare in language.implied_organisations.items():
        if fold(bare) in org_names:
            continue
        named = claimed | {o.name for o in story.organisations}  # "schaltet die Staatsanwaltschaft Frankfurt ein"
        found = {fold(name): name for name in named
                 if fold(name) != fold(bare) and f" {fold(bare)} " in f" {fold(name)} "}
        if key == "police":
            found.update((fold(o.name), o.name) for o in story.organisations
                         if o.kind == "police" and fold(o.name) != fold(bare))
        if len(found) == 1:
            units[fold(bare)] = next(iter(found.values()))
    return units


def _new_organisation(name: str, story: Story, language: Language, org_names: dict[str, str]) -> str:
    """An organisation only a role implies ("Polizei") or an unnamed service ("britischer Geheimdienst")."""
    key = next((k for k, v in language.implied_organisations.items()
                if name.casefold() == v.casefold() or f" {v.casefold()} " in f" {name.casefold()} "), None)
    kind = language.section("implied_kinds").get(key, key) if key else "agency"
    record = Organisation(id=slugify(name), name=as_heading(name), kind=kind)
    story.organisations.append(record)
    org_names[fold(name)] = record.id
    return record.id


def add_affiliation(character: Character, affiliation: Affiliation) -> None:
    """One affiliation per organisation: the stronger status wins, the first title and evidence stay."""
    for i, existing in enumerate(character.affiliations):
        if existing.org == affiliation.org:
            if _STATUS_RANK[affiliation.status] > _STATUS_RANK[existing.status]:
                character.affiliations[i] = Affiliation(affiliation.org, affiliation.status,
                                                        existing.title or affiliation.title,
                                                        affiliation.evidence or existing.evidence)
            return
    character.affiliations.append(affiliation)


def implied_memberships(by_key: dict[str, Character], readings: list[tuple[Sentence, Reading]], story: Story,
                        lex: Lexicon, where: Callable[[Sentence], str]) -> list[ReviewItem]:
    """The memberships the story implies, each put up for review: through a colleague, a boss or a
    deputy, through a role noun the story binds to an organisation, and so on until nothing is added, so
    that an organisation one rule gives passes on through the others; a rank last. A team named by a person
    ("Harlan's team") is held aside meanwhile: it is passed on to nobody and hides no one's organisation."""
    teams = {o.id for o in story.organisations if o.kind == "team"}
    aside = {key: [a for a in c.affiliations if a.org in teams] for key, c in by_key.items()}
    for character in by_key.values():
        character.affiliations = [a for a in character.affiliations if a.org not in teams]
    review = _implied(by_key, readings, story, lex, where)
    for key, held in aside.items():
        for affiliation in held:
            add_affiliation(by_key[key], affiliation)
    return review


def _implied(by_key: dict[str, Character], readings: list[tuple[Sentence, Reading]], story: Story,
             lex: Lexicon, where: Callable[[Sentence], str]) -> list[ReviewItem]:
    review: list[ReviewItem] = []
    seen: set[tuple[str, str, str]] = set()
    while True:
        held = sum(len(c.affiliations) for c in by_key.values())
        found = [*shared_affiliations(by_key, readings, where), *shared_through_work(by_key, readings, lex, where),
                 *more_of_theirs(by_key, readings, where), *bound_roles(by_key, readings, story, lex, where),
                 *served_under(by_key, readings, story, lex, where),
                 *shared_with_a_work_partner(by_key, readings, lex, where)]
        for item in found:
            if (item.kind, item.where, repr(sorted(item.args.items()))) not in seen:
                seen.add((item.kind, item.where, repr(sorted(item.args.items()))))
                review.append(item)
        if sum(len(c.affiliations) for c in by_key.values()) == held:
            break
    return [*review, *ranks_like_the_rest(by_key, readings, story, lex, where)]


def more_of_theirs(by_key: dict[str, Character], readings: list[tuple[Sentence, Reading]],
                   where: Callable[[Sentence], str]) -> list[ReviewItem]:
    """'Ilan erhält weitere Agenten, darunter Gus': when the one who gets them belongs somewhere only once
    the story is read, the further members belong there too (put up for review)."""
    review = []
    for sentence, reading in readings:
        for claim in reading.affiliations:
            member = by_key.get(claim.character)
            if claim.org or member is None or member.affiliations:
                continue
            owner = next((r.target for r in reading.relations if r.type == "partner_of"
                          and r.source == claim.character and r.target in by_key), None)
            shared = [a for a in by_key[owner].affiliations if a.status != "former"] if owner else []
            if len(shared) == 1:
                member.affiliations.append(Affiliation(shared[0].org, claim.status, "", claim.evidence))
                review.append(ReviewItem.of("implied_affiliation", where(sentence), case="shared",
                                            member=claim.character, org=shared[0].org, other=owner,
                                            evidence=claim.evidence))
    return review


def shared_affiliations(by_key: dict[str, Character], readings: list[tuple[Sentence, Reading]],
                        where: Callable[[Sentence], str]) -> list[ReviewItem]:
    """'ihre Kollegin Tilda': a colleague belongs where the other works, when the other works in one place
    only. A reading by implication, so it is also put up for review."""
    review = []
    for sentence, reading in readings:
        for relation in reading.relations:
            if relation.type != "colleague_of":
                continue
            member, other = relation.source, relation.target
            if member not in by_key or other not in by_key or member == other:
                continue
            shared = _named_here([a for a in by_key[other].affiliations if a.status != "former"], reading)
            if len(shared) == 1 and not any(a.org == shared[0].org for a in by_key[member].affiliations):
                by_key[member].affiliations.append(Affiliation(shared[0].org, "current", "", relation.evidence))
                review.append(ReviewItem.of("implied_affiliation", where(sentence), case="shared", member=member,
                                            org=shared[0].org, other=other, evidence=relation.evidence))
            elif len(shared) > 1:  # which of them is not said: the bible keeps none
                review.append(ReviewItem.of("implied_affiliation", where(sentence), case="either", member=member,
                                            orgs=[a.org for a in shared], other=other, evidence=relation.evidence))
    return review


def _named_here(shared: list[Affiliation], reading: Reading) -> list[Affiliation]:
    """Of the several organisations the other belongs to, the one the sentence names ("Die CIA schickt
    … ihre Kollegin Tilda"); all of them when it names none or more than one."""
    if len(shared) < 2:
        return shared
    named = {slugify(o.key) for o in reading.orgs} | {o.key for o in reading.orgs}
    here = [a for a in shared if a.org in named]
    return here if len(here) == 1 else shared


def shared_through_work(by_key: dict[str, Character], readings: list[tuple[Sentence, Reading]], lex: Lexicon,
                        where: Callable[[Sentence], str]) -> list[ReviewItem]:
    """'her handler, Ned Rusk', 'ihr Vorgesetzter Pohl': a noun says one works for the other, and only
    one of them belongs anywhere; the other belongs there too, when that is one place only and the text
    names it. A verb ("is assigned to", "im Auftrag von") says nothing of where the other works. A reading by implication, so it
    is also put up for review."""
    nouns = {word for word, relation in lex.relations.items() if relation.get("type") == "works_for"}
    implied = {slugify(name) for name in lex.language.implied_organisations.values()}
    review = []
    for sentence, reading in readings:
        for relation in reading.relations:
            if relation.type != "works_for" or relation.source not in by_key or relation.target not in by_key \
                    or relation.source == relation.target \
                    or not _names_a_noun(relation.evidence, nouns):
                continue
            for member, other in ((relation.source, relation.target), (relation.target, relation.source)):
                # an organisation only a role implies ("Kommissarin": Polizei) is not passed on
                shared = _named_here([a for a in by_key[other].affiliations if a.status != "former"], reading)
                if len(shared) != 1 or by_key[member].affiliations or shared[0].org in implied:
                    continue
                by_key[member].affiliations.append(Affiliation(shared[0].org, "current", "", relation.evidence))
                review.append(ReviewItem.of("implied_affiliation", where(sentence), case="shared", member=member,
                                            org=shared[0].org, other=other, evidence=relation.evidence))
    return review


def _names_a_noun(evidence: str, nouns: set[str]) -> bool:
    """Whether one of the nouns stands in the evidence as whole words ("right-hand man, Yann")."""
    folded = " " + " ".join(evidence.casefold().replace(",", " ").split()) + " "
    return any(f" {noun} " in folded for noun in nouns)


def ranks_like_the_rest(by_key: dict[str, Character], readings: list[tuple[Sentence, Reading]], story: Story,
                        lex: Lexicon, where: Callable[[Sentence], str]) -> list[ReviewItem]:
    """'Sgt. Crane' in a story whose other ranks are police ranks serves in the police too; a sergeant of
    a story with no such ranks could be a soldier, so nothing is said. Put up for review."""
    names = {name.casefold() for name in lex.language.implied_organisations.values()}
    implied = {o.id for o in story.organisations if o.name.casefold() in names
               and any(a.org == o.id for c in by_key.values() for a in c.affiliations)}
    if len(implied) != 1:
        return []
    org = next(iter(implied))
    review = []
    for sentence, reading in readings:
        for mention in reading.mentions:
            character = by_key.get(mention.key)
            if character is None or character.affiliations or mention.org or not mention.role \
                    or (role_of(mention.role, lex) or {}).get("implies") != "rank":
                continue
            character.affiliations.append(Affiliation(org, "current", mention.role, evidence_of(reading, mention, lex)))
            review.append(ReviewItem.of("implied_affiliation", where(sentence), case="rank", member=mention.key,
                                        org=org, evidence=evidence_of(reading, mention, lex)))
    return review
