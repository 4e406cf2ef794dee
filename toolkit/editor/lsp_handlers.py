"""The requests and notifications of the language server, each answered from the story's last check.

A handler that fails logs the fault to the client and answers with an LSP error, so no request is
left without a reply; parameters that do not fit the protocol are answered with InvalidParams
before they get here (toolkit/editor/lsp_stream.py).
"""
from __future__ import annotations

import asyncio
import contextlib
import functools
import traceback
from pathlib import Path

from lsprotocol import types
from pygls.exceptions import JsonRpcInternalError, JsonRpcInvalidParams

from toolkit.continuity.check import BIBLE_NAME
from toolkit.editor import lsp_answers as answers
from toolkit.editor import lsp_places as places
from toolkit.editor.lsp import (
    SOURCE,
    WATCHED,
    StoryServer,
    rule_documents,
    server,
    warm_up,
)
from toolkit.editor.lsp_fixes import Fixer
from toolkit.editor.rename import plan_rename
from toolkit.errors import StorybibleError
from toolkit.model.names import NameIndex, fold

TOKEN_TYPES = ["unknownCharacter", "deadCharacter"]
_SYMBOL_KINDS = {"character": types.SymbolKind.Class, "scene": types.SymbolKind.Event,
                 "set": types.SymbolKind.Module, "section": types.SymbolKind.Namespace,
                 "organisation": types.SymbolKind.Struct, "location": types.SymbolKind.Module}


def _guarded(handler):
    """Log a fault of a handler to the client and answer the request with an error."""

    @functools.wraps(handler)
    def guarded(ls: StoryServer, params):
        try:
            return handler(ls, params)
        except (JsonRpcInvalidParams, JsonRpcInternalError):
            raise
        except Exception as error:
            ls.log(f"{handler.__name__} failed:\n{traceback.format_exc()}", types.MessageType.Error)
            raise JsonRpcInternalError(f"{handler.__name__} failed: {error}") from None

    return guarded


def _position(ls: StoryServer, uri: str, position: types.Position):
    """The path, lines and (line, index) of a position; None when the line is past the document."""
    path, lines, line, char = ls.position(uri, position)
    return (path, lines, line, char) if line < len(lines) else None


def _character_at(ls: StoryServer, uri: str, position: types.Position):
    """The story's check, the character named at a position, the lines and the name's span; or None."""
    found = _position(ls, uri, position)
    if found is None:
        return None
    path, lines, line, char = found
    check = ls.current(path)
    if check is None or check.bible is None:
        return None
    named = answers.name_at(lines[line], char, NameIndex.from_story(check.bible.story))
    return (check, named[0], lines, named[1]._replace(line=line)) if named else None


# -- life cycle and documents --

@server.feature(types.INITIALIZE)
def initialize(ls: StoryServer, params: types.InitializeParams) -> None:
    options = params.initialization_options
    if isinstance(options, dict) and isinstance(options.get("debounce"), (int, float)):
        ls.debounce = max(0.0, float(options["debounce"]))
    capabilities = params.capabilities
    document = capabilities.text_document
    ls.pull = bool(document and document.diagnostic)
    workspace = capabilities.workspace
    ls.refresh = bool(workspace and workspace.diagnostics and workspace.diagnostics.refresh_support)
    watched = workspace.did_change_watched_files if workspace else None
    ls.watch_files = bool(watched and watched.dynamic_registration)
    warm_up()
    ls.rule_links = rule_documents()


