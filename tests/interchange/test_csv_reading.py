"""Reading CSV files as CRMs and spreadsheets write them: encodings, delimiters, line endings,
quoted fields, and the problems that name their line."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from consensus_map.interchange import csv_text
from consensus_map.interchange.csv_text import CsvImportError, read_csv_bytes, read_csv_file

FIXTURES = Path(__file__).parent / "fixtures"


def cells(raw: bytes) -> list[tuple[str, ...]]:
    return [record.cells for record in read_csv_bytes(raw).rows]


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        ("Name\nZoë Müller\n".encode(), "UTF-8"),
        (codecs.BOM_UTF8 + "Name\nZoë Müller\n".encode(), "UTF-8 with BOM"),
        ("Name\nZoë Müller\n".encode("cp1252"), "Windows-1252"),
        ("Name\nZoë Müller\n".encode("utf-16"), "UTF-16"),
    ],
)
def test_every_encoding_gives_the_same_accented_names(raw: bytes, encoding: str) -> None:
    table = read_csv_bytes(raw)
    assert table.encoding == encoding
    assert table.header == ("Name",)
    assert [r.cells for r in table.rows] == [("Zoë Müller",)]


def test_windows_1252_is_not_mistaken_for_latin_1() -> None:
    # 0x80 is the euro sign in Windows-1252 and a control character in Latin-1.
    assert cells("Title\nBudget 2 M€\n".encode("cp1252")) == [("Budget 2 M€",)]


def test_bytes_that_are_neither_utf8_nor_cp1252_are_refused_with_their_line() -> None:
    with pytest.raises(CsvImportError, match=r"line 3: the file is not UTF-8 or Windows-1252"):
        read_csv_bytes(b"Name\nAna\nBad \x81 byte\n")


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_the_delimiter_is_detected_from_the_header(delimiter: str) -> None:
    text = delimiter.join(["Name", "Title", "Email"]) + "\n"
    text += delimiter.join(["Katrin Weiß", "Leiterin Einkauf, DACH", "k@x.test"]) + "\n"
    if delimiter == ",":
        text = text.replace("Leiterin Einkauf, DACH", '"Leiterin Einkauf, DACH"')
    table = read_csv_bytes(text.encode())
    assert table.delimiter == delimiter
    assert table.rows[0].cells == ("Katrin Weiß", "Leiterin Einkauf, DACH", "k@x.test")


def test_crlf_lf_and_quoted_line_breaks_commas_and_quotes() -> None:
    raw = (
        b'Name,Title\r\n"O\'Brien, Kevin","Senior Analyst, ""Route""\r\nEMEA"\r\n'
        b"Ana,CFO\n\r\nBo,CIO\r\n"
    )
    table = read_csv_bytes(raw)
    assert [r.cells for r in table.rows] == [
        ("O'Brien, Kevin", 'Senior Analyst, "Route"\r\nEMEA'),
        ("Ana", "CFO"),
        ("Bo", "CIO"),
    ]
    # Lines count the line break inside the quoted title and the blank line.
    assert [r.line for r in table.rows] == [2, 4, 6]


def test_a_row_with_the_wrong_number_of_fields_is_named_by_the_line_it_starts_on() -> None:
    with pytest.raises(CsvImportError) as caught:
        read_csv_file(FIXTURES / "error_field_count.csv")
    # Line 2's quoted title spans two lines, so the bad row starts on line 5.
    assert str(caught.value) == "line 5: has 8 fields; the header has 7"


def test_every_bad_row_is_listed_not_just_the_first() -> None:
    with pytest.raises(CsvImportError) as caught:
        read_csv_bytes(b"a,b\n1,2,3\n4\n5,6\n")
    assert [str(p) for p in caught.value.problems] == [
        "line 2: has 3 fields; the header has 2",
        "line 3: has 1 field; the header has 2",
    ]
    assert str(caught.value).endswith("(and 1 more problem)")


def test_trailing_empty_fields_and_blank_rows_are_not_problems() -> None:
    assert cells(b"a,b\n1,2,,\n,,\n\n3,4\n") == [("1", "2"), ("3", "4")]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "the file is empty"),
        (b"\n\n , \n", "the file has no header row"),
        (b"Name\nAna\nB\x00b\n", "line 3: holds a NUL byte"),
        (b'Name\n"' + b"x" * 200_000 + b'"\n', "line 2: cannot be read"),
    ],
)
def test_unreadable_files_are_refused_in_one_line(raw: bytes, message: str) -> None:
    with pytest.raises(CsvImportError, match=message):
        read_csv_bytes(raw)


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(csv_text, "MAX_CSV_BYTES", 1000)
    big = tmp_path / "big.csv"
    big.write_bytes(b"Name\n" + b"Ana\n" * 400)
    opened: list[str] = []
    real_open = Path.open

    def spy(self: Path, *args: object, **kwargs: object) -> object:
        opened.append(self.name)
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", spy)
    with pytest.raises(CsvImportError, match="larger than"):
        read_csv_file(big)
    assert opened == []


def test_a_file_over_the_row_limit_is_refused_with_a_message(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(csv_text, "MAX_CSV_ROWS", 3)
    assert len(read_csv_bytes(b"Name\na\nb\nc\n").rows) == 3
    with pytest.raises(CsvImportError, match="line 5: the file has more than 3 rows"):
        read_csv_bytes(b"Name\na\nb\nc\nd\n")
