"""One person as drawn on the map: the words in their box and the painting of every part.

The canvas's `PersonItem`, the legend's samples and the exports all call `paint_person` (or
its parts), so a person looks the same on screen, on paper and in a picture. Nothing here
knows about graphics items or widgets: it paints with what it is given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen

from consensus_map.analysis.wording import percent
from consensus_map.domain import Readiness, Role, Stakeholder, Stance
from consensus_map.render import style

if TYPE_CHECKING:
    from consensus_map.analysis.result import Assessment

NAME_FONT, TITLE_FONT, SMALL_FONT = style.fonts()
# A long name first tries a smaller bold font, and only then is cut with "…" (screen) or
# set smaller and over two lines (paper, where every name must be there to be searched).
NARROW_NAME_FONT = QFont(NAME_FONT)
NARROW_NAME_FONT.setPixelSize(round(style.NAME_PIXELS * 0.84))
SMALLEST_NAME_FONT = QFont(NAME_FONT)
SMALLEST_NAME_FONT.setPixelSize(style.TITLE_PIXELS)
TINY_NAME_FONT = QFont(NAME_FONT)
TINY_NAME_FONT.setPixelSize(style.SMALL_PIXELS)
TEXT_WIDTH = style.BOX.width() - 24
RANK_RADIUS = 13.0
_REACH = style.HALO_MAX + 4
# Everything a person paints, halo included: constant, so an item never changes geometry.
BOUNDS = style.BOX.adjusted(-_REACH, -_REACH, _REACH, _REACH)
# Zoomed out, the rank badge grows to stay readable, but never past BOUNDS.
_RANK_MAX_RADIUS = _REACH - style.HALO_MAX * 0.35 - 2
_LINE = 1.2  # a screen text line's height per font pixel
_ELIDE = Qt.TextElideMode.ElideRight
TextLine = tuple[QFont, str, QRectF]  # font, text, where (a line of a box's text on screen)
BADGE_CENTRE = QPointF(style.BOX.right() - 4, style.BOX.top() + 2)
FLAG_FOOT = QPointF(style.BOX.left() + 8, style.BOX.top() + 4)


@dataclass(frozen=True)
class PersonText:
    """The words in a person's box, fitted to it: one or two name lines, title, status."""

    name_lines: tuple[str, ...]
    name_font: QFont
    title: str
    status: str

    @property
    def name(self) -> str:
        return " ".join(self.name_lines)


def person_text(
    person: Stakeholder, assessment: Assessment | None, *, whole_name: bool = False
) -> PersonText:
    """Fit the name, title and status line into the box.

    On screen (`whole_name` False) a name too long even for the narrow font is cut with
    "…"; on paper it is set smaller and, if need be, over two lines in place of the title,
    so that every name is in the file to be read and searched.
    """
    elide = Qt.TextElideMode.ElideRight
    width = int(TEXT_WIDTH)
    title_metrics = QFontMetrics(TITLE_FONT)
    title = title_metrics.elidedText(person.title, elide, width)
    status = status_forms(person, assessment)[0]
    fonts = (NAME_FONT, NARROW_NAME_FONT) + ((SMALLEST_NAME_FONT,) if whole_name else ())
    for font in fonts:
        metrics = QFontMetrics(font)
        if metrics.horizontalAdvance(person.name) <= TEXT_WIDTH:
            return PersonText((person.name,), font, title, status)
    if not whole_name:
        metrics = QFontMetrics(NARROW_NAME_FONT)
        return PersonText(
            (metrics.elidedText(person.name, elide, width),), NARROW_NAME_FONT, title, status
        )
    # Over two lines in place of the title, then three in a smaller font; only a name
    # longer than that (a hundred characters) is cut.
    for font, most in ((SMALLEST_NAME_FONT, 2), (TINY_NAME_FONT, 3)):
        lines = wrap(person.name, QFontMetrics(font), width)
        if len(lines) <= most:
            return PersonText(tuple(lines), font, "", status)
    metrics = QFontMetrics(TINY_NAME_FONT)
    lines = wrap(person.name, metrics, width)
    last = metrics.elidedText(" ".join(lines[2:]), elide, width)
    return PersonText((*lines[:2], last), TINY_NAME_FONT, "", status)


