"""Checking the continuity of a story's Fountain files against its bible."""
from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PureWindowsPath

from toolkit.model.bible import Bible, dotted, parse_bible_text, read_bible
from toolkit.extraction.claims import AffiliationClaim, DeathClaim
from toolkit.model.diagnostics import SEVERITIES, Diagnostic
from toolkit.errors import BibleError, ExitStatus, InputError
from toolkit.model.names import NameIndex, fold, slugify, strip_titles
from toolkit.continuity.rules import RULES, Claimed, Context, death_scenes
from toolkit.continuity.script import (
    Mention,
    Prose,
    Script,
    ScriptScene,
    find_scene,
    is_position_reference,
    number_scenes,
    read_script,
)
from toolkit.model.story import DEAD_FATES, Character, ReviewItem, Scene, Story

BIBLE_NAME = "bible.yaml"
RULE_SETTINGS = (*SEVERITIES, "off")


@dataclass
class CheckResult:
    """The diagnostics of a check, sorted by file and line, with the scenes that were read."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    scenes: list[Scene] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    characters: dict[str, str] = field(default_factory=dict)  # id -> name, for reports
    bibles: list[str] = field(default_factory=list)  # the bible each story was checked against; "" for none

    def count(self, severity: str) -> int:
        return sum(d.severity == severity for d in self.diagnostics)

    @property
    def errors(self) -> int:
        return self.count("error")

    @property
    def warnings(self) -> int:
        return self.count("warning")

    @property
    def infos(self) -> int:
        return self.count("info")

    def summary(self) -> dict:
        """The counts of the JSON output's summary."""
        return {"files": len(self.files), "scenes": len(self.scenes), "errors": self.errors,
                "warnings": self.warnings, "infos": self.infos}

    def exit_status(self, strict: bool = False) -> ExitStatus:
        """1 when there are errors, or warnings under `strict`; else 0."""
        failed = self.errors or (strict and self.warnings)
        return ExitStatus.CONTINUITY_ERRORS if failed else ExitStatus.OK

    def extend(self, other: "CheckResult") -> None:
        self.diagnostics = sorted([*self.diagnostics, *other.diagnostics], key=Diagnostic.sort_key)
        self.scenes += other.scenes
        self.files += other.files
        self.characters.update(other.characters)
        self.bibles += other.bibles


def _display(path: Path) -> str:
    return path.as_posix()


def _inside(name: str) -> bool:
    """True when a name from the bible stays in the story folder: relative, never climbing out with '..'.

    Judged by the name alone, so a writer's own symbolic links keep working.
    """
    normal = os.path.normpath(name.replace("\\", "/"))
    return not (os.path.isabs(normal) or PureWindowsPath(name).drive or normal == ".."
                or normal.startswith("../"))


def nearest_bible(path: Path) -> Path | None:
    """The bible.yaml in a script's folder or the nearest parent folder (as git finds its configuration)."""
    folder = path if path.is_dir() else path.parent
    here = Path.cwd()
    for candidate in (folder, *folder.resolve().parents):
        if os.path.lexists(candidate / BIBLE_NAME):
            found = candidate / BIBLE_NAME
            # named as the writer would: relative to the current folder when it lies below it
            return found.relative_to(here) if found.is_absolute() and found.is_relative_to(here) else found
    return None


def find_scripts(folder: Path, bible: Bible | None) -> list[Path]:
    """The Fountain files of a story folder in story order: those in `scripts:` of its bible in that
    order, then every other *.fountain of the folder by name."""
    paths = []
    if bible is not None and ("scripts",) in bible.lines:
        for i, name in enumerate(bible.story.scripts):
            path = bible.path.parent / name
            if not _inside(name):
                raise BibleError(f"scripts[{i}]: '{name}' lies outside the story folder; keep scripts beside "
                                 "bible.yaml", path=bible.path, line=bible.line_of("scripts", i))
            if not path.is_file():
                raise BibleError(f"scripts[{i}]: '{name}' is not a file beside bible.yaml",
                                 path=bible.path, line=bible.line_of("scripts", i))
            paths.append(path)
    listed = {os.path.normcase(os.path.abspath(p)) for p in paths}
    others = [p for p in sorted(folder.glob("*.fountain"), key=lambda p: p.name)
              if os.path.normcase(os.path.abspath(p)) not in listed]
    return paths + others


