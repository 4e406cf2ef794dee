"""Each pass alone on a hand-built document: tokens, tags, clauses, mentions and organisations written out
here, one pass run, and what it adds (or removes) asserted. The pipeline's order is in pipeline.py; these
tests do not depend on it."""
from __future__ import annotations

import pytest

from toolkit.extraction import pipeline
from toolkit.extraction.document import AffiliationClaim, DeathClaim, Mention, OrgMention, Reading, Relation
from toolkit.extraction.lexicon import lexicon_for
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
from toolkit.text.language import load_language
from toolkit.text.nlp import Token


def document(language: str, words: str, clauses: str = "") -> Reading:
    """A reading of 'word/TAG word/TAG …' joined by spaces; `clauses` gives each token's clause number as a
    string of digits ('' for all in clause 0). Lemmas come from the tagger for the tag written here."""
    model = load_language(language).tagger_model
    tokens, text = [], ""
    for i, item in enumerate(words.split()):
        word, _, tag = item.rpartition("/")
        if text:
            text += " "
        clause = int(clauses[i]) if clauses else 0
        tokens.append(Token(word, len(text), len(text) + len(word), i, tag, clause=clause, model=model))
        text += word
    return Reading(text=text, tokens=tokens)


class Names(dict):
    """A lookup of surfaces to keys that knows which surfaces are names as such (not genitives of one)."""

    def __call__(self, surface: str) -> str | None:
        return self.get(surface)

    def exact(self, surface: str) -> bool:
        return surface in self.values()


def mention(reading: Reading, first: int, end: int, key: str = "", **marks) -> Mention:
    surface = reading.span(first, end)
    return Mention(surface=surface, key=key or surface, start=first, end=end, **marks)


def run(step, reading: Reading, language: str) -> Reading:
    step(reading, lexicon_for(load_language(language)))
    return reading


def test_every_pass_of_the_pipeline_is_tested_here():
    listed = {step.name for step in (*pipeline.SENTENCE_PASSES, *pipeline.CLAIM_PASSES, *pipeline.PRESENCE_PASSES)}
    tested = {name.removeprefix("test_").split("__")[0] for name in globals() if name.startswith("test_")}
    assert listed <= tested, sorted(listed - tested)


def test_every_pass_declares_what_it_reads_and_writes():
    for step in pipeline.SENTENCE_PASSES:
        assert step.writes, step.name
        assert all(field.split(".")[0] in Reading.__dataclass_fields__ for field in (*step.reads, *step.writes)), step.name


def test_mentions__known_names_and_their_genitives():
    reading = document("de", "Toms/NE Frau/NN Lena/NE lacht/VV(FIN)")
    reading.lookup = Names(Tom="Tom", Toms="Tom", Lena="Lena")
    run(mentions.PASS, reading, "de")
    assert [(m.key, m.start, m.genitive) for m in reading.mentions] == [("Tom", 0, True), ("Lena", 2, False)]


def test_organisations__an_agency_by_its_acronym():
    reading = run(organisations.PASS, document("en", "Anna/NP0 works/VVZ for/PRP the/AT0 CIA/NP0"), "en")
    assert [(o.key, o.start, o.end) for o in reading.orgs] == [("cia", 4, 5)]


def test_departments__a_unit_of_an_agency_is_the_agency():
    reading = document("de", "die/ART Anti-Terror-Abteilung/NN des/ART MI5/NE")
    reading.orgs = [OrgMention("Anti-Terror-Abteilung", "Anti-Terror-Abteilung", 1, 2, "other"),
                    OrgMention("mi5", "MI5", 3, 4, "agency")]
    run(departments.PASS, reading, "de")
    assert [o.key for o in reading.orgs] == ["mi5"]


def test_transitions__a_transition_phrase_as_whole_words():
    assert run(transitions.PASS, document("de", "Indes/ADV schläft/VV(FIN) Anna/NE"), "de").transition
    assert not run(transitions.PASS, document("de", "Windes/NN schläft/VV(FIN)"), "de").transition


def test_places__a_setting_noun_and_a_gazetteer_place_outside_names():
    reading = document("de", "Anna/NE fährt/VV(FIN) nach/APPR Berlin/NE ins/APPRART Büro/NN")
    reading.mentions = [mention(reading, 0, 1)]
    run(places.PASS, reading, "de")
    assert reading.settings == [("Büro", "INT")]
    assert reading.places == [("Berlin", "")]


def test_props__a_named_device_and_a_code_name():
    reading = run(props.PASS, document("de", "Das/ART M60-Maschinengewehr/NN und/KON Projekt/NN Blaufuchs/NE"), "de")
    assert reading.props == ["M60", "Blaufuchs"]


def test_clear_claims__no_claim_left():
    reading = document("en", "Anna/NP0")
    reading.affiliations = [AffiliationClaim("Anna", "cia", "current", "Anna")]
    reading.superseding = list(reading.affiliations)
    run(clear_claims.PASS, reading, "en")
    assert (reading.affiliations, reading.relations, reading.deaths, reading.superseding) == ([], [], [], [])


def test_roles__the_role_word_before_a_name():
    reading = document("de", "Direktor/NN Weber/NE lacht/VV(FIN)")
    reading.mentions = [mention(reading, 1, 2)]
    run(roles.PASS, reading, "de")
    assert reading.mentions[0].role == "Direktor"


