"""Time rendering story bibles to PDF: the render fixtures, every bibles/*/, and a stress bible.

Run in the project's environment (the toolkit installed, as in /work/venv):
``python benchmarks/render_bench.py [--characters 60] [--scenes 400]``. The stress
bible is generated at run time; a story folder is checked and then rendered, as `storybible render`
does, and its time includes the check. Untimed warm-up renders come first: the render fixtures' own
folders, German and English, checked and rendered. So what a process pays once (WeasyPrint's import and
font set-up, about 0.7 s; the tagger's model and the extractor's tables, about 0.5 s) is in no story's
time, and none of the timed stories was read before. Prints seconds, pages and
seconds per page, and the process's CPU seconds (which other work on the machine does not
inflate); the targets are under 2 s for a seed's bible and under 10 s for the stress bible.
"""
from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

import yaml

from toolkit.model.bible import load_story
from toolkit.model.diagnostics import Diagnostic
from toolkit.model.story import (
    RELATION_TYPES,
    Affiliation,
    Character,
    Fate,
    Location,
    Organisation,
    Relation,
    ReviewItem,
    Scene,
    Story,
)
from toolkit.pdf.render import render_story, render_story_dir

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "render"
STATUSES = ("current", "current", "current", "former", "undercover", "unknown")


def stress_story(characters: int, scenes: int, seed: int = 4) -> tuple[Story, list[Scene], list[Diagnostic]]:
    """A story of the given size with casts, affiliations, relations, deaths and findings."""
    rng = random.Random(seed)
    organisations = [Organisation(id=f"org{i}", name=f"Organisation Number {i}", abbreviation=f"ON{i}")
                     for i in range(8)]
    people = []
    for i in range(characters):
        affiliations = [Affiliation(org=f"org{i % 8}", status="leader" if i < 8 else rng.choice(STATUSES),
                                    title="Agent")]
        relations = [Relation(rng.choice(RELATION_TYPES), f"c{rng.randrange(characters)}")
                     for _ in range(rng.randrange(3))]
        people.append(Character(
            id=f"c{i}", name=f"Firstname{i} Lastname{i}", aliases=[f"Alias{i}"], gender=rng.choice("fm"),
            role="agent", summary="A character of the stress bible, with one sentence of summary. " * 2,
            affiliations=affiliations, relations=[r for r in relations if r.target != f"c{i}"],
            fate=Fate("killed", by="c0", scene=f"outline.fountain#{scenes - i}") if i % 10 == 9 else Fate()))
    locations = [Location(id=f"loc{i}", name=f"Location {i}", setting="INT") for i in range(30)]
    acts = 4
    outline = []
    for n in range(1, scenes + 1):
        cast = sorted({f"c{rng.randrange(characters)}" for _ in range(rng.randint(2, 6))})
        outline.append(Scene(
            id=f"outline.fountain#{n}", number=n, file="outline.fountain", line=10 * n,
            heading=f"INNEN. LOCATION {n % 30} – TAG", section=f"Akt {1 + (n - 1) * acts // scenes}",
            synopsis=[f"Scene {n} moves the story on, in one sentence of synopsis."], cast=cast,
            flashback=n % 37 == 0, location=f"loc{n % 30}"))
    findings = [Diagnostic("outline.fountain", 10 * n, 1, "CB201", "dead-character-present", "error",
                           "A dead character is present; remove them from the cast.") for n in range(1, scenes, 20)]
    story = Story(title="Stress Bible", language="de", source="generated", characters=people,
                  organisations=organisations, locations=locations,
                  unit_texts=["A unit of the synopsis. " * 20] * acts,
                  review=[ReviewItem("spelling_variant", f"Check the name {i}.") for i in range(10)])
    return story, outline, findings


def fixture_story(folder: Path) -> tuple[Story, list[Scene], list[Diagnostic]]:
    """A story folder's bible, with the scenes and findings the render fixtures keep beside it."""
    scenes_file, findings_file = folder / "scenes.yaml", folder / "diagnostics.yaml"
    scenes = [Scene(**r) for r in yaml.safe_load(scenes_file.read_text("utf-8"))] if scenes_file.is_file() else []
    found = ([Diagnostic(**r) for r in yaml.safe_load(findings_file.read_text("utf-8"))]
             if findings_file.is_file() else [])
    return load_story(folder / "bible.yaml"), scenes, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--characters", type=int, default=60)
    parser.add_argument("--scenes", type=int, default=400)
    args = parser.parse_args()
    cases = [(f.name, fixture_story(f)) for f in sorted(FIXTURES.iterdir()) if (f / "bible.yaml").is_file()]
    cases += [(f"bibles/{f.name}", f) for f in sorted((ROOT / "bibles").glob("*")) if (f / "bible.yaml").is_file()]
    cases.append((f"stress {args.characters}×{args.scenes}", stress_story(args.characters, args.scenes)))
    with tempfile.TemporaryDirectory() as out:
        for folder in sorted(FIXTURES.iterdir()):  # warm-up: one story folder per language
            if (folder / "bible.yaml").is_file():
                render_story_dir(folder, Path(out) / "warm-up.pdf")
        print(f"{'bible':<32} {'scenes':>6} {'seconds':>8} {'cpu s':>6} {'pages':>6} {'s/page':>7}")
        for name, case in cases:
            cpu, wall = time.process_time(), time.perf_counter()
            if isinstance(case, Path):  # a story folder: checked, then rendered, as `storybible render` does
                result = render_story_dir(case, Path(out) / "bible.pdf")
                scenes = "check"
            else:
                result = render_story(*case, Path(out) / "bible.pdf")
                scenes = len(case[1])
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            print(f"{name:<32} {scenes:>6} {wall:>8.2f} {cpu:>6.2f} {result.pages:>6} {wall / result.pages:>7.3f}")


if __name__ == "__main__":
    main()
