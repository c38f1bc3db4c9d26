"""The CRM formats as data: for each source, its column names, its role strings and what
they mean here. One importer (`contacts`) reads every source through these tables; adding a
CRM is adding a table, not a branch. docs/import.md shows the same tables for people.

Header names match regardless of case, spaces, `_` and `-` ("Job Title" = "jobtitle");
role strings regardless of case, spaces, `_` and `-` ("DECISION_MAKER" = "Decision Maker").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from consensus_map.domain import Role, Stance


class Field(StrEnum):
    """What a column can fill in: a person's field, a part of one, or a reference."""

    ID = "id"  # this app's person id
    CRM_ID = "crm_id"
    NAME = "name"
    FIRST_NAME = "first_name"
    LAST_NAME = "last_name"
    TITLE = "title"
    DEPARTMENT = "department"  # kept in a new person's notes
    EMAIL = "email"
    MANAGER = "manager"  # names the manager: by id, CRM id, email or a unique name
    ROLE = "role"  # a CRM's role strings, read through the source's role table
    READINESS = "readiness"
    STANCE = "stance"
    INFLUENCE = "influence"
    MODE = "mode"
    ATTENDS = "attends"
    LAST_CONTACT = "last_contact"
    CONCERN = "concern"
    NOTES = "notes"
    X = "x"
    Y = "y"

    @property
    def label(self) -> str:
        return _FIELD_LABELS.get(self, self.value.replace("_", " "))


_FIELD_LABELS = {Field.ID: "id (this app's)", Field.CRM_ID: "CRM id", Field.X: "x (position)",
                 Field.Y: "y (position)", Field.MODE: "buyer mode"}  # fmt: skip

# Fields the CRM owns: a merge updates them on people already in the deal. Everything else
# on a person already in the deal is the seller's judgement and is kept.
CRM_OWNED = (Field.NAME, Field.TITLE, Field.EMAIL, Field.MANAGER)

RoleMeaning = tuple[Role | None, Stance | None]
"""A role string's meaning: a role, a stance, or both (None: says nothing about it)."""

# The order in which several roles of one person are resolved: the formal part that
# matters most to the decision wins.
ROLE_PRIORITY = (
    Role.DECISION_MAKER,
    Role.EXECUTIVE,
    Role.GATEKEEPER,
    Role.DECISION_SHAPER,
    Role.END_USER,
    Role.OTHER,
)


@dataclass(frozen=True)
class CrmFormat:
    """One source's columns and role strings."""

    key: str
    label: str
    columns: Mapping[
        str, Field | None
    ]  # header as the source writes it → field (None: known, not read)
    distinctive: frozenset[
        str
    ]  # headers only this source writes (normalised): they decide detection
    roles: Mapping[str, RoleMeaning]  # role string as the source writes it → meaning
    role_separator: str = ";"  # multi-valued role cells
    # This app's own export: cells are read exactly as written (no trimming) and the
    # formula-injection escapes the export adds are undone, so a round trip is lossless.
    exact: bool = False
    _columns: dict[str, Field | None] = field(init=False, repr=False, compare=False)
    _roles: dict[str, RoleMeaning] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_columns", {norm_header(k): v for k, v in self.columns.items()})
        object.__setattr__(self, "_roles", {norm_value(k): v for k, v in self.roles.items()})

    def knows(self, header: str) -> bool:
        return norm_header(header) in self._columns

    def field_of(self, header: str) -> Field | None:
        return self._columns.get(norm_header(header))

    def role_meaning(self, text: str) -> RoleMeaning | None:
        """What one role string means, or None for a string this source's table lacks."""
        return self._roles.get(norm_value(text))


def norm_header(name: str) -> str:
    return re.sub(r"[\s_\-]+", "", name.strip().lstrip("\ufeff")).casefold()


def norm_value(text: str) -> str:
    return " ".join(re.sub(r"[_\-]+", " ", text).split()).casefold()


# ------------------------------------------------------------------------------ roles
# SPEC "Role": maps from Salesforce OpportunityContactRole, HubSpot hs_buying_role, Altify.
SALESFORCE_ROLES: dict[str, RoleMeaning] = {
    "Decision Maker": (Role.DECISION_MAKER, None),
    "Economic Buyer": (Role.DECISION_MAKER, None),
    "Economic Decision Maker": (Role.DECISION_MAKER, None),
    "Executive Sponsor": (Role.EXECUTIVE, None),
    "Influencer": (Role.DECISION_SHAPER, None),
    "Evaluator": (Role.DECISION_SHAPER, None),
    "Technical Buyer": (Role.DECISION_SHAPER, None),
    "Business User": (Role.END_USER, None),
    "Other": (Role.OTHER, None),
}

# HubSpot exports write either the internal value (DECISION_MAKER) or its label (Decision
# Maker); both normalise to the same key. CHAMPION and BLOCKER are stances, not roles.
HUBSPOT_ROLES: dict[str, RoleMeaning] = {
    "DECISION_MAKER": (Role.DECISION_MAKER, None),
    "BUDGET_HOLDER": (Role.DECISION_MAKER, None),
    "EXECUTIVE_SPONSOR": (Role.EXECUTIVE, None),
    "INFLUENCER": (Role.DECISION_SHAPER, None),
    "LEGAL_AND_COMPLIANCE": (Role.GATEKEEPER, None),
    "END_USER": (Role.END_USER, None),
    "OTHER": (Role.OTHER, None),
    "CHAMPION": (None, Stance.CHAMPION),
    "BLOCKER": (None, Stance.BLOCKER),
}

