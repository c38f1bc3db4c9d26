"""CRM import benchmark: a 5,000-contact Salesforce export imported, and merged, as processes.

Run: `.venv/bin/python benchmarks/bench_import.py [--dir FOLDER] [--contacts N]`. Prints one
table. The baseline is measured in the same run on the same file and disk: a bare
`csv.DictReader` pass over the export plus a bare sqlite3 insert of its rows (one
transaction, synchronous=FULL, as the app writes), as a whole Python process like the
import it is compared with (the same pass inside this script is printed for context). Goal:
the whole `consensus-map import` process within 5× of the bare process. The merges are
reported against the same baseline: the same export into the deal it made (everyone
matches, nothing changes), and a week-later export (titles, emails and managers changed, new
people) into it.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from account_maps import account_map

from consensus_map.domain import Role, TieKind
from consensus_map.interchange.crm_ids import salesforce_checksum

CONTACTS = 5_000
RUNS = 5
GOAL_RATIO = 5.0
HEADER = ["Id", "AccountId", "FirstName", "LastName", "Name", "Title", "Department", "Email",
          "ReportsToId", "Role"]  # fmt: skip
ROLES = {
    Role.DECISION_MAKER: "Economic Buyer",
    Role.EXECUTIVE: "Executive Sponsor",
    Role.DECISION_SHAPER: "Technical Buyer",
    Role.GATEKEEPER: "Procurement",  # a custom value: imports as other, with one warning
    Role.END_USER: "Business User",
    Role.OTHER: "",
}
DEPARTMENTS = ["Finance", "IT", "Operations", "Procurement", "Legal", "Sales"]


def salesforce_id(n: int) -> str:
    """An 18-character Contact id (prefix 003), as Data Loader exports them."""
    base = f"0035g{n:06d}AbCd"
    return base + salesforce_checksum(base)


def export_rows(contacts: int, week: int = 1) -> list[list[str]]:
    """A Data Loader export of an account's contacts, as a CRM would write it."""
    deal = account_map(contacts, seed=3, extra_ties=0.0)
    rng = random.Random(week)
    manager = {t.source: t.target for t in deal.ties if t.kind is TieKind.REPORTS_TO}
    index = {p.id: n for n, p in enumerate(deal.stakeholders)}
    rows = []
    for n, person in enumerate(deal.stakeholders):
        first, _, last = person.name.partition(" ")
        title, email = person.title, person.email
        boss = manager.get(person.id)
        if week > 1 and rng.random() < 0.1:
            title = f"Senior {title or 'Analyst'}"
        if week > 1 and rng.random() < 0.02:
            email = f"new.{email}"
        if week > 1 and boss is not None and rng.random() < 0.01 and index[boss] > 0:
            boss = deal.stakeholders[rng.randrange(index[boss])].id  # someone above: no loop
        rows.append([
            salesforce_id(n), "0015g00000Qx1TtAAJ", first, last, person.name, title,
            DEPARTMENTS[n % len(DEPARTMENTS)], email,
            salesforce_id(index[boss]) if boss is not None else "", ROLES[person.role],
        ])  # fmt: skip
    if week > 1:  # new contacts under existing managers
        for k in range(contacts // 100):
            n = contacts + k
            boss_n = rng.randrange(contacts)
            rows.append([salesforce_id(n), "0015g00000Qx1TtAAJ", "New", f"Contact {k}",
                         f"New Contact {k}", "Analyst", "IT", f"new{k}@account.example",
                         salesforce_id(boss_n), "Business User"])  # fmt: skip
    return rows


def write_export(path: Path, rows: list[list[str]]) -> None:
    out = io.StringIO(newline="")
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8", newline="")


def median(samples: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(w for w, _ in samples), statistics.median(c for _, c in samples)


def bare(source: Path, target: Path) -> None:
    """Baseline: csv.DictReader over the file, the rows inserted with bare sqlite3."""
    with source.open(encoding="utf-8", newline="") as stream:
        rows = [tuple(row.values()) for row in csv.DictReader(stream)]
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute(f"CREATE TABLE contacts ({', '.join(HEADER)})")
    conn.execute("BEGIN")
    conn.executemany(f"INSERT INTO contacts VALUES ({', '.join('?' * len(HEADER))})", rows)
    conn.execute("COMMIT")
    conn.close()


# The baseline as a process of its own: `python -c BARE SOURCE TARGET`.
BARE = f"""
import csv, sqlite3, sys
HEADER = {HEADER!r}
with open(sys.argv[1], encoding="utf-8", newline="") as stream:
    rows = [tuple(row.values()) for row in csv.DictReader(stream)]
conn = sqlite3.connect(sys.argv[2], isolation_level=None)
conn.execute("PRAGMA synchronous=FULL")
conn.execute(f"CREATE TABLE contacts ({{', '.join(HEADER)}})")
conn.execute("BEGIN")
conn.executemany(f"INSERT INTO contacts VALUES ({{', '.join('?' * len(HEADER))}})", rows)
conn.execute("COMMIT")
conn.close()
"""


def command() -> list[str]:
    cli = Path(sys.executable).with_name("consensus-map")
    return [str(cli)] if cli.exists() else [sys.executable, "-m", "consensus_map"]


def child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def process(*args: object, argv: list[str] | None = None) -> tuple[float, float]:
    """Wall and CPU seconds of one process (CPU is steadier on a shared machine)."""
    cpu = child_cpu()
    start = time.perf_counter()
    done = subprocess.run(argv or [*command(), *map(str, args)], capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, args))} failed: {done.stderr}")
    return elapsed, child_cpu() - cpu


