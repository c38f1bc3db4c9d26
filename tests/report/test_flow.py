"""Tables across pages: the header repeats, no row is left alone, a heading keeps its table."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF

from consensus_map.report.flow import Cell, Column, Columns, Paragraph, Table, font, paginate

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


@pytest.mark.parametrize("rows", [4, 40, 130])
def test_an_index_in_columns_reads_down_then_across_and_ends_balanced(rows: int) -> None:
    heading = Paragraph("Who is where", font(12, bold=True), keep_with_next=True)
    cells = [[Cell(f"Person {n:03d}"), Cell("page 2")] for n in range(rows)]
    index = Table("Who is where", [Column("Name", 2), Column("Map page", 1)], cells, size=7)
    placed = paginate([heading, Columns(index, 3)], PAGE, PAGE)
    read: list[str] = []
    pages: list[list[Table]] = []
    for page in placed:
        for block, rect in page:
            if isinstance(block, Columns):
                assert rect.bottom() <= PAGE.bottom() + 1e-6
                columns = block.columns_at(rect.width())
                width = block.column_width(rect.width())
                assert all(rect.top() + c.height(width) <= PAGE.bottom() + 1e-6 for c in columns)
                pages.append(columns)
                read += [row[0].text for column in columns for row in column.rows]
    # Down the first column, then the next, page after page: everyone once, in order.
    assert read == [f"Person {n:03d}" for n in range(rows)]
    # Only a page's first column says "continued" (each repeats the header row).
    for number, columns in enumerate(pages):
        assert [c.continued for c in columns] == [number > 0] + [False] * (len(columns) - 1)
    # A full page fills its columns; the last is balanced, not one long column and two short.
    last = [len(c.rows) for c in pages[-1]]
    assert max(last) - min(last) <= 2
    if rows >= 6:  # (a column holds two rows at least: none is left alone under a header)
        assert len(last) == 3
