"""The continuity rules: small functions, each registered with a code, a name and a default severity."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.model.bible import Bible
from toolkit.extraction.claims import AffiliationClaim, DeathClaim
from toolkit.model.diagnostics import Diagnostic
from toolkit.model.names import NameIndex, fold, strip_titles
from toolkit.continuity.script import UPPER, Mention, Script, ScriptScene
from toolkit.model.story import DEAD_FATES, Affiliation, Character, Story

Report = Callable[..., Diagnostic]
_SECTION = re.compile(r"^[ \t]*(What|Why|Example):[ \t]*$", re.MULTILINE)
_CAPITALISED = re.compile(rf"(?<![\w\-'’‘])[{UPPER}][\w\-]*")
# A near miss is at most this many edits (a swap of two letters is one) away from a name, and the name is at least this long.
_MAX_EDITS = {5: 1, 6: 1, 7: 1}
_MIN_NAME = 5


@dataclass
class Claimed:
    """A claim that a scene's action or synopsis makes, with the line it is on."""

    claim: AffiliationClaim | DeathClaim
    line: int


@dataclass
class Context:
    """What the rules read: the scripts and scenes of one story, resolved against its bible."""

    scripts: list[Script]
    scenes: list[ScriptScene]
    story: Story
    index: NameIndex
    bible: Bible | None = None
    present: dict[int, dict[str, Mention]] = field(default_factory=dict)  # scene number -> id -> first presence
    unknown: list[tuple[ScriptScene, Mention]] = field(default_factory=list)  # names that resolve to no one
    death_lines: dict[int, dict[str, int]] = field(default_factory=dict)  # scene number -> id -> line
    claims: dict[int, list[Claimed]] = field(default_factory=dict)  # scene number -> claims
    other_names: frozenset = frozenset()  # folded names of organisations, places and props
    death_notes: list[tuple[ScriptScene, str, Mention]] = field(default_factory=list)  # [[dies: …]] notes
    bible_deaths: dict[str, tuple[ScriptScene, int]] = field(default_factory=dict)  # id -> fate.scene's scene
    scene_of: dict[str, ScriptScene] = field(default_factory=dict)  # a bible's scene reference -> its scene
    unlisted: list[str] = field(default_factory=list)  # files the bible's `scripts:` does not order
    named: set[str] = field(default_factory=set)  # ids of characters named somewhere in a scene's text
    whole_story: bool = True  # every script of the story is read (not files checked on their own)
    memo: dict | None = None  # what rules and claims derive from texts, kept between checks against one bible

    def source_line(self, file: str, line: int) -> str:
        """The text of a line of one of the scripts, or "" when there is no such line."""
        script = next((s for s in self.scripts if s.file == file), None)
        if script is None or not 0 < line <= len(script.lines):
            return ""
        return script.lines[line - 1]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str
    summary: str
    what: str
    why: str
    example: str
    check: Callable[[Context, Report], Iterable[Diagnostic]]

    def at(self, file: str, line: int, message: str, column: int = 1, **details: str) -> Diagnostic:
        """A diagnostic of this rule at its default severity; `details` are the message's parts."""
        return Diagnostic(file, line, column, self.code, self.name, self.severity, message,
                          tuple((key, str(value)) for key, value in details.items()))

    def run(self, context: Context) -> list[Diagnostic]:
        return list(self.check(context, self.at))


RULES: dict[str, Rule] = {}


def rule(code: str, name: str, severity: str):
    """Register a rule function; its docstring gives the summary, then What:, Why: and Example: sections."""

    def register(check):
        text = (check.__doc__ or "").strip()
        parts = _SECTION.split(text)
        sections = {parts[i]: _dedent(parts[i + 1]) for i in range(1, len(parts) - 1, 2)}
        RULES[code] = Rule(code, name, severity, " ".join(parts[0].split()), sections.get("What", ""),
                           sections.get("Why", ""), sections.get("Example", ""), check)
        return check

    return register


