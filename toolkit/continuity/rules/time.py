"""CB6xx: story time and sets: continuations, stated story days, set spellings."""
from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from toolkit.continuity.rules.context import Facts
from toolkit.continuity.rules.registry import Report, rule
from toolkit.continuity.sets import SetIndex, exact_key, known_words
from toolkit.continuity.story_time import SceneTime, story_times
from toolkit.model.diagnostics import Diagnostic
from toolkit.text.language import supported_code

# Lights that cannot be one moment seen twice; twilight goes with either side.
_CONFLICTING = {frozenset({"day", "night"}), frozenset({"day", "evening"})}


_last: list = [None, None]  # the scripts of the last story worked out, and their story time


def _times(context: Facts) -> list[SceneTime]:
    """The story time of the context's scenes, worked out once for the three rules of a check."""
    scripts = context.scripts
    if _last[0] is not scripts:
        _last[:] = [scripts, story_times(scripts)]
    return _last[1]


@rule("CB601", "time-of-day-conflict", "error", needs=("scripts",))
def time_of_day_conflict(context: Facts, at: Report) -> Iterator[Diagnostic]:
    """A scene marked CONTINUOUS or SAME TIME gives another time of day than the scene it continues.

    What:
        A heading that says the scene goes on from the one before (CONTINUOUS, SAME TIME, DURCHGEHEND,
        GLEICHZEITIG) and also names a time of day (NIGHT) that is not the one the scene before plays in.
    Why:
        Continuous action cannot jump from day to night; one of the two headings is wrong, and the
        shooting schedule, which follows the headings, will light the scenes differently.
    Example:
        INT. KITCHEN - DAY
        INT. HALL - NIGHT - CONTINUOUS
        -> 'CONTINUOUS' continues a DAY scene but says NIGHT
    """
    times = _times(context)
    for before, entry in pairwise(times):
        stated = entry.heading.stated
        if not entry.heading.continues or stated is None or before.time is None:
            continue
        if frozenset({before.time.light, stated.light}) in _CONFLICTING:
            scene = entry.scene
            yield at(scene.file, scene.line,
                     f"'{entry.heading.time.time if entry.heading.time.continues else 'continuous'}' continues scene "
                     f"{before.scene.label} ({before.time.time}) but says {stated.time}; make the two headings agree "
                     "or drop the continuation", time=stated.time, before=before.time.time, scene=before.scene.label)


@rule("CB602", "story-day-backwards", "warning", needs=("scripts",))
def story_day_backwards(context: Facts, at: Report) -> Iterator[Diagnostic]:
    """A stated story day is lower than the day of the scene before it.

    What:
        A `[[Tag: N]]` / `[[day: N]]` note that goes back in story time, outside a flashback. The first
        scene of a script file (an episode) may start the count again.
    Why:
        The story days decide continuity of costume, make-up and props; a day that runs backwards is
        a typo or a flashback that is not marked as one.
    Example:
        [[day: 3]] … [[day: 2]]
        -> mark the scene as a flashback ([[flashback]]) or correct the day
    """
    for entry in _times(context):
        before = entry.previous
        if entry.day_source != "note" or entry.first_in_file or before is None or before.story_day is None:
            continue
        if entry.story_day < before.story_day:
            scene = entry.scene
            yield at(scene.file, entry.stated_line or scene.line,
                     f"story day {entry.story_day} comes after day {before.story_day} (scene {before.scene.label}); "
                     "correct the day or mark the scene as a flashback", day=entry.story_day,
                     before=before.story_day, scene=before.scene.label)


@rule("CB603", "set-spelling", "warning", needs=("scripts", "story"))
def set_spelling(context: Facts, at: Report) -> Iterator[Diagnostic]:
    """A set is written one small edit away from another set of the story.

    What:
        Headings whose places differ by an accent, an apostrophe or one letter ("KÜHLHAUS" /
        "KUHLHAUS", "RUFUS' FLAT" / "RUFUSS FLAT"), once per spelling. Letter case alone is no difference;
        numbers and words the story or the language knows ("ROOM 12" / "ROOM 13") are different sets.
    Why:
        Scheduling software groups scenes by set name; a misspelt set is a second set to build and
        to schedule.
    Example:
        INT. KUHLHAUS - NIGHT
        -> 'KUHLHAUS' looks like a misspelling of the set 'KÜHLHAUS'; did you mean KÜHLHAUS?
    """
    times = _times(context)
    if not times:
        return
    language = supported_code(context.story.language, "en")
    sets = SetIndex([t.heading.place for t in times], known_words(context.story, language))
    first = {}
    for entry in times:
        first.setdefault(exact_key(entry.heading.place), entry.scene)
    for variant in sets.variants():
        scene = first[exact_key(variant.written)]
        yield at(scene.file, scene.line, f"set '{variant.written}' looks like a misspelling of the set "
                 f"'{variant.meant}'; did you mean {variant.meant}? Write one spelling in every heading",
                 set=variant.written, name=variant.meant)
