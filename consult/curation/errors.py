"""Why a change of the selection (or its follow-up) was refused: a code per reason.

The user's text for each code is in :data:`consult.errors.MESSAGES`; views show
:func:`consult.errors.user_message`.
"""

from __future__ import annotations

from consult.errors import DomainError, ErrorCode, user_message


class CurationError(DomainError):
    """A curation change was refused; ``code`` says why."""

    code = ErrorCode.CURATION_REFUSED

    @property
    def message(self) -> str:
        """The reason in the user's language (kept for callers outside curation)."""
        return user_message(self)


class StaleSelection(CurationError):
    """Someone else changed the selection since the form was loaded."""

    code = ErrorCode.STALE_SELECTION


class NeedsConfirmation(CurationError):
    """Starting again would replace the selection and was not confirmed."""

    code = ErrorCode.NEEDS_CONFIRMATION


class NotInSelection(CurationError):
    """A highlight or proposal is no longer in the round's selection."""

    code = ErrorCode.NOT_IN_SELECTION


class NothingToUndo(CurationError):
    """No change is left to undo."""

    code = ErrorCode.NOTHING_TO_UNDO
