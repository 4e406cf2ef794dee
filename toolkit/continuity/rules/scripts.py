"""CB0xx: the Fountain files themselves: their markup and their place in the story order."""
from __future__ import annotations

from pathlib import Path

from toolkit.continuity.rules.context import Facts
from toolkit.continuity.rules.registry import Diagnostics, Report, rule


@rule("CB001", "fountain-structure", "warning", needs=("scripts",))
def fountain_structure(facts: Facts, at: Report) -> Diagnostics:
    """A Fountain file has an unclosed note or boneyard, or another parse problem.

    What:
        Reports what the Fountain parser had to guess at: a `[[note` or `/* boneyard` that is never
        closed, a cue in capitals that no dialogue follows.
    Why:
        An unclosed note or boneyard hides the rest of the script from print and from the checker.
    Example:
        [[cast: KOENIG, NADJA
        -> close the note with ]]
    """
    for script in facts.scripts:
        for issue in script.issues:
            yield at(script.file, issue.line, f"{issue.message}; fix the Fountain markup here", issue=issue.code)


@rule("CB002", "unlisted-script", "info", needs=("bible", "unlisted"))
def unlisted_script(facts: Facts, at: Report) -> Diagnostics:
    """A Fountain file of the story folder is not listed under `scripts:` in bible.yaml.

    What:
        Every `.fountain` file of a story folder is read: those in `scripts:` in that order, then the
        others by file name. A file that `scripts:` does not list is reported once, at its first line.
    Why:
        Story order decides what "after a death" and "from scene 14 on" mean; a file read by its name
        may stand in the wrong place.
    Example:
        scripts: [folge-1.fountain]        (the folder also holds folge-2.fountain)
        -> folge-2.fountain is not under scripts: in bible.yaml; it is read after the listed files, by name
    """
    listed = ", ".join(facts.bible.story.scripts) if facts.bible else ""
    for file in facts.unlisted:
        name = Path(file).name
        yield at(file, 1, f"{name} is not under scripts: in bible.yaml, so it is read after "
                 f"{'the listed files' if listed else 'the others'} by file name; add it to scripts: "
                 "where it belongs in the story order", script=name)
