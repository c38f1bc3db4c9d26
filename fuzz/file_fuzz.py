"""Byte flips and truncations of valid `.dealmap` files.

Every case must end in a clear refusal (`DealFileError`, one line naming the file) or a valid
load, for each of the three ways a file is read: `read_deal` (the CLI), `open_deal_file` (the
app; it may recover or upgrade, so it gets a copy) and `check_deal_file`. Anything else is a
crash; a case slower than `SLOW_SECONDS` is a hang. Case `n` of a seed is always the same
bytes, so a finding can be replayed with `python fuzz/run_fuzz.py --files --case n`.
"""

from __future__ import annotations

import random
import re
import shutil
import signal
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from consensus_map.domain import (
    Deal,
    DealInfo,
    Readiness,
    Role,
    Stakeholder,
    Stance,
    Tie,
    TieKind,
)
from consensus_map.interchange import load_json_file
from consensus_map.store import (
    DealFileError,
    check_deal_file,
    create_deal_file,
    open_deal_file,
    read_deal,
)

ROOT = Path(__file__).resolve().parent.parent
SLOW_SECONDS = 3.0
MAX_REASON = 200  # characters: a reason is read in a message box or on a terminal line
Mutation = Callable[[bytes, random.Random], tuple[str, bytes]]


# ---------------------------------------------------------------- valid files
def account_map(people: int = 300) -> Deal:
    """A larger deal: several pages per table, notes long enough for overflow pages."""
    roles, ladder, stances = list(Role), list(Readiness), list(Stance)
    members = [
        Stakeholder(
            f"p{i}",
            f"Person {i}",
            title=f"Title {i % 17}",
            role=roles[i % len(roles)],
            readiness=ladder[i % len(ladder)],
            stance=stances[i % len(stances)],
            attends=i % 5 == 0,
            notes=("Notes about this person. " * (1 + i % 40)) if i % 3 == 0 else "",
            x=float(i * 40 % 2000),
            y=float(i // 50 * 120),
        )
        for i in range(people)
    ]
    ties = [Tie(f"p{i}", f"p{(i - 1) // 4}", TieKind.REPORTS_TO) for i in range(1, people)]
    ties += [
        Tie(f"p{i}", f"p{(i * 7 + 1) % people}", TieKind.INFLUENCES, 2) for i in range(1, people, 3)
    ]
    unique = {t.key: t for t in ties if t.source != t.target}
    return Deal(DealInfo("Account map", notes="x" * 3000), members, unique.values())


def make_valid_files(folder: Path) -> dict[str, Path]:
    """The files the mutations start from: small, the sample, a large map, older versions."""
    sys.path.insert(0, str(ROOT / "tests" / "store"))
    from store_support import committee, write_v1_file, write_v2_file

    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "committee": folder / "committee.dealmap",
        "sample": folder / "sample.dealmap",
        "account-map": folder / "account-map.dealmap",
        "version-1": folder / "version-1.dealmap",
        "version-2": folder / "version-2.dealmap",
    }
    create_deal_file(files["committee"], committee())
    create_deal_file(files["sample"], load_json_file(ROOT / "resources" / "sample-deal.json"))
    create_deal_file(files["account-map"], account_map())
    write_v1_file(files["version-1"], committee())
    write_v2_file(files["version-2"], committee())
    return files


