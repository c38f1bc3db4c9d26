"""Tables across pages: the header repeats, no row is left alone, a heading keeps its table."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF

from consensus_map.report.flow import Cell, Column, Paragraph, Table, font, paginate

pytestmark = pytest.mark.qt
PAGE = QRectF(0, 0, 500, 300)


def table(rows: int) -> Table:
    cells = [[Cell(f"Person {n}"), Cell("a sentence " * (1 + n % 4))] for n in range(rows)]
    return Table("People", [Column("Name", 1), Column("Action", 3)], cells)


def parts(placed: list[list[tuple[object, QRectF]]]) -> list[Table]:
    return [block for page in placed for block, _rect in page if isinstance(block, Table)]


@pytest.mark.parametrize("rows", [3, 7, 20, 41])
def test_a_long_table_repeats_its_header_and_never_leaves_a_row_alone(rows: int) -> None:
    heading = Paragraph("People", font(12, bold=True), keep_with_next=True)
    filler = Paragraph("words " * 160, font(9))  # most of the first page
    placed = paginate([filler, heading, table(rows)], PAGE, PAGE)
    pieces = parts(placed)
    assert sum(len(p.rows) for p in pieces) == rows
    assert [p.continued for p in pieces] == [False] + [True] * (len(pieces) - 1)
    assert all(len(p.rows) >= 2 for p in pieces)
    for page in placed:
        for _block, rect in page:
            assert rect.bottom() <= PAGE.bottom() + 1e-6
    # The heading is on the page where its table starts.
    for page in placed:
        blocks = [b for b, _r in page]
        if heading in blocks:
            assert blocks.index(heading) + 1 < len(blocks)
            assert isinstance(blocks[blocks.index(heading) + 1], Table)
