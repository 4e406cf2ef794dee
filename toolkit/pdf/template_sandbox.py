"""Story templates are data from someone else, not code: Jinja2's sandbox, and files only from inside
the template folders.

A story folder from a co-writer may bring its own ``templates/``. Rendered in the immutable sandbox,
a template reaches nothing but the plain data it is given: no attribute that starts with an
underscore (``lipsum.__globals__``), no method of any object that is not plain data (a ``Path``),
nothing that changes a list or a mapping, and no string or list multiplied beyond a bounded size.
Its files are read only when their real path (symbolic links followed) lies inside the real path
of their folder, only when they are regular files, and only up to a size limit.
"""
from __future__ import annotations

import datetime
import operator
import os
import stat
from pathlib import Path
from typing import ClassVar

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from toolkit.errors import InputError, StorybibleError
from toolkit.files.textio import read_bytes

# A template or a file it loads (CSS, an image, a font) larger than this is refused.
MAX_TEMPLATE_BYTES = 5_000_000
# The longest string or list a template may make by multiplying ('x' * n) or raising to a power.
MAX_PRODUCT = 1_000_000
# Objects whose attributes and methods a template may use: plain data and the toolkit's own records.
_PLAIN_TYPES = (str, int, float, bool, type(None), list, tuple, dict, set, frozenset, Markup,
                datetime.date, datetime.datetime, datetime.time)


def _is_plain(value: object) -> bool:
    if isinstance(value, _PLAIN_TYPES):
        return True
    # the toolkit's records (a Story, a Character, the view of the bible) and Jinja2's own objects
    # (macros, loops, imported templates), not modules or classes
    return type(value).__module__.startswith(("toolkit.", "jinja2.")) and not isinstance(value, type)


class StoryTemplateEnvironment(ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox, narrowed to plain data, that reports any failure of a template as
    one InputError naming the template file and line."""

    intercepted_binops = frozenset({"*", "**"})
    # Every check of an attribute goes by the object's type and the attribute's name alone, so its
    # answer is kept: templates ask the same thousands of times.
    _safe_attributes: ClassVar[dict[tuple[type, str], bool]] = {}

    def is_safe_attribute(self, obj, attr, value) -> bool:
        key = (type(obj), attr)
        if key not in self._safe_attributes:
            self._safe_attributes[key] = _is_plain(obj) and super().is_safe_attribute(obj, attr, value)
        return self._safe_attributes[key]

    def is_safe_callable(self, obj) -> bool:
        owner = getattr(obj, "__self__", None)
        if owner is not None and not isinstance(owner, type(jinja2)) and not _is_plain(owner):
            return False
        return super().is_safe_callable(obj)

    def call_binop(self, context, operator_name, left, right):
        if operator_name == "*":
            for text, count in ((left, right), (right, left)):
                if isinstance(text, (str, list, tuple)) and isinstance(count, int) \
                        and len(text) * count > MAX_PRODUCT:
                    raise jinja2.sandbox.SecurityError(f"a template may not make a value longer than {MAX_PRODUCT:,}")
            return operator.mul(left, right)
        if operator_name == "**":
            if isinstance(right, int) and isinstance(left, int) and abs(right) > 100 and abs(left) > 1:
                raise jinja2.sandbox.SecurityError("a template may not raise a number to so large a power")
            return operator.pow(left, right)
        return super().call_binop(context, operator_name, left, right)

    def handle_exception(self, source: str | None = None):
        try:
            super().handle_exception(source)
        except (jinja2.TemplateSyntaxError, StorybibleError):
            raise
        except Exception as error:
            name, line = _template_position(error)
            message = error.message if isinstance(error, jinja2.TemplateError) and error.message else \
                f"{type(error).__name__}: {error}"
            raise InputError(f"template: {message}", path=name, line=line) from None


def _template_position(error: BaseException) -> tuple[str | None, int | None]:
    """The template file and line where an error was raised, from the traceback Jinja2 rewrote."""
    name = line = None
    trace = error.__traceback__
    while trace is not None:
        if "__jinja_exception__" in trace.tb_frame.f_globals:
            name, line = trace.tb_frame.f_code.co_filename, trace.tb_lineno
        trace = trace.tb_next
    return name, line


def refuse_linked_folder(folder: Path) -> None:
    """Refuse a template folder that is itself a symbolic link: confinement to its real path would
    move to wherever the link points (``templates -> ..``)."""
    if os.path.islink(folder):
        raise InputError("is a symbolic link; a story's templates folder must be a folder of its own, "
                         "not a link to another", path=folder)


def confined_file(folder: Path, name: str) -> Path | None:
    """The regular file ``name`` (slash-separated, relative) in ``folder``; None when there is none.

    Raises InputError when the name, through a symbolic link, leads out of the folder's real path.
    """
    parts = [part for part in name.split("/") if part not in ("", ".")]
    if not parts or any(part == ".." or "\\" in part or "\x00" in part for part in parts):
        return None
    candidate = folder.joinpath(*parts)
    root = os.path.realpath(folder)
    real = os.path.realpath(candidate)
    if not os.path.lexists(candidate):
        return None
    if os.path.commonpath([root, real]) != root:
        raise InputError("leads out of the templates folder (a symbolic link?); only files inside it are read",
                         path=candidate)
    try:
        if not stat.S_ISREG(os.stat(real).st_mode):
            return None
    except OSError:
        return None
    return Path(real)


def read_confined(path: Path) -> bytes:
    """The bytes of a file confined_file found, refusing anything but a regular file of bounded size."""
    return read_bytes(path, limit=MAX_TEMPLATE_BYTES)


def template_text(path: Path) -> str:
    """A template file's text: UTF-8, or an InputError naming the file and the first line that is not."""
    data = read_confined(path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise InputError("template is not UTF-8 text; save it as UTF-8", path=path, line=line) from None


class ConfinedFolderLoader(jinja2.BaseLoader):
    """Loads templates from one folder, never from outside its real path."""

    def __init__(self, folder: Path):
        self.folder = folder

    def get_source(self, environment, template):
        path = confined_file(self.folder, template)
        if path is None:
            raise jinja2.TemplateNotFound(template)
        text = template_text(path)
        mtime = os.path.getmtime(path)
        return text, str(path), lambda: os.path.exists(path) and os.path.getmtime(path) == mtime
