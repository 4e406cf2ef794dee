"""Reading and writing bible.yaml (format storybible/1), with line numbers for every field."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

from toolkit.errors import BibleError
from toolkit.files.textio import decode_text, read_bytes
from toolkit.model.story import (
    AFFILIATION_STATUSES,
    FATE_STATUSES,
    GENDERS,
    ORGANISATION_KINDS,
    RELATION_TYPES,
    SETTINGS,
    UNIT_KINDS,
    Affiliation,
    Character,
    Fate,
    Location,
    Organisation,
    Prop,
    Relation,
    ReviewItem,
    Story,
)

FORMAT = "storybible/1"

FieldPath = tuple  # ("characters", 2, "fate", "by")


@dataclass(frozen=True)
class SchemaProblem:
    path: FieldPath
    line: int
    message: str
    severity: str = "error"  # "warning": a field that is not read (a misspelt key)

    @property
    def field(self) -> str:
        return dotted(self.path)


@dataclass
class Bible:
    """A bible as read from disk: the story, where each field sits, and what breaks the schema."""

    path: Path
    story: Story
    lines: dict[FieldPath, int] = field(default_factory=dict)
    problems: list[SchemaProblem] = field(default_factory=list)

    def line_of(self, *path) -> int:
        """The line of a field, or of its closest parent that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1


def dotted(path: FieldPath) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def parse_bible_text(text: str, path: Path) -> Bible:
    """Parse bible text; YAML syntax errors raise BibleError, schema problems are collected."""
    import yaml

    from toolkit.files.yaml_limits import YamlLimitError, read_yaml

    try:
        read = read_yaml(text)
        if read is None:
            raise BibleError("the file is empty", path=path)
        data, lines, yaml_problems = read
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise BibleError(f"YAML does not parse: {problem}", path=path,
                         line=mark.line + 1 if mark else None) from None
    except RecursionError:
        raise BibleError("YAML does not parse: it is nested too deeply", path=path) from None
    except YamlLimitError as error:
        raise BibleError(error.message, path=path, line=error.line) from None
    checker = _SchemaReader(lines)
    checker.problems += [SchemaProblem(problem.path, problem.line, problem.message) for problem in yaml_problems]
    story = checker.story(data)
    return Bible(path=path, story=story, lines=lines, problems=checker.problems)


def read_bible(path: str | Path) -> Bible:
    """Read bible.yaml from disk."""
    path = Path(path)
    data = read_bytes(path, error=BibleError)
    return parse_bible_text(decode_text(data, path), path)


def load_story(path: str | Path) -> Story:
    """Read bible.yaml and fail on the first schema problem, naming field and line."""
    bible = read_bible(path)
    errors = [problem for problem in bible.problems if problem.severity == "error"]
    if errors:
        first = errors[0]
        field_name = f"{first.field}: " if first.field else ""
        raise BibleError(f"{field_name}{first.message}", path=bible.path, line=first.line)
    return bible.story


