"""rename changes a story's files together: a symbolic link to a script stays a link (the file it names is
changed), and a rename killed half way leaves a journal that check refuses the folder for."""
from __future__ import annotations

import os

import pytest

from tests.test_bad_input import invoke, refused
from toolkit.files import safety, together

BIBLE = "format: storybible/1\ntitle: Probe\nlanguage: en\ncharacters:\n  - {id: ada, name: Ada}\n" \
        "scripts: [one.fountain, two.fountain]\n"
SCENE = "INT. ROOM - DAY\n\nADA\nHello.\n"


def _story(tmp_path):
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "bible.yaml").write_text(BIBLE, "utf-8")
    (folder / "one.fountain").write_text(SCENE, "utf-8")
    (folder / "two.fountain").write_text(SCENE, "utf-8")
    return folder


def test_a_linked_script_stays_a_link_and_its_file_is_renamed(tmp_path):
    folder = _story(tmp_path)
    shared = folder / "shared"
    shared.mkdir()
    (folder / "two.fountain").rename(shared / "two.fountain")
    os.symlink("shared/two.fountain", folder / "two.fountain")
    result = invoke("rename", str(folder), "Ada", "Beata")
    assert result.exit_code == 0, result.output
    assert os.path.islink(folder / "two.fountain")
    assert "BEATA" in (shared / "two.fountain").read_text("utf-8")
    assert "BEATA" in (folder / "one.fountain").read_text("utf-8")


class _Killed(BaseException):
    pass


def test_a_rename_killed_half_way_is_reported_by_check(tmp_path, monkeypatch):
    folder = _story(tmp_path)
    swaps = []
    real = safety.CheckedReplace.__call__

    def killed_after_one(self, temporary, target):
        if swaps:
            raise _Killed
        swaps.append(target)
        real(self, temporary, target)

    monkeypatch.setattr(safety.CheckedReplace, "__call__", killed_after_one)
    with pytest.raises(_Killed):
        invoke("rename", str(folder), "Ada", "Beata")
    monkeypatch.undo()
    texts = {p.name: p.read_text("utf-8") for p in folder.glob("*.fountain")}
    assert sorted("BEATA" in text for text in texts.values()) == [False, True]  # half renamed
    refused(invoke("check", str(folder)),
            f"{folder / together.JOURNAL}: a change of bible.yaml, one.fountain, two.fountain did not finish (the "
            "run was stopped); the files may be half changed: run the rename again or restore the dated backups, "
            "then delete this file")


def test_a_finished_rename_leaves_no_journal(tmp_path):
    folder = _story(tmp_path)
    assert invoke("rename", str(folder), "Ada", "Beata").exit_code == 0
    assert not (folder / together.JOURNAL).exists()
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]
