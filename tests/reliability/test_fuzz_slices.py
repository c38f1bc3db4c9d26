"""Slices of the file and JSON fuzzers: the same cases fuzz/run_fuzz.py runs by the thousand."""

from __future__ import annotations

from pathlib import Path

from csv_fuzz import csv_files
from csv_fuzz import outcome as csv_outcome
from file_fuzz import fuzz_files
from hypothesis import Phase, given, settings
from json_fuzz import documents, outcome

# The seed the script starts from, so these are the first cases of its run.
SEED = 12


def test_flipped_and_truncated_files_are_refused_clearly_or_load(tmp_path: Path) -> None:
    result = fuzz_files(tmp_path, seed=SEED, count=200, only=("committee", "sample"))
    assert result.crashes == []
    assert result.cases == 200
    readers = {key.split(": ")[0] for key in result.counts}
    assert readers == {"read", "open", "check"}
    # The cases must exercise both outcomes, or the fuzzer has stopped reaching the files.
    assert any("refused" in key for key in result.counts)
    assert any("loaded" in key for key in result.counts)


@settings(max_examples=50, phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(documents())
def test_generated_json_imports_cleanly_or_names_the_place(text: str) -> None:
    assert outcome(text) in {
        "imported",
        "refused, naming a person",
        "refused, naming a relationship",
        "refused, naming the deal",
        "refused, naming the JSON syntax",
        "refused, naming the format header",
        "refused, naming the top level",
    }


CSV_OUTCOMES = {
    "imported",
    "merged",
    "refused, naming a line",
    "refused, naming a person",
    "refused, naming a relationship",
    "refused, naming the whole file",
}


@settings(max_examples=20, phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(csv_files())
def test_generated_crm_exports_import_and_merge_cleanly_or_name_the_place(raw: bytes) -> None:
    imported, merged = csv_outcome(raw)
    assert {imported, merged} <= CSV_OUTCOMES


def test_a_name_with_a_line_break_is_refused_on_one_line() -> None:
    # Found by fuzzing: the refusal quoted the name, line break and all.
    raw = b'Id,FirstName,LastName,ReportsToId\r\n001,"Dana\nRuiz",X,001\r\n'
    imported, merged = csv_outcome(raw)
    assert imported == merged == "refused, naming a line"