class _SchemaReader:
    """Builds a Story from plain data, collecting every schema problem with its line."""

    def __init__(self, lines: dict):
        self.lines = lines
        self.problems: list[SchemaProblem] = []
        self.asked: dict[FieldPath, tuple[dict, set]] = {}  # each mapping read, and the keys read from it

    def ask(self, data: dict, path: FieldPath, key: str) -> None:
        """Notes that a field is read, so a key that never is can be reported (see unread_keys)."""
        self.asked.setdefault(path, (data, set()))[1].add(key)

    def once(self, scripts: list[str]) -> list[str]:
        """The scripts in their order, each file once: a second mention is a warning and is not read."""
        import os.path

        first: dict[str, int] = {}
        out = []
        for i, name in enumerate(scripts):
            key = os.path.normcase(os.path.normpath(name))
            line = self.lines.get(("scripts", i), 1)
            if key in first:
                self.problems.append(SchemaProblem(("scripts", i), line, f"'{name}' is listed twice (first on line "
                                                   f"{first[key]}); it is read once", "warning"))
                continue
            first[key] = line
            out.append(name)
        return out

    def unread_keys(self) -> None:
        """A key no field is read from ('aliase:', 'charaters:') is a warning naming the nearest field."""
        from difflib import get_close_matches

        for path, (data, known) in self.asked.items():
            for key in data:
                if key in known:
                    continue
                near = get_close_matches(str(key), sorted(known), n=1, cutoff=0.6)
                hint = f"did you mean '{near[0]}'?" if near else f"the fields here are {', '.join(sorted(known))}"
                where = (*path, key)
                self.problems.append(SchemaProblem(where, self.lines.get(where, 1),
                                                   f"'{key}' is no field and is not read; {hint}", "warning"))

    def problem(self, path: FieldPath, message: str) -> None:
        line = 1
        for cut in range(len(path), -1, -1):
            if path[:cut] in self.lines:
                line = self.lines[path[:cut]]
                break
        self.problems.append(SchemaProblem(path, line, message))

    def text(self, data: dict, path: FieldPath, key: str, default: str = "", *, required=False) -> str:
        self.ask(data, path, key)
        value = data.get(key)
        if value is None:
            if required:
                self.problem((*path, key) if path else (key,), f"'{key}' is missing")
            return default
        if isinstance(value, (dict, list)):
            self.problem((*path, key), f"'{key}' must be text, not a {type(value).__name__}")
            return default
        return str(value)

    def choice(self, data: dict, path: FieldPath, key: str, allowed: tuple, default: str) -> str:
        value = self.text(data, path, key, default)
        if value not in allowed:
            self.problem((*path, key), f"'{value}' is not one of: {', '.join(a or '(empty)' for a in allowed)}")
            return default
        return value

    def texts(self, data: dict, path: FieldPath, key: str) -> list[str]:
        self.ask(data, path, key)
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem((*path, key), f"'{key}' must be a list")
            return []
        out = []
        for i, item in enumerate(value):
            if isinstance(item, (dict, list)) or item is None:
                self.problem((*path, key, i), f"'{key}' items must be text")
            else:
                out.append(str(item))
        return out

    def review_args(self, data: dict, path: FieldPath) -> dict[str, str | list[str]]:
        """A review item's `args`: a mapping of names to text or lists of text (none in older bibles)."""
        self.ask(data, path, "args")
        value = data.get("args")
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problem((*path, "args"), "'args' must be a mapping")
            return {}
        return {str(key): self.texts(value, (*path, "args"), key) if isinstance(item, list)
                else self.text(value, (*path, "args"), key) for key, item in value.items()}

    def records(self, data: dict, path: FieldPath, key: str) -> list[tuple[FieldPath, dict]]:
        self.ask(data, path, key)
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem((*path, key), f"'{key}' must be a list")
            return []
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                self.problem((*path, key, i), f"each entry of '{key}' must be a mapping")
                continue
            out.append(((*path, key, i), item))
        return out

    def story(self, data) -> Story:
        if not isinstance(data, dict):
            self.problem((), "the bible must be a mapping of fields (format, title, characters, …)")
            return Story(title="")
        fmt = self.text(data, (), "format", FORMAT)
        if fmt != FORMAT:
            self.problem(("format",), f"unknown format '{fmt}', expected '{FORMAT}'")
        self.ask(data, (), "rules")
        rules = data.get("rules") or {}
        if not isinstance(rules, dict):
            self.problem(("rules",), "'rules' must be a mapping of rule code or name to a severity or 'off'")
            rules = {}
        story = Story(
            title=self.text(data, (), "title", required=True),
            language=self.choice(data, (), "language", ("de", "en"), "de"),
            source=self.text(data, (), "source"),
            units=self.choice(data, (), "units", UNIT_KINDS, "acts"),
            scripts=self.once(self.texts(data, (), "scripts")) if "scripts" in data else ["outline.fountain"],
            logline=self.text(data, (), "logline"),
            year=self.text(data, (), "year"),
            unit_texts=self.texts(data, (), "synopsis"),
            rules={str(k): v for k, v in rules.items()},
        )
        story.characters = [self.character(p, d) for p, d in self.records(data, (), "characters")]
        story.organisations = [
            Organisation(id=self.text(d, p, "id", required=True), name=self.text(d, p, "name", required=True),
                         abbreviation=self.text(d, p, "abbreviation"), aliases=self.texts(d, p, "aliases"),
                         kind=self.choice(d, p, "kind", ORGANISATION_KINDS, "other"))
            for p, d in self.records(data, (), "organisations")]
        story.locations = [
            Location(id=self.text(d, p, "id", required=True), name=self.text(d, p, "name", required=True),
                     aliases=self.texts(d, p, "aliases"), setting=self.choice(d, p, "setting", SETTINGS, ""))
            for p, d in self.records(data, (), "locations")]
        story.props = [
            Prop(id=self.text(d, p, "id", required=True), name=self.text(d, p, "name", required=True),
                 aliases=self.texts(d, p, "aliases"))
            for p, d in self.records(data, (), "props")]
        story.review = [
            ReviewItem(kind=self.text(d, p, "kind"), message=self.text(d, p, "message"), where=self.text(d, p, "where"),
                       args=self.review_args(d, p))
            for p, d in self.records(data, (), "review")]
        for kind in ("characters", "organisations", "locations", "props"):
            self.unique_ids(kind, getattr(story, kind))
        self.unread_keys()
        return story

    def unique_ids(self, kind: str, records: list) -> None:
        """Two records with one id would make one of them vanish from every lookup."""
        first: dict[str, int] = {}
        for i, record in enumerate(records):
            if not record.id:
                continue
            line = self.lines.get((kind, i, "id"), self.lines.get((kind, i), 1))
            if record.id in first:
                self.problems.append(SchemaProblem((kind, i, "id"), line, f"id '{record.id}' is used twice "
                                                   f"(first on line {first[record.id]}); give each its own id"))
            else:
                first[record.id] = line

    def character(self, path: FieldPath, data: dict) -> Character:
        self.ask(data, path, "fate")
        fate_data = data.get("fate") or {}
        if isinstance(fate_data, str):
            fate_data = {"status": fate_data}
        if not isinstance(fate_data, dict):
            self.problem((*path, "fate"), "'fate' must be a mapping such as {status: alive}")
            fate_data = {}
        fate_path = (*path, "fate")
        return Character(
            id=self.text(data, path, "id", required=True),
            name=self.text(data, path, "name", required=True),
            aliases=self.texts(data, path, "aliases"),
            gender=self.choice(data, path, "gender", GENDERS, "unknown"),
            role=self.text(data, path, "role"),
            summary=self.text(data, path, "summary"),
            performer=self.text(data, path, "performer"),
            affiliations=[
                Affiliation(org=self.text(d, p, "org", required=True),
                            status=self.choice(d, p, "status", AFFILIATION_STATUSES, "unknown"),
                            title=self.text(d, p, "title"), evidence=self.text(d, p, "evidence"),
                            from_scene=self.text(d, p, "from"), until_scene=self.text(d, p, "until"))
                for p, d in self.records(data, path, "affiliations")],
            relations=[
                Relation(type=self.choice(d, p, "type", RELATION_TYPES, "partner_of"),
                         target=self.text(d, p, "target", required=True))
                for p, d in self.records(data, path, "relations")],
            fate=Fate(status=self.choice(fate_data, fate_path, "status", FATE_STATUSES, "unknown"),
                      by=self.text(fate_data, fate_path, "by"), scene=self.text(fate_data, fate_path, "scene")),
        )