def test_roles__leaves_coreference_mentions_alone():
    reading = document("de", "Direktor/NN Weber/NE lacht/VV(FIN)")
    reading.mentions = [mention(reading, 1, 2, via="description")]
    run(roles.PASS, reading, "de")
    assert reading.mentions[0].role == ""


def test_affiliations__a_role_joined_to_an_organisation():
    reading = document("en", "CIA/NP0 agent/NN1 Anna/NP0 Berg/NP0 smiles/VVZ")
    reading.orgs = [OrgMention("cia", "Central Intelligence Agency", 0, 1, abbreviation="CIA")]
    reading.mentions = [mention(reading, 2, 4, role="agent", org="cia")]
    run(affiliations.PASS, reading, "en")
    assert [(a.character, a.org, a.status, a.title) for a in reading.affiliations] == [
        ("Anna Berg", "cia", "current", "agent")]


@pytest.mark.parametrize("language, words, leader, first, name", [
    ("en", "Nora/NP0 Kade's/NP0 team/NN1 raids/VVZ the/AT0 club/NN1", "Nora Kade", 0, "Nora Kade's team"),
    ("en", "Nora/NP0 Kade/NP0 and/CJC her/DPS team/NN1 raid/VVB the/AT0 club/NN1", "Nora Kade", 3, "Nora Kade's team"),
    ("de", "Das/ART Team/NN um/APPR Kommissarin/NN Lea/NE Brandt/NE ermittelt/VV(FIN)", "Lea Brandt", 1, "Team Lea Brandt"),
])
def test_person_teams__a_team_named_by_its_leader(language, words, leader, first, name):
    reading = document(language, words)
    end = next(i for i, t in enumerate(reading.tokens) if t.text in ("Kade's", "Kade", "Brandt")) + 1
    reading.mentions = [mention(reading, end - 2, end, key=leader, genitive=words.count("'s") > 0)]
    run(person_teams.PASS, reading, language)
    assert [(o.key, o.kind, o.start) for o in reading.orgs] == [(name, "team", first)]
    assert [(a.character, a.org, a.status) for a in reading.affiliations] == [(leader, name, "leader")]


def test_person_teams__no_team_without_a_name():
    reading = document("en", "Reynolds/NP0 has/VHZ his/DPS team/NN1 follow/VVB Ed/NP0")
    reading.mentions = [mention(reading, 0, 1), mention(reading, 5, 6)]
    run(person_teams.PASS, reading, "en")
    assert reading.orgs == [] and reading.affiliations == []


def test_membership_phrases__back_with_an_organisation():
    reading = document("de", "Lisa/NE ,/$, wieder/ADV zurück/ADV beim/APPRART BKA/NE")
    reading.mentions = [mention(reading, 0, 1)]
    reading.orgs = [OrgMention("bka", "Bundeskriminalamt", 5, 6, abbreviation="BKA")]
    run(membership_phrases.PASS, reading, "de")
    assert [(a.character, a.org, a.status) for a in reading.affiliations] == [("Lisa", "bka", "current")]
    assert reading.superseding == []


def test_membership_phrases__used_to_work_for_is_former_and_supersedes():
    reading = document("en", "Tom/NP0 ,/PUN who/PNQ used/VVD to/TO0 work/VVI for/PRP MI6/NP0", "00111111")
    reading.mentions = [mention(reading, 0, 1)]
    reading.orgs = [OrgMention("mi6", "Secret Intelligence Service", 7, 8, abbreviation="MI6")]
    run(membership_phrases.PASS, reading, "en")
    assert [(a.character, a.org, a.status) for a in reading.affiliations] == [("Tom", "mi6", "former")]
    assert reading.superseding == reading.affiliations


def test_occupations__the_owner_of_a_job_as_a_member():
    reading = document("en", "her/DPS job/NN1 as/CJS an/AT0 agent/NN1 for/PRP SD-6/NP0 ends/VVZ")
    reading.mentions = [mention(reading, 0, 1, key="Ada", via="pronoun", genitive=True)]
    reading.orgs = [OrgMention("SD-6", "SD-6", 6, 7)]
    run(occupations.PASS, reading, "en")
    assert [(a.character, a.org, a.status, a.title) for a in reading.affiliations] == [("Ada", "SD-6", "current", "agent")]


def test_occupations__a_lost_job_is_a_former_membership_and_an_uncertain_owner_none():
    reading = document("de", "Ada/NE verliert/VV(FIN) ihre/PPOSAT Stelle/NN als/KOKOM Analystin/NN beim/APPRART BND/NE")
    reading.mentions = [mention(reading, 0, 1), mention(reading, 2, 3, key="Ada", via="pronoun", genitive=True)]
    reading.orgs = [OrgMention("bnd", "Bundesnachrichtendienst", 7, 8, abbreviation="BND")]
    run(occupations.PASS, reading, "de")
    assert [(a.character, a.org, a.status) for a in reading.affiliations] == [("Ada", "bnd", "former")]
    reading.affiliations = []
    reading.mentions[1].uncertain = True
    run(occupations.PASS, reading, "de")
    assert reading.affiliations == []


def test_former_memberships__the_last_former_claim_replaces_the_others_of_its_pair():
    current = AffiliationClaim("Tom", "mi6", "current", "Tom works for MI6")
    other = AffiliationClaim("Ann", "cia", "current", "Ann works for the CIA")
    first, last = (AffiliationClaim("Tom", "mi6", "former", text) for text in ("once worked for MI6", "used to"))
    reading = document("en", "Tom/NP0")
    reading.affiliations = [current, other, first, last]
    reading.superseding = [first, last]
    run(former_memberships.PASS, reading, "en")
    assert reading.affiliations == [other, last]


