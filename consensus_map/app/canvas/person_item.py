"""One person on the map: paints role, readiness, stance, attendance and risk; signals intent.

The item never edits the deal. It tells the scene when it moved (so ties follow) and the
scene turns finished drags into one document command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem

from consensus_map.analysis.wording import percent
from consensus_map.app.canvas import style
from consensus_map.domain import BuyerMode, Role, Stakeholder, Stance

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

    from consensus_map.analysis.result import Assessment
    from consensus_map.app.canvas.scene import DealScene

_NAME_FONT, _TITLE_FONT, _SMALL_FONT = style.fonts()
# A long name first tries a smaller bold font, and only then is cut with "…".
_NARROW_NAME_FONT = QFont(_NAME_FONT)
_NARROW_NAME_FONT.setPointSizeF(_NAME_FONT.pointSizeF() * 0.84)
_TEXT_WIDTH = style.BOX.width() - 24
# Constant, so it is computed once and Qt's index never needs a geometry change for a halo.
RANK_RADIUS = 11.0
_BOUNDS = style.BOX.adjusted(
    -style.HALO_MAX - 4, -style.HALO_MAX - 4, style.HALO_MAX + 4, style.HALO_MAX + 4
)


def _escape(text: str) -> str:
    """People's text inside the rich-text tooltip, shown as typed (`<img>` stays words)."""
    # Not html.escape: importing `html` compiles its unescape tables, ~3 ms of start-up.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class PersonItem(QGraphicsItem):
    """A stakeholder's box; `person_id` ties it to the model."""

    def __init__(self, person: Stakeholder) -> None:
        super().__init__()
        self.person_id = person.id
        self.person = person
        self.assessment: Assessment | None = None
        self.sinker_rank = 0  # 1 = most dangerous; 0 = not among the top sinkers
        self.dimmed = False
        self.highlighted = False
        flags = QGraphicsItem.GraphicsItemFlag
        self.setFlags(
            flags.ItemIsSelectable
            | flags.ItemIsMovable
            | flags.ItemSendsGeometryChanges
            | flags.ItemIsFocusable
        )
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setAcceptHoverEvents(False)
        self.setZValue(1.0)
        self._shape = style.role_path(person.role)
        self._name = self._title = self._status = ""
        self._name_font = _NAME_FONT
        self.set_person(person)

    # ------------------------------------------------------------ model → item
    def set_person(self, person: Stakeholder) -> None:
        if person.role != self.person.role:
            self._shape = style.role_path(person.role)
        self.person = person
        if self.pos() != QPointF(person.x, person.y):
            self.setPos(person.x, person.y)
        self._refresh_text()

    def set_assessment(self, assessment: Assessment | None, sinker_rank: int = 0) -> None:
        if assessment != self.assessment or sinker_rank != self.sinker_rank:
            self.assessment = assessment
            self.sinker_rank = sinker_rank
            self._refresh_opacity()
            self._refresh_text()

    def set_dimmed(self, dimmed: bool) -> None:
        if dimmed != self.dimmed:
            self.dimmed = dimmed
            self._refresh_opacity()

    @property
    def in_decision(self) -> bool:
        return self.assessment is None or self.assessment.in_decision

    def _refresh_opacity(self) -> None:
        # Filtered out by Find: faint. Not in the decision: muted, still readable.
        opacity = 0.22 if self.dimmed else (1.0 if self.in_decision else style.OUTSIDE_OPACITY)
        if self.opacity() != opacity:
            self.setOpacity(opacity)

    def set_highlighted(self, highlighted: bool) -> None:
        if highlighted != self.highlighted:
            self.highlighted = highlighted
            self.update()

    # ---------------------------------------------------------------- reading
    @property
    def name_text(self) -> str:
        """The name as drawn (plain text, elided to fit)."""
        return self._name

    @property
    def is_sinker(self) -> bool:
        return self.assessment is not None and self.assessment.sinker

    def halo_margin(self) -> float:
        """How far the red halo reaches beyond the box; 0 for people who are no sinker."""
        if self.assessment is None or not self.assessment.sinker:
            return 0.0
        risk = min(max(self.assessment.veto_risk, 0.0), 1.0)
        return style.HALO_MIN + (style.HALO_MAX - style.HALO_MIN) * risk

    def shown_stance(self) -> tuple[Stance, bool]:
        """The stance on the badge and whether it is inferred (not stated by the seller)."""
        stated = self.person.stance
        if stated is Stance.UNKNOWN and self.assessment is not None:
            inferred = self.assessment.inferred_stance
            # A neutral guess is no evidence either way: keep the honest "?".
            if inferred not in (Stance.UNKNOWN, Stance.NEUTRAL):
                return inferred, True
        return stated, False

    def _refresh_text(self) -> None:
        person = self.person
        name_metrics, title_metrics = QFontMetrics(_NAME_FONT), QFontMetrics(_TITLE_FONT)
        elide = Qt.TextElideMode.ElideRight
        self._name_font = _NAME_FONT
        if name_metrics.horizontalAdvance(person.name) > _TEXT_WIDTH:
            self._name_font = _NARROW_NAME_FONT
            name_metrics = QFontMetrics(_NARROW_NAME_FONT)
        self._name = name_metrics.elidedText(person.name, elide, int(_TEXT_WIDTH))
        self._title = title_metrics.elidedText(person.title, elide, int(_TEXT_WIDTH))
        status = person.readiness.label
        if self.assessment is not None and self.assessment.sinker:
            status += f" · risk {round(self.assessment.veto_risk * 100)}%"
        elif not self.in_decision:
            status = "not in the decision"
        self._status = status
        self.setToolTip(self._tooltip())
        self.update()

    def _tooltip(self) -> str:
        # Names come from colleagues' files: escape everything, markup only our own.
        p, a = self.person, self.assessment
        stance, inferred = self.shown_stance()
        lines = [f"{p.role.label} · {p.readiness.label}"]
        if a is not None and a.effective_readiness is not p.readiness:
            lines[0] += f" (counts as {a.effective_readiness}: last contact is old)"
        if inferred:
            towards = "our way" if stance is Stance.SUPPORTER else "against us"
            lines.append(f"stance unknown: may lean {towards} (a guess)")
        else:
            lines.append(f"stance: {stance.label}")
        if p.mode is not BuyerMode.UNKNOWN:
            lines.append(f"buyer mode: {p.mode.label}")
        if p.concern:
            lines.append(f"concern: “{p.concern}”")
        if p.attends:
            lines.append("attends the presentation")
        if a is not None and not a.in_decision:
            lines.append("not in the decision: no veto risk")
        elif a is not None:
            lines.append(
                f"{percent(a.veto_risk)} veto risk" + (" — deal-sinker" if a.sinker else "")
            )
            if a.action:
                lines.append(f"→ {a.action}")
        head = f"<b>{_escape(p.name)}</b>"
        if p.title:
            head += f"<br>{_escape(p.title)}"
        return "<qt>" + head + "".join(f"<br>{_escape(line)}" for line in lines) + "</qt>"

    # --------------------------------------------------------------- painting
    def boundingRect(self) -> QRectF:
        return _BOUNDS

    def shape(self) -> Any:
        return self._shape

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        colours = _colours(self.scene())
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        margin = self.halo_margin()
        if margin:
            risk = self.assessment.veto_risk if self.assessment is not None else 0.0
            paint_halo(painter, margin, risk)
        fill = style.READINESS_FILL[self.person.readiness]
        decision_maker = self.person.role is Role.DECISION_MAKER
        paint_box(painter, self._shape, fill, colours.outline, thick=decision_maker)
        selected = self.isSelected()
        if selected or self.highlighted:
            pen = QPen(colours.highlight, 4 if selected else 6)
            if not selected:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(style.BOX.adjusted(-6, -6, 6, 6), 14, 14)
        if decision_maker:
            paint_crown(painter, colours.outline)
        if self.sinker_rank:
            paint_rank(painter, self.sinker_rank, margin)
        if lod < style.DETAIL_LOD:
            self._paint_far_name(painter, fill, lod)
            return
        self._paint_text(painter, fill)
        stance, inferred = self.shown_stance()
        paint_badge(painter, stance, inferred, colours.background)
        if self.person.attends:
            paint_presenting_flag(painter, colours.outline)

    def far_name(self, lod: float) -> tuple[QFont, str] | None:
        """Zoomed out: the name alone, sized for the screen and cut to the box; None when
        even that would be too small to read (see style.NAME_LOD)."""
        if lod < style.NAME_LOD or lod >= style.DETAIL_LOD:
            return None
        font = QFont(_TITLE_FONT)
        # Item units: at this scale the text comes out FAR_NAME_PIXELS high on screen.
        font.setPixelSize(max(1, round(style.FAR_NAME_PIXELS / lod)))
        width = int(style.BOX.width() - 8)
        metrics = QFontMetrics(font)
        name = self.person.name
        words = name.split()
        if metrics.horizontalAdvance(name) > width and len(words) > 1:
            name = f"{words[0]} {words[-1][0]}."  # "Priya N." says more than "Priya Nat…"
        return font, metrics.elidedText(name, Qt.TextElideMode.ElideRight, width)

    def _paint_far_name(self, painter: QPainter, fill: QColor, lod: float) -> None:
        far = self.far_name(lod)
        if far is None:
            return
        font, text = far
        painter.setPen(style.text_on(fill))
        painter.setFont(font)
        painter.drawText(style.BOX, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_text(self, painter: QPainter, fill: QColor) -> None:
        ink = style.text_on(fill)
        box = style.BOX
        width = _TEXT_WIDTH
        painter.setPen(ink)
        painter.setFont(self._name_font)
        centre = Qt.AlignmentFlag.AlignCenter
        painter.drawText(QRectF(-width / 2, box.top() + 6, width, 20), centre, self._name)
        painter.setFont(_TITLE_FONT)
        painter.drawText(QRectF(-width / 2, box.top() + 26, width, 16), centre, self._title)
        painter.setFont(_SMALL_FONT)
        painter.drawText(QRectF(-width / 2, box.bottom() - 24, width, 16), centre, self._status)

    # -------------------------------------------------------------- behaviour
    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        if change is QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            scene = self.scene()
            if scene is not None:
                scene.person_item_moved(self)  # type: ignore[attr-defined]
        return super().itemChange(change, value)


def _colours(scene: DealScene | Any) -> style.CanvasColours:
    colours = getattr(scene, "colours", None)
    if isinstance(colours, style.CanvasColours):
        return colours
    from PySide6.QtWidgets import QApplication

    return style.CanvasColours.from_palette(QApplication.palette())


# ------------------------------------------------------------------ painting parts
# Module functions, not methods, so that the legend draws its samples with the very same
# code as the map (see app/legend.py).
BADGE_CENTRE = QPointF(style.BOX.right() - 4, style.BOX.top() + 2)
FLAG_FOOT = QPointF(style.BOX.left() + 8, style.BOX.top() + 4)


def paint_box(
    painter: QPainter,
    shape: QPainterPath,
    fill: QColor,
    outline: QColor,
    *,
    thick: bool,
    pen_scale: float = 1.0,
) -> None:
    """The person's outline for their role, filled with their readiness colour.

    `pen_scale` widens the outline for samples drawn much smaller than the map (the legend).
    """
    painter.setPen(QPen(outline, (3.5 if thick else 1.4) * pen_scale))
    painter.setBrush(fill)
    painter.drawPath(shape)


def paint_crown(painter: QPainter, outline: QColor) -> None:
    """The decision-maker's crown on the top edge of the box."""
    painter.setPen(QPen(outline, 1.5))
    painter.setBrush(style.CROWN_GOLD)
    painter.drawPolygon(style.crown(QPointF(0, style.BOX.top() - 1)))


def paint_halo(painter: QPainter, margin: float, risk: float) -> None:
    """The deal-sinker's red glow, `margin` beyond the box."""
    painter.setPen(Qt.PenStyle.NoPen)
    glow = QColor(style.HALO_COLOUR)
    # Riskier people glow wider AND stronger, so the ranking reads at a glance.
    for step, alpha in ((1.0, 35 + 90 * risk), (0.5, 60 + 110 * risk)):
        m = margin * step
        glow.setAlpha(min(255, int(alpha)))
        painter.setBrush(glow)
        painter.drawRoundedRect(style.BOX.adjusted(-m, -m, m, m), 16 + m, 16 + m)
    painter.setPen(QPen(style.HALO_COLOUR, 2.5))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(
        style.BOX.adjusted(-margin, -margin, margin, margin), 16 + margin, 16 + margin
    )


def rank_centre(margin: float) -> QPointF:
    return QPointF(style.BOX.left() - margin * 0.35, style.BOX.bottom() + margin * 0.35)


def paint_rank(painter: QPainter, rank: int, margin: float, centre: QPointF | None = None) -> None:
    """ "1" marks the most dangerous deal-sinker (the risk panel's order)."""
    r = RANK_RADIUS
    at = centre if centre is not None else rank_centre(margin)
    painter.setPen(QPen(QColor(Qt.GlobalColor.white), 1.5))
    painter.setBrush(style.HALO_COLOUR)
    rect = QRectF(at.x() - r, at.y() - r, 2 * r, 2 * r)
    painter.drawEllipse(rect)
    painter.setFont(_SMALL_FONT)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(rank))