# ------------------------------------------------------------------ mutations
def flip_bytes(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    out = bytearray(data)
    count = rng.choice([1, 1, 2, 4, 16])
    for _ in range(count):
        at = rng.randrange(len(out))
        out[at] ^= 1 << rng.randrange(8) if rng.random() < 0.7 else rng.randrange(1, 256)
    return f"{count} byte(s) flipped", bytes(out)


def flip_header(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    out = bytearray(data)
    at = rng.randrange(100)
    out[at] ^= rng.randrange(1, 256)
    return "a header byte flipped", bytes(out)


def flip_page_header(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    # B-tree page headers and cell pointers: where corruption confuses SQLite most.
    out = bytearray(data)
    pages = max(1, len(out) // 4096)
    page = rng.randrange(pages)
    start = 100 if page == 0 else page * 4096
    at = min(len(out) - 1, start + rng.randrange(24))
    out[at] ^= rng.randrange(1, 256)
    return "a page header byte flipped", bytes(out)


def truncate(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    return "truncated", data[: rng.randrange(len(data))]


def truncate_at_page(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    pages = len(data) // 4096
    return "truncated at a page boundary", data[: 4096 * rng.randrange(max(1, pages))]


def zero_page(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    out = bytearray(data)
    page = rng.randrange(len(out) // 4096)
    out[page * 4096 : (page + 1) * 4096] = bytes(4096)
    return "a page zeroed", bytes(out)


def swap_pages(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    pages = len(data) // 4096
    if pages < 2:
        return flip_bytes(data, rng)
    a, b = rng.sample(range(pages), 2)
    out = bytearray(data)
    out[a * 4096 : (a + 1) * 4096], out[b * 4096 : (b + 1) * 4096] = (
        data[b * 4096 : (b + 1) * 4096],
        data[a * 4096 : (a + 1) * 4096],
    )
    return "two pages swapped", bytes(out)


def append_garbage(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    return "garbage appended", data + rng.randbytes(rng.choice([1, 100, 4096, 50_000]))


MUTATIONS: list[Mutation] = [
    flip_bytes,
    flip_bytes,
    flip_bytes,
    flip_header,
    flip_page_header,
    flip_page_header,
    truncate,
    truncate_at_page,
    zero_page,
    swap_pages,
    append_garbage,
]


# -------------------------------------------------------------------- outcomes
_DETAIL = re.compile(r"'[^']*'|\"[^\"]*\"|\d+")


def refusal_kind(reason: str) -> str:
    """A refusal's reason with names and numbers taken out, so that like counts with like."""
    return _DETAIL.sub("…", reason)


@dataclass
class Outcomes:
    counts: Counter[str] = field(default_factory=Counter)
    crashes: list[str] = field(default_factory=list)
    slowest: float = 0.0
    cases: int = 0

    def add(self, other: Outcomes) -> None:
        self.counts.update(other.counts)
        self.crashes += other.crashes
        self.slowest = max(self.slowest, other.slowest)
        self.cases += other.cases


class _Hang(Exception):
    pass


def _alarm(_signum: int, _frame: FrameType | None) -> None:
    raise _Hang()


def _one(read: Callable[[Path], object], path: Path, original: Deal) -> str:
    try:
        result = read(path)
    except DealFileError as error:
        message = str(error)
        if "\n" in message or error.path.name.removeprefix("opened-") != path.name:
            return f"crash: a refusal that is not one line naming the file: {message!r}"
        if len(error.reason) > MAX_REASON:
            return f"crash: a refusal too long to read: {message!r}"
        return f"refused: {refusal_kind(error.reason)}"
    if isinstance(result, Deal):
        same = (result.info, result.stakeholders, set(result.ties)) == (
            original.info,
            original.stakeholders,
            set(original.ties),
        )
        return "loaded, the same deal" if same else "loaded, a value changed (still valid)"
    return "checked"


def run_case(path: Path, original: Deal) -> list[str]:
    """The outcome of reading, opening and checking the (mutated) file at `path`."""

    def opened(p: Path) -> Deal:
        copy = p.with_name("opened-" + p.name)
        shutil.copyfile(p, copy)
        try:
            with open_deal_file(copy) as handle:
                return handle.deal
        finally:
            for leftover in copy.parent.glob("opened-*"):
                leftover.unlink()

    def checked(p: Path) -> object:
        report = check_deal_file(p)
        if "\n" in report.integrity and report.ok:
            raise AssertionError("an ok report with problems")
        return report

    outcomes = []
    for how, read in (("read", read_deal), ("open", opened), ("check", checked)):
        try:
            outcome = _one(read, path, original)
        except _Hang:
            raise
        except Exception as error:  # the finding: anything but a refusal or a load
            outcome = f"crash: {type(error).__name__}: {error}"
        outcomes.append(f"{how}: {outcome}")
    return outcomes


def cases(files: dict[str, Path], seed: int, count: int) -> Iterator[tuple[int, str, str, bytes]]:
    """Case `n` of `seed`: a valid file chosen and mutated by a generator seeded with both."""
    originals = {name: path.read_bytes() for name, path in files.items()}
    names = sorted(originals)
    for number in range(count):
        rng = random.Random(f"{seed}-{number}")
        name = rng.choice(names)
        what, data = rng.choice(MUTATIONS)(originals[name], rng)
        yield number, name, what, data


def fuzz_files(
    folder: Path, seed: int, count: int, start: int = 0, only: tuple[str, ...] = ()
) -> Outcomes:
    """Run cases `start`..`count-1` of `seed` in `folder`; a case over SLOW_SECONDS is a hang.

    `only`: start from these of the valid files (the test suite's quick slice).
    """
    files = make_valid_files(folder / "valid")
    if only:
        files = {name: path for name, path in files.items() if name in only}
    loaded = {name: read_deal(path) for name, path in files.items()}
    work = folder / "case"
    work.mkdir(exist_ok=True)
    result = Outcomes()
    previous = signal.signal(signal.SIGALRM, _alarm)
    try:
        for number, name, what, data in cases(files, seed, count):
            if number < start:
                continue
            target = work / files[name].name
            for leftover in work.iterdir():
                leftover.unlink()
            target.write_bytes(data)
            began = time.perf_counter()
            signal.alarm(int(SLOW_SECONDS * 3))
            try:
                outcomes = run_case(target, loaded[name])
            except _Hang:
                outcomes = ["hang"]
            finally:
                signal.alarm(0)
            took = time.perf_counter() - began
            if took > SLOW_SECONDS:
                outcomes.append(f"hang: {took:.1f} s")
            result.slowest = max(result.slowest, took)
            result.cases += 1
            for outcome in outcomes:
                result.counts[outcome] += 1
                if outcome.split(": ", 1)[-1].startswith(("crash", "hang")):
                    result.crashes.append(f"case {number} ({name}, {what}): {outcome}")
    finally:
        signal.signal(signal.SIGALRM, previous)
    return result
