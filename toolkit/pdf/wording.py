"""Words of the PDF that agree with what they are about: an organisation named with its article and short
form ("früher beim FBI", "leitet die DIA", "with the FBI"), relation words and roles in the gender of
their character ("Partnerin von", "ehemalige DIA-Agentin"), and the questions the writer should settle.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache

from toolkit.model.story import Character, Organisation, Scene, Story
from toolkit.pdf.label_files import format_label
from toolkit.pdf.report_text import ReviewLine

GENDERS = ("m", "f", "n", "pl")
_ARTICLES = frozenset({"der", "die", "das", "den", "dem", "des", "the"})


@cache
def _grammar() -> dict:
    from toolkit.text.language import read_package_data

    return read_package_data("org_grammar.yaml")


@cache
def _agency_ids() -> frozenset[str]:
    from toolkit.text.language import load_language

    return frozenset(entry.id for entry in load_language("en").agencies)


def running_name(org: Organisation) -> str:
    """The name running text uses: the abbreviation when there is one ("FBI"), else the name."""
    return org.abbreviation or org.name


def _head(name: str) -> str:
    words = re.split(r"[\s\-]+", name.strip())
    return words[-1] if words else ""


def _inflects(language: str) -> bool:
    """Whether the language gives nouns a grammatical gender that articles and adjectives follow."""
    from toolkit.text.language import language_for

    return language_for(language).grammatical_gender


def org_gender(org: Organisation, language: str) -> str:
    """'m', 'f', 'n' or 'pl' as the article of the running name goes; 'none' when it takes no article
    (English) or its gender is not known (German)."""
    grammar = _grammar().get(language) or {}
    name = running_name(org)
    head = _head(name)
    if _inflects(language):
        known = (grammar.get("agencies") or {}).get(org.id) if org.id in _agency_ids() else None
        if known in GENDERS:
            return known
        found = (grammar.get("heads") or {}).get(head)
        if found in GENDERS:
            return found
        if len(head) < 3 or not head[:1].isupper():
            return "none"
        from toolkit.text.lexicons import german_noun

        genders = german_noun(head)
        return "pl" if genders == "" else genders if genders in ("m", "f", "n") else "none"
    if org.id in _agency_ids():
        return "none" if org.id in (grammar.get("without_article") or ()) else "n"
    takes_article = head in (grammar.get("heads") or ()) or name[:1].islower()
    return "n" if takes_article else "none"


def _declined(name: str, gender: str, case: str) -> str:
    """A German name's adjectives after the definite article: 'mexikanische Regierung' -> 'mexikanischen
    Regierung' in the dative; in the accusative only masculine and plural names change."""
    if case == "the" and gender not in ("m", "pl"):
        return name
    words = name.split(" ")
    for k, word in enumerate(words[:-1]):
        if word[:1].islower() and word.endswith("e") and word not in _ARTICLES:
            words[k] = word + "n"
    return " ".join(words)


def org_phrase(labels: Mapping, status: str, org: Organisation, language: str) -> str:
    """What a character's sheet says of one affiliation: "früher beim FBI", "leitet die DIA", "with MI5"."""
    template = (labels.get("member_phrases") or {}).get(status, "{org}")
    name = running_name(org)
    if name.split(" ")[0].casefold() in _ARTICLES:
        return format_label(template, org=name, with_org=name, the_org=name)
    gender = org_gender(org, language)
    articles = labels.get("org_articles") or {}
    with_article = (articles.get("with") or {}).get(gender, "")
    the_article = (articles.get("the") or {}).get(gender, "")
    declined = {case: _declined(name, gender, case) if _inflects(language) else name for case in ("with", "the")}
    return format_label(template, org=name, with_org=f"{with_article} {declined['with']}".strip(),
                        the_org=f"{the_article} {declined['the']}".strip())


def relation_word(labels: Mapping, kind: str, gender: str) -> str:
    """The words of a relation for a character of this gender: "Feindin von" for a woman."""
    entry = (labels.get("relation_types") or {}).get(kind)
    if isinstance(entry, Mapping):
        return str(entry.get(gender) or entry.get("unknown") or kind.replace("_", " "))
    return str(entry) if entry else kind.replace("_", " ")


def relation_words(labels: Mapping, gender: str) -> dict[str, str]:
    """Every relation type's words for a character of this gender."""
    return {kind: relation_word(labels, kind, gender) for kind in labels.get("relation_types") or {}}


@cache
def _german_roles() -> dict[str, dict]:
    from toolkit.text.language import load_language

    return load_language("de").data.get("roles") or {}


def _role_noun(noun: str, gender: str) -> str:
    """A German role noun in the nominative singular of this gender: 'Agent'/'Agenten' -> 'Agentin' for a
    woman, 'Agentin'/'Agenten' -> 'Agent' for a man; a noun the role list does not pair is left as it is."""
    prefix, _, base = noun.rpartition("-")
    roles = _german_roles()
    stems = [base] + [base[:-len(ending)] for ending in ("in", "en", "e") if base.endswith(ending)]
    for stem in stems:
        female, male = stem + "in", stem
        if (roles.get(male) or {}).get("gender") == "m" and (roles.get(female) or {}).get("gender") == "f":
            wanted = female if gender == "f" else male
            return f"{prefix}-{wanted}" if prefix else wanted
    return noun


def agreeing_role(role: str, gender: str, language: str) -> str:
    """A role in the gender of its character, as a sheet states it: 'ehemalige DIA-Agent' -> 'ehemalige
    DIA-Agentin' (f) or 'ehemaliger DIA-Agent' (m). English roles and unknown genders stay as written."""
    if not _inflects(language) or gender not in ("f", "m") or not role.strip():
        return role
    words = role.split(" ")
    if words[0].casefold() in _ARTICLES:
        return role
    head = _role_noun(words[-1], gender)
    if head == words[-1] and _german_roles().get(words[-1].rpartition("-")[2]) is None:
        return role  # not a role noun the language data knows: its adjectives are left alone too
    ending = "e" if gender == "f" else "er"
    adjectives = []
    for word in words[:-1]:
        if word[:1].islower() and re.search(r"(?:e|er|en|es)$", word):
            word = re.sub(r"(?:e|er|en|es)$", "", word) + ending
        adjectives.append(word)
    return " ".join([*adjectives, head])


def questions_to_settle(story: Story, scenes: Sequence[Scene], labels: Mapping, where: str) -> list[ReviewLine]:
    """What the bible leaves for the writer to settle: characters in no scene, without role or organisation,
    or whose gender is not known. Empty for a story whose scripts are not read yet (no scenes)."""
    kinds, messages = labels.get("review_kinds") or {}, labels.get("review_messages") or {}
    present = {ident for scene in scenes for ident in (*scene.cast, *scene.deaths)}
    found = []

    def ask(kind: str, character: Character) -> None:
        if kind in messages:
            found.append(ReviewLine(kinds.get(kind, kind), format_label(messages[kind], name=character.name), where))

    for character in story.characters:
        if scenes and character.id not in present:
            ask("no_scene", character)
        if not character.role and not character.affiliations:
            ask("no_role", character)
        if character.gender not in ("f", "m"):
            ask("gender_unknown", character)
    return found
