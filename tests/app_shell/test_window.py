"""The main window on a real `.dealmap`: title, panels, status, opening refused files."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from consensus_map.analysis.wording import headline
from consensus_map.store import read_deal


def headline_shown(panel: Any) -> str:
    """The risk panel's headline as a reader sees it: band, then number and range."""
    return f"{panel.probability.text()} — {panel.caption.text()}"


def headline_of(analysis: Any) -> str:
    return headline(
        analysis.consensus_probability, analysis.consensus_band, analysis.consensus_range
    )


def test_window_shows_the_deal_name_file_and_counts(window: Any, deal_path: Path) -> None:
    title = f"Northwind fleet analytics — {deal_path.name} — Consensus Map"
    assert window.windowTitle() == title
    assert window.counts.text().startswith("11 people · 18 ties · 7 attendees")
    assert window.path_label.text() == str(deal_path)
    assert headline_shown(window.risk_panel) == headline_of(window.document.analysis)
    assert window.risk_panel.sinker_rows, "the sample deal has deal-sinkers"


def test_random_bytes_are_refused_and_left_untouched(
    window: Any, tmp_path: Path, messages: list[str]
) -> None:
    hostile = tmp_path / "junk.dealmap"
    hostile.write_bytes(bytes(range(256)) * 64)
    before = hostile.read_bytes()
    assert not window.open_path(hostile)
    assert len(messages) == 1 and "junk.dealmap" in messages[0]
    assert "\n" not in messages[0]
    assert hostile.read_bytes() == before
    # The open deal stays open.
    assert window.document is not None and window.document.deal.info.name.startswith("Northwind")


def test_a_database_with_a_trigger_is_refused_and_left_untouched(
    window: Any, deal_path: Path, tmp_path: Path, messages: list[str]
) -> None:
    hostile = tmp_path / "trap.dealmap"
    hostile.write_bytes(deal_path.read_bytes())
    with sqlite3.connect(hostile) as db:
        query = "SELECT name FROM sqlite_master WHERE type='table' LIMIT 1"
        table = db.execute(query).fetchone()[0]
        db.execute(f"CREATE TRIGGER trap AFTER INSERT ON {table} BEGIN DELETE FROM {table}; END")
    db.close()
    before = hostile.read_bytes()
    assert not window.open_path(hostile)
    assert len(messages) == 1 and "trap.dealmap" in messages[0]
    assert hostile.read_bytes() == before


def test_close_and_reopen_loses_nothing(window: Any, deal_path: Path, qtbot: Any) -> None:
    from consensus_map.app.main_window import MainWindow

    document = window.document
    document.edit_person("chris", title="Chief Financial Officer")
    new_id = document.add_person((900.0, 900.0), name="Kim Lau")
    window.close()
    assert window.document is None
    reopened = MainWindow()
    qtbot.addWidget(reopened)
    assert reopened.open_path(deal_path)
    deal = reopened.document.deal
    assert deal.stakeholder("chris").title == "Chief Financial Officer"
    assert deal.stakeholder(new_id).name == "Kim Lau"
    reopened.close()


def test_recent_files_are_remembered_and_missing_ones_pruned(
    window: Any, deal_path: Path, tmp_path: Path, sample_json_path: Path
) -> None:
    from consensus_map.app.settings import AppSettings
    from consensus_map.interchange import load_json_file
    from consensus_map.store import create_deal_file

    other = tmp_path / "other.dealmap"
    create_deal_file(other, load_json_file(sample_json_path))
    assert window.open_path(other)
    settings = AppSettings()
    assert settings.recent_files()[:2] == [other.resolve(), deal_path.resolve()]
    assert settings.last_file() == other.resolve()
    window.close()
    other.unlink()
    assert AppSettings().recent_files() == [deal_path.resolve()]
    window._fill_recent()
    texts = [a.text() for a in window.recent_menu.actions()]
    assert texts == ["&1 northwind.dealmap"]


def test_run_app_opens_the_last_deal_then_the_sample(
    qtbot: Any, deal_path: Path, isolated: Path, monkeypatch: Any
) -> None:
    from consensus_map.app import main
    from consensus_map.app.main_window import MainWindow
    from consensus_map.app.settings import AppSettings

    AppSettings().add_recent_file(deal_path)
    first = MainWindow()
    qtbot.addWidget(first)
    main.open_first_deal(first, None)
    assert first.document is not None and first.document.path == deal_path.resolve()
    first.close()

    deal_path.write_bytes(b"not a deal any more")
    second = MainWindow()
    qtbot.addWidget(second)
    main.open_first_deal(second, None)  # the last deal no longer opens: the sample copy
    assert second.document is not None
    assert second.document.path is not None and second.document.path.parent == isolated
    assert read_deal(second.document.path).info.name == "Northwind fleet analytics"
    second.close()


def test_dropping_a_dealmap_opens_it(window: Any, tmp_path: Path, sample_json_path: Path) -> None:
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    from consensus_map.interchange import load_json_file
    from consensus_map.store import create_deal_file

    other = tmp_path / "dropped.dealmap"
    create_deal_file(other, load_json_file(sample_json_path))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert window.document.path == other


def test_close_shows_the_start_page_and_disables_edits(window: Any) -> None:
    window.close_action.trigger()
    assert window.document is None
    assert window.central.currentWidget() is window.start_page
    assert not window.add_action.isEnabled()
    assert window.windowTitle() == "Consensus Map"


def test_every_input_in_the_panels_has_an_accessible_name(window: Any) -> None:
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSpinBox,
        QCalendarWidget,
        QComboBox,
        QLineEdit,
    )

    def inside_calendar(widget: Any) -> bool:  # Qt's own month/year buttons
        parent = widget.parent()
        while parent is not None:
            if isinstance(parent, QCalendarWidget):
                return True
            parent = parent.parent()
        return False

    kinds = (QLineEdit, QComboBox, QAbstractSpinBox, QAbstractButton)
    for panel in (window.inspector, window.risk_panel, window.find_bar):
        widgets = [w for kind in kinds for w in panel.findChildren(kind)]
        assert widgets
        for widget in widgets:
            if isinstance(widget.parent(), kinds) or inside_calendar(widget):
                continue  # parts of a compound widget (a spin box's line edit)
            name = widget.accessibleName() or getattr(widget, "text", lambda: "")()
            assert name, f"{type(widget).__name__} in {type(panel).__name__} has no name"


def test_a_first_window_on_a_small_screen_starts_maximised(qtbot: Any) -> None:
    # The offscreen test screen is 800 px wide, like a small laptop: 85% of it would leave
    # the map, between two docked panels, too narrow to read names at fit.
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    from consensus_map.app.main_window import SMALL_SCREEN_WIDTH, MainWindow

    screen = QGuiApplication.primaryScreen()
    assert screen is not None and screen.availableGeometry().width() < SMALL_SCREEN_WIDTH
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.windowState() & Qt.WindowState.WindowMaximized
