"""An import from start to finish, for the command line and the app's preview alike: open a
CSV or JSON source, read its contacts (with the detected or the seller's column mapping),
plan what it does to a deal, and say so on one screen.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from os import PathLike
from pathlib import Path

from consensus_map.domain import Deal, DealInfo, TieKind
from consensus_map.interchange.contacts import Contact, ContactList, read_contacts
from consensus_map.interchange.crm_formats import (
    OWN,
    CrmFormat,
    Field,
    default_mapping,
    detect_format,
    expected_columns,
)
from consensus_map.interchange.crm_ids import crm_key
from consensus_map.interchange.csv_text import CsvImportError, CsvTable, Problem, read_csv_file
from consensus_map.interchange.import_plan import ImportPlan, plan_import
from consensus_map.interchange.json_format import MAX_JSON_BYTES, InterchangeError, loads
from consensus_map.layout.newcomers import place_newcomers

JSON_SOURCE = "Consensus Map JSON"
IMPORT_SUFFIXES = (".csv", ".json", ".txt", ".tsv")
# How many names each list of the summary shows before "… and N more".
SUMMARY_NAMES = 8


@dataclass(frozen=True)
class ImportSource:
    """A file opened for import: a CSV table and how to read it, or a JSON deal."""

    path: Path
    encoding: str
    table: CsvTable | None = None
    fmt: CrmFormat = OWN
    mapping: tuple[Field | None, ...] = ()
    json_deal: Deal | None = None
    json_positioned: frozenset[str] = frozenset()

    @property
    def source_label(self) -> str:
        return JSON_SOURCE if self.json_deal is not None else f"{self.fmt.label} CSV"

    def describe(self) -> str:
        """ "Salesforce CSV, Windows-1252, semicolon-separated, 12 rows"."""
        if self.table is None:
            count = len(self.json_deal) if self.json_deal is not None else 0
            return f"{self.source_label}, {self.encoding}, {count} people"
        rows = len(self.table.rows)
        return (
            f"{self.source_label}, {self.encoding}, {self.table.delimiter_name}-separated, "
            f"{rows} row{'s' if rows != 1 else ''}"
        )

    def with_format(self, fmt: CrmFormat) -> ImportSource:
        """Read as another source, with that source's mapping of the same columns."""
        if self.table is None:
            return self
        return replace(self, fmt=fmt, mapping=default_mapping(fmt, self.table.header))

    def with_mapping(self, mapping: Sequence[Field | None]) -> ImportSource:
        return replace(self, mapping=tuple(mapping))

    def ignored_columns(self) -> list[str]:
        if self.table is None:
            return []
        return [h for h, f in zip(self.table.header, self.mapping, strict=True) if f is None and h]

    def contacts(self) -> ContactList:
        if self.table is not None:
            return read_contacts(self.table, self.fmt, self.mapping)
        assert self.json_deal is not None
        return _json_contacts(self.json_deal, self.json_positioned)

    def plan(self, deal: Deal, contacts: ContactList | None = None) -> ImportPlan:
        """What importing this file into `deal` does (an empty deal: a new import);
        `contacts` when they were already read."""
        plan = plan_import(self.contacts() if contacts is None else contacts, deal)
        if self.json_deal is not None and plan.ok:
            other = sum(1 for t in self.json_deal.ties if t.kind is not TieKind.REPORTS_TO)
            if other and len(deal):
                note = Problem(0, f"{other} influence, ally and rival ties in the file are not "
                               "merged (import it as a new deal to keep them)")  # fmt: skip
                plan = replace(plan, warnings=(*plan.warnings, note))
        return replace(plan, source=self.source_label)


def open_source(path: str | PathLike[str]) -> ImportSource:
    """Read a CSV or JSON file for import; raises CsvImportError, InterchangeError or OSError."""
    source = Path(path)
    if source.suffix.lower() == ".json":
        raw = _read_json_text(source)
        deal = loads(raw)
        return ImportSource(source, "UTF-8", json_deal=deal, json_positioned=_positioned(raw))
    table = read_csv_file(source)
    fmt = detect_format(table.header)
    if fmt is None:
        raise CsvImportError(
            [Problem(1, f"no column names a person; expected the columns of {expected_columns()}")]
        )
    return ImportSource(source, table.encoding, table, fmt, default_mapping(fmt, table.header))