def test_memberships__works_for_an_organisation():
    reading = document("en", "Anna/NP0 works/VVZ for/PRP the/AT0 CIA/NP0")
    reading.mentions = [mention(reading, 0, 1)]
    reading.orgs = [OrgMention("cia", "Central Intelligence Agency", 4, 5, abbreviation="CIA")]
    run(memberships.PASS, reading, "en")
    assert [(a.character, a.org, a.status) for a in reading.affiliations] == [("Anna", "cia", "current")]


def test_relations__a_kinship_noun_after_a_genitive_name():
    reading = document("de", "Toms/NE Frau/NN Lena/NE lacht/VV(FIN)")
    reading.mentions = [mention(reading, 0, 1, "Tom", genitive=True), mention(reading, 2, 3)]
    run(relations.PASS, reading, "de")
    assert [(r.source, r.type, r.target) for r in reading.relations] == [("Lena", "wife_of", "Tom")]
    assert [(v.key, v.gender) for v in reading.genders] == [("Lena", "f")]


def test_verb_relations__the_subject_marries_the_object():
    reading = document("en", "Ada/NP0 marries/VVZ Alfie/NP0")
    reading.mentions = [mention(reading, 0, 1), mention(reading, 2, 3)]
    run(verb_relations.PASS, reading, "en")
    assert [(r.source, r.type, r.target) for r in reading.relations] == [("Ada", "spouse_of", "Alfie")]


def test_fates__the_killer_and_the_killed():
    reading = document("de", "Martin/NE erschießt/VV(FIN) Nadja/NE")
    reading.mentions = [mention(reading, 0, 1), mention(reading, 2, 3)]
    run(fates.PASS, reading, "de")
    assert [(d.character, d.status, d.by) for d in reading.deaths] == [("Nadja", "killed", "Martin")]


def test_fates__a_second_verb_shares_the_subject_of_its_clause():
    reading = document("de", "Haller/NE stellt/VV(FIN) den/ART Mörder/NN Falk/NE und/KON erschießt/VV(FIN) ihn/PPER")
    reading.mentions = [mention(reading, 0, 1), mention(reading, 4, 5), mention(reading, 7, 8, "Falk", via="pronoun")]
    run(fates.PASS, reading, "de")
    assert [(d.character, d.status, d.by) for d in reading.deaths] == [("Falk", "killed", "Haller")]


@pytest.mark.parametrize("language, words, name, status", [
    ("en", "Kim/NP0 investigates/VVZ the/AT0 murder/NN1 of/PRF Ada/NP0", (5, 6), "killed"),
    ("de", "Eine/ART Autobombe/NN tötet/VV(FIN) Ada/NE", (3, 4), "killed"),
    ("de", "Sie/PPER wird/VA(FIN) für/APPR tot/ADJD gehalten/VV(PP)", (0, 1), "presumed_dead_alive"),
])
def test_death_events__a_noun_a_thing_or_a_belief_tells_the_death(language, words, name, status):
    reading = document(language, words)
    reading.mentions = [mention(reading, *name, "Ada")]
    run(death_events.PASS, reading, language)
    assert [(d.character, d.status) for d in reading.deaths] == [("Ada", status)]


def test_death_events__a_planned_murder_is_no_death():
    reading = document("en", "Kim/NP0 plans/VVZ the/AT0 murder/NN1 of/PRF Ada/NP0")
    reading.mentions = [mention(reading, 0, 1), mention(reading, 5, 6)]
    run(death_events.PASS, reading, "en")
    assert reading.deaths == []


@pytest.mark.parametrize("language, words, name", [
    ("de", "Ein/ART Bodyguard/NN der/ART Gastgeberin/NN Giulia/NE kommt/VV(FIN) ums/APPRART Leben/NN", (4, 5)),
    ("en", "The/AT0 bodyguard/NN1 of/PRF the/AT0 banker/NN1 Irene/NP0 is/VBZ killed/VVN", (5, 6)),
    ("en", "Irene/NP0 is/VBZ appointed/VVN ,/PUN and/CJC her/DPS predecessor/NN1 dies/VVZ", (0, 1)),
])
def test_fates__a_possessor_or_a_name_before_a_description_does_not_die(language, words, name):
    reading = document(language, words)
    reading.mentions = [mention(reading, *name)]
    run(fates.PASS, reading, language)
    assert reading.deaths == []


def test_fates__the_victim_of_a_passive_at_the_end_of_a_german_clause():
    reading = document("de", "Dann/ADV wird/VA(FIN) Boris/NE vor/APPR den/ART Augen/NN von/APPR Alex/NE ermordet/VV(PP)")
    reading.mentions = [mention(reading, 2, 3), mention(reading, 7, 8)]
    run(fates.PASS, reading, "de")
    assert [(d.character, d.status, d.by) for d in reading.deaths] == [("Boris", "killed", "")]


def test_fates__the_victim_of_a_passive_relative_clause_is_its_antecedent():
    reading = document("en", "Lara/NP0 meets/VVZ Aiden/NP0 ,/PUN who/PNQ is/VBZ shot/VVN soon/AV0", "00001111")
    reading.mentions = [mention(reading, 0, 1), mention(reading, 2, 3)]
    run(fates.PASS, reading, "en")
    assert [(d.character, d.status) for d in reading.deaths] == [("Aiden", "killed")]


