"""The language server knows the whole story: every file's diagnostics, every appearance of a
character, the story's symbols, folds, hints and marks, and fixes that do what the message says."""
from __future__ import annotations

import asyncio
import re
import shutil
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.conftest import FIXTURES
from tests.test_lsp import PLANTED, codes_and_lines, diagnostics_for, open_document

SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "toolkit", "lsp"])
SECOND = """INT. LIGHTHOUSE - NIGHT #4#

MARA
Back from the dead.

GULL
Nobody listens.
"""
WATCHING = types.ClientCapabilities(workspace=types.WorkspaceClientCapabilities(
    did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True)))


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient):
    lsp_client.registrations = []

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(ls, params: types.RegistrationParams):
        lsp_client.registrations += params.registrations

    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=WATCHING, initialization_options={"debounce": 0.05}))
    yield
    await lsp_client.shutdown_session()


@pytest.fixture
def story(tmp_path: Path) -> Path:
    folder = tmp_path / "harbour"
    shutil.copytree(FIXTURES / "lsp" / "harbour", folder)
    (folder / "second.fountain").write_text(SECOND, "utf-8")
    bible = folder / "bible.yaml"
    text = bible.read_text("utf-8").replace("scripts: [draft.fountain]", "scripts: [draft.fountain, second.fountain]")
    text = text.replace("aliases: [Mara]", "aliases: [Mara, Maras, Marra]")
    text += "locations:\n  - {id: quay, name: Quay, setting: EXT}\n  - {id: pilot-house, name: Pilot House}\n"
    bible.write_text(text, "utf-8")
    return folder


@pytest.mark.asyncio
async def test_every_file_of_the_story_has_diagnostics_once_one_is_open(client: LanguageClient, story: Path):
    open_document(client, story / "draft.fountain")
    second = await diagnostics_for(client, (story / "second.fountain").as_uri(), lambda d: len(d) >= 2)
    assert codes_and_lines(second) == {("CB201", 3), ("CB101", 6)}
    await diagnostics_for(client, (story / "bible.yaml").as_uri())


@pytest.mark.asyncio
async def test_changes_on_disk_come_in_through_watched_files(client: LanguageClient, story: Path):
    script = open_document(client, story / "draft.fountain")
    await diagnostics_for(client, script, lambda d: codes_and_lines(d) == PLANTED)
    (registration,) = client.registrations
    assert registration.method == "workspace/didChangeWatchedFiles"
    watchers = registration.register_options["watchers"]
    assert {w["globPattern"] for w in watchers} == {"**/*.fountain", "**/bible.yaml"}
    bible = story / "bible.yaml"
    bible.write_text(bible.read_text("utf-8").replace("aliases: [Oskar, Brandt]", "aliases: [Oskar, Brandt, Kestrel]"))
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=bible.as_uri(), type=types.FileChangeType.Changed)]))
    found = await diagnostics_for(client, script, lambda d: ("CB101", 28) not in codes_and_lines(d))
    assert codes_and_lines(found) == PLANTED - {("CB101", 28)}


def _lines_by_file(locations) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for location in locations:
        out.setdefault(Path(location.uri).name, []).append(location.range.start.line + 1)
    return out


@pytest.mark.asyncio
async def test_references_are_every_appearance(client: LanguageClient, story: Path):
    uri = open_document(client, story / "draft.fountain")
    found = await client.text_document_references_async(types.ReferenceParams(
        text_document=types.TextDocumentIdentifier(uri), position=types.Position(8, 1),
        context=types.ReferenceContext(include_declaration=True)))
    lines = _lines_by_file(found)
    assert sorted(lines["draft.fountain"]) == [7, 9, 17, 25]  # cast note, cue, death note, cue after death
    assert lines["second.fountain"] == [3]
    bible_lines = (story / "bible.yaml").read_text("utf-8").splitlines()
    assert {bible_lines[n - 1].strip() for n in lines["bible.yaml"]} >= {
        "- id: mara-vell", "name: Mara Vell", "aliases: [Mara, Maras, Marra]"}