def new_deal(plan: ImportPlan, name: str) -> Deal:
    """The deal a plan into an empty deal makes; raises CsvImportError if it has problems."""
    if not plan.ok:
        raise CsvImportError(plan.errors)
    return Deal(DealInfo(name=name), plan.added, plan.ties_added)


def json_deal_laid_out(source: ImportSource) -> Deal:
    """A JSON import as a new deal, everything kept; people without x/y laid out (SPEC)."""
    deal = source.json_deal
    assert deal is not None
    unplaced = [p.id for p in deal.stakeholders if p.id not in source.json_positioned]
    if not unplaced:
        return deal
    spots = place_newcomers(deal, unplaced)
    people = [
        p.replace(x=spots[p.id][0], y=spots[p.id][1]) if p.id in spots else p
        for p in deal.stakeholders
    ]
    return Deal(deal.info, people, deal.ties)


# ------------------------------------------------------------------------ summary
def summary_lines(plan: ImportPlan, *, merge: bool) -> list[str]:
    """What an import did (or will do), on one screen: long lists end in "… and N more"."""
    lines: list[str] = []
    if merge:
        lines.append(_names_line("added", [p.name for p in plan.added]))
        lines.append(
            _names_line(
                "updated", [f"{r.person.name} ({', '.join(r.changed)})" for r in plan.updated]
            )
        )
        lines.append(f"  left alone: {len(plan.unchanged)} (in the file, nothing to change)")
        lines.append(_names_line("not in the file (kept)", [p.name for p in plan.not_found]))
    for warning in plan.warnings[:SUMMARY_NAMES]:
        lines.append(f"  warning: {warning}")
    if len(plan.warnings) > SUMMARY_NAMES:
        lines.append(f"  … and {len(plan.warnings) - SUMMARY_NAMES} more warnings")
    return lines


def _names_line(what: str, names: Sequence[str]) -> str:
    if not names:
        return f"  {what}: 0"
    shown = ", ".join(names[:SUMMARY_NAMES])
    more = f", … and {len(names) - SUMMARY_NAMES} more" if len(names) > SUMMARY_NAMES else ""
    return f"  {what}: {len(names)} — {shown}{more}"


# --------------------------------------------------------------------------- JSON
def _read_json_text(path: Path) -> str:
    with path.open("rb") as stream:
        raw = stream.read(MAX_JSON_BYTES + 1)
    if len(raw) > MAX_JSON_BYTES:
        raise InterchangeError(f"the file is larger than {MAX_JSON_BYTES // (1024 * 1024)} MB")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InterchangeError(f"not a JSON deal: not UTF-8 text (byte {error.start})") from None


def _positioned(text: str) -> frozenset[str]:
    """Ids of the people the JSON gives a position (both x and y); the rest are laid out."""
    data = json.loads(text)  # already parsed once by `loads`, so valid
    people = data.get("stakeholders", []) if isinstance(data, dict) else []
    return frozenset(
        p["id"] for p in people if isinstance(p, dict) and "x" in p and "y" in p and "id" in p
    )


def _json_contacts(deal: Deal, positioned: frozenset[str]) -> ContactList:
    """A JSON deal's people as contacts: matched and placed like a CSV's rows."""
    manager = {t.source: t.target for t in deal.ties if t.kind is TieKind.REPORTS_TO}
    everything = frozenset({Field.NAME, Field.TITLE, Field.EMAIL})
    contacts = tuple(
        Contact(
            line=0,
            person=person,
            given_id=True,
            has_position=person.id in positioned,
            manager=manager.get(person.id, ""),
            crm_key=crm_key(person.crm_id),
            said=frozenset(f for f in everything if getattr(person, f.value).strip()),
        )
        for person in deal.stakeholders
    )
    return ContactList(OWN, contacts, (), ())