@server.feature(types.INITIALIZED)
def initialized(ls: StoryServer, params: types.InitializedParams) -> None:
    if ls.watch_files:
        watchers = [types.FileSystemWatcher(glob_pattern=pattern) for pattern in WATCHED]
        ls.client_register_capability(types.RegistrationParams(registrations=[types.Registration(
            id="storybible-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers))]))
    ls.log("storybible language server ready")


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
    ls.check_story(ls.key_of(params.text_document.uri))


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
@_guarded
def did_change_watched_files(ls: StoryServer, params: types.DidChangeWatchedFilesParams) -> None:
    ls.recheck_known([ls.path_of(change.uri) for change in params.changes])


# -- diagnostics the client asks for --

@server.feature(types.TEXT_DOCUMENT_DIAGNOSTIC, types.DiagnosticOptions(
    identifier=SOURCE, inter_file_dependencies=True, workspace_diagnostics=True))
@_guarded
def document_diagnostic(ls: StoryServer, params: types.DocumentDiagnosticParams):
    diagnostics = ls.pulled(params.text_document.uri)
    result_id = f"{ls.generation}"
    if params.previous_result_id == result_id:
        return types.RelatedUnchangedDocumentDiagnosticReport(result_id=result_id)
    return types.RelatedFullDocumentDiagnosticReport(items=diagnostics, result_id=result_id)


WORKSPACE_WAIT_SECONDS = 30.0


@server.feature(types.WORKSPACE_DIAGNOSTIC)
async def workspace_diagnostic(ls: StoryServer, params: types.WorkspaceDiagnosticParams):
    """Every file of every story with an open file; a client that already has the latest reports is
    answered when a check changes them (or after WORKSPACE_WAIT_SECONDS), so it does not ask in a loop."""
    known = {entry.value for entry in params.previous_result_ids}
    if params.previous_result_ids and known == {f"{ls.generation}"}:
        with contextlib.suppress(TimeoutError):  # nothing changed: the same reports again
            await asyncio.wait_for(ls.changed.wait(), WORKSPACE_WAIT_SECONDS)
    for key in list(ls.timers):
        ls.check_story(key)
    items = []
    versions = {document.uri: document.version for document in ls.open_documents().values()}
    for report in ls.reports.values():
        for uri, diagnostics in report.items():
            items.append(types.WorkspaceFullDocumentDiagnosticReport(
                uri=uri, items=diagnostics, version=versions.get(uri), result_id=f"{ls.generation}"))
    return types.WorkspaceDiagnosticReport(items=items)


# -- answers --

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
    found = _position(ls, params.text_document.uri, params.position)
    check = ls.current(found[0]) if found else None
    if check is None:
        return None
    place = answers.definition(check, found[1][found[2]], found[3])
    return ls.location(place) if place else None


@server.feature(types.TEXT_DOCUMENT_REFERENCES)
@_guarded
def references(ls: StoryServer, params: types.ReferenceParams) -> list[types.Location]:
    found = _character_at(ls, params.text_document.uri, params.position)
    if found is None:
        return []
    check, ident = found[0], found[1]
    paths = [*check.scripts, check.bible.path]
    texts = {path: text for path in paths if (text := ls.text_of(path)) is not None}
    return [ls.location(place) for place in places.appearances(check, ident, texts)]


@server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[":", ",", "(", " "]))
@_guarded
def completion(ls: StoryServer, params: types.CompletionParams) -> types.CompletionList:
    found = _position(ls, params.text_document.uri, params.position)
    check = ls.current(found[0]) if found else None
    if check is None:
        return types.CompletionList(is_incomplete=False, items=[])
    lines = [text.rstrip("\r\n") for text in found[1]]
    kinds = {"name": types.CompletionItemKind.Reference, "extension": types.CompletionItemKind.Keyword,
             "heading": types.CompletionItemKind.Module}
    items = [types.CompletionItem(
        label=item.label, kind=kinds[item.kind], detail=item.detail, documentation=item.documentation or None,
        text_edit=types.TextEdit(range=ls.range(lines, item.replace.line, item.replace.start, item.replace.end),
                                 new_text=item.label))
        for item in answers.completions(check, lines, found[2], found[3])]
    return types.CompletionList(is_incomplete=False, items=items)


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
@_guarded
def code_action(ls: StoryServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    path = ls.path_of(params.text_document.uri)
    check = ls.current(path)
    if check is None:
        return []
    fixer = Fixer(check, path, ls.text_of)
    actions = []
    for diagnostic in params.context.diagnostics:
        if diagnostic.source != SOURCE or not isinstance(diagnostic.code, str):
            continue
        _, lines, line, start = ls.position(params.text_document.uri, diagnostic.range.start)
        end = ls.position(params.text_document.uri, diagnostic.range.end)[3]
        data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
        written = lines[line][start:end] if line < len(lines) else ""
        for fix in fixer.fixes(diagnostic.code, line + 1, start, written, data):
            actions.append(types.CodeAction(title=fix.title, kind=types.CodeActionKind.QuickFix,
                                            diagnostics=[diagnostic], is_preferred=fix.preferred or None,
                                            edit=ls.workspace_edit(fix.edits)))
    return actions


def _symbol(ls: StoryServer, lines: list[str], symbol: answers.Symbol) -> types.DocumentSymbol:
    first, last = symbol.first_line - 1, min(symbol.last_line, len(lines)) - 1
    whole = types.Range(ls.range(lines, first, 0, 0).start,
                        ls.range(lines, last, 0, len(lines[last]) if 0 <= last < len(lines) else 0).end)
    heading = ls.range(lines, first, 0, len(lines[first]) if 0 <= first < len(lines) else 0)
    return types.DocumentSymbol(name=symbol.name or "?", kind=_SYMBOL_KINDS.get(symbol.kind, types.SymbolKind.Event),
                                range=whole, selection_range=heading, detail=symbol.detail or None,
                                children=[_symbol(ls, lines, child) for child in symbol.children])


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
@_guarded
def document_symbol(ls: StoryServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
    path = ls.path_of(params.text_document.uri)
    check = ls.current(path)
    lines = [text.rstrip("\r\n") for text in ls.workspace.get_text_document(params.text_document.uri).lines]
    if check is None:
        return []
    if path.name == BIBLE_NAME:
        outline = places.bible_outline(check, lines)
    else:
        script = check.scripts.get(path)
        outline = answers.outline(script, lines) if script else []
    return [_symbol(ls, lines, symbol) for symbol in outline]


@server.feature(types.WORKSPACE_SYMBOL)
@_guarded
def workspace_symbol(ls: StoryServer, params: types.WorkspaceSymbolParams) -> list[types.SymbolInformation]:
    out = []
    for check in list(ls.checks.values()):
        for symbol in places.matching(places.story_symbols(check), params.query):
            out.append(types.SymbolInformation(name=symbol.name, kind=_SYMBOL_KINDS[symbol.kind],
                                               location=ls.location(symbol.place),
                                               container_name=symbol.detail or None))
    return out


@server.feature(types.TEXT_DOCUMENT_FOLDING_RANGE)
@_guarded
def folding_range(ls: StoryServer, params: types.FoldingRangeParams) -> list[types.FoldingRange]:
    path = ls.path_of(params.text_document.uri)
    check = ls.current(path)
    script = check.scripts.get(path) if check else None
    if script is None:
        return []
    lines = [text.rstrip("\r\n") for text in ls.workspace.get_text_document(params.text_document.uri).lines]
    return [types.FoldingRange(start_line=first, end_line=last, kind=types.FoldingRangeKind.Region)
            for first, last in places.folds(script, lines)]


@server.feature(types.TEXT_DOCUMENT_INLAY_HINT)
@_guarded
def inlay_hint(ls: StoryServer, params: types.InlayHintParams) -> list[types.InlayHint]:
    path = ls.path_of(params.text_document.uri)
    check = ls.current(path)
    if check is None:
        return []
    lines = list(ls.workspace.get_text_document(params.text_document.uri).lines)
    first, last = params.range.start.line, params.range.end.line
    return [types.InlayHint(position=ls.range(lines, line, char, char).start, label=label,
                            kind=types.InlayHintKind.Type, padding_left=True)
            for line, char, label in places.cast_hints(check, path, lines) if first <= line <= last]


@server.feature(types.TEXT_DOCUMENT_SEMANTIC_TOKENS_FULL,
                types.SemanticTokensLegend(token_types=TOKEN_TYPES, token_modifiers=[]))
@_guarded
def semantic_tokens(ls: StoryServer, params: types.SemanticTokensParams) -> types.SemanticTokens:
    path = ls.path_of(params.text_document.uri)
    check = ls.current(path)
    if check is None:
        return types.SemanticTokens(data=[])
    lines = list(ls.workspace.get_text_document(params.text_document.uri).lines)
    data, last_line, last_start = [], 0, 0
    for token in places.cue_tokens(check, path):
        where = ls.range(lines, token.span.line, token.span.start, token.span.end)
        line, start = where.start.line, where.start.character
        data += [line - last_line, start - last_start if line == last_line else start,
                 where.end.character - start, TOKEN_TYPES.index(token.kind), 0]
        last_line, last_start = line, start
    return types.SemanticTokens(data=data)


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
    new = params.new_name.title() if params.new_name.isupper() else params.new_name
    try:
        plan = plan_rename(Path(check.bible.path).parent, old, new, texts=ls.unsaved())
    except StorybibleError as error:
        raise JsonRpcInvalidParams(str(error)) from None
    return ls.workspace_edit(plan.edits)
