"""Immutable records: a stakeholder, a tie between two of them, and the deal's own details.

Records are frozen so that an edit is always "replace the old record with a new one": the
old one is what undo puts back, and change events can carry both.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from operator import attrgetter
from typing import Any, ClassVar, Self, TypeVar

from consensus_map.domain.enums import (
    BuyerMode,
    DealStage,
    Influence,
    Readiness,
    Role,
    Stance,
    TieKind,
)
from consensus_map.domain.errors import DealError

E = TypeVar("E", bound=StrEnum)

# Bounds keep a hostile or corrupt file from making the app allocate without limit.
MAX_ID = 200
MAX_SHORT_TEXT = 500
MAX_NOTES = 100_000
MAX_STRENGTH = 100.0
MAX_COORDINATE = 1e7


# Half of a UTF-16 pair on its own: Python allows it in a str (JSON's "\ud800" makes one) but
# it is not text, and SQLite cannot store it (found by fuzzing the JSON import).
_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_text(what: str, value: object, limit: int, *, required: bool = False) -> str:
    if not isinstance(value, str):
        raise DealError(f"{what} must be text")
    if _SURROGATE.search(value):
        raise DealError(f"{what} holds a character that is not text (a lone surrogate)")
    if required and not value.strip():
        raise DealError(f"{what} must not be empty")
    if len(value) > limit:
        raise DealError(f"{what} is longer than {limit} characters")
    return value


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


# Ids already found valid. A file of 5,000 people names each id in about six ties, and every
# tie checks both ends: remembering the good ones halves the cost of reading a big map. The
# set is bounded so that a stream of fresh ids cannot grow it without limit.
_VALID_IDS: set[str] = set()
_VALID_IDS_KEPT = 100_000


def _id_ok(value: object) -> bool:
    """True when `value` passes `_check_id`, building no message; remembers it."""
    if value.__class__ is not str:
        return False
    if value in _VALID_IDS:
        return True
    text: str = value
    if not (0 < len(text) <= MAX_ID and text == text.strip() and not _CONTROL.search(text)):
        return False
    if not text.isascii() and _SURROGATE.search(text):
        return False
    if len(_VALID_IDS) < _VALID_IDS_KEPT:
        _VALID_IDS.add(text)
    return True


def _check_id(what: str, value: object) -> str:
    if value.__class__ is str and value in _VALID_IDS:
        return value
    text = _check_text(what, value, MAX_ID, required=True)
    if text != text.strip() or _CONTROL.search(text):
        raise DealError(f"{what} {text!r} has spaces at the ends or control characters")
    if len(_VALID_IDS) < _VALID_IDS_KEPT:
        _VALID_IDS.add(text)
    return text


# Loading a large file validates tens of thousands of enum values: a dict beats Enum(value).
_MEMBERS: dict[type[StrEnum], dict[object, StrEnum]] = {}


def _members(enum: type[E]) -> dict[object, StrEnum]:
    members = _MEMBERS.get(enum)
    if members is None:
        members = _MEMBERS[enum] = {m.value: m for m in enum}
    return members


def _check_enum(what: str, enum: type[E], value: object) -> E:
    if isinstance(value, enum):
        return value
    members = _members(enum)
    try:
        member = members.get(value)
    except TypeError:  # unhashable
        member = None
    if member is None:
        allowed = ", ".join(str(m) for m in enum)
        raise DealError(f"{what} {value!r} is not one of: {allowed}")
    return member  # type: ignore[return-value]


def _check_coordinate(what: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise DealError(f"{what} must be a number")
    number = float(value)
    if not -MAX_COORDINATE <= number <= MAX_COORDINATE:  # also rejects NaN
        raise DealError(f"{what} is out of range")
    return number


def check_position(who: str, x: object, y: object) -> tuple[float, float]:
    return _check_coordinate(f"{who}: x", x), _check_coordinate(f"{who}: y", y)


def id_change_refused(person_id: str) -> DealError:
    return DealError(
        f"person {person_id!r}: the id cannot be changed (ties and the file name the person by it)"
    )


def _check_editable(what: str, record: object, changes: dict[str, Any], fixed: str) -> None:
    """Refuse, naming it, a field the record does not have or that an edit cannot change."""
    names = {f.name for f in dataclasses.fields(record)}  # type: ignore[arg-type]
    for name in changes:
        if name in fixed.split():
            if getattr(record, name) == changes[name]:
                continue  # an edit that leaves it as it is changes nothing
            if isinstance(record, Stakeholder):
                raise id_change_refused(record.id)
            raise DealError(f"{what}: {Tie.FIXED_MESSAGE}")
        if name not in names or name.startswith("_"):
            raise DealError(f"{what}: there is no field {name!r}")


@dataclass(frozen=True, slots=True, init=False)
class Stakeholder:
    """One member of the buying committee."""

    id: str
    name: str
    title: str = ""
    role: Role = Role.OTHER
    readiness: Readiness = Readiness.UNENGAGED
    stance: Stance = Stance.UNKNOWN
    influence: Influence = Influence.MEDIUM
    attends: bool = False
    last_contact: date | None = None
    email: str = ""
    notes: str = ""
    x: float = 0.0
    y: float = 0.0
    # Analysis v2: Blue Sheet's buyer mode, what they must get out of the change (or fear
    # from it) in their words, and the CRM's id for merging a later export into the deal.
    mode: BuyerMode = BuyerMode.UNKNOWN
    concern: str = ""
    crm_id: str = ""

    def __init__(
        self,
        id: str,
        name: str,
        title: str = "",
        role: Role = Role.OTHER,
        readiness: Readiness = Readiness.UNENGAGED,
        stance: Stance = Stance.UNKNOWN,
        influence: Influence = Influence.MEDIUM,
        attends: bool = False,
        last_contact: date | None = None,
        email: str = "",
        notes: str = "",
        x: float = 0.0,
        y: float = 0.0,
        mode: BuyerMode = BuyerMode.UNKNOWN,
        concern: str = "",
        crm_id: str = "",
    ) -> None:
        # Written out, each field set through its slot: the generated __init__ of a frozen
        # dataclass goes through object.__setattr__ sixteen times, which cost about as much
        # as checking the person (5,000 of them in an import, and in every big file read).
        # The fields, their order and defaults are checked against the class below.
        s = _STAKEHOLDER_SETTERS
        s[0](self, id)
        s[1](self, name)
        s[2](self, title)
        s[3](self, role)
        s[4](self, readiness)
        s[5](self, stance)
        s[6](self, influence)
        s[7](self, attends)
        s[8](self, last_contact)
        s[9](self, email)
        s[10](self, notes)
        s[11](self, x)
        s[12](self, y)
        s[13](self, mode)
        s[14](self, concern)
        s[15](self, crm_id)
        self.__post_init__()

    def __post_init__(self) -> None:
        if self._valid_fast():
            return
        who = f"person {self.id!r}" if isinstance(self.id, str) else "person"
        _check_id("person id", self.id)
        _check_text(f"{who}: name", self.name, MAX_SHORT_TEXT, required=True)
        _check_text(f"{who}: title", self.title, MAX_SHORT_TEXT)
        _check_text(f"{who}: email", self.email, MAX_SHORT_TEXT)
        _check_text(f"{who}: notes", self.notes, MAX_NOTES)
        _check_text(f"{who}: concern", self.concern, MAX_SHORT_TEXT)
        _check_text(f"{who}: CRM id", self.crm_id, MAX_ID)
        # Coerce enum strings so that records built from plain data compare equal.
        set_ = object.__setattr__
        set_(self, "role", _check_enum(f"{who}: role", Role, self.role))
        set_(self, "readiness", _check_enum(f"{who}: readiness", Readiness, self.readiness))
        set_(self, "stance", _check_enum(f"{who}: stance", Stance, self.stance))
        set_(self, "influence", _check_enum(f"{who}: influence", Influence, self.influence))
        set_(self, "mode", _check_enum(f"{who}: mode", BuyerMode, self.mode))
        if not isinstance(self.attends, bool):
            raise DealError(f"{who}: attends must be true or false")
        if self.last_contact is not None and not isinstance(self.last_contact, date):
            raise DealError(f"{who}: last contact must be a date")
        set_(self, "x", _check_coordinate(f"{who}: x", self.x))
        set_(self, "y", _check_coordinate(f"{who}: y", self.y))

    def _valid_fast(self) -> bool:
        """Check and coerce every field without building a message; False sends the record
        through the detailed checks above, which say what is wrong (loading 5,000 people
        used to format a dozen messages each that nobody read)."""
        if not _id_ok(self.id):
            return False
        name, title, email = self.name, self.title, self.email
        notes, concern, crm_id = self.notes, self.concern, self.crm_id
        if not (
            name.__class__ is str
            and title.__class__ is str
            and email.__class__ is str
            and notes.__class__ is str
            and concern.__class__ is str
            and crm_id.__class__ is str
            and len(name) <= MAX_SHORT_TEXT
            and len(title) <= MAX_SHORT_TEXT
            and len(email) <= MAX_SHORT_TEXT
            and len(notes) <= MAX_NOTES
            and len(concern) <= MAX_SHORT_TEXT
            and len(crm_id) <= MAX_ID
            and name.strip()
            and self.attends.__class__ is bool
            and (self.last_contact is None or isinstance(self.last_contact, date))
        ):
            return False
        # One look for a lone surrogate in all six (ASCII text, the usual, holds none).
        text = name + title + email + notes + concern + crm_id
        if not text.isascii() and _SURROGATE.search(text):
            return False
        coerced = []
        if not (
            self.role.__class__ is Role
            and self.readiness.__class__ is Readiness
            and self.stance.__class__ is Stance
            and self.influence.__class__ is Influence
            and self.mode.__class__ is BuyerMode
        ):  # plain strings, as a file is read: each to its member
            for field_name, enum, members in _STAKEHOLDER_ENUMS:
                value = getattr(self, field_name)
                if value.__class__ is not enum:
                    value = members.get(value) if value.__class__ is str else None
                    if value is None:
                        return False
                coerced.append((field_name, value))
        x, y = self.x, self.y
        if not (
            x.__class__ is float
            and y.__class__ is float
            and -MAX_COORDINATE <= x <= MAX_COORDINATE
            and -MAX_COORDINATE <= y <= MAX_COORDINATE
        ):
            return False
        set_ = object.__setattr__
        for field_name, value in coerced:
            set_(self, field_name, value)
        return True

    @property
    def engaged(self) -> bool:
        return self.readiness.engaged

    def replace(self, **changes: Any) -> Self:
        """A copy with `changes` applied and validated."""
        if changes and changes.keys() <= _PLACEMENT:
            return self._placed(changes)
        return dataclasses.replace(self, **changes)

    def _placed(self, changes: dict[str, Any]) -> Self:
        # A layout or an import gives thousands of people a position (or an id) at once:
        # check only what changes rather than every field again (a third of a 5,000-person
        # import went to re-validating unchanged fields), and copy the rest slot by slot,
        # written out as __init__ is.
        v = list(_STAKEHOLDER_VALUES(self))
        for name, value in changes.items():
            if name == "id":
                v[_ID_AT] = _check_id("person id", value)
                continue
            if not (type(value) is float and -MAX_COORDINATE <= value <= MAX_COORDINATE):
                value = _check_coordinate(f"person {self.id!r}: {name}", value)
            v[_X_AT if name == "x" else _Y_AT] = value
        copy = object.__new__(type(self))
        s = _STAKEHOLDER_SETTERS
        s[0](copy, v[0])
        s[1](copy, v[1])
        s[2](copy, v[2])
        s[3](copy, v[3])
        s[4](copy, v[4])
        s[5](copy, v[5])
        s[6](copy, v[6])
        s[7](copy, v[7])
        s[8](copy, v[8])
        s[9](copy, v[9])
        s[10](copy, v[10])
        s[11](copy, v[11])
        s[12](copy, v[12])
        s[13](copy, v[13])
        s[14](copy, v[14])
        s[15](copy, v[15])
        return copy

    def edit(self, **changes: Any) -> Self:
        """A copy with a user's edit: like `replace`, but the id cannot change (DealError)."""
        _check_editable(f"person {self.id!r}", self, changes, "id")
        return dataclasses.replace(self, **changes)