def test_fates__one_thought_dead_named_after_the_words_is_alive():
    reading = document("de", "Er/PPER trifft/VV(FIN) seine/PPOSAT tot/ADJD geglaubte/ADJA Kollegin/NN Claire/NE")
    reading.mentions = [mention(reading, 0, 1, "Ben", via="pronoun"), mention(reading, 6, 7)]
    run(fates.PASS, reading, "de")
    assert [(d.character, d.status) for d in reading.deaths] == [("Claire", "presumed_dead_alive")]


def test_fates__the_owner_of_a_possessive_after_a_body_is_not_the_dead():
    reading = document("en", "Tess/NP0 finds/VVZ the/AT0 body/NN1 of/PRF her/DPS informant/NN1 Theo/NP0")
    reading.mentions = [mention(reading, 0, 1), mention(reading, 5, 6, "Tess", via="pronoun", genitive=True),
                        mention(reading, 7, 8)]
    run(fates.PASS, reading, "en")
    assert [d.character for d in reading.deaths] == ["Theo"]


@pytest.mark.parametrize("language, words, clauses, name, shown", [
    ("de", "Tanja/NE sucht/VV(FIN) den/ART Bombenleger/NN Ralf/NE", "", (4, 5), False),
    ("en", "Jon/NP0 poses/VVZ as/PRP a/AT0 courier/NN1 of/PRF the/AT0 smuggler/NN1 Viktor/NP0", "", (8, 9), False),
    ("de", "Die/ART Spur/NN führt/VV(FIN) nach/APPR Monaco/NE ,/$, wo/PWAV Lea/NE Roulette/NN spielt/VV(FIN)",
     "0000001111", (7, 8), True),
    ("de", "Er/PPER kommt/VV(FIN) nach/APPR Wien/NE ,/$, wo/PWAV Lea/NE sich/PRF versteckt/VV(FIN)", "000001111",
     (6, 7), None),
    ("en", "The/AT0 film/NN1 ends/VVZ with/PRP Rosa/NP0 watching/VVG the/AT0 sea/NN1", "00001111", (4, 5), True),
    ("de", "Mithilfe/NN der/ART Agentin/NN Hanna/NE täuschen/VV(FIN) sie/PPER ihn/PPER", "", (3, 4), None),
    ("de", "Gant/NE hatte/VA(FIN) Softkill/NE in/APPR Michael/NE implantiert/VV(PP)", "", (4, 5), False),
    ("en", "Lisa/NP0 learns/VVZ that/CJT Wolfe/NP0 had/VHD built/VVN it/PNP", "", (0, 1), None),
])
def test_presence__the_phrase_of_a_name_decides_whether_it_is_on_screen(language, words, clauses, name, shown):
    reading = document(language, words, clauses)
    subject = [mention(reading, 0, 1)] if words.split()[0].endswith(("/NE", "/NP0")) else []
    reading.mentions = [*subject, mention(reading, *name, main=not clauses)]
    run(presence.PASS, reading, language)
    assert reading.mentions[-1].on_screen is shown


def test_presence__the_description_beside_an_owned_name_is_off_screen_too():
    reading = document("de", "Sie/PPER trifft/VV(FIN) die/ART Frau/NN des/ART Gegners/NN Miles/NE ,/$, dem/ART Sprecher/NN")
    reading.mentions = [mention(reading, 0, 1, "Ana", via="pronoun"), mention(reading, 6, 7),
                        mention(reading, 8, 10, "Miles", via="description")]
    run(presence.PASS, reading, "de")
    assert reading.present == ["Ana"]


def test_presence__one_dead_before_the_story_is_not_on_screen():
    reading = document("en", "Ivo/NP0 mourns/VVZ his/DPS late/AJ0 wife/NN1 Clara/NP0")
    reading.mentions = [mention(reading, 0, 1), mention(reading, 5, 6)]
    reading.deaths = [DeathClaim("Clara", "dies", before_story=True)]
    run(presence.PASS, reading, "en")
    assert reading.present == ["Ivo"]


@pytest.mark.parametrize("words, expected", [
    ("Er/PPER soll/VM(FIN) die/ART USA/NE schützen/VV(INF)", []),
    ("Er/PPER fliegt/VV(FIN) in/APPR die/ART USA/NE", [("USA", "")]),
])
def test_places__a_place_a_verb_acts_on_is_not_where_it_happens(words, expected):
    reading = run(places.PASS, document("de", words), "de")
    assert reading.places == expected


def test_aliases__a_cover_name_after_alias():
    reading = document("en", "John/NP0 Reed/NP0 ,/PUN alias/NN1 Agent/NN1 X/NP0 ,/PUN waits/VVZ")
    reading.mentions = [mention(reading, 0, 2)]
    run(aliases.PASS, reading, "en")
    assert [(a.name, a.alias) for a in reading.aliases] == [("John Reed", "Agent X")]


def test_genders__a_possessive_after_and():
    reading = document("de", "Kroll/NE und/KON seine/PPOSAT Männer/NN fliehen/VV(FIN)")
    reading.mentions = [mention(reading, 0, 1)]
    run(genders.PASS, reading, "de")
    assert ("Kroll", "m", 2) in [(v.key, v.gender, v.weight) for v in reading.genders]


