"""The exceptions the domain raises when an edit or a deal would break a rule."""


class DealError(ValueError):
    """A deal, person or tie that breaks a rule of SPEC.md; the message is one plain line."""


class EditConflict(DealError):
    """An edit prepared against values that someone else has changed since (another window,
    another computer): making it would overwrite their change, so it is not made."""
