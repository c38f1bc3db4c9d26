"""The map's legend: how to read shapes, fills, badges, marks and tie lines.

Every sample is drawn by the canvas's own painting code (`person_item.paint_*`, a real
`TieItem`) with the constants of `canvas/style.py`, so the legend cannot drift from the map,
and with the colours of the current palette, so it reads in light and dark alike. The words
are plain labels (screen readers read them; colour is never the only cue).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QScrollArea,
    QStyleOptionGraphicsItem,
    QVBoxLayout,
    QWidget,
)

from consensus_map.app.canvas import style
from consensus_map.app.canvas.person_item import (
    paint_badge,
    paint_box,
    paint_crown,
    paint_halo,
    paint_presenting_flag,
    paint_rank,
)
from consensus_map.app.canvas.tie_item import TieItem
from consensus_map.app.panels.widgets import GLOSSES, plain_label
from consensus_map.domain import Readiness, Role, Stance, Tie, TieKind

Draw = Callable[[QPainter, style.CanvasColours], None]

_ROLE_SOURCE = style.BOX.adjusted(-3, -20, 3, 3)  # room for the crown, same scale for all
_TIE_WORDS = {
    TieKind.REPORTS_TO: "reports to (arrow to the manager)",
    TieKind.INFLUENCES: "influences (wider = stronger)",
    TieKind.ALLY: "ally (side together)",
    TieKind.RIVAL: "rival (oppose each other)",
}


class Sample(QWidget):
    """A small picture: `draw` paints in map coordinates, `source` is scaled to fit."""

    def __init__(self, draw: Draw, source: QRectF, size: QSize, name: str) -> None:
        super().__init__()
        self._draw = draw
        self._source = source
        self.setFixedSize(size)
        self.setAccessibleName(name)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        colours = style.CanvasColours.from_palette(self.palette())
        source = self._source
        scale = min(self.width() / source.width(), self.height() / source.height())
        painter.translate(self.width() / 2, self.height() / 2)
        painter.scale(scale, scale)
        painter.translate(-source.center())
        self._draw(painter, colours)
        painter.end()


# ------------------------------------------------------------------ the samples
def _role(role: Role) -> Draw:
    shape = style.role_path(role)
    decision_maker = role is Role.DECISION_MAKER

    def draw(painter: QPainter, colours: style.CanvasColours) -> None:
        # Filled with the map's background: shape is the cue here, not readiness.
        # Drawn at about a third of map size: widen the outline so it reads as on the map.
        paint_box(
            painter, shape, colours.background, colours.outline, thick=decision_maker, pen_scale=2.5
        )
        if decision_maker:
            paint_crown(painter, colours.outline)

    return draw


def _readiness(readiness: Readiness) -> Draw:
    fill = style.READINESS_FILL[readiness]

    def draw(painter: QPainter, colours: style.CanvasColours) -> None:
        rect = QRectF(1, 1, 88, 20)
        paint_box(
            painter, style.role_path(Role.DECISION_SHAPER, rect), fill, colours.outline, thick=False
        )
        painter.setPen(style.text_on(fill))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, readiness.label)

    return draw


def _badge(stance: Stance, inferred: bool) -> Draw:
    def draw(painter: QPainter, colours: style.CanvasColours) -> None:
        paint_badge(painter, stance, inferred, colours.background, QPointF(0, 0))

    return draw


def _crown(painter: QPainter, colours: style.CanvasColours) -> None:
    paint_crown(painter, colours.outline)


def _flag(painter: QPainter, colours: style.CanvasColours) -> None:
    paint_presenting_flag(painter, colours.outline, QPointF(0, 0))


_HALO_MARGIN = 30.0


def _halo(painter: QPainter, colours: style.CanvasColours) -> None:
    paint_halo(painter, _HALO_MARGIN, 0.8)
    fill = style.READINESS_FILL[Readiness.UNENGAGED]
    paint_box(painter, style.role_path(Role.DECISION_SHAPER), fill, colours.outline, thick=False)


def _ranks(painter: QPainter, colours: style.CanvasColours) -> None:
    for rank in (1, 2, 3):
        paint_rank(painter, rank, 0.0, QPointF(13 + (rank - 1) * 26, 12))


def _tie(kind: TieKind) -> tuple[Draw, QRectF]:
    # A real map tie between two (unseen) people 260 apart: its visible part is ~72 long.
    item = TieItem(Tie("a", "b", kind, 2.0))
    item.set_ends(QPointF(-130, 0), QPointF(130, 0))
    option = QStyleOptionGraphicsItem()
    option.exposedRect = item.boundingRect()  # the item only strokes what is exposed

    def draw(painter: QPainter, _colours: style.CanvasColours) -> None:
        item.paint(painter, option, None)

    bounds = item.boundingRect()
    return draw, QRectF(bounds.left(), -12, bounds.width(), 24)


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

        grid = self._section(layout, "Role — the shape")
        for n, role in enumerate(Role):
            self._cell(grid, n, _role(role), _ROLE_SOURCE, QSize(60, 32), role.label)

        grid = self._section(layout, "Readiness — the fill, with its word")
        for n, readiness in enumerate(Readiness):
            sample = Sample(
                _readiness(readiness), QRectF(0, 0, 90, 22), QSize(90, 22), readiness.label
            )
            grid.addWidget(sample, n, 0)
            grid.addWidget(self._label(GLOSSES[readiness.value]), n, 1, 1, 3)

        grid = self._section(layout, "Stance — the badge (top right)")
        badge = QRectF(-16, -16, 32, 32)
        stances = [(s, False, s.label) for s in Stance]
        stances.append((Stance.SUPPORTER, True, "~ inferred from ties, not stated"))
        for n, (stance, inferred, words) in enumerate(stances):
            self._cell(grid, n, _badge(stance, inferred), badge, QSize(26, 26), words)

        grid = self._section(layout, "Marks")
        crown_box = QRectF(-18, style.BOX.top() - 20, 36, 22)
        flag_box = QRectF(-4, -21, 24, 30)
        halo_box = style.BOX.adjusted(
            -_HALO_MARGIN - 2, -_HALO_MARGIN - 2, _HALO_MARGIN + 2, _HALO_MARGIN + 2
        )
        marks: list[tuple[Draw, QRectF, QSize, str]] = [
            (_crown, crown_box, QSize(30, 20), "decision-maker"),
            (_flag, flag_box, QSize(20, 24), "attends the presentation"),
            (_halo, halo_box, QSize(48, 28), "deal-sinker: the halo grows with veto risk"),
            (
                _ranks,
                QRectF(0, 0, 78, 24),
                QSize(66, 20),
                "deal-sinkers, most dangerous first",
            ),
        ]
        for n, (draw, source, size, words) in enumerate(marks):
            sample = Sample(draw, source, size, words)
            grid.addWidget(sample, n, 0, Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(self._label(words), n, 1, 1, 3)

        grid = self._section(layout, "Ties — the line")
        for n, kind in enumerate(TieKind):
            draw, source = _tie(kind)
            sample = Sample(draw, source, QSize(76, 24), kind.label)
            grid.addWidget(sample, n, 0)
            grid.addWidget(self._label(_TIE_WORDS[kind]), n, 1, 1, 3)
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

    def _cell(
        self, grid: QGridLayout, n: int, draw: Draw, source: QRectF, size: QSize, words: str
    ) -> None:
        row, column = divmod(n, 2)
        grid.addWidget(
            Sample(draw, source, size, words), row, column * 2, Qt.AlignmentFlag.AlignCenter
        )
        grid.addWidget(self._label(words), row, column * 2 + 1)

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
