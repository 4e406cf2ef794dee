"""YAML from writers, read with bounds: nesting no deeper than a bible needs, aliases that may not
multiply the document ("billion laughs"), and every field with its line.

Both bible.yaml and a synopsis's front matter go through here. libyaml (PyYAML's C loader) does the
reading when PyYAML has it: its event parser is not recursive, so the depth is measured on the events
first; its composer is, and crashes the process past some 20,000 levels, so it only ever sees
documents that passed the depth check.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from toolkit.errors import InputError

# A bible nests about six levels deep (characters[0].affiliations[0].org).
MAX_DEPTH = 50
# Nodes that aliases may add beyond those written out: a repeated block of a few hundred fields is fine.
MAX_ALIAS_EXPANSION = 100_000
# Bytes of text that aliases may add beyond the text written out (one long string repeated by aliases).
MAX_ALIAS_BYTES = 1_000_000
# Digits of a number; Python refuses to convert more than 4,300.
MAX_NUMBER_DIGITS = 1_000

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MERGE_TAG = "tag:yaml.org,2002:merge"
_NODE_STARTS = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)
# Tags a writer may spell out: text, numbers, yes/no, nothing, lists and mappings ("!" means "as written").
_PLAIN_TAGS = {None, "!"} | {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null",
                                                                      "seq", "map")}


class YamlLimitError(InputError):
    """The YAML goes past a bound; the message says which, the line where."""


@dataclass(frozen=True)
class YamlProblem:
    """Something that parses but would silently lose or ignore what the writer wrote."""

    path: tuple
    line: int
    message: str


@dataclass
class _Reading:
    written: int  # nodes written out in the text
    text_bytes: int  # bytes of the text itself
    visits: int = 0
    scalar_bytes: int = 0
    lines: dict = field(default_factory=dict)
    problems: list[YamlProblem] = field(default_factory=list)
    constructor: yaml.SafeLoader = field(default_factory=lambda: yaml.SafeLoader(""))


def _measure(text: str) -> int:
    """The nodes written in the text; refuses nesting beyond MAX_DEPTH and tags that make something
    other than text, numbers, lists and mappings (!!binary, !!set, !!timestamp, !custom), naming the line."""
    depth = nodes = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, _NODE_STARTS):
            nodes += 1
            if event.tag not in _PLAIN_TAGS:
                raise YamlLimitError(f"the YAML tag {event.tag!r} is not read; a bible holds text, numbers "
                                     "and lists", line=event.start_mark.line + 1)
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlLimitError(f"YAML is nested too deeply (more than {MAX_DEPTH} levels)",
                                     line=event.start_mark.line + 1)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
    return nodes


def read_yaml(text: str) -> tuple[object, dict, list[YamlProblem]] | None:
    """Plain Python data from YAML text, the line of every field (by path), and what would be lost:
    duplicate keys and merge keys (<<). None for an empty document.

    Raises:
        yaml.YAMLError: the text does not parse.
        YamlLimitError: too deep, aliases that multiply, a number too long, a list or mapping as a key,
            a tag other than text, numbers and lists (with the line).
    """
    written = _measure(text)
    node = yaml.compose(text, Loader=_LOADER)
    if node is None:
        return None
    reading = _Reading(written, len(text.encode("utf-8", "surrogatepass")))
    data = _plain(node, (), reading)
    return data, reading.lines, reading.problems


def _plain(node: yaml.Node, path: tuple, reading: _Reading):
    reading.visits += 1
    line = node.start_mark.line + 1
    if reading.visits > reading.written + MAX_ALIAS_EXPANSION:
        raise YamlLimitError(f"YAML aliases repeat themselves into more than {MAX_ALIAS_EXPANSION:,} "
                             "extra fields; write the fields out", line=line)
    if len(path) > MAX_DEPTH:
        raise YamlLimitError(f"YAML is nested too deeply (more than {MAX_DEPTH} levels)", line=line)
    reading.lines[path] = line
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        seen: dict = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if key_node.tag == _MERGE_TAG:
                reading.problems.append(YamlProblem(path, key_line, "merge keys (<<) are not read; "
                                                                    "write the fields out"))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlLimitError("a list or mapping is used as a key; keys are names", line=key_line)
            _count_text(key_node, reading)
            key = reading.constructor.construct_scalar(key_node)
            if key in seen:
                reading.problems.append(YamlProblem((*path, key), key_line,
                                                    f"'{key}' appears twice (first on line {seen[key]}); "
                                                    "YAML would keep only the last one"))
                continue
            seen[key] = key_line
            out[key] = _plain(value_node, (*path, key), reading)
            reading.lines[(*path, key)] = key_line
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, (*path, i), reading) for i, item in enumerate(node.value)]
    _count_text(node, reading)
    if len(node.value) > MAX_NUMBER_DIGITS and node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
        raise YamlLimitError(f"a number of {len(node.value):,} digits; quote it if it is text", line=line)
    return reading.constructor.construct_object(node, deep=True)


def _count_text(node: yaml.ScalarNode, reading: _Reading) -> None:
    """Adds the scalar's bytes to those read; refuses aliases that repeat text past MAX_ALIAS_BYTES."""
    value = node.value
    reading.scalar_bytes += len(value) if value.isascii() else len(value.encode("utf-8", "surrogatepass"))
    if reading.scalar_bytes > reading.text_bytes + MAX_ALIAS_BYTES:
        raise YamlLimitError(f"YAML aliases repeat text into more than {MAX_ALIAS_BYTES:,} extra bytes; "
                             "write the text out", line=node.start_mark.line + 1)
