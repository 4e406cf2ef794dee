"""Memberships said by a verb, a list or a possessive, with the subject found through coreference."""
from __future__ import annotations

from tests.conftest import read_passage


def _claims(sentences: list[str], language: str, genders: dict[str, str]) -> set[tuple[str, str, str]]:
    readings, _ = read_passage(sentences, language, genders)
    return {(a.character, a.org, a.status) for r in readings for a in r.affiliations}


def test_works_for_and_a_verbless_clause_that_continues_it():
    claims = _claims(["Lea Sander lebt in Bonn.",
                      "Sie arbeitet offiziell in einer Bank, inoffiziell jedoch für die CIA – und für die Stasi."],
                     "de", {"Lea Sander": "f"})
    assert {("Lea Sander", "cia", "current"), ("Lea Sander", "stasi", "current")} <= claims


def test_a_relative_clause_works_for_its_antecedent():
    claims = _claims(["Der Attaché Paul Merle, der auch für die CIA tätig ist, reist nach Rom."], "de",
                     {"Paul Merle": "m"})
    assert ("Paul Merle", "cia", "current") in claims


def test_recruited_by_an_organisation_links_without_a_status():
    assert ("Tom Hale", "kgb", "unknown") in _claims(["Tom Hale was recruited by the KGB."], "en", {"Tom Hale": "m"})


def test_a_list_of_agents_names_their_members():
    claims = _claims(["Three FBI agents, including Sam Ortiz and Leah Moss, watch the docks, while Ray Cole waits."],
                     "en", {"Sam Ortiz": "unknown", "Leah Moss": "f", "Ray Cole": "m"})
    assert {("Sam Ortiz", "fbi", "current"), ("Leah Moss", "fbi", "current")} <= claims
    assert not any(c[0] == "Ray Cole" for c in claims)


def test_an_organisation_sends_its_own():
    claims = _claims(["Die CIA hat einen Verdacht und schickt ihren Spürhund Jonas Pohl nach Wien."], "de",
                     {"Jonas Pohl": "m"})
    assert ("Jonas Pohl", "cia", "current") in claims


def test_a_person_and_the_team_of_an_agency_that_is_theirs():
    claims = _claims(["Reed must betray Carl Pearce and his CIA team."], "en", {"Reed": "m", "Carl Pearce": "m"})
    assert ("Carl Pearce", "cia", "current") in claims


def test_one_of_her_agents_is_her_colleague():
    readings, _ = read_passage(["Die BND-Chefin Ruth Ahrens schickt Nora Kell, eine ihrer besten Agentinnen, nach Kiel."],
                               "de", {"Ruth Ahrens": "f", "Nora Kell": "f"})
    assert ("Nora Kell", "colleague_of", "Ruth Ahrens") in {(r.source, r.type, r.target) for r in readings[0].relations}


def test_a_persons_own_group_is_led_by_them():
    claims = _claims(["Reed must help rebuild Anson's organization."], "en", {"Reed": "m", "Anson": "unknown"})
    assert ("Anson", "Anson's organization", "leader") in claims


def test_an_ex_prefix_before_an_agency_is_a_former_membership():
    claims = _claims(["Dean meets the real Brill, an ex-NSA agent named Edward Lyle."], "en",
                     {"Dean": "m", "Edward Lyle": "m"})
    assert ("Edward Lyle", "nsa", "former") in claims
