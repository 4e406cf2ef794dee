"""Small edits to bible.yaml text that keep the writer's layout, quoting and comments.

Each edit is a `Replacement` of a span of the text, found through the composed YAML nodes, so a
bible written by hand stays as it was apart from the changed value.
"""
from __future__ import annotations

from typing import NamedTuple

import yaml

from toolkit.errors import BibleError
from toolkit.model.names import fold, slugify


class Replacement(NamedTuple):
    """Text to put in place of text[start:end]."""

    start: int
    end: int
    text: str


def apply_replacements(text: str, replacements: list[Replacement]) -> str:
    """The text with every replacement made (they must not overlap)."""
    out, at = [], 0
    for replacement in sorted(replacements):
        out += [text[at:replacement.start], replacement.text]
        at = replacement.end
    return "".join(out) + text[at:]


def yaml_scalar(value: str) -> str:
    """A value as YAML writes it in a flow list: plain when it can be, quoted when it must."""
    dumped = yaml.safe_dump([value], default_flow_style=True, allow_unicode=True, width=100_000)
    return dumped.strip()[1:-1]


def _compose(text: str, path: object) -> yaml.Node | None:
    # the pure-Python loader: its marks are offsets into the text as given, line breaks included
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise BibleError(f"YAML does not parse: {getattr(error, 'problem', None) or error}", path=path,
                         line=mark.line + 1 if mark else None) from None


