"""CB4xx: appearance: every character of the bible appears in the story."""
from __future__ import annotations

from toolkit.continuity.rules.context import Facts
from toolkit.continuity.rules.registry import Diagnostics, Report, rule
from toolkit.continuity.rules.wording import bible_file


@rule("CB401", "never-appears", "warning",
      needs=("bible", "scenes", "whole_story", "present", "death_lines", "named", "story"))
def never_appears(facts: Facts, at: Report) -> Diagnostics:
    """A character of the bible is present in no scene and named in none.

    What:
        Reported at the character's entry in bible.yaml when no cue, cast note, name in capitals or
        name in the action puts them in a scene of the story's scripts, and no action or synopsis line
        even names them: one the action tells of (a victim, someone's late wife) is no leftover; one
        named only in dialogue or in a genitive is reported.
    Why:
        A bible character who never appears is a leftover, or the scenes forgot them.
    Example:
        characters:
          - id: jürgen        # in no scene
        -> add JÜRGEN to a scene's [[cast: …]] or remove him from the bible
    """
    if facts.bible is None or not facts.scenes or not facts.whole_story:
        return
    present = {ident for cast in facts.present.values() for ident in cast}
    present |= {ident for lines in facts.death_lines.values() for ident in lines} | facts.named
    for i, character in enumerate(facts.story.characters):
        if character.id not in present:
            yield at(bible_file(facts), facts.bible.line_of("characters", i),
                     f"{character.name} is in no scene of the story; put them in a scene's cast or remove them",
                     character=character.id)
