"""storybible's language server on stdio: the continuity check where the writer types.

Diagnostics for open Fountain files and bible.yaml (on open, on change after a pause, on save),
character sheets on hover, jumps to the bible and to scenes, name completion, quick fixes, renaming
a character everywhere, and the outline of sections and scenes. The story of a file is the folder of
its nearest bible.yaml; open documents are checked as they are in the editor, unsaved.
Everything the server has to say goes to the client: stdout carries the protocol alone.
"""
from __future__ import annotations

import asyncio
import functools
import os
import tempfile
import traceback
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.workspace import TextDocument

from toolkit.continuity.check import BIBLE_NAME, nearest_bible
from toolkit.continuity.incremental import Failure, StoryCheck, StoryChecker
from toolkit.continuity.rules import RULES
from toolkit.editor import lsp_answers as answers
from toolkit.editor.rename import FileEdit, plan_rename
from toolkit.errors import StorybibleError
from toolkit.files.textio import write_atomic
from toolkit.model.bible_edits import Replacement, add_character
from toolkit.model.diagnostics import Diagnostic
from toolkit.model.names import NameIndex, fold

SOURCE = "storybible"
DEBOUNCE_SECONDS = 0.3
_SEVERITIES = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
               "info": types.DiagnosticSeverity.Information}
_NAME_CODES = ("CB101", "CB102")


def _version() -> str:
    try:
        return version("storybible")
    except PackageNotFoundError:
        return "0"


def rule_documents() -> dict[str, str]:
    """A Markdown page per rule (what, why, example), written once; the link of each by code."""
    from toolkit.files.cache import cache_folder

    folder = (cache_folder() or Path(tempfile.gettempdir()) / "storybible") / "rules"
    links = {}
    for rule in RULES.values():
        path = folder / f"{rule.code}-{rule.name}.md"
        text = (f"# {rule.code} {rule.name} ({rule.severity})\n\n{rule.summary}\n\n## What\n\n{rule.what}\n\n"
                f"## Why\n\n{rule.why}\n\n## Example\n\n```\n{rule.example}\n```\n")
        try:
            if not path.is_file() or path.read_text("utf-8") != text:
                write_atomic(path, text)
        except (OSError, StorybibleError):
            pass  # the link then leads nowhere; the diagnostic itself is whole
        links[rule.code] = path.as_uri()
    return links


def _title(name: str) -> str:
    """A name in capitals as a bible writes it: "JEAN-LUC" -> "Jean-Luc"; other names as written."""
    return name.title() if name.isupper() else name


def _same_case(written: str, name: str) -> str:
    return name.upper() if written.isupper() else name


def _offset_position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset)
    return line, offset - (text.rfind("\n", 0, offset) + 1)