def _value(mapping: yaml.Node, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    if not isinstance(mapping, yaml.MappingNode):
        return None
    return next(((k, v) for k, v in mapping.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)


def _characters(root: yaml.Node | None) -> yaml.SequenceNode | None:
    found = _value(root, "characters") if root is not None else None
    return found[1] if found and isinstance(found[1], yaml.SequenceNode) else None


def _line_end(text: str, offset: int) -> int:
    """The offset of the line break that ends the line holding `offset` (or the text's end)."""
    ends = [at for at in (text.find("\r", offset), text.find("\n", offset)) if at != -1]
    return min(ends) if ends else len(text)


def _after_node(text: str, node: yaml.Node) -> int:
    """Where a line after a block node goes: the end of its last line with content (a block node's
    end mark lies at the start of whatever follows it)."""
    return _line_end(text, len(text[:node.end_mark.index].rstrip()))


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _character_node(root: yaml.Node | None, ident: str) -> yaml.MappingNode | None:
    characters = _characters(root)
    for item in characters.value if characters else []:
        found = _value(item, "id")
        if found and isinstance(found[1], yaml.ScalarNode) and found[1].value == ident:
            return item
    return None


def rename_character(text: str, ident: str, new_name: str | None, keep_alias: str | None, path: object = None
                     ) -> list[Replacement]:
    """Edits that give the character `ident` the name `new_name` (None: keep the name) and, unless it
    is one already, the alias `keep_alias`."""
    character = _character_node(_compose(text, path), ident)
    if character is None:
        raise BibleError(f"no character with id '{ident}'", path=path)
    edits = []
    name = _value(character, "name")
    if name is None:
        raise BibleError(f"the character '{ident}' has no name", path=path)
    key, value = name
    if new_name is not None:
        edits.append(Replacement(value.start_mark.index, value.end_mark.index, yaml_scalar(new_name)))
    aliases = _value(character, "aliases")
    if keep_alias is None:
        return edits
    if aliases and isinstance(aliases[1], yaml.SequenceNode):
        items = aliases[1].value
        if any(isinstance(i, yaml.ScalarNode) and fold(i.value) == fold(keep_alias) for i in items):
            return edits
        alias = yaml_scalar(keep_alias)
        if not items:
            edits.append(Replacement(aliases[1].start_mark.index, aliases[1].end_mark.index, f"[{alias}]"))
        elif aliases[1].flow_style:
            edits.append(Replacement(items[-1].end_mark.index, items[-1].end_mark.index, f", {alias}"))
        else:
            at = _after_node(text, items[-1])
            indent = " " * aliases[1].start_mark.column
            edits.append(Replacement(at, at, f"{_newline(text)}{indent}- {alias}"))
    elif aliases is None or (isinstance(aliases[1], yaml.ScalarNode) and aliases[1].value in ("", None)):
        entry = f"aliases: [{yaml_scalar(keep_alias)}]"
        if aliases is not None:
            edits.append(Replacement(aliases[1].start_mark.index, aliases[1].end_mark.index,
                                     f"[{yaml_scalar(keep_alias)}]"))
        elif character.flow_style:
            edits.append(Replacement(value.end_mark.index, value.end_mark.index, f", {entry}"))
        else:
            at = _line_end(text, value.end_mark.index)
            edits.append(Replacement(at, at, f"{_newline(text)}{' ' * key.start_mark.column}{entry}"))
    return edits


def character_id_for(name: str, taken: set[str]) -> str:
    """A new character id from a name, unlike every id in `taken`."""
    base = slugify(name)
    ident, counter = base, 2
    while ident in taken:
        ident, counter = f"{base}-{counter}", counter + 1
    return ident


def add_character(text: str, name: str, path: object = None) -> Replacement:
    """An edit that adds a minimal character entry (id, name, gender unknown) to the end of `characters`."""
    root = _compose(text, path)
    characters = _characters(root)
    taken = set()
    for item in characters.value if characters else []:
        found = _value(item, "id")
        if found and isinstance(found[1], yaml.ScalarNode):
            taken.add(found[1].value)
    entry = (f"{{id: {yaml_scalar(character_id_for(name, taken))}, name: {yaml_scalar(name)}, "
             "gender: unknown}")
    newline = _newline(text)
    if characters is not None and characters.value and not characters.flow_style:
        indent = " " * characters.start_mark.column
        at = _after_node(text, characters.value[-1])
        return Replacement(at, at, f"{newline}{indent}- {entry}")
    if characters is not None and characters.flow_style:
        if characters.value:
            at = characters.value[-1].end_mark.index
            return Replacement(at, at, f", {entry}")
        return Replacement(characters.start_mark.index, characters.end_mark.index, f"[{entry}]")
    found = _value(root, "characters") if root is not None else None
    if found is not None:  # `characters:` with nothing after it
        at = _line_end(text, found[0].end_mark.index)
        return Replacement(at, at, f"{newline}  - {entry}")
    separator = "" if not text or text.endswith(("\n", "\r")) else newline
    return Replacement(len(text), len(text), f"{separator}characters:{newline}  - {entry}{newline}")


def replace_alias(text: str, ident: str, old: str, new: str, path: object = None) -> list[Replacement]:
    """An edit that writes `new` in place of the alias `old` of the character `ident` (none if it has no
    such alias)."""
    character = _character_node(_compose(text, path), ident)
    aliases = _value(character, "aliases") if character is not None else None
    if aliases is None or not isinstance(aliases[1], yaml.SequenceNode):
        return []
    return [Replacement(item.start_mark.index, item.end_mark.index, yaml_scalar(new))
            for item in aliases[1].value if isinstance(item, yaml.ScalarNode) and fold(item.value) == fold(old)]


_NOT_PROSE = frozenset({"id", "name", "aliases", "by", "org", "scene", "from", "until", "status", "gender",
                        "format", "language", "units", "scripts", "source", "kind", "to", "type", "setting"})


def prose_scalars(text: str, path: object = None) -> list[tuple[int, int, str]]:
    """The text values of a bible that a writer words freely (title, summaries, roles, notes): their
    (start, end, style) offsets, for renaming a name inside them."""
    out: list[tuple[int, int, str]] = []

    def walk(node: yaml.Node, key: str | None) -> None:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                walk(v, k.value if isinstance(k, yaml.ScalarNode) else None)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item, key)
        elif isinstance(node, yaml.ScalarNode) and key not in _NOT_PROSE and node.tag.endswith(":str"):
            out.append((node.start_mark.index, node.end_mark.index, node.style or ""))

    root = _compose(text, path)
    if root is not None:
        walk(root, None)
    return out


def set_fate_scene(text: str, ident: str, scene: str, path: object = None) -> list[Replacement]:
    """Edits that make `scene` the scene of the character's death in its `fate`."""
    character = _character_node(_compose(text, path), ident)
    if character is None:
        raise BibleError(f"no character with id '{ident}'", path=path)
    value = yaml_scalar(scene) if not scene.isdigit() else f'"{scene}"'
    fate = _value(character, "fate")
    if fate is None or not isinstance(fate[1], yaml.MappingNode):
        raise BibleError(f"the character '{ident}' has no fate to set a scene in", path=path)
    found = _value(fate[1], "scene")
    if found is not None:
        return [Replacement(found[1].start_mark.index, found[1].end_mark.index, value)]
    last = fate[1].value[-1][1]
    if fate[1].flow_style:
        return [Replacement(last.end_mark.index, last.end_mark.index, f", scene: {value}")]
    at = _line_end(text, last.end_mark.index)
    indent = " " * fate[1].value[-1][0].start_mark.column
    return [Replacement(at, at, f"{_newline(text)}{indent}scene: {value}")]
