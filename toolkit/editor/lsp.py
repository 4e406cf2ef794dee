"""storybible's language server on stdio: the continuity check where the writer types.

A story is the folder of the nearest bible.yaml. As soon as one of its files is open, every script of
the story and its bible have diagnostics: pulled (LSP 3.17 `textDocument/diagnostic`,
`workspace/diagnostic`) when the client can, published otherwise. Open documents are checked as the
editor has them, unsaved; files changed on disk come in through `workspace/didChangeWatchedFiles`.
The requests are answered in toolkit/editor/lsp_handlers.py. Everything the server has to say goes
to the client: stdout carries the protocol alone.
"""
from __future__ import annotations

import asyncio
import gc
import os
import tempfile
import traceback
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.workspace import TextDocument

from toolkit.continuity.check import BIBLE_NAME, nearest_bible
from toolkit.continuity.incremental import Failure, StoryCheck, StoryChecker
from toolkit.editor import lsp_answers as answers
from toolkit.editor.lsp_related import related_information
from toolkit.errors import StorybibleError
from toolkit.files.textio import write_atomic
from toolkit.model.diagnostics import Diagnostic

SOURCE = "storybible"
DEBOUNCE_SECONDS = 0.3
MAX_DOCUMENT_CHARS = 2_000_000  # ten feature-length scripts; a longer document is not checked as typed
_SEVERITIES = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
               "info": types.DiagnosticSeverity.Information}
WATCHED = ("**/*.fountain", f"**/{BIBLE_NAME}")


def _version() -> str:
    try:
        return version("storybible")
    except PackageNotFoundError:
        return "0"


def rule_documents() -> dict[str, str]:
    """A Markdown page per rule (what, why, example), written once; the link of each by code."""
    from toolkit.continuity.rules import RULES
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


_WARM_UP = {
    "de": ("INNEN. BÜRO – TAG #1#\n\nAnna Berg erschießt Bert. Anna arbeitet für die Polizei. Berta lacht.\n\n"
           "ANNA\nHallo.\n"),
    "en": "INT. OFFICE - DAY #1#\n\nAnna Berg shoots Bert. Anna works for the police. Berta laughs.\n\nANNA\nHello.\n",
}


def warm_up() -> None:
    """Check a story of three lines in each language, so the tables, the tagger and the extractor are
    loaded before the first document is opened (the first diagnostics then come as fast as the rest)."""
    from toolkit.continuity.check import check_parsed
    from toolkit.continuity.script import parse_script
    from toolkit.model.bible import parse_bible_text

    for language, script in _WARM_UP.items():
        bible = (f"format: storybible/1\ntitle: T\nlanguage: {language}\ncharacters:\n"
                 "  - {id: a, name: Anna Berg, gender: f}\n  - {id: b, name: Bert, gender: m}\n")
        try:
            check_parsed([parse_script(script, "warm-up.fountain")], parse_bible_text(bible, Path(BIBLE_NAME)))
        except Exception:
            return


