"""The house rules of reader/ that a reader of the code relies on: layers import only downwards, no
module reaches into another's private names, no import cycle, and the app is one plain App."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "reader"


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _type_checking_lines(tree: ast.Module) -> set[int]:
    """The lines of ``if TYPE_CHECKING:`` blocks (imports there never run)."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for inner in node.body:
                lines.update(range(inner.lineno, (inner.end_lineno or inner.lineno) + 1))
    return lines


def _imports(name: str) -> list[tuple[str, str | None, int]]:
    """(module imported, name imported from it or None, line) for every import of a module."""
    path = MODULES[name]
    tree = ast.parse(path.read_text("utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: list[tuple[str, str | None, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.extend((a.name, None, node.lineno) for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            out.extend((base, a.name, node.lineno) for a in node.names)
    skip = _type_checking_lines(tree)
    return [(module, what, line) for module, what, line in out if line not in skip]


def test_no_module_imports_another_modules_private_name():
    found = [
        f"{name}:{line} imports {what} from {module}"
        for name in MODULES
        for module, what, line in _imports(name)
        if what and what.startswith("_") and not what.startswith("__")
    ]
    assert not found


def test_reader_has_no_import_cycle():
    graph: dict[str, set[str]] = {}
    for name in MODULES:
        targets = set()
        for module, what, _line in _imports(name):
            target = f"{module}.{what}" if f"{module}.{what}" in MODULES else module
            if target in MODULES and target != name:
                targets.add(target)
        graph[name] = targets
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> None:
        assert name not in path, f"import cycle: {' → '.join([*path[path.index(name) :], name])}"
        if name in done:
            return
        for other in sorted(graph[name]):
            visit(other, [*path, name])
        done.add(name)

    for name in sorted(graph):
        visit(name, [])


def test_only_the_tui_imports_textual_and_the_model_and_pipeline_import_no_view():
    for name in MODULES:
        imported = {module for module, _what, _line in _imports(name)}
        if not name.startswith("reader.tui"):
            assert not any(m == "textual" or m.startswith("textual.") for m in imported), name
        if name.startswith(("reader.model", "reader.pipeline", "reader.sources")):
            assert not any(m.startswith(("reader.tui", "reader.cli")) for m in imported), name


def test_the_app_has_no_base_but_app():
    from textual.app import App

    from reader.tui.app import ReaderApp

    assert ReaderApp.__bases__ == (App,)
