"""The language server end to end, over stdio, as an editor drives it (pytest-lsp's client)."""
from __future__ import annotations

import asyncio
import shutil
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.conftest import FIXTURES

STORY = FIXTURES / "lsp" / "harbour"


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "toolkit", "lsp"]))
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=types.ClientCapabilities(), initialization_options={"debounce": 0.05}))
    yield
    await lsp_client.shutdown_session()


@pytest.fixture
def story(tmp_path: Path) -> Path:
    folder = tmp_path / "harbour"
    shutil.copytree(STORY, folder)
    return folder


async def diagnostics_for(client: LanguageClient, uri: str, until=lambda found: True, seconds: float = 30):
    """The diagnostics last published for uri, once `until` holds for them."""
    deadline = asyncio.get_running_loop().time() + seconds
    while True:
        found = client.diagnostics.get(uri)
        if found is not None and until(found):
            return found
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"no diagnostics as expected for {uri}; last: {found}")
        await asyncio.sleep(0.05)


def codes_and_lines(diagnostics) -> set[tuple[str, int]]:
    return {(d.code, d.range.start.line + 1) for d in diagnostics}


def open_document(client: LanguageClient, path: Path, text: str | None = None) -> str:
    uri = path.as_uri()
    language = "yaml" if path.suffix == ".yaml" else "fountain"
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(
        uri=uri, language_id=language, version=1, text=path.read_text("utf-8") if text is None else text)))
    return uri


def change(client: LanguageClient, uri: str, version: int, line: int, start: int, end: int, text: str) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(types.Position(line, start), types.Position(line, end)), text=text)]))


PLANTED = {("CB102", 19), ("CB201", 25), ("CB101", 28)}


@pytest.mark.asyncio
async def test_open_script_gets_the_planted_faults_with_their_lines(client: LanguageClient, story: Path):
    uri = open_document(client, story / "draft.fountain")
    found = await diagnostics_for(client, uri, lambda d: len(d) >= 3)
    assert codes_and_lines(found) == PLANTED
    by_code = {d.code: d for d in found}
    assert by_code["CB201"].severity == types.DiagnosticSeverity.Error
    assert by_code["CB102"].severity == types.DiagnosticSeverity.Warning
    assert by_code["CB101"].message.startswith("KESTREL names no one in the bible")
    assert by_code["CB101"].source == "storybible"
    # the range covers the name, the code links to the rule's documentation
    assert (by_code["CB101"].range.start.character, by_code["CB101"].range.end.character) == (0, 7)
    href = by_code["CB101"].code_description.href
    assert href.endswith("CB101-unknown-character.md")
    assert Path(unquote(urlparse(href).path)).read_text("utf-8").startswith("# CB101 unknown-character")


@pytest.mark.asyncio
async def test_edits_update_the_diagnostics(client: LanguageClient, story: Path):
    uri = open_document(client, story / "draft.fountain")
    await diagnostics_for(client, uri, lambda d: codes_and_lines(d) == PLANTED)
    change(client, uri, 2, 18, 0, 5, "Oskar")  # fix the misspelling (line 19)
    change(client, uri, 3, 11, 0, 5, "OSKAA")  # a new unknown cue (line 12)
    found = await diagnostics_for(client, uri, lambda d: ("CB102", 19) not in codes_and_lines(d))
    lines = codes_and_lines(found)
    assert ("CB201", 25) in lines and ("CB101", 28) in lines
    assert any(line == 12 for _, line in lines), lines
    # the file on disk is untouched: the check read the editor's text
    assert "Oskra" in (story / "draft.fountain").read_text("utf-8")


@pytest.mark.asyncio
async def test_a_bible_change_rechecks_the_open_scripts(client: LanguageClient, story: Path):
    script = open_document(client, story / "draft.fountain")
    await diagnostics_for(client, script, lambda d: codes_and_lines(d) == PLANTED)
    bible_path = story / "bible.yaml"
    text = bible_path.read_text("utf-8").replace("aliases: [Oskar, Brandt]", "aliases: [Oskar, Brandt, Kestrel]")
    bible = open_document(client, bible_path)
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=bible, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
    found = await diagnostics_for(client, script, lambda d: ("CB101", 28) not in codes_and_lines(d))
    assert codes_and_lines(found) == PLANTED - {("CB101", 28)}


