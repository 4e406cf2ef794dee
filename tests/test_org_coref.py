"""Organisations a later definite noun or a demonstrative stands for (toolkit.extraction.org_coref)."""
from __future__ import annotations

from toolkit.extraction.document import OrgMention
from toolkit.extraction.lexicon import lexicon_for
from toolkit.extraction.org_coref import refer_to_organisations
from toolkit.text.language import load_language
from toolkit.text.nlp import analyse


def _readings(language: str, sentences: list[tuple[str, list[OrgMention]]]):
    from toolkit.extraction.document import Reading
    lang = load_language(language)
    readings = []
    for text, orgs in sentences:
        readings.append(Reading(text=text, tokens=analyse(text, lang), orgs=list(orgs)))
    refer_to_organisations(readings, lexicon_for(lang))
    return readings


def test_a_definite_noun_stands_for_the_one_organisation_it_described():
    readings = _readings("de", [("Das Netzwerk „Leakhaus“ wächst.", [OrgMention("Leakhaus", "Leakhaus", 1, 5, "other",
                                                                                noun="netzwerk")]),
                                ("Die Sprecherin des Netzwerks lacht.", [])])
    assert [(o.key, o.start) for o in readings[1].orgs] == [("Leakhaus", 3)]


def test_two_organisations_of_one_noun_leave_the_noun_to_neither():
    readings = _readings("en", [("The network 'Hydra' meets the network 'Orca'.",
                                 [OrgMention("Hydra", "Hydra", 1, 5, "other", noun="network"),
                                  OrgMention("Orca", "Orca", 7, 11, "other", noun="network")]),
                                ("The network falls.", [])])
    assert readings[1].orgs == []


def test_a_demonstrative_subject_after_a_sentence_that_ends_with_the_organisation():
    readings = _readings("de", [("Die Spur führt zu einer Gruppe: dem „Roten Bund“.",
                                 [OrgMention("Roten Bund", "Roten Bund", 7, 12, "other", noun="gruppe")]),
                                ("Dieser gehörte Karl Ebner an.", [])])
    assert [(o.key, o.start, o.end) for o in readings[1].orgs] == [("Roten Bund", 0, 1)]
    readings = _readings("de", [("Die Spur führt zu einer Gruppe: dem „Roten Bund“.",
                                 [OrgMention("Roten Bund", "Roten Bund", 7, 12, "other", noun="gruppe")]),
                                ("Dieser Mann gehörte ihm an.", [])])
    assert readings[1].orgs == []


def test_a_noun_with_a_name_of_its_own_or_an_indefinite_article_stands_for_none():
    first = ("Das Netzwerk „Leakhaus“ wächst.", [OrgMention("Leakhaus", "Leakhaus", 1, 5, "other", noun="netzwerk")])
    readings = _readings("de", [first, ("Ein Netzwerk wächst.", [])])
    assert readings[1].orgs == []
