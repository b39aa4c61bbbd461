"""The package follows the data flow: each layer imports only from the layers below it, and no
module imports itself back through a cycle. Every `import` counts, including those inside
functions."""

from __future__ import annotations

import ast

from tests.conftest import REPO

# lowest first; a module may import from its own layer and from the layers before it
LAYERS = [
    {"assistant", "assistant.offline", "assistant.config", "assistant.errors", "assistant.logs", "assistant.prompts"},
    {"assistant.text"},
    {"assistant.parse"},
    {"assistant.index"},
    {"assistant.retrieve"},
    {"assistant.verify"},
    {"assistant.generate"},
    {"assistant.evaluate"},
    {"assistant.ui", "assistant.cli"},
]


def _modules() -> dict[str, set[str]]:
    out = {}
    for path in sorted((REPO / "assistant").rglob("*.py")):
        name = ".".join(path.relative_to(REPO).with_suffix("").parts)
        name = name.removesuffix(".__init__")
        deps = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "assistant":
                if node.module in ("assistant", "assistant.ui") or node.module.count(".") == 1 and node.module != "assistant":
                    # `from assistant.pkg import mod` names a module of pkg
                    deps |= {f"{node.module}.{a.name}" for a in node.names}
                deps.add(node.module)
            elif isinstance(node, ast.Import):
                deps |= {a.name for a in node.names if a.name.split(".")[0] == "assistant"}
        out[name] = deps
    return out


def _layer(module: str) -> int:
    for i, layer in enumerate(LAYERS):
        if any(module == top or module.startswith(top + ".") for top in layer if top != "assistant"):
            return i
    if module == "assistant":
        return 0
    raise AssertionError(f"{module} is in no layer: add it to LAYERS")


def _resolve(dep: str, modules: dict) -> str | None:
    while dep and dep not in modules:
        dep = dep.rpartition(".")[0]
    return dep or None


def test_every_import_points_down_the_data_flow():
    modules = _modules()
    upward = []
    for mod, deps in modules.items():
        for dep in deps:
            target = _resolve(dep, modules)
            if target and _layer(target) > _layer(mod):
                upward.append(f"{mod} -> {target}")
    assert upward == []


def test_the_import_graph_has_no_cycle():
    modules = _modules()
    graph = {m: {t for d in deps if (t := _resolve(d, modules)) and t != m and modules.get(t) is not None} for m, deps in modules.items()}
    # package __init__ files that only hold a docstring are leaves
    state: dict[str, int] = {}
    cycles = []

    def visit(node, stack):
        state[node] = 1
        for nxt in graph.get(node, ()):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join(stack[stack.index(nxt):] + [nxt]))
            elif nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])
    assert cycles == []
