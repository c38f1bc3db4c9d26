"""One person on the map: paints role, readiness, stance, attendance and risk; signals intent.

The item never edits the deal. It tells the scene when it moved (so ties follow) and the
scene turns finished drags into one document command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import QGraphicsItem

from consensus_map.app.story import risk_words
from consensus_map.domain import BuyerMode, Readiness, Stakeholder, Stance
from consensus_map.render import person as look
from consensus_map.render import style

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

    from consensus_map.analysis.result import Assessment
    from consensus_map.app.canvas.scene import DealScene


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
        self.what_if: Readiness | None = None  # while treated as engaged: shown at this
        self.outdated = False  # a newer analysis is on its way: halo, rank and risk in grey
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
        self._text = look.PersonText(("",), look.NAME_FONT, "", "")
        self._lines: dict[float, list[look.TextLine]] = {}  # the box's text, by zoom
        self.set_person(person)

    # ------------------------------------------------------------ model → item
    def set_person(self, person: Stakeholder) -> None:
        if person.role != self.person.role:
            self._shape = style.role_path(person.role)
        self.person = person
        if self.pos() != QPointF(person.x, person.y):
            self.setPos(person.x, person.y)
        self._refresh_text()

    def set_assessment(
        self, assessment: Assessment | None, sinker_rank: int = 0, what_if: Readiness | None = None
    ) -> None:
        """The engine's view; `what_if`: the readiness a what-if treats them at (or None)."""
        if (assessment, sinker_rank, what_if) != (self.assessment, self.sinker_rank, self.what_if):
            self.assessment = assessment
            self.sinker_rank = sinker_rank
            self.what_if = what_if
            self._refresh_opacity()
            self._refresh_text()

    def set_outdated(self, outdated: bool) -> None:
        """Grey the halo, rank and risk while they show an analysis about to be replaced."""
        if outdated != self.outdated:
            self.outdated = outdated
            if self.sinker_rank or self.is_sinker:
                self.update()

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
        return self._text.name

    @property
    def is_sinker(self) -> bool:
        return self.assessment is not None and self.assessment.sinker

    @property
    def shown_readiness(self) -> Readiness:
        """The readiness the fill and the word show: a what-if's, while it is on."""
        return self.what_if if self.what_if is not None else self.person.readiness

    def halo_margin(self) -> float:
        """How far the red halo reaches beyond the box: a glow growing with veto risk for
        the top three deal-sinkers, a thin ring for the others, 0 for everyone else."""
        return look.halo_margin(self.assessment, self.sinker_rank)

    def drawn_rect(self) -> QRectF:
        """The box and its halo, in scene coordinates (what Fit must show)."""
        m = self.halo_margin()
        return style.BOX.adjusted(-m, -m, m, m).translated(self.pos())

    def text_lines(self, lod: float) -> list[look.TextLine]:
        """The box's text as drawn on screen at zoom `lod` (see render.person.screen_lines)."""
        key = round(lod, 2)
        lines = self._lines.get(key)
        if lines is None:
            status = look.status_forms(self.person, self.assessment, self.what_if)
            lines = self._lines[key] = look.screen_lines(self.person, status, key)
        return lines

    def shown_stance(self) -> tuple[Stance, bool]:
        """The stance on the badge and whether it is inferred (not stated by the seller)."""
        return look.shown_stance(self.person, self.assessment)

    def _refresh_text(self) -> None:
        self._text = look.person_text(self.person, self.assessment)
        self._lines.clear()
        self.setToolTip(self._tooltip())
        self.update()

    def _tooltip(self) -> str:
        # Names come from colleagues' files: escape everything, markup only our own.
        p, a = self.person, self.assessment
        stance, inferred = self.shown_stance()
        lines = [f"{p.role.label} · {p.readiness.label}"]
        if a is not None and a.effective_readiness is not p.readiness:
            lines[0] += f" (counts as {a.effective_readiness}: last contact is old)"
        if self.what_if is not None:
            lines.append(f"treated as {self.what_if.label} in a what-if (the file is unchanged)")
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
            # The risk card's words; the rank is the number on the map's badge.
            lines.append(risk_words(a, self.sinker_rank))
            if a.action:
                lines.append(f"→ {a.action}")
        head = f"<b>{_escape(p.name)}</b>"
        if p.title:
            head += f"<br>{_escape(p.title)}"
        return "<qt>" + head + "".join(f"<br>{_escape(line)}" for line in lines) + "</qt>"

    # --------------------------------------------------------------- painting
    def boundingRect(self) -> QRectF:
        return look.BOUNDS

    def shape(self) -> Any:
        return self._shape

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        drawn = look.PersonLook(
            self.person,
            self.assessment,
            self._shape,
            self._text,
            self.sinker_rank,
            self.what_if,
            self.outdated,
        )
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        look.paint_person(
            painter,
            drawn,
            _colours(self.scene()),
            lod,
            selected=self.isSelected(),
            highlighted=self.highlighted,
            screen=self.text_lines(lod),
        )

    def far_name(self, lod: float) -> tuple[QFont, str] | None:
        """Zoomed out: the name alone, sized for the screen (see render.person.far_name)."""
        return look.far_name(self.person, lod)

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
