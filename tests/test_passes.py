"""Each pass alone on a hand-built document: tokens, tags, clauses, mentions and organisations written out
here, one pass run, and what it adds (or removes) asserted. The pipeline's order is in pipeline.py; these
tests do not depend on it."""
from __future__ import annotations

import pytest

from toolkit.extraction import pipeline
from toolkit.extraction.document import AffiliationClaim, DeathClaim, Mention, OrgMention, Reading
from toolkit.extraction.lexicon import lexicon_for
from toolkit.extraction.passes import (
    affiliations,
    aliases,
    clear_claims,
    departments,
    fates,
    former_memberships,
    genders,
    membership_phrases,
    memberships,
    mentions,
    organisations,
    places,
    presence,
    props,
    relations,
    roles,
    transitions,
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
