"""The house's shape, read from the source: arrows point one way (web → workflows → dossiers → permissions),
no import circle, no import hidden inside a function to dodge one, no two modules of one app with the same
name. Run as a test, or alone: ``python -m tests.test_architecture`` prints the graph's layers."""

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Lower rooms first: a package may import only packages at its own position or before it.
# signing/ sits above workflows/: the engine never reaches for a key; pages sign and verify.
# publicity/ (the public notice and its comments) sits above workflows/, whose working-day calendar sets the
# notice period; the pages and the API (web/) show it and count the comments per address.
LAYERS = ["permissions", "dossiers", "workflows", "publicity", "signing", "web", "config"]
SKIPPED = {"migrations", "__pycache__"}


def modules() -> dict[str, Path]:
    found = {}
    for package in LAYERS:
        for path in (ROOT / package).rglob("*.py"):
            if SKIPPED & set(path.parts):
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


def _absolute(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(module: str, path: Path, known) -> tuple[set[str], list[str]]:
    """(first-party modules imported at module level, those imported inside a function)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    top, nested = set(), []
    is_package = path.name == "__init__.py"

    def targets(node):
        if isinstance(node, ast.Import):
            return [alias.name for alias in node.names]
        base = _absolute(module, is_package, node)
        return [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]

    def visit(node, inside_function):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and getattr(child.test, "id", "") == "TYPE_CHECKING":
                continue  # type hints only: no import at run time
            if isinstance(child, ast.Import | ast.ImportFrom):
                for target in targets(child):
                    if target.split(".")[0] in LAYERS:
                        (nested.append if inside_function else top.add)(target)
            function = isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            visit(child, inside_function or function)

    visit(tree, False)
    return top, nested


def graph():
    known = modules()
    edges, nested = {}, {}
    for name, path in known.items():
        top, inner = imports_of(name, path, known)
        edges[name] = {_resolve(t, known) for t in top} - {None, name}
        nested[name] = inner
    return edges, nested


def _resolve(target: str, known) -> str | None:
    while target and target not in known:
        target = target.rpartition(".")[0]
    return target or None


def cycles(edges) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, found, counter = {}, {}, [], set(), [], [0]

    def connect(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            connect(v)
    return found


def test_no_module_imports_a_room_above_its_own():
    edges, _ = graph()
    wrong = [
        (source, target)
        for source, targets in edges.items()
        for target in targets
        if LAYERS.index(target.split(".")[0]) > LAYERS.index(source.split(".")[0])
    ]
    assert wrong == []


def test_there_is_no_import_circle():
    edges, _ = graph()
    assert cycles(edges) == []


def test_no_first_party_import_is_hidden_inside_a_function():
    _, nested = graph()
    assert {module: inner for module, inner in nested.items() if inner} == {}


# Django finds these by their package (include("web.api.urls")), never by a bare name: one per package is the
# convention, not a clash.
CONVENTIONAL = {"__init__", "urls"}


def test_no_two_modules_of_one_app_share_a_name():
    names = defaultdict(list)
    for module in modules():
        parts = module.split(".")
        if len(parts) > 1:
            names[(parts[0], parts[-1])].append(module)
    assert {key: found for key, found in names.items() if len(found) > 1 and key[1] not in CONVENTIONAL} == {}


def test_the_checks_can_fail():
    assert cycles({"a": {"b"}, "b": {"a"}, "c": set()}) == [["a", "b"]]
    edges, _ = graph()
    assert edges["web.api.views"] and "workflows.services.transitions" in edges["web.api.views"]


if __name__ == "__main__":
    graph_edges, _ = graph()
    for layer in LAYERS:
        inside = sorted(m for m in graph_edges if m.split(".")[0] == layer)
        print(f"{layer}: {len(inside)} modules")
