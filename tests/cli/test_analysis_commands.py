"""`risks` and `plan`: the analysis as scripts see it (SPEC "Command line" JSON contract)."""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

import pytest

from consensus_map.cli import main


def _engine_exists() -> bool:
    try:
        module = importlib.import_module("consensus_map.analysis")
    except ImportError:
        return False
    return hasattr(module, "analyze")


pytestmark = pytest.mark.skipif(
    not _engine_exists(), reason="the analysis engine is not written yet"
)

PERSON_KEYS = {
    "id", "name", "role", "readiness", "stance", "inferred_stance", "lean", "attends",
    "engaged", "gap", "power", "veto_risk", "sinker", "reasons", "action", "introducer",
    "mode", "in_decision",
}  # fmt: skip
BANDS = {"very_low", "low", "fair", "good", "strong"}


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONSENSUS_MAP_TODAY", "2026-12-01")


@pytest.fixture
def sample_file(tmp_path: Path, sample_json_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "northwind.dealmap"
    assert main(["import", str(sample_json_path), str(path)]) == 0
    capsys.readouterr()
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def risks(capsys: pytest.CaptureFixture[str], path: Path, *extra: str) -> dict[str, Any]:
    code, out, err = run(capsys, "risks", path, "--json", *extra)
    assert (code, err) == (0, "")
    result: dict[str, Any] = json.loads(out)
    return result


def test_risks_json_follows_the_contract(
    sample_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = risks(capsys, sample_file)
    assert 0 <= result["consensus_probability"] <= 1
    ids = {p["id"] for p in result["stakeholders"]}
    assert ids == {
        "morgan",
        "taylor",
        "dana",
        "chris",
        "priya",
        "lee",
        "riley",
        "jordan",
        "sam",
        "alex",
        "robin",
    }
    for person in result["stakeholders"]:
        assert set(person) >= PERSON_KEYS
    assert set(result["sinkers"]) <= ids
    assert "chris" in result["sinkers"]  # the CFO signs, has never met us, and attends
    assert result["consensus_band"] in BANDS
    low, high = result["consensus_range"]
    assert low <= result["consensus_probability"] <= high
    risks_of = {p["id"]: p["veto_risk"] for p in result["stakeholders"]}
    assert [risks_of[i] for i in result["sinkers"]] == sorted(
        (risks_of[i] for i in result["sinkers"]), reverse=True
    )
    robin = next(p for p in result["stakeholders"] if p["id"] == "robin")
    assert robin["in_decision"] is False and robin["veto_risk"] == 0
    assert all({"code", "message"} <= set(w) for w in result["warnings"])


def test_risks_output_is_byte_identical_run_to_run(
    sample_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = run(capsys, "risks", sample_file, "--json")
    assert run(capsys, "risks", sample_file, "--json") == first
    text = run(capsys, "risks", sample_file)
    assert text[0] == 0
    assert run(capsys, "risks", sample_file) == text


def test_risks_report_names_the_deal_sinkers(
    sample_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "risks", sample_file)
    assert (code, err) == (0, "")
    assert "Chris Park" in out


def test_engage_is_a_what_if_that_leaves_the_file_alone(
    sample_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before_bytes = sample_file.read_bytes()
    before = risks(capsys, sample_file)
    after = risks(capsys, sample_file, "--engage", "chris", "riley")
    chris = next(p for p in after["stakeholders"] if p["id"] == "chris")
    assert chris["engaged"] is True
    assert after["consensus_probability"] >= before["consensus_probability"]
    assert sample_file.read_bytes() == before_bytes


def test_engage_unknown_id_is_an_input_problem(
    sample_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "risks", sample_file, "--engage", "chris", "zed")
    assert code == 1
    assert out == ""
    assert err.strip() == f"consensus-map: no person with id 'zed' in {sample_file}"


def test_today_comes_from_the_environment(
    sample_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def warning_codes(today: str) -> set[str]:
        monkeypatch.setenv("CONSENSUS_MAP_TODAY", today)
        return {w["code"] for w in risks(capsys, sample_file)["warnings"]}

    # The sample's latest contacts are 14 Oct to 20 Nov 2026.
    assert "stale_contact" not in warning_codes("2026-10-15")
    assert "stale_contact" in warning_codes("2027-06-01")


def test_bad_today_is_an_input_problem(
    sample_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONSENSUS_MAP_TODAY", "1 Dec 2026")
    code, _, err = run(capsys, "risks", sample_file)
    assert code == 1
    assert "CONSENSUS_MAP_TODAY" in err
    assert len(err.splitlines()) == 1


def test_plan_json_steps_never_lower_the_probability(
    sample_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "plan", sample_file, "--meetings", "3", "--json")
    assert (code, err) == (0, "")
    steps = json.loads(out)["steps"]
    assert 1 <= len(steps) <= 3
    for step in steps:
        assert {"id", "name", "introducer", "consensus_probability", "readiness_after"} <= set(step)
    chances = [s["consensus_probability"] for s in steps]
    assert chances == sorted(chances)
    start = risks(capsys, sample_file)["consensus_probability"]
    assert chances[0] >= start


def test_plan_report_lists_whom_to_meet(
    sample_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "plan", sample_file, "--meetings", "2")
    assert code == 0
    _, out_json, _ = run(capsys, "plan", sample_file, "--meetings", "2", "--json")
    first = json.loads(out_json)["steps"][0]["name"]
    assert first in out


def test_risks_on_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "risks", tmp_path / "gone.dealmap")
    assert code == 1
    assert "gone.dealmap" in err