def unlisted_scripts(scripts: list[Path], bible: Bible | None) -> list[Path]:
    """The scripts of a story folder whose place in the story order `scripts:` does not give."""
    if bible is None:
        return []
    if ("scripts",) not in bible.lines:
        return scripts if len(scripts) > 1 else []
    return scripts[len(bible.story.scripts):]


def rule_settings(bible: Bible) -> dict[str, str]:
    """The `rules:` of a bible: a code, a code prefix or a rule name mapped to a severity or 'off'.

    Raises BibleError, naming the line, for a key that matches no rule or a value that is no setting.
    """
    settings = {}
    for key, value in bible.story.rules.items():
        line = bible.line_of("rules", key)
        if value is False or value is None:  # YAML reads a bare `off` as false
            value = "off"
        value = str(value).lower()
        if value not in RULE_SETTINGS:
            raise BibleError(f"rules.{key}: '{value}' is not one of: {', '.join(RULE_SETTINGS)}",
                             path=bible.path, line=line)
        if not any(code.startswith(key.upper()) or rule.name == key for code, rule in RULES.items()):
            raise BibleError(f"rules.{key}: no rule has this code or name; see `storybible rules`",
                             path=bible.path, line=line)
        settings[key] = value
    return settings


def _setting(diagnostic: Diagnostic, settings: dict[str, str]) -> str:
    if diagnostic.rule in settings:
        return settings[diagnostic.rule]
    prefixes = [key for key in settings if diagnostic.code.startswith(key.upper())]
    return settings[max(prefixes, key=len)] if prefixes else diagnostic.severity


def _suppressed(diagnostic: Diagnostic, scenes_by_file: dict) -> bool:
    starts, scenes = scenes_by_file.get(diagnostic.file, ([], []))
    at = bisect_right(starts, diagnostic.line) - 1
    if at < 0:
        return False
    return any(diagnostic.code.startswith(code) for code in scenes[at].ignored)


def _inferred_story(scripts: list[Script]) -> Story:
    """Without a bible, the cast is whoever speaks or is named in a cast or dies note."""
    characters: dict[str, Character] = {}
    for script in scripts:
        for scene in script.scenes:
            for mention in [*scene.mentions, *scene.dying]:
                if mention.via != "action" and fold(mention.name) not in characters:
                    characters[fold(mention.name)] = Character(id=slugify(mention.name), name=mention.name)
    return Story(title="", characters=list(characters.values()))


_WORD = re.compile(r"[^\W\d_][\w'’‘]*")


def _name_forms(story: Story) -> frozenset[str]:
    """The folded words of every name, also with a genitive or possessive ending."""
    words = {fold(word) for c in story.characters for name in c.names for word in _WORD.findall(name)}
    return frozenset(word + ending for word in words for ending in ("", "s", "'s", "'"))


def _claim_words(story: Story) -> dict[str, list[str]]:
    """Phrases without one of which a text makes no claim: an organisation's name or words of death.

    Keyed by the phrase's longest word. The extractor is slow next to parsing, and most action
    lines that name someone claim nothing.
    """
    from toolkit.text.language import load_language

    language = load_language(story.language if story.language in ("de", "en") else "de")
    phrases = [name for o in story.organisations for name in o.names]
    phrases += [name for agency in language.agencies for name in agency.names]
    phrases += language.data.get("organisation_suffixes") or []
    for key, value in (language.data.get("deaths") or {}).items():
        if key not in ("causing_verbs", "passive_auxiliaries"):
            phrases += list(value)  # a list of phrases, or the mapping of separable verbs to their particles
    gate: dict[str, list[str]] = {}
    for phrase in map(str, phrases):
        words = _WORD.findall(phrase)
        if words:
            gate.setdefault(fold(max(words, key=len)), []).append(fold(phrase))
    return gate


