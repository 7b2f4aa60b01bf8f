"""Domain errors raised by services and mapped by views onto messages."""


class DomainError(Exception):
    """A rule of the domain was broken; the message is safe to show."""


class RoundClosed(DomainError):
    """The round no longer accepts input."""


class WorkshopClosed(DomainError):
    """The workshop has been closed by its facilitator."""