class StoryServer(LanguageServer):
    """The language server: one StoryChecker and the last check for every story with an open file."""

    def __init__(self) -> None:
        super().__init__("storybible", _version())
        self.debounce = DEBOUNCE_SECONDS
        self.checkers: dict[Path, StoryChecker] = {}
        self.checks: dict[Path, StoryCheck] = {}
        self.published: dict[Path, set[str]] = {}
        self.timers: dict[Path, asyncio.TimerHandle] = {}
        self.rule_links: dict[str, str] | None = None

    # -- documents and stories --

    def log(self, message: str, kind: types.MessageType = types.MessageType.Log) -> None:
        self.window_log_message(types.LogMessageParams(type=kind, message=message))

    @staticmethod
    def path_of(uri: str) -> Path:
        return Path(os.path.abspath(TextDocument(uri).path))

    def open_documents(self) -> dict[Path, TextDocument]:
        """The open Fountain files and bibles, by path."""
        documents = {}
        for document in self.workspace.text_documents.values():
            path = self.path_of(document.uri)
            if path.suffix == ".fountain" or path.name == BIBLE_NAME:
                documents[path] = document
        return documents

    @staticmethod
    def story_of(path: Path) -> Path:
        """A story's key: its bible.yaml, or the script itself when no bible is found."""
        if path.name == BIBLE_NAME:
            return path
        bible = nearest_bible(path)
        return Path(os.path.abspath(bible)) if bible else path

    def key_of(self, uri: str) -> Path:
        return self.story_of(self.path_of(uri))

    def documents_of(self, key: Path) -> dict[Path, TextDocument]:
        return {path: doc for path, doc in self.open_documents().items() if self.story_of(path) == key}

    def uri_of(self, path: Path) -> str:
        document = self.open_documents().get(path)
        return document.uri if document else path.as_uri()

    def lines_of(self, path: Path) -> list[str]:
        document = self.open_documents().get(path)
        if document is not None:
            return list(document.lines)
        try:
            return path.read_text("utf-8", errors="replace").split("\n")
        except OSError:
            return []

    # -- checking --

    def schedule(self, key: Path, delay: float) -> None:
        """Check a story after `delay` seconds, unless another change comes first."""
        pending = self.timers.pop(key, None)
        if pending is not None:
            pending.cancel()
        self.timers[key] = asyncio.get_running_loop().call_later(delay, self.check_story, key)

    def current(self, path: Path) -> StoryCheck | None:
        """The check of a file's story as the editor has it now (a pending check runs first)."""
        key = self.story_of(path)
        if key in self.timers or key not in self.checks:
            self.check_story(key)
        return self.checks.get(key)

    def check_story(self, key: Path) -> None:
        pending = self.timers.pop(key, None)
        if pending is not None:
            pending.cancel()
        documents = self.documents_of(key)
        if not documents:
            self.forget(key)
            return
        checker = self.checkers.setdefault(key, StoryChecker(key if key.name == BIBLE_NAME else None))
        texts = {path: doc.source for path, doc in documents.items()}
        scripts = sorted(path for path in documents if path.suffix == ".fountain")
        try:
            check = checker.check(texts, scripts)
        except Exception:  # a fault of ours must not take the writer's editor down with it
            self.log(f"checking {key} failed:\n{traceback.format_exc()}", types.MessageType.Error)
            return
        self.checks[key] = check
        self.publish(key, check, documents)

    def forget(self, key: Path) -> None:
        for uri in self.published.pop(key, set()):
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        self.checkers.pop(key, None)
        self.checks.pop(key, None)

    def publish(self, key: Path, check: StoryCheck, documents: dict[Path, TextDocument]) -> None:
        """Diagnostics for every open file of the story, its bible and any file that could not be read."""
        by_path: dict[Path, list[types.Diagnostic]] = {path: [] for path in documents}
        if key.name == BIBLE_NAME and key.is_file():
            by_path.setdefault(key, [])
        lines: dict[Path, list[str]] = {}
        for diagnostic in check.result.diagnostics:
            path = Path(diagnostic.file)
            if path in by_path:
                if path not in lines:
                    lines[path] = self.lines_of(path)
                by_path[path].append(self.diagnostic(lines[path], diagnostic))
        for failure in check.failures:
            path = Path(failure.file)
            by_path.setdefault(path, []).append(self.failure(self.lines_of(path), failure))
        uris = set()
        for path, diagnostics in by_path.items():
            uri = self.uri_of(path)
            uris.add(uri)
            document = documents.get(path)
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                uri=uri, diagnostics=diagnostics, version=document.version if document else None))
        for stale in self.published.get(key, set()) - uris:
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=stale, diagnostics=[]))
        self.published[key] = uris

    def range(self, lines: list[str], line: int, start: int, end: int) -> types.Range:
        codec = self.workspace.position_codec
        if not 0 <= line < len(lines):
            return types.Range(types.Position(max(line, 0), 0), types.Position(max(line, 0), 0))
        return types.Range(codec.position_to_client_units(lines, types.Position(line, start)),
                           codec.position_to_client_units(lines, types.Position(line, end)))

    def diagnostic(self, lines: list[str], found: Diagnostic) -> types.Diagnostic:
        if self.rule_links is None:
            self.rule_links = rule_documents()
        text = lines[found.line - 1].rstrip("\r\n") if 0 < found.line <= len(lines) else ""
        start, end = answers.diagnostic_span(text, found.column, found.message)
        link = self.rule_links.get(found.code)
        return types.Diagnostic(
            range=self.range(lines, found.line - 1, start, end), message=found.message,
            severity=_SEVERITIES.get(found.severity, types.DiagnosticSeverity.Warning), code=found.code,
            code_description=types.CodeDescription(href=link) if link else None, source=SOURCE,
            data={"rule": found.rule, "name": text[start:end]})

    def failure(self, lines: list[str], failure: Failure) -> types.Diagnostic:
        line = failure.line - 1
        end = len(lines[line].rstrip("\r\n")) if 0 <= line < len(lines) else 0
        return types.Diagnostic(range=self.range(lines, line, 0, end), message=failure.message,
                                severity=types.DiagnosticSeverity.Error, source=SOURCE)

    # -- answers --

    def position(self, uri: str, position: types.Position) -> tuple[Path, list[str], int, int]:
        """The path, lines and (line, character index) of a position the client sends."""
        document = self.workspace.get_text_document(uri)
        lines = list(document.lines)
        at = self.workspace.position_codec.position_from_client_units(lines, position)
        return self.path_of(uri), lines, at.line, at.character

    def location(self, place: answers.Place) -> types.Location:
        lines = self.lines_of(place.path)
        span = place.span
        return types.Location(uri=self.uri_of(place.path), range=self.range(lines, span.line, span.start, span.end))

    def workspace_edit(self, edits: list[FileEdit]) -> types.WorkspaceEdit:
        changes: dict[str, list[types.TextEdit]] = {}
        for edit in edits:
            lines = edit.text.split("\n")
            text_edits = []
            for replacement in edit.replacements:
                start = _offset_position(edit.text, replacement.start)
                end = _offset_position(edit.text, replacement.end)
                codec = self.workspace.position_codec
                text_edits.append(types.TextEdit(range=types.Range(
                    codec.position_to_client_units(lines, types.Position(*start)),
                    codec.position_to_client_units(lines, types.Position(*end))), new_text=replacement.text))
            changes[self.uri_of(edit.path)] = text_edits
        return types.WorkspaceEdit(changes=changes)

    def text_of(self, path: Path) -> str | None:
        document = self.open_documents().get(path)
        if document is not None:
            return document.source
        try:
            return path.read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def name_actions(self, uri: str, check: StoryCheck, diagnostic: types.Diagnostic) -> list[types.CodeAction]:
        """Quick fixes for an unknown or misspelt name: add it to the bible, replace it, rename everywhere."""
        data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
        written = data.get("name")
        if not written:  # a client that does not send back a diagnostic's data
            _, lines, line, start = self.position(uri, diagnostic.range.start)
            end = self.position(uri, diagnostic.range.end)[3]
            written = lines[line][start:end] if line < len(lines) else ""
        written = written.strip()
        if not written or check.bible is None:
            return []
        actions = []
        bible_path = check.bible.path
        if diagnostic.code == "CB101":
            bible_text = self.text_of(bible_path)
            if bible_text is not None:
                try:
                    added = add_character(bible_text, _title(written), bible_path)
                    edit = FileEdit(bible_path, bible_text, [added])
                    actions.append(types.CodeAction(
                        title=f"Add {_title(written)} to bible.yaml", kind=types.CodeActionKind.QuickFix,
                        diagnostics=[diagnostic], edit=self.workspace_edit([edit])))
                except StorybibleError as error:
                    self.log(f"cannot add {written} to the bible: {error}")
        closest = NameIndex.from_story(check.bible.story).closest(written)
        if closest is None:
            return actions
        character = check.bible.story.character(closest.id)
        bible_name = next((n for n in character.names if n and fold(n) == closest.name), character.name)
        replacement = _same_case(written, bible_name)
        path = self.path_of(uri)
        text = self.text_of(path) or ""
        lines = text.split("\n")
        codec = self.workspace.position_codec
        start = codec.position_from_client_units(lines, diagnostic.range.start)
        offset = sum(len(line) + 1 for line in lines[:start.line]) + start.character
        replace = FileEdit(path, text, [Replacement(offset, offset + len(written), replacement)])
        actions.append(types.CodeAction(title=f"Replace with {replacement}", kind=types.CodeActionKind.QuickFix,
                                        diagnostics=[diagnostic], is_preferred=True,
                                        edit=self.workspace_edit([replace])))
        try:
            plan = plan_rename(bible_path.parent, bible_name, _title(written), texts=self.unsaved())
            actions.append(types.CodeAction(
                title=f"Rename {bible_name} to {_title(written)} everywhere",
                kind=types.CodeActionKind.RefactorRewrite, diagnostics=[diagnostic],
                edit=self.workspace_edit(plan.edits)))
        except StorybibleError as error:
            self.log(f"no rename of {bible_name}: {error}")
        return actions

    def unsaved(self) -> dict[Path, str]:
        return {path: doc.source for path, doc in self.open_documents().items()}


