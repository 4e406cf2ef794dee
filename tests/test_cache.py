"""The cache folder: where it is (never a relative path), when it is trusted (nobody else can write to it),
and the package's YAML data read from the JSON the package ships, never from the cache folder."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from toolkit.files import cache
from toolkit.text.tables import text_digest


def test_a_relative_xdg_cache_home_is_ignored(monkeypatch, tmp_path):
    monkeypatch.delenv("STORYBIBLE_CACHE_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", ".cache")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_folder() == tmp_path / "home" / ".cache" / "storybible"


def test_an_absolute_xdg_cache_home_is_used(monkeypatch, tmp_path):
    monkeypatch.delenv("STORYBIBLE_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_folder() == tmp_path / "xdg" / "storybible"


@pytest.mark.parametrize("value", ["", "relative/cache"])
def test_an_empty_or_relative_storybible_cache_dir_means_no_cache(monkeypatch, value):
    monkeypatch.setenv("STORYBIBLE_CACHE_DIR", value)
    assert cache.cache_folder() is None


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="needs POSIX owners and modes")
@pytest.mark.parametrize("mode", [0o777, 0o775, 0o757])
def test_a_cache_folder_others_can_write_to_is_not_used(monkeypatch, tmp_path, mode):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(mode)
    monkeypatch.setenv("STORYBIBLE_CACHE_DIR", str(shared / "storybible"))
    assert cache.cache_folder() is None
    assert not cache.trusted_folder(shared)


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="needs POSIX owners and modes")
def test_a_folder_of_ones_own_under_a_sticky_folder_is_used(monkeypatch, tmp_path):
    sticky = tmp_path / "tmp"
    sticky.mkdir()
    sticky.chmod(0o1777)
    own = sticky / "cache"
    own.mkdir(mode=0o700)
    monkeypatch.setenv("STORYBIBLE_CACHE_DIR", str(own))
    assert cache.cache_folder() == own
    own.chmod(0o1777)  # the cache folder itself open to all, sticky or not, is not trusted
    assert cache.cache_folder() is None


def test_yaml_data_comes_from_the_shipped_json_when_it_was_made_from_that_text(monkeypatch, tmp_path):
    monkeypatch.setenv("STORYBIBLE_CACHE_DIR", str(tmp_path))
    text = (Path(cache.__file__).parents[1] / "text" / "lang" / "fountain_notes.yaml").read_text("utf-8")
    shipped = cache.kept_as_json("fountain_notes", text, lambda _: pytest.fail("parsed although shipped"))
    assert shipped
    assert cache.kept_as_json("fountain_notes", text + "\n# changed\n", lambda _: {"parsed": 1}) == {"parsed": 1}
    assert list(tmp_path.iterdir()) == []  # nothing kept in the cache folder
    assert text_digest(text) != text_digest(text + " ")
