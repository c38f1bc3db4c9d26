"""render/ and report/ paint with QtGui only: no widgets, never the app (ARCHITECTURE)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "consensus_map"
PAINTING = ["render", "report"]
# What the painting layers may import from the project, besides themselves.
ALLOWED = {
    "render": {"domain", "layout", "analysis"},
    "report": {"domain", "layout", "analysis", "render", "interchange"},
}
QT_ALLOWED = ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtSvg")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", PAINTING)
def test_painting_layers_import_no_widgets_and_never_the_app(layer: str) -> None:
    files = sorted((PACKAGE / layer).rglob("*.py"))
    assert files
    for path in files:
        for name in _imports(path):
            if name.startswith("PySide6"):
                assert name in QT_ALLOWED, f"{path}: {name}"
            if name.startswith("consensus_map."):
                target = name.split(".")[1]
                assert target in ALLOWED[layer] | {layer}, f"{path} imports {name}"


def test_the_review_words_load_without_qt() -> None:
    """report.review (what the review says) is plain Python, like the analysis."""
    code = (
        "import sys, consensus_map.report.review\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr
