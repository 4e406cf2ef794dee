"""The package's shape: no module over 500 lines and no function over 60, measured with ast; language
branches only in the language module, part-of-speech tag literals only in the tags module."""
from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "toolkit"
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60



def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def functions(tree: ast.AST, prefix: str = "") -> list[tuple[str, int]]:
    """(qualified name, lines from `def` to the body's last line) of every function, nested ones too."""
    found = []
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            name = f"{prefix}{node.name}"
            found.append((name, node.end_lineno - node.lineno + 1))
            found += functions(node, f"{name}.")
        elif isinstance(node, ast.ClassDef):
            found += functions(node, f"{prefix}{node.name}.")
        else:
            found += functions(node, prefix)
    return found


@cache
def long_functions() -> dict[str, int]:
    found = {}
    for path in modules():
        for name, length in functions(ast.parse(path.read_text("utf-8"))):
            if length > MAX_FUNCTION_LINES:
                found[f"{_name(path)}::{name}"] = length
    return found


@cache
def long_modules() -> dict[str, int]:
    lengths = {_name(path): len(path.read_text("utf-8").splitlines()) for path in modules()}
    return {name: length for name, length in lengths.items() if length > MAX_MODULE_LINES}


def test_the_measure_counts_methods_and_nested_functions_by_their_qualified_names():
    tree = ast.parse("class A:\n    def f(self):\n        def g():\n            pass\n        return g\n"
                     "async def h():\n    pass\n")
    assert functions(tree) == [("A.f", 4), ("A.f.g", 2), ("h", 2)]


def test_no_module_is_over_500_lines():
    assert long_modules() == {}


def test_no_function_is_over_60_lines():
    assert long_functions() == {}


LANGUAGE_BRANCH = re.compile(r"""(code|language)\s*(==|!=)\s*["'](de|en)["']|in \(["']de["'], ["']en["']\)""")
TAG_LITERAL = re.compile(r"""tag(\.startswith\(\(?|\s+(not\s+)?in\s+\(|\s*[!=]=\s*)["']""")


@pytest.mark.parametrize("path", modules(), ids=_name)
def test_language_branches_only_in_the_language_module(path):
    if path.name != "language.py":
        assert LANGUAGE_BRANCH.findall(path.read_text("utf-8")) == []


# The modules that read part-of-speech tags (elsewhere a "tag" is an HTML or YAML tag).
TAGGED_WINGS = ("extraction", "text", "expansion", "continuity")


@pytest.mark.parametrize("path", [p for p in modules() if p.relative_to(PACKAGE).parts[0] in TAGGED_WINGS], ids=_name)
def test_tag_literals_only_in_the_tags_module(path):
    if path.name not in ("tags.py", "tagger.py", "lexicons.py"):  # the last two make the tables the tags come from
        assert TAG_LITERAL.findall(path.read_text("utf-8")) == []


def test_the_patterns_find_what_they_look_for():
    assert LANGUAGE_BRANCH.search('if lex.language.code == "de":')
    assert LANGUAGE_BRANCH.search('load_language(x if x in ("de", "en") else "de")')
    assert TAG_LITERAL.search('token.tag.startswith(("ADJ", "AJ"))')
    assert TAG_LITERAL.search('t.tag in ("PTKZU", "TO0")')