def _dedent(text: str) -> str:
    lines = text.strip("\n").splitlines()
    indent = min((len(l) - len(l.lstrip()) for l in lines if l.strip()), default=0)
    return "\n".join(l[indent:] for l in lines).strip()


def _pronoun(character: Character | None, *, possessive: bool = True) -> str:
    gender = character.gender if character else ""
    if possessive:
        return {"f": "her", "m": "his"}.get(gender, "their")
    return {"f": "her", "m": "him"}.get(gender, "them")


def _bible_file(context: Context) -> str:
    return context.bible.path.as_posix() if context.bible else ""


@rule("CB001", "fountain-structure", "warning")
def fountain_structure(context: Context, at: Report) -> Iterator[Diagnostic]:
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
    for script in context.scripts:
        for issue in script.issues:
            yield at(script.file, issue.line, f"{issue.message}; fix the Fountain markup here", issue=issue.code)


@rule("CB002", "unlisted-script", "info")
def unlisted_script(context: Context, at: Report) -> Iterator[Diagnostic]:
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
    listed = ", ".join(context.bible.story.scripts) if context.bible else ""
    for file in context.unlisted:
        name = Path(file).name
        yield at(file, 1, f"{name} is not under scripts: in bible.yaml, so it is read after "
                 f"{'the listed files' if listed else 'the others'} by file name; add it to scripts: "
                 "where it belongs in the story order", script=name)


@rule("CB101", "unknown-character", "error")
def unknown_character(context: Context, at: Report) -> Iterator[Diagnostic]:
    """A cue, cast note or capitalised introduction names no one in the bible.

    What:
        Every speaking character, every name in a `[[cast: …]]` or `[[dies: …]]` note, and every name in
        capitals in action that is also a cue must be a character (name or alias) of bible.yaml.
    Why:
        A name the bible does not know escapes every other check: deaths, affiliations, presence.
    Example:
        SOROKN
        Wo ist das Geld?
        -> SOROKN names no one in the bible; did you mean SOROKIN?
    """
    if context.bible is None:
        return
    misspelt: dict = {}
    for scene, mention in context.unknown:
        if _near_miss(strip_titles(mention.name), context, misspelt):
            continue  # a misspelling of a bible name: CB102 says so, with the name meant
        closest = context.index.closest(mention.name)
        hint = (f"did you mean {closest.name.upper()}?" if closest
                else "add the character to bible.yaml or fix the name")
        yield at(scene.file, mention.line, f"{mention.name} names no one in the bible; {hint}", mention.column,
                 name=mention.name, suggestion=closest.name.upper() if closest else "")


def _ordinary_word(word: str, language: str) -> bool:
    """Whether a word is common in the story's language (then it is no misspelt name)."""
    from toolkit.text.lexicons import is_ordinary_word

    return is_ordinary_word(word, language)


def _inflected(folded: str, context: Context) -> bool:
    """'Falken' of the name Falke, 'Adlern' of the word Adler: a known name or an ordinary word with
    an inflectional ending of the story's language."""
    from toolkit.text.language import load_language

    language = load_language(context.story.language if context.story.language in ("de", "en") else "de")
    for kind in ("names", "words"):
        for ending in language.phrases("inflections", kind):
            stem = folded[:-len(ending)] if folded.endswith(ending) else ""
            if len(stem) < 3:
                continue
            if kind == "names" and (context.index.lookup(stem) is not None or stem in context.other_names):
                return True
            if kind == "words" and _ordinary_word(stem, context.story.language):
                return True
    return False


def _near_miss(word: str, context: Context, cache: dict) -> str | None:
    """The bible name a word misspells, if it is close to one, resolves to no one and is no ordinary word
    nor an inflected form of a name or word."""
    if word in cache:
        return cache[word]
    folded = fold(word)
    found = None
    if len(folded) >= _MIN_NAME and folded not in context.other_names and context.index.lookup(word) is None \
            and not _inflected(folded, context):
        from rapidfuzz.distance import OSA

        match = context.index.closest(word, cutoff=75)
        if match and len(match.name) >= _MIN_NAME:
            edits = OSA.distance(folded, match.name)
            if 0 < edits <= _MAX_EDITS.get(len(match.name), 2) and not _ordinary_word(
                    folded, context.story.language):
                found = match.name
    cache[word] = found
    return found


