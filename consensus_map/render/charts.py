"""The review's two pictures, drawn the same in the app and on paper.

- `paint_plan_chart`: the consensus probability step by step (today, after meeting 1, 2, …)
  over the five bands, so a manager sees where the plan takes the deal.
- `paint_risk_bars`: each attendee's veto risk as a bar, in the map's colours (the deal-
  sinker's red, the readiness fill, the stance badge), riskiest first.

Both paint into a rectangle with a given text size, in whatever units the painter is in
(pixels in a widget, points on a page); people's names are drawn as plain text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen

from consensus_map.domain import Readiness, Stance
from consensus_map.render import style
from consensus_map.render.person import paint_badge

# Lower edges of the bands (SPEC analysis 5) and how they are named on the chart.
BAND_EDGES: tuple[tuple[float, str], ...] = (
    (0.0, "very low"),
    (0.10, "low"),
    (0.30, "fair"),
    (0.60, "good"),
    (0.85, "strong"),
)
LINE_COLOUR = QColor("#253494")  # the readiness scale's deepest blue: the plan moves up it


@dataclass(frozen=True)
class ChartPoint:
    """One step of the plan chart: 'today' or the meeting number, who, and the probability."""

    label: str
    who: str
    probability: float


@dataclass(frozen=True)
class RiskBar:
    """One attendee's bar."""

    name: str
    veto_risk: float
    readiness: Readiness
    stance: Stance
    guessed: bool  # the stance is inferred from colleagues, drawn hollow with "~"
    sinker: bool


def _font(size: float, bold: bool = False) -> QFont:
    return style.text_font(max(1, round(size)), bold=bold)


def _percent_label(probability: float) -> str:
    value = probability * 100
    if value >= 10 or value == 0:
        return f"{value:.0f}%"
    if value >= 0.1:
        return f"{value:.1f}%"
    return "<0.1%"


NO_CHART = "No one on the map is in the decision yet: nothing to chart."


