"""The headless commands of SPEC "Command line": results, exit codes and one-line errors."""

from __future__ import annotations

import json
import types
from pathlib import Path
from typing import Any

import pytest

import consensus_map
from consensus_map.cli import main
from consensus_map.interchange import deal_from_json, load_json_file
from consensus_map.store import read_deal


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(err: str) -> str:
    """stderr holds exactly one line, and no traceback."""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def semantic(data: dict[str, Any]) -> tuple[Any, ...]:
    """What a JSON deal means, whatever its key order, tie order or omitted defaults."""
    deal = deal_from_json(data)
    return (deal.info, deal.stakeholders, sorted(deal.ties, key=lambda t: t.key))


@pytest.fixture
def sample_file(tmp_path: Path, sample_json_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "northwind.dealmap"
    assert run(capsys, "import", sample_json_path, path)[0] == 0
    return path


# ------------------------------------------------------------------ new, check, export
def test_new_then_check_then_export_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deal_path = tmp_path / "acme.dealmap"
    code, out, err = run(capsys, "new", deal_path, "--name", "Acme renewal", "--account", "Acme")
    assert (code, err) == (0, "")
    assert "acme.dealmap" in out

    code, out, _ = run(capsys, "check", deal_path)
    assert code == 0
    assert "integrity: ok" in out
    assert "people: 0" in out
    assert "version:" in out

    out_path = tmp_path / "acme.json"
    assert run(capsys, "export", deal_path, out_path)[0] == 0
    exported = json.loads(out_path.read_text(encoding="utf-8"))
    assert exported["deal"]["name"] == "Acme renewal"
    assert exported["deal"]["account"] == "Acme"
    assert exported["stakeholders"] == []


def test_new_refuses_an_existing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deal_path = tmp_path / "acme.dealmap"
    run(capsys, "new", deal_path, "--name", "Acme renewal")
    before = deal_path.read_bytes()
    code, _, err = run(capsys, "new", deal_path, "--name", "Other")
    assert code == 1
    assert "already exists" in one_line_error(err)
    assert deal_path.read_bytes() == before


def test_new_with_an_empty_name_is_an_input_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "new", tmp_path / "x.dealmap", "--name", "  ")
    assert code == 1
    assert "name" in one_line_error(err)
    assert not (tmp_path / "x.dealmap").exists()


def test_check_counts_the_sample(sample_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", sample_file)
    assert code == 0
    assert "people: 11 (7 attend the presentation)" in out
    assert "relationships: 18 (reports_to 9, influences 6, ally 2, rival 1)" in out


def test_check_refuses_a_file_that_is_not_a_deal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "notes.dealmap"
    path.write_text("shopping list\n", encoding="utf-8")
    code, _, err = run(capsys, "check", path)
    assert code == 1
    assert "not a Consensus Map deal file" in one_line_error(err)
    assert path.read_text(encoding="utf-8") == "shopping list\n"


def test_check_reports_damage_with_exit_1(
    sample_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = bytearray(sample_file.read_bytes())
    page = 4096
    # Scribble over the second page (a table's b-tree), leaving the header intact.
    data[page + 8 : page + 400] = b"\xff" * 392
    sample_file.write_bytes(bytes(data))
    code, out, err = run(capsys, "check", sample_file)
    assert code == 1
    assert one_line_error(err)
    assert "integrity: ok" not in out


def test_missing_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", tmp_path / "nowhere.dealmap")
    assert code == 1
    assert "nowhere.dealmap" in one_line_error(err)


# ------------------------------------------------------------------------- import
def test_import_sample_then_export_gives_the_source_back(
    sample_file: Path, sample_json_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_path = tmp_path / "again.json"
    assert run(capsys, "export", sample_file, out_path)[0] == 0
    source = json.loads(sample_json_path.read_text(encoding="utf-8"))
    exported = json.loads(out_path.read_text(encoding="utf-8"))
    assert semantic(exported) == semantic(source)
    # People keep their order; the export spells out the v2 fields the sample may leave out.
    v2_defaults = {"mode": "unknown", "concern": "", "crm_id": ""}
    assert exported["stakeholders"] == [v2_defaults | p for p in source["stakeholders"]]


def test_export_is_deterministic_and_overwrites_an_old_export(
    sample_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_path = tmp_path / "export.json"
    out_path.write_text("old export", encoding="utf-8")
    assert run(capsys, "export", sample_file, out_path)[0] == 0
    first = out_path.read_bytes()
    assert run(capsys, "export", sample_file, out_path)[0] == 0
    assert out_path.read_bytes() == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.json", "northwind.dealmap"]


def test_import_refuses_to_overwrite(
    sample_file: Path, sample_json_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sample_file.read_bytes()
    code, _, err = run(capsys, "import", sample_json_path, sample_file)
    assert code == 1
    assert "already exists" in one_line_error(err)
    assert sample_file.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"deal": {"name": "Acme",}}', "line 1, column 26"),
        ('{"deal": {"name": "Acme"}, "stakeholders": [{"id": "dana"}]}', "person 'dana'"),
        ("[]", "must be an object"),
    ],
)
def test_bad_json_gives_one_line_and_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, expected: str
) -> None:
    source = tmp_path / "bad.json"
    source.write_text(content, encoding="utf-8")
    target = tmp_path / "out.dealmap"
    code, out, err = run(capsys, "import", source, target)
    assert code == 1
    line = one_line_error(err)
    assert expected in line
    assert "bad.json" in line
    assert out == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json"]  # nothing, not even a temp


def test_import_of_a_missing_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "import", tmp_path / "gone.json", tmp_path / "x.dealmap")
    assert code == 1
    assert "gone.json" in one_line_error(err)


