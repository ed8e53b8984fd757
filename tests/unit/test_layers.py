"""The package's import graph: no circles between modules, and no import that runs against the stage order.

Data flows one way (ingest -> archive -> retrieve -> storymap -> write -> verify -> render); ``pipeline``
orchestrates the stages, the job runner sits on the pipeline, and ``cli`` and ``web`` are faces over all of them.
A module may import its own layer, the shared modules beneath every stage, and layers before its own; never a
later one. Imports under ``if TYPE_CHECKING:`` count too: a type that names a later stage is a dependency on it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import newsdesk

PACKAGE = Path(newsdesk.__file__).parent

#: Each top-level module or package of newsdesk and its layer. Shared modules (types, text handling, errors,
#: models and the encoder) are layer 0; the stages follow in the order data flows; the job runner and the
#: evaluation harness (eval: it measures the product, no stage imports it) sit under the faces, which come last.
LAYERS: dict[str, int] = {
    "__init__": 0,
    "__main__": 99,
    "data": 0,
    "errors": 0,
    "files": 0,
    "reading": 0,
    "text": 0,
    "sentences": 0,
    "models": 0,
    "template": 0,
    "language": 0,
    "langid": 0,
    "progress": 0,
    "llm": 1,
    "injection": 1,
    "ingest": 2,
    "archive": 3,
    "retrieve": 4,
    "storymap": 5,
    "threads": 5,
    "write": 6,
    "verify": 7,
    "render": 8,
    "pipeline": 9,
    "jobs": 10,
    "cli": 11,
    "web": 11,
    "eval": 10,
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_nodes(tree: ast.Module) -> set[ast.AST]:
    """The import statements under ``if TYPE_CHECKING:``: never run, so never part of an import circle."""
    found: set[ast.AST] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            found.update(inner for statement in node.body for inner in ast.walk(statement))
    return found


def _imports(path: Path, modules: set[str], *, runtime_only: bool = False) -> set[str]:
    """Every newsdesk module this file imports, resolved to absolute names (``from . import x`` included);
    ``runtime_only`` leaves out the imports under ``if TYPE_CHECKING:``."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_checking_nodes(tree) if runtime_only else set()
    for node in ast.walk(tree):
        if node in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("newsdesk"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if not target.startswith("newsdesk"):
                continue
            for alias in node.names:  # a submodule when one has that name, else a name defined in target
                found.add(f"{target}.{alias.name}" if f"{target}.{alias.name}" in modules else target)
    return found


def _graph(*, runtime_only: bool = False) -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {
        name: {
            target
            for target in _imports(path, set(modules), runtime_only=runtime_only)
            if target in modules and target != name
        }
        for name, path in modules.items()
    }


def _top(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_every_top_level_module_has_a_layer():
    tops = {_top(name) for name in _graph()}
    assert tops <= set(LAYERS), f"give these a layer in LAYERS: {sorted(tops - set(LAYERS))}"


def test_no_import_runs_against_the_stage_order():
    against = sorted(
        f"{source} -> {target}"
        for source, targets in _graph().items()
        for target in targets
        if LAYERS.get(_top(target), 0) > LAYERS.get(_top(source), 0) and _top(source) != "__init__"
    )
    assert against == []


def test_no_import_circles():
    graph = _graph(runtime_only=True)
    circles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 on the current path, 2 done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                circles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert circles == [], "\n".join(" -> ".join(c) for c in circles)
