"""Domain errors: raised by services with a code, mapped onto the user's message here only.

A service refuses with ``raise DomainError(ErrorCode.NAME_TAKEN)`` (or a subclass that fixes
its code); values the message needs go as keyword parameters
(``DomainError(ErrorCode.ROWS_WITH_ERRORS, rows=3)``). Views, forms and the CLI never
compare strings: they branch on ``exc.code`` and show :func:`user_message` (the one place
where a code becomes text in the user's language). HTTP status codes and ``abort`` belong
to views only; a service that does not find what it was asked for raises
:class:`NotFound`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from flask_babel import lazy_gettext as _l


class ErrorCode(StrEnum):
    """Every reason a service can refuse. Sections by feature keep merges apart."""

    # --- general -----------------------------------------------------------------------
    NOT_FOUND = "not_found"
    INVALID = "invalid"

    # --- rounds, questions, workshops, submissions ---------------------------------------
    ROUND_CLOSED = "round_closed"
    WORKSHOP_CLOSED = "workshop_closed"
    CLOSES_BEFORE_OPENS = "closes_before_opens"
    QUESTION_HAS_PROPOSALS = "question_has_proposals"
    QUESTION_NOT_IN_ROUND = "question_not_in_round"
    NO_PROPOSALS = "no_proposals"
    ORGANISATION_NAME_EMPTY = "organisation_name_empty"
    UNKNOWN_KIND = "unknown_kind"

    # --- organisations, imports, proposals -----------------------------------------------
    INVALID_INPUT = "invalid_input"
    MODERATION_REFUSED = "moderation_refused"
    BUSINESS_ID_FORMAT = "business_id_format"
    BUSINESS_ID_CHECK_DIGIT = "business_id_check_digit"
    NAME_TAKEN = "name_taken"
    BUSINESS_ID_TAKEN = "business_id_taken"
    ROWS_WITH_ERRORS = "rows_with_errors"
    UPLOAD_GONE = "upload_gone"
    NO_PROPOSALS_CHOSEN = "no_proposals_chosen"
    PROPOSALS_NOT_IN_ROUND = "proposals_not_in_round"
    HIDE_REASON_MISSING = "hide_reason_missing"
    HIDE_REASON_TOO_LONG = "hide_reason_too_long"
    PROPOSAL_EMPTY = "proposal_empty"
    PROPOSAL_TOO_LONG = "proposal_too_long"
    PROPOSAL_BAD_CHARACTERS = "proposal_bad_characters"
    REDACT_SPAN_NOT_FOUND = "redact_span_not_found"
    HIGHLIGHT_NOT_CHOSEN = "highlight_not_chosen"
    MODERATION_ACTION_MISSING = "moderation_action_missing"

    # --- curation, follow-up -------------------------------------------------------------
    CURATION_REFUSED = "curation_refused"
    STALE_SELECTION = "stale_selection"
    NEEDS_CONFIRMATION = "needs_confirmation"
    NOT_IN_SELECTION = "not_in_selection"
    NOTHING_TO_UNDO = "nothing_to_undo"
    MERGE_TOO_FEW = "merge_too_few"
    SPLIT_PICK = "split_pick"
    SPLIT_KEEP_ONE = "split_keep_one"
    RECLUSTER_TOO_SMALL = "recluster_too_small"
    RECLUSTER_NO_GROUPS = "recluster_no_groups"
    NO_SUGGESTIONS = "no_suggestions"
    ALREADY_AT_END = "already_at_end"
    NONE_TICKED = "none_ticked"
    NO_ROUTE_OR_STATUS = "no_route_or_status"
    OTHER_DOCUMENT_UNNAMED = "other_document_unnamed"
    DOCUMENT_UNREADABLE = "document_unreadable"
    DOCUMENT_TOO_LARGE = "document_too_large"

    # --- accounts, mail, feedback, privacy, results ----------------------------------------
    ACCOUNT_LOCKED = "account_locked"
    ALREADY_ANSWERED = "already_answered"
    UNKNOWN_ROLE = "unknown_role"
    USER_EXISTS = "user_exists"
    NO_SUCH_USER = "no_such_user"
    CANNOT_RESEND = "cannot_resend"
    NO_FACILITATOR_EMAIL = "no_facilitator_email"
    NO_CONTACT_EMAIL = "no_contact_email"
    TOKEN_DAYS = "token_days"  # noqa: S105 - an error code, not a secret
    TOKEN_OR_USER = "token_or_user"  # noqa: S105 - an error code, not a secret
    PASSWORD_TOO_SHORT = "password_too_short"  # noqa: S105 - an error code, not a secret
    PASSWORD_REPEATED = "password_repeated"  # noqa: S105 - an error code, not a secret
    PASSWORD_COMMON = "password_common"  # noqa: S105 - an error code, not a secret


# The user's message for each code, in one place. Codes without an entry fall back to the
# general message (a refusal the page should have prevented, e.g. a tampered form).
MESSAGES: dict[ErrorCode, Any] = {
    ErrorCode.NOT_FOUND: _l("That item no longer exists. Reload the page."),
    ErrorCode.INVALID: _l("The change could not be made."),
    ErrorCode.ROUND_CLOSED: _l("This round is closed and no longer accepts input."),
    ErrorCode.WORKSHOP_CLOSED: _l("This workshop has been closed."),
    ErrorCode.CLOSES_BEFORE_OPENS: _l("The round cannot close before it opens."),
    ErrorCode.QUESTION_HAS_PROPOSALS: _l("The question has proposals, so it cannot be deleted."),
    ErrorCode.QUESTION_NOT_IN_ROUND: _l("The question is not in this round."),
    ErrorCode.NO_PROPOSALS: _l("Write at least one proposal."),
    ErrorCode.ORGANISATION_NAME_EMPTY: _l("Give the organisation's name."),
    ErrorCode.UNKNOWN_KIND: _l("Choose the kind of organisation from the list."),
    ErrorCode.BUSINESS_ID_FORMAT: _l("Write the business ID as 1234567-8."),
    ErrorCode.BUSINESS_ID_CHECK_DIGIT: _l(
        "The check digit of the business ID does not match. Check the number."
    ),
    ErrorCode.NAME_TAKEN: _l("Another organisation already has this name."),
    ErrorCode.BUSINESS_ID_TAKEN: _l("Another organisation already has this business ID."),
    ErrorCode.ROWS_WITH_ERRORS: _l("Some rows have errors; nothing was saved."),
    ErrorCode.UPLOAD_GONE: _l("The uploaded file is no longer available. Upload it again."),
    ErrorCode.NO_PROPOSALS_CHOSEN: _l("Choose at least one proposal."),
    ErrorCode.PROPOSALS_NOT_IN_ROUND: _l(
        "Some of the chosen proposals are no longer in the round."
    ),
    ErrorCode.HIDE_REASON_MISSING: _l("Write the reason for hiding."),
    ErrorCode.HIDE_REASON_TOO_LONG: _l("The reason is longer than 500 characters."),
    ErrorCode.PROPOSAL_EMPTY: _l("The proposal cannot be empty."),
    ErrorCode.PROPOSAL_TOO_LONG: _l("A proposal is at most 4000 characters."),
    ErrorCode.PROPOSAL_BAD_CHARACTERS: _l("The text contains characters that cannot be saved."),
    ErrorCode.REDACT_SPAN_NOT_FOUND: _l("The text to remove was not found in the proposal."),
    ErrorCode.HIGHLIGHT_NOT_CHOSEN: _l("Choose the highlight."),
    ErrorCode.MODERATION_ACTION_MISSING: _l("Choose what to do with the chosen proposals."),
    # curation, follow-up
    ErrorCode.CURATION_REFUSED: _l("The change could not be made."),
    ErrorCode.STALE_SELECTION: _l(
        "Someone else changed the themes meanwhile, so your change was not saved. "
        "Reload the page and make your change again."
    ),
    ErrorCode.NEEDS_CONFIRMATION: _l(
        "Starting again replaces the current selection. Confirm to continue."
    ),
    ErrorCode.NOT_IN_SELECTION: _l(
        "That theme or proposal is no longer in the selection. Reload the page."
    ),
    ErrorCode.NOTHING_TO_UNDO: _l("There is nothing to undo."),
    ErrorCode.MERGE_TOO_FEW: _l("Choose at least two themes to merge."),
    ErrorCode.SPLIT_PICK: _l("Pick the proposals of this theme that form the new theme."),
    ErrorCode.SPLIT_KEEP_ONE: _l("Leave at least one proposal in the original theme."),
    ErrorCode.RECLUSTER_TOO_SMALL: _l("A theme needs at least four proposals to be re-grouped."),
    ErrorCode.RECLUSTER_NO_GROUPS: _l(
        "The proposals of this theme did not fall into separate groups."
    ),
    ErrorCode.NO_SUGGESTIONS: _l("There are no suggestions to assign."),
    ErrorCode.ALREADY_AT_END: _l("The theme is already at the end of the list."),
    ErrorCode.NONE_TICKED: _l("Tick at least one highlight first."),
    ErrorCode.NO_ROUTE_OR_STATUS: _l("Choose a route or a follow-up status."),
    ErrorCode.OTHER_DOCUMENT_UNNAMED: _l("Name the other document."),
    ErrorCode.DOCUMENT_UNREADABLE: _l(
        "The file could not be read. Upload a Word (.docx), PDF or text file that has text."
    ),
    ErrorCode.DOCUMENT_TOO_LARGE: _l("The file is too large (at most 20 MB)."),
    ErrorCode.UNKNOWN_ROLE: _l("Unknown role."),
    ErrorCode.USER_EXISTS: _l("An account with this email address exists already."),
    ErrorCode.NO_SUCH_USER: _l("There is no account with this email address."),
    ErrorCode.CANNOT_RESEND: _l("This message cannot be sent again."),
    ErrorCode.NO_FACILITATOR_EMAIL: _l("The workshop has no facilitator email address."),
    ErrorCode.NO_CONTACT_EMAIL: _l("The organisation has no contact email address."),
    ErrorCode.TOKEN_DAYS: _l("A token must be valid for at least one day."),
    ErrorCode.TOKEN_OR_USER: _l("Give a token or a user."),
    ErrorCode.PASSWORD_TOO_SHORT: _l("The password must be at least %(n)d characters long."),
    ErrorCode.PASSWORD_REPEATED: _l(
        "The password repeats the same characters or pattern. Choose a longer phrase of several words."
    ),
    ErrorCode.PASSWORD_COMMON: _l(
        "The password is too common or easy to guess. Choose a phrase of several unusual words."
    ),
}


class DomainError(Exception):
    """A rule of the domain was broken. ``code`` says which; ``params`` fill the message."""

    code: ErrorCode = ErrorCode.INVALID

    def __init__(self, code: ErrorCode | None = None, /, **params: Any) -> None:
        if code is not None:
            self.code = code
        self.params = params
        # str(exc) is the code and parameters, for logs and the CLI; never shown on a page.
        detail = ", ".join(f"{k}={v}" for k, v in params.items())
        super().__init__(f"{self.code.value}: {detail}" if detail else self.code.value)


class NotFound(DomainError):
    """What the service was asked about does not exist (a view turns this into 404)."""

    code = ErrorCode.NOT_FOUND


class RoundClosed(DomainError):
    """The round no longer accepts input."""

    code = ErrorCode.ROUND_CLOSED


class WorkshopClosed(DomainError):
    """The workshop has been closed by its facilitator."""

    code = ErrorCode.WORKSHOP_CLOSED


def user_message(error: DomainError) -> str:
    """The message to show for ``error`` in the current user's language."""
    text = MESSAGES.get(error.code, MESSAGES[ErrorCode.INVALID])
    return str(text) % error.params if error.params else str(text)
