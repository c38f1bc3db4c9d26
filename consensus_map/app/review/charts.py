"""The review's two charts as widgets, painted by render.charts in the palette's colours."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QFontInfo, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from consensus_map.render.charts import (
    ChartPoint,
    RiskBar,
    paint_plan_chart,
    paint_risk_bars,
    risk_rows_that_fit,
)
from consensus_map.render.style import CanvasColours


class _Chart(QWidget):
    def __init__(self, name: str) -> None:
        super().__init__()
        self.setAccessibleName(name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def text_size(self) -> float:
        return float(QFontInfo(self.font()).pixelSize())

    def colours(self) -> CanvasColours:
        return CanvasColours.from_palette(self.palette())


class PlanChart(_Chart):
    """The consensus probability today and after each planned meeting."""

    def __init__(self) -> None:
        super().__init__("Plan chart: the chance the team agrees, meeting by meeting")
        self.points: list[ChartPoint] = []
        self.setFixedHeight(190)

    def set_points(self, points: Sequence[ChartPoint]) -> None:
        if list(points) != self.points:
            self.points = list(points)
            self.update()

    def sizeHint(self) -> QSize:
        return QSize(360, 190)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = QRectF(self.rect()).adjusted(4, 4, -4, -4)
        paint_plan_chart(painter, rect, self.points, self.colours(), self.text_size())
        painter.end()


class RiskBars(_Chart):
    """Each attendee's veto risk as a bar in the map's colours, riskiest first."""

    def __init__(self) -> None:
        super().__init__("Veto risk of each attendee")
        self.bars: list[RiskBar] = []
        self.setFixedHeight(190)

    def set_bars(self, bars: Sequence[RiskBar]) -> None:
        if list(bars) != self.bars:
            self.bars = list(bars)
            self.update()

    def shown(self) -> int:
        """How many bars fit (the rest are counted in a last line)."""
        fit = risk_rows_that_fit(self.height() - 8, self.text_size())
        return len(self.bars) if len(self.bars) <= fit else max(0, fit - 1)

    def sizeHint(self) -> QSize:
        return QSize(360, 190)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = QRectF(self.rect()).adjusted(4, 4, -4, -4)
        paint_risk_bars(painter, rect, self.bars, self.colours(), self.text_size())
        painter.end()
