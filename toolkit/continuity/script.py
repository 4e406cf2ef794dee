"""Reading Fountain files into scenes: headings, cues, notes and capitalised names, with their lines."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from toolkit.model.story import Scene
from toolkit.text.language import read_package_data


def _class_of(test, limit: int) -> str:
    """The body of a regex character class of the code points below limit that pass test, as ranges
    (Latin's alternating capitals make many; a class of ranges compiles faster than one of letters)."""
    ranges: list[list[int]] = []
    for code in range(limit):
        if test(chr(code)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


# the capitals of Latin, Greek and Cyrillic
UPPER = _class_of(str.isupper, 0x530)
_APOSTROPHES = "'’‘"
_CAPS_WORD = rf"[{UPPER}][{UPPER}0-9{_APOSTROPHES}.\-]*[{UPPER}{_APOSTROPHES}]"
# A run of words in capitals, such as "MARTIN", "JEAN-LUC PICARD" or "KROLL'"; not "DIA" in "DIA-Agentin".
CAPS_RUN = re.compile(rf"(?<![\w\-{_APOSTROPHES}]){_CAPS_WORD}(?: {_CAPS_WORD})*(?![\w\-])")
# A note ends at its ]] within its paragraph: in Fountain 1.1 an empty line ends it unclosed, and a
# note holds no other note's opening (a line of two spaces is no empty line).
_NOTE = re.compile(r"\[\[((?:(?!\n ?\n|\[\[).)*?)\]\]", re.DOTALL)
_NOTE_OPENING = re.compile(r"\[\[")
UNCLOSED_NOTE = "unclosed-note"
_BONEYARD = re.compile(r"/\*.*?\*/", re.DOTALL)
_NOTE_BODY = re.compile(r"\s*([^\W\d_][\w ]*?)\s*(?::\s*(.*?))?\s*$", re.DOTALL)
_CODE = re.compile(r"\bCB\d*\b", re.IGNORECASE)
_TRAILING_EXTENSION = re.compile(r"\s*\([^)]*\)\s*\^?\s*$|\s*\^\s*$")


class Mention(NamedTuple):
    """A name that puts someone in a scene: a cue, a cast note or capitals in action."""

    name: str  # as written, without extensions
    line: int
    column: int
    via: str  # cue | cast | action | dies


class Prose(NamedTuple):
    """Text of a scene that is read for claims and names."""

    kind: str  # action | synopsis | dialogue
    text: str
    line: int


@dataclass
class ScriptScene(Scene):
    """A scene with what the rules need besides the story model: mentions, text and suppressions."""

    end_line: int = 0  # the scene's last line in its file
    mentions: list[Mention] = field(default_factory=list)
    dying: list[Mention] = field(default_factory=list)  # names in [[dies: …]] notes
    prose: list[Prose] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # suppressed code prefixes; "" suppresses all


class ParseIssue(NamedTuple):
    line: int
    message: str
    code: str = ""  # the parser's code, such as "unclosed-note"


@dataclass
class Script:
    """One Fountain file of a story."""

    file: str
    scenes: list[ScriptScene]
    issues: list[ParseIssue]
    lines: list[str]


@dataclass(frozen=True)
class NoteWords:
    """The words of notes and headings, from every language in lang/fountain_notes.yaml."""

    keywords: dict  # folded keyword -> kind
    heading_flashback: re.Pattern


@lru_cache(maxsize=1)
def note_words() -> NoteWords:
    """The note vocabulary, read once from the package's language data."""
    data = read_package_data("fountain_notes.yaml")
    keywords: dict[str, str] = {}
    flashback: list[str] = []
    for words in data.values():
        for kind in ("cast", "dies", "flashback", "continuity"):
            keywords.update({w.casefold(): kind for w in words.get(kind, [])})
        keywords.update({f"ignore:{w.casefold()}": "ignore" for w in words.get("ignore", [])})
        flashback += words.get("heading_flashback", [])
    heading = re.compile(r"\b(?:" + "|".join(map(re.escape, flashback)) + r")\b", re.IGNORECASE)
    return NoteWords(keywords, heading)


def normalise(text: str) -> str:
    """Drop a byte-order mark and make every line break LF, as the Fountain parser does."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def cue_name(text: str) -> str:
    """A cue without extensions or dual-dialogue mark: "KOENIG (V.O.)" -> "KOENIG"."""
    return _TRAILING_EXTENSION.sub("", text.lstrip("@")).strip()


class _Walk:
    """Collects scenes while walking a document's elements in order."""

    def __init__(self, file: str, lines: list[str]):
        self.file = file
        self.name = Path(file).name
        self.lines = lines
        self.scenes: list[ScriptScene] = []
        self.section = ""

    def scene(self, line: int) -> ScriptScene:
        if not self.scenes:  # text before the first heading makes a scene of its own
            self.scenes.append(ScriptScene(id="", number=0, file=self.file, line=line, heading=""))
        return self.scenes[-1]

    def column(self, line: int, name: str) -> int:
        raw = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        return raw.find(name) + 1 or 1

    def element(self, element, kinds) -> None:
        kind = element.type
        if kind is kinds.SECTION:
            self.section = element.text.strip()
        elif kind is kinds.SCENE_HEADING:
            heading = element.text.strip()
            self.scenes.append(ScriptScene(
                id="", number=0, file=self.file, line=element.line_number, heading=heading,
                section=self.section, flashback=bool(note_words().heading_flashback.search(heading)),
                scene_number=str(element.metadata.get("scene_number") or "")))
        elif kind is kinds.CHARACTER:
            name = cue_name(element.text)
            if name:
                line = element.line_number
                self.scene(line).mentions.append(Mention(name, line, self.column(line, name), "cue"))
        elif kind is kinds.ACTION:
            self.action(element.text, element.line_number)
        elif kind is kinds.SYNOPSIS:
            scene = self.scene(element.line_number)
            scene.synopsis.append(element.text.strip())
            scene.prose.append(Prose("synopsis", element.text, element.line_number))
        elif kind in (kinds.DIALOGUE, kinds.LYRICS):
            self.scene(element.line_number).prose.append(Prose("dialogue", element.text, element.line_number))
        elif kind is kinds.DUAL_DIALOGUE:
            for column in element.dual_dialogue_columns():
                for part in column:
                    self.element(part, kinds)

    def action(self, text: str, first_line: int) -> None:
        if not text.strip():
            return
        scene = self.scene(first_line)
        scene.prose.append(Prose("action", text, first_line))
        for offset, row in enumerate(text.split("\n")):
            for match in CAPS_RUN.finditer(row):
                line = first_line + offset
                name = match.group()
                scene.mentions.append(Mention(name, line, self.column(line, name), "action"))


def _note_targets(text: str, start: int) -> list[tuple[str, int]]:
    """The names of a cast or dies note body with their offsets in the file's text."""
    out = []
    for match in re.finditer(r"[^,;\n]+", text):
        name = match.group().strip()
        if name:
            out.append((cue_name(name), start + match.start() + match.group().index(name)))
    return out


def _note_spans(text: str) -> Iterator[tuple[int, int, int]]:
    """Each [[note]]: where it starts, where its text starts and ends. A `[[` with no `]]` after it ends
    the search, so a line of unclosed notes is read once, not once for each."""
    start = text.find("[[")
    while start >= 0:
        end = text.find("]]", start + 2)
        if end < 0:
            return
        yield start, start + 2, end
        start = text.find("[[", end + 2)


def _apply_notes(walk: _Walk, text: str) -> None:
    """Read [[…]] notes from the raw text (the parser drops notes inside other elements)."""
    words = note_words()
    visible = _BONEYARD.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    breaks = [match.start() for match in re.finditer("\n", visible)]

    def position(offset: int) -> tuple[int, int]:
        """Line and column of an offset, by bisection over the line breaks (not counting from the start)."""
        before = bisect_left(breaks, offset)
        return before + 1, offset - (breaks[before - 1] if before else -1)

    starts = [scene.line for scene in walk.scenes]
    for start, body_start, body_end in _note_spans(visible):
        body = _NOTE_BODY.fullmatch(visible, body_start, body_end)
        if not body:
            continue
        kind = words.keywords.get(body.group(1).casefold())
        if kind is None:
            continue
        line, _column = position(start)
        at = bisect_right(starts, line) - 1
        if at < 0:
            if walk.scenes and walk.scenes[0].heading == "":
                at = 0
            else:
                walk.scenes.insert(0, ScriptScene(id="", number=0, file=walk.file, line=line, heading=""))
                starts.insert(0, line)
                at = 0
        scene = walk.scenes[at]
        value = body.group(2) or ""
        if kind == "flashback":
            scene.flashback = True
        elif kind == "continuity":
            verb = value.split(None, 1)[0].casefold() if value.strip() else ""
            if f"ignore:{verb}" in words.keywords:
                codes = [code.upper() for code in _CODE.findall(value)]
                scene.ignored.extend(codes or [""])
        else:
            for name, offset in _note_targets(value, body.start(2)):
                name_line, name_column = position(offset)
                mention = Mention(name, name_line, name_column, kind)
                (scene.mentions if kind == "cast" else scene.dying).append(mention)


def parse_script(text: str, file: str) -> Script:
    """Read a Fountain text into scenes in order, with every name, note and line of prose.

    Scene numbers and ids are given by the caller, which knows the story order.
    """
    from toolkit.continuity.fountain_adapter import ElementType, parse_fountain

    text = normalise(text)
    lines = text.split("\n")
    readable, unclosed = _without_unclosed_notes(text)
    document = parse_fountain(readable)
    walk = _Walk(file, lines)
    for element in document.elements:
        walk.element(element, ElementType)
    _apply_notes(walk, readable)
    for scene, following in zip(walk.scenes, [*walk.scenes[1:], None]):
        scene.end_line = following.line - 1 if following else len(lines)
        scene.mentions.sort(key=lambda m: (m.line, m.column))
    issues = [ParseIssue(issue.line_number, issue.message, issue.code) for issue in document.issues
              if issue.code != "empty-document"]
    issues += [ParseIssue(line, "Note opened with '[[' but never closed", UNCLOSED_NOTE) for line in unclosed]
    return Script(file, walk.scenes, sorted(issues, key=lambda issue: issue.line), lines)


_PARAGRAPH_END = re.compile(r"\n ?\n|\Z")


def _without_unclosed_notes(text: str) -> tuple[str, list[int]]:
    """The text with every `[[` that no `]]` closes before an empty line cut out up to that line
    (Fountain 1.1 ends a note there; what it swallowed is no cue, action or note), and the lines
    of those openings, once a line. Line breaks are kept, so every line keeps its number."""
    if "[[" not in text:
        return text, []
    visible = _BONEYARD.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    closed = {match.start() for match in _NOTE.finditer(visible)}
    pieces, lines, at = [], [], 0
    counted, line = 0, 1  # the line of position `counted`, worked out onwards from the last opening
    for match in _NOTE_OPENING.finditer(visible):
        if match.start() in closed or match.start() < at:
            continue
        end = _PARAGRAPH_END.search(visible, match.start()).start()
        pieces += [text[at:match.start()], "\n" * text.count("\n", match.start(), end)]
        at = end
        line += visible.count("\n", counted, match.start())
        counted = match.start()
        if not lines or lines[-1] != line:
            lines.append(line)
    return "".join([*pieces, text[at:]]), lines


def read_script(path: str | Path, file: str | None = None, *, text: str | None = None) -> Script:
    """Read and parse the Fountain file at path; `file` is the name diagnostics show for it.

    `text`, when given, is parsed in place of the file's content (an editor's unsaved text).
    """
    from toolkit.continuity.fountain_adapter import decode_fountain
    from toolkit.files.textio import MAX_SCRIPT_BYTES, read_bytes

    path = Path(path)
    if text is None:
        text = decode_fountain(read_bytes(path, limit=MAX_SCRIPT_BYTES), path)
    return parse_script(text, file or path.as_posix())


def number_scenes(scripts: list[Script]) -> list[ScriptScene]:
    """Number the scenes of the scripts in story order and give each its id ("outline.fountain#12").

    The id is a position; a scene's identity is its Fountain scene number (`scene_number`).
    """
    scenes = []
    for script in scripts:
        for scene in script.scenes:
            scene.number = len(scenes) + 1
            scene.id = f"{Path(script.file).name}#{scene.number}"
            scenes.append(scene)
    return scenes


_POSITION_REFERENCE = re.compile(r"(?P<file>[^#]+\.fountain)#(?P<position>\d+)")


def is_position_reference(reference: str) -> bool:
    """Whether a bible's scene reference is the older form, a position: "outline.fountain#16"."""
    return _POSITION_REFERENCE.fullmatch(reference.strip()) is not None


def find_scene(scenes: list[ScriptScene], reference: str) -> ScriptScene | None:
    """The scene a bible refers to: by its scene number ("12", "12A"); the older form
    "outline.fountain#16" names the 16th scene in story order, or the 16th of that file."""
    reference = reference.strip()
    if not reference:
        return None
    numbered = next((s for s in scenes if s.scene_number == reference), None)
    if numbered is not None:
        return numbered
    match = _POSITION_REFERENCE.fullmatch(reference)
    if match is None:
        return None
    name, position = match["file"], int(match["position"])
    if 0 < position <= len(scenes) and Path(scenes[position - 1].file).name == name:
        return scenes[position - 1]
    in_file = [s for s in scenes if Path(s.file).name == name and s.heading]
    return in_file[position - 1] if 0 < position <= len(in_file) else None
