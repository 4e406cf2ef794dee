"""The extraction and text wings keep to the project's sizes: no module over 500 lines, no function over 60."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted([*(ROOT / "toolkit" / "extraction").rglob("*.py"), *(ROOT / "toolkit" / "text").rglob("*.py")])


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_module_and_function_sizes(path):
    text = path.read_text("utf-8")
    assert len(text.splitlines()) <= 500
    long = [f"{node.name} ({node.end_lineno - node.lineno + 1} lines)" for node in ast.walk(ast.parse(text))
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno - node.lineno + 1 > 60]
    assert long == []


LANGUAGE_BRANCH = re.compile(r"""(code|language)\s*(==|!=)\s*["'](de|en)["']|in \(["']de["'], ["']en["']\)""")
TAG_LITERAL = re.compile(r"""tag(\.startswith\(\(?|\s+(not\s+)?in\s+\(|\s*[!=]=\s*)["']""")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_language_branches_only_in_the_language_module(path):
    if path.name != "language.py":
        assert LANGUAGE_BRANCH.findall(path.read_text("utf-8")) == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_tag_literals_only_in_the_tags_module(path):
    if path.name not in ("tags.py", "tagger.py", "lexicons.py"):  # the last two make the tables the tags come from
        assert TAG_LITERAL.findall(path.read_text("utf-8")) == []


def test_the_patterns_find_what_they_look_for():
    assert LANGUAGE_BRANCH.search('if lex.language.code == "de":')
    assert LANGUAGE_BRANCH.search('load_language(x if x in ("de", "en") else "de")')
    assert TAG_LITERAL.search('token.tag.startswith(("ADJ", "AJ"))')
    assert TAG_LITERAL.search('t.tag in ("PTKZU", "TO0")')
