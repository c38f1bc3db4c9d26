"""Start-up: the map shows first, the risks follow as soon as it has been painted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from consensus_map.analysis.wording import percent


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
    assert window.risk_panel.probability.text() == percent(document.analysis.consensus_probability)
    assert window.risk_panel.sinker_rows, "the deal-sinkers are listed once analysed"
    document.close()
    window.document = None


def test_later_deals_are_analysed_at_once(window: Any, deal_path: Path) -> None:
    # The `window` fixture opened a deal without deferring: nothing is pending.
    assert not window.document.analysis_pending
    assert window.risk_panel.probability.text().endswith("%")


def test_the_window_module_does_not_load_the_engine() -> None:
    # networkx is most of the start-up time: only the deferred analysis may import it.
    code = "import sys\nimport consensus_map.app.main_window\nprint('networkx' in sys.modules)\n"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""},
    )
    assert result.stdout.strip() == "False"
