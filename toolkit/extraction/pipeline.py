"""The pipeline: which passes read a sentence, in which order. The only place the order is written.

A synopsis sentence and a sentence of scene text are read alike: `SENTENCE_PASSES` on each sentence,
then coreference over the passage (`toolkit.extraction.coref`) adds the mentions pronouns and
descriptions stand for, and `CLAIM_PASSES` read the claims again with them. The claims read before
coreference are what classification and coreference itself go by (who acts, who is dead). Scene
presence (`PRESENCE_PASSES`) needs only the names, the organisations that hide them and the phrases that
put a name off screen or on it.
"""
from __future__ import annotations

from collections.abc import Collection, Sequence

from toolkit.extraction.coref import Ambiguity, Person, resolve_references
from toolkit.extraction.coref_kin import resolve_kin
from toolkit.extraction.document import NameLookup, Pass, Reading
from toolkit.extraction.lexicon import Lexicon, lexicon_for
from toolkit.extraction.org_coref import refer_to_organisations
from toolkit.extraction.passes import (
    affiliations,
    aliases,
    belonging,
    clear_claims,
    death_events,
    departments,
    fates,
    former_memberships,
    fronted_roles,
    genders,
    membership_phrases,
    memberships,
    mentions,
    occupations,
    organisation_slots,
    organisations,
    person_teams,
    places,
    presence,
    props,
    relations,
    roles,
    transitions,
    unstated,
    verb_relations,
)
from toolkit.text.language import Language
from toolkit.text.nlp import Token, analyse

# roles, affiliations, relations and fates: read with each sentence, and again after coreference
CLAIM_PASSES: tuple[Pass, ...] = (
    clear_claims.PASS,
    roles.PASS,
    affiliations.PASS,
    person_teams.PASS,
    membership_phrases.PASS,
    occupations.PASS,
    former_memberships.PASS,
    memberships.PASS,
    belonging.PASS,
    fronted_roles.PASS,
    relations.PASS,
    verb_relations.PASS,
    unstated.PASS,
    fates.PASS,
    death_events.PASS,
    presence.PASS,
)

SENTENCE_PASSES: tuple[Pass, ...] = (
    mentions.PASS,
    organisations.PASS,
    organisation_slots.PASS,
    departments.PASS,
    transitions.PASS,
    places.PASS,
    props.PASS,
    *CLAIM_PASSES,
    aliases.PASS,
    genders.PASS,
)

PRESENCE_PASSES: tuple[Pass, ...] = (mentions.PASS, organisations.PASS, organisation_slots.PASS, presence.PASS)


def run(passes: Sequence[Pass], reading: Reading, lex: Lexicon) -> Reading:
    """The reading after each of the passes in turn."""
    for step in passes:
        step.run(reading, lex)
    return reading


def read_sentence(text: str, language: Language, lookup: NameLookup, *, caps_only: bool = False,
                  tokens: list[Token] | None = None) -> Reading:
    """Everything the sentence passes find in one sentence, people resolved through `lookup`."""
    tokens = tokens if tokens is not None else analyse(text, language)
    reading = Reading(text=text, tokens=tokens, lookup=lookup, caps_only=caps_only)
    return run(SENTENCE_PASSES, reading, lexicon_for(language))


def read_claims(reading: Reading, lex: Lexicon) -> None:
    """The claim passes again, once coreference has added its mentions."""
    run(CLAIM_PASSES, reading, lex)


def resolve_passage(readings: list[Reading], people: dict[str, Person], lex: Lexicon, *,
                    only_where_added: bool = False) -> list[Ambiguity]:
    """Coreference over the readings of a passage (people, then the organisations later nouns stand for),
    then the claim passes on each reading (or, with `only_where_added`, on those coreference added a
    mention or an organisation to). Then the kin nouns that stand for a relative the claims have named
    ("her father"), and the claims again where one did. Returns what stayed ambiguous."""
    ambiguities = resolve_references(readings, people, lex)
    referred = refer_to_organisations(readings, lex)
    for index, reading in enumerate(readings):
        if not only_where_added or index in referred or any(m.via for m in reading.mentions):
            read_claims(reading, lex)
    for index in resolve_kin(readings, {key: person.gender for key, person in people.items()}, lex):
        read_claims(readings[index], lex)
    return ambiguities


def read_presence(text: str, tokens: list[Token], lookup: NameLookup, language: Language,
                  wanted: Collection[str] | None = None) -> Reading:
    """The names of a scene sentence (only those `wanted`) and the organisations around them; the passes
    stop as soon as no name is left."""
    reading = Reading(text=text, tokens=tokens, lookup=lookup)
    lex = lexicon_for(language)
    for step in PRESENCE_PASSES:
        step.run(reading, lex)
        if wanted is not None:
            reading.mentions = [m for m in reading.mentions if m.key in wanted]
        if not reading.mentions:
            break
    return reading