@pytest.mark.parametrize("language, words, gender", [("de", "Keppler/NE ,/$, der/PRELS sie/PPER umwirbt/VV(FIN)", "m"),
                                                     ("en", "Keppler/NP0 ,/PUN who/PNQ courts/VVZ her/PNP", None)])
def test_genders__a_relative_pronoun_where_the_language_gives_it_a_gender(language, words, gender):
    reading = document(language, words, "00111")
    reading.mentions = [mention(reading, 0, 1)]
    run(genders.PASS, reading, language)
    assert [v.gender for v in reading.genders if v.weight == 2] == ([gender] if gender else [])


@pytest.mark.parametrize("language, words, name", [
    ("de", "Wolter/NE von/APPR der/ART Kripo/NN Rostock/NE", "Kripo Rostock"),
    ("de", "Lisa/NE ermittelt/VV(FIN) im/APPRART Dezernat/NN 411/CARD", "Dezernat 411"),
    ("en", "Tom/NP0 joins/VVZ Special/AJ0 Branch/NN1", "Special Branch"),
    ("en", "Sydney/NP0 meets/VVZ the/AT0 SD-6/NP0 leader/NN1 Sloane/NP0", "SD-6"),
    ("en", "a/AT0 thriller/NN1 from/PRP Hartswood/NP0 Films/NP0", "Hartswood Films"),
    ("en", "the/AT0 mining/NN1 company/NN1 Orion/NP0 Resources/NP0", "Orion Resources"),
    ("en", "Okafor/NP0 of/PRF North/NP0 Yorkshire/NP0 Police/NN2 suspects/VVZ", "North Yorkshire Police"),
])
def test_organisations__by_form_a_named_unit_a_name_with_an_ending_a_numbered_acronym(language, words, name):
    reading = run(organisations.PASS, document(language, words), language)
    assert [o.name for o in reading.orgs] == [name]


@pytest.mark.parametrize("words", ["Er/PPER gibt/VV(FIN) dem/ART Ministerium/NN Akten/NN",
                                   "Tom/NE betritt/VV(FIN) das/ART Institut/NN"])
def test_organisations__an_organisation_noun_alone_names_none(words):
    assert run(organisations.PASS, document("de", words), "de").orgs == []


def test_unstated__a_question_states_no_membership():
    reading = document("de", "Gibt/VV(FIN) es/PPER einen/ART Maulwurf/NN des/ART KGB/NE ?/$.")
    reading.affiliations = [AffiliationClaim("Tom", "kgb", "leader", "Maulwurf des KGB")]
    run(unstated.PASS, reading, "de")
    assert reading.affiliations == []


def test_unstated__an_accusation_and_a_condition_state_nothing_a_plain_clause_does():
    words = "Orlov/NP0 accuses/VVZ Salt/NP0 of/PRF working/VVG for/PRP the/AT0 KGB/NP0 and/CJC Ann/NP0 works/VVZ for/PRP MI6/NP0"
    reading = document("en", words, "0000000011111")
    accused = AffiliationClaim("Salt", "kgb", "current", "Salt of working for the KGB", 14)
    stated = AffiliationClaim("Ann", "mi6", "current", "Ann works for MI6", 52)
    reading.affiliations = [accused, stated]
    reading.relations = [Relation("Ann", "enemy_of", "Orlov", "Orlov accuses Salt")]
    run(unstated.PASS, reading, "en")
    assert reading.affiliations == [stated]
    assert reading.relations == []
    conditional = document("en", "Diane/NP0 leaves/VVZ if/CJS he/PNP works/VVZ for/PRP the/AT0 CIA/NP0", "00111111")
    conditional.affiliations = [AffiliationClaim("Diane", "cia", "current", "Diane leaves if he works for the CIA")]
    assert run(unstated.PASS, conditional, "en").affiliations == []


def test_roles__an_apposition_without_an_article_and_a_person_noun_with_a_genitive():
    reading = document("en", "Cole/NP0 ,/PUN head/NN1 of/PRF the/AT0 Rivers/NP0 Unit/NN1 ,/PUN smiles/VVZ")
    reading.mentions = [mention(reading, 0, 1)]
    reading.orgs = [OrgMention("Rivers Unit", "Rivers Unit", 5, 7, "other")]
    run(roles.PASS, reading, "en")
    assert (reading.mentions[0].role, reading.mentions[0].org) == ("head", "Rivers Unit")
    german = document("de", "Karla/NE ,/$, der/ART brillante/ADJA Stratege/NN des/ART KGB/NE")
    german.mentions = [mention(german, 0, 1)]
    german.orgs = [OrgMention("kgb", "KGB", 6, 7)]
    run(roles.PASS, german, "de")
    assert (german.mentions[0].role, german.mentions[0].org) == ("Stratege", "kgb")


def test_affiliations__a_deputy_is_no_leader():
    reading = document("de", "Vizedirektor/NN Petrow/NE vom/APPRART FSB/NE")
    reading.orgs = [OrgMention("fsb", "FSB", 3, 4)]
    reading.mentions = [mention(reading, 1, 2, role="Vizedirektor", org="fsb")]
    run(affiliations.PASS, reading, "de")
    assert [(a.org, a.status) for a in reading.affiliations] == [("fsb", "current")]