@pytest.mark.asyncio
async def test_a_broken_bible_is_a_diagnostic_on_it_not_a_crash(client: LanguageClient, story: Path):
    script = open_document(client, story / "draft.fountain")
    await diagnostics_for(client, script, lambda d: len(d) >= 3)
    bible = open_document(client, story / "bible.yaml", "format: storybible/1\ncharacters: [\n  - {id: x\n")
    found = await diagnostics_for(client, bible, lambda d: any("YAML does not parse" in x.message for x in d))
    assert found[0].severity == types.DiagnosticSeverity.Error
    assert found[0].range.start.line >= 1
    # the script keeps what the last check with a bible found
    assert codes_and_lines(client.diagnostics[script]) == PLANTED
    # the server still answers
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(types.TextDocumentIdentifier(script)))
    assert symbols is not None


@pytest.mark.asyncio
async def test_an_unreadable_script_is_a_diagnostic_on_it(client: LanguageClient, story: Path):
    (story / "draft.fountain").write_bytes(b"INT. ROOM\x00\x00\x00 - DAY\n")
    bible = open_document(client, story / "bible.yaml")
    script = (story / "draft.fountain").as_uri()
    found = await diagnostics_for(client, script)
    assert "binary file" in found[0].message
    await diagnostics_for(client, bible)


@pytest.mark.asyncio
async def test_hover_shows_the_character_sheet(client: LanguageClient, story: Path):
    uri = open_document(client, story / "draft.fountain")
    for line, character in ((8, 1), (6, 10), (24, 2)):  # cue, cast note, cue after the death
        hover = await client.text_document_hover_async(types.HoverParams(
            types.TextDocumentIdentifier(uri), types.Position(line, character)))
        text = hover.contents.value
        assert "**Mara Vell** — harbour pilot" in text
        assert "A harbour pilot who knows every wreck." in text
        assert "CG (former, officer)" in text
        assert "killed by Oskar Brandt in scene 2" in text
        assert "First appearance: scene 1" in text and "last: scene 3" in text
    hover = await client.text_document_hover_async(types.HoverParams(
        types.TextDocumentIdentifier(uri), types.Position(12, 3)))  # "Then we wait."
    assert hover is None


@pytest.mark.asyncio
async def test_definition_goes_to_the_bible_and_to_the_scene(client: LanguageClient, story: Path):
    uri = open_document(client, story / "draft.fountain")
    bible_lines = (story / "bible.yaml").read_text("utf-8").splitlines()
    found = await client.text_document_definition_async(types.DefinitionParams(
        types.TextDocumentIdentifier(uri), types.Position(6, 16)))  # BRANDT in the cast note
    assert found.uri == (story / "bible.yaml").as_uri()
    assert bible_lines[found.range.start.line].strip() == "- id: oskar-brandt"
    found = await client.text_document_definition_async(types.DefinitionParams(
        types.TextDocumentIdentifier(uri), types.Position(16, 10)))  # MARA in [[dies: MARA]]
    assert (found.uri, found.range.start.line) == (uri, 14)
    bible = open_document(client, story / "bible.yaml")
    line = next(i for i, text in enumerate(bible_lines) if 'scene: "2"' in text)
    found = await client.text_document_definition_async(types.DefinitionParams(
        types.TextDocumentIdentifier(bible), types.Position(line, bible_lines[line].index('"2"') + 1)))
    assert (found.uri, found.range.start.line) == (uri, 14)


