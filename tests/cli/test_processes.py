"""The real program as scripts run it: exit codes, stderr, and no Qt for headless commands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import consensus_map


def program(
    *argv: object, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "consensus_map", *map(str, argv)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_import_check_export_as_processes(tmp_path: Path, sample_json_path: Path) -> None:
    imported = program("import", sample_json_path, "deal.dealmap", cwd=tmp_path)
    assert (imported.returncode, imported.stderr) == (0, "")
    checked = program("check", "deal.dealmap", cwd=tmp_path)
    assert checked.returncode == 0
    assert "integrity: ok" in checked.stdout
    exported = program("export", "deal.dealmap", "deal.json", cwd=tmp_path)
    assert exported.returncode == 0
    assert json.loads((tmp_path / "deal.json").read_text(encoding="utf-8"))["deal"]["name"] == (
        "Northwind fleet analytics"
    )


def test_bad_json_exits_1_with_one_line_and_no_traceback(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text('{"deal": ', encoding="utf-8")
    result = program("import", "bad.json", "deal.dealmap", cwd=tmp_path)
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json"]


def test_wrong_usage_exits_2(tmp_path: Path) -> None:
    result = program("plan", "deal.dealmap", cwd=tmp_path)
    assert result.returncode == 2
    assert "--meetings" in result.stderr


def test_version_as_a_process(tmp_path: Path) -> None:
    result = program("--version", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == f"consensus-map {consensus_map.__version__}"


HEADLESS_RUN = """
import sys
from consensus_map.cli import main
codes = [main(argv) for argv in {commands!r}]
qt = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6", "consensus_map.app")))
print("RESULT", codes, qt)
"""


def test_headless_commands_never_load_qt(tmp_path: Path, sample_json_path: Path) -> None:
    deal = str(tmp_path / "deal.dealmap")
    commands = [
        ["import", str(sample_json_path), deal],
        ["new", str(tmp_path / "new.dealmap"), "--name", "Acme"],
        ["check", deal],
        ["export", deal, str(tmp_path / "deal.json")],
    ]
    try:
        from consensus_map.analysis import analyze  # noqa: F401
    except ImportError:
        pass
    else:
        commands += [["risks", deal, "--json"], ["plan", deal, "--meetings", "2"]]
    code = HEADLESS_RUN.format(commands=commands)
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "CONSENSUS_MAP_TODAY": "2026-12-01"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    last = result.stdout.splitlines()[-1]
    assert last == f"RESULT {[0] * len(commands)} []"


@pytest.mark.parametrize(
    "argv", [["check", "missing.dealmap"], ["export", "missing.dealmap", "x.json"]]
)
def test_missing_file_exits_1(tmp_path: Path, argv: list[str]) -> None:
    result = program(*argv, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "missing.dealmap" in result.stderr


@pytest.mark.parametrize(("size", "argv"), [(12, []), (300, ["--json"])])
def test_risks_as_a_process_prints_the_whole_analysis(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    size: int,
    argv: list[str],
) -> None:
    """A headless command ends without tearing the interpreter down (cli._end_process): its
    output still arrives whole, both a short report that sits in stdout's buffer to the end
    and a 300-person map's JSON, far more than a pipe holds, and it is what the same command
    prints when called in process."""
    from big_maps import account

    from consensus_map.cli import main
    from consensus_map.store import create_deal_file

    path = tmp_path / "account.dealmap"
    create_deal_file(path, account(size))
    monkeypatch.setenv("CONSENSUS_MAP_TODAY", "2026-12-01")
    monkeypatch.delenv("PYTHONUNBUFFERED", raising=False)  # buffered, as a user's shell has it
    result = program("risks", path, *argv, cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert main(["risks", str(path), *argv]) == 0
    printed = capsys.readouterr().out
    assert "\nConsensus: " in printed or len(json.loads(printed)["stakeholders"]) == size
    assert result.stdout == printed
