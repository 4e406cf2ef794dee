"""Organisation identity: a mention in a scene is the bible's organisation, a unit of it, or a generic
term of its kind; another organisation of the bible never is."""
from __future__ import annotations

import pytest

from toolkit.model.org_identity import compatible, identify, org_words
from toolkit.model.story import Organisation

EN = [Organisation("nsa", "National Security Agency", "NSA", [], "agency"),
      Organisation("fbi", "Federal Bureau of Investigation", "FBI", ["the Bureau"], "agency"),
      Organisation("cia", "Central Intelligence Agency", "CIA", ["the Agency", "Langley"], "agency"),
      Organisation("met", "Metropolitan Police", "", ["the Met"], "police"),
      Organisation("mi5", "Security Service", "MI5", [], "agency")]
DE = [Organisation("polizei-bremen", "Polizei Bremen", "", [], "police"),
      Organisation("bka", "Bundeskriminalamt", "BKA", [], "police"),
      Organisation("bfv", "Bundesamt für Verfassungsschutz", "BfV", ["Verfassungsschutz"], "agency"),
      Organisation("bnd", "Bundesnachrichtendienst", "BND", ["Pullach"], "agency")]


def _org(orgs, ident):
    return next(o for o in orgs if o.id == ident)


@pytest.mark.parametrize("mention, ident", [
    ("nsa", "nsa"), ("NSA", "nsa"), ("National Security Agency", "nsa"),  # id, abbreviation, name
    ("the Bureau", "fbi"), ("Bureau", "fbi"), ("the Agency", "cia"), ("Langley", "cia"),  # aliases
    ("NSA intelligence", "nsa"), ("the NSA's signals directorate", "nsa"),  # a unit, a generic term
    ("the London police", "met"), ("police", "met"),  # the police of a descriptive entry
])
def test_english_mentions_compatible_with_the_bible_organisation(mention, ident):
    assert compatible(mention, _org(EN, ident), EN, org_words("en"))


@pytest.mark.parametrize("mention, ident", [
    ("MI5", "cia"), ("the Agency", "fbi"), ("FBI", "nsa"), ("SVR", "cia"),  # another organisation
    ("the Met", "nsa"), ("police", "nsa"),  # police is no intelligence agency
    ("CIA and FBI", "cia"),  # names another organisation too
])
def test_english_mentions_of_another_organisation_are_not_compatible(mention, ident):
    assert not compatible(mention, _org(EN, ident), EN, org_words("en"))


@pytest.mark.parametrize("mention, ident", [
    ("Polizei", "polizei-bremen"), ("die Polizei", "polizei-bremen"),  # a descriptive entry's police
    ("Sonderkommission des BKA", "bka"), ("BKA", "bka"), ("bka", "bka"),
    ("Verfassungsschutz", "bfv"), ("des Verfassungsschutzes", "bfv"),  # alias, dictionary form
    ("Pullach", "bnd"),
])
def test_german_mentions_compatible_with_the_bible_organisation(mention, ident):
    assert compatible(mention, _org(DE, ident), DE, org_words("de"))


@pytest.mark.parametrize("mention, ident", [
    ("BND", "bfv"), ("Pullach", "bka"), ("Verfassungsschutz", "polizei-bremen"), ("Geheimdienst", "bka"),
])
def test_german_mentions_of_another_organisation_are_not_compatible(mention, ident):
    assert not compatible(mention, _org(DE, ident), DE, org_words("de"))


def test_identify_names_the_organisation_by_alias_without_its_article():
    assert identify("the Bureau", EN, org_words("en")).id == "fbi"
    assert identify("Pullach", DE, org_words("de")).id == "bnd"
    assert identify("the London police", EN, org_words("en")) is None