server = StoryServer()


def _guarded(handler):
    """Log a fault of a handler to the client and answer nothing, instead of failing the request."""

    @functools.wraps(handler)
    def guarded(ls: StoryServer, params):
        try:
            return handler(ls, params)
        except Exception:
            ls.log(f"{handler.__name__} failed:\n{traceback.format_exc()}", types.MessageType.Error)
            return None

    return guarded


def _character_at(ls: StoryServer, uri: str, position: types.Position):
    """The story's check, the character named at a position, the lines and the name's span; or None."""
    path, lines, line, char = ls.position(uri, position)
    check = ls.current(path)
    if check is None or check.bible is None or line >= len(lines):
        return None
    found = answers.name_at(lines[line], char, NameIndex.from_story(check.bible.story))
    return (check, found[0], lines, found[1]._replace(line=line)) if found else None


@server.feature(types.INITIALIZED)
def initialized(ls: StoryServer, params: types.InitializedParams) -> None:
    ls.log(f"storybible {_version()} language server ready")


@server.feature(types.INITIALIZE)
def initialize(ls: StoryServer, params: types.InitializeParams) -> None:
    options = params.initialization_options
    if isinstance(options, dict) and isinstance(options.get("debounce"), (int, float)):
        ls.debounce = max(0.0, float(options["debounce"]))


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
@_guarded
def did_open(ls: StoryServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.check_story(ls.key_of(params.text_document.uri))


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
@_guarded
def did_change(ls: StoryServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule(ls.key_of(params.text_document.uri), ls.debounce)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
@_guarded
def did_save(ls: StoryServer, params: types.DidSaveTextDocumentParams) -> None:
    ls.check_story(ls.key_of(params.text_document.uri))


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
@_guarded
def did_close(ls: StoryServer, params: types.DidCloseTextDocumentParams) -> None:
    path = ls.path_of(params.text_document.uri)
    key = ls.story_of(path)
    if path != key:
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))
        ls.published.get(key, set()).discard(params.text_document.uri)
    ls.check_story(key)


