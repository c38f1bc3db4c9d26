"""A slice of the state machines over `Document` (fuzz/run_fuzz.py runs many more examples)."""

from __future__ import annotations

from typing import Any

import pytest
from document_machine import DocumentMachine, TwoWindowsMachine
from hypothesis import Phase, settings
from hypothesis.stateful import run_state_machine_as_test

pytestmark = pytest.mark.qt

# No shrinking here: a failure is reported as found (fuzz/run_fuzz.py shrinks it), so that
# a failing suite fails in seconds, not minutes.
SLICE = settings(
    max_examples=4, stateful_step_count=12, phases=[Phase.explicit, Phase.reuse, Phase.generate]
)


def test_any_sequence_of_edits_keeps_the_file_equal_to_the_model(qapp: Any) -> None:
    run_state_machine_as_test(DocumentMachine, settings=SLICE)


def test_two_windows_never_write_over_each_other(qapp: Any) -> None:
    run_state_machine_as_test(TwoWindowsMachine, settings=SLICE)