@pytest.mark.asyncio
async def test_completion_of_names_in_cues_and_cast_notes(client: LanguageClient, story: Path):
    text = (story / "draft.fountain").read_text("utf-8") + "\nOS\n\n[[cast: MARA, Br\n"
    uri = open_document(client, story / "draft.fountain", text)
    lines = text.split("\n")
    cue = lines.index("OS")
    found = await client.text_document_completion_async(types.CompletionParams(
        types.TextDocumentIdentifier(uri), types.Position(cue, 2)))
    labels = {item.label for item in found.items}
    assert labels == {"OSKAR BRANDT", "OSKAR"}
    assert found.items[0].text_edit.range.start == types.Position(cue, 0)
    note = lines.index("[[cast: MARA, Br")
    found = await client.text_document_completion_async(types.CompletionParams(
        types.TextDocumentIdentifier(uri), types.Position(note, 16)))
    assert {item.label for item in found.items} == {"BRANDT"}
    found = await client.text_document_completion_async(types.CompletionParams(
        types.TextDocumentIdentifier(uri), types.Position(12, 4)))  # inside dialogue: nothing
    assert not found.items


@pytest.mark.asyncio
async def test_code_actions_fix_names(client: LanguageClient, story: Path):
    uri = open_document(client, story / "draft.fountain")
    found = await diagnostics_for(client, uri, lambda d: len(d) >= 3)
    bible = (story / "bible.yaml").as_uri()
    unknown = next(d for d in found if d.code == "CB101")
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), unknown.range, types.CodeActionContext(diagnostics=[unknown])))
    add = next(a for a in actions if a.title == "Add Kestrel to bible.yaml")
    (edit,) = add.edit.changes[bible]
    assert edit.new_text == "\n  - {id: kestrel, name: Kestrel, gender: unknown}"
    variant = next(d for d in found if d.code == "CB102")
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), variant.range, types.CodeActionContext(diagnostics=[variant])))
    titles = [a.title for a in actions]
    assert titles == ["Replace with Oskar", "Add Oskra as an alias of Oskar Brandt", "Ignore CB102 in scene 2"]
    assert not any("Rename" in title for title in titles)  # never a rename towards the misspelling
    (replace,) = actions[0].edit.changes[uri]
    assert (replace.range.start, replace.range.end, replace.new_text) == (
        types.Position(18, 0), types.Position(18, 5), "Oskar")
    assert actions[0].is_preferred
    (alias,) = actions[1].edit.changes[bible]
    assert alias.new_text == ", Oskra"  # joins `aliases: [Oskar, Brandt]`
    (ignore,) = actions[2].edit.changes[uri]
    assert ignore.range.start == types.Position(14, 20) and ignore.new_text == "\n\n[[continuity: ignore CB102]]"


@pytest.mark.asyncio
async def test_rename_request_renames_everywhere(client: LanguageClient, story: Path):
    uri = open_document(client, story / "draft.fountain")
    edit = await client.text_document_rename_async(types.RenameParams(
        types.TextDocumentIdentifier(uri), types.Position(8, 1), new_name="Marta"))
    script_edits = edit.changes[uri]
    assert sorted(e.range.start.line for e in script_edits) == [6, 8, 16, 24]
    assert {e.new_text for e in script_edits} == {"MARTA"}
    bible_edits = edit.changes[(story / "bible.yaml").as_uri()]
    assert [e.new_text for e in bible_edits] == [", Marta"]  # MARA is an alias: Marta joins it


@pytest.mark.asyncio
async def test_document_symbols_are_sections_and_scenes(client: LanguageClient, story: Path):
    uri = open_document(client, story / "draft.fountain")
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(types.TextDocumentIdentifier(uri)))
    assert [s.name for s in symbols] == ["Act One", "Act Two"]
    assert [c.name for c in symbols[0].children] == ["1 INT. PILOT HOUSE - NIGHT", "2 EXT. QUAY - DAWN"]
    assert [c.name for c in symbols[1].children] == ["3 INT. WAREHOUSE - DAY"]
    assert symbols[0].range.end.line < symbols[1].range.start.line
    assert symbols[0].children[1].selection_range.start.line == 14
