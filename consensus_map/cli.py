"""The `consensus-map` command: the headless commands of SPEC "Command line", or the app.

Exit status: 0 success, 1 a problem with the input (one line on stderr, no traceback),
2 wrong usage. Imports are lazy so that `check` starts fast and no headless command ever
loads Qt: only the app branch imports `consensus_map.app`.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

from consensus_map import version

if TYPE_CHECKING:
    import argparse

    from consensus_map.domain import Deal
    from consensus_map.interchange.importing import ImportSource

PROG = "consensus-map"
TODAY_ENV = "CONSENSUS_MAP_TODAY"
EXPORT_FORMATS = (".pdf", ".svg", ".png", ".json", ".csv")


class InputProblem(Exception):
    """A problem with the user's files or values: printed as one line, exit status 1."""


# ----------------------------------------------------------------------- helpers
def _reason(error: OSError) -> str:
    """`[Errno 2] No such file or directory: 'x'` → `no such file or directory`."""
    reason = (error.strerror or str(error)).rstrip(".")
    return reason[:1].lower() + reason[1:]


def _os_problem(error: OSError) -> str:
    return f"{error.filename}: {_reason(error)}" if error.filename else _reason(error)


def _one_line(message: object) -> str:
    return " ".join(str(message).split())


def _today() -> date:
    value = os.environ.get(TODAY_ENV)
    if not value:
        return date.today()
    try:
        if len(value) != 10:
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise InputProblem(f"{TODAY_ENV} must be a date YYYY-MM-DD, not {value!r}") from None


def _read(path: Path) -> Deal:
    from consensus_map.store import read_deal

    return read_deal(path)


def _write_text_atomically(path: Path, text: str) -> None:
    """Write beside the target then rename, so a reader never sees half a file."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with temp.open("w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
        # Name the file the user asked for, not our temporary one.
        raise InputProblem(f"{path}: cannot be written ({_reason(error)})") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _silence_stdout() -> None:
    """After a broken pipe, stop Python's exit-time flush from printing a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a real file (pytest's capture)
        pass