def paint_plan_chart(
    painter: QPainter,
    rect: QRectF,
    points: Sequence[ChartPoint],
    colours: style.CanvasColours,
    text_size: float = 8,
) -> None:
    """A step chart of the consensus probability over the plan's meetings; no points (no
    one in the decision): a line saying so, never a chart of a chance computed over nobody."""
    small = _font(text_size)
    metrics = QFontMetricsF(small)
    line_h = metrics.height()
    painter.save()
    if not points:
        painter.setFont(small)
        painter.setPen(colours.text)
        painter.drawText(
            rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
            NO_CHART,
        )
        painter.restore()
        return
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    left = rect.left() + metrics.horizontalAdvance("100%") + text_size * 0.6
    right = rect.right() - metrics.horizontalAdvance("very low") - text_size
    top = rect.top() + line_h * 1.2  # room for the top point's label
    bottom = rect.bottom() - line_h * 2.3  # room for two lines of x labels
    plot = QRectF(QPointF(left, top), QPointF(right, bottom))
    if plot.width() <= 0 or plot.height() <= 0:
        painter.restore()
        return

    # The axis reaches the band the plan reaches: a deal going from 2% to 4% must show its
    # climb, not a flat line on the floor of a 0–100% chart; the bands shown say where it is.
    top_value = max((p.probability for p in points), default=0.0) * 1.15
    edges = [edge for edge, _name in BAND_EDGES[1:]] + [1.0]
    y_max = next(edge for edge in edges if edge >= min(top_value, 1.0))

    def y_of(probability: float) -> float:
        return plot.bottom() - max(0.0, min(y_max, probability)) / y_max * plot.height()

    # The bands as soft stripes, named at the right: where the deal stands, in words.
    bands = [*BAND_EDGES, (1.0, "")]
    for n, ((low, name), (high, _next)) in enumerate(pairwise(bands)):
        if low >= y_max:
            break
        band = QRectF(
            QPointF(plot.left(), y_of(min(high, y_max))), QPointF(plot.right(), y_of(low))
        )
        tint = QColor(colours.text)
        tint.setAlphaF(0.04 if n % 2 == 0 else 0.09)
        painter.fillRect(band, tint)
        painter.setFont(small)
        painter.setPen(colours.text)
        label = QRectF(
            plot.right() + text_size * 0.4, band.top(), rect.right() - plot.right(), band.height()
        )
        painter.drawText(label, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
    axis = QColor(colours.text)
    axis.setAlphaF(0.55)
    painter.setPen(QPen(axis, 0.6))
    for value in (0.0, y_max / 4, y_max / 2, y_max * 3 / 4, y_max):
        y = y_of(value)
        painter.drawLine(QPointF(plot.left() - 3, y), QPointF(plot.left(), y))
        painter.drawText(
            QRectF(rect.left(), y - line_h / 2, plot.left() - rect.left() - 5, line_h),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            f"{value * 100:.3g}%",
        )
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    painter.drawLine(plot.bottomLeft(), plot.topLeft())
    if not points:
        painter.restore()
        return
    step_w = plot.width() / len(points)
    xs = [plot.left() + step_w * (n + 0.5) for n in range(len(points))]
    # The step line: level until the next meeting, then up to what it buys.
    path = QPainterPath(QPointF(plot.left(), y_of(points[0].probability)))
    for n, point in enumerate(points):
        y = y_of(point.probability)
        path.lineTo(QPointF(plot.left() + step_w * n, y))
        path.lineTo(QPointF(plot.left() + step_w * (n + 1), y))
    painter.setPen(QPen(LINE_COLOUR, max(1.0, text_size * 0.22)))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    dot = text_size * 0.35
    label_w = max(step_w, metrics.horizontalAdvance("100%"))
    for x, point in zip(xs, points, strict=True):
        y = y_of(point.probability)
        painter.setPen(QPen(colours.background, 1))
        painter.setBrush(LINE_COLOUR)
        painter.drawEllipse(QPointF(x, y), dot, dot)
        painter.setPen(colours.text)
        painter.setFont(_font(text_size, bold=True))
        painter.drawText(
            QRectF(x - label_w / 2, y - line_h - dot, label_w, line_h),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
            _percent_label(point.probability),
        )
        painter.setFont(small)
        elide = Qt.TextElideMode.ElideRight
        for row, words in enumerate((point.label, point.who)):
            shown = metrics.elidedText(words, elide, step_w - 2)
            painter.drawText(
                QRectF(x - step_w / 2, plot.bottom() + 2 + row * line_h, step_w, line_h),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                shown,
            )
    painter.restore()


def risk_rows_that_fit(height: float, text_size: float = 8) -> int:
    """How many bars `paint_risk_bars` draws in `height` (one line is kept for "+ N more")."""
    return max(0, int(height // (text_size * 1.9)))


def paint_risk_bars(
    painter: QPainter,
    rect: QRectF,
    bars: Sequence[RiskBar],
    colours: style.CanvasColours,
    text_size: float = 8,
) -> None:
    """Attendees' veto risk, riskiest first; those that do not fit are counted at the end."""
    small = _font(text_size)
    metrics = QFontMetricsF(small)
    row_h = text_size * 1.9
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    fit = risk_rows_that_fit(rect.height(), text_size)
    shown = list(bars) if len(bars) <= fit else list(bars[: max(0, fit - 1)])
    name_w = min(
        rect.width() * 0.38, max((metrics.horizontalAdvance(b.name) for b in shown), default=0) + 2
    )
    swatch = row_h * 0.62
    badge_scale = swatch / (2 * style.BADGE_RADIUS + 4)
    bar_left = rect.left() + name_w + text_size * 0.5 + swatch * 2 + text_size * 0.8
    percent_w = metrics.horizontalAdvance("100%") + text_size * 0.4
    bar_room = max(0.0, rect.right() - percent_w - bar_left)
    track = QColor(colours.text)
    track.setAlphaF(0.08)
    for n, bar in enumerate(shown):
        top = rect.top() + n * row_h
        mid = top + row_h / 2
        painter.setFont(small)
        painter.setPen(colours.text)
        painter.drawText(
            QRectF(rect.left(), top, name_w, row_h),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(bar.name, Qt.TextElideMode.ElideRight, name_w),
        )
        # Readiness as the map's fill, then the map's stance badge.
        x = rect.left() + name_w + text_size * 0.5
        fill = style.READINESS_FILL[bar.readiness]
        painter.setPen(QPen(colours.outline, 0.6))
        painter.setBrush(fill)
        painter.drawRoundedRect(QRectF(x, mid - swatch / 2, swatch, swatch), 2, 2)
        painter.save()
        painter.translate(QPointF(x + swatch * 1.5 + text_size * 0.3, mid))
        painter.scale(badge_scale, badge_scale)
        paint_badge(painter, bar.stance, bar.guessed, colours.background, QPointF(0, 0))
        painter.restore()
        # The bar: the deal-sinker's red, as strong as the halo on the map.
        painter.fillRect(QRectF(bar_left, mid - swatch / 2, bar_room, swatch), track)
        risk = max(0.0, min(1.0, bar.veto_risk))
        red = QColor(style.HALO_COLOUR)
        red.setAlpha(int(90 + 165 * risk) if bar.sinker else 70)
        painter.fillRect(QRectF(bar_left, mid - swatch / 2, bar_room * risk, swatch), red)
        painter.setPen(style.RISK_TEXT if bar.sinker else colours.text)
        painter.setFont(_font(text_size, bold=bar.sinker))
        painter.drawText(
            QRectF(bar_left + bar_room * risk + text_size * 0.3, top, percent_w + text_size, row_h),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            _percent_label(risk),
        )
    hidden = len(bars) - len(shown)
    if hidden:
        painter.setFont(small)
        painter.setPen(colours.text)
        painter.drawText(
            QRectF(rect.left(), rect.top() + len(shown) * row_h, rect.width(), row_h),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            f"+ {hidden} more (all in the table)",
        )
    painter.restore()
