"""The schema of a language file (`lang/<code>.yaml`): every key it may hold and the shape of its value.

A key the schema does not declare, or a value of another shape, is an error when the file is loaded,
so a misspelt key cannot read as empty. A language may leave a declared key out (it then reads as
empty). Shapes: WORDS (a list of strings), TEXT, FLAG (true/false), NUMBER (a whole number), RANK (a
number or a pair of numbers), TABLE (free keys, each with a value
of the given shape), RECORD (fixed keys, a mapping of its own).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache


class LanguageDataError(ValueError):
    """A language file that does not follow the schema."""


@dataclass(frozen=True)
class Shape:
    name: str


WORDS, TEXT, FLAG = Shape("a list of strings"), Shape("a string"), Shape("true or false")
NUMBER, RANK = Shape("a whole number"), Shape("a whole number or a pair [from, to]")


@dataclass(frozen=True)
class Table:
    """Free keys (a word, a noun), each with a value of one shape."""

    value: object


@dataclass(frozen=True)
class Record:
    """Fixed keys, each with its own shape; any may be left out."""

    fields: dict


def record(**fields) -> Record:
    """A Record of the given fields."""
    return Record(fields)


_GENDERED = record(f=WORDS, m=WORDS)
_ROLE = record(gender=TEXT, implies=TEXT, leader=FLAG, member=FLAG, service=FLAG, weak_gender=FLAG)
_RELATION = record(friend=FLAG, gender=TEXT, inverse=FLAG, type=TEXT)
_TIME_OF_DAY = record(time=TEXT, light=TEXT, rank=RANK, continues=FLAG)

SCHEMA = record(
    code=TEXT, tagger_model=TEXT,
    function_words=record(**dict.fromkeys(("conjunction", "name_coordinators", "contrast_openers", "copulas", "past_copulas", "by", "member_of", "evidence_of", "department_of", "genitive_of", "relatives", "person_relatives", "possessive_phrases", "plural_articles", "evidence_stops", "leader_prepositions"), WORDS)),
    traits=record(nouns_capitalised=FLAG, possessive_apostrophe=FLAG, nationalities_capitalised=FLAG, verb_second=FLAG, grammatical_gender=FLAG,
                  compound_joiner=TEXT, pronoun_number_by_verb=Table(TEXT), relative_pronoun_genders=Table(TEXT),
                  dative_prepositions=WORDS, contraction_hosts=WORDS), proper_noun_tags=WORDS, common_words=WORDS, abbreviations=WORDS,
    not_names=WORDS, articles=WORDS, possessives=_GENDERED, pronouns=_GENDERED, place_prepositions=WORDS,
    subordinators=WORDS, reporting_words=WORDS, reported_speech=WORDS, name_introducers=WORDS, quoted_name_introducers=WORDS,
    prop_introducers=WORDS, transitions=WORDS, unit_names=Table(TEXT), heading=Table(TEXT), cast_note=TEXT,
    dies_note=TEXT, flashback_note=TEXT, roles=Table(_ROLE), gender_nouns=_GENDERED, relations=Table(_RELATION),
    coreference=record(
        personal_tags=WORDS, possessive_tags=WORDS, subject_pronouns=_GENDERED, object_pronouns=_GENDERED,
        reflexive_pronouns=_GENDERED, definite_articles=WORDS, genitive_articles=WORDS, preposition_tags=WORDS,
        finite_verb_tags=WORDS, plural_verbs=WORDS, plural_verb_endings=WORDS, clause_openers=WORDS,
        coordinators=WORDS, not_own=WORDS, both=WORDS, plural_pronouns=WORDS),
    affiliations=record(compound_roles=FLAG, coordinators=WORDS, name_words=WORDS, non_members=WORDS),
    implied_organisations=record(police=TEXT, military=TEXT, prosecution=TEXT),
    implied_kinds=Table(TEXT), implied_in_region=TEXT, implied_of_nation=TEXT, nation_adjective_endings=Table(TEXT),
    # an organisation a role implies only in a story that names it ("der „Capo“ X" once a "Mafia-Treffen"
    # is told); `words` right before a role name it too ("mob boss")
    implied_if_named=Table(record(name=TEXT, words=WORDS)),
    unnamed_service=TEXT, nationality_endings=WORDS, nationalities=WORDS, nationality_inflection=TEXT,
    memberships=record(
        subject_after_verb=FLAG, one_of=WORDS, work_verbs=WORDS, member_prepositions=WORDS, verb_tags=WORDS,
        recruit_verbs=WORDS, agent_prepositions=WORDS, list_openers=WORDS, more_words=WORDS, team_nouns=WORDS,
        team_prepositions=WORDS, relative_pronouns=WORDS, purpose_openers=WORDS,
        recruit_prepositions=WORDS, unfinished=WORDS, sending_verbs=WORDS, sent_nowhere=WORDS,
        person_nouns_at=WORDS, visitor_nouns=WORDS, causative_verbs=WORDS, set_to_verbs=WORDS,
        role_links=WORDS, named_out=WORDS),  # "die Agenten der Einheit Nord", "agents of the Bureau": a role noun bound
    # to a group; named_out: "alle Agenten, darunter X", "the agents, among them X": X is one of the group
    negations=WORDS, relation_found_in=WORDS,
    served_under=WORDS,  # "war Agent des Amts 9 unter Raab", "served under Hale": the one served under
    # "arbeitet unter dem Kommando von X", "reports to X": the subject works where X does, unless a word of
    # `not_before` follows X ("reports to X that …" tells X something)
    commanded_by=record(phrases=WORDS, not_before=WORDS),
    person_teams=record(nouns=WORDS, around=WORDS, name=TEXT),  # "Harlan's team", "das Team um X": X's team, led by X
    relation_pairs=record(spouse_of=WORDS, sibling_of=WORDS, partner_of=WORDS, enemy_of=WORDS),
    relation_verbs=record(spouse_of=WORDS, enemy_of=WORDS, works_for=WORDS, works_for_agent=WORDS, partner_of=WORDS),
    status_words=record(former=WORDS, undercover=WORDS, undercover_roles=WORDS, leader=WORDS, left=WORDS,
                      deputy=WORDS,
                      former_by_gender=Table(TEXT), feminine_role_suffix=TEXT),
    deaths=record(
        killing_verbs=WORDS, causing_verbs=WORDS, passive_participles=WORDS, passive_auxiliaries=WORDS,
        separable=Table(TEXT), dying_verbs=WORDS, already_dead=WORDS, faked=WORDS, staged=WORDS,
        found_dead=record(dead=WORDS, found=WORDS, bodies=WORDS), victims=record(killed=WORDS, dies=WORDS),
        fabricated=WORDS, presumed_dead=WORDS,
        apparent=WORDS, presumed_dead_predicates=WORDS, killing_things=WORDS, killing_participles=WORDS, achieved=WORDS, perfect_auxiliaries=WORDS, resultative=record(phrases=WORDS, verbs=WORDS),
        nominal=record(killed=WORDS, dies=WORDS, of=WORDS, not_with=WORDS),
        explosions=record(vehicles=WORDS, verbs=WORDS, escapes=WORDS, inside=WORDS)),
    settings=Table(TEXT), prop_nouns=WORDS, group_nouns=Table(TEXT),
    organisation_names=record(noun_gender_endings=Table(WORDS), adjective_endings=Table(TEXT)),
    organisation_suffixes=WORDS, not_presence=WORDS,
    organisation_forms=record(named_nouns=WORDS, ending_nouns=WORDS, relation_slots=WORDS, police_nouns=WORDS,
                              compound_endings=WORDS, name_particles=WORDS, unique_endings=WORDS,
                              of_nouns=WORDS),
    organisation_references=record(determiners=WORDS, demonstratives=WORDS),
    belonging=record(verbs=WORDS, particles=WORDS, past=WORDS, led_by=WORDS),
    fronted_roles=record(openers=WORDS, prepositions=WORDS, ranks=WORDS),
    unstated=record(accusing_verbs=WORDS, conditionals=WORDS),
    presence=record(hunted=WORDS, place_clauses=WORDS, hiding=WORDS, framing=WORDS, company_nouns=WORDS,
                    backstory_auxiliaries=WORDS, action_clauses=WORDS, targets=record(verbs=WORDS, achieved=WORDS),
                    experiencer=record(before=WORDS, nouns=WORDS),
                    telling=record(verbs=WORDS, openers=WORDS)),
    membership_phrases=record(adverbs=WORDS, current=WORDS, former=WORDS),
    occupations=record(nouns=WORDS, as_words=WORDS, lost=WORDS),
    work_partners=WORDS,
    family_nouns=WORDS,
    inflections=record(names=WORDS, words=WORDS),
    times_of_day=Table(TEXT), not_setting=WORDS,
    names=record(
        titles=WORDS, address_forms=WORDS, performer_markers=WORDS, part_markers=WORDS, play_verbs=WORDS, credit_openers=WORDS,
        cast_labels=WORDS, work_nouns=WORDS, maker_markers=WORDS, comparison_words=WORDS,
        comparison_markers=WORDS, comparison_after=WORDS, person_noun_endings=WORDS, personal_relatives=WORDS,
        joined_particles=WORDS, verb_phrase_nouns=WORDS, cover_name_nouns=WORDS, performer_as=WORDS),
    story_time=record(
        int_ext=Table(TEXT), times=Table(_TIME_OF_DAY), next_day=WORDS, later_days=Table(NUMBER),
        later_unknown=WORDS, number_words=Table(NUMBER), day_note=WORDS, paper=TEXT),
    offices=WORDS,  # offices and ranks before a name in a cue: "BÜRGERMEISTERIN KLAAS"
    presence_exemptions=Table(record(before=WORDS, after=WORDS, clause=WORDS)),  # by occasion: funeral, photo …
    generic_organisations=record(units=WORDS, kinds=Table(WORDS)),  # "Sonderkommission des BKA", "die Polizei"
    passing_memberships=record(current=WORDS, former=WORDS),  # "X, who has been with {org} …,"
    unasserted_membership=WORDS,  # "asks whether", "ob": a membership only asked about
)


def check(data: object, source: str) -> None:
    """Raises LanguageDataError naming the file and the key path where `data` leaves the schema."""
    _check(data, SCHEMA, source, "")


@cache
def declared(*keys: str) -> bool:
    """Whether the schema declares the key path (`declared("deaths", "faked")`)."""
    shape: object = SCHEMA
    for key in keys:
        if isinstance(shape, Record) and key in shape.fields:
            shape = shape.fields[key]
        elif isinstance(shape, Table):
            shape = shape.value
        else:
            return False
    return True


def _check(value: object, shape: object, source: str, path: str) -> None:
    where = f"{source}: {path or 'the file'}"
    if value is None:
        return  # an empty entry reads as empty
    if isinstance(shape, Record):
        if not isinstance(value, dict):
            raise LanguageDataError(f"{where} should be a mapping")
        for key, item in value.items():
            if key not in shape.fields:
                raise LanguageDataError(f"{source}: unknown key {_join(path, key)!r}")
            _check(item, shape.fields[key], source, _join(path, key))
    elif isinstance(shape, Table):
        if not isinstance(value, dict):
            raise LanguageDataError(f"{where} should be a mapping")
        for key, item in value.items():
            _check(item, shape.value, source, _join(path, str(key)))
    elif shape is WORDS:
        if not isinstance(value, list) or not all(isinstance(word, str) for word in value):
            raise LanguageDataError(f"{where} should be {WORDS.name}")
    elif shape is TEXT and not isinstance(value, str) or shape is FLAG and not isinstance(value, bool) \
            or shape is NUMBER and not _whole(value) or shape is RANK and not _rank(value):
        raise LanguageDataError(f"{where} should be {shape.name}")


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _rank(value: object) -> bool:
    return _whole(value) or isinstance(value, list) and len(value) == 2 and all(map(_whole, value))


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
