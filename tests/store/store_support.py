"""Shared by the store tests: a small committee, a synthetic version-1 file, folder snapshots."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from consensus_map.domain import (
    BuyerMode,
    Deal,
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
from consensus_map.store import schema


def committee() -> Deal:
    """A five-person committee with every tie kind and every optional field used."""
    info = DealInfo(
        name="Acme renewal",
        account="Acme",
        stage=DealStage.CONSENSUS,
        presentation_date=date(2026, 12, 10),
        notes="Team presentation in December",
    )
    people = [
        Stakeholder("dana", "Dana Ruiz", "VP Operations", Role.DECISION_SHAPER,
                    Readiness.ALIGNED, Stance.CHAMPION, Influence.HIGH, attends=True,
                    last_contact=date(2026, 11, 20), email="dana@acme.test", x=10, y=20,
                    mode=BuyerMode.TROUBLE, concern="on-time delivery target",
                    crm_id="003Dn00000AbCdE"),
        Stakeholder("chris", "Chris Park", "CFO", Role.DECISION_MAKER, attends=True),
        Stakeholder("lee", "Lee Wong", "Ops analyst", Role.END_USER, Readiness.AWARE),
        Stakeholder("sam", "Sam Ode", "Procurement", Role.GATEKEEPER, stance=Stance.SKEPTIC,
                    mode=BuyerMode.EVEN_KEEL, concern="no new vendors this year"),
        Stakeholder("ana", "Ana Lima", "CIO", Role.EXECUTIVE, notes="Met at the summit"),
    ]  # fmt: skip
    ties = [
        Tie("lee", "dana", TieKind.REPORTS_TO),
        Tie("dana", "chris", TieKind.INFLUENCES, 2),
        Tie("sam", "chris", TieKind.ALLY, 3),
        Tie("ana", "dana", TieKind.RIVAL),
    ]
    return Deal(info, people, ties)


def write_v1_file(path: Path, deal: Deal) -> None:
    """A file as version 1 wrote it: no `ord` (rowid order) and no email."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN")
        schema.create_schema(conn, version=1)
        info = deal.info
        conn.execute(
            "INSERT INTO deal VALUES (1, ?, ?, ?, ?, ?, ?)",
            (info.name, info.account, str(info.stage),
             info.presentation_date and info.presentation_date.isoformat(),
             str(info.target_readiness), info.notes),
        )  # fmt: skip
        for p in deal.stakeholders:
            conn.execute(
                "INSERT INTO stakeholders VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (p.id, p.name, p.title, str(p.role), str(p.readiness), str(p.stance),
                 str(p.influence), int(p.attends),
                 p.last_contact and p.last_contact.isoformat(), p.notes, p.x, p.y),
            )  # fmt: skip
        for t in deal.ties:
            conn.execute(
                "INSERT INTO ties VALUES (?, ?, ?, ?)",
                (t.source, t.target, str(t.kind), t.strength),
            )
        conn.execute("COMMIT")
    finally:
        conn.close()


def write_v2_file(path: Path, deal: Deal) -> None:
    """A file as version 2 wrote it: no buyer mode, concern or CRM id."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN")
        schema.create_schema(conn, version=2)
        info = deal.info
        conn.execute(
            "INSERT INTO deal VALUES (1, ?, ?, ?, ?, ?, ?)",
            (info.name, info.account, str(info.stage),
             info.presentation_date and info.presentation_date.isoformat(),
             str(info.target_readiness), info.notes),
        )  # fmt: skip
        for i, p in enumerate(deal.stakeholders):
            conn.execute(
                "INSERT INTO stakeholders VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (p.id, i, p.name, p.title, str(p.role), str(p.readiness), str(p.stance),
                 str(p.influence), int(p.attends),
                 p.last_contact and p.last_contact.isoformat(), p.email, p.notes, p.x, p.y),
            )  # fmt: skip
        for i, t in enumerate(deal.ties):
            conn.execute(
                "INSERT INTO ties VALUES (?, ?, ?, ?, ?)",
                (i, t.source, t.target, str(t.kind), t.strength),
            )
        conn.execute("COMMIT")
    finally:
        conn.close()


def without_v3_fields(deal: Deal) -> Deal:
    """The deal as a version-2 file holds it: every person's mode, concern and CRM id unset."""
    people = [p.replace(mode=BuyerMode.UNKNOWN, concern="", crm_id="") for p in deal.stakeholders]
    return Deal(deal.info, people, deal.ties)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in a folder with its bytes: proves nothing was written or left behind."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def same_deal(a: Deal, b: Deal) -> bool:
    return a.info == b.info and a.stakeholders == b.stakeholders and set(a.ties) == set(b.ties)
