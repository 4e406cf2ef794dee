"""A real editor: Neovim's own LSP client, headless, shows the checker's diagnostics for a script."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT

NVIM = shutil.which("nvim")


@pytest.mark.skipif(NVIM is None, reason="Neovim (nvim) is not installed; `apt-get install neovim` brings it")
def test_neovim_shows_diagnostics_finds_references_and_applies_a_fix_in_the_bible(tmp_path: Path):
    story = tmp_path / "harbour"
    shutil.copytree(FIXTURES / "lsp" / "harbour", story)
    out = tmp_path / "nvim.txt"
    environment = {**os.environ, "STORYBIBLE_NVIM_OUT": str(out), "PYTHONPATH": str(ROOT),
                   "STORYBIBLE_LSP_CMD": json.dumps([sys.executable, "-m", "toolkit", "lsp"]),
                   "XDG_STATE_HOME": str(tmp_path / "state"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    result = subprocess.run([NVIM, "--headless", "-u", str(ROOT / "scripts" / "nvim_lsp_test.lua"),
                             "draft.fountain"], cwd=story, env=environment, capture_output=True, text=True,
                            timeout=180, stdin=subprocess.DEVNULL, check=False)
    shown = out.read_text("utf-8").splitlines() if out.exists() else []
    assert result.returncode == 0, (result.stdout, result.stderr, shown)
    assert ("draft.fountain:19:1: W CB102 'Oskra' looks like a misspelling of 'Oskar'; write the bible name "
            "or add the spelling as an alias") in shown
    diagnostics = [line.split(" ")[:3] for line in shown if line.startswith("draft.fountain:")]
    assert diagnostics == [["draft.fountain:19:1:", "W", "CB102"], ["draft.fountain:25:1:", "E", "CB201"],
                           ["draft.fountain:28:1:", "E", "CB101"]]
    references = {line.split(" ")[1] for line in shown if line.startswith("reference ")}
    assert {"draft.fountain:7", "draft.fountain:9", "draft.fountain:17", "draft.fountain:25"} <= references
    assert any(place.startswith("bible.yaml:") for place in references)
    assert "action Add Oskra as an alias of Oskar Brandt" in shown
    # the fix opened bible.yaml; the editor attached it, so the server saw the edit and the warning went
    assert "bible.yaml attached: true" in shown
    assert "after the fix: CB101 CB201" in shown
