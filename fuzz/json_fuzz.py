"""The JSON importer fuzzed with hypothesis-generated documents.

Documents start from a valid deal and have values replaced by any JSON value (wrong types,
huge numbers, lone surrogates, control characters, deep nesting), keys dropped or added,
people and ties duplicated; some are not deal-shaped at all. Every one must end in a clean
import (the deal also goes into a `.dealmap` and loads back the same) or an `InterchangeError`
of one line that names the place: the person, the relationship, the deal, the JSON syntax or
the format header.
"""

from __future__ import annotations

import copy
import json
import re
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from consensus_map.interchange import InterchangeError, loads
from consensus_map.store import create_deal_file, read_deal

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = json.loads((ROOT / "resources" / "sample-deal.json").read_text(encoding="utf-8"))

# Where a refusal may say the problem is: the message starts with one of these.
PLACES = {
    "a person": re.compile(r"person (\d+|'.*?')(: | must)"),
    "a relationship": re.compile(r"relationship \d+( \(.*?\))?(: | must)"),
    "the deal": re.compile(r"deal(: | must)|\"deal\" is required"),
    "the JSON syntax": re.compile(r"not valid JSON: "),
    "the format header": re.compile(
        r"not a Consensus Map deal: |version must be|unknown format version|this deal was written"
    ),
    "the top level": re.compile(r"(the deal file|stakeholders|relationships) must be"),
}

strings = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", " ", "dana", "x" * 600, "\ud800", "a\x00b", "2026-02-30", "aligned"]),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    strings,
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(strings, inner, max_size=3),
    max_leaves=6,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


def _parent(document: Any, path: tuple[Any, ...]) -> Any:
    node = document
    for step in path[:-1]:
        node = node[step]
    return node


@st.composite
def documents(draw: st.DrawFn) -> str:
    """JSON text: a valid deal with a few mutations, or (sometimes) anything at all."""
    if draw(st.integers(0, 9)) == 0:
        return draw(
            st.sampled_from([json.dumps(draw(json_values)), "[" * 100_000, "{" * 5000 + "}"])
        )
    document = copy.deepcopy(SAMPLE)
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _paths(document) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = _parent(document, path)
        how = draw(st.sampled_from(["replace", "replace", "drop", "add", "duplicate"]))
        if how == "replace":
            parent[path[-1]] = draw(json_values)
        elif how == "drop":
            del parent[path[-1]]
        elif how == "add" and isinstance(parent, dict):
            parent[draw(strings)] = draw(json_values)
        elif how == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[path[-1]]))
    text = json.dumps(document, ensure_ascii=draw(st.booleans()))
    if draw(st.integers(0, 14)) == 0:
        cut = draw(st.integers(0, len(text)))
        text = text[:cut]  # a file cut short in transit
    return text


def outcome(text: str, folder: Path | None = None) -> str:
    """What importing `text` gives: "imported" or "refused: <place>"; anything else raises."""
    try:
        deal = loads(text)
    except InterchangeError as error:
        message = str(error)
        assert message and "\n" not in message, f"not one line: {message!r}"
        for place, pattern in PLACES.items():
            if pattern.match(message):
                return f"refused, naming {place}"
        raise AssertionError(f"a refusal that names no place: {message!r}") from None
    # Imported: it must also make a deal file that loads back as the same deal.
    with tempfile.TemporaryDirectory(dir=folder) as work:
        path = Path(work) / "imported.dealmap"
        create_deal_file(path, deal)
        again = read_deal(path)
        assert (again.info, again.stakeholders, set(again.ties)) == (
            deal.info,
            deal.stakeholders,
            set(deal.ties),
        )
    return "imported"


def tally(texts: list[str]) -> Counter[str]:
    return Counter(outcome(text) for text in texts)