@pytest.mark.asyncio
async def test_workspace_symbols_bible_outline_folds_and_hints(client: LanguageClient, story: Path):
    uri = open_document(client, story / "draft.fountain")
    await diagnostics_for(client, uri)
    symbols = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="mara"))
    assert [(s.name, s.kind) for s in symbols] == [("Mara Vell", types.SymbolKind.Class)]
    symbols = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query=""))
    kinds = {s.kind for s in symbols}
    assert {"4 INT. LIGHTHOUSE - NIGHT", "Quay", "Oskar Brandt"} <= {s.name for s in symbols}
    assert kinds == {types.SymbolKind.Class, types.SymbolKind.Event, types.SymbolKind.Module}
    bible = open_document(client, story / "bible.yaml")
    outline = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(types.TextDocumentIdentifier(bible)))
    assert [(s.name, [c.name for c in s.children]) for s in outline] == [
        ("characters", ["Mara Vell", "Oskar Brandt"]), ("organisations", ["Coast Guard"]),
        ("locations", ["Quay", "Pilot House"])]
    folds = await client.text_document_folding_range_async(
        types.FoldingRangeParams(types.TextDocumentIdentifier(uri)))
    assert {(f.start_line + 1, f.end_line + 1) for f in folds} == {(3, 19), (5, 13), (15, 19), (21, 29), (23, 29)}
    hints = await client.text_document_inlay_hint_async(types.InlayHintParams(
        types.TextDocumentIdentifier(uri), types.Range(types.Position(0, 0), types.Position(40, 0))))
    # NIGHT, then DAWN: a time of day that runs backwards starts the next day, inferred (≈)
    assert [(h.position.line + 1, h.label) for h in hints] == [
        (5, "cast 2 · day 1"), (15, "cast 0 · day ≈2"), (23, "cast 2 · day 2")]


@pytest.mark.asyncio
async def test_semantic_tokens_mark_unknown_and_dead_cues(client: LanguageClient, story: Path):
    uri = open_document(client, story / "draft.fountain")
    tokens = await client.text_document_semantic_tokens_full_async(
        types.SemanticTokensParams(types.TextDocumentIdentifier(uri)))
    data, line, decoded = tokens.data, 0, []
    for i in range(0, len(data), 5):
        line += data[i]
        decoded.append((line + 1, data[i + 1], data[i + 2], data[i + 3]))
    assert decoded == [(25, 0, 4, 1), (28, 0, 7, 0)]  # MARA after her death; KESTREL, whom no one knows


@pytest.mark.asyncio
async def test_death_fixes_and_related_places(client: LanguageClient, story: Path):
    uri = open_document(client, story / "draft.fountain")
    found = await diagnostics_for(client, uri, lambda d: codes_and_lines(d) == PLANTED)
    dead = next(d for d in found if d.code == "CB201")
    related = {(Path(r.location.uri).name, r.location.range.start.line + 1, r.message)
               for r in dead.related_information}
    assert ("draft.fountain", 17, "the death") in related  # the [[dies: MARA]] line
    assert ("bible.yaml", 7, "the bible's entry") in related
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), dead.range, types.CodeActionContext(diagnostics=[dead])))
    titles = [a.title for a in actions]
    assert titles == ["Mark scene 3 as a flashback", "Ignore CB201 in scene 3"]
    assert [e.new_text for e in actions[0].edit.changes[uri]] == ["\n\n[[flashback]]"]
    assert [e.new_text for e in actions[1].edit.changes[uri]] == ["\n\n[[continuity: ignore CB201]]"]
    assert actions[1].edit.changes[uri][0].range.start == types.Position(22, 24)  # after the heading


@pytest.mark.asyncio
async def test_set_the_bibles_death_scene_to_this_scene(client: LanguageClient, story: Path):
    text = (story / "draft.fountain").read_text("utf-8").replace("[[dies: MARA]]\n", "").replace(
        "KESTREL\nWho are you?", "[[dies: BRANDT]]")
    bible = story / "bible.yaml"
    bible.write_text(bible.read_text("utf-8").replace("    role: smuggler\n", "    role: smuggler\n"
                                                      "    fate: {status: killed, scene: \"2\"}\n"))
    uri = open_document(client, story / "draft.fountain", text)
    found = await diagnostics_for(client, uri, lambda d: any(x.code == "CB202" for x in d))
    mismatch = next(d for d in found if d.code == "CB202")
    assert any(Path(r.location.uri).name == "bible.yaml" for r in mismatch.related_information)
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), mismatch.range, types.CodeActionContext(diagnostics=[mismatch])))
    fix = next(a for a in actions if a.title.startswith("Set Oskar Brandt's death"))
    (edit,) = fix.edit.changes[bible.as_uri()]
    assert edit.new_text == '"3"'
    assert bible.read_text("utf-8").splitlines()[edit.range.start.line].endswith('scene: "2"}')


