"""The headless layers never import Qt, and each layer imports only the layers below it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "consensus_map"
HEADLESS = ["domain", "analysis", "store", "interchange", "layout"]
# What each headless layer may import from the project (besides itself).
ALLOWED = {
    "domain": set(),
    "analysis": {"domain"},
    "store": {"domain"},
    # An import lays out the people it brings (SPEC: people without positions are laid out).
    "interchange": {"domain", "layout"},
    "layout": {"domain"},
}
# Top-level helpers any layer may use: standard library only (checked below).
SHARED = {"gc_pause"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", HEADLESS)
def test_headless_layer_source_never_imports_qt_or_higher_layers(layer: str) -> None:
    files = sorted((PACKAGE / layer).rglob("*.py"))
    assert files, f"layer {layer} has no modules"
    for path in files:
        for name in _imports(path):
            assert not name.startswith(("PySide6", "shiboken6", "PyQt")), f"{path}: {name}"
            if name.startswith("consensus_map."):
                target = name.split(".")[1]
                assert target in ALLOWED[layer] | {layer} | SHARED, f"{path} imports {name}"
            if layer != "store":
                assert not name.startswith("sqlite_utils"), f"{path}: only store uses sqlite-utils"


@pytest.mark.parametrize("module", sorted(SHARED))
def test_shared_helpers_import_only_the_standard_library(module: str) -> None:
    for name in _imports(PACKAGE / f"{module}.py"):
        top = name.split(".")[0]
        assert top == "__future__" or top in sys.stdlib_module_names, f"{module} imports {name}"


def test_importing_every_headless_layer_loads_no_qt() -> None:
    code = (
        "import sys\n"
        + "".join(f"import consensus_map.{layer}\n" for layer in HEADLESS)
        + "import consensus_map.cli\n"
        + "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        + "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