class _Folded(dict):
    """Texts folded, with their words, each once a check: the claim gate and prose presence both read them."""

    def __missing__(self, text: str) -> tuple[str, frozenset[str]]:
        folded = fold(text)
        self[text] = value = (folded, frozenset(_WORD.findall(folded)))
        return value


def _may_claim(text: str, names: frozenset, gate: dict[str, list[str]], folded_texts: _Folded) -> bool:
    folded, words = folded_texts[text]
    if words.isdisjoint(names):
        return False
    return any(phrase in folded for word in words.intersection(gate) for phrase in gate[word])


@cache
def _splitter(language: str):
    from toolkit.text.language import load_language
    from toolkit.text.synopsis import SentenceSplitter

    return SentenceSplitter(load_language(language if language in ("de", "en") else "de"))


def _sentences(prose: Prose, language: str) -> Iterator[tuple[str, int]]:
    """The sentences of a paragraph of action or synopsis, with their offsets in it."""
    for sentence, start in _splitter(language).split(prose.text):
        yield sentence, prose.text.find(sentence, start)


def _claims(context: Context, scene: ScriptScene, names: frozenset, gate: dict[str, list[str]],
            folded_texts: _Folded) -> None:
    for prose in scene.prose:
        if prose.kind == "dialogue" or not _may_claim(prose.text, names, gate, folded_texts):
            continue
        for sentence, start in _sentences(prose, context.story.language):
            if _may_claim(sentence, names, gate, folded_texts):
                _sentence_claims(context, scene, prose, sentence, start)


def _memo(context: Context, kind: str, key, read):
    """What `read()` gives for a text, kept in the context's memo (between checks against one bible)."""
    if context.memo is None:
        return read()
    memo = context.memo.setdefault(kind, {})
    if key not in memo:
        memo[key] = read()
    return memo[key]


def _sentence_claims(context: Context, scene: ScriptScene, prose: Prose, sentence: str, start: int) -> None:
    from toolkit.extraction.scene_claims import scene_claims

    for claim in _memo(context, "claims", sentence, lambda: scene_claims(sentence, context.story)):
        character = context.story.character(claim.character)
        if character is None:
            continue
        # the bible settles that a death was staged; a scene that tells the staging is no death
        if isinstance(claim, DeathClaim) and character.fate.status in ("faked_death", "presumed_dead_alive"):
            continue
        line = prose.line + prose.text.count("\n", 0, start + claim.offset)
        if isinstance(claim, DeathClaim) and claim.status in DEAD_FATES:
            context.death_lines.setdefault(scene.number, {}).setdefault(claim.character, line)
        elif isinstance(claim, AffiliationClaim):
            context.claims.setdefault(scene.number, []).append(Claimed(claim, line))


def _wanted_in_prose(context: Context, everyone: bool) -> Iterator[tuple[ScriptScene, set[str]]]:
    """For each scene, the characters whose presence in its prose is worth reading.

    Reading prose takes the extractor, which is slow next to parsing; unless every presence is asked
    for (stats, the PDF), only where it can decide a diagnostic: the dead after their death, and
    characters present nowhere else.
    """
    everybody = {c.id for c in context.story.characters}
    if everyone:
        for scene in context.scenes:
            yield scene, everybody - set(context.present[scene.number])
        return
    survivors = {c.id for c in context.story.characters if c.fate.status in ("faked_death", "presumed_dead_alive")}
    deaths = {ident: place[0].number for ident, place in death_scenes(context).items() if ident not in survivors}
    absent = everybody - {ident for cast in context.present.values() for ident in cast}
    for scene in context.scenes:
        dead = set() if scene.flashback else {ident for ident, number in deaths.items() if number < scene.number}
        yield scene, (dead | absent) - set(context.present[scene.number])


class _WholeNames(dict):
    """Character id -> a pattern of any of their names as whole words, compiled when first asked for."""

    def __init__(self, story: Story):
        super().__init__()
        self.characters = {c.id: c for c in story.characters}

    def __missing__(self, ident: str) -> re.Pattern:
        names = self.characters[ident].names
        self[ident] = pattern = re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(fold(n)) for n in names if n) + r")(?![\w'’])")
        return pattern