def _emit(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


# ---------------------------------------------------------------------- commands
def _cmd_new(args: argparse.Namespace) -> int:
    from consensus_map.domain import Deal, DealInfo
    from consensus_map.store import create_deal_file

    path: Path = args.file
    deal = Deal(DealInfo(name=args.name, account=args.account))
    create_deal_file(path, deal)
    _emit(f"Created {path} ({deal.info.name})")
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    source_path: Path = args.source
    target: Path = args.file
    if args.merge:
        return _merge(source_path, target)
    if target.exists():
        raise InputProblem(f"{target}: already exists; import never overwrites a deal (--merge)")

    from consensus_map.domain import Deal, DealInfo
    from consensus_map.interchange.importing import json_deal_laid_out, new_deal, summary_lines
    from consensus_map.store import create_deal_file

    source = _import_source(source_path)
    lines: list[str] = []
    if source.json_deal is not None:
        deal = json_deal_laid_out(source)
    else:
        name = target.stem.strip() or "Imported deal"
        plan = source.plan(Deal(DealInfo(name=name)))
        deal = _checked(source_path, lambda: new_deal(plan, name))
        lines = summary_lines(plan, merge=False)
    create_deal_file(target, deal)
    _emit(
        "\n".join(
            [
                f"Imported {len(deal)} people and {len(deal.ties)} relationships into {target}",
                f"  from {source_path.name}: {source.describe()}",
                *lines,
            ]
        )
    )
    return 0


def _merge(source_path: Path, target: Path) -> int:
    """`import SRC FILE --merge`: refresh a deal from the CRM, keeping the seller's judgement."""
    from consensus_map.interchange.csv_text import CsvImportError
    from consensus_map.interchange.importing import summary_lines
    from consensus_map.store import SCHEMA_VERSION, open_deal_file
    from consensus_map.store.safety import read_header

    if not target.exists():
        raise InputProblem(f"{target}: no such deal; --merge refreshes an existing one")
    source = _import_source(source_path)
    # A refused merge must leave the file byte for byte as it was. Opening a current file
    # writes nothing; opening an older one upgrades it, so that one is planned read-only.
    if read_header(target).version != SCHEMA_VERSION:
        plan = source.plan(_read(target))
        if not plan.ok:
            raise InputProblem(f"{source_path}: {CsvImportError(plan.errors)}")
    with open_deal_file(target) as opened:
        plan = source.plan(opened.deal)
        if not plan.ok:
            raise InputProblem(f"{source_path}: {CsvImportError(plan.errors)}")
        opened.deal.refresh_committee(_checked(source_path, plan.change))
    header = f"Merged {source_path.name} into {target} ({source.describe()})"
    _emit("\n".join([header, *summary_lines(plan, merge=True)]))
    return 0


def _import_source(path: Path) -> ImportSource:
    from consensus_map.interchange import InterchangeError
    from consensus_map.interchange.importing import open_source

    try:
        return open_source(path)
    except InterchangeError as error:
        raise InputProblem(f"{path}: {error}") from None


T = TypeVar("T")


def _checked(path: Path, build: Callable[[], T]) -> T:
    """Run `build`, naming the source file in any problem it reports."""
    from consensus_map.interchange import InterchangeError

    try:
        return build()
    except (InterchangeError, ValueError) as error:
        raise InputProblem(f"{path}: {error}") from None


def _cmd_export(args: argparse.Namespace) -> int:
    out: Path = args.out
    suffix = out.suffix.lower()
    if suffix not in EXPORT_FORMATS:
        raise InputProblem(f"cannot export to {out.name!r}: use .pdf, .svg, .png, .json or .csv")
    if args.paper is not None and suffix != ".pdf":
        _usage_error(args, "--paper is for a PDF")
    if args.scale is not None and suffix != ".png":
        _usage_error(args, "--scale is for a PNG")
    if suffix == ".csv":
        return _export_csv(args.file, out)
    deal = _read(args.file)
    if suffix == ".json":
        from consensus_map.interchange import dumps

        _write_text_atomically(out, dumps(deal))
        _emit(f"Exported {args.file} to {out}")
        return 0
    # PDF, SVG and PNG are painted with Qt (offscreen: no screen needed).
    from consensus_map.report.export import ExportError, ExportOptions, export_deal

    options = ExportOptions(
        paper=args.paper,
        scale=2.0 if args.scale is None else args.scale,
        meetings=args.meetings,
        today=_today(),
    )
    try:
        done = export_deal(deal, out, args.file.name, options)
    except ExportError as error:
        raise InputProblem(str(error)) from None
    _emit(f"Exported {args.file} to {out} ({done})")
    return 0


def _export_csv(path: Path, out: Path) -> int:
    """The people with their analysis columns, for a spreadsheet (interchange.csv_export)."""
    today = _today()
    deal = _read(path)

    from consensus_map.analysis import analyze
    from consensus_map.interchange.csv_export import people_csv

    _write_text_atomically(out, people_csv(deal, analyze(deal, today=today).stakeholders))
    _emit(f"Exported {path} to {out}")
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from consensus_map.store import check_deal_file

    report = check_deal_file(args.file)
    # SQLite heads its list with "*** in database main ***": not a problem in itself.
    problems = [p for p in report.integrity.splitlines() if p.strip() and not p.startswith("***")]
    by_kind = ", ".join(f"{kind} {n}" for kind, n in report.ties_by_kind.items() if n)
    version = f"{report.version}"
    if report.version != report.current_version:
        version += f" (this app writes version {report.current_version})"
    lines = [
        f"{report.path}",
        f"  integrity: {'ok' if report.ok else 'DAMAGED'}",
        *(f"    {problem}" for problem in ([] if report.ok else problems)),
        f"  version: {version}",
        f"  people: {report.people}"
        + (f" ({report.attendees} attend the presentation)" if report.ok else ""),
        f"  relationships: {report.ties}" + (f" ({by_kind})" if by_kind else ""),
        f"  size: {report.size_bytes:,} bytes",
    ]
    _emit("\n".join(lines))
    if not report.ok:
        first = problems[0] if problems else "unknown problem"
        extra = len(problems) - 1
        more = f" (and {extra} more problem{'s' if extra > 1 else ''})" if extra else ""
        print(f"{PROG}: {report.path}: damaged: {first}{more}", file=sys.stderr)
        return 1
    return 0


def _engage_ids(deal: Deal, ids: Sequence[str], path: Path) -> tuple[str, ...]:
    for person_id in ids:
        if person_id not in deal:
            raise InputProblem(f"no person with id {person_id!r} in {path}")
    return tuple(dict.fromkeys(ids))


def _cmd_risks(args: argparse.Namespace) -> int:
    today = _today()
    deal = _read(args.file)
    engage = _engage_ids(deal, args.engage, args.file)

    from consensus_map.analysis import analyze
    from consensus_map.analysis.output import risks_json, risks_report

    analysis = analyze(deal, engage, today=today)
    _emit(risks_json(analysis) if args.json else risks_report(deal, analysis))
    return 0


def _cmd_plan(args: argparse.Namespace) -> int:
    today = _today()
    deal = _read(args.file)

    from consensus_map.analysis.output import plan_json, plan_report
    from consensus_map.analysis.plan import plan_summary

    plan = plan_summary(deal, args.meetings, today=today)
    _emit(plan_json(plan) if args.json else plan_report(deal, plan))
    return 0


# ------------------------------------------------------------------------ parser
def _meetings(value: str) -> int:
    import argparse

    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return number


def _usage_error(args: argparse.Namespace, message: str) -> NoReturn:
    parser: argparse.ArgumentParser = args.parser
    parser.error(message)


def build_parser() -> argparse.ArgumentParser:
    # Imported here, as the app's start-up (benchmarked) never parses arguments.
    import argparse

    parser = argparse.ArgumentParser(
        prog=PROG,
        usage=f"{PROG} [FILE.dealmap] | {PROG} COMMAND ...",
        description="Map a buying committee and see who could sink the deal. With no "
        "command, opens the app (on FILE.dealmap if given).",
    )

    class VersionAction(argparse.Action):
        # argparse's own "version" action wants the text up front: this reads the package
        # metadata only when --version is asked for.
        def __call__(self, parser: argparse.ArgumentParser, *_: object) -> NoReturn:
            _emit(f"{PROG} {version()}")
            parser.exit()

    parser.add_argument(
        "--version",
        action=VersionAction,
        nargs=0,
        default=argparse.SUPPRESS,
        help="show the version and exit",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, handler: Callable[[argparse.Namespace], int], help_: str) -> Any:
        # An explicit prog: the default would repeat the top-level usage string.
        sub = commands.add_parser(name, prog=f"{PROG} {name}", help=help_, description=help_)
        sub.set_defaults(handler=handler, parser=sub)
        return sub

    new = command("new", _cmd_new, "create an empty deal file")
    new.add_argument("file", type=Path, metavar="FILE.dealmap")
    new.add_argument("--name", required=True, help="the deal's name")
    new.add_argument("--account", default="", help="the buying company")

    imp = command(
        "import",
        _cmd_import,
        "make a deal file from a JSON or CSV file (Salesforce, HubSpot or this app's "
        "columns), or with --merge refresh a deal from the CRM",
    )
    imp.add_argument("source", type=Path, metavar="SOURCE.json|SOURCE.csv")
    imp.add_argument("file", type=Path, metavar="FILE.dealmap")
    imp.add_argument(
        "--merge",
        action="store_true",
        help="merge into an existing deal: people match by CRM id, then email, then name; "
        "their name, title, email and manager are updated, everything the seller judged is "
        "kept; new people are added near their manager; no one is deleted",
    )

    risks = command("risks", _cmd_risks, "who could sink the deal, why, and what to do")
    risks.add_argument("file", type=Path, metavar="FILE.dealmap")
    risks.add_argument("--json", action="store_true", help="print one JSON object")
    risks.add_argument(
        "--engage",
        nargs="+",
        default=[],
        metavar="ID",
        help="what-if: treat these people as engaged (the file is not changed)",
    )

    plan = command("plan", _cmd_plan, "whom to meet first, and through whom")
    plan.add_argument("file", type=Path, metavar="FILE.dealmap")
    plan.add_argument("--meetings", type=_meetings, required=True, metavar="K")
    plan.add_argument("--json", action="store_true", help="print one JSON object")

    export = command("export", _cmd_export, "write the deal as PDF, SVG, PNG, JSON or CSV")
    export.add_argument("file", type=Path, metavar="FILE.dealmap")
    export.add_argument("out", type=Path, metavar="OUT", help="OUT.pdf, .svg, .png, .json or .csv")
    export.add_argument(
        "--paper", choices=("a4", "letter"), help="PDF paper (default: from the locale)"
    )
    export.add_argument(
        "--scale", type=float, metavar="S", help="PNG pixels per map unit (default 2: sharp)"
    )
    export.add_argument(
        "--meetings", type=_meetings, default=3, metavar="K", help="the PDF's plan (default 3)"
    )

    check = command("check", _cmd_check, "integrity, version and counts of a deal file")
    check.add_argument("file", type=Path, metavar="FILE.dealmap")
    return parser


COMMANDS = frozenset({"new", "import", "risks", "plan", "export", "check"})


def _opens_app(args: Sequence[str]) -> bool:
    """No argument, or one that names a deal file rather than a command or an option."""
    if not args:
        return True
    if len(args) != 1 or args[0].startswith("-") or args[0] in COMMANDS:
        return False
    # A typo of a command ("chek") should be a usage error, not an app window.
    return args[0].lower().endswith(".dealmap") or os.path.isfile(args[0])


def _run_app(args: Sequence[str]) -> int:
    # The headless layers first: PySide6's import hook reads the source of every module
    # imported after it (to look for `from __feature__ import`), which these never use.
    import consensus_map.domain
    import consensus_map.layout.routing
    import consensus_map.store  # noqa: F401
    from consensus_map.app.main import run_app

    return run_app(Path(args[0]) if args else None)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if _opens_app(args):
        return _run_app(args)
    from consensus_map.gc_pause import no_gc_pauses

    # One short burst of small objects freed at exit: the collector would only slow it.
    with no_gc_pauses():
        parser = build_parser()
        namespace = parser.parse_args(args)  # exits 2 on wrong usage
        status = _run_command(namespace)
        if argv is None:  # run as the program, not called by a test or a script
            # Still paused: turned back on, the collector would sweep every module's objects
            # once more on the way out (about 1% of risks --json on a big map).
            _end_process(status)
    return status


def _end_process(status: int) -> NoReturn:
    """Flush the output and end the process without tearing the interpreter down.

    Everything a headless command does is written and closed by now: the OS takes the memory
    back at once, where freeing a 5,000-person analysis object by object and unloading every
    module took about 1% of `risks --json`. (No atexit work of ours is skipped.)
    """
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader left before the last of the output: not our fault
        _silence_stdout()
        status = status or 1
    except (OSError, ValueError):  # stdout closed or gone: nothing more can be said on it
        status = status or 1
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    os._exit(status)


def _input_problems() -> tuple[type[Exception], ...]:
    """The errors that are a problem with the user's input, once a command has run.

    InterchangeError only if the command loaded the interchange package (only those that
    read or write JSON or CSV can raise it): `risks` and `plan` need not import it and the
    layouts behind it.
    """
    from consensus_map.domain import DealError
    from consensus_map.store import DealFileError

    problems: tuple[type[Exception], ...] = (InputProblem, DealFileError, DealError)
    module = sys.modules.get("consensus_map.interchange.json_format")
    return problems if module is None else (*problems, module.InterchangeError)


def _run_command(namespace: argparse.Namespace) -> int:
    import sqlite3

    handler: Callable[[argparse.Namespace], int] = namespace.handler
    try:
        return handler(namespace)
    except _input_problems() as error:
        message = _one_line(error)
    except BrokenPipeError:  # `consensus-map risks x | head`: the reader left; not our fault
        _silence_stdout()
        return 1
    except OSError as error:
        message = _one_line(_os_problem(error))
    except sqlite3.DatabaseError as error:
        # The store should have turned this into a DealFileError; never show a traceback.
        message = f"{namespace.file}: is damaged ({_one_line(error)})"
    print(f"{PROG}: {message}", file=sys.stderr)
    return 1
