"""The legend (View → Legend, remembered) and the Help menu (shortcuts sheet, About)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtGui import QColor, QImage, QKeySequence

import consensus_map
from consensus_map.domain import Readiness, Role, TieKind
from consensus_map.render import style


def legend(window: Any) -> Any:
    from consensus_map.app.legend import Legend

    (found,) = window.legend_dock.findChildren(Legend)
    return found


def test_legend_is_on_for_a_first_time_user_and_explains_every_mark(window: Any) -> None:
    assert window.legend_action.isChecked()
    assert window.legend_dock.isVisible()
    assert window.legend_action in window.menuBar().actions()[2].menu().actions()  # View
    words = legend(window).words()
    for role in Role:
        assert role.label in words
    for kind in TieKind:
        assert any(w.startswith(kind.label) for w in words)
    assert "attends the presentation" in words
    assert "decision-maker" in words
    assert any("halo" in w for w in words)
    assert any("most dangerous first" in w for w in words)
    assert any(w.startswith("~ inferred") for w in words)


def test_legend_readiness_samples_use_the_map_colours(window: Any, qtbot: Any) -> None:
    from consensus_map.app.legend import Sample

    samples = {s.accessibleName(): s for s in legend(window).findChildren(Sample)}
    for readiness in Readiness:
        sample = samples[readiness.label]
        image = QImage(sample.size(), QImage.Format.Format_ARGB32)
        image.fill(QColor(255, 0, 255))
        sample.render(image)
        # Near the left end of the swatch, clear of the word written on it.
        assert image.pixelColor(8, sample.height() // 2) == style.READINESS_FILL[readiness]


def test_legend_tie_samples_draw_the_whole_map_line(window: Any) -> None:
    from consensus_map.app.legend import Sample

    samples = {s.accessibleName(): s for s in legend(window).findChildren(Sample)}
    sample = samples[TieKind.INFLUENCES.label]
    image = QImage(sample.size(), QImage.Format.Format_ARGB32)
    image.fill(QColor(255, 255, 255))
    sample.render(image)
    colour = style.TIE_STYLE[TieKind.INFLUENCES].colour
    # The line starts at the left edge, not only around the middle of the sample.
    column = [image.pixelColor(12, y) for y in range(image.height())]
    assert colour in column


def test_legend_choice_is_remembered(qtbot: Any, deal_path: Path) -> None:
    from consensus_map.app.main_window import MainWindow

    first = MainWindow()
    qtbot.addWidget(first)
    first.show()
    assert first.legend_action.isChecked()
    first.legend_action.trigger()
    assert not first.legend_dock.isVisible()
    first.close()
    first.deleteLater()

    second = MainWindow()
    qtbot.addWidget(second)
    second.show()
    assert not second.legend_action.isChecked()
    assert not second.legend_dock.isVisible()
    second.legend_action.trigger()
    second.close()

    third = MainWindow()
    qtbot.addWidget(third)
    third.show()
    assert third.legend_dock.isVisible()
    third.close()


def test_shortcuts_sheet_lists_every_action_and_the_canvas_keys(window: Any) -> None:
    from consensus_map.app.help import ShortcutsDialog

    window.shortcuts_action.trigger()
    (dialog,) = [d for d in window.findChildren(ShortcutsDialog) if d.isVisible()]
    rows = dialog.rows()
    undo_keys = QKeySequence(QKeySequence.StandardKey.Undo).toString(
        QKeySequence.SequenceFormat.NativeText
    )
    (undo,) = [r for r in rows if r[:2] == ("Edit", "Undo")]
    assert undo[2].split(", ")[0] == undo_keys == "Ctrl+Z"
    assert ("Edit", "Add tie…", "Ctrl+T") in rows
    assert any(r[1] == "Legend" and r[0] == "View" for r in rows)
    assert any(r[1] == "About Consensus Map" for r in rows)
    map_rows = [r for r in rows if r[0] == "Map"]
    for keys in ("Arrow keys", "Tab / Shift+Tab", "Enter", "Delete", "Ctrl+mouse wheel"):
        assert any(r[2] == keys for r in map_rows), keys
    dialog.reject()


def test_about_shows_the_version(window: Any) -> None:
    from PySide6.QtWidgets import QMessageBox

    window.about_action.trigger()
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert len(boxes) == 1
    assert f"Consensus Map {consensus_map.__version__}" in boxes[0].text()
    boxes[0].close()