@pytest.mark.asyncio
async def test_completion_nominative_names_extensions_and_headings(client: LanguageClient, story: Path):
    text = (story / "draft.fountain").read_text("utf-8") + "\nMA\n\nMARA (\n\nEXT. Q\n"
    uri = open_document(client, story / "draft.fountain", text)
    lines = text.split("\n")

    async def labels(line: str, column: int | None = None) -> set[str]:
        number = lines.index(line)
        found = await client.text_document_completion_async(types.CompletionParams(
            types.TextDocumentIdentifier(uri), types.Position(number, len(line) if column is None else column)))
        return {item.label for item in found.items}

    assert await labels("MA") == {"MARA VELL", "MARA"}  # not the genitive MARAS, not the misspelt MARRA
    assert await labels("MARA (") == {"(V.O.)", "(O.S.)", "(O.C.)", "(CONT'D)"}
    assert await labels("EXT. Q") == {"QUAY"}


@pytest.mark.asyncio
async def test_hover_escapes_the_bibles_markdown(client: LanguageClient, story: Path):
    bible = story / "bible.yaml"
    bible.write_text(bible.read_text("utf-8").replace(
        "summary: A harbour pilot who knows every wreck. She trusts no one.",
        "summary: '![x](https://example.org/t.png) [run](command:workbench.action.terminal.new) <img src=x>.'"))
    uri = open_document(client, story / "draft.fountain")
    hover = await client.text_document_hover_async(types.HoverParams(
        types.TextDocumentIdentifier(uri), types.Position(8, 1)))
    text = hover.contents.value
    assert r"!\[x\](https://example.org/t.png) \[run\](command:workbench.action.terminal.new) \<img src=x\>" in text
    assert not re.search(r"(?<!\\)[<\[\]]", text)  # no bracket or tag left unescaped


PULLING = types.ClientCapabilities(
    text_document=types.TextDocumentClientCapabilities(diagnostic=types.DiagnosticClientCapabilities()),
    workspace=types.WorkspaceClientCapabilities(diagnostics=types.DiagnosticWorkspaceClientCapabilities(
        refresh_support=True)))


@pytest_lsp.fixture(config=SERVER)
async def puller(lsp_client: LanguageClient):
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=PULLING, initialization_options={"debounce": 0.05}))
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_a_client_that_pulls_gets_document_and_workspace_diagnostics(puller: LanguageClient, story: Path):
    uri = open_document(puller, story / "draft.fountain")
    report = await puller.text_document_diagnostic_async(types.DocumentDiagnosticParams(
        text_document=types.TextDocumentIdentifier(uri)))
    assert codes_and_lines(report.items) == PLANTED
    again = await puller.text_document_diagnostic_async(types.DocumentDiagnosticParams(
        text_document=types.TextDocumentIdentifier(uri), previous_result_id=report.result_id))
    assert again.kind == "unchanged"
    workspace = await puller.workspace_diagnostic_async(types.WorkspaceDiagnosticParams(previous_result_ids=[]))
    by_file = {Path(item.uri).name: codes_and_lines(item.items) for item in workspace.items}
    assert by_file["second.fountain"] == {("CB201", 3), ("CB101", 6)}
    assert by_file["draft.fountain"] == PLANTED and "bible.yaml" in by_file
    assert not puller.diagnostics  # nothing published twice
    bible = open_document(puller, story / "bible.yaml")
    latest = await puller.workspace_diagnostic_async(types.WorkspaceDiagnosticParams(previous_result_ids=[]))
    previous = [types.PreviousResultId(uri=item.uri, value=item.result_id) for item in latest.items]
    waiting = asyncio.ensure_future(puller.workspace_diagnostic_async(
        types.WorkspaceDiagnosticParams(previous_result_ids=previous)))
    await asyncio.sleep(0.5)
    assert not waiting.done()  # a client with the latest reports is answered when something changes
    puller.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=bible, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(
            text=(story / "bible.yaml").read_text("utf-8").replace("[Oskar, Brandt]", "[Oskar, Brandt, Kestrel]"))]))
    before = puller.diagnostic_refresh_count
    for _ in range(100):
        if puller.diagnostic_refresh_count > before:
            break
        await asyncio.sleep(0.05)
    assert puller.diagnostic_refresh_count > before  # the client is told to ask again
    woken = await asyncio.wait_for(waiting, 10)
    by_file = {Path(item.uri).name: codes_and_lines(item.items) for item in woken.items}
    assert by_file["draft.fountain"] == PLANTED - {("CB101", 28)}
    report = await puller.text_document_diagnostic_async(types.DocumentDiagnosticParams(
        text_document=types.TextDocumentIdentifier(uri)))
    assert codes_and_lines(report.items) == PLANTED - {("CB101", 28)}


