"""The map's legend: what each sample shows and says, and the legend drawn on paper.

Every sample is painted by the map's own painting code (render.person, render.tie) with the
constants of render.style, so the legend cannot drift from the map. The app's Legend dock
lays these entries out as widgets; `paint_legend` lays them out on a page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter

from consensus_map.domain import Readiness, Role, Stance, Tie, TieKind
from consensus_map.render import style
from consensus_map.render.person import (
    paint_badge,
    paint_box,
    paint_crown,
    paint_halo,
    paint_presenting_flag,
    paint_rank,
)
from consensus_map.render.tie import paint_tie, tie_geometry
from consensus_map.render.words import GLOSSES

Draw = Callable[[QPainter, style.CanvasColours], None]

TIE_WORDS = {
    TieKind.REPORTS_TO: "reports to (arrow to the manager)",
    TieKind.INFLUENCES: "influences (wider = stronger)",
    TieKind.ALLY: "ally (side together)",
    TieKind.RIVAL: "rival (oppose each other)",
}
_ROLE_SOURCE = style.BOX.adjusted(-3, -20, 3, 3)  # room for the crown, same scale for all
_HALO_MARGIN = 30.0


@dataclass(frozen=True)
class LegendEntry:
    """One sample: `draw` paints in map units, `source` is the part to show, at `size`."""

    draw: Draw
    source: QRectF
    size: QSizeF  # on screen, in pixels
    words: str
    name: str  # what a screen reader says for the sample


@dataclass(frozen=True)
class LegendSection:
    title: str
    entries: tuple[LegendEntry, ...]
    columns: int  # 2 where the words are short


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
    font = style.text_font(12)

    def draw(painter: QPainter, colours: style.CanvasColours) -> None:
        rect = QRectF(1, 1, 88, 20)
        paint_box(
            painter, style.role_path(Role.DECISION_SHAPER, rect), fill, colours.outline, thick=False
        )
        painter.setPen(style.text_on(fill))
        painter.setFont(font)
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


def _halo(painter: QPainter, colours: style.CanvasColours) -> None:
    paint_halo(painter, _HALO_MARGIN, 0.8)
    fill = style.READINESS_FILL[Readiness.UNENGAGED]
    paint_box(painter, style.role_path(Role.DECISION_SHAPER), fill, colours.outline, thick=False)


def _outside(painter: QPainter, colours: style.CanvasColours) -> None:
    painter.save()
    painter.setOpacity(painter.opacity() * style.OUTSIDE_OPACITY)
    fill = style.READINESS_FILL[Readiness.AWARE]
    paint_box(painter, style.role_path(Role.OTHER), fill, colours.outline, thick=False)
    painter.restore()


def _ring(painter: QPainter, colours: style.CanvasColours) -> None:
    paint_halo(painter, style.HALO_MIN * 2, 0.2, glow=False)
    fill = style.READINESS_FILL[Readiness.UNENGAGED]
    paint_box(painter, style.role_path(Role.DECISION_SHAPER), fill, colours.outline, thick=False)


def _ranks(painter: QPainter, colours: style.CanvasColours) -> None:
    for rank in (1, 2, 3):
        paint_rank(painter, rank, 0.0, QPointF(14 + (rank - 1) * 30, 14))


def _tie(kind: TieKind) -> tuple[Draw, QRectF]:
    # A real map tie between two (unseen) people 260 apart: its visible part is ~72 long.
    tie = Tie("a", "b", kind, 2.0)
    geometry = tie_geometry(tie, QPointF(-130, 0), QPointF(130, 0))

    def draw(painter: QPainter, _colours: style.CanvasColours) -> None:
        paint_tie(painter, tie, geometry, 1.0)

    bounds = geometry.bounds
    return draw, QRectF(bounds.left(), -12, bounds.width(), 24)


def legend_sections() -> list[LegendSection]:
    """The whole legend, in reading order."""
    roles = tuple(
        LegendEntry(_role(role), _ROLE_SOURCE, QSizeF(60, 32), role.label, role.label)
        for role in Role
    )
    readiness = tuple(
        LegendEntry(_readiness(r), QRectF(0, 0, 90, 22), QSizeF(90, 22), GLOSSES[r.value], r.label)
        for r in Readiness
    )
    badge = QRectF(-16, -16, 32, 32)
    stances = [(s, False, s.label) for s in Stance]
    stances.append((Stance.SUPPORTER, True, "~ inferred from ties, not stated"))
    badges = tuple(
        LegendEntry(_badge(stance, inferred), badge, QSizeF(26, 26), words, words)
        for stance, inferred, words in stances
    )
    crown_box = QRectF(-18, style.BOX.top() - 20, 36, 22)
    flag_box = QRectF(-4, -21, 24, 30)
    halo_box = style.BOX.adjusted(
        -_HALO_MARGIN - 2, -_HALO_MARGIN - 2, _HALO_MARGIN + 2, _HALO_MARGIN + 2
    )
    ring = style.HALO_MIN * 2 + 3
    ring_box = style.BOX.adjusted(-ring, -ring, ring, ring)
    marks = (
        (_crown, crown_box, QSizeF(30, 20), "decision-maker"),
        (_flag, flag_box, QSizeF(20, 24), "attends the presentation"),
        (_halo, halo_box, QSizeF(48, 28), "top three deal-sinkers: the halo grows with risk"),
        (_ring, ring_box, QSizeF(44, 20), "other deal-sinkers: a thin red ring"),
        (_ranks, QRectF(0, 0, 88, 28), QSizeF(66, 21), "deal-sinkers, most dangerous first"),
        (
            _outside,
            style.BOX.adjusted(-2, -2, 2, 2),
            QSizeF(44, 24),
            "muted: not in the decision (signs nothing, does not attend, sways no one who does)",
        ),
    )
    ties = []
    for kind in TieKind:
        draw, source = _tie(kind)
        ties.append(LegendEntry(draw, source, QSizeF(76, 24), TIE_WORDS[kind], kind.label))
    return [
        LegendSection("Role — the shape", roles, 2),
        LegendSection("Readiness — the fill, with its word", readiness, 1),
        LegendSection("Stance — the badge (top right)", badges, 2),
        LegendSection(
            "Marks",
            tuple(LegendEntry(d, s, z, w, w) for d, s, z, w in marks),
            1,
        ),
        LegendSection("Ties — the line", tuple(ties), 1),
    ]


def paint_sample(
    painter: QPainter, entry: LegendEntry, target: QRectF, colours: style.CanvasColours
) -> None:
    """The entry's sample, its `source` scaled to fit `target` and centred in it."""
    source = entry.source
    scale = min(target.width() / source.width(), target.height() / source.height())
    painter.save()
    painter.translate(target.center())
    painter.scale(scale, scale)
    painter.translate(-source.center())
    entry.draw(painter, colours)
    painter.restore()