@server.feature(types.TEXT_DOCUMENT_HOVER)
@_guarded
def hover(ls: StoryServer, params: types.HoverParams) -> types.Hover | None:
    found = _character_at(ls, params.text_document.uri, params.position)
    if found is None:
        return None
    check, ident, lines, span = found
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown,
                                                    value=answers.character_sheet(check, ident)),
                       range=ls.range(lines, span.line, span.start, span.end))


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
@_guarded
def definition(ls: StoryServer, params: types.DefinitionParams) -> types.Location | None:
    path, lines, line, char = ls.position(params.text_document.uri, params.position)
    check = ls.current(path)
    if check is None or line >= len(lines):
        return None
    place = answers.definition(check, lines[line], char)
    return ls.location(place) if place else None


@server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[":", ","]))
@_guarded
def completion(ls: StoryServer, params: types.CompletionParams) -> types.CompletionList | None:
    path, lines, line, char = ls.position(params.text_document.uri, params.position)
    check = ls.current(path)
    if check is None:
        return None
    lines = [text.rstrip("\r\n") for text in lines]
    items = [types.CompletionItem(
        label=item.label, kind=types.CompletionItemKind.Reference, detail=item.detail,
        documentation=item.documentation or None,
        text_edit=types.TextEdit(range=ls.range(lines, item.replace.line, item.replace.start, item.replace.end),
                                 new_text=item.label))
        for item in answers.completions(check, lines, line, char)]
    return types.CompletionList(is_incomplete=False, items=items)


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
    code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.RefactorRewrite]))
@_guarded
def code_action(ls: StoryServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
    path = ls.path_of(params.text_document.uri)
    check = ls.current(path)
    if check is None:
        return None
    actions = []
    for diagnostic in params.context.diagnostics:
        if diagnostic.source == SOURCE and diagnostic.code in _NAME_CODES:
            actions += ls.name_actions(params.text_document.uri, check, diagnostic)
    return actions


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
@_guarded
def document_symbol(ls: StoryServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
    path = ls.path_of(params.text_document.uri)
    check = ls.current(path)
    script = check.scripts.get(path) if check else None
    if script is None:
        return []
    lines = [text.rstrip("\r\n") for text in ls.workspace.get_text_document(params.text_document.uri).lines]

    def convert(symbol: answers.Symbol) -> types.DocumentSymbol:
        first, last = symbol.first_line - 1, min(symbol.last_line, len(lines)) - 1
        whole = types.Range(ls.range(lines, first, 0, 0).start,
                            ls.range(lines, last, 0, len(lines[last]) if 0 <= last < len(lines) else 0).end)
        heading = ls.range(lines, first, 0, len(lines[first]) if first < len(lines) else 0)
        kind = types.SymbolKind.Namespace if symbol.kind == "section" else types.SymbolKind.Event
        return types.DocumentSymbol(name=symbol.name, kind=kind, range=whole, selection_range=heading,
                                    detail=symbol.detail or None,
                                    children=[convert(child) for child in symbol.children])

    return [convert(symbol) for symbol in answers.outline(script, lines)]


@server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
@_guarded
def prepare_rename(ls: StoryServer, params: types.PrepareRenameParams) -> types.Range | None:
    found = _character_at(ls, params.text_document.uri, params.position)
    if found is None:
        return None
    _, _, lines, span = found
    return ls.range(lines, span.line, span.start, span.end)


@server.feature(types.TEXT_DOCUMENT_RENAME)
@_guarded
def rename(ls: StoryServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
    found = _character_at(ls, params.text_document.uri, params.position)
    if found is None:
        return None
    check, ident, lines, span = found
    written = lines[span.line][span.start:span.end]
    character = check.bible.story.character(ident)
    old = next((name for name in character.names if fold(name) == fold(written)), character.name)
    try:
        plan = plan_rename(check.bible.path.parent, old, _title(params.new_name), texts=ls.unsaved())
    except StorybibleError as error:
        ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning, message=str(error)))
        return None
    return ls.workspace_edit(plan.edits)


def serve() -> None:
    """Run the language server on stdin and stdout until the client says exit."""
    server.start_io()
