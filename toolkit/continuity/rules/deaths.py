"""CB2xx: deaths: the dead stay dead, and the script and the bible agree on where they die."""
from __future__ import annotations

from pathlib import Path

from toolkit.continuity.rules.context import DEATH_FACTS, Facts, death_scenes, inferred_death
from toolkit.continuity.rules.registry import Diagnostics, Report, inferred, rule
from toolkit.continuity.rules.wording import bible_file, pronoun
from toolkit.model.names import fold
from toolkit.model.story import DEAD_FATES


@rule("CB201", "dead-character-present", "error",
      needs=("story", "present", "sources", *DEATH_FACTS))
def dead_character_present(facts: Facts, at: Report) -> Diagnostics:
    """A character is present after the scene of their death.

    What:
        A death comes from a `[[dies: X]]` note, from action or synopsis that says so ("Nadja erschießt
        Konrad"), or from the bible's fate with its scene. Any later scene in story order, across files,
        that has the character in a cue, a cast note or in capitals in action is reported. Flashbacks
        (`[[flashback]]`, `[[Rückblende]]`, FLASHBACK or RÜCKBLENDE in the heading) are allowed, and so
        is every appearance of a character whose fate is `faked_death` or `presumed_dead_alive`.
        A pronoun in action counts where it can mean the dead character alone ("Er steigt in den Wagen."
        after Harder's death, no other man named); when two fit, it puts no one in the scene.
        What is read from prose (a death, or a presence in action) only fills gaps: a death note or
        the bible's fate decides where someone dies, and a finding that rests on prose is a warning
        that quotes the sentence; a death and a presence both read from prose give nothing.
    Why:
        The dead do not walk in again unless the story means it; when it does, say so in the bible.
    Example:
        INT. WAREHOUSE - NIGHT [[dies: MARTIN]]
        ...
        INT. OFFICE - DAY
        MARTIN
        I'm back.
        -> MARTIN appears after his death in scene 9 (outline.fountain:31)
    """
    survivors = {c.id for c in facts.story.characters if c.fate.status in ("faked_death", "presumed_dead_alive")}
    deaths = death_scenes(facts)
    for scene in facts.scenes:
        if scene.flashback:
            continue
        for ident, mention in facts.present.get(scene.number, {}).items():
            if ident in survivors or ident not in deaths:
                continue
            death_scene, death_line = deaths[ident]
            if scene.number <= death_scene.number:
                continue
            read = [sentence for sentence in (inferred_death(facts, ident),
                                              facts.sources.get((scene.number, ident), "")) if sentence]
            if mention.via == "prose" and not read:
                read = [mention.name]
            if len(read) > 1:
                continue  # two readings of prose that disagree: neither is a fact
            where = f"{Path(death_scene.file).name}:{death_line}"
            character = facts.story.character(ident)
            their = pronoun(character)
            who = mention.name
            if character and fold(who) not in {fold(name) for name in character.names}:
                who = f"{character.name} ('{mention.name}')"  # a pronoun, or a title before the name
            found = at(scene.file, mention.line,
                       f"{who} appears after {their} death in scene {death_scene.label} ({where})",
                       mention.column, name=mention.name, character=ident, scene=death_scene.label, where=where)
            yield inferred(found, read[0]) if read else found


@rule("CB202", "death-mismatch", "error", needs=("bible", "death_notes", "story", "scene_of", "whole_story"))
def death_mismatch(facts: Facts, at: Report) -> Diagnostics:
    """A `[[dies: X]]` note and the bible's fate of X disagree on where, or whether, X dies.

    What:
        A death note in a scene is where the script says the character dies. The bible's `fate.scene`
        names the scene by its scene number. When it names another scene, or the bible keeps the
        character alive (`fate: {status: alive}`), the note's line is reported with the other place.
    Why:
        The PDF tells the death from the bible and the checker counts from the script; a death in two
        places is a death nobody can trust, and it usually means scenes moved without the bible.
    Example:
        .INNEN. HAFEN – NACHT #14#
        [[stirbt: MARTIN]]          (bible: fate: {status: killed, scene: "12"})
        -> the bible has MARTIN die in scene 12 (outline.fountain:40); move the note or fix fate.scene
    """
    if facts.bible is None:
        return
    for scene, ident, mention in facts.death_notes:
        character = facts.story.character(ident)
        fate = character.fate if character else None
        if fate is None:
            continue
        fate_line = facts.bible.line_of("characters", facts.story.characters.index(character), "fate")
        bible_at = f"{bible_file(facts)}:{fate_line}"
        if fate.status == "alive":
            yield at(scene.file, mention.line,
                     f"the script has {mention.name} die here, but {bible_at} keeps "
                     f"{pronoun(character, possessive=False)} alive; remove the note or set fate.status and "
                     "fate.scene", mention.column, case="alive", name=mention.name, bible=bible_at)
            continue
        if fate.status not in DEAD_FATES or not fate.scene:
            continue
        bible_scene = facts.scene_of.get(fate.scene)
        if bible_scene is scene or (bible_scene is None and not facts.whole_story):
            continue
        if bible_scene is None:
            where = f"scene {fate.scene}, which no script of the story has"
            place = {"case": "missing", "scene": fate.scene}
        else:
            where = f"scene {bible_scene.label} ({Path(bible_scene.file).name}:{bible_scene.line})"
            place = {"case": "elsewhere", "scene": bible_scene.label,
                     "where": f"{Path(bible_scene.file).name}:{bible_scene.line}"}
        number = f'"{scene.scene_number}"' if scene.scene_number else "this scene's number"
        yield at(scene.file, mention.line,
                 f"{bible_at} has {mention.name} die in {where}; move the note there or set "
                 f"fate.scene to {number}", mention.column, name=mention.name, bible=bible_at, **place)
