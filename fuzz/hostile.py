"""The hostile cases of docs/reliability.md that are quick to run: each is run for real and its
outcome written as the user would see it (file paths reduced to the file's name).

- hostile files: every spoiled file of tests/store/test_refusals.py, read, opened and checked;
- bad inputs: the command line and the document's edit methods given wrong values;
- concurrent writers: two documents (two connections) on one file, the five cases of issue 12
  and a file replaced, moved away or given a trigger by another program.

Kills and the fuzzers' counts take minutes; they come from fuzz/results.json (run_fuzz.py).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
Row = tuple[str, str]  # the case, its outcome


def _plain(text: str, folder: Path) -> str:
    return " ".join(text.replace(str(folder) + os.sep, "").split())


@contextlib.contextmanager
def _folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="consensus-map-hostile-") as name:
        yield Path(name).resolve()


# ---------------------------------------------------------------- hostile files
def hostile_files() -> list[Row]:
    sys.path.insert(0, str(ROOT / "tests" / "store"))
    import test_refusals
    from store_support import committee, snapshot

    from consensus_map.store import (
        DealFileError,
        check_deal_file,
        create_deal_file,
        open_deal_file,
        read_deal,
    )

    rows: list[Row] = []
    for spoil, _expected in test_refusals.CASES:
        with _folder() as folder:
            path = folder / "acme.dealmap"
            create_deal_file(path, committee())
            spoil(path)
            before = snapshot(folder)
            outcomes = []
            for load in (read_deal, open_deal_file, check_deal_file):
                try:
                    result = load(path)
                except DealFileError as error:
                    outcomes.append(error.reason)
                else:
                    ok = getattr(result, "ok", True)
                    outcomes.append("ok" if ok else "reports the damage")
                    with contextlib.suppress(AttributeError):
                        result.close()  # type: ignore[union-attr]
            untouched = snapshot(folder) == before
        refusal = outcomes[0] if len(set(outcomes[:2])) == 1 else " / ".join(outcomes[:2])
        check = outcomes[2] if outcomes[2] != outcomes[0] else "the same"
        case = spoil.__name__.replace("_", " ")
        rows.append(
            (
                case,
                f"refused: “{refusal}”; check: {check}; "
                + ("file left byte for byte as it was" if untouched else "FILE CHANGED"),
            )
        )
    return rows


# ------------------------------------------------------------------ bad inputs
def _cli(folder: Path, *argv: str) -> str:
    from consensus_map.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([a.replace("@", str(folder) + os.sep) for a in argv])
        except SystemExit as leaving:  # argparse's usage errors
            code = int(leaving.code or 0)
    lines = err.getvalue().strip().splitlines()
    said = _plain(lines[-1], folder) if lines else ""
    return f"exit {code}, {len(lines)} line(s) on stderr: “{said}”"


def bad_inputs() -> list[Row]:
    from consensus_map.interchange import dumps, loads
    from consensus_map.store import create_deal_file

    sample = json.loads((ROOT / "resources" / "sample-deal.json").read_text(encoding="utf-8"))
    rows: list[Row] = []
    with _folder() as folder:
        create_deal_file(folder / "deal.dealmap", loads(json.dumps(sample)))

        def write(name: str, text: str) -> str:
            (folder / name).write_text(text, encoding="utf-8")
            return "@" + name

        def variant(change: Callable[[dict[str, object]], None]) -> str:
            data = json.loads(json.dumps(sample))
            change(data)
            return json.dumps(data, ensure_ascii=True)

        people = "stakeholders"
        json_cases = [
            ("JSON cut short", write("cut.json", dumps(loads(json.dumps(sample)))[:300])),
            ("JSON that is not a deal", write("list.json", "[1, 2, 3]")),
            (
                "JSON from a newer version",
                write("newer.json", variant(lambda d: d.update(version=2))),
            ),
            (
                "a person without a name",
                write("noname.json", variant(lambda d: d[people][2].pop("name"))),  # type: ignore[index]
            ),
            (
                "a reports-to loop",
                write(
                    "loop.json",
                    variant(
                        lambda d: d["relationships"].append(  # type: ignore[attr-defined]
                            {"source": "morgan", "target": "dana", "kind": "reports_to"}
                        )
                    ),
                ),
            ),
            (
                "a name with a lone surrogate (\\ud800)",
                write("surrogate.json", variant(lambda d: d[people][0].update(name="M\ud800"))),  # type: ignore[index]
            ),
            ("nesting 100,000 deep", write("deep.json", "[" * 100_000)),
        ]
        for case, source in json_cases:
            rows.append((f"import: {case}", _cli(folder, "import", source, "@new.dealmap")))
        salesforce = "Id,FirstName,LastName,Title,ReportsToId,Role\r\n"
        csv_cases = [
            ("a spreadsheet saved as .xlsx, named .csv", "sheet.csv", "PK\x03\x04\x00\x00"),
            (
                "managers in a loop",
                "loop.csv",
                salesforce + "001,Dana,Ruiz,VP,002,\r\n002,Chris,Park,CFO,001,\r\n",
            ),
            ("a row without a name", "noname.csv", salesforce + "001,,,VP,,\r\n"),
            ("a ragged row", "ragged.csv", salesforce + "001,Dana,Ruiz\r\n"),
        ]
        for case, name, text in csv_cases:
            rows.append(
                (f"import: CSV, {case}", _cli(folder, "import", write(name, text), "@new.dealmap"))
            )
        rows.append(
            (
                "import --merge: CSV with managers in a loop",
                _cli(folder, "import", "@loop.csv", "@deal.dealmap", "--merge"),
            )
        )
        rows += [
            ("import over an existing deal", _cli(folder, "import", "@cut.json", "@deal.dealmap")),
            ("check a file that is not there", _cli(folder, "check", "@missing.dealmap")),
            ("export to .docx", _cli(folder, "export", "@deal.dealmap", "@deal.docx")),
            ("plan without --meetings", _cli(folder, "plan", "@deal.dealmap")),
            (
                "risks --engage an unknown id",
                _cli(folder, "risks", "@deal.dealmap", "--engage", "zed"),
            ),
        ]
        rows += _bad_edits(folder)
    return rows


def _bad_edits(folder: Path) -> list[Row]:
    from consensus_map.app.document import Document
    from consensus_map.domain import TieKind
    from consensus_map.store import open_deal_file, read_deal

    path = folder / "deal.dealmap"
    file = open_deal_file(path)
    document = Document(file.deal, file, defer_analysis=True)
    said: list[str] = []
    document.edit_refused.connect(said.append)
    before = path.read_bytes()
    edits: list[tuple[str, Callable[[], object]]] = [
        (
            "a strength on a reports-to tie",
            lambda: document.edit_tie(("lee", "dana", TieKind.REPORTS_TO), 2.0),
        ),
        ("a person's id changed by an edit", lambda: document.edit_person("dana", id="chris")),
        ("a field people do not have", lambda: document.edit_person("dana", salary=100)),
        ("an empty name", lambda: document.edit_person("dana", name="  ")),
        ("readiness 'ready'", lambda: document.edit_person("dana", readiness="ready")),
        ("a position that is not a number", lambda: document.move({"dana": (float("nan"), 0.0)})),
        ("a tie to oneself", lambda: document.add_tie("dana", "dana", TieKind.ALLY)),
        ("a second manager", lambda: document.add_tie("dana", "chris", TieKind.REPORTS_TO)),
        (
            "a tie's kind changed",
            lambda: document.deal.tie(("dana", "chris", TieKind.INFLUENCES)).edit(
                kind=TieKind.ALLY
            ),
        ),
    ]
    rows: list[Row] = []
    for case, edit in edits:
        said.clear()
        try:
            accepted = edit()
            outcome = "ACCEPTED" if accepted else f"refused: “{said[-1] if said else ''}”"
        except Exception as error:  # a DealError raised by a record's edit()
            outcome = f"refused: “{error}” ({type(error).__name__})"
        rows.append((f"edit: {case}", outcome))
    document.close()
    unchanged = path.read_bytes() == before and read_deal(path) is not None
    rows.append(("edit: all of the above", "file unchanged" if unchanged else "FILE CHANGED"))
    return rows


# ------------------------------------------------------------ concurrent writers
def concurrent_writers() -> list[Row]:
    from consensus_map.app.document import Document
    from consensus_map.domain import Deal, DealInfo, Stakeholder
    from consensus_map.store import create_deal_file, open_deal_file, read_deal

    rows: list[Row] = []

    def two_windows(folder: Path) -> tuple[Document, Document, list[str], list[str]]:
        path = folder / "acme.dealmap"
        people = [
            Stakeholder("dana", "Dana Ruiz", title="VP Operations"),
            Stakeholder("lee", "Lee Wong", title="Analyst"),
        ]
        create_deal_file(path, Deal(DealInfo("Acme renewal"), people))
        windows, told = [], ([], [])
        for said in told:
            file = open_deal_file(path)
            window = Document(file.deal, file, defer_analysis=True)
            window._watch.stop()
            window.edit_refused.connect(said.append)
            windows.append(window)
        return windows[0], windows[1], told[0], told[1]

    def result(ok: object, said: list[str]) -> str:
        return "accepted" if ok else f"refused: “{said[-1]}”"

    def different_fields(a: Document, b: Document, sa: list[str], sb: list[str]) -> str:
        a.edit_person("dana", notes="Owns the budget")
        ok = b.edit_person("dana", title="COO")
        return f"B {result(ok, sb)}; on file: {_person(a, 'dana', 'notes', 'title')}"

    def same_field(a: Document, b: Document, sa: list[str], sb: list[str]) -> str:
        a.edit_person("dana", title="VP Ops")
        ok = b.edit_person("dana", title="COO")
        return f"B {result(ok, sb)}; on file: {_person(a, 'dana', 'title')}"

    def deal_details(a: Document, b: Document, sa: list[str], sb: list[str]) -> str:
        a.edit_deal(notes="Board on the 12th")
        stage = b.edit_deal(stage="presentation")
        b.edit_deal(account="Acme Corp")
        account = a.edit_deal(account="Acme Inc")
        return (
            f"B's stage {result(stage, sb)}; A's account {result(account, sa)}; on file: {_info(a)}"
        )

    def delete_then_edit(a: Document, b: Document, sa: list[str], sb: list[str]) -> str:
        a.delete(["lee"])
        ok = b.edit_person("lee", title="Lead")
        gone = "lee" not in read_deal(_path(a))
        return f"B {result(ok, sb)}; on file: Lee is {'gone' if gone else 'there'}"

    def edit_then_delete(a: Document, b: Document, sa: list[str], sb: list[str]) -> str:
        b.edit_person("dana", title="COO")
        ok = a.delete(["dana"])
        return f"A {result(ok, sa)}; on file: {_person(b, 'dana', 'title')}"

    def both_add(a: Document, b: Document, sa: list[str], sb: list[str]) -> str:
        first, second = a.add_person((0.0, 0.0), "Kim Lee"), b.add_person((10.0, 0.0), "Kim Lee")
        ids = ", ".join(p.id for p in read_deal(_path(a)).stakeholders)
        return f"A added {first!r}, B added {second!r}; on file: {ids}"

    def undo_after_merge(a: Document, b: Document, sa: list[str], sb: list[str]) -> str:
        a.edit_person("dana", notes="Owns the budget")
        b.edit_person("dana", title="COO")
        a.check_file()
        a.undo_stack.undo()
        return f"on file: {_person(a, 'dana', 'notes', 'title')}"

    cases: list[tuple[str, Callable[[Document, Document, list[str], list[str]], str]]] = [
        ("same person, different fields (A: notes, then B: title)", different_fields),
        ("same person, same field (A: title 'VP Ops', then B: 'COO')", same_field),
        ("deal details (A: notes, B: stage; then both the account)", deal_details),
        ("delete against edit (A deletes Lee, then B edits him)", delete_then_edit),
        ("edit against delete (B edits Dana, then A deletes her)", edit_then_delete),
        ("both adding people (both add 'Kim Lee')", both_add),
        ("A undoes its notes after B changed the title", undo_after_merge),
    ]
    for case, run in cases:
        with _folder() as folder:
            a, b, said_a, said_b = two_windows(folder)
            try:
                rows.append((case, _plain(run(a, b, said_a, said_b), folder)))
            finally:
                a.close()
                b.close()
    rows += _other_programs()
    return rows


def _path(document: object) -> Path:
    path = getattr(document, "path", None)
    assert isinstance(path, Path)
    return path


def _person(document: object, pid: str, *fields: str) -> str:
    from consensus_map.store import read_deal

    person = read_deal(_path(document)).stakeholder(pid)
    return ", ".join(f"{f} {getattr(person, f)!r}" for f in fields)


def _info(document: object) -> str:
    from consensus_map.store import read_deal

    info = read_deal(_path(document)).info
    return f"notes {info.notes!r}, stage {str(info.stage)!r}, account {info.account!r}"


def _other_programs() -> list[Row]:
    from consensus_map.app.document import Document
    from consensus_map.domain import Deal, DealInfo, Stakeholder
    from consensus_map.store import create_deal_file, open_deal_file

    rows: list[Row] = []
    for case in ("replaced by a synced copy", "moved away", "given a trigger by another program"):
        with _folder() as folder:
            path = folder / "acme.dealmap"
            create_deal_file(path, Deal(DealInfo("Acme"), [Stakeholder("dana", "Dana")]))
            file = open_deal_file(path)
            document = Document(file.deal, file, defer_analysis=True)
            document._watch.stop()
            said: list[str] = []
            document.edit_refused.connect(said.append)
            if case.startswith("replaced"):
                theirs = Deal(DealInfo("Acme (synced)"), [Stakeholder("kim", "Kim")])
                create_deal_file(folder / "incoming.dealmap", theirs)
                os.replace(folder / "incoming.dealmap", path)
            elif case == "moved away":
                path.rename(folder / "elsewhere.dealmap")
            else:
                other = sqlite3.connect(path, isolation_level=None)
                other.execute(
                    "CREATE TRIGGER t AFTER UPDATE ON stakeholders BEGIN DELETE FROM ties; END"
                )
                other.close()
            looked = document.check_file()
            edited = document.edit_person(document.deal.stakeholders[0].id, title="COO")
            outcome = (
                f"the window {'reloaded' if looked else 'did not reload'}"
                f" (shows {document.deal.info.name!r}); an edit was "
                + ("accepted" if edited else f"refused: “{said[-1]}”")
            )
            document.close()
            rows.append((f"the open file {case}", _plain(outcome, folder)))
    return rows
