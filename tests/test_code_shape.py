"""The package's shape: no module over 500 lines and no function over 60, measured with ast.

The extractor (toolkit/extraction, toolkit/text) is being rebuilt as a pipeline of passes; until that
lands, its long functions are allowed by name below. The allowance must shrink: an entry that no
longer offends fails the test, so it is removed as soon as its function is cut up.
"""
from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "toolkit"
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60

# "<module path>::<qualified function name>" of functions over the limit, each only until its folder's
# rewrite (the extraction pipeline) cuts it up. Nothing outside toolkit/extraction and toolkit/text.
ALLOWED_LONG_FUNCTIONS = {
    "toolkit/extraction/affiliations.py::describe",
    "toolkit/extraction/coref.py::resolve_references",
    "toolkit/extraction/discovery.py::Discovery.groups",
    "toolkit/extraction/fates.py::read_fates",
    "toolkit/extraction/organisations.py::find_orgs",
}
ALLOWED_LONG_MODULES: set[str] = set()  # "<module path>", on the same terms


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
    assert set(long_modules()) - ALLOWED_LONG_MODULES == set(), long_modules()


def test_no_function_is_over_60_lines():
    offenders = long_functions()
    assert {name: offenders[name] for name in set(offenders) - ALLOWED_LONG_FUNCTIONS} == {}


@pytest.mark.parametrize("allowed", sorted(ALLOWED_LONG_FUNCTIONS | ALLOWED_LONG_MODULES))
def test_every_allowance_still_offends_and_lies_in_the_folders_being_rebuilt(allowed):
    assert allowed.startswith(("toolkit/extraction/", "toolkit/text/"))
    offenders = {**long_functions(), **long_modules()}
    assert allowed in offenders, f"{allowed} is no longer too long: remove it from the allowance"
