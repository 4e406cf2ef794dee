"""Inputs of a given size in the shapes that once made a stage quadratic, and the stage each one drives.

Shared by benchmarks/scaling.py (time at 1×–8×) and tests/test_scaling.py (steps counted at 1× and 4×).
Every name and word is invented.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


def invented_name(i: int) -> str:
    """Distinct capitalised names: Vorab, Vorbec, ... (letters from the index, no real names)."""
    syllables = ["vo", "ra", "be", "ki", "lu", "mo", "ne", "si", "ta", "du"]
    digits = f"{i:05d}"
    return "".join(syllables[int(d)] for d in digits).capitalize() + "x"


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, "utf-8")
    return path


def synopsis_lines(n: int, folder: Path) -> Path:
    """One paragraph of n short lines, each a sentence."""
    lines = [f"{invented_name(i % 50)} geht in die Stadt {i}." for i in range(n)]
    return _write(folder, "lines.de.txt", "\n".join(lines) + "\n")


def scenes_with_notes(n: int, folder: Path) -> Path:
    scenes = [f"INT. RAUM {i} - TAG #{i}#\n\nEtwas geschieht.\n\n[[cast: ADA, BRUNO]]\n" for i in range(1, n + 1)]
    return _write(folder, "scenes.fountain", "\n".join(scenes))


def long_word(n: int, folder: Path) -> Path:
    return _write(folder, "word.de.txt", f"Die Agentin Ilka Brenner trifft {'x' * n} in Graz. Ilka flieht.\n")


def many_names(n: int, folder: Path) -> Path:
    names = ", ".join(invented_name(i) for i in range(n))
    return _write(folder, "names.de.txt", f"Die Agentin Ilka Brenner trifft {names} in Graz. Ilka flieht.\n")


def long_url(n: int, folder: Path) -> Path:
    url = ("https://example.org/" + "abcdefghij" * n)[:n]
    _write(folder, "bible.yaml", "format: storybible/1\ntitle: X\nlanguage: en\ncharacters:\n"
                                 "  - {id: ada, name: Ada Quill}\norganisations:\n  - {id: cia, name: CIA}\n")
    return _write(folder, "scene.fountain", f"INT. ROOM - DAY\n\nADA QUILL of the CIA kills Bob at {url} today.\n")


def big_bible(n: int, folder: Path) -> Path:
    """A bible of n characters and no aliases."""
    people = "".join(f"  - {{id: c{i}, name: {invented_name(i)}, gender: f, aliases: [{invented_name(i)}s]}}\n"
                     for i in range(n))
    return _write(folder, "bible.yaml", f"format: storybible/1\ntitle: X\nlanguage: de\ncharacters:\n{people}")


def run_on(n: int, folder: Path) -> Path:
    """A synopsis of n words without a full stop: one sentence that travels between places."""
    words = ["Ilka", "Brenner", "fährt", "nach", "Berlin", "und", "trifft", "Tomas", "Kettler", "in", "Graz", "und"]
    return _write(folder, "run-on.de.txt", "Die Agentin " + " ".join(words[i % len(words)] for i in range(n)) + "\n")


def unclosed_notes(n: int, folder: Path) -> Path:
    """A scene with one action line of n notes that open with [[ and never close."""
    return _write(folder, "unclosed.fountain", "INT. RAUM - TAG\n\nAda wartet " + "[[ " * n + "\n\nADA\nHallo.\n")


def misspelt_cast(n: int, folder: Path) -> Path:
    """A bible of 2.5·n characters and a script with n cues that each miss a bible name by one letter."""
    people = "".join(f"  - {{id: c{i}, name: {invented_name(i)}}}\n" for i in range(5 * n // 2))
    _write(folder, "bible.yaml", f"format: storybible/1\ntitle: X\nlanguage: de\ncharacters:\n{people}")
    cues = "".join(f"{invented_name(i)[:-1].upper()}Q\nJa.\n\n" for i in range(n))
    return _write(folder, "scene.fountain", f"INT. RAUM - TAG\n\n{cues}")


def read_synopsis(path: Path):
    from toolkit.text.synopsis import read_synopsis as read

    return read(path)


def parse_script(path: Path):
    from toolkit.continuity.script import parse_script as parse

    return parse(path.read_text("utf-8"), path.name)


def resolve_synopsis(path: Path):
    from toolkit.extraction.resolve import resolve
    from toolkit.text.synopsis import read_synopsis as read

    return resolve(read(path))


def check_scene(path: Path):
    from toolkit.continuity.check import check_scripts
    from toolkit.model.bible import read_bible

    return check_scripts([path], read_bible(path.parent / "bible.yaml"))


def outline_synopsis(path: Path):
    from toolkit.expansion.outline import cut_scenes
    from toolkit.extraction.resolve import resolve
    from toolkit.text.synopsis import read_synopsis as read

    return cut_scenes(resolve(read(path)))


def read_bible(path: Path):
    from toolkit.model.bible import read_bible as read

    return read(path)


@dataclass(frozen=True)
class Shape:
    key: str
    label: str
    base: int  # size at 1× in the benchmark
    make: Callable[[int, Path], Path]
    run: Callable[[Path], object]


SHAPES = [
    Shape("lines", "synopsis lines, one paragraph", 4000, synopsis_lines, read_synopsis),
    Shape("notes", "scenes with cast notes", 5000, scenes_with_notes, parse_script),
    Shape("word", "letters in one word (expand)", 2500, long_word, resolve_synopsis),
    Shape("names", "names in one sentence (expand)", 250, many_names, resolve_synopsis),
    Shape("url", "characters of a URL in an action line", 800, long_url, check_scene),
    Shape("bible", "characters in a bible, no aliases", 2500, big_bible, read_bible),
    Shape("run-on", "words in a synopsis without full stops", 1000, run_on, outline_synopsis),
    Shape("unclosed", "unclosed [[ on one line", 100_000, unclosed_notes, parse_script),
    Shape("near-miss", "misspelt cues (bible 2.5× as many)", 500, misspelt_cast, check_scene),
]
