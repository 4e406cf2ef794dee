"""A story's own labels.yaml, read as data: the shape of the built-in labels (text where they have text,
mappings where they have mappings), format fields that a label of the same key knows, bounded widths;
and the one formatter every label goes through, which reads named values and nothing of their insides."""
from __future__ import annotations

import re
import string
from pathlib import Path

import yaml

from toolkit.errors import InputError
from toolkit.files.yaml_limits import YamlLimitError, read_yaml

# The widest a formatted value may be padded or the most digits after its point ({day:>2}, {n:.1f}).
MAX_WIDTH = 100
_SPEC = re.compile(r"(?:.?[<>=^])?[+\- ]?z?#?0?(?P<width>\d*)[,_]?(?:\.(?P<precision>\d+))?[bcdeEfFgGnosxX%]?",
                   re.DOTALL)


class LabelError(InputError):
    """A label that would read more than its named values, or pad them without bound."""


class _NamedFieldsOnly(string.Formatter):
    """str.format for labels: `{name}` and `{name:spec}` with a bounded spec, never `{name.attr}`,
    `{name[0]}`, `{0}` or `{}`."""

    def get_field(self, field_name, args, kwargs):
        if not field_name.isidentifier():
            raise LabelError(f"'{{{field_name}}}': a label may name values, not their parts or positions")
        if field_name not in kwargs:
            raise LabelError(f"'{{{field_name}}}' is no value of this label ({_known(kwargs)})")
        return kwargs[field_name], field_name

    def format_field(self, value, format_spec):
        check_spec(format_spec)
        return format(value, format_spec)


def _known(values: dict) -> str:
    return ", ".join(f"{{{key}}}" for key in values) or "it has none"


def check_spec(spec: str) -> None:
    """Refuses a format spec that is not a plain one or pads past MAX_WIDTH."""
    match = _SPEC.fullmatch(spec)
    if match is None:
        raise LabelError(f"'{spec}' is no format a label may use")
    if int(match["width"] or 0) > MAX_WIDTH or int(match["precision"] or 0) > MAX_WIDTH:
        raise LabelError(f"'{spec}' is wider than {MAX_WIDTH} characters")


def format_label(template: str, **values) -> str:
    """The label with its named values filled in (see _NamedFieldsOnly)."""
    try:
        if any("{" in spec for _, spec in _fields(str(template))):
            raise LabelError(f"label '{template}' formats a value inside a format")
        return _NamedFieldsOnly().vformat(str(template), (), values)
    except ValueError as error:  # a brace left open, a spec Python refuses
        raise LabelError(f"label '{template}' does not format: {error}") from None


def _fields(template: str) -> list[tuple[str, str]]:
    """The (name, spec) of every field of a template; ValueError for broken braces."""
    return [(name, spec or "") for _, name, spec, _ in string.Formatter().parse(template) if name is not None]


def read_story_labels(text: str, path: Path, language: str, builtin: dict) -> dict:
    """The story's labels for the language, checked against the built-in ones; scalars become text.

    Raises:
        InputError: naming the file and line, for YAML that does not parse or goes past a bound, and
            for a label of the wrong kind or one that asks for more than its values.
    """
    try:
        read = read_yaml(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise InputError(f"labels do not parse: {getattr(error, 'problem', None) or 'broken YAML'}",
                         path=path, line=mark.line + 1 if mark else None) from None
    except YamlLimitError as error:
        raise InputError(f"labels: {error.message}", path=path, line=error.line) from None
    data, lines, _ = read if read is not None else ({}, {}, [])
    if not isinstance(data, dict) or not isinstance(data.get(language) or {}, dict):
        raise InputError(f"labels must be a mapping of languages to mappings of labels ({language}: …)", path=path)
    return _checked(data.get(language) or {}, builtin, (language,), _Where(path, lines))


class _Where:
    def __init__(self, path: Path, lines: dict):
        self.path, self.lines = path, lines

    def error(self, where: tuple, message: str) -> InputError:
        name = ".".join(str(part) for part in where[1:])
        return InputError(f"labels: {name} {message}", path=self.path, line=self.lines.get(where))


def _checked(value, expected, where: tuple, at: _Where):
    if isinstance(expected, dict):
        if not isinstance(value, dict):
            raise at.error(where, "must be a mapping of labels, as in the built-in labels.yaml")
        return {key: _checked(item, expected[key], (*where, key), at) if key in expected else item
                for key, item in value.items()}
    if isinstance(expected, list):
        if not isinstance(value, list) or len(value) != len(expected):
            raise at.error(where, f"must be a list of {len(expected)} labels, as in the built-in labels.yaml")
        return [_checked(item, expected[0], (*where, i), at) for i, item in enumerate(value)]
    if isinstance(value, bool) or not isinstance(value, (str, int, float)) or value is None:
        raise at.error(where, "must be text")
    return _checked_text(str(value), str(expected), where, at)


def _checked_text(text: str, expected: str, where: tuple, at: _Where) -> str:
    try:
        fields, known = _fields(text), {name for name, _ in _fields(expected)}
        for name, spec in fields:
            if not name.isidentifier():
                raise LabelError(f"'{{{name}}}': a label may name values, not their parts or positions")
            if name not in known:
                raise LabelError(f"'{{{name}}}' is no value of this label ({_known(dict.fromkeys(known))})")
            if "{" in spec:
                raise LabelError("formats a value inside a format")
            check_spec(spec)
    except LabelError as error:
        raise at.error(where, error.message) from None
    except ValueError as error:
        raise at.error(where, f"does not format: {error}") from None
    return text