def _prose_presence(context: Context, everyone: bool, folded_texts: _Folded) -> None:
    """Characters named as subject or object of a main clause in action or synopsis, capitals or not;
    and, in `context.named`, those the action or synopsis names as such (not only in a genitive)."""
    forms = {c.id: _name_forms(Story(title="", characters=[c])) for c in context.story.characters}
    whole = _WholeNames(context.story)
    owners: dict[str, set[str]] = {}  # a folded word of a name -> the characters it may name
    for ident, words in forms.items():
        for word in words:
            owners.setdefault(word, set()).add(ident)
    for scene, wanted in _wanted_in_prose(context, everyone):
        for prose in scene.prose:
            if not wanted:
                break
            if prose.kind == "dialogue":
                continue
            folded, words = folded_texts[prose.text]
            named = {ident for word in words for ident in owners.get(word, ())} & wanted
            context.named |= {ident for ident in named if whole[ident].search(folded)}
            if named:
                _present_in_prose(context, scene, prose, named, forms)
                wanted = wanted - set(context.present[scene.number])


def _present_in_prose(context: Context, scene: ScriptScene, prose: Prose, wanted: set[str],
                      forms: dict[str, frozenset]) -> None:
    from toolkit.continuity.presence import scene_presence

    here = context.present[scene.number]
    for sentence, start in _sentences(prose, context.story.language):
        wanted = wanted - set(here)
        if not wanted:
            return
        if frozenset().union(*(forms[ident] for ident in wanted)).isdisjoint(_WORD.findall(fold(sentence))):
            continue
        found = _memo(context, "presence", (sentence, frozenset(wanted)),
                      lambda: list(scene_presence(sentence, context.story, wanted)))
        for ident, name, offset in found:
            line = prose.line + prose.text.count("\n", 0, start + offset)
            column = context.source_line(scene.file, line).find(name) + 1 or 1
            here[ident] = Mention(name, line, column, "prose")
            scene.cast.append(ident)


def _location(scene: ScriptScene, story: Story) -> str:
    heading = fold(scene.heading)
    for location in story.locations:
        if any(name and fold(name) in heading for name in (location.name, *location.aliases)):
            return location.id
    return ""


def resolve(scripts: list[Script], bible: Bible | None, *, every_presence: bool = False,
            memo: dict | None = None) -> Context:
    """Number the scenes and resolve every name, note and claim in them against the bible.

    With `every_presence`, prose is read for every character's presence, not only where it decides
    a diagnostic. `memo` keeps what is read from each text between checks against the same bible.
    """
    scenes = number_scenes(scripts)
    story = bible.story if bible else _inferred_story(scripts)
    index = NameIndex.from_story(story)
    lookup = cache(index.lookup_titled)
    exact = set(index.names())
    context = Context(scripts, scenes, story, index, bible, memo=memo)
    folded_texts = _Folded()
    if bible is not None:
        context.other_names = frozenset(
            fold(name) for entity in [*story.organisations, *story.locations, *story.props]
            for name in getattr(entity, "names", [entity.name, *entity.aliases]) if name)
    speaking = {fold(m.name) for s in scenes for m in s.mentions if m.via != "action"}
    if bible:
        names = _name_forms(story)
        claim_words = _claim_words(story)
    for scene in scenes:
        present: dict[str, Mention] = {}
        unknown: dict[str, Mention] = {}  # reported once a scene
        for mention in scene.mentions:
            ident = lookup(mention.name)
            if mention.via == "action":
                # A whole run first ("MARTIN CRANE"), else its words; a genitive ("MARTINS Wagen") is no presence.
                for word in [mention.name] if ident else mention.name.split():
                    found = lookup(word)
                    if found and fold(strip_titles(word)) in exact:
                        present.setdefault(found, mention)
                if ident is None and bible and fold(mention.name) in speaking:
                    unknown.setdefault(fold(mention.name), mention)
            elif ident:
                present.setdefault(ident, mention)
            elif bible:
                unknown.setdefault(fold(mention.name), mention)
        for mention in scene.dying:
            ident = lookup(mention.name)
            if ident:
                context.death_lines.setdefault(scene.number, {}).setdefault(ident, mention.line)
                context.death_notes.append((scene, ident, mention))
            elif bible:
                unknown.setdefault(fold(mention.name), mention)
        context.unknown += [(scene, mention) for mention in unknown.values()]
        if bible:
            _claims(context, scene, names, claim_words, folded_texts)
            scene.location = _location(scene, story)
        context.present[scene.number] = present
        scene.cast = list(present)
        scene.unknown_cast = [mention.name for mention in unknown.values()]
        scene.deaths = list(context.death_lines.get(scene.number, {}))
    if bible is not None:
        _bible_scenes(context, bible)
        _prose_presence(context, every_presence, folded_texts)
    return context


