"""Reading a CSV file the way CRMs and spreadsheets write them: the encoding, the delimiter,
the header and every record with the line it starts on.

UTF-8 with or without a BOM, UTF-16 with a BOM (Excel's "Unicode text"), else Windows-1252;
comma, semicolon (European spreadsheets) or tab, told apart by the header row; CRLF, LF or
CR line endings; quoted fields holding delimiters, quotes and line breaks. A file is bounded
in bytes and rows before it is read. What this module finds wrong is a `Problem` with the
line number, gathered into one `CsvImportError`.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

from consensus_map.interchange.json_format import InterchangeError

MAX_CSV_BYTES = 50 * 1024 * 1024
MAX_CSV_ROWS = 100_000
# More than this many problems says "wrong file", not "fix these lines": stop listing.
MAX_PROBLEMS = 200
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong (or worth a warning) in an import, on one line of the source (0: none)."""

    line: int
    message: str

    def __post_init__(self) -> None:
        # One line, whatever the file held: a name may carry a line break from a quoted
        # cell, and a refusal is one line (found by fuzzing the CSV import).
        object.__setattr__(self, "message", " ".join(self.message.split()))

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


class CsvImportError(InterchangeError):
    """An import refused: every problem found, the first one (with its line) as the message."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems) or (Problem(0, "the file cannot be imported"),)
        first, more = self.problems[0], len(self.problems) - 1
        extra = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        super().__init__(f"{first}{extra}")


@dataclass(frozen=True, slots=True)
class CsvRecord:
    """One row of the file: the line it starts on (a quoted field may span lines) and cells."""

    line: int
    cells: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CsvTable:
    """A CSV file read: how it was written, its header, its rows."""

    encoding: str  # as a person would say it: "UTF-8 with BOM", "Windows-1252"…
    delimiter: str
    header: tuple[str, ...]
    rows: tuple[CsvRecord, ...]

    @property
    def delimiter_name(self) -> str:
        return DELIMITERS.get(self.delimiter, repr(self.delimiter))


def read_csv_file(path: str | PathLike[str]) -> CsvTable:
    """Read and parse a CSV file; raises CsvImportError or OSError. Refuses a file over
    MAX_CSV_BYTES before reading it."""
    source = Path(path)
    if source.stat().st_size > MAX_CSV_BYTES:
        raise CsvImportError([Problem(0, _too_big())])
    with source.open("rb") as stream:
        # One byte past the limit rather than trusting stat(): the file may be growing.
        raw = stream.read(MAX_CSV_BYTES + 1)
    return read_csv_bytes(raw)


def read_csv_bytes(raw: bytes) -> CsvTable:
    """Parse the bytes of a CSV file; raises CsvImportError."""
    if len(raw) > MAX_CSV_BYTES:
        raise CsvImportError([Problem(0, _too_big())])
    text, encoding = decode(raw)
    if not text.strip():
        raise CsvImportError([Problem(0, "the file is empty")])
    nul = text.find("\x00")
    if nul >= 0:
        # A spreadsheet saved as .xlsx, or UTF-16 without its BOM: not text a person wrote.
        line = text.count("\n", 0, nul) + 1
        message = "holds a NUL byte: not a CSV text file (save the sheet as CSV)"
        raise CsvImportError([Problem(line, message)])
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: tuple[str, ...] | None = None
    rows: list[CsvRecord] = []
    problems: list[Problem] = []
    line = 1
    try:
        for cells in reader:
            start, line = line, reader.line_num + 1
            # (A row's first cell is almost always filled: look at the rest only if not.)
            if not (cells and cells[0].strip()) and not any(cell.strip() for cell in cells):
                continue  # blank lines, and the ",,,," rows spreadsheets leave at the end
            if header is None:
                header = tuple(cell.strip().lstrip("\ufeff") for cell in cells)
                continue
            if len(cells) > len(header) and not any(c.strip() for c in cells[len(header) :]):
                cells = cells[: len(header)]  # trailing empty fields some exports add
            if len(cells) != len(header):
                problems.append(Problem(start, _field_count(len(cells), len(header))))
                if len(problems) >= MAX_PROBLEMS:
                    break
                continue
            if len(rows) == MAX_CSV_ROWS:
                raise CsvImportError([Problem(start, _too_many_rows())])
            rows.append(CsvRecord(start, tuple(cells)))
    except csv.Error as error:
        # A field longer than the csv module allows, say: name the line.
        problems.append(Problem(reader.line_num, f"cannot be read ({error})"))
    if header is None:
        raise CsvImportError([Problem(0, "the file has no header row")])
    if problems:
        raise CsvImportError(problems)
    return CsvTable(encoding, delimiter, header, tuple(rows))


def decode(raw: bytes) -> tuple[str, str]:
    """The text and the name of its encoding: UTF-8 (BOM or not), UTF-16 with BOM, else
    Windows-1252 (what Excel on Windows writes as "CSV")."""
    if raw.startswith(codecs.BOM_UTF8):
        return _decoded(raw[3:], "utf-8", "UTF-8 with BOM")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decoded(raw, "utf-16", "UTF-16")
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    return _decoded(raw, "cp1252", "Windows-1252")


def _decoded(raw: bytes, codec: str, name: str) -> tuple[str, str]:
    try:
        return raw.decode(codec), name
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        what = "UTF-8 or Windows-1252" if codec == "cp1252" else name
        message = f"the file is not {what} text (byte {error.start})"
        raise CsvImportError([Problem(line, message)]) from None


def _delimiter(text: str) -> str:
    """The delimiter that splits the header row into the most fields (comma on a tie)."""
    first = text.lstrip("\ufeff\r\n")[:65536]
    best, most = ",", 0
    for delimiter in DELIMITERS:
        try:
            header = next(csv.reader(io.StringIO(first, newline=""), delimiter=delimiter), [])
        except csv.Error:
            continue
        if len(header) > most:
            best, most = delimiter, len(header)
    return best


def _field_count(found: int, expected: int) -> str:
    return f"has {found} field{'s' if found != 1 else ''}; the header has {expected}"


def _too_big() -> str:
    return f"the file is larger than {MAX_CSV_BYTES // (1024 * 1024)} MB; import it in parts"


def _too_many_rows() -> str:
    return f"the file has more than {MAX_CSV_ROWS:,} rows; import it in parts"