def test_memberships__a_partner_noun_after_an_organisation():
    reading = document("en", "her/DPS SD-6/NP0 partner/NN1 ,/PUN Dixon/NP0 ,/PUN warns/VVZ her/PNP")
    reading.orgs = [OrgMention("SD-6", "SD-6", 1, 2)]
    reading.mentions = [mention(reading, 4, 5)]
    run(memberships.PASS, reading, "en")
    assert [(a.character, a.org, a.status) for a in reading.affiliations] == [("Dixon", "SD-6", "current")]


def test_relations__the_owner_across_an_organisation_before_the_noun():
    reading = document("en", "Sydney's/NP0 SD-6/NP0 partner/NN1 ,/PUN Dixon/NP0 ,/PUN warns/VVZ her/PNP")
    reading.orgs = [OrgMention("SD-6", "SD-6", 1, 2)]
    reading.mentions = [mention(reading, 0, 1, "Sydney", genitive=True), mention(reading, 4, 5)]
    run(relations.PASS, reading, "en")
    assert [(r.source, r.type, r.target) for r in reading.relations] == [("Dixon", "partner_of", "Sydney")]


def test_relations__a_two_word_noun_and_an_apposed_noun_with_its_owner():
    reading = document("de", "Kolb/NE und/KON seine/PPOSAT rechte/ADJA Hand/NN Kiefer/NE fliehen/VV(FIN)")
    reading.mentions = [mention(reading, 0, 1), mention(reading, 5, 6)]
    run(relations.PASS, reading, "de")
    assert [(r.source, r.type, r.target) for r in reading.relations] == [("Kiefer", "works_for", "pronoun:m")]
    apposed = document("en", "Tessa/NP0 visits/VVZ Hugo/NP0 ,/PUN her/DPS estranged/AJ0 father/NN1 ,/PUN today/AV0")
    apposed.mentions = [mention(apposed, 0, 1), mention(apposed, 2, 3)]
    run(relations.PASS, apposed, "en")
    assert [(r.source, r.type, r.target) for r in apposed.relations] == [("Hugo", "parent_of", "pronoun:f")]


def test_verb_relations__together_with_makes_partners():
    reading = document("de", "Zusammen/ADV mit/APPR dem/ART Agenten/NN Wendt/NE ermittelt/VV(FIN) Brahm/NE")
    reading.mentions = [mention(reading, 4, 5), mention(reading, 6, 7)]
    run(verb_relations.PASS, reading, "de")
    assert [(r.source, r.type, r.target) for r in reading.relations] == [("Brahm", "partner_of", "Wendt")]


def test_roles__a_copula_says_the_organisation_or_a_role_that_implies_one():
    reading = document("en", "Elsa/NP0 ,/PUN his/DPS wife/NN1 ,/PUN is/VBZ a/AT0 Russian/AJ0 SVR/NP0 agent/NN1")
    reading.mentions = [mention(reading, 0, 1)]
    reading.orgs = [OrgMention("svr", "SVR", 8, 9)]
    run(roles.PASS, reading, "en")
    assert (reading.mentions[0].org, reading.mentions[0].role) == ("svr", "agent")
    verb_last = document("de", "dass/KOUS Georg/NE ebenfalls/ADV CIA-Agent/NN ist/VA(FIN)")
    verb_last.mentions = [mention(verb_last, 1, 2)]
    verb_last.orgs = [OrgMention("cia", "CIA", 3, 4, role="Agent")]
    run(roles.PASS, verb_last, "de")
    assert verb_last.mentions[0].org == "cia"
    implied = document("de", "Svenja/NE ist/VA(FIN) Ex-Polizistin/NN")
    implied.mentions = [mention(implied, 0, 1)]
    run(roles.PASS, implied, "de")
    assert (implied.mentions[0].org, implied.mentions[0].status) == ("Polizei", "former")


def test_memberships__a_purpose_clause_says_where_its_subject_works():
    words = "Lisa/NE kommt/VV(FIN) ,/$, um/KOUI im/APPRART Dezernat/NN 12/CARD zu/PTKZU ermitteln/VV(INF)"
    reading = document("de", words, "000111111")
    for token in reading.tokens[3:]:
        token.reported = True
    reading.mentions = [mention(reading, 0, 1)]
    reading.orgs = [OrgMention("Dezernat 12", "Dezernat 12", 5, 7, "other")]
    run(memberships.PASS, reading, "de")
    assert [(a.character, a.org) for a in reading.affiliations] == [("Lisa", "Dezernat 12")]
    reading.affiliations = []
    reading.tokens[3] = reading.tokens[3].__class__("weil", reading.tokens[3].start, reading.tokens[3].end, 3, "KOUS",
                                                    clause=1, reported=True, model=reading.tokens[3].model)
    run(memberships.PASS, reading, "de")
    assert reading.affiliations == []


def test_memberships__one_of_theirs_after_a_performer_in_parentheses():
    words = "Ted/NE schickt/VV(FIN) Eva/NE (/$( Ina/NE Lenz/NE )/$( ,/$, eine/ART seiner/PPOSAT Agentinnen/NN"
    reading = document("de", words)
    reading.mentions = [mention(reading, 0, 1), mention(reading, 2, 3), mention(reading, 9, 10, "Ted", via="pronoun")]
    run(memberships.PASS, reading, "de")
    assert [(r.source, r.type, r.target) for r in reading.relations] == [("Eva", "colleague_of", "Ted")]