ALTIFY_ROLES: dict[str, RoleMeaning] = {
    "Decision Maker": (Role.DECISION_MAKER, None),
    "Approver": (Role.DECISION_MAKER, None),
    "Evaluator": (Role.DECISION_SHAPER, None),
    "User": (Role.END_USER, None),
}

# This app's own values and labels, and — for a spreadsheet made by hand — every CRM string.
OWN_ROLES: dict[str, RoleMeaning] = {
    **ALTIFY_ROLES,
    **SALESFORCE_ROLES,
    **HUBSPOT_ROLES,
    **{str(role): (role, None) for role in Role},
    **{role.label: (role, None) for role in Role},
}

# ---------------------------------------------------------------------------- formats
SALESFORCE = CrmFormat(
    key="salesforce",
    label="Salesforce",
    columns={
        "Id": Field.CRM_ID,
        "Contact ID": Field.CRM_ID,
        "FirstName": Field.FIRST_NAME,
        "LastName": Field.LAST_NAME,
        "Name": Field.NAME,
        "Title": Field.TITLE,
        "Department": Field.DEPARTMENT,
        "Email": Field.EMAIL,
        "ReportsToId": Field.MANAGER,
        "Role": Field.ROLE,
        "AccountId": None,
        "Phone": None,
    },
    distinctive=frozenset({"reportstoid", "department", "accountid", "contactid"}),
    roles=SALESFORCE_ROLES,
)

HUBSPOT = CrmFormat(
    key="hubspot",
    label="HubSpot",
    columns={
        "Record ID": Field.CRM_ID,
        "hs_object_id": Field.CRM_ID,
        "First Name": Field.FIRST_NAME,
        "Last Name": Field.LAST_NAME,
        "Email": Field.EMAIL,
        "Job Title": Field.TITLE,
        "Buying Role": Field.ROLE,
        "hs_buying_role": Field.ROLE,
        "Phone Number": None,
        "Company Name": None,
        "Contact owner": None,
    },
    distinctive=frozenset({"recordid", "hsobjectid", "jobtitle", "buyingrole", "hsbuyingrole"}),
    roles=HUBSPOT_ROLES,
)

# The columns `export OUT.csv` writes (SPEC person fields), then the analysis columns, which
# an import knows and does not read.
OWN_PERSON_COLUMNS: Sequence[tuple[str, Field]] = (
    ("id", Field.ID),
    ("name", Field.NAME),
    ("title", Field.TITLE),
    ("role", Field.ROLE),
    ("readiness", Field.READINESS),
    ("stance", Field.STANCE),
    ("influence", Field.INFLUENCE),
    ("mode", Field.MODE),
    ("attends", Field.ATTENDS),
    ("last_contact", Field.LAST_CONTACT),
    ("email", Field.EMAIL),
    ("concern", Field.CONCERN),
    ("crm_id", Field.CRM_ID),
    ("manager", Field.MANAGER),
    ("notes", Field.NOTES),
    ("x", Field.X),
    ("y", Field.Y),
)
OWN_ANALYSIS_COLUMNS = ("in_decision", "veto_risk", "sinker", "action", "introducer")

OWN = CrmFormat(
    key="consensus-map",
    label="Consensus Map",
    columns={
        **dict(OWN_PERSON_COLUMNS),
        **{name: None for name in OWN_ANALYSIS_COLUMNS},
    },
    distinctive=frozenset(
        norm_header(name)
        for name in (
            "readiness",
            "stance",
            "influence",
            "mode",
            "attends",
            "last_contact",
            "concern",
            "crm_id",
            "manager",
            "notes",
            "x",
            "y",
            *OWN_ANALYSIS_COLUMNS,
        )
    ),
    roles=OWN_ROLES,
    exact=True,
)

# Detection order breaks ties: a plain "Name, Title, Email" sheet reads as this app's own.
FORMATS: tuple[CrmFormat, ...] = (OWN, SALESFORCE, HUBSPOT)
NAME_FIELDS = frozenset({Field.NAME, Field.FIRST_NAME, Field.LAST_NAME})


def format_by_key(key: str) -> CrmFormat:
    for fmt in FORMATS:
        if fmt.key == key:
            return fmt
    raise KeyError(key)


def detect_format(header: Sequence[str]) -> CrmFormat | None:
    """The source whose columns the header matches best; None when it names no person."""

    def score(fmt: CrmFormat) -> int:
        known = [norm_header(h) for h in header if fmt.knows(h)]
        # A column only one source writes outweighs any number of shared ones.
        return len(known) + 100 * sum(1 for h in known if h in fmt.distinctive)

    scored = [(score(fmt), -n, fmt) for n, fmt in enumerate(FORMATS)]
    best = max(scored, key=lambda item: (item[0], item[1]))[2]
    mapping = default_mapping(best, header)
    if not NAME_FIELDS & set(mapping) and Field.EMAIL not in mapping:
        return None
    return best


def default_mapping(fmt: CrmFormat, header: Sequence[str]) -> tuple[Field | None, ...]:
    """Each column's field in `fmt` (None: ignored); a field read by two columns keeps the first."""
    taken: set[Field] = set()
    mapping: list[Field | None] = []
    for name in header:
        target = fmt.field_of(name)
        if target is not None and target in taken:
            target = None
        if target is not None:
            taken.add(target)
        mapping.append(target)
    return tuple(mapping)


def expected_columns() -> str:
    """For a header nobody recognises: what each source's header looks like."""
    salesforce = "Id, FirstName, LastName, Title, Email, ReportsToId, Role"
    hubspot = "Record ID, First Name, Last Name, Email, Job Title, Buying Role"
    own = "id, name, title, role, readiness, stance, …, manager"
    return f"Salesforce ({salesforce}), HubSpot ({hubspot}) or this app's ({own})"
