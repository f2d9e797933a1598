"""The architecture, checked: the layers import only downwards, nothing imports in a circle
(imports inside functions and under TYPE_CHECKING included), nobody reaches for another
module's private names, and every module imports on its own."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "measurekit"

# What each layer must never import, by the top of the imported module's name.
FORBIDDEN = {
    "core": ("interview", "reports", "live", "cli"),
    "reports": ("interview", "live", "cli"),
    "interview": ("live", "cli"),
    "live": ("cli",),
}


def module_name(path: Path) -> str:
    parts = ["measurekit", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(name: str) -> list[tuple[str, str, int]]:
    """Every measurekit module `name` imports, anywhere in it: (module, imported name, line)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(a.name, "", node.lineno) for a in node.names if a.name in MODULES]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, *([node.module] if node.module else [])])
            if not base.startswith("measurekit"):
                continue
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                if sub in MODULES:  # `from . import draft`: the submodule itself
                    found.append((sub, "", node.lineno))
                else:
                    found.append((base, alias.name, node.lineno))
    return found


def layer(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else ""


@pytest.mark.parametrize("name", sorted(MODULES))
def test_every_module_imports_on_its_own(name: str):
    importlib.import_module(name if name != "measurekit.__main__" else "measurekit.cli")


def test_each_layer_imports_only_the_layers_below_it():
    wrong = [
        f"{MODULES[name].relative_to(PACKAGE)}:{line}: {layer(name)}/ imports {target}"
        for name in MODULES
        for target, _, line in imports(name)
        if layer(target) in FORBIDDEN.get(layer(name), ())
    ]
    assert wrong == []


# The reports' own machinery, behind their builders: the interview shows reports (the
# summary table, trend, a curve) through the builders, never through these.
REPORTS_MACHINERY = ("textgrid", "html", "chart_layout", "handout_parts")


def test_the_interview_uses_only_the_reports_public_face():
    wrong = [
        f"{MODULES[name].relative_to(PACKAGE)}:{line}: {target}.{what}"
        for name in MODULES
        if layer(name) == "interview"
        for target, what, line in imports(name)
        if layer(target) == "reports" and target.rsplit(".", 1)[1] in REPORTS_MACHINERY
    ]
    assert wrong == []


def test_reports_start_no_processes_and_raise_no_usage_errors():
    """Usage is the command line's to judge; a process (git) is the core's to start."""
    wrong = []
    for name, path in MODULES.items():
        if layer(name) != "reports":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                named = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
                named += [a.name for a in node.names]
                if {"subprocess", "UsageProblem", "multiprocessing"} & set(named):
                    wrong.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert wrong == []


def test_no_module_takes_another_modules_private_names():
    wrong = [
        f"{MODULES[name].relative_to(PACKAGE)}:{line}: {target}.{what}"
        for name in MODULES
        for target, what, line in imports(name)
        if what.startswith("_") and not what.startswith("__") and target != name
    ]
    assert wrong == []


def test_no_import_cycles_not_even_inside_functions():
    graph = {
        name: {t for t, _, _ in imports(name) if t != name and t in MODULES} for name in MODULES
    }
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the path, 2: done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt):], nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    assert cycles == []


def test_the_checks_see_lazy_and_relative_imports():
    found = {(t, what) for t, what, _ in imports("measurekit.cli.reports")}
    assert ("measurekit.core.store", "load_worksheet") in found  # inside a function
    assert ("measurekit.reports.formats", "Format") in found  # relative, at the top


LONGEST = 400  # lines: a longer module is split along its meaning


def test_no_module_is_over_400_lines():
    long = {
        str(path.relative_to(PACKAGE)): lines
        for path in MODULES.values()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > LONGEST
    }
    assert long == {}