def test_memberships__a_list_of_the_possessors_staff_is_of_the_possessors_organisation():
    words = "Gus/NP0 ,/PUN the/AT0 head/NN1 of/PRF MI6/NP0 ,/PUN briefs/VVZ his/DPS officers/NN2 :/PUN Ann/NP0 and/CJC Bo/NP0"
    reading = document("en", words, "01111102220333")
    reading.orgs = [OrgMention("mi6", "MI6", 5, 6)]
    reading.mentions = [mention(reading, 0, 1, org="mi6", role="head"), mention(reading, 11, 12), mention(reading, 13, 14)]
    run(memberships.PASS, reading, "en")
    assert [(a.character, a.org) for a in reading.affiliations] == [("Ann", "mi6"), ("Bo", "mi6")]
    friends = document("en", words.replace("officers/NN2", "friends/NN2"), "01111102220333")
    friends.orgs, friends.mentions = reading.orgs, reading.mentions
    assert run(memberships.PASS, friends, "en").affiliations == []


def test_verb_relations__the_genitive_name_before_an_action_noun_is_its_subject():
    reading = document("en", "Ann/NP0 thinks/VVZ that/CJT Munro's/NP0 pursuit/NN1 of/PRF Dorsey/NP0 fails/VVZ", "00011111")
    reading.mentions = [mention(reading, 0, 1), mention(reading, 3, 4, "Munro", genitive=True), mention(reading, 6, 7)]
    run(verb_relations.PASS, reading, "en")
    assert [(r.source, r.type, r.target) for r in reading.relations] == [("Munro", "enemy_of", "Dorsey")]


def test_organisations__a_police_noun_names_a_police_unit():
    reading = run(organisations.PASS, document("de", "die/ART Kripo/NN Rostock/NE und/KON das/ART Dezernat/NN Süd/NE"), "de")
    assert [(o.name, o.kind) for o in reading.orgs] == [("Kripo Rostock", "police"), ("Dezernat Süd", "police")]


@pytest.mark.parametrize("words, names", [
    ("Ecks/NE hat/VA(FIN) die/ART Behörde/NN verlassen/VV(PP)", []),
    ("Sie/PPER kommen/VV(FIN) mit/APPR einer/ART Armee/NN Agenten/NN", []),
    ("Lisa/NE arbeitet/VV(FIN) für/APPR den/ART britischen/ADJ(A) Geheimdienst/NN", ["britischer Geheimdienst"]),
])
def test_organisations__a_services_common_noun_alone_names_none(words, names):
    assert [o.name for o in run(organisations.PASS, document("de", words), "de").orgs] == names


@pytest.mark.parametrize("language, words, name", [
    ("en", "Kate/NP0 ,/PUN the/AT0 head/NN1 of/PRF the/AT0 Xeno/NP0 Yard/NN1 Zone/NN1 (/PUL XYZ/NP0 )/PUR", "Xeno Yard Zone"),
    ("en", "QRT/NP0 (/PUL Quiet/AJ0 Response/NN1 Team/NN1 )/PUR chief/NN1 Nadia/NP0", "Quiet Response Team"),
    ("de", "der/ART Chef/NN der/ART DDX-Abwehr/NN ,/$, Lutz/NE", "DDX-Abwehr"),
    ("de", "die/ART Tänzerin/NN am/APPRART Marellitheater/NN", "Marellitheater"),
    ("de", "der/ART Mafia-Boss/NN Enzo/NE", "Mafia"),
    ("en", "Ada/NP0 of/PRF the/AT0 task/NN1 force/NN1 LYNX/NP0", "task force LYNX"),
    ("de", "des/ART Netzwerks/NN „/$( Nachtfalter/NN “/$( ,/$,", "Nachtfalter"),
    ("de", "Vizedirektor/NN des/ART ukrainischen/ADJ(A) Auslandsgeheimdienstes/NN", "ukrainischer Auslandsgeheimdienst"),
])
def test_organisations__by_form_an_acronym_spelled_out_a_compound_a_group_with_a_role(language, words, name):
    reading = run(organisations.PASS, document(language, words), language)
    assert [o.name for o in reading.orgs] == [name]


@pytest.mark.parametrize("words", ["Tom/NE meldet/VV(FIN) es/PPER der/ART Polizeibehörde/NN",
                                   "Tom/NE trifft/VV(FIN) die/ART neue/ADJA Stadtpolizei/NN"])
def test_organisations__a_compound_of_common_nouns_names_none(words):
    assert run(organisations.PASS, document("de", words), "de").orgs == []


@pytest.mark.parametrize("language, words, name", [
    ("de", "den/ART Chef/NN der/ART Ostwache/NN ,/$, Lutz/NE Berger/NE", "Ostwache"),
    ("en", "Dan/NP0 ,/PUN the/AT0 head/NN1 of/PRF Harbour/NN1 Watch/NN1 ,/PUN", "Harbour Watch"),
    ("en", "the/AT0 Hexa/NP0 leader/NN1 Omar/NP0 Daher/NP0", "Hexa"),
    ("de", "der/ART Hexa-Chef/NN Omar/NE Daher/NE", "Hexa"),
    ("de", "Ina/NE ,/$, Analystin/NN beim/APPRART Seewetteramt/NN ,/$,", "Seewetteramt"),
    ("de", "der/ART Sprecher/NN der/ART Grünen/ADJ(A) Front/NN ,/$,", "Grüne Front"),
])
def test_organisation_slots__a_name_in_the_place_of_a_leaders_or_members_organisation(language, words, name):
    reading = run(organisation_slots.PASS, document(language, words), language)
    assert [o.name for o in reading.orgs] == [name]


