"""No import cycle in toolkit/, function-local and TYPE_CHECKING imports included; the passes of the
extractor import only the document, grammar and lexicon modules of the extraction wing."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "toolkit"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The toolkit modules a module imports anywhere in its text: `from a.b import c` counts as a.b.c when
    that is a module, else as a.b."""
    found = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[:len(package.split(".")) - node.level + 1] + ([base] if base else []))
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        else:
            continue
        found |= {target for target in targets if target in known and target != name}
    return found


def graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imports_of(name, path, set(found)) for name, path in found.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """One cycle through each strongly connected group of modules (Tarjan), as a path that returns to its start."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(edges[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return [_path_through(group, edges) for group in groups]


def _path_through(group: list[str], edges: dict[str, set[str]]) -> list[str]:
    """A shortest cycle from the group's first module back to it, for the failure message."""
    start = group[0]
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for other in sorted(edges[node] & set(group)):
                if other == start:
                    return paths[node] + [start]
                if other not in paths:
                    paths[other] = paths[node] + [other]
                    following.append(other)
        frontier = following
    return group


def test_cycles_are_found():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_relative_and_function_local_imports_count(tmp_path):
    path = tmp_path / "b.py"
    path.write_text("def f():\n    from .a import x\n    import toolkit.c\n", "utf-8")
    assert imports_of("toolkit.b", path, {"toolkit.a", "toolkit.c"}) == {"toolkit.a", "toolkit.c"}


def test_no_import_cycle_in_toolkit():
    found = cycles(graph())
    assert found == [], "import cycles: " + "; ".join(" -> ".join(cycle) for cycle in found)


PASS_MAY_IMPORT = {"toolkit.extraction.document", "toolkit.extraction.grammar", "toolkit.extraction.lexicon",
                   "toolkit.extraction.claims"}


@pytest.mark.parametrize("name", sorted(n for n in modules() if n.startswith("toolkit.extraction.passes.")))
def test_a_pass_imports_only_document_grammar_and_lexicon(name):
    imported = imports_of(name, modules()[name], set(modules()))
    extraction = {m for m in imported if m.startswith("toolkit.extraction")}
    assert extraction <= PASS_MAY_IMPORT, f"{name} imports {sorted(extraction - PASS_MAY_IMPORT)}"
