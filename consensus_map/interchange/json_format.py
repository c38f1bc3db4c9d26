"""The JSON interchange format of SPEC "Files": `consensus-map/deal`, version 1.

Reading validates every value (JSON types included) and reports the first problem as one
line naming the person or relationship at fault; writing is deterministic so the same deal
always gives byte-identical text. People the file gives no position are laid out as they are
read (layout.newcomers: an org chart, or near their manager). Files come from colleagues
and CRMs: they are untrusted and bounded in size.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from datetime import date
from enum import StrEnum
from functools import partial
from os import PathLike
from pathlib import Path
from typing import Any, TypeVar

from consensus_map.domain import (
    BuyerMode,
    Deal,
    DealError,
    DealInfo,
    DealStage,
    Influence,
    Readiness,
    Role,
    Stakeholder,
    Stance,
    Tie,
    TieKind,
)
from consensus_map.layout.newcomers import place_newcomers

FORMAT = "consensus-map/deal"
VERSION = 1
MAX_JSON_BYTES = 50 * 1024 * 1024

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")

# Strict ISO calendar date: `date.fromisoformat` alone also accepts "20261210" and weeks.
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class InterchangeError(ValueError):
    """A JSON deal that cannot be read; the message is one line naming the culprit."""


# ------------------------------------------------------------------------ reading values
def _text(where: str, field: str, obj: Mapping[str, Any], default: str | None = None) -> str:
    if field not in obj:
        if default is None:
            raise InterchangeError(f"{where}: {field} is required")
        return default
    value = obj[field]
    if not isinstance(value, str):
        raise InterchangeError(f"{where}: {field} must be a string, not {_json_type(value)}")
    return value


def _choice(where: str, field: str, obj: Mapping[str, Any], enum: type[E], default: E) -> E:
    if field not in obj:
        return default
    value = obj[field]
    allowed = ", ".join(str(member) for member in enum)
    if not isinstance(value, str):
        raise InterchangeError(f"{where}: {field} must be one of: {allowed}")
    try:
        return enum(value)
    except ValueError:
        raise InterchangeError(f"{where}: {field} {value!r} is not one of: {allowed}") from None


def _bool(where: str, field: str, obj: Mapping[str, Any]) -> bool:
    value = obj.get(field, False)
    if not isinstance(value, bool):
        raise InterchangeError(f"{where}: {field} must be true or false, not {_json_type(value)}")
    return value


def _date(where: str, field: str, obj: Mapping[str, Any]) -> date | None:
    value = obj.get(field)
    if value is None:
        return None
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise InterchangeError(f"{where}: {field} must be a date YYYY-MM-DD or null, not {value!r}")


def _number(where: str, field: str, obj: Mapping[str, Any], default: float) -> float:
    value = obj.get(field, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InterchangeError(f"{where}: {field} must be a number, not {_json_type(value)}")
    try:
        number = float(value)
    except OverflowError:  # a 400-digit integer
        number = math.inf
    if not math.isfinite(number):
        raise InterchangeError(f"{where}: {field} is out of range")
    return number


def _object(where: str, value: object) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise InterchangeError(f"{where} must be an object, not {_json_type(value)}")
    return value


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _domain(where: str, build: Callable[[], T], *, strip: str = "") -> T:
    """Run a domain constructor, turning its DealError into a line that names `where`."""
    try:
        return build()
    except DealError as error:
        # Domain messages may already name the culprit ("person 'dana': …"): keep one name.
        message = str(error).removeprefix(f"{where}: ")
        if strip:
            message = message.removeprefix(strip)
        raise InterchangeError(f"{where}: {message}") from None


# -------------------------------------------------------------------------- reading
def _check_header(data: Mapping[str, Any]) -> None:
    if "format" in data and data["format"] != FORMAT:
        raise InterchangeError(f"not a Consensus Map deal: format is {data['format']!r}")
    version = data.get("version", VERSION)
    if isinstance(version, bool) or not isinstance(version, int):
        raise InterchangeError(f"version must be a whole number, not {version!r}")
    if version > VERSION:
        raise InterchangeError(
            f"this deal was written by a newer Consensus Map (format version {version}); "
            f"this version reads format version {VERSION}: please update the app"
        )
    if version < 1:
        raise InterchangeError(f"unknown format version {version}")


def _read_info(value: object) -> DealInfo:
    deal = _object("deal", value)
    name = _text("deal", "name", deal)
    account = _text("deal", "account", deal, "")
    stage = _choice("deal", "stage", deal, DealStage, DealStage.PROSPECTING)
    presentation = _date("deal", "presentation_date", deal)
    target = _choice("deal", "target_readiness", deal, Readiness, Readiness.ALIGNED)
    notes = _text("deal", "notes", deal, "")
    build = partial(DealInfo, name, account, stage, presentation, target, notes)
    return _domain("deal", build, strip="deal ")


def _read_person(index: int, value: object) -> Stakeholder:
    where = f"person {index}"
    obj = _object(where, value)
    if "id" not in obj:
        raise InterchangeError(f"{where}: id is required")
    person_id = obj["id"]
    if not isinstance(person_id, str) or not person_id.strip():
        raise InterchangeError(f"{where}: id must be a non-empty string, not {person_id!r}")
    where = f"person {person_id!r}"
    build = partial(
        Stakeholder,
        id=person_id,
        name=_text(where, "name", obj),
        title=_text(where, "title", obj, ""),
        role=_choice(where, "role", obj, Role, Role.OTHER),
        readiness=_choice(where, "readiness", obj, Readiness, Readiness.UNENGAGED),
        stance=_choice(where, "stance", obj, Stance, Stance.UNKNOWN),
        influence=_choice(where, "influence", obj, Influence, Influence.MEDIUM),
        attends=_bool(where, "attends", obj),
        last_contact=_date(where, "last_contact", obj),
        email=_text(where, "email", obj, ""),
        notes=_text(where, "notes", obj, ""),
        x=_number(where, "x", obj, 0.0),
        y=_number(where, "y", obj, 0.0),
        # Analysis v2's fields: optional, so a file from an older version reads as before.
        mode=_choice(where, "mode", obj, BuyerMode, BuyerMode.UNKNOWN),
        concern=_text(where, "concern", obj, ""),
        crm_id=_text(where, "crm_id", obj, ""),
    )
    return _domain(where, build)


def _tie_where(index: int, obj: Mapping[str, Any]) -> str:
    source, target = obj.get("source"), obj.get("target")
    if isinstance(source, str) and isinstance(target, str):
        return f"relationship {index} ({source} → {target})"
    return f"relationship {index}"


def _read_tie(index: int, value: object) -> Tie:
    obj = _object(f"relationship {index}", value)
    where = _tie_where(index, obj)
    source = _text(where, "source", obj)
    target = _text(where, "target", obj)
    if "kind" not in obj:
        raise InterchangeError(f"{where}: kind is required")
    kind = _choice(where, "kind", obj, TieKind, TieKind.INFLUENCES)
    strength = _number(where, "strength", obj, 1.0)
    described = f"tie {source} {kind} {target}: "
    return _domain(where, partial(Tie, source, target, kind, strength), strip=described)


def _list(data: Mapping[str, Any], field: str) -> list[Any]:
    value = data.get(field, [])
    if not isinstance(value, list):
        raise InterchangeError(f"{field} must be a list, not {_json_type(value)}")
    return value


def deal_from_json(data: object) -> Deal:
    """Build a deal from parsed JSON, filling defaults; raises InterchangeError."""
    root = _object("the deal file", data)
    _check_header(root)
    if "deal" not in root:
        raise InterchangeError('"deal" is required (an object with at least a name)')
    info = _read_info(root["deal"])
    raw_people = _list(root, "stakeholders")
    people = [_read_person(i, v) for i, v in enumerate(raw_people, start=1)]
    ties = [_read_tie(i, v) for i, v in enumerate(_list(root, "relationships"), start=1)]
    try:
        deal = Deal(info, people, ties)
    except DealError:
        deal = _culprit(info, people, ties)
    unplaced = _unplaced(raw_people, people)
    if unplaced:
        deal.move_stakeholders(place_newcomers(deal, unplaced))
    return deal


def _unplaced(raw_people: list[Any], people: list[Stakeholder]) -> list[str]:
    """People the file gives no position (no `x` or no `y`): they are laid out, never piled
    on one spot. A position the file does give is kept, so export then import is identity."""
    return [
        person.id
        for obj, person in zip(raw_people, people, strict=True)
        if "x" not in obj or "y" not in obj
    ]


def _culprit(info: DealInfo, people: list[Stakeholder], ties: list[Tie]) -> Deal:
    """The deal as a whole breaks a rule: rebuild it one piece at a time to name the culprit."""
    seen: set[str] = set()
    for person in people:
        if person.id in seen:
            raise InterchangeError(f"person {person.id!r}: another person has the same id")
        seen.add(person.id)
    deal = _domain("deal", lambda: Deal(info, people))
    for index, tie in enumerate(ties, start=1):
        where = f"relationship {index} ({tie.source} → {tie.target})"
        try:
            deal.add_tie(tie)
        except DealError as error:
            message = str(error).removeprefix(f"{tie.describe()}: ")
            if "already exists" in message:
                message = f"the same {tie.kind} relationship appears twice"
            raise InterchangeError(f"{where}: {message}") from None
    # Only reachable if Deal() refused the whole but accepted every piece: the pieces win.
    return deal


# -------------------------------------------------------------------------- writing
def _plain_number(value: float) -> int | float:
    """Whole numbers as JSON integers (`"x": 120`, not `120.0`), the way people write them."""
    return int(value) if value.is_integer() else value


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def deal_to_json(deal: Deal) -> dict[str, Any]:
    """Every field of the deal as JSON-ready data; people in deal order, ties sorted."""
    info = deal.info
    people = [
        {
            "id": p.id,
            "name": p.name,
            "title": p.title,
            "role": str(p.role),
            "readiness": str(p.readiness),
            "stance": str(p.stance),
            "influence": str(p.influence),
            "attends": p.attends,
            "last_contact": _iso(p.last_contact),
            "email": p.email,
            "notes": p.notes,
            "x": _plain_number(p.x),
            "y": _plain_number(p.y),
            "mode": str(p.mode),
            "concern": p.concern,
            "crm_id": p.crm_id,
        }
        for p in deal.stakeholders
    ]
    # Sorted rather than insertion order, so a file and its export agree byte for byte
    # however the ties were added.
    ties = sorted(deal.ties, key=lambda t: (t.source, t.target, str(t.kind)))
    relationships = [
        {
            "source": t.source,
            "target": t.target,
            "kind": str(t.kind),
            "strength": _plain_number(t.strength),
        }
        for t in ties
    ]
    return {
        "format": FORMAT,
        "version": VERSION,
        "deal": {
            "name": info.name,
            "account": info.account,
            "stage": str(info.stage),
            "presentation_date": _iso(info.presentation_date),
            "target_readiness": str(info.target_readiness),
            "notes": info.notes,
        },
        "stakeholders": people,
        "relationships": relationships,
    }


def dumps(deal: Deal) -> str:
    """The deal as deterministic JSON text ending in a newline."""
    return json.dumps(deal_to_json(deal), indent=2, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------------------- files
def _reject_constant(name: str) -> Any:
    raise InterchangeError(f"not valid JSON: {name} is not allowed")


def loads(text: str) -> Deal:
    """Parse JSON text and build the deal; syntax errors give their line and column."""
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise InterchangeError(
            f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        ) from None
    except RecursionError:
        raise InterchangeError("not valid JSON: nested too deeply") from None
    return deal_from_json(data)


def load_json_file(path: str | PathLike[str]) -> Deal:
    """Read a JSON deal file (UTF-8, at most 50 MB); raises InterchangeError or OSError."""
    with Path(path).open("rb") as stream:
        # Read one byte past the limit rather than trusting stat(): the file may grow.
        raw = stream.read(MAX_JSON_BYTES + 1)
    if len(raw) > MAX_JSON_BYTES:
        raise InterchangeError(f"the file is larger than {MAX_JSON_BYTES // (1024 * 1024)} MB")
    try:
        text = raw.decode("utf-8-sig")  # tolerate the BOM some Windows editors add
    except UnicodeDecodeError as error:
        raise InterchangeError(f"not a JSON deal: not UTF-8 text (byte {error.start})") from None
    return loads(text)
