"""How the map looks: role shapes, the readiness scale, stance badges, tie pens, sizes.

Role → shape (outline of the box, so it reads even zoomed out):
  decision_maker   rounded box, thick border and a crown on top
  executive        hexagon (pointed left and right ends)
  decision_shaper  rounded box
  gatekeeper       octagon (cut corners, like a stop sign)
  end_user         ellipse
  other            plain square-cornered box

Readiness → fill from ColorBrewer's 5-class YlGnBu, a sequential colour-blind-safe scale
(light = unengaged, deep blue = committed), always with the readiness word written in the
box. Stance → a badge with a glyph; inferred stances are drawn hollow with a "~".

The screen, the legend and the exports (PDF, SVG, PNG, print) all read these, so the map
looks the same everywhere. Fonts are sized in map units (pixels at 1:1), not points: a
point size would be resolved with each device's dots per inch (96 on a screen, 1200 in a
PDF) and the names would no longer fit their boxes on paper.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainterPath, QPalette, QPolygonF

from consensus_map.domain import Readiness, Role, Stance, TieKind
from consensus_map.layout import NODE_HEIGHT, NODE_WIDTH

BOX = QRectF(-NODE_WIDTH / 2, -NODE_HEIGHT / 2, NODE_WIDTH, NODE_HEIGHT)
BADGE_RADIUS = 13.0
# The three most dangerous deal-sinkers glow: from TOP_HALO_MIN beyond the box (a veto
# risk near 0) to HALO_MAX (risk 1.0). Every other deal-sinker gets a thin ring
# HALO_MIN out, so the top three stand out from the rest at any zoom.
HALO_MIN, TOP_HALO_MIN, HALO_MAX = 4.0, 14.0, 40.0
# People outside the deciding group: drawn muted (they cost nothing), still readable.
OUTSIDE_OPACITY = 0.45
# Below this scale the badge, flag and crown would be specks: the map draws shapes, fills,
# halos and the text alone, down to NAME_LOD (below it, a 2,000-person map: no text).
DETAIL_LOD = 0.45
NAME_LOD = 0.22
# The box's text never shrinks below these sizes on screen (pixels): zoomed out, the text
# grows in map units instead, and the title gives way first, then the readiness line.
FAR_NAME_PIXELS = 10.5  # a name
FAR_STATUS_PIXELS = 9.0  # the readiness word and risk
FAR_TITLE_PIXELS = 8.5  # the job title
RANK_PIXELS = 12.0  # the rank badge's radius

READINESS_FILL: dict[Readiness, QColor] = {
    Readiness.UNENGAGED: QColor("#ffffcc"),
    Readiness.AWARE: QColor("#a1dab4"),
    Readiness.EXPLORING: QColor("#41b6c4"),
    Readiness.ALIGNED: QColor("#2c7fb8"),
    Readiness.COMMITTED: QColor("#253494"),
}

STANCE_GLYPH: dict[Stance, str] = {
    Stance.CHAMPION: "✓✓",
    Stance.SUPPORTER: "✓",
    Stance.NEUTRAL: "–",
    Stance.UNKNOWN: "?",
    Stance.SKEPTIC: "!",
    Stance.BLOCKER: "✕",
}
# Green for the change, red against (with the glyph, so colour is not the only cue).
STANCE_COLOUR: dict[Stance, QColor] = {
    Stance.CHAMPION: QColor("#1a9641"),
    Stance.SUPPORTER: QColor("#66bd63"),
    Stance.NEUTRAL: QColor("#8c8c8c"),
    Stance.UNKNOWN: QColor("#bdbdbd"),
    Stance.SKEPTIC: QColor("#f08c00"),
    Stance.BLOCKER: QColor("#d7191c"),
}

HALO_COLOUR = QColor(220, 30, 30)
# The halo while a newer analysis is on its way (big maps): the same glow, without the alarm.
OUTDATED_HALO_COLOUR = QColor(150, 150, 150)
RISK_TEXT = QColor("#b2182b")
CROWN_GOLD = QColor("#f2b705")  # decision-makers' crown
FLAG_PINK = QColor("#e7298a")  # presentation attendees' flag


@dataclass(frozen=True)
class TieStyle:
    colour: QColor
    pen_style: Qt.PenStyle
    arrow: bool


TIE_STYLE: dict[TieKind, TieStyle] = {
    TieKind.REPORTS_TO: TieStyle(QColor(128, 128, 128), Qt.PenStyle.SolidLine, True),
    TieKind.INFLUENCES: TieStyle(QColor("#7b3294"), Qt.PenStyle.SolidLine, True),
    TieKind.ALLY: TieStyle(QColor("#1b9e77"), Qt.PenStyle.DashLine, False),
    TieKind.RIVAL: TieStyle(QColor("#d95f02"), Qt.PenStyle.DotLine, False),
}


def tie_width(kind: TieKind, strength: float) -> float:
    if kind is TieKind.REPORTS_TO:
        return 1.5
    return 1.0 + min(strength, 5.0) * 0.9


def text_on(fill: QColor) -> QColor:
    """Black or white, whichever reads better on `fill` (WCAG relative luminance)."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    lum = (
        0.2126 * channel(fill.redF())
        + 0.7152 * channel(fill.greenF())
        + 0.0722 * channel(fill.blueF())
    )
    return QColor(Qt.GlobalColor.black) if lum > 0.18 else QColor(Qt.GlobalColor.white)