def paint_badge(
    painter: QPainter,
    stance: Stance,
    inferred: bool,
    background: QColor,
    centre: QPointF = BADGE_CENTRE,
) -> None:
    """The stance badge: filled when stated, hollow and dashed with "~" when inferred."""
    colour = style.STANCE_COLOUR[stance]
    r = style.BADGE_RADIUS
    rect = QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r)
    if inferred:
        # Hollow with a dashed rim: a guess from the network, not what the seller knows.
        painter.setPen(QPen(colour, 2.5, Qt.PenStyle.DashLine))
        painter.setBrush(background)
        ink = colour
        glyph = "~" + style.STANCE_GLYPH[stance]
    else:
        painter.setPen(QPen(QColor(40, 40, 40), 1.2))
        painter.setBrush(colour)
        ink = style.text_on(colour)
        glyph = style.STANCE_GLYPH[stance]
    painter.drawEllipse(rect)
    painter.setPen(ink)
    painter.setFont(_NAME_FONT)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, glyph)


def paint_presenting_flag(painter: QPainter, ink: QColor, foot: QPointF = FLAG_FOOT) -> None:
    """A little flag on a pole: "in the room at the presentation"."""
    x, y = foot.x(), foot.y()
    painter.setPen(QPen(ink, 2))
    painter.drawLine(QPointF(x, y + 6), QPointF(x, y - 18))
    painter.setPen(QPen(ink, 1))
    painter.setBrush(style.FLAG_PINK)
    painter.drawRect(QRectF(x, y - 18, 16, 10))