# What any import pays before reading a byte: the interpreter and the modules it needs.
FLOOR = "import consensus_map.cli, consensus_map.interchange.importing, consensus_map.store"


def compile_bytecode() -> None:
    """Compile the package's bytecode, as an installed copy has it (see bench_app: pip
    compiles a wheel's modules, PyInstaller bundles bytecode). Where PYTHONDONTWRITEBYTECODE
    is set, as on this machine, the warm-up run writes no cache, and every import would
    otherwise compile our modules from source, which no user's copy does."""
    import compileall

    import consensus_map

    compileall.compile_dir(Path(consensus_map.__file__).parent, quiet=1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=None, help="folder for the files (a disk)")
    parser.add_argument("--contacts", type=int, default=CONTACTS)
    args = parser.parse_args()
    contacts = args.contacts
    folder = Path(tempfile.mkdtemp(prefix="bench-import-", dir=args.dir))
    try:
        export = folder / "contacts.csv"
        week2 = folder / "contacts-week2.csv"
        write_export(export, export_rows(contacts))
        write_export(week2, export_rows(contacts, week=2))
        # Warm the disk cache and the interpreter's bytecode once, for both sides alike.
        compile_bytecode()
        bare(export, folder / "warm.db")
        process("import", export, folder / "warm.dealmap")

        baselines: list[tuple[float, float]] = []
        in_script: list[tuple[float, float]] = []
        floor, imports, same, later = [], [], [], []
        for run in range(RUNS):
            db = folder / f"bare-{run}.db"
            baselines.append(process(argv=[sys.executable, "-c", BARE, str(export), str(db)]))
            db = folder / f"bare-in-script-{run}.db"
            cpu, start = time.process_time(), time.perf_counter()
            bare(export, db)
            in_script.append((time.perf_counter() - start, time.process_time() - cpu))
            floor.append(process(argv=[sys.executable, "-c", FLOOR]))
            deal = folder / f"deal-{run}.dealmap"
            imports.append(process("import", export, deal))
            same.append(process("import", export, deal, "--merge"))
            later.append(process("import", week2, deal, "--merge"))
        base = median(baselines)
        rows = [
            ("  context: the same pass inside this script", median(in_script), False),
            (f"import, {contacts:,} contacts (whole process)", median(imports), True),
            ("  of which Python and the modules it loads", median(floor), False),
            ("merge, the same export into that deal", median(same), False),
            (f"merge, a week later ({contacts // 100} new, ~10% titles)", median(later), False),
        ]  # fmt: skip
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    header = ("measurement", "wall", "× baseline", "CPU", "goal", "verdict")
    table = [(f"baseline: csv.DictReader + sqlite3 insert, {contacts:,} rows, as a process",
              f"{base[0] * 1000:.0f} ms", "1.0×", f"{base[1] * 1000:.0f} ms", "", "")]  # fmt: skip
    for name, (wall, cpu), goal in rows:
        ratio = wall / base[0]
        verdict = ("pass" if ratio <= GOAL_RATIO else "FAIL") if goal else ""
        table.append((name, f"{wall * 1000:.0f} ms", f"{ratio:.1f}×", f"{cpu * 1000:.0f} ms",
                      f"≤ {GOAL_RATIO:.0f}×" if goal else "", verdict))  # fmt: skip
    widths = [max(len(r[i]) for r in [header, *table]) for i in range(len(header))]
    for row in [header, tuple("-" * w for w in widths), *table]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    print(f"(median of {RUNS} runs each; processes include Python's start-up; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
