"""Phrases that move the story on by days ("AM NÄCHSTEN MORGEN", "TWO DAYS LATER"), from the language data."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from toolkit.text.language import SUPPORTED, load_language


@dataclass(frozen=True)
class DayStep:
    """How many days a phrase moves the story on; `unknown` when it gives no distance ("WEEKS LATER")."""

    days: int
    unknown: bool = False
    phrase: str = ""


@dataclass(frozen=True)
class DayWords:
    steps: re.Pattern  # any day phrase, with named groups
    counts: dict  # group name -> (days per unit, None) | (0, unknown)
    numbers: dict  # number word -> value
    note: re.Pattern
    anchors: tuple[str, ...]  # the last word of every phrase: a text without one says no day change


def _phrase_pattern(phrase: str, number: str) -> str:
    parts = [re.escape(p) for p in phrase.lower().split("{n}")]
    return rf"(?:{number})".join(parts).replace(r"\ ", r"\s+")


@lru_cache(maxsize=1)
def day_words() -> DayWords:
    """The day phrases and note words of every language, compiled once."""
    numbers: dict[str, int] = {}
    entries: list[tuple[str, tuple]] = []
    notes: list[str] = []
    for code in SUPPORTED:
        data = load_language(code).data.get("story_time") or {}
        numbers.update({str(k).lower(): int(v) for k, v in (data.get("number_words") or {}).items()})
        entries += [(p, (1, False)) for p in data.get("next_day") or []]
        entries += [(p, (int(unit), False)) for p, unit in (data.get("later_days") or {}).items()]
        entries += [(p, (1, True)) for p in data.get("later_unknown") or []]
        notes += data.get("day_note") or []
    number = r"\d+|" + "|".join(re.escape(w) for w in sorted(numbers, key=len, reverse=True))
    alternatives, counts = [], {}
    for k, (phrase, count) in enumerate(sorted(entries, key=lambda e: -len(e[0]))):
        name = f"p{k}"
        counts[name] = (count, "{n}" in phrase)
        inner = _phrase_pattern(phrase, rf"(?P<n{k}>{number})")
        alternatives.append(rf"(?P<{name}>{inner})")
    steps = re.compile(r"(?<![\w])(?:" + "|".join(alternatives) + r")(?![\w])")
    note = re.compile(r"\[\[\s*(?:" + "|".join(re.escape(n) for n in notes) + r")\s*:\s*(\d+)\s*\]\]", re.IGNORECASE)
    anchors = tuple({phrase.lower().split()[-1] for phrase, _ in entries})
    return DayWords(steps, counts, numbers, note, anchors)


def day_step(text: str, *, at_start: bool = False) -> DayStep | None:
    """The day change a text says ("Drei Tage später" → +3), or None; `at_start`: only at its start."""
    words = day_words()
    folded = text.lower()  # as long as the text, so the match's offsets are the text's
    if not any(anchor in folded for anchor in words.anchors):
        return None
    start = len(folded) - len(folded.lstrip()) if at_start else 0
    match = words.steps.match(folded, start) if at_start else words.steps.search(folded)
    if match is None:
        return None
    name = match.lastgroup if match.lastgroup and match.lastgroup.startswith("p") else \
        next(g for g, v in match.groupdict().items() if v is not None and g.startswith("p"))
    (unit, unknown), counted = words.counts[name]
    days = unit
    if counted:
        raw = match.group("n" + name[1:])
        days = unit * (int(raw) if raw.isdigit() else words.numbers[raw])
    return DayStep(max(days, 1), unknown, text[match.start():match.end()])