def _compact(record: dict) -> dict:
    """Drop empty optional fields so the YAML stays readable."""
    return {k: v for k, v in record.items() if v not in ("", None, [], {})}


def _review_data(item: ReviewItem) -> dict:
    """A review item as bible.yaml keeps it: kind and arguments, the English message, where."""
    return _compact({"kind": item.kind, "args": dict(item.args), "message": item.message, "where": item.where})


def _affiliation_data(affiliation: Affiliation) -> dict:
    record = asdict(affiliation)
    record["from"], record["until"] = record.pop("from_scene"), record.pop("until_scene")
    return _compact(record)


def story_to_data(story: Story) -> dict:
    """The plain data of bible.yaml, in the contract's field order."""
    data: dict = {
        "format": FORMAT,
        "title": story.title,
        "language": story.language,
        "source": story.source,
        "units": story.units,
        "scripts": list(story.scripts),
    }
    if story.logline:
        data["logline"] = story.logline
    if story.year:
        data["year"] = story.year
    if story.unit_texts:
        data["synopsis"] = _BlockList(story.unit_texts)
    characters = []
    for c in story.characters:
        record = {
            "id": c.id, "name": c.name, "aliases": list(c.aliases), "gender": c.gender,
            "role": c.role, "summary": c.summary, "performer": c.performer,
            "affiliations": [_affiliation_data(a) for a in c.affiliations],
            "relations": [asdict(r) for r in c.relations],
            "fate": _compact(asdict(c.fate)),
        }
        characters.append({k: v for k, v in record.items() if k in ("id", "name", "aliases", "gender", "fate")
                           or v not in ("", [], None)})
    data["characters"] = characters
    data["organisations"] = [_compact(asdict(o)) for o in story.organisations]
    data["locations"] = [{**_compact(asdict(loc)), "aliases": list(loc.aliases)} for loc in story.locations]
    data["props"] = [_compact(asdict(p)) for p in story.props]
    data["review"] = [_review_data(r) for r in story.review]
    if story.rules:
        data["rules"] = dict(story.rules)
    return data


class _BlockList(list):
    """A list of long texts, written one item a line."""


@cache
def _bible_dumper():
    """A YAML dumper with block style for records, flow style for short leaf lists and mappings, long lines
    kept whole. (Made when first needed: a check reads no YAML when there is no bible.)"""
    import yaml

    class BibleDumper(yaml.SafeDumper):
        def increase_indent(self, flow=False, indentless=False):
            return super().increase_indent(flow, False)

    def text(dumper: yaml.SafeDumper, value: str):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)

    BibleDumper.add_representer(str, text)
    BibleDumper.add_representer(
        _BlockList, lambda dumper, value: dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=False))
    return BibleDumper


def dump_bible(story: Story) -> str:
    """bible.yaml text for a story."""
    import yaml

    return yaml.dump(story_to_data(story), Dumper=_bible_dumper(), allow_unicode=True, sort_keys=False,
                     default_flow_style=None, width=100_000)