def status_forms(
    person: Stakeholder, assessment: Assessment | None, what_if: Readiness | None = None
) -> list[str]:
    """The box's readiness line, longest form first ("unengaged · risk 42%", then
    "unengaged · 42%", then "unengaged"): a small box on screen takes the longest that fits.
    `what_if`: the readiness a what-if treats them at."""
    word = person.readiness.label if what_if is None else f"{what_if.label} (what-if)"
    if assessment is not None and assessment.sinker:
        risk = percent(assessment.veto_risk)
        return [f"{word} · risk {risk}", f"{word} · {risk}", word]
    if assessment is not None and not assessment.in_decision:
        return ["not in the decision"]
    return [word]


def screen_lines(person: Stakeholder, status: Sequence[str], lod: float) -> list[TextLine]:
    """The box's text on a screen at zoom `lod`: the name, then the title and the readiness
    line while they fit. Each stays readable (style's FAR_*_PIXELS on screen), so zoomed
    out the text grows in map units instead, and the title gives way first."""
    lod = max(lod, 0.01)
    detail = lod >= style.DETAIL_LOD
    name_font = _sized(
        NAME_FONT if detail else TITLE_FONT, max(style.NAME_PIXELS, style.FAR_NAME_PIXELS / lod)
    )
    status_font = _sized(SMALL_FONT, max(style.SMALL_PIXELS, style.FAR_STATUS_PIXELS / lod))
    title_font = _sized(TITLE_FONT, max(style.TITLE_PIXELS, style.FAR_TITLE_PIXELS / lod))
    room = style.BOX.height() - 8
    wanted = [(name_font, "name"), (status_font, "status")]
    if person.title:
        wanted.insert(1, (title_font, "title"))
    while len(wanted) > 1 and sum(f.pixelSize() * _LINE for f, _ in wanted) > room:
        wanted.pop(1)
    width = TEXT_WIDTH if detail else style.BOX.width() - 8
    top = -sum(f.pixelSize() * _LINE for f, _ in wanted) / 2
    lines: list[TextLine] = []
    for font, kind in wanted:
        height = font.pixelSize() * _LINE
        metrics = QFontMetrics(font)
        if kind == "name":
            font, shown = fit_name(person.name, font, width, style.FAR_NAME_PIXELS / lod)
        elif kind == "status":
            fits = [t for t in status if metrics.horizontalAdvance(t) <= width]
            shown = fits[0] if fits else metrics.elidedText(status[-1], _ELIDE, int(width))
        else:
            shown = metrics.elidedText(person.title, _ELIDE, int(width))
        lines.append((font, shown, QRectF(-width / 2, top, width, height)))
        top += height
    return lines


def fit_name(name: str, font: QFont, width: float, smallest: float = 0.0) -> tuple[QFont, str]:
    """The name as it fits `width`: whole; else in a slightly smaller font (never below
    `smallest` pixels); else "Priya N." (says more than "Priya Nat…"); else cut with "…"."""
    metrics = QFontMetrics(font)
    if metrics.horizontalAdvance(name) <= width:
        return font, name
    narrow = _sized(font, font.pixelSize() * 0.86)
    if narrow.pixelSize() >= smallest and QFontMetrics(narrow).horizontalAdvance(name) <= width:
        return narrow, name
    words = name.split()
    if len(words) > 1:
        name = f"{words[0]} {words[-1][0]}."
    return font, metrics.elidedText(name, _ELIDE, int(width))


def _sized(font: QFont, pixels: float) -> QFont:
    sized = QFont(font)
    sized.setPixelSize(max(1, round(pixels)))
    return sized


