"""The package's layers as the source states them: review and lint never import render,
render reaches lint only through the checked inputs, and render has no import circle, not
even one that only the type checker or a function's own import would close. Read from the
source, so that a circle is found before it bites."""

from __future__ import annotations

import ast
from pathlib import Path

import hrdplan

PACKAGE = Path(hrdplan.__file__).parent


def _imports() -> dict[str, set[str]]:
    """Every module of hrdplan and the hrdplan modules it imports, anywhere in its text."""
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = ("hrdplan", *path.relative_to(PACKAGE).with_suffix("").parts)
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = path
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
        graph[name] = {m for m in found if m in modules and m != name}
    return graph


def _circles(graph: dict[str, set[str]], within: str) -> list[list[str]]:
    """The import circles among the modules under `within` (a module on the way from a
    module back to itself)."""
    inside = {m: {n for n in graph[m] if n.startswith(within)} for m in graph}
    inside = {m: edges for m, edges in inside.items() if m.startswith(within)}
    circles = []
    for start in sorted(inside):
        stack, seen = [(start, [start])], {start}
        while stack:
            module, path = stack.pop()
            for target in sorted(inside[module]):
                if target == start:
                    circles.append(path)
                elif target not in seen:
                    seen.add(target)
                    stack.append((target, [*path, target]))
    return circles


def test_review_and_lint_import_nothing_of_render() -> None:
    graph = _imports()
    upward = {
        (module, target)
        for module, targets in graph.items()
        if module.startswith(("hrdplan.review", "hrdplan.lint"))
        for target in targets
        if target.startswith("hrdplan.render")
    }
    assert not upward


def test_render_has_no_import_circle() -> None:
    assert _circles(_imports(), "hrdplan.render") == []


def test_lint_rules_and_their_context_have_no_import_circle() -> None:
    # The reporters' package and its modules are left out: a report format's module reads the
    # package's shared parts, and the package picks the module by name.
    graph = _imports()
    circles = [
        c for c in _circles(graph, "hrdplan.lint") if not c[0].startswith("hrdplan.lint.reporters")
    ]
    assert circles == []


def test_render_reaches_lint_only_through_the_checked_inputs() -> None:
    # What render needs of the rules engine (findings, the criteria the rules check) comes
    # through `hrdplan.inputs`; findings themselves are `hrdplan.findings`, below both.
    reaching = {
        (module, target)
        for module, targets in _imports().items()
        if module.startswith("hrdplan.render")
        for target in targets
        if target.startswith("hrdplan.lint")
    }
    assert not reaching
