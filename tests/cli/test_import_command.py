"""`consensus-map import SRC.csv FILE` and `--merge`, and `export FILE OUT.csv`: what a seller
sees, exit codes, one-line problems, and files left byte for byte as they were."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from consensus_map.cli import main
from consensus_map.domain import Readiness, Stance, Tie, TieKind
from consensus_map.store import open_deal_file, read_deal

FIXTURES = Path(__file__).parents[1] / "interchange" / "fixtures"


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def folder(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.iterdir())}


@pytest.fixture
def contoso(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """Last week's Salesforce import, then the seller's week of work on it."""
    path = tmp_path / "contoso.dealmap"
    assert run(capsys, "import", FIXTURES / "salesforce_contacts.csv", path)[0] == 0
    with open_deal_file(path) as opened:
        deal = opened.deal
        ids = {p.name: p.id for p in deal.stakeholders}
        margaret = deal.stakeholder(ids["Margaret Okonkwo"])
        deal.update_stakeholder(
            margaret.replace(readiness=Readiness.EXPLORING, stance=Stance.SKEPTIC, attends=True,
                             notes="Met at the QBR", x=-900.0, y=40.0)
        )  # fmt: skip
        deal.add_tie(Tie(ids["Margaret Okonkwo"], ids["Daniel Brennan"], TieKind.INFLUENCES, 3))
    return path


# ------------------------------------------------------------------------- import
@pytest.mark.parametrize(
    ("fixture", "source", "people", "ties"),
    [
        ("salesforce_contacts.csv", "Salesforce CSV, UTF-8, comma-separated, 10 rows", 10, 9),
        ("hubspot_contacts.csv", "HubSpot CSV, UTF-8 with BOM, comma-separated, 10 rows", 10, 0),
        ("excel_semicolon.csv", "Consensus Map CSV, UTF-8 with BOM, semicolon-separated, 5 rows",
         5, 4),
        ("excel_cp1252.csv", "Salesforce CSV, Windows-1252, comma-separated, 5 rows", 5, 4),
    ],
)  # fmt: skip
def test_import_makes_a_deal_and_says_where_it_came_from(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    fixture: str,
    source: str,
    people: int,
    ties: int,
) -> None:
    target = tmp_path / "Acme renewal.dealmap"
    code, out, err = run(capsys, "import", FIXTURES / fixture, target)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == f"Imported {people} people and {ties} relationships into {target}"
    assert lines[1] == f"  from {fixture}: {source}"
    deal = read_deal(target)
    assert (len(deal), len(deal.ties)) == (people, ties)
    assert deal.info.name == "Acme renewal"


def test_import_warns_about_unknown_roles_on_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(capsys, "import", FIXTURES / "hubspot_contacts.csv", tmp_path / "f.dealmap")
    assert (
        "  warning: 3 contacts had roles we don't know: 'Chief Vibes Officer' ×2, 'Partner' ×1 "
        "→ other" in out.splitlines()
    )


@pytest.mark.parametrize(
    ("fixture", "where"),
    [
        ("error_dangling_manager.csv", "line 4: manager '0035g00000ZZ9ZZAAJ' is not in the file"),
        ("error_duplicate_ids.csv", "line 5: CRM id 0035g00000Yz8Ab is 0035g00000Yz8AbAAJ"),
        ("error_cycle.csv", "line 4: reports-to loop"),
        ("error_field_count.csv", "line 5: has 8 fields; the header has 7"),
    ],
)
def test_a_bad_file_names_the_line_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fixture: str, where: str
) -> None:
    target = tmp_path / "out.dealmap"
    code, out, err = run(capsys, "import", FIXTURES / fixture, target)
    assert (code, out) == (1, "")
    assert one_line(err).startswith(f"consensus-map: {FIXTURES / fixture}: {where}")
    assert list(tmp_path.iterdir()) == []  # no deal, no temporary file


def test_import_never_overwrites(contoso: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = contoso.read_bytes()
    code, _, err = run(capsys, "import", FIXTURES / "hubspot_contacts.csv", contoso)
    assert code == 1
    assert "already exists" in one_line(err) and "--merge" in err
    assert contoso.read_bytes() == before


# -------------------------------------------------------------------------- merge
def test_merge_updates_the_crm_fields_keeps_the_sellers_and_prints_one_screen(
    contoso: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    week2 = FIXTURES / "salesforce_contacts_week2.csv"
    code, out, err = run(capsys, "import", week2, contoso, "--merge")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == (
        f"Merged salesforce_contacts_week2.csv into {contoso} "
        "(Salesforce CSV, UTF-8, comma-separated, 11 rows)"
    )
    assert lines[1] == "  added: 2 — Nina Patel, Oscar Lindgren"
    assert lines[2].startswith("  updated: ")
    assert lines[2] == (
        "  updated: 4 — Margaret Okonkwo (email), Priya Raman (title), Aisha Bello (manager), "
        "Marcus J. Webb (name)"
    )
    assert lines[3] == "  left alone: 5 (in the file, nothing to change)"
    assert lines[4] == "  not in the file (kept): 1 — Rachel Stein"
    assert len(lines) <= 24

    deal = read_deal(contoso)
    people = {p.name: p for p in deal.stakeholders}
    margaret = people["Margaret Okonkwo"]
    assert margaret.email == "margaret.okonkwo@contosofreight.com"
    assert (margaret.readiness, margaret.stance, margaret.attends) == (
        Readiness.EXPLORING, Stance.SKEPTIC, True)  # fmt: skip
    assert (margaret.notes, margaret.x, margaret.y) == ("Met at the QBR", -900.0, 40.0)
    assert deal.find_tie(margaret.id, people["Daniel Brennan"].id, TieKind.INFLUENCES)
    assert deal.manager_of(people["Aisha Bello"].id) == people["Grace Liu"].id
    assert deal.manager_of(people["Oscar Lindgren"].id) == people["Aisha Bello"].id
    assert "Rachel Stein" in people


def test_a_merged_deal_remembers_crm_ids_so_a_renamed_contact_still_matches(
    contoso: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "import", FIXTURES / "salesforce_contacts_week2.csv", contoso, "--merge")
    deal = read_deal(contoso)
    webb = next(p for p in deal.stakeholders if p.crm_id == "0035g00000Kl6MnAAJ")
    assert webb.name == "Marcus J. Webb"
    code, out, _ = run(capsys, "import", FIXTURES / "salesforce_contacts_week2.csv", contoso,
                       "--merge")  # fmt: skip
    assert code == 0
    assert "  added: 0" in out.splitlines() and "  updated: 0" in out.splitlines()


@pytest.mark.parametrize(
    ("fixture", "where"),
    [
        ("error_cycle.csv", "line 4: reports-to loop"),
        ("error_field_count.csv", "line 5: has 8 fields"),
        ("error_duplicate_ids.csv", "line 5: CRM id"),
    ],
)
def test_a_refused_merge_leaves_the_deal_byte_identical(
    contoso: Path, capsys: pytest.CaptureFixture[str], fixture: str, where: str
) -> None:
    before = folder(contoso.parent)
    code, out, err = run(capsys, "import", FIXTURES / fixture, contoso, "--merge")
    assert (code, out) == (1, "")
    assert where in one_line(err)
    assert folder(contoso.parent) == before


def test_merge_needs_an_existing_deal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "import", FIXTURES / "salesforce_contacts.csv",
                       tmp_path / "none.dealmap", "--merge")  # fmt: skip
    assert code == 1
    assert "no such deal" in one_line(err)
    assert list(tmp_path.iterdir()) == []


def test_help_documents_merge(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    out = capsys.readouterr().out
    assert "--merge" in out and "CRM id" in out


# ------------------------------------------------------------------------- export
def test_export_csv_reads_back_in_python_and_through_import(
    contoso: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CONSENSUS_MAP_TODAY", "2026-12-01")
    out_path = tmp_path / "people.csv"
    code, out, err = run(capsys, "export", contoso, out_path)
    assert (code, err) == (0, "")
    assert out == f"Exported {contoso} to {out_path}\n"
    raw = out_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert len(rows) == 10
    assert {"in_decision", "veto_risk", "sinker", "action", "introducer"} <= set(rows[0])
    assert any(r["sinker"] == "true" and r["action"] for r in rows)

    again = tmp_path / "again.dealmap"
    assert run(capsys, "import", out_path, again)[0] == 0
    original, back = read_deal(contoso), read_deal(again)
    assert back.stakeholders == original.stakeholders
    reports = {t for t in original.ties if t.kind is TieKind.REPORTS_TO}
    assert set(back.ties) == reports
    # Same deal, same day: the same bytes.
    second = tmp_path / "people2.csv"
    run(capsys, "export", contoso, second)
    assert second.read_bytes() == raw


HEADLESS = """
import sys
from consensus_map.cli import main
codes = [main(argv) for argv in {commands!r}]
qt = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6", "consensus_map.app")))
print("RESULT", codes, qt)
"""


def test_csv_import_merge_and_export_never_load_qt(tmp_path: Path) -> None:
    deal = str(tmp_path / "deal.dealmap")
    commands = [
        ["import", str(FIXTURES / "salesforce_contacts.csv"), deal],
        ["import", str(FIXTURES / "salesforce_contacts_week2.csv"), deal, "--merge"],
        ["export", deal, str(tmp_path / "people.csv")],
    ]
    result = subprocess.run(
        [sys.executable, "-c", HEADLESS.format(commands=commands)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "CONSENSUS_MAP_TODAY": "2026-12-01"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "RESULT [0, 0, 0] []"


def test_a_refused_merge_into_an_older_file_does_not_upgrade_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sys.path.insert(0, str(Path(__file__).parents[1] / "store"))
    from store_support import committee, write_v1_file

    old = tmp_path / "old.dealmap"
    write_v1_file(old, committee())
    before = folder(tmp_path)
    code, _, err = run(capsys, "import", FIXTURES / "error_cycle.csv", old, "--merge")
    assert code == 1 and "line 4: reports-to loop" in one_line(err)
    assert folder(tmp_path) == before  # no upgrade, no backup copy

    code, out, _ = run(capsys, "import", FIXTURES / "excel_semicolon.csv", old, "--merge")
    assert code == 0 and "added: 5" in out
    assert len(read_deal(old)) == len(committee()) + 5


def test_a_json_deal_without_positions_lands_laid_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import itertools
    import json

    from consensus_map.layout import overlaps

    source = tmp_path / "bare.json"
    people = [{"id": f"p{i}", "name": f"Person {i}"} for i in range(6)]
    people.append({"id": "kept", "name": "Kept", "x": 5000, "y": 5000})
    ties = [{"source": f"p{i}", "target": "p0", "kind": "reports_to"} for i in range(1, 6)]
    source.write_text(json.dumps({"deal": {"name": "Bare"}, "stakeholders": people,
                                  "relationships": ties}))  # fmt: skip
    target = tmp_path / "bare.dealmap"
    assert run(capsys, "import", source, target)[0] == 0
    deal = read_deal(target)
    assert (deal.stakeholder("kept").x, deal.stakeholder("kept").y) == (5000, 5000)
    for a, b in itertools.combinations(deal.stakeholders, 2):
        assert not overlaps((a.x, a.y), (b.x, b.y)), (a.id, b.id)
    assert all(deal.stakeholder(f"p{i}").y > deal.stakeholder("p0").y for i in range(1, 6))