def wrap(text: str, metrics: QFontMetrics, width: int) -> list[str]:
    """Greedy word wrap; a word wider than `width` is split where it must be."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if metrics.horizontalAdvance(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while metrics.horizontalAdvance(word) > width and len(word) > 1:
            cut = len(word) - 1
            while cut > 1 and metrics.horizontalAdvance(word[:cut]) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line or not lines:
        lines.append(line)
    return lines


def shown_stance(person: Stakeholder, assessment: Assessment | None) -> tuple[Stance, bool]:
    """The stance on the badge and whether it is inferred (not stated by the seller)."""
    stated = person.stance
    if stated is Stance.UNKNOWN and assessment is not None:
        inferred = assessment.inferred_stance
        # A neutral guess is no evidence either way: keep the honest "?".
        if inferred not in (Stance.UNKNOWN, Stance.NEUTRAL):
            return inferred, True
    return stated, False


def halo_margin(assessment: Assessment | None, rank: int = 0) -> float:
    """How far the red halo reaches beyond the box: for the top three deal-sinkers (`rank`
    1 to 3) a glow growing with veto risk, for the others a thin ring; 0 for everyone else."""
    if assessment is None or not assessment.sinker:
        return 0.0
    if not rank:
        return style.HALO_MIN
    risk = min(max(assessment.veto_risk, 0.0), 1.0)
    return style.TOP_HALO_MIN + (style.HALO_MAX - style.TOP_HALO_MIN) * risk


def far_name_pixels(lod: float) -> int:
    """The far view's name size in map units: FAR_NAME_PIXELS high on screen at `lod`
    (paper asks this to know how big a name prints)."""
    return max(1, round(style.FAR_NAME_PIXELS / lod))


def far_name(person: Stakeholder, lod: float) -> tuple[QFont, str] | None:
    """Zoomed out: the name alone, sized for the screen and cut to the box; None when even
    that would be too small to read (see style.NAME_LOD). Paper prints it so; the screen
    draws `screen_lines` instead."""
    if lod < style.NAME_LOD or lod >= style.DETAIL_LOD:
        return None
    font = QFont(TITLE_FONT)
    font.setPixelSize(far_name_pixels(lod))
    width = int(style.BOX.width() - 8)
    metrics = QFontMetrics(font)
    name = person.name
    words = name.split()
    if metrics.horizontalAdvance(name) > width and len(words) > 1:
        name = f"{words[0]} {words[-1][0]}."  # "Priya N." says more than "Priya Nat…"
    return font, metrics.elidedText(name, Qt.TextElideMode.ElideRight, width)


@dataclass(frozen=True)
class PersonLook:
    """Everything that decides how one person is painted (the item keeps one up to date)."""

    person: Stakeholder
    assessment: Assessment | None
    shape: QPainterPath
    text: PersonText
    rank: int = 0  # 1 = most dangerous deal-sinker; 0 = not among the top few
    what_if: Readiness | None = None  # a what-if treats them at this readiness (screen)
    # A newer analysis is on its way (a big map, on screen): the halo and rank in grey and
    # the risk words muted, so the last figures read as the last ones.
    outdated: bool = False


def paint_person(
    painter: QPainter,
    look: PersonLook,
    colours: style.CanvasColours,
    lod: float,
    *,
    selected: bool = False,
    highlighted: bool = False,
    screen: Sequence[TextLine] | None = None,
) -> None:
    """The whole person at the origin: halo, box, marks, words and badge.

    `lod` is the scale against a screen at 1:1 (1.0 = the map's own size on a 96-dpi
    screen); below style.DETAIL_LOD only shapes, fills, halos and a short name are drawn.
    `screen`: the box's text laid out for a screen at this zoom (`screen_lines`), drawn
    instead of `look.text`, with a rank badge that stays readable zoomed out.
    """
    person, assessment = look.person, look.assessment
    margin = halo_margin(assessment, look.rank)
    alarm = style.OUTDATED_HALO_COLOUR if look.outdated else style.HALO_COLOUR
    if margin:
        risk = assessment.veto_risk if assessment is not None else 0.0
        paint_halo(painter, margin, risk, glow=bool(look.rank), colour=alarm)
    fill = style.READINESS_FILL[look.what_if or person.readiness]
    decision_maker = person.role is Role.DECISION_MAKER
    paint_box(painter, look.shape, fill, colours.outline, thick=decision_maker)
    if look.what_if is not None:
        # Treated as engaged: a dashed inner rim says "for now, not in the file".
        painter.setPen(QPen(style.text_on(fill), 1.5, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(style.BOX.adjusted(4, 4, -4, -4), 9, 9)
    if selected or highlighted:
        pen = QPen(colours.highlight, 4 if selected else 6)
        if not selected:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(style.BOX.adjusted(-6, -6, 6, 6), 14, 14)
    if decision_maker:
        paint_crown(painter, colours.outline)
    if screen is not None:
        if lod >= style.NAME_LOD:
            ink = style.text_on(fill)
            for n, (font, text, rect) in enumerate(screen):
                # The readiness line, last, carries the risk: muted while it is outdated.
                status = n and n == len(screen) - 1
                painter.setPen(_half_way(ink, fill) if look.outdated and status else ink)
                painter.setFont(font)
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    elif lod < style.DETAIL_LOD:
        far = far_name(person, lod)
        if far is not None:
            painter.setPen(style.text_on(fill))
            painter.setFont(far[0])
            painter.drawText(style.BOX, Qt.AlignmentFlag.AlignCenter, far[1])
    else:
        paint_words(painter, look.text, fill)
    if lod >= style.DETAIL_LOD:
        stance, inferred = shown_stance(person, assessment)
        paint_badge(painter, stance, inferred, colours.background)
        if person.attends:
            paint_presenting_flag(painter, colours.outline)
    if look.rank:
        # Last, so neither the badge nor the flag hides the number.
        radius = rank_radius(lod) if screen is not None else RANK_RADIUS
        paint_rank(painter, look.rank, margin, radius=radius, colour=alarm)


def _half_way(ink: QColor, fill: QColor) -> QColor:
    return QColor(
        (ink.red() + fill.red()) // 2,
        (ink.green() + fill.green()) // 2,
        (ink.blue() + fill.blue()) // 2,
    )


def paint_words(painter: QPainter, text: PersonText, fill: QColor) -> None:
    """Name (one or two lines), title and status line, in black or white for the fill."""
    box = style.BOX
    width = TEXT_WIDTH
    centre = Qt.AlignmentFlag.AlignCenter
    painter.setPen(style.text_on(fill))
    painter.setFont(text.name_font)
    if len(text.name_lines) == 1:
        painter.drawText(QRectF(-width / 2, box.top() + 6, width, 20), centre, text.name_lines[0])
    else:
        step = 15 if len(text.name_lines) == 2 else 12.5
        for n, line in enumerate(text.name_lines):
            top = box.top() + 6 + step * n
            painter.drawText(QRectF(-width / 2, top, width, step + 1), centre, line)
    if text.title:
        painter.setFont(TITLE_FONT)
        painter.drawText(QRectF(-width / 2, box.top() + 26, width, 16), centre, text.title)
    painter.setFont(SMALL_FONT)
    painter.drawText(QRectF(-width / 2, box.bottom() - 24, width, 16), centre, text.status)


# ------------------------------------------------------------------ painting parts
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


def paint_halo(
    painter: QPainter,
    margin: float,
    risk: float,
    *,
    glow: bool = True,
    colour: QColor = style.HALO_COLOUR,
) -> None:
    """The deal-sinker's red halo, `margin` beyond the box: a glow (the top three), or only
    the ring (every other deal-sinker). `colour`: grey while a newer analysis is coming."""
    ring = colour
    if glow:
        painter.setPen(Qt.PenStyle.NoPen)
        colour = QColor(colour)
        # Riskier people glow wider AND stronger, so the ranking reads at a glance.
        for step, alpha in ((1.0, 45 + 100 * risk), (0.5, 70 + 120 * risk)):
            m = margin * step
            colour.setAlpha(min(255, int(alpha)))
            painter.setBrush(colour)
            painter.drawRoundedRect(style.BOX.adjusted(-m, -m, m, m), 16 + m, 16 + m)
    painter.setPen(QPen(ring, 3.0 if glow else 2.0))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(
        style.BOX.adjusted(-margin, -margin, margin, margin), 16 + margin, 16 + margin
    )


def rank_centre(margin: float) -> QPointF:
    return QPointF(style.BOX.left() - margin * 0.35, style.BOX.bottom() + margin * 0.35)


def rank_radius(lod: float) -> float:
    """The rank badge's radius on a screen at zoom `lod`: RANK_PIXELS on screen, as long as
    it stays inside BOUNDS (far out, a 2,000-person map, it shrinks with the map)."""
    wanted = style.RANK_PIXELS / max(lod, 0.01)
    return min(max(RANK_RADIUS, wanted), _RANK_MAX_RADIUS)


def paint_rank(
    painter: QPainter,
    rank: int,
    margin: float,
    centre: QPointF | None = None,
    radius: float = RANK_RADIUS,
    colour: QColor = style.HALO_COLOUR,
) -> None:
    """ "1" marks the most dangerous deal-sinker (the risk panel's order)."""
    r = radius
    at = centre if centre is not None else rank_centre(margin)
    painter.setPen(QPen(QColor(Qt.GlobalColor.white), 2.0 * r / RANK_RADIUS))
    painter.setBrush(colour)
    rect = QRectF(at.x() - r, at.y() - r, 2 * r, 2 * r)
    painter.drawEllipse(rect)
    painter.setFont(_sized(NAME_FONT, r * 1.15))
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
    painter.setFont(NAME_FONT)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, glyph)


def paint_presenting_flag(painter: QPainter, ink: QColor, foot: QPointF = FLAG_FOOT) -> None:
    """A little flag on a pole: "in the room at the presentation"."""
    x, y = foot.x(), foot.y()
    painter.setPen(QPen(ink, 2))
    painter.drawLine(QPointF(x, y + 6), QPointF(x, y - 18))
    painter.setPen(QPen(ink, 1))
    painter.setBrush(style.FLAG_PINK)
    painter.drawRect(QRectF(x, y - 18, 16, 10))
