"""The package layout (issue 10): subpackages by what each part does, imports one way, no circles.

The layers are ordered core < stages < io < eval < learn < CLI; a module imports only from its own
layer or the ones before it. Allowed directions (each ``__init__.py`` docstring says the same):

- core (``extract/*.py`` except the CLI-level modules): the core only;
- ``extract.stages``: the core and other stages;
- ``extract.io``: the core and stages (the token/BIO views of gold data use the sentence splitter
  and tokenizer);
- ``extract.eval``: the core, stages and io;
- ``extract.learn``: the core, stages, io and eval;
- CLI level (``cli``, ``run``, ``spacy_bridge``, ``__main__`` and the ``extract.spark`` package): anything.

Imports are read from the source (``ast``), including those inside functions, so a lazy import
cannot hide a wrong direction. ``extract.registry`` names the built-in stages as strings and loads
them on demand; that is not an import of theirs.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "extract"
CLI_LEVEL = {"extract.cli", "extract.run", "extract.spacy_bridge", "extract.__main__"}
CLI_SUBPACKAGES = ("serve", "spark")  # CLI-level subpackages: they may import anything, nothing imports them
ALLOWED = {
    "core": {"core"},
    "io": {"core", "stages", "io"},
    "stages": {"core", "stages"},
    "eval": {"core", "stages", "io", "eval"},
    "learn": {"core", "stages", "io", "eval", "learn"},
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PKG.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer(mod: str) -> str:
    parts = mod.split(".")
    if mod in CLI_LEVEL or (len(parts) > 1 and parts[1] in CLI_SUBPACKAGES):
        return "cli"
    if len(parts) > 1 and parts[1] in ("io", "stages", "eval", "learn"):
        return parts[1]
    return "core"


def imports_of(path: Path) -> set:
    """Every ``extract.*`` module that ``path`` imports, relative imports resolved."""
    mod = module_name(path)
    package = mod if path.name == "__init__.py" else mod.rpartition(".")[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.split(".")[0] == "extract"}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "extract":
                continue
            out.add(target)
            # ``from extract.io import formats`` imports the submodule extract.io.formats
            for a in node.names:
                sub = PKG.parent / (target.replace(".", "/") + "/" + a.name)
                if sub.with_suffix(".py").exists() or (sub / "__init__.py").exists():
                    out.add(f"{target}.{a.name}")
    return out


MODULES = {module_name(p): p for p in sorted(PKG.rglob("*.py"))}
GRAPH = {m: {t for t in imports_of(p) if t in MODULES and t != m} for m, p in MODULES.items()}


def test_layout_helpers_read_real_imports():
    # guard against a reader that finds nothing: these imports are known to exist
    assert "extract.stages.facts.rules" in GRAPH["extract.stages.facts.chooser"]
    assert "extract.io.readers" in GRAPH["extract.run"]
    assert layer("extract.stages.ner.infer") == "stages" and layer("extract.doc") == "core"
    assert layer("extract.cli") == "cli"
    assert layer("extract.serve.app") == "cli" and layer("extract.serve") == "cli"
    assert layer("extract.spark.job") == "cli"


@pytest.mark.parametrize("mod", sorted(m for m in MODULES if layer(m) != "cli"))
def test_imports_run_one_way(mod):
    bad = sorted(t for t in GRAPH[mod] if layer(t) not in ALLOWED[layer(mod)] and layer(t) != layer(mod))
    assert not bad, f"{mod} ({layer(mod)}) may not import {bad}"


def test_no_import_circles():
    state, stack, cycles = {}, [], []

    def visit(m):
        state[m] = 1
        stack.append(m)
        for t in sorted(GRAPH[m]):
            if state.get(t) == 1:
                cycles.append(stack[stack.index(t):] + [t])
            elif t not in state:
                visit(t)
        stack.pop()
        state[m] = 2

    for m in sorted(GRAPH):
        if m not in state:
            visit(m)
    # a package importing its own submodules (``__init__`` re-exports) is not a circle unless the
    # submodule imports the package back; those show up here like any other cycle
    assert not cycles, "import circles: " + "; ".join(" -> ".join(c) for c in cycles)


def test_few_modules_at_the_top():
    top = sorted(p.name for p in PKG.glob("*.py"))
    assert len(top) <= 10, top
    subpackages = [p.name for p in PKG.iterdir() if (p / "__init__.py").exists()]
    assert len(subpackages) >= 4, subpackages


@pytest.mark.parametrize("pkg", ["stages", "learn", "eval", "io", "serve", "spark"])
def test_each_subpackage_says_what_lives_there(pkg):
    doc = ast.get_docstring(ast.parse((PKG / pkg / "__init__.py").read_text(encoding="utf-8")))
    assert doc and "Imports:" in doc, f"extract/{pkg}/__init__.py needs a docstring saying what it may import"
