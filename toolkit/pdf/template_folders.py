"""Where the PDF's templates and labels come from: a story's own `templates/` folder first, then the
package's (``toolkit.templates``); the Jinja2 environment that reads them, with the PDF's filters."""
from __future__ import annotations

import importlib.resources
from collections.abc import Iterable
from importlib.resources.abc import Traversable
from pathlib import Path

import jinja2
import yaml
from markupsafe import Markup

from toolkit.errors import InputError
from toolkit.pdf.template_sandbox import (
    ConfinedFolderLoader,
    StoryTemplateEnvironment,
    confined_file,
    refuse_linked_folder,
    template_text,
)

BUILTIN_TEMPLATES: Traversable = importlib.resources.files("toolkit.templates")


class _ResourceLoader(jinja2.BaseLoader):
    """Loads templates from a package resource folder (works from a wheel or a zip too)."""

    def __init__(self, root: Traversable):
        self.root = root

    def get_source(self, environment, template):
        resource = resource_in(self.root, template)
        if resource is None:
            raise jinja2.TemplateNotFound(template)
        return resource.read_text(encoding="utf-8"), None, lambda: True


def resource_in(root: Traversable | Path, name: str) -> Traversable | None:
    """A file below root by a relative slash-separated name; None for anything that leaves root.

    A story's folder (a Path) is confined to its real path: a symbolic link out of it is an InputError."""
    if isinstance(root, Path):
        return confined_file(root, name)
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if not parts or any(p == ".." or "\\" in p for p in parts):
        return None
    resource = root
    for part in parts:
        resource = resource / part
    return resource if resource.is_file() else None


def template_folders(template_dirs: Iterable[str | Path] = ()) -> list[Traversable | Path]:
    """The folders templates are looked up in: the given ones that exist, then the built-in one.

    A folder that is a symbolic link is an InputError (see refuse_linked_folder)."""
    folders = [Path(d) for d in template_dirs]
    for folder in folders:
        refuse_linked_folder(folder)
    return [*(folder for folder in folders if folder.is_dir()), BUILTIN_TEMPLATES]


class _CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled once a process: by name and file, and used only while the source they were
    compiled from is the same (Jinja2 compares its checksum)."""

    def __init__(self):
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


def template_environment(template_dirs: Iterable[str | Path] = ()) -> jinja2.Environment:
    """A sandboxed Jinja2 environment over the story's template folders first, then the built-in
    templates: a story's templates are someone else's data, never code (see toolkit.pdf.template_sandbox)."""
    loaders = [ConfinedFolderLoader(folder) if isinstance(folder, Path) else _ResourceLoader(folder)
               for folder in template_folders(template_dirs)]
    environment = StoryTemplateEnvironment(loader=jinja2.ChoiceLoader(loaders), autoescape=True,
                                           undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                                           bytecode_cache=_COMPILED)
    environment.filters["css_string"] = css_string
    environment.filters["anchor"] = anchor
    return environment


def css_string(text: object) -> Markup:
    """Text as a quoted CSS string that cannot end the string or the <style> element."""
    escaped = (str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ")
               .replace("<", "\\3C ").replace(">", "\\3E "))
    return Markup(f'"{escaped}"')


def anchor(kind: str, ident: object) -> str:
    """The id of an element in the document: 'character-sever', 'scene-12'."""
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in str(ident))
    return f"{kind}-{safe}"


def _merged(base: dict, override: dict) -> dict:
    out = dict(base)
    for key, value in override.items():
        out[key] = _merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def load_labels(language: str, template_dirs: Iterable[str | Path] = ()) -> dict:
    """The words of the PDF in the story's language; a story's labels.yaml overrides single keys."""
    labels: dict = {}
    for folder in reversed(template_folders(template_dirs)):
        resource = resource_in(folder, "labels.yaml")
        if resource is None:
            continue
        try:
            if folder is BUILTIN_TEMPLATES:  # read with libyaml when PyYAML has it
                data = yaml.load(resource.read_text(encoding="utf-8"),
                                 Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
            else:  # a story's own labels: PyYAML's messages name what is wrong
                data = yaml.safe_load(template_text(resource)) or {}
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            raise InputError(f"labels do not parse: {getattr(error, 'problem', None) or 'broken YAML'}",
                             path=resource, line=mark.line + 1 if mark else None) from None
        if not isinstance(data, dict) or not isinstance(data.get(language) or {}, dict):
            raise InputError(f"labels must be a mapping of languages to mappings of labels ({language}: …)",
                             path=resource)
        labels = _merged(labels, data.get(language) or {})
    return labels