@pytest.mark.parametrize("language, words", [
    ("en", "the/AT0 murder/NN1 of/PRF Owen/NP0 Tate's/NP0 assistant/NN1"),
    ("en", "the/AT0 boss/NN1 of/PRF Lena/NP0 Berg/NP0 ./PUN"),
    ("de", "der/ART Chef/NN der/ART Firma/NN"),
    ("en", "the/AT0 British/AJ0 chief/NN1 Kit/NP0 Dunn/NP0"),
])
def test_organisation_slots__a_possessive_a_given_name_or_a_nationality_names_none(language, words):
    assert run(organisation_slots.PASS, document(language, words), language).orgs == []


def _claims(step, language: str, words: str, orgs: list[OrgMention], spans: list[tuple]) -> list[tuple]:
    """(character, organisation, status) of the claims `step` makes on the words with those organisations
    and mentions (spans of (first, end) or (first, end, key, marks))."""
    reading = document(language, words)
    reading.orgs = orgs
    reading.mentions = [mention(reading, span[0], span[1], *span[2:3], **(span[3] if len(span) > 3 else {}))
                        for span in spans]
    run(step, reading, language)
    return [(a.character, a.org, a.status) for a in reading.affiliations]


@pytest.mark.parametrize("language, words, org, spans, claims", [
    ("de", "Dieser/PDS gehörte/VV(FIN) Karl/NE Ebner/NE an/PTKVZ ./$.", OrgMention("Bund", "Bund", 0, 1, noun="bund"),
     [(2, 4)], [("Karl Ebner", "Bund", "former")]),
    ("en", "Ina/NP0 Pohl/NP0 belongs/VVZ to/PRP the/AT0 Red/NP0 Hand/NP0", OrgMention("Red Hand", "Red Hand", 4, 7),
     [(0, 2)], [("Ina Pohl", "Red Hand", "current")]),
    ("de", "Tom/NE gehörte/VV(FIN) der/ART Gruppe/NN nie/ADV an/PTKVZ", OrgMention("Gruppe", "Gruppe", 2, 4),
     [(0, 1)], []),
])
def test_belonging__a_belonging_verb_a_past_form_and_a_negation(language, words, org, spans, claims):
    assert _claims(belonging.PASS, language, words, [org], spans) == claims


@pytest.mark.parametrize("language, words, org, spans, claims", [
    ("en", "Although/CJS a/AT0 sergeant/NN1 in/PRP the/AT0 army/NN1 ,/PUN he/PNP is/VBZ rude/AJ0",
     OrgMention("Army", "Army", 5, 6, "military"), [(7, 8, "Sam Ward", {"via": "pronoun"})],
     [("Sam Ward", "Army", "current")]),
    ("de", "Als/KOUS Soldat/NN bei/APPR der/ART Armee/NN lernt/VV(FIN) Olaf/NE Wenz/NE schießen/VV(INF)",
     OrgMention("Armee", "Armee", 4, 5, "military"), [(6, 8)], [("Olaf Wenz", "Armee", "current")]),
    ("en", "Tom/NP0 meets/VVZ a/AT0 sergeant/NN1 in/PRP the/AT0 army/NN1 ,/PUN Ann/NP0",
     OrgMention("Army", "Army", 6, 7, "military"), [(0, 1), (8, 9)], []),
])
def test_fronted_roles__the_subject_after_the_phrase_is_the_member(language, words, org, spans, claims):
    assert _claims(fronted_roles.PASS, language, words, [org], spans) == claims


def test_belonging__the_one_a_passive_phrase_names_leads_the_organisation_before_it():
    reading = document("en", "It/PNP was/VBD run/VVN by/PRP Mona/NP0 Pryce/NP0")
    reading.orgs = [OrgMention("Black Reef", "Black Reef", 0, 1, "other", noun="ring")]
    reading.mentions = [mention(reading, 4, 6)]
    run(belonging.PASS, reading, "en")
    assert [(a.character, a.org, a.status) for a in reading.affiliations] == [("Mona Pryce", "Black Reef", "leader")]
    reading = document("en", "It/PNP was/VBD run/VVN by/PRP Mona/NP0 Pryce/NP0")
    reading.mentions = [mention(reading, 4, 6)]
    run(belonging.PASS, reading, "en")
    assert reading.affiliations == []


def test_organisations__a_quoted_name_in_apposition_after_prepositional_phrases_only():
    reading = document("de", "einer/ART Untergrundorganisation/NN aus/APPR den/ART 1970er-Jahren/NN führt/VV(FIN) :/$. "
                             "dem/ART „/$( Roten/ADJ(A) Bund/NN “/$(")
    run(organisations.PASS, reading, "de")
    assert [(o.key, o.kind, o.noun) for o in reading.orgs] == [("Roten Bund", "other", "organisation")]
    reading = document("de", "Die/ART Firma/NN schickt/VV(FIN) ihn/PPER zu/APPR einem/ART Kunden/NN :/$. "
                             "dem/ART „/$( Baron/NN “/$(")
    run(organisations.PASS, reading, "de")
    assert [o.key for o in reading.orgs] == []