# ----------------------------------------------------------------------- usage
@pytest.mark.parametrize(
    "argv",
    [
        ["chek", "x.dealmap"],
        ["new", "x.dealmap"],  # --name is required
        ["plan", "x.dealmap"],  # --meetings is required
        ["plan", "x.dealmap", "--meetings", "-1"],
        ["plan", "x.dealmap", "--meetings", "two"],
        ["export", "x.dealmap", "x.png", "--paper", "a4"],  # paper is for a PDF
        ["export", "x.dealmap", "x.pdf", "--scale", "2"],  # scale is for a PNG
        ["export", "x.dealmap", "x.pdf", "--paper", "a3"],
        ["check"],
        ["--no-such-option"],
        ["frobnicate"],
    ],
)
def test_wrong_usage_exits_2(
    argv: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    assert "usage:" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"consensus-map {consensus_map.__version__}"


# --------------------------------------------------------------------- the app
@pytest.fixture
def fake_app(monkeypatch: pytest.MonkeyPatch) -> list[Path | None]:
    """Stand in for the Qt app so these tests need no window."""
    opened: list[Path | None] = []
    module = types.ModuleType("consensus_map.app.main")

    def run_app(path: Path | None) -> int:
        opened.append(path)
        return 0

    module.run_app = run_app  # type: ignore[attr-defined]
    monkeypatch.setitem(__import__("sys").modules, "consensus_map.app.main", module)
    return opened


def test_no_argument_opens_the_app(fake_app: list[Path | None]) -> None:
    assert main([]) == 0
    assert fake_app == [None]


def test_a_deal_file_argument_opens_it_in_the_app(fake_app: list[Path | None]) -> None:
    assert main(["Acme renewal.dealmap"]) == 0
    assert fake_app == [Path("Acme renewal.dealmap")]


def test_a_command_name_alone_is_not_a_file_to_open(
    fake_app: list[Path | None], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["check"])
    assert exit_.value.code == 2
    assert fake_app == []


# ---------------------------------------------------------------- read-only use
def test_headless_reads_never_change_the_file(
    sample_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sample_file.read_bytes()
    run(capsys, "check", sample_file)
    run(capsys, "export", sample_file, tmp_path / "x.json")
    assert sample_file.read_bytes() == before
    assert read_deal(sample_file).info.name == load_json_file(tmp_path / "x.json").info.name


def test_export_into_a_missing_folder_names_the_output(
    sample_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_path = tmp_path / "no such folder" / "deal.json"
    code, _, err = run(capsys, "export", sample_file, out_path)
    assert code == 1
    line = one_line_error(err)
    assert str(out_path) in line
    assert ".tmp" not in line
