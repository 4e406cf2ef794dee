"""CB5xx: the bible itself: its references, its names and its schema."""
from __future__ import annotations

from toolkit.continuity.rules.context import Facts
from toolkit.continuity.rules.registry import Diagnostics, Report, rule
from toolkit.continuity.rules.wording import bible_file
from toolkit.model.names import fold


def _ids(facts: Facts) -> tuple[set, set]:
    return {c.id for c in facts.story.characters}, {o.id for o in facts.story.organisations}


@rule("CB501", "bible-reference", "error", needs=("bible", "story"))
def bible_reference(facts: Facts, at: Report) -> Diagnostics:
    """A relation target, affiliation org or fate.by names no id of the bible.

    What:
        `relations[].target` and `fate.by` must be character ids, `affiliations[].org` an organisation id.
    Why:
        A reference to nothing breaks the bible's links and the PDF's cross references.
    Example:
        relations: [{type: enemy_of, target: robert-grant}]
        -> 'robert-grant' is no character id; did you mean 'robert-gant'?
    """
    if facts.bible is None:
        return
    characters, organisations = _ids(facts)
    line_of = facts.bible.line_of
    for i, character in enumerate(facts.story.characters):
        for j, affiliation in enumerate(character.affiliations):
            if affiliation.org and affiliation.org not in organisations:
                yield at(bible_file(facts), line_of("characters", i, "affiliations", j, "org"),
                         f"'{affiliation.org}' is no organisation id; add it under organisations or fix the id",
                         reference="org", target=affiliation.org)
        for j, relation in enumerate(character.relations):
            if relation.target and relation.target not in characters:
                yield at(bible_file(facts), line_of("characters", i, "relations", j, "target"),
                         f"'{relation.target}' is no character id; fix the relation's target",
                         reference="relation", target=relation.target)
        if character.fate.by and character.fate.by not in characters:
            yield at(bible_file(facts), line_of("characters", i, "fate", "by"),
                     f"'{character.fate.by}' is no character id; fix fate.by",
                     reference="fate", target=character.fate.by)


@rule("CB502", "ambiguous-alias", "error", needs=("bible", "story"))
def ambiguous_alias(facts: Facts, at: Report) -> Diagnostics:
    """One name or alias is given to two characters.

    What:
        Every name and alias, compared case-insensitively, must belong to one character only.
    Why:
        The checker cannot tell whom a scene means, and neither can a reader.
    Example:
        - {id: koenig, name: Koenig, aliases: [Agent]}
        - {id: nadja, name: Nadja, aliases: [Agent]}
        -> 'Agent' is a name of both ecks and sever; keep it for one
    """
    if facts.bible is None:
        return
    owners: dict[str, str] = {}
    for i, character in enumerate(facts.story.characters):
        for j, name in enumerate(character.names):
            key = fold(name)
            owner = owners.setdefault(key, character.id)
            if owner != character.id:
                path = ("characters", i, "aliases", j - 1) if j else ("characters", i, "name")
                yield at(bible_file(facts), facts.bible.line_of(*path),
                         f"'{name}' is a name of both {owner} and {character.id}; keep it for one of them",
                         name=name, first=owner, second=character.id)


@rule("CB503", "bible-schema", "error", needs=("bible",))
def bible_schema(facts: Facts, at: Report) -> Diagnostics:
    """bible.yaml has a field of the wrong type or a value that is not allowed.

    What:
        Checks bible.yaml against the format storybible/1: required fields, lists, mappings and the
        allowed values of gender, status, fate, kind and setting.
    Why:
        A misspelt value ("kiled") is silently read as something else and the checks go wrong.
    Example:
        fate: {status: kiled}
        -> characters[3].fate.status: 'kiled' is not one of: alive, killed, dies, …
    """
    if facts.bible is None:
        return
    for problem in facts.bible.problems:
        diagnostic = at(bible_file(facts), problem.line, f"{problem.field or 'bible'}: {problem.message}",
                        field=problem.field or "bible", problem=problem.message)
        yield diagnostic._replace(severity=problem.severity)