_PLACEMENT = frozenset({"id", "x", "y"})
_STAKEHOLDER_ENUMS: tuple[tuple[str, type[StrEnum], dict[object, StrEnum]], ...] = tuple(
    (name, enum, _members(enum))
    for name, enum in (
        ("role", Role),
        ("readiness", Readiness),
        ("stance", Stance),
        ("influence", Influence),
        ("mode", BuyerMode),
    )
)
_STAKEHOLDER_FIELDS = tuple(f.name for f in dataclasses.fields(Stakeholder))
# Copying a person field by field: every value at once, each set through its slot.
_STAKEHOLDER_VALUES = attrgetter(*_STAKEHOLDER_FIELDS)
_STAKEHOLDER_SETTERS = tuple(Stakeholder.__dict__[name].__set__ for name in _STAKEHOLDER_FIELDS)
_ID_AT, _X_AT, _Y_AT = (_STAKEHOLDER_FIELDS.index(name) for name in ("id", "x", "y"))
# The written-out __init__ must take exactly the fields, in order, with their defaults.
if Stakeholder.__init__.__code__.co_varnames[1 : len(_STAKEHOLDER_FIELDS) + 1] != (
    _STAKEHOLDER_FIELDS
) or Stakeholder.__init__.__defaults__ != tuple(
    f.default for f in dataclasses.fields(Stakeholder) if f.default is not dataclasses.MISSING
):
    raise TypeError("Stakeholder.__init__ must list every field, in order, with its default")