def _bible_scenes(context: Context, bible: Bible) -> None:
    """Find the scenes the bible names: deaths (fate.scene) and affiliations' from/until."""
    for i, character in enumerate(bible.story.characters):
        references = [(("characters", i, "fate", "scene"), character.fate.scene)]
        references += [(("characters", i, "affiliations", j, key), getattr(affiliation, f"{key}_scene"))
                       for j, affiliation in enumerate(character.affiliations) for key in ("from", "until")]
        for path, reference in references:
            scene = find_scene(context.scenes, reference) if reference else None
            if scene is None:
                continue
            context.scene_of[reference] = scene
            if is_position_reference(reference):
                _note_position_reference(bible, path, reference, scene)
        scene = context.scene_of.get(character.fate.scene)
        if character.fate.status in DEAD_FATES and scene is not None:
            context.bible_deaths[character.id] = (scene, scene.line)


def _note_position_reference(bible: Bible, path: tuple, reference: str, scene: ScriptScene) -> None:
    """Bibles written before scene numbers named scenes by position; say how to write it now."""
    number = scene.scene_number
    fix = (f"write \"{number}\"" if number else
           f"give the heading a scene number (#{scene.number}#) and write it here")
    message = (f"{dotted(path)}: '{reference}' names a scene by its position, which moves when scenes are "
               f"inserted; it is read as the scene at {Path(scene.file).name}:{scene.line} ({scene.heading}); {fix}")
    item = ReviewItem(kind="scene_reference", message=message,
                      where=f"{bible.path.as_posix()}:{bible.line_of(*path)}")
    if item not in bible.story.review:
        bible.story.review.append(item)


Texts = Mapping[Path, str]  # unsaved texts of files, used in place of what is on disk


def read_bible_or_text(path: Path, texts: Texts | None = None) -> Bible:
    """The bible at path, from its unsaved text in `texts` when there is one."""
    if texts and path in texts:
        return parse_bible_text(texts[path], path)
    return read_bible(path)


def check_scripts(paths: Sequence[Path], bible: Bible | None = None, *, unlisted: Sequence[Path] = (),
                  whole_story: bool = False, every_presence: bool = False, texts: Texts | None = None) -> CheckResult:
    """Check Fountain files, in story order, against a bible (or none: the cast is then inferred).

    `whole_story` says the files are all the scripts of the story, so that a bible character in none
    of them is worth a warning; `unlisted` are those whose place in the order `scripts:` does not give;
    `every_presence` reads the prose for everyone's presence (for stats), not only where it decides a
    diagnostic. `texts` maps paths to unsaved texts that are read in place of those files.
    """
    texts = texts or {}
    scripts = [read_script(path, _display(path), text=texts.get(path)) for path in paths]
    return check_parsed(scripts, bible, unlisted=unlisted, whole_story=whole_story, every_presence=every_presence)


