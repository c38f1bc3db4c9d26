"""What a tie means and why the deal would refuse one, in people's names (never ids).

Qt-free, so the document words a refused tie the same way the Add-tie dialog does, whether
the tie came from the dialog or from a drag on the map.
"""

from __future__ import annotations

from consensus_map.domain import Deal, Stakeholder, TieKind


def person_text(person: Stakeholder) -> str:
    return f"{person.name} — {person.title}" if person.title else person.name


def explain(kind: TieKind, source: str, target: str) -> str:
    """What the tie will mean, in the seller's words."""
    if kind is TieKind.REPORTS_TO:
        return f"{source} reports to {target} ({target} is the manager)."
    if kind is TieKind.INFLUENCES:
        return f"{source}'s opinion carries weight with {target}."
    if kind is TieKind.ALLY:
        return f"{source} and {target} tend to side together."
    return f"{source} and {target} tend to oppose each other."


def refusal(deal: Deal, source: str, target: str, kind: TieKind) -> str | None:
    """Why the deal would refuse this tie, in names rather than ids; None when it is fine."""
    if source == target:
        return "Choose two different people."
    a, b = deal.stakeholder(source).name, deal.stakeholder(target).name
    if deal.find_tie(source, target, kind) is not None:
        return "That tie is already on the map: " + explain(kind, a, b)
    if kind is TieKind.REPORTS_TO:
        manager = deal.manager_of(source)
        if manager is not None:
            boss = deal.stakeholder(manager).name
            return f"{a} already reports to {boss}: one manager each (remove that tie first)."
        seen: set[str] = set()
        above: str | None = target
        while above is not None and above not in seen:
            if above == source:
                return f"{b} already reports (directly or not) to {a}: that would be a loop."
            seen.add(above)
            above = deal.manager_of(above)
    return None