class StoryServer(LanguageServer):
    """The language server: one StoryChecker and the last check for every story with an open file."""

    def __init__(self) -> None:
        super().__init__("storybible", _version())
        self.debounce = DEBOUNCE_SECONDS
        self.checkers: dict[Path, StoryChecker] = {}
        self.checks: dict[Path, StoryCheck] = {}
        self.reports: dict[Path, dict[str, list[types.Diagnostic]]] = {}  # per story: uri -> diagnostics
        self.sent: dict[str, list[types.Diagnostic]] = {}  # what was published last, per uri
        self.generation = 0
        self.timers: dict[Path, asyncio.TimerHandle] = {}
        self.rule_links: dict[str, str] | None = None
        self.pull = False  # the client asks for diagnostics (LSP 3.17) instead of being sent them
        self.refresh = False
        self.watch_files = False  # the client watches files for the server when asked
        self.frozen_after: int | None = None
        self.changed = asyncio.Event()  # set when a check has made new reports
        self._open: tuple[tuple[str, ...], dict[Path, str]] = ((), {})  # open uris, and their paths
        self._converted: dict[Path, tuple[object, dict]] = {}  # per story: the bible, and diagnostics made

    # -- documents and stories --

    def log(self, message: str, kind: types.MessageType = types.MessageType.Log) -> None:
        self.window_log_message(types.LogMessageParams(type=kind, message=message))

    @staticmethod
    def path_of(uri: str) -> Path:
        return Path(os.path.abspath(TextDocument(uri).path))

    def open_documents(self) -> dict[Path, TextDocument]:
        """The open Fountain files and bibles, by path."""
        uris = tuple(self.workspace.text_documents)
        if self._open[0] != uris:
            paths = {}
            for uri in uris:
                path = self.path_of(uri)
                if path.suffix == ".fountain" or path.name == BIBLE_NAME:
                    paths[path] = uri
            self._open = (uris, paths)
        documents = self.workspace.text_documents
        return {path: documents[uri] for path, uri in self._open[1].items()}

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

    def lines_of(self, path: Path, check: StoryCheck | None = None) -> list[str]:
        document = self.open_documents().get(path)
        if document is not None:
            return list(document.lines)
        script = check.scripts.get(path) if check else None
        if script is not None and script.lines:
            return script.lines
        try:
            return path.read_text("utf-8", errors="replace").split("\n")
        except OSError:
            return []

    def text_of(self, path: Path) -> str | None:
        document = self.open_documents().get(path)
        if document is not None:
            return document.source
        try:
            return path.read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def unsaved(self) -> dict[Path, str]:
        return {path: doc.source for path, doc in self.open_documents().items()}

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
        texts, too_long = {}, []
        for path, document in documents.items():
            source = document.source
            if len(source) > MAX_DOCUMENT_CHARS:
                too_long.append(Failure(path.as_posix(), 1, f"{len(source):,} characters is more than the editor "
                                        f"checks as you type ({MAX_DOCUMENT_CHARS:,}); run storybible check"))
                source = ""
            texts[path] = source
        scripts = sorted(path for path in documents if path.suffix == ".fountain")
        try:
            check = checker.check(texts, scripts)
        except Exception:
            self.log(f"checking {key} failed:\n{traceback.format_exc()}", types.MessageType.Error)
            return
        check.failures += too_long
        previous = self.checks.get(key)
        if check.bible is None and previous is not None and previous.bible is not None and any(
                Path(failure.file) == key for failure in check.failures):
            # a bible that does not parse checks nothing: the last check's findings stand beside its error
            check = StoryCheck(previous.result, previous.bible, check.scripts, check.failures)
        self.checks[key] = check
        self.report(key, check, documents)
        if self.frozen_after != id(check.bible):
            # the tables, the bible and the memo live as long as the server: the collector need not walk
            # them again on every edit (a full collection over them costs more than the edit itself)
            self.frozen_after = id(check.bible)
            gc.collect()
            gc.freeze()

    def recheck_known(self, paths: list[Path]) -> None:
        """Check again every story with an open file that one of these changed files belongs to."""
        keys = {self.story_of(path) for path in paths}
        for key in keys & set(self.checks):
            self.check_story(key)

    def forget(self, key: Path) -> None:
        for uri in self.reports.pop(key, {}):
            if not self.pull and self.sent.pop(uri, None):
                self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        self.checkers.pop(key, None)
        self.checks.pop(key, None)

    def story_files(self, key: Path, check: StoryCheck, documents: dict[Path, TextDocument]) -> list[Path]:
        files = [*documents, *check.scripts]
        if key.name == BIBLE_NAME and key.is_file():
            files.append(key)
        return list(dict.fromkeys(files))

    def report(self, key: Path, check: StoryCheck, documents: dict[Path, TextDocument]) -> None:
        """Diagnostics for every file of the story: its scripts, its bible and any file that could not be read."""
        by_path: dict[Path, list[types.Diagnostic]] = {path: [] for path in self.story_files(key, check, documents)}
        lines: dict[Path, list[str]] = {}
        bible, converted = self._converted.get(key, (None, {}))
        if bible is not check.bible:  # what a diagnostic links to in the bible may have moved
            converted = {}
        made = {}
        for found in check.result.diagnostics:
            path = Path(found.file)
            if path in by_path:
                if path not in lines:
                    lines[path] = self.lines_of(path, check)
                text = lines[path][found.line - 1] if 0 < found.line <= len(lines[path]) else ""
                made[found, text] = converted.get((found, text)) or self.diagnostic(lines[path], found, check)
                by_path[path].append(made[found, text])
        self._converted[key] = (check.bible, made)
        for failure in check.failures:
            path = Path(failure.file)
            by_path.setdefault(path, []).append(self.failure(self.lines_of(path, check), failure))
        self.generation += 1
        self.changed.set()  # wakes a workspace pull that waits for news
        self.changed = asyncio.Event()
        report = {self.uri_of(path): diagnostics for path, diagnostics in by_path.items()}
        stale = set(self.reports.get(key, {})) - set(report)
        self.reports[key] = report
        if self.pull:
            if self.refresh:
                self.workspace_diagnostic_refresh(None)
            return
        open_uris = {document.uri: document.version for document in documents.values()}
        for uri in stale:
            if self.sent.pop(uri, None):
                self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        for uri, diagnostics in report.items():
            if uri in open_uris or self.sent.get(uri) != diagnostics:
                self.sent[uri] = diagnostics
                self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                    uri=uri, diagnostics=diagnostics, version=open_uris.get(uri)))

    def range(self, lines: list[str], line: int, start: int, end: int) -> types.Range:
        codec = self.workspace.position_codec
        if not 0 <= line < len(lines):
            return types.Range(types.Position(max(line, 0), 0), types.Position(max(line, 0), 0))
        return types.Range(codec.position_to_client_units(lines, types.Position(line, start)),
                           codec.position_to_client_units(lines, types.Position(line, end)))

    def diagnostic(self, lines: list[str], found: Diagnostic, check: StoryCheck | None = None) -> types.Diagnostic:
        if self.rule_links is None:
            self.rule_links = rule_documents()
        text = lines[found.line - 1].rstrip("\r\n") if 0 < found.line <= len(lines) else ""
        start, end = answers.diagnostic_span(text, found.column, found.message)
        link = self.rule_links.get(found.code)
        related = [types.DiagnosticRelatedInformation(self.location(place), message)
                   for place, message in related_information(check, found)] if check else []
        return types.Diagnostic(
            range=self.range(lines, found.line - 1, start, end), message=found.message,
            severity=_SEVERITIES.get(found.severity, types.DiagnosticSeverity.Warning), code=found.code,
            code_description=types.CodeDescription(href=link) if link else None, source=SOURCE,
            related_information=related or None,
            data={"rule": found.rule, "name": text[start:end], **dict(found.details)})

    def failure(self, lines: list[str], failure: Failure) -> types.Diagnostic:
        line = failure.line - 1
        end = len(lines[line].rstrip("\r\n")) if 0 <= line < len(lines) else 0
        return types.Diagnostic(range=self.range(lines, line, 0, end), message=failure.message,
                                severity=types.DiagnosticSeverity.Error, source=SOURCE)

    def pulled(self, uri: str) -> list[types.Diagnostic]:
        """The diagnostics of a file for a client that asks for them (its story is checked first)."""
        path = self.path_of(uri)
        key = self.story_of(path)
        self.current(path)
        return self.reports.get(key, {}).get(uri, self.reports.get(key, {}).get(path.as_uri(), []))

    # -- positions --

    def position(self, uri: str, position: types.Position) -> tuple[Path, list[str], int, int]:
        """The path, lines and (line, character index) of a position the client sends."""
        document = self.workspace.get_text_document(uri)
        try:
            lines = list(document.lines)
        except (OSError, UnicodeDecodeError):
            raise JsonRpcInvalidParams(f"{uri} is not open and cannot be read") from None
        at = self.workspace.position_codec.position_from_client_units(lines, position)
        return self.path_of(uri), lines, at.line, at.character

    def location(self, place: answers.Place) -> types.Location:
        lines = self.lines_of(place.path, None)
        span = place.span
        return types.Location(uri=self.uri_of(place.path), range=self.range(lines, span.line, span.start, span.end))

    def offset_range(self, text: str, start: int, end: int) -> types.Range:
        """The client's range of text[start:end]."""
        lines = text.split("\n")
        codec = self.workspace.position_codec
        first = answers.offset_position(text, start)
        last = answers.offset_position(text, end)
        return types.Range(codec.position_to_client_units(lines, types.Position(*first)),
                           codec.position_to_client_units(lines, types.Position(*last)))

    def workspace_edit(self, edits) -> types.WorkspaceEdit:
        """A WorkspaceEdit of FileEdits (toolkit/editor/rename.py)."""
        changes: dict[str, list[types.TextEdit]] = {}
        for edit in edits:
            changes.setdefault(self.uri_of(edit.path), []).extend(
                types.TextEdit(range=self.offset_range(edit.text, r.start, r.end), new_text=r.text)
                for r in edit.replacements)
        return types.WorkspaceEdit(changes=changes)


server = StoryServer()
