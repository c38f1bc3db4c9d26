"""The one exception the domain raises when an edit or a deal would break an invariant."""


class DealError(ValueError):
    """A deal, person or tie that breaks a rule of SPEC.md; the message is one plain line."""
