"""Start-up: the map shows first, the risks follow as soon as it has been painted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from consensus_map.analysis.wording import headline


def headline_shown(panel: Any) -> str:
    """The risk panel's headline as a reader sees it: band, then number and range."""
    return f"{panel.probability.text()} — {panel.caption.text()}"


def headline_of(analysis: Any) -> str:
    return headline(
        analysis.consensus_probability, analysis.consensus_band, analysis.consensus_range
    )


def test_first_deal_shows_the_map_then_the_risks(qtbot: Any, deal_path: Path) -> None:
    from consensus_map.app.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.defer_first_analysis()
    assert window.open_path(deal_path)
    document = window.document
    assert document is not None and window.scene is not None
    # Every person is on the map before any risk is known; the panel says it is working.
    assert set(window.scene.person_items) == {p.id for p in document.deal.stakeholders}
    assert document.analysis_pending
    assert window.risk_panel.probability.text() == "…"

    window.show()
    qtbot.waitUntil(lambda: not document.analysis_pending, timeout=5000)
    assert headline_shown(window.risk_panel) == headline_of(document.analysis)
    assert window.risk_panel.sinker_rows, "the deal-sinkers are listed once analysed"
    document.close()
    window.document = None


def test_quick_start_paints_the_map_first_and_the_panels_follow(
    qtbot: Any, deal_path: Path
) -> None:
    from consensus_map.app.main_window import MainWindow
    from consensus_map.app.panels.inspector import Inspector
    from consensus_map.app.panels.risk_panel import RiskPanel

    window = MainWindow(quick_start=True)
    qtbot.addWidget(window)
    assert window.open_path(deal_path)
    document = window.document
    assert document is not None and window.scene is not None
    # Before the first frame: the whole committee is on the map, the docks are laid out
    # but still empty, and nothing has been analysed.
    assert set(window.scene.person_items) == {p.id for p in document.deal.stakeholders}
    assert all(
        dock.widget() is None
        for dock in (window.inspector_dock, window.risk_dock, window.legend_dock)
    )
    assert document.analysis_pending
    # A person chosen before the inspector exists is the one it shows once it does.
    chris = next(p for p in document.deal.stakeholders if p.name == "Chris Park")
    window.scene.select_person(chris.id)

    window.show()
    qtbot.waitUntil(lambda: not document.analysis_pending, timeout=5000)
    assert isinstance(window.inspector_dock.widget(), Inspector)
    assert isinstance(window.risk_dock.widget(), RiskPanel)
    assert window.legend_dock.widget() is not None
    assert window.inspector.person_page.name.text() == "Chris Park"
    assert headline_shown(window.risk_panel) == headline_of(document.analysis)
    document.close()
    window.document = None


def test_later_deals_are_analysed_at_once(window: Any, deal_path: Path) -> None:
    # The `window` fixture opened a deal without deferring: nothing is pending.
    assert not window.document.analysis_pending
    assert headline_shown(window.risk_panel) == headline_of(window.document.analysis)


def test_the_window_module_does_not_load_the_engine_or_the_panels() -> None:
    # networkx is most of the start-up time: only the deferred analysis may import it. The
    # panels, dialogs and help are built after the first frame: their modules wait too.
    later = [
        "networkx",
        "consensus_map.app.panels.inspector",
        "consensus_map.app.panels.risk_panel",
        "consensus_map.app.legend",
        "consensus_map.app.tie_dialog",
        "consensus_map.app.help",
        "consensus_map.app.file_dialogs",
    ]
    code = (
        "import sys\nimport consensus_map.app.main_window\n"
        f"print([m for m in {later!r} if m in sys.modules])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""},
    )
    assert result.stdout.strip() == "[]"
