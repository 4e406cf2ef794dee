"""YAML that would multiply itself or turn into something other than text: aliases inside complex keys,
aliases of one long string, and tags such as !!binary are refused with one line naming file and line."""
from __future__ import annotations

import pytest

from tests.test_bad_input import invoke, refused
from tests.test_limits import _bible as _story
from toolkit.files.yaml_limits import MAX_ALIAS_BYTES, YamlLimitError, read_yaml

HEAD = "format: storybible/1\ntitle: Probe\nlanguage: en\n"
# Nine levels of nine aliases each: 9**9 nodes when a complex key is turned into text.
# The anchors live inside the key, so no value repeats them.
KEY_BOMB = "title2: x\n? [&a [x, x, x, x, x, x, x, x, x], " + ", ".join(
    f"&b{i} [{', '.join(['*' + ('a' if i == 0 else f'b{i - 1}')] * 9)}]" for i in range(8)) + "]\n: y\n"


def test_a_complex_key_is_refused_before_it_is_expanded():
    with pytest.raises(YamlLimitError) as caught:
        read_yaml(KEY_BOMB)
    assert caught.value.line == 2
    assert "key" in caught.value.message


def test_a_flow_mapping_as_key_is_refused():
    with pytest.raises(YamlLimitError):
        read_yaml("{a: 1}: 2\n")


def test_aliases_of_one_long_string_are_counted_by_size():
    text = f"s: &s {'x' * 20_000}\nlist: [{', '.join(['*s'] * 200)}]\n"  # 4 MB through 200 aliases
    with pytest.raises(YamlLimitError) as caught:
        read_yaml(text)
    assert caught.value.line == 1  # the line of the text that is repeated
    assert "bytes" in caught.value.message


def test_a_few_repeats_of_a_short_string_stay_allowed():
    data, _, problems = read_yaml(f"s: &s {'x' * 100}\nlist: [{', '.join(['*s'] * 50)}]\n")
    assert data["list"] == ["x" * 100] * 50 and not problems
    assert MAX_ALIAS_BYTES > 50 * 100


@pytest.mark.parametrize("tagged, line", [("title: !!binary SGVsbG8=\n", 1),
                                          ("x: 1\ntitle: !!set {a, b}\n", 2),
                                          ("title: !!timestamp 2001-12-14\n", 1),
                                          ("title: !!python/object:os.system x\n", 1),
                                          ("title: !custom x\n", 1)])
def test_tags_other_than_text_numbers_and_lists_are_refused(tagged, line):
    with pytest.raises(YamlLimitError) as caught:
        read_yaml(tagged)
    assert caught.value.line == line
    assert "tag" in caught.value.message


def test_plain_tags_stay_allowed():
    data, _, _ = read_yaml("a: !!str 12\nb: !!int '3'\nc: !!seq [1]\nd: !!map {e: !!null ''}\n")
    assert data == {"a": "12", "b": 3, "c": [1], "d": {"e": None}}


@pytest.mark.parametrize("command", ["check", "render"])
def test_the_commands_refuse_a_key_bomb_in_one_line(tmp_path, command):
    folder = _story(tmp_path, HEAD + KEY_BOMB)
    result = invoke(command, str(folder))
    refused(result, result.output.removeprefix("storybible: ").rstrip("\n"))
    assert f"{folder / 'bible.yaml'}:5: bible: " in result.output


def test_binary_title_is_one_line(tmp_path):
    folder = _story(tmp_path, HEAD.replace("title: Probe", "title: !!binary SGVsbG8=") + "characters: []\n")
    result = invoke("check", str(folder))
    assert result.exit_code == 2 and f"{folder / 'bible.yaml'}:2: bible: " in result.output
    assert "b'Hello'" not in result.output
