"""The language files follow their declared schema: an unknown or misspelt key, or a value of the wrong
shape, is an error naming the file and the key; code cannot read an undeclared key as empty."""
from __future__ import annotations

import copy

import pytest

from toolkit.text import lang_schema
from toolkit.text.lang_schema import LanguageDataError
from toolkit.text.language import SUPPORTED, load_language, read_package_data


@pytest.fixture(scope="module")
def german() -> dict:
    return read_package_data("de.yaml")


@pytest.mark.parametrize("code", SUPPORTED)
def test_every_shipped_language_follows_the_schema(code):
    lang_schema.check(read_package_data(f"{code}.yaml"), f"{code}.yaml")
    assert load_language(code).code == code


def test_an_unknown_key_is_an_error(german):
    data = {**german, "coreferense": german["coreference"]}
    with pytest.raises(LanguageDataError, match=r"de\.yaml: unknown key 'coreferense'"):
        lang_schema.check(data, "de.yaml")


def test_a_misspelt_nested_key_is_an_error(german):
    data = copy.deepcopy(german)
    data["memberships"]["work_verb"] = data["memberships"].pop("work_verbs")
    with pytest.raises(LanguageDataError, match=r"unknown key 'memberships\.work_verb'"):
        lang_schema.check(data, "de.yaml")


def test_a_misspelt_field_of_a_role_is_an_error(german):
    data = copy.deepcopy(german)
    data["roles"]["Agent"]["gendre"] = "m"
    with pytest.raises(LanguageDataError, match=r"unknown key 'roles\.Agent\.gendre'"):
        lang_schema.check(data, "de.yaml")


def test_a_value_of_the_wrong_shape_is_an_error(german):
    data = {**german, "articles": "der die das"}
    with pytest.raises(LanguageDataError, match=r"articles should be a list of strings"):
        lang_schema.check(data, "de.yaml")
    with pytest.raises(LanguageDataError, match=r"memberships.subject_after_verb should be true or false"):
        lang_schema.check({"memberships": {"subject_after_verb": "yes"}}, "de.yaml")


def test_a_declared_key_a_language_leaves_out_reads_as_empty():
    assert "organisation_names" not in load_language("en").data
    assert load_language("en").section("organisation_names") == {}


def test_code_cannot_read_an_undeclared_key():
    language = load_language("de")
    with pytest.raises(KeyError, match="coreferense"):
        language.section("coreferense")
    with pytest.raises(KeyError, match=r"deaths\.fakd"):
        language.phrases("deaths", "fakd")
    with pytest.raises(KeyError, match="artikel"):
        language.words("artikel")
    with pytest.raises(AttributeError, match="roels"):
        _ = language.roels
    assert language.section("deaths", "found_dead")["bodies"]
