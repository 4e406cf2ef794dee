"""The cache folder: tables kept between runs, and what other versions left there cleared away."""
from __future__ import annotations

import marshal
import os
import time

from toolkit.files import cache

DAY = 24 * 3600


def _aged(path, days: float) -> None:
    then = time.time() - days * DAY
    os.utime(path, (then, then))


def test_a_new_table_clears_the_versions_no_run_has_read_for_a_month(tmp_path, monkeypatch):
    monkeypatch.setenv("STORYBIBLE_CACHE_DIR", str(tmp_path))
    stale, recent, other = tmp_path / "tiny_table-0badc0de.marshal", tmp_path / "tiny_table-1234abcd.marshal", \
        tmp_path / "tiny_tablet-0badc0de.marshal"
    for path in (stale, recent, other):
        path.write_bytes(marshal.dumps({"old": "table"}))
        _aged(path, 40)
    _aged(recent, 3)  # another installation read it three days ago

    def _tiny_table() -> dict[str, str]:
        return {"word": "kind"}

    assert cache.kept_between_runs()(_tiny_table)() == {"word": "kind"}
    kept = sorted(p.name for p in tmp_path.iterdir())
    assert stale.name not in kept and recent.name in kept and other.name in kept  # another table's name
    new = next(p for p in tmp_path.glob("tiny_table-*.marshal") if p not in (stale, recent))
    assert marshal.loads(new.read_bytes()) == {"word": "kind"}


def test_reading_a_kept_file_marks_it_in_use(tmp_path):
    path = tmp_path / "de-00000000.json"
    path.write_text("{}", "utf-8")
    _aged(path, 40)
    cache.mark_in_use(path)
    assert time.time() - path.stat().st_mtime < DAY
    cache.remove_stale(tmp_path / "de-11111111.json", "de-")
    assert path.exists()


def test_the_yaml_data_kept_as_json_clears_its_stale_versions(tmp_path, monkeypatch):
    monkeypatch.setenv("STORYBIBLE_CACHE_DIR", str(tmp_path))
    stale = tmp_path / "probe-00000000.json"
    stale.write_text('{"source": "00000000", "data": 1}', "utf-8")
    _aged(stale, 31)
    assert cache.kept_as_json("probe", "a: 1\n", lambda text: {"a": 1}) == {"a": 1}
    assert not stale.exists()
    assert len(list(tmp_path.glob("probe-*.json"))) == 1
    assert cache.kept_as_json("probe", "a: 1\n", lambda text: {"a": 2}) == {"a": 1}  # read back, not parsed