TieKey = tuple[str, str, TieKind]
_TIE_KINDS: dict[str, TieKind] = {kind.value: kind for kind in TieKind}
_SYMMETRIC = frozenset({TieKind.ALLY, TieKind.RIVAL})


@dataclass(frozen=True, slots=True, init=False)
class Tie:
    """A directed relationship from `source` to `target` (symmetric for ally and rival).

    `reports_to` points from the report to the manager. Strength is 1 weak, 2 normal,
    3 strong; it means nothing for `reports_to` and stays 1 there.
    """

    source: str
    target: str
    kind: TieKind
    strength: float = 1.0
    _key: TieKey = field(init=False, repr=False, compare=False, hash=False)

    FIXED_MESSAGE: ClassVar[str] = "its ends and kind cannot be changed (delete it and add another)"

    def __init__(self, source: str, target: str, kind: TieKind, strength: float = 1.0) -> None:
        # Written out, as Stakeholder's is: a big file reads tens of thousands of ties.
        s = _TIE_SETTERS
        s[0](self, source)
        s[1](self, target)
        s[2](self, kind)
        s[3](self, strength)
        self.__post_init__()

    def __post_init__(self) -> None:
        source, target = self.source, self.target
        # Ids already seen (every tie of a big file names known people) skip even the call.
        if not (source.__class__ is str and source in _VALID_IDS) and not _id_ok(source):
            _check_id("tie source", source)
        if not (target.__class__ is str and target in _VALID_IDS) and not _id_ok(target):
            _check_id("tie target", target)
        set_ = object.__setattr__
        kind = self.kind
        if kind.__class__ is not TieKind:
            member = _TIE_KINDS.get(kind) if kind.__class__ is str else None
            if member is None:  # not a kind: the full check says why
                member = _check_enum(f"tie {source}→{target}: kind", TieKind, kind)
            set_(self, "kind", member)
            kind = member
        strength = self.strength
        if strength.__class__ is not float:
            if isinstance(strength, bool) or not isinstance(strength, int | float):
                raise DealError(f"{self.describe()}: strength must be a number")
            set_(self, "strength", float(strength))
        if not 0 < strength <= MAX_STRENGTH:  # also rejects NaN
            raise DealError(f"{self.describe()}: strength must be above 0 (at most 100)")
        if source == target:
            raise DealError(f"{self.describe()}: a person cannot be tied to themselves")
        # The key is looked up constantly (the deal indexes ties by it): compute it once.
        if kind in _SYMMETRIC and target < source:
            key = (target, source, kind)
        else:
            key = (source, target, kind)
        set_(self, "_key", key)

    @property
    def key(self) -> TieKey:
        """Identity of the tie: symmetric kinds ignore direction."""
        return self._key

    def describe(self) -> str:
        return f"tie {self.source} {self.kind} {self.target}"

    def involves(self, person_id: str) -> bool:
        return person_id in (self.source, self.target)

    def replace(self, **changes: Any) -> Self:
        return dataclasses.replace(self, **changes)

    def edit(self, **changes: Any) -> Self:
        """A copy with a user's edit: only the strength can change (DealError otherwise)."""
        _check_editable(self.describe(), self, changes, "source target kind")
        return dataclasses.replace(self, **changes)


