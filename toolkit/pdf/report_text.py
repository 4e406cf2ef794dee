"""The continuity report and the review list in the story's language, for the PDF.

The checker words its findings in English for the terminal and keeps what a message says as
details (names, ids, scene numbers). Here those details fill the message templates of the PDF's
labels (``messages``, ``review_messages``), with ids replaced by the names a reader knows.
Review items are kept in bible.yaml as a kind and arguments, which fill the templates of
``review_messages``; items of bibles written before arguments were kept have only their English
message, which is read back by its kind's pattern.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from toolkit.model.diagnostics import Diagnostic
from toolkit.model.review import fill, template_of
from toolkit.model.story import ReviewItem, Story
from toolkit.pdf.label_files import LabelError, format_label

# The English wording of review items in bibles written before items kept their arguments, one pattern
# per kind; the groups are the arguments' names.
_OLD_REVIEW_PATTERNS = {
    "spelling_variant": re.compile(r"^'(?P<variant>.+)' looks like a misspelling of '(?P<name>.+)'$"),
    "ambiguous_name": re.compile(r"^'(?P<name>.+)' could be (?P<owners>.+); taken as (?P<owner>.+)$"),
    "ambiguous_reference": re.compile(r"^'(?P<name>.+)' could be (?P<owners>.+); nothing is read from it$"),
    # written by the checker (toolkit/continuity/check.py) for bibles that name scenes by position
    "scene_reference": re.compile(r"^(?P<field>[^:]+): '(?P<reference>[^']+)' names a scene by its position, .*"
                                  r"read as the scene at (?P<at>\S+) \((?P<heading>.*)\); .*$"),
    "gender_conflict": re.compile(
        r"^(?P<name>.+) is taken as (?P<gender>\w+), but the text also says '(?P<evidence>[^']*)'?"
        r"(?: \((?P<evidence_at>[^)]*)\))?$"),
}
_ID_DETAILS = {"character": "character", "first": "character", "second": "character", "org": "organisation"}


@dataclass(frozen=True)
class ReviewLine:
    """A review item as the PDF prints it."""

    kind: str
    message: str
    where: str


def _names(story: Story) -> dict[str, dict[str, str]]:
    return {"character": {c.id: c.name for c in story.characters},
            "organisation": {o.id: o.name for o in story.organisations}}


def _joined(items: list[str], labels: dict, word: str = "and") -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {labels[word]} {items[-1]}"


def diagnostic_message(diagnostic: Diagnostic, story: Story, labels: dict) -> str:
    """The finding in the story's language: its template filled with names. A finding without details
    (one read back from a file, say) keeps its own words."""
    details = dict(diagnostic.details)
    names = _names(story)
    for key, kind in _ID_DETAILS.items():
        if key in details:
            details[key] = names[kind].get(details[key], details[key])
    for key in ("bible", "where"):
        if key in details:
            details[key] = short_where(details[key])
    if "listed" in details:
        listed = [names["organisation"].get(ident, ident) for ident in details["listed"].split(",") if ident]
        details["listed"] = _joined(listed, labels) or labels["no_organisation"]
    templates = labels["messages"]
    variant = (details.get("issue") or details.get("reference") or details.get("case")
               or ("suggestion" if details.get("suggestion") else ""))
    template = templates.get(f"{diagnostic.code}_{variant}") or templates.get(diagnostic.code)
    if template is None or not details:
        return diagnostic.message
    try:
        return format_label(template, **details)
    except LabelError:
        return labels["rule_names"].get(diagnostic.code, diagnostic.rule)


def short_where(where: str) -> str:
    """"bibles/x/outline.fountain:12" as "outline.fountain:12": the file's name and the line."""
    path, _, line = where.rpartition(":")
    if not line.isdigit():
        return Path(where).name
    return f"{Path(path).name}:{line}"


def rule_name(diagnostic: Diagnostic, labels: dict) -> str:
    """The rule's name as words in the story's language."""
    return labels["rule_names"].get(diagnostic.code, diagnostic.rule.replace("-", " "))


def _line_of(text: str, source_lines: list[str]) -> int | None:
    for number, line in enumerate(source_lines, 1):
        if text and text in line:
            return number
    return None


def review_args(item: ReviewItem) -> dict[str, str | list[str]]:
    """An item's arguments: those bible.yaml keeps, else those its English message is read back into
    (bibles written before items kept their arguments); {} when neither gives any."""
    if item.args:
        return dict(item.args)
    match = _OLD_REVIEW_PATTERNS.get(item.kind, re.compile(r"^$")).match(item.message)
    if not match:
        return {}
    args: dict[str, str | list[str]] = {key: value or "" for key, value in match.groupdict().items()}
    if "owners" in args:
        args["owners"] = str(args["owners"]).split(" or ")
    return args


def review_line(item: ReviewItem, story: Story, labels: dict, source_lines: list[str]) -> ReviewLine:
    """A review item in the story's language, with file:line; the source is searched for the name
    the item is about when the bible gives no line."""
    kind = labels["review_kinds"].get(item.kind, item.kind.replace("_", " "))
    args = review_args(item)
    message = item.message
    where = item.where
    if args:
        if "gender" in args:
            args["gender"] = labels["genders"].get(args["gender"], args["gender"])
        template = template_of(labels["review_messages"], item.kind, args)
        if template:
            message = fill(template, args, lambda items: _joined(items, labels, "or"), format_label)
            if args.get("evidence_at"):
                where = str(args["evidence_at"])
            if where and ":" not in where:
                line = _line_of(str(args.get("variant") or args.get("name", "")), source_lines)
                if line:
                    where = f"{where}:{line}"
    return ReviewLine(kind, message, short_where(where) if where else "")
