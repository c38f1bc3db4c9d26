"""The map's legend dock: how to read shapes, fills, badges, marks and tie lines.

The entries and their samples come from render.legend, which paints them with the map's own
code (the PDF's legend is the same entries on paper); here they become widgets, in the
colours of the current palette, so the legend reads in light and dark alike. The words are
plain labels (screen readers read them; colour is never the only cue).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from consensus_map.app.panels.widgets import plain_label
from consensus_map.render import style
from consensus_map.render.legend import LegendEntry, legend_sections, paint_sample


class Sample(QWidget):
    """A small picture of one legend entry, drawn by the map's painting code."""

    def __init__(self, entry: LegendEntry) -> None:
        super().__init__()
        self._entry = entry
        self.setFixedSize(entry.size.toSize())
        self.setAccessibleName(entry.name)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        colours = style.CanvasColours.from_palette(self.palette())
        paint_sample(painter, self._entry, QRectF(self.rect()), colours)
        painter.end()


# --------------------------------------------------------------------- the panel
class Legend(QWidget):
    """The whole legend, in sections, two columns where the words are short."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Legend")
        # The map's own background, so the samples look exactly as they do on the map.
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        self.labels: list[QLabel] = []
        for section in legend_sections():
            grid = self._section(layout, section.title)
            for n, entry in enumerate(section.entries):
                if section.columns == 2:
                    row, column = divmod(n, 2)
                    grid.addWidget(Sample(entry), row, column * 2, Qt.AlignmentFlag.AlignCenter)
                    grid.addWidget(self._label(entry.words), row, column * 2 + 1)
                else:
                    grid.addWidget(Sample(entry), n, 0, Qt.AlignmentFlag.AlignCenter)
                    grid.addWidget(self._label(entry.words), n, 1, 1, 3)
        layout.addStretch(1)

    def _section(self, layout: QVBoxLayout, title: str) -> QGridLayout:
        heading = plain_label(title)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        grid = QGridLayout()
        grid.setContentsMargins(4, 0, 0, 6)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        layout.addLayout(grid)
        return grid

    def _label(self, text: str) -> QLabel:
        label = plain_label(text, wrap=True)
        self.labels.append(label)
        return label

    def words(self) -> list[str]:
        """Everything the legend says, in order (for tests and accessibility checks)."""
        return [label.text() for label in self.labels]


def legend_view() -> QScrollArea:
    """The legend in a scroll area, for the main window's Legend dock."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(Legend())
    return scroll