_TIE_INIT_FIELDS = ("source", "target", "kind", "strength")
_TIE_SETTERS = tuple(Tie.__dict__[name].__set__ for name in _TIE_INIT_FIELDS)
if (
    Tie.__init__.__code__.co_varnames[1:5] != _TIE_INIT_FIELDS
    or tuple(f.name for f in dataclasses.fields(Tie) if f.init) != _TIE_INIT_FIELDS
    or Tie.__init__.__defaults__ != (1.0,)
):
    raise TypeError("Tie.__init__ must list every field, in order, with its default")


@dataclass(frozen=True, slots=True)
class DealInfo:
    """The deal's own details."""

    name: str
    account: str = ""
    stage: DealStage = DealStage.PROSPECTING
    presentation_date: date | None = None
    target_readiness: Readiness = Readiness.ALIGNED
    notes: str = field(default="")

    def __post_init__(self) -> None:
        _check_text("deal name", self.name, MAX_SHORT_TEXT, required=True)
        _check_text("deal account", self.account, MAX_SHORT_TEXT)
        _check_text("deal notes", self.notes, MAX_NOTES)
        set_ = object.__setattr__
        set_(self, "stage", _check_enum("deal stage", DealStage, self.stage))
        target = _check_enum("target readiness", Readiness, self.target_readiness)
        set_(self, "target_readiness", target)
        if self.presentation_date is not None and not isinstance(self.presentation_date, date):
            raise DealError("presentation date must be a date")

    def replace(self, **changes: Any) -> Self:
        return dataclasses.replace(self, **changes)

    def edit(self, **changes: Any) -> Self:
        """A copy with a user's edit; a field the deal does not have is a DealError."""
        _check_editable("deal", self, changes, "")
        return dataclasses.replace(self, **changes)
