"""The CSV importer fuzzed with hypothesis-generated CRM exports.

Files are built the way Salesforce, HubSpot and this app's own export write them (their
headers, in any case and order, with extra columns), then spoiled: cells of any text (quotes,
line breaks inside quotes, formula-looking cells, control characters, very long cells),
managers that point to no one, to themselves or round in a loop, unknown roles and dates,
ragged rows, blank lines, another delimiter, and bytes in UTF-8, UTF-8 with a BOM, UTF-16 or
Windows-1252, sometimes cut short or with a NUL byte. Each file goes the command line's
two ways: imported as a new deal, and merged into the sample deal in a `.dealmap`.

Every one must end in a clean import (the file written loads back as the deal the importer
made) or a refusal of one line that names the place: the line of the file, or the person or
relationship at fault, or, for a problem with the whole file, what it is.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from hypothesis import strategies as st

from consensus_map.domain import Deal, DealError, DealInfo
from consensus_map.interchange import InterchangeError, load_json_file
from consensus_map.store import create_deal_file, open_deal_file, read_deal

ROOT = Path(__file__).resolve().parent.parent

HEADERS = {
    "salesforce": ["Id", "FirstName", "LastName", "Title", "Email", "ReportsToId", "Role"],
    "hubspot": ["Record ID", "First Name", "Last Name", "Job Title", "Email", "Buying Role"],
    "own": ["id", "name", "title", "role", "readiness", "stance", "manager", "attends",
            "last_contact", "email", "notes", "x", "y", "mode", "concern", "crm_id"],
}  # fmt: skip
ROLES = ["Decision Maker", "Economic Buyer", "INFLUENCER", "BUDGET_HOLDER", "CHAMPION",
         "Executive Sponsor", "Evaluator", "Other", "wizard", "", "decision_maker"]  # fmt: skip
VALID = {
    "readiness": ["unengaged", "aware", "exploring", "aligned", "committed", ""],
    "stance": ["champion", "supporter", "neutral", "skeptic", "blocker", "unknown", ""],
    "mode": ["growth", "trouble", "even_keel", "overconfident", "unknown", ""],
    "attends": ["yes", "no", "true", "", "1"],
    "last_contact": ["2026-11-20", ""],
    "x": ["", "120"],
    "y": ["", "80"],
    "email": ["dana@acme.test", ""],
}
_COMMON = st.sampled_from(["", " ", "Dana", "Ruiz", "CFO", "yes", "2026-11-20", "aligned"])
_HOSTILE = st.sampled_from(
    ["20/11/2026", "1e999", "-5", "nan", '=HYPERLINK("x")', "+1", 'say "hi"', "line\nbreak",
     "a,b", "a;b", "x" * 600, "\u202e", "\ud800", "\x07"]
)  # fmt: skip
CELLS = st.one_of(_COMMON, _COMMON, _COMMON, st.text(max_size=8), _HOSTILE)

# A refusal names the line, the person or relationship, or says what is wrong with the file.
PLACES = {
    "a line": re.compile(r"line \d+: "),
    "a person": re.compile(r"person (\d+|'.*?')(: | must)|two people share"),
    "a relationship": re.compile(r"(relationship \d+|tie \S+ \S+ \S+)"),
    "the whole file": re.compile(
        r"the file (is empty|has no header row|is larger)|no column names a person|"
        r"the file cannot be imported"
    ),
}


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    source = draw(st.sampled_from(sorted(HEADERS)))
    header = list(HEADERS[source])
    if draw(st.booleans()):
        header = draw(st.permutations(header))
    if draw(st.integers(0, 3)) == 0:
        header = [h.upper() if draw(st.booleans()) else h for h in header]
    if draw(st.integers(0, 4)) == 0:
        header.append(draw(st.sampled_from(["Department", "Phone", "", "Id"])))
    count = draw(st.integers(0, 8))
    ids = [f"003{n:03d}" for n in range(count)]
    rows = []
    for n in range(count):
        row = []
        for column in header:
            name = column.lower()
            if name in ("id", "record id", "crm_id"):
                cell = draw(st.sampled_from([ids[n]] * 8 + ["", ids[0] if ids else ""]))
            elif name in ("reportstoid", "manager"):
                cell = draw(st.sampled_from(["", "", *ids, "003999"]))
            elif "role" in name:
                cell = draw(st.sampled_from(ROLES))
            elif name in ("firstname", "first name", "name"):
                cell = draw(st.sampled_from([f"Person {n}", f"Person {n}", "", "Dana Ruiz"]))
            elif name in VALID and draw(st.integers(0, 30)):
                cell = draw(st.sampled_from(VALID[name]))  # mostly sound: reach the merge
            else:
                cell = draw(CELLS)
            row.append(cell)
        if "x" in header and "y" in header:
            spot = draw(st.sampled_from([("", ""), ("120", "80"), ("-40.5", "0")]))
            row[header.index("x")], row[header.index("y")] = spot
        if draw(st.integers(0, 19)) == 0:
            row = row[: draw(st.integers(0, len(row)))]  # a ragged row
        rows.append(row)
    delimiter = draw(st.sampled_from([",", ",", ";", "\t"]))
    text = "\r\n".join(_line(r, delimiter) for r in [header, *rows])
    if draw(st.integers(0, 5)) == 0:
        text += draw(st.sampled_from(["\r\n", "\r\n,,,,\r\n", '\r\n"unclosed', "\r\n\r\n"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    raw = text.encode(encoding, errors="surrogatepass" if "utf" in encoding else "replace")
    if draw(st.integers(0, 12)) == 0:
        raw = raw[: draw(st.integers(0, len(raw)))]
    if draw(st.integers(0, 40)) == 0:
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + b"\x00" + raw[at:]
    return raw


def _line(cells: list[str], delimiter: str) -> str:
    def quoted(cell: str) -> str:
        if any(c in cell for c in (delimiter, '"', "\n", "\r")):
            return '"' + cell.replace('"', '""') + '"'
        return cell

    return delimiter.join(quoted(c) for c in cells)


def _refusal(message: str) -> str:
    assert message and "\n" not in message, f"not one line: {message!r}"
    for place, pattern in PLACES.items():
        if pattern.match(message) or (place == "a relationship" and pattern.search(message)):
            return f"refused, naming {place}"
    raise AssertionError(f"a refusal that names no place: {message!r}")


def outcome(raw: bytes, folder: Path | None = None) -> tuple[str, str]:
    """What importing and merging `raw` give: ("imported" | "refused, naming …", same)."""
    from consensus_map.interchange.importing import new_deal, open_source

    with tempfile.TemporaryDirectory(dir=folder) as name:
        work = Path(name)
        source_path = work / "contacts.csv"
        source_path.write_bytes(raw)
        try:
            source = open_source(source_path)
        except InterchangeError as error:
            refused = _refusal(str(error))
            return refused, refused
        results = []
        # As `consensus-map import contacts.csv new.dealmap` does.
        try:
            plan = source.plan(Deal(DealInfo(name="Imported")))
            deal = new_deal(plan, "Imported")
        except (InterchangeError, ValueError) as error:
            results.append(_refusal(str(error)))
        else:
            target = work / "new.dealmap"
            create_deal_file(target, deal)
            _same(read_deal(target), deal)
            results.append("imported")
        # As `consensus-map import contacts.csv sample.dealmap --merge` does.
        target = work / "sample.dealmap"
        create_deal_file(target, _sample())
        with open_deal_file(target) as opened:
            try:
                plan = source.plan(opened.deal)
                if not plan.ok:
                    from consensus_map.interchange.csv_text import CsvImportError

                    raise CsvImportError(plan.errors)
                opened.deal.refresh_committee(plan.change())
            except (InterchangeError, DealError, ValueError) as error:
                results.append(_refusal(str(error)))
            else:
                results.append("merged")
            model = opened.deal
        _same(read_deal(target), model)
        shutil.rmtree(work, ignore_errors=True)
        return results[0], results[1]


_SAMPLE: list[Deal] = []


def _sample() -> Deal:
    if not _SAMPLE:
        _SAMPLE.append(load_json_file(ROOT / "resources" / "sample-deal.json"))
    deal = _SAMPLE[0]
    return Deal(deal.info, deal.stakeholders, deal.ties)


def _same(on_file: Deal, model: Deal) -> None:
    assert (on_file.info, on_file.stakeholders, set(on_file.ties)) == (
        model.info,
        model.stakeholders,
        set(model.ties),
    ), "the file does not hold what the import made"
