"""The review items' English wording: one template per kind (or kind and case) of item.

A review item is stored as its kind and arguments (names, ids, scene references); its English
message is made from them here, for the terminal and for readers of bible.yaml, while the PDF fills
the templates of its own labels (templates/labels.yaml, `review_messages`) in the story's language.
"""
from __future__ import annotations

from collections.abc import Mapping

ReviewArgs = Mapping[str, "str | list[str]"]

ENGLISH = {
    "not_a_character_performer": "'{name}' is taken for a performer, not a character of the story",
    "not_a_character_maker": "'{name}' is taken for a maker of the work (author, director), not a character of "
                             "the story",
    "not_a_character_comparison": "'{name}' is taken for a comparison, not a character of the story",
    "not_a_character_word": "'{name}' is a word of the language and nothing in the text shows a person; not taken "
                            "for a character",
    "ambiguous_name": "'{name}' could be {owners}; taken as {owner}",
    "spelling_variant": "'{variant}' looks like a misspelling of '{name}'",
    "person_or_place": "'{name}' is also a place; taken as a person because the text has it act or gives it a title",
    "gender_conflict": "{name} is taken as {gender}, but the text also says '{evidence}' ({evidence_at})",
    "ambiguous_reference": "'{name}' could be {owners}; nothing is read from it",
    "implied_affiliation_shared": "{member} is taken to belong to {org} like {other}: '{evidence}'",
    "implied_affiliation_either": "{member} may belong to {orgs} like {other}: '{evidence}'",
    "implied_affiliation_role": "{member} is taken to belong to {org}, the organisation the story ties '{role}' to: "
                                "'{evidence}'",
    "implied_affiliation_role_either": "{member} may belong to {orgs}, the organisations the story ties '{role}' to: "
                                       "'{evidence}'",
    "implied_affiliation_rank": "{member} is taken to serve in {org} like the other ranks of the story: '{evidence}'",
    "scene_reference_numbered": "{field}: '{reference}' names a scene by its position, which moves when scenes are "
                                "inserted; it is read as the scene at {at} ({heading}); write \"{number}\"",
    "scene_reference_unnumbered": "{field}: '{reference}' names a scene by its position, which moves when scenes "
                                  "are inserted; it is read as the scene at {at} ({heading}); give the heading a "
                                  "scene number (#{position}#) and write it here",
}


def template_of(templates: Mapping[str, str], kind: str, args: ReviewArgs) -> str | None:
    """The template for an item: the one of its kind and case (`args["case"]`), else the one of its kind."""
    case = args.get("case")
    return (templates.get(f"{kind}_{case}") if case else None) or templates.get(kind)


def fill(template: str, args: ReviewArgs, joined=" or ".join, formatted=str.format) -> str:
    """A template filled with an item's arguments; a list argument (owners, organisations) is joined.
    `formatted(template, **values)` fills it: a story's own labels go through a formatter that knows
    only named fields."""
    return formatted(template, **{key: joined(value) if isinstance(value, list) else value
                                  for key, value in args.items()})


def english_message(kind: str, args: ReviewArgs) -> str:
    """The English message of an item of this kind with these arguments."""
    template = template_of(ENGLISH, kind, args)
    if template is None:
        raise ValueError(f"no English wording for review items of kind '{kind}'")
    return fill(template, args)