@rule("CB102", "name-variant", "warning")
def name_variant(context: Context, at: Report) -> Iterator[Diagnostic]:
    """A word in a scene is a near miss of a bible name or alias and no ordinary word.

    What:
        Capitalised words in action, synopsis and dialogue, one or two letters away from a character's
        name or alias, that resolve to no one and are not common words of the story's language.
    Why:
        A misspelt name makes a second character for every reader and hides the first from the checker.
    Example:
        Sorokn zieht die Waffe.
        -> 'Sorokn' looks like a misspelling of 'Sorokin'
    """
    if context.bible is None:
        return
    cache: dict = context.memo.setdefault("near_miss", {}) if context.memo is not None else {}
    unknown = {(scene.file, mention.line, mention.column) for scene, mention in context.unknown}
    for scene, mention in context.unknown:
        name = _near_miss(strip_titles(mention.name), context, cache)
        if name is not None:
            meant = _title(name, context)
            yield at(scene.file, mention.line, f"'{mention.name}' looks like a misspelling of '{meant}'; did you mean "
                     f"{meant.upper()}? Write the bible name or add the spelling as an alias", mention.column,
                     word=mention.name, name=meant)
    for scene in context.scenes:
        seen = set()
        for prose in scene.prose:
            for word in set(_CAPITALISED.findall(prose.text)) - seen:
                name = _near_miss(word, context, cache)
                if name is None:
                    continue
                seen.add(word)
                row = next(i for i, text in enumerate(prose.text.split("\n")) if re.search(rf"\b{re.escape(word)}", text))
                line = prose.line + row
                column = context.source_line(scene.file, line).find(word) + 1 or 1
                if (scene.file, line, column) not in unknown:
                    yield at(scene.file, line, f"'{word}' looks like a misspelling of '{_title(name, context)}'; "
                             "write the bible name or add the spelling as an alias", column,
                             word=word, name=_title(name, context))


def _title(folded_name: str, context: Context) -> str:
    """A folded bible name as the bible writes it."""
    written = context.index.written.get(folded_name)
    if written is not None:
        return written
    for character in context.story.characters:
        for name in character.names:
            if fold(name) == folded_name:
                return name
    return folded_name


def death_scenes(context: Context) -> dict[str, tuple[ScriptScene, int]]:
    """For each character who dies, the scene of the death and the line that tells it: the first the
    script tells, else the one the bible's fate.scene names."""
    deaths: dict[str, tuple[ScriptScene, int]] = {}
    for scene in context.scenes:
        for ident, line in context.death_lines.get(scene.number, {}).items():
            deaths.setdefault(ident, (scene, line))
    for ident, place in context.bible_deaths.items():
        deaths.setdefault(ident, place)
    return deaths


