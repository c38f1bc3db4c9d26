"""`consensus-map export FILE OUT.pdf|svg|png`: by extension, headless, refusals, atomic."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from consensus_map.cli import main

TODAY = {"CONSENSUS_MAP_TODAY": "2026-12-01"}


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def sample_file(tmp_path: Path, sample_json_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "northwind.dealmap"
    assert run(capsys, "import", sample_json_path, path)[0] == 0
    return path


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONSENSUS_MAP_TODAY", "2026-12-01")


@pytest.mark.qt
@pytest.mark.parametrize("suffix", [".pdf", ".svg", ".png", ".PDF"])
def test_export_chooses_the_format_by_extension(
    sample_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    out = tmp_path / f"northwind{suffix}"
    code, stdout, err = run(capsys, "export", sample_file, out)
    assert (code, err) == (0, "")
    assert stdout.startswith(f"Exported {sample_file} to {out} (")
    head = out.read_bytes()[:64]
    magic = {".pdf": b"%PDF", ".svg": b"<?xml", ".png": b"\x89PNG"}[suffix.lower()]
    assert head.startswith(magic)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([sample_file.name, out.name])


@pytest.mark.qt
def test_paper_and_scale_options(
    sample_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    letter = tmp_path / "letter.pdf"
    assert run(capsys, "export", sample_file, letter, "--paper", "letter")[0] == 0
    box = PdfReader(letter).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (792, 612)
    code, stdout, _ = run(capsys, "export", sample_file, tmp_path / "one.png", "--scale", "1")
    assert code == 0 and "at 1×" in stdout


@pytest.mark.parametrize("name", ["map.txt", "map", "map.pdf.bak"])
def test_an_unknown_extension_exits_1_with_one_line(
    sample_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    code, _, err = run(capsys, "export", sample_file, tmp_path / name)
    assert code == 1
    assert err.count("\n") == 1 and "Traceback" not in err
    assert ".pdf, .svg, .png, .json or .csv" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == [sample_file.name]


@pytest.mark.parametrize("suffix", [".pdf", ".png", ".svg", ".json"])
def test_a_folder_that_cannot_be_written_exits_1_with_one_line(
    sample_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("a file, not a folder", encoding="utf-8")
    out = not_a_folder / f"map{suffix}"
    code, _, err = run(capsys, "export", sample_file, out)
    assert code == 1
    assert err.count("\n") == 1 and "Traceback" not in err
    assert str(out) in err and ".tmp" not in err


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_folder_exits_1_and_stays_empty(
    sample_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        code, _, err = run(capsys, "export", sample_file, locked / "map.pdf")
    finally:
        locked.chmod(0o755)
    assert code == 1 and "cannot be written" in err
    assert list(locked.iterdir()) == []


def test_pdf_svg_and_png_export_with_no_screen_at_all(sample_file: Path, tmp_path: Path) -> None:
    """As from cron or CI: no DISPLAY, no WAYLAND_DISPLAY and no QT_QPA_PLATFORM."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env.update(TODAY)
    for suffix in (".pdf", ".svg", ".png"):
        out = tmp_path / f"headless{suffix}"
        result = subprocess.run(
            [sys.executable, "-m", "consensus_map", "export", str(sample_file), str(out)],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""
        assert out.stat().st_size > 1000


JSON_ONLY = """
import sys
from consensus_map.cli import main
code = main(["export", {deal!r}, {out!r}])
print("RESULT", code, sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6"))))
"""


def test_json_export_never_loads_qt(sample_file: Path, tmp_path: Path) -> None:
    out = str(tmp_path / "deal.json")
    result = subprocess.run(
        [sys.executable, "-c", JSON_ONLY.format(deal=str(sample_file), out=out)],
        capture_output=True,
        text=True,
        env={**os.environ, **TODAY},
        timeout=120,
    )
    assert result.stdout.splitlines()[-1] == "RESULT 0 []"