def check_parsed(scripts: list[Script], bible: Bible | None = None, *, unlisted: Sequence[Path] = (),
                 whole_story: bool = False, every_presence: bool = False, memo: dict | None = None) -> CheckResult:
    """Check scripts already read, in story order, against a bible (as check_scripts).

    `memo` keeps what is read from each text (claims, presence, near misses) between checks against the
    same bible.
    """
    settings = rule_settings(bible) if bible else {}
    context = resolve(scripts, bible, every_presence=every_presence, memo=memo)
    context.whole_story = whole_story
    context.unlisted = [_display(path) for path in unlisted]
    scenes_by_file: dict = {}
    for scene in context.scenes:
        starts, scenes = scenes_by_file.setdefault(scene.file, ([], []))
        starts.append(scene.line)
        scenes.append(scene)
    diagnostics = []
    for rule in RULES.values():
        if settings and _setting(rule.at("", 0, ""), settings) == "off":
            continue
        for diagnostic in rule.run(context):
            severity = _setting(diagnostic, settings)
            if severity == "off" or _suppressed(diagnostic, scenes_by_file):
                continue
            diagnostics.append(diagnostic._replace(severity=severity))
    diagnostics.sort(key=Diagnostic.sort_key)
    return CheckResult(diagnostics, list(context.scenes), [script.file for script in scripts],
                       {c.id: c.name for c in context.story.characters},
                       [bible.path.as_posix() if bible else ""])


def _story_folders() -> list[Path]:
    here = Path(".")
    if (here / BIBLE_NAME).is_file() or any(here.glob("*.fountain")):
        return [here]
    folders = sorted(p.parent for p in Path("bibles").glob(f"*/{BIBLE_NAME}"))
    if not folders:
        raise InputError("nothing to check here: give a story folder or a .fountain file", path=".")
    return folders


def check_folder(folder: Path, bible_path: Path | None = None, *, use_bible: bool = True,
                 every_presence: bool = False, texts: Texts | None = None) -> CheckResult:
    """Check every script of a story folder against its bible.yaml (or the bible given, or none)."""
    from toolkit.files.together import refuse_if_interrupted

    refuse_if_interrupted(folder)
    bible_path = bible_path or folder / BIBLE_NAME
    bible = None
    exists = os.path.lexists(bible_path) or bool(texts and bible_path in texts)
    if use_bible and (exists or bible_path != folder / BIBLE_NAME):
        bible = read_bible_or_text(bible_path, texts)
    scripts = find_scripts(folder, bible)
    if not scripts:
        if bible is None:
            raise InputError("no bible.yaml and no .fountain files in this folder", path=folder)
        raise InputError("no .fountain files in this story folder; list them under scripts: in bible.yaml",
                         path=folder)
    return check_scripts(scripts, bible, unlisted=unlisted_scripts(scripts, bible), whole_story=True,
                         every_presence=every_presence, texts=texts)


def _check_files(files: list[Path], bible_path: Path | None, use_bible: bool, every_presence: bool,
                 texts: Texts | None) -> CheckResult:
    """Fountain files checked on their own: against the bible given, else each against the nearest one."""
    groups: dict[Path | None, list[Path]] = {}
    for path in files:
        found = (bible_path or nearest_bible(path)) if use_bible else None
        groups.setdefault(found, []).append(path)
    result = CheckResult()
    for found, paths in groups.items():
        result.extend(check_scripts(paths, read_bible_or_text(found, texts) if found else None,
                                    every_presence=every_presence, texts=texts))
    return result


def check(paths: Sequence[str | Path] = (), bible: str | Path | None = None, *,
          use_bible: bool = True, every_presence: bool = False, texts: Texts | None = None) -> CheckResult:
    """Check story folders and Fountain files; each folder is a story, the files together make one.

    A Fountain file is checked against `bible`, else the bible.yaml of its folder or the nearest
    parent folder; with `use_bible` false, against its cues alone. Without paths, checks the current
    folder when it is a story, else every story under bibles/. `texts` maps paths to unsaved texts
    that are read in place of those files.
    """
    targets = [Path(p) for p in paths] or _story_folders()
    bible_path = Path(bible) if bible is not None else None
    result = CheckResult()
    files = []
    for target in targets:
        if target.is_dir():
            result.extend(check_folder(target, bible_path, use_bible=use_bible, every_presence=every_presence,
                                       texts=texts))
        elif target.exists():
            files.append(target)
        else:
            raise InputError("no such file or folder; check the path", path=target)
    if files:
        result.extend(_check_files(files, bible_path, use_bible, every_presence, texts))
    return result