@rule("CB201", "dead-character-present", "error")
def dead_character_present(context: Context, at: Report) -> Iterator[Diagnostic]:
    """A character is present after the scene of their death.

    What:
        A death comes from a `[[dies: X]]` note, from action or synopsis that says so ("Nadja erschießt
        Martin"), or from the bible's fate with its scene. Any later scene in story order, across files,
        that has the character in a cue, a cast note or in capitals in action is reported. Flashbacks
        (`[[flashback]]`, `[[Rückblende]]`, FLASHBACK or RÜCKBLENDE in the heading) are allowed, and so
        is every appearance of a character whose fate is `faked_death` or `presumed_dead_alive`.
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
    survivors = {c.id for c in context.story.characters if c.fate.status in ("faked_death", "presumed_dead_alive")}
    deaths = death_scenes(context)
    for scene in context.scenes:
        if scene.flashback:
            continue
        for ident, mention in context.present.get(scene.number, {}).items():
            if ident in survivors or ident not in deaths:
                continue
            death_scene, death_line = deaths[ident]
            if scene.number > death_scene.number:
                where = f"{Path(death_scene.file).name}:{death_line}"
                pronoun = _pronoun(context.story.character(ident))
                yield at(scene.file, mention.line,
                         f"{mention.name} appears after {pronoun} death in scene {death_scene.label} ({where})",
                         mention.column, name=mention.name, character=ident, scene=death_scene.label, where=where)


@rule("CB202", "death-mismatch", "error")
def death_mismatch(context: Context, at: Report) -> Iterator[Diagnostic]:
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
    if context.bible is None:
        return
    for scene, ident, mention in context.death_notes:
        character = context.story.character(ident)
        fate = character.fate if character else None
        if fate is None:
            continue
        fate_line = context.bible.line_of("characters", context.story.characters.index(character), "fate")
        bible_at = f"{_bible_file(context)}:{fate_line}"
        if fate.status == "alive":
            yield at(scene.file, mention.line,
                     f"the script has {mention.name} die here, but {bible_at} keeps "
                     f"{_pronoun(character, possessive=False)} alive; remove the note or set fate.status and "
                     "fate.scene", mention.column, case="alive", name=mention.name, bible=bible_at)
            continue
        if fate.status not in DEAD_FATES or not fate.scene:
            continue
        bible_scene = context.scene_of.get(fate.scene)
        if bible_scene is scene or (bible_scene is None and not context.whole_story):
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


def _affiliations(context: Context) -> Iterator[tuple[ScriptScene, Claimed, Character]]:
    for scene in context.scenes:
        for claimed in context.claims.get(scene.number, []):
            claim = claimed.claim
            if isinstance(claim, AffiliationClaim):
                character = context.story.character(claim.character)
                if character is not None:
                    yield scene, claimed, character


def _org_name(context: Context, ident: str) -> str:
    organisation = context.story.organisation(ident)
    return (organisation.abbreviation or organisation.name) if organisation else ident


@rule("CB301", "affiliation-conflict", "error")
def affiliation_conflict(context: Context, at: Report) -> Iterator[Diagnostic]:
    """A scene ties a character to an organisation that the bible does not list for them.

    What:
        Affiliations read from action and synopsis ("Die BND-Agentin Nadja", "MI6 officer Kroll") are
        compared with the character's `affiliations` in bible.yaml. Dialogue is not read: characters lie.
    Why:
        An agent who changes agency between scenes confuses readers, unless the bible records it.
    Example:
        Die BND-Agentin NADJA betritt den Raum.   (bible: Nadja, DIA)
        -> the scene makes NADJA a member of BND; the bible lists her with DIA
    """
    for scene, claimed, character in _affiliations(context):
        claim = claimed.claim
        if any(a.org == claim.org for a in character.affiliations):
            continue
        listed = ", ".join(_org_name(context, a.org) for a in character.affiliations) or "no organisation"
        yield at(scene.file, claimed.line,
                 f"the scene makes {character.name.upper()} a member of {_org_name(context, claim.org)}; the bible "
                 f"lists {_pronoun(character, possessive=False)} with {listed}: "
                 "fix the scene or add the affiliation to bible.yaml",
                 character=character.id, org=claim.org, listed=",".join(a.org for a in character.affiliations))


@rule("CB302", "former-as-current", "warning")
def former_as_current(context: Context, at: Report) -> Iterator[Diagnostic]:
    """A scene calls a character a current member where the bible says former.

    What:
        An affiliation read from action or synopsis without "former", "ehemalige", "Ex-" for an
        organisation the bible lists as `status: former`. Flashback scenes are not checked.
    Why:
        "The DIA agent Nadja" after she left the DIA tells the reader she is back.
    Example:
        Die DIA-Agentin NADJA betritt den Raum.   (bible: Nadja, DIA, former)
        -> NADJA is a former member of DIA in the bible; write "die ehemalige DIA-Agentin"
    """
    for scene, claimed, character in _affiliations(context):
        claim = claimed.claim
        if scene.flashback or claim.status != "current":
            continue
        affiliations = [a for a in character.affiliations if a.org == claim.org]
        if any(a.status == "former" and not a.until_scene for a in affiliations) and not any(
                _bounded(a) for a in affiliations):
            yield at(scene.file, claimed.line,
                     f"{character.name.upper()} is a former member of {_org_name(context, claim.org)} in the bible, "
                     "but the scene calls them a current one; say 'former' here or mark the scene as a flashback",
                     character=character.id, org=claim.org)


_MEMBER = ("current", "leader", "undercover")


def _bounded(affiliation: Affiliation) -> bool:
    return bool(affiliation.from_scene or affiliation.until_scene)


def _membership_change(context: Context, affiliation: Affiliation, scene: ScriptScene,
                       status: str) -> tuple[str, ScriptScene] | None:
    """Where the bible says a membership begins or ends, when the scene lies on the wrong side of it."""
    start = context.scene_of.get(affiliation.from_scene) if affiliation.from_scene else None
    end = context.scene_of.get(affiliation.until_scene) if affiliation.until_scene else None
    if start is not None and scene.number < start.number and status in _MEMBER:
        return "from", start
    if end is not None and scene.number > end.number and status in ("current", "leader"):
        return "until", end
    return None


@rule("CB303", "affiliation-out-of-time", "error")
def affiliation_out_of_time(context: Context, at: Report) -> Iterator[Diagnostic]:
    """A scene calls a character a member before the bible's `from:` or after its `until:`.

    What:
        An affiliation in bible.yaml may hold for part of the story: `{org: cia, status: current,
        from: "14"}` is a member from scene 14 on, `{org: bnd, status: former, until: "9"}` a member
        until scene 9 and a former one after it. Affiliations read from action and synopsis are compared
        with these scenes in story order (the files in `scripts:` order, then the scenes of each file).
        Flashbacks are not checked.
    Why:
        Agents change sides; the reader follows the change only when the scenes keep to it.
    Example:
        Die CIA-Agentin NADJA wartet.      (scene 8; bible: {org: cia, status: current, from: "14"})
        -> the bible makes NADJA a member of CIA from scene 14 on (outline.fountain:52)
    """
    for scene, claimed, character in _affiliations(context):
        claim = claimed.claim
        if scene.flashback:
            continue
        affiliations = [a for a in character.affiliations if a.org == claim.org]
        if any(not _bounded(a) and a.status in _MEMBER for a in affiliations):
            continue
        changes = [_membership_change(context, a, scene, claim.status) for a in affiliations if _bounded(a)]
        if not changes or not all(changes):
            continue
        side, change = changes[0]
        org = _org_name(context, claim.org)
        where = f"scene {change.label} ({Path(change.file).name}:{change.line})"
        if side == "from":
            message = (f"the bible makes {character.name.upper()} a member of {org} from {where} on; this scene "
                       "comes before it: fix the scene, mark it as a flashback or move `from:`")
        else:
            message = (f"the bible has {character.name.upper()} leave {org} after {where}; this scene calls "
                       f"{_pronoun(character, possessive=False)} a current member: say 'former' here, mark the "
                       "scene as a flashback or move `until:`")
        yield at(scene.file, claimed.line, message, case=side, character=character.id, org=claim.org,
                 scene=change.label, where=f"{Path(change.file).name}:{change.line}")


@rule("CB401", "never-appears", "warning")
def never_appears(context: Context, at: Report) -> Iterator[Diagnostic]:
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
    if context.bible is None or not context.scenes or not context.whole_story:
        return
    present = {ident for cast in context.present.values() for ident in cast}
    present |= {ident for lines in context.death_lines.values() for ident in lines} | context.named
    for i, character in enumerate(context.story.characters):
        if character.id not in present:
            yield at(_bible_file(context), context.bible.line_of("characters", i),
                     f"{character.name} is in no scene of the story; put them in a scene's cast or remove them",
                     character=character.id)


def _ids(context: Context) -> tuple[set, set]:
    return {c.id for c in context.story.characters}, {o.id for o in context.story.organisations}


@rule("CB501", "bible-reference", "error")
def bible_reference(context: Context, at: Report) -> Iterator[Diagnostic]:
    """A relation target, affiliation org or fate.by names no id of the bible.

    What:
        `relations[].target` and `fate.by` must be character ids, `affiliations[].org` an organisation id.
    Why:
        A reference to nothing breaks the bible's links and the PDF's cross references.
    Example:
        relations: [{type: enemy_of, target: robert-grant}]
        -> 'robert-grant' is no character id; did you mean 'robert-gant'?
    """
    if context.bible is None:
        return
    characters, organisations = _ids(context)
    line_of = context.bible.line_of
    for i, character in enumerate(context.story.characters):
        for j, affiliation in enumerate(character.affiliations):
            if affiliation.org and affiliation.org not in organisations:
                yield at(_bible_file(context), line_of("characters", i, "affiliations", j, "org"),
                         f"'{affiliation.org}' is no organisation id; add it under organisations or fix the id",
                         reference="org", target=affiliation.org)
        for j, relation in enumerate(character.relations):
            if relation.target and relation.target not in characters:
                yield at(_bible_file(context), line_of("characters", i, "relations", j, "target"),
                         f"'{relation.target}' is no character id; fix the relation's target",
                         reference="relation", target=relation.target)
        if character.fate.by and character.fate.by not in characters:
            yield at(_bible_file(context), line_of("characters", i, "fate", "by"),
                     f"'{character.fate.by}' is no character id; fix fate.by",
                     reference="fate", target=character.fate.by)


@rule("CB502", "ambiguous-alias", "error")
def ambiguous_alias(context: Context, at: Report) -> Iterator[Diagnostic]:
    """One name or alias is given to two characters.

    What:
        Every name and alias, compared case-insensitively, must belong to one character only.
    Why:
        The checker cannot tell whom a scene means, and neither can a reader.
    Example:
        - {id: koenig, name: Koenig, aliases: [Agent]}
        - {id: nadja, name: Nadja, aliases: [Agent]}
        -> 'Agent' is a name of both ecks and sever; keep it for one
    """
    if context.bible is None:
        return
    owners: dict[str, str] = {}
    for i, character in enumerate(context.story.characters):
        for j, name in enumerate(character.names):
            key = fold(name)
            owner = owners.setdefault(key, character.id)
            if owner != character.id:
                path = ("characters", i, "aliases", j - 1) if j else ("characters", i, "name")
                yield at(_bible_file(context), context.bible.line_of(*path),
                         f"'{name}' is a name of both {owner} and {character.id}; keep it for one of them",
                         name=name, first=owner, second=character.id)


@rule("CB503", "bible-schema", "error")
def bible_schema(context: Context, at: Report) -> Iterator[Diagnostic]:
    """bible.yaml has a field of the wrong type or a value that is not allowed.

    What:
        Checks bible.yaml against the format storybible/1: required fields, lists, mappings and the
        allowed values of gender, status, fate, kind and setting.
    Why:
        A misspelt value ("kiled") is silently read as something else and the checks go wrong.
    Example:
        fate: {status: kiled}
        -> characters[3].fate.status: 'kiled' is not one of: alive, killed, dies, …
    """
    if context.bible is None:
        return
    for problem in context.bible.problems:
        diagnostic = at(_bible_file(context), problem.line, f"{problem.field or 'bible'}: {problem.message}",
                        field=problem.field or "bible", problem=problem.message)
        yield diagnostic._replace(severity=problem.severity)
