"""Scene headings taken apart: INT/EXT, the place (the set) and the time of day.

The words come from the `story_time:` data of every language (a script may head its scenes in any
of them), so "INNEN. KÜCHE – NACHT" and "INT. KITCHEN - NIGHT" are read alike.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from toolkit.continuity.day_phrases import day_step
from toolkit.continuity.script import note_words
from toolkit.text.language import SUPPORTED, load_language

_DASH = re.compile(r"(\s+[-–—]+\s+|\s*[–—]\s*)")
_DOUBLE_DASH = re.compile(r"(\s*[-–—]+\s*)(?:\s*[-–—]+\s*)+")  # what is left where a word was taken out
_YEAR = re.compile(r"\s*(?:1[0-9]|20)\d\d(?:s|er)?\s*")  # "(1973)": when, not where
_PARENTHESES = re.compile(r"\s*[(\[]([^)\]]*)[)\]]")


@dataclass(frozen=True)
class TimeWord:
    """A time of day as a heading writes it."""

    time: str  # canonical spelling: "NACHT", "NIGHT", "CONTINUOUS"
    light: str  # day | evening | night | twilight | same
    rank: tuple[int, int] | None = None  # earliest and latest hour class (0 dawn … 5 night); None: unordered
    continues: bool = False  # CONTINUOUS / SAME TIME: the scene goes on from the one before


@dataclass(frozen=True)
class Heading:
    """What a scene heading says, each part as written."""

    int_ext: str  # INT | EXT | INT/EXT | ""
    place: str  # the set as written: "KÜCHE", "JOHN'S FLAT – KITCHEN"
    time: TimeWord | None  # the heading's last dash part
    stated: TimeWord | None  # a time of day next to CONTINUOUS / LATER ("NIGHT – CONTINUOUS")
    rest: str  # what else the heading says after the place (transitions such as "DREI TAGE SPÄTER")
    continues: bool = False  # CONTINUOUS / SAME TIME: the scene goes on from the one before


@dataclass(frozen=True)
class HeadingWords:
    prefix: re.Pattern
    prefixes: dict  # upper-case prefix -> INT | EXT | INT/EXT
    times: dict  # upper-case words -> TimeWord


def _time_word(entry: dict) -> TimeWord:
    rank = entry.get("rank")
    if isinstance(rank, int):
        rank = (rank, rank)
    return TimeWord(entry["time"], entry.get("light", "day"), tuple(rank) if rank else None,
                    bool(entry.get("continues")))


@lru_cache(maxsize=1)
def heading_words() -> HeadingWords:
    """The heading vocabulary of every supported language, read once."""
    prefixes: dict[str, str] = {}
    times: dict[str, TimeWord] = {}
    for code in SUPPORTED:
        data = load_language(code).data.get("story_time") or {}
        prefixes.update({str(k).upper(): v for k, v in (data.get("int_ext") or {}).items()})
        times.update({str(k).upper(): _time_word(v) for k, v in (data.get("times") or {}).items()})
    alternatives = "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
    prefix = re.compile(rf"^\s*\.?\s*(?P<word>{alternatives})(?:\.|(?=[\s/])|$)\s*", re.IGNORECASE)
    return HeadingWords(prefix, prefixes, times)


def time_word(text: str) -> TimeWord | None:
    """The time of day a dash part of a heading names ("NACHT", "Moments later"), or None."""
    key = " ".join(text.replace(".", " ").split()).upper()
    times = heading_words().times
    if key not in times and "/" in key:  # "NIGHT / LATER"
        words = [times.get(piece.strip()) for piece in key.split("/")]
        return words[-1] if all(words) else None
    return times.get(key)


@lru_cache(maxsize=4096)
def split_heading(heading: str) -> Heading:
    """INT/EXT, place and time of day of a heading; parts it does not give are empty or None."""
    words = heading_words()
    text = note_words().heading_flashback.sub("", heading)
    text = _DOUBLE_DASH.sub(lambda m: f" {m.group(1).strip()} ", text).strip(" ,:;-–—")
    int_ext = ""
    match = words.prefix.match(text)
    if match:
        int_ext = words.prefixes[match.group("word").upper()]
        text = text[match.end():].lstrip(" -–—")  # "INT - HOUSE - DAY"
        if int_ext and not _DASH.search(text):  # "INT HOUSE DAY": the time of day without a dash
            place, _, last = text.rpartition(" ")
            if place and (word := time_word(last)) is not None and word.light != "same":
                text = f"{place} – {last}"
    notes = [m.group(1) for m in _PARENTHESES.finditer(text) if _about_time(m.group(1))]
    text = _PARENTHESES.sub(lambda m: "" if _about_time(m.group(1)) else m.group(), text)
    pieces = _DASH.split(text)  # parts, then the dash between each and the next
    parts = [p.strip() for p in pieces[::2] if p.strip()]
    dashes = [d.strip() or "–" for d, p in zip(pieces[1::2], pieces[2::2]) if p.strip()]
    rest: list[str] = notes
    found = _take_times(parts, rest)
    if not found and parts and "," in parts[-1]:  # "APARTMENT, DAY", "HOME, THE NEXT MORNING"
        place, tail = (p.strip() for p in parts[-1].rsplit(",", 1))
        word = time_word(tail) or _ending_time(tail)
        if word or _is_transition(tail):
            parts[-1] = place
            found = [word] if word else []
            rest.append(tail)
    time = found[-1] if found else None
    stated = next((w for w in reversed(found) if w.light != "same"), None)
    place = parts[0] if parts else ""
    for dash, part in zip(dashes, parts[1:]):
        place += f" {dash} {part}"
    return Heading(int_ext, place, time, stated, " ".join(rest), any(w.continues for w in found))


def _take_times(parts: list[str], rest: list[str]) -> list[TimeWord]:
    """Take the times of day ("NIGHT – CONTINUOUS") and transitions ("DREI TAGE SPÄTER") off the end
    of a heading's dash parts, the place left; transitions go to `rest`. The times, in heading order."""
    found: list[TimeWord] = []
    while len(parts) > 1:
        last = parts[-1]
        word = time_word(last)
        if word is None:
            word = _ending_time(last)  # "AM NÄCHSTEN MORGEN"
            if word is None and not _is_transition(last):
                break
            rest.append(last)
        if word is not None:
            found.insert(0, word)
        parts.pop()
    return found


def _about_time(text: str) -> bool:
    """Whether a bracketed part of a heading is about time: "(TWO DAYS LATER)", "[CONTINUOUS]", "()"."""
    return not text.strip() or _YEAR.fullmatch(text) is not None or time_word(text) is not None \
        or _is_transition(text)


def _is_transition(part: str) -> bool:
    return day_step(part) is not None


def _ending_time(part: str) -> TimeWord | None:
    """"AM NÄCHSTEN MORGEN", "THE NEXT DAY": a transition whose last words are a time of day."""
    if not _is_transition(part):
        return None
    words = part.replace(".", " ").split()
    for start in range(1, len(words)):
        word = time_word(" ".join(words[start:]))
        if word is not None and word.light != "same":
            return word
    return None
