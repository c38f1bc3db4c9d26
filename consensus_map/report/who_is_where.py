""" "Who is where": everyone on the map, A to Z, with the page that shows them whole.

Printed after the map when the map cannot carry every name in full: in the far view a name
is shortened to fit its box ("Priya N."), and over parts a reader must know which page to
turn to. Here each name is whole, as plain text, so that it is read and found by a PDF
reader's search. A committee printed whole in full detail needs no index and gets none.
"""

from __future__ import annotations

from collections.abc import Mapping

from consensus_map.domain import Stakeholder
from consensus_map.render.map import MapPicture
from consensus_map.render.person import far_name
from consensus_map.report.flow import Block, Cell, Column, Columns, Paragraph, Table, font
from consensus_map.report.map_pages import MapPlaces, Place

INDEX_COLUMNS = (Column("Name", 1.5), Column("Title", 1.25), Column("Map page", 0.6))
SIDE_BY_SIDE = 3  # index columns across a landscape page
TEXT_SIZE = 7  # points: above the map's smallest name (6), and three across still fit
PAD = 2.0  # points around each cell's text: a dense list, still clear of the rules


def where_words(place: Place) -> str:
    """The page (the part's number is in that page's title; page 1 shows where it sits)."""
    return f"page {place.page}"


def a_to_z(picture: MapPicture) -> list[Stakeholder]:
    """Everyone on the map by name (then title and id: the same order every time)."""
    return sorted(
        (look.person for _at, look in picture.people),
        key=lambda p: (p.name.casefold(), p.name, p.title.casefold(), p.id),
    )


def index_rows(people: list[Stakeholder], places: Mapping[str, Place]) -> list[list[Cell]]:
    return [
        [Cell(p.name, bold=True), Cell(p.title or "—"), Cell(where_words(places[p.id]))]
        for p in people
    ]


def _why(people: list[Stakeholder], where: MapPlaces) -> str:
    """Why the index is there, in the words of this map: its parts, a name it shortens."""
    said = []
    if where.parts:
        parts = where.parts
        pages = "page 2" if parts == 1 else f"pages 2 to {parts + 1}"
        said.append(
            f"The map is printed in {parts} part{'s' if parts != 1 else ''}, on {pages}; "
            "page 1 shows where each part sits."
        )
    if where.far:
        for person in people:
            shown = far_name(person, where.lod)
            if shown is not None and shown[1] != person.name:
                said.append(
                    "At this size a name is set alone and shortened where it does not fit "
                    f"its box (“{person.name}” reads “{shown[1]}”)."
                )
                break
    with_page = ", with the page where they are whole" if where.parts else ""
    said.append(f"Here is everyone on the map in full, A to Z{with_page}.")
    return " ".join(said)


def index_blocks(picture: MapPicture, where: MapPlaces) -> list[Block]:
    """The index as blocks to flow onto pages, under a heading that says why it is there."""
    people = a_to_z(picture)
    count = len(people)
    rows = index_rows(people, where.places)
    table = Table("Who is where", INDEX_COLUMNS, rows, size=TEXT_SIZE, pad=PAD)
    return [
        Paragraph(
            f"Who is where on the map ({count} {'person' if count == 1 else 'people'})",
            font(16, bold=True),
            space_after=2,
            keep_with_next=True,
        ),
        Paragraph(_why(people, where), font(9), space_after=8, keep_with_next=True),
        Columns(table, SIDE_BY_SIDE),
    ]