@dataclass(frozen=True)
class CanvasColours:
    """Colours taken from the system palette, so a dark palette gives a dark map."""

    text: QColor
    background: QColor
    highlight: QColor
    outline: QColor

    @classmethod
    def for_paper(cls) -> CanvasColours:
        """Black on white, whatever the screen's palette: for PDF, SVG, PNG and print."""
        black = QColor(Qt.GlobalColor.black)
        return cls(
            text=black,
            background=QColor(Qt.GlobalColor.white),
            highlight=QColor("#1f78b4"),
            outline=black,
        )

    @classmethod
    def from_palette(cls, palette: QPalette) -> CanvasColours:
        text = palette.color(QPalette.ColorRole.WindowText)
        return cls(
            text=text,
            background=palette.color(QPalette.ColorRole.Base),
            highlight=palette.color(QPalette.ColorRole.Highlight),
            outline=text,
        )


def role_path(role: Role, rect: QRectF = BOX) -> QPainterPath:
    """The outline of a person's box for their role."""
    path = QPainterPath()
    left, right, top, bottom = rect.left(), rect.right(), rect.top(), rect.bottom()
    cy = rect.center().y()
    if role in (Role.DECISION_MAKER, Role.DECISION_SHAPER):
        path.addRoundedRect(rect, 12, 12)
    elif role is Role.EXECUTIVE:
        tip = 20.0
        path.addPolygon(
            QPolygonF(
                [
                    QPointF(left, cy),
                    QPointF(left + tip, top),
                    QPointF(right - tip, top),
                    QPointF(right, cy),
                    QPointF(right - tip, bottom),
                    QPointF(left + tip, bottom),
                ]
            )
        )
        path.closeSubpath()
    elif role is Role.GATEKEEPER:
        cut = 18.0
        path.addPolygon(
            QPolygonF(
                [
                    QPointF(left + cut, top),
                    QPointF(right - cut, top),
                    QPointF(right, top + cut),
                    QPointF(right, bottom - cut),
                    QPointF(right - cut, bottom),
                    QPointF(left + cut, bottom),
                    QPointF(left, bottom - cut),
                    QPointF(left, top + cut),
                ]
            )
        )
        path.closeSubpath()
    elif role is Role.END_USER:
        path.addEllipse(rect)
    else:
        path.addRect(rect)
    return path


def crown(top_centre: QPointF) -> QPolygonF:
    """A small three-point crown standing on the top edge (decision-makers)."""
    x, y = top_centre.x(), top_centre.y()
    return QPolygonF(
        [
            QPointF(x - 16, y),
            QPointF(x - 16, y - 14),
            QPointF(x - 8, y - 6),
            QPointF(x, y - 17),
            QPointF(x + 8, y - 6),
            QPointF(x + 16, y - 14),
            QPointF(x + 16, y),
        ]
    )


# 10.5, 8.5 and 7.5 pt on a 96-dpi screen, the sizes the map was designed with.
NAME_PIXELS, TITLE_PIXELS, SMALL_PIXELS = 14, 11, 10


def text_font(pixels: int, *, bold: bool = False) -> QFont:
    """A font `pixels` units high, without ligatures.

    A PDF keeps "fi" and "fl" ligatures as single characters: "Whitfield" would then not be
    found by a reader's search for it. Names must be searchable wherever they are printed.
    """
    font = QFont()
    font.setPixelSize(pixels)
    font.setBold(bold)
    for feature in _NO_LIGATURES:
        font.setFeature(feature, 0)
    return font


_NO_LIGATURES = [tag for tag in map(QFont.Tag.fromString, ("liga", "clig")) if tag is not None]


def fonts() -> tuple[QFont, QFont, QFont]:
    """Name, title and small-label fonts, sized in map units (see the module docstring)."""
    return (
        text_font(NAME_PIXELS, bold=True),
        text_font(TITLE_PIXELS),
        text_font(SMALL_PIXELS),
    )