def test_check_suggests_the_name_never_a_misspelt_alias(tmp_path: Path):
    from toolkit.continuity.check import check

    folder = tmp_path / "sewers"
    folder.mkdir()
    (folder / "bible.yaml").write_text("format: storybible/1\ntitle: T\nlanguage: en\ncharacters:\n"
                                       "  - {id: severs, name: Severs, aliases: [Sewers, Severs's], gender: m}\n")
    (folder / "a.fountain").write_text("INT. ROOM - DAY #1#\n\nSEWRS\nHello.\n\nSewrs waits.\n")
    messages = [d.message for d in check([folder]).diagnostics if d.code in ("CB101", "CB102")]
    assert messages and all("Severs" in m or "SEVERS" in m for m in messages), messages
    assert not any("Sewers" in m or "SEWERS" in m for m in messages)


def test_an_edit_reads_again_only_the_paragraph_it_changed(story: Path, monkeypatch):
    from toolkit.continuity import facts as check_module
    from toolkit.continuity.incremental import StoryChecker

    script = story / "draft.fountain"
    text = script.read_text("utf-8").replace("Oskra drags the boat ashore.",
                                             "Oskar drags the boat ashore. Mara Vell watches him.")
    text += "".join(f"\nINT. SHED {n} - DAY #{n}#\n\nOskar mends net {n}. Mara Vell shoots Oskar {n} times.\n"
                    for n in range(4, 40))
    checker = StoryChecker(story / "bible.yaml")
    checker.check({script: text}, [script])
    read: list[str] = []
    splitter = check_module._splitter("en")
    original = splitter.split
    monkeypatch.setattr(splitter, "split", lambda paragraph: read.append(paragraph) or original(paragraph))
    edited = text.replace("Oskar mends net 20.", "Oskar mends the net 20.")
    after = checker.check({script: edited}, [script])
    assert read == ["Oskar mends the net 20. Mara Vell shoots Oskar 20 times."]
    assert len(after.result.scenes) == 40  # and the story (both scripts) was checked whole


@pytest.mark.parametrize("title, note", [("Mark scene 2 as a flashback", "[[Rückblende]]"),
                                         ("Ignore CB201 in scene 2", "[[Kontinuität: ignoriere CB201]]")])
def test_german_fixes_write_german_notes_and_the_check_then_passes(tmp_path: Path, title: str, note: str):
    from toolkit.continuity.incremental import StoryChecker
    from toolkit.editor.lsp_fixes import Fixer

    (tmp_path / "bible.yaml").write_text(
        "format: storybible/1\ntitle: T\nlanguage: de\nscripts: [akt.fountain]\ncharacters:\n"
        "  - {id: vera, name: Vera Roth, aliases: [Vera], gender: f, fate: {status: killed, scene: '1'}}\n", "utf-8")
    script = tmp_path / "akt.fountain"
    text = ".INNEN. BÜRO – TAG #1#\n\n[[stirbt: VERA]]\n\n.INNEN. FLUR – NACHT #2#\n\nVERA\nIch bin zurück.\n"
    script.write_text(text, "utf-8")
    checker = StoryChecker(tmp_path / "bible.yaml")
    found = checker.check({}, [script])
    dead = next(d for d in found.result.diagnostics if d.code == "CB201")
    fixes = {fix.title: fix for fix in Fixer(found, script, lambda p: p.read_text("utf-8")).fixes(
        dead.code, dead.line, dead.column - 1, "VERA", dict(dead.details))}
    (edit,) = fixes[title].edits
    assert edit.new_text.startswith(f".INNEN. BÜRO – TAG #1#\n\n[[stirbt: VERA]]\n\n.INNEN. FLUR – NACHT #2#\n\n{note}\n")
    script.write_text(edit.new_text, "utf-8")
    assert not [d for d in StoryChecker(tmp_path / "bible.yaml").check({}, [script]).result.diagnostics
                if d.code == "CB201"]