# ------------------------------------------------------------------ on paper
class LegendStrip:
    """The legend as a strip of sections side by side, `text_size` units high words.

    Laid out once for a width; a strip wider than that is scaled down as a whole.
    """

    def __init__(self, width: float, text_size: int = 7) -> None:
        self.sections = legend_sections()
        self._words = style.text_font(text_size)
        self._title = style.text_font(text_size, bold=True)
        words, title = QFontMetricsF(self._words), QFontMetricsF(self._title)
        self._text_size = text_size
        self._row = text_size * 1.6
        self._gap = text_size * 1.5
        self._title_h = title.height()
        # Each section: its sample width (as wide as on screen at this height), cell width.
        self._cells: list[tuple[float, float, float]] = []  # sample w, cell w, section w
        rows = 0
        for section in self.sections:
            sample = max(e.size.width() / e.size.height() * self._row for e in section.entries)
            cell = (
                sample
                + text_size * 0.6
                + max(words.horizontalAdvance(e.words) for e in section.entries)
            )
            span = max(
                cell * section.columns + self._gap * (section.columns - 1),
                title.horizontalAdvance(section.title),
            )
            self._cells.append((sample, cell, span))
            rows = max(rows, -(-len(section.entries) // section.columns))
        natural = sum(span for *_c, span in self._cells) + self._gap * (len(self.sections) - 1)
        self.scale = min(1.0, width / natural) if natural > 0 else 1.0
        # The room left over spreads between the sections.
        spare = width / self.scale - natural
        self._spread = spare / max(1, len(self.sections) - 1) if spare > 0 else 0.0
        self.height = (self._title_h + self._row * rows) * self.scale

    def paint(self, painter: QPainter, at: QPointF, colours: style.CanvasColours) -> None:
        painter.save()
        painter.translate(at)
        painter.scale(self.scale, self.scale)
        x = 0.0
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        for section, (sample, cell, span) in zip(self.sections, self._cells, strict=True):
            painter.setFont(self._title)
            painter.setPen(colours.text)
            painter.drawText(QRectF(x, 0, span + 4, self._title_h), left, section.title)
            for n, entry in enumerate(section.entries):
                r, c = divmod(n, section.columns)
                cell_left = x + c * (cell + self._gap)
                top = self._title_h + r * self._row
                target = QRectF(cell_left, top + 1, sample, self._row - 2)
                paint_sample(painter, entry, target, colours)
                painter.setFont(self._words)
                painter.setPen(colours.text)
                words_left = cell_left + sample + self._text_size * 0.6
                painter.drawText(
                    QRectF(words_left, top, cell - sample, self._row), left, entry.words
                )
            x += span + self._gap + self._spread
        painter.restore()
