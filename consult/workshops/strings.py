"""Translated texts the capture script shows; rendered into the page as JSON.

Placeholders are ``{n}``, ``{text}`` and ``{name}``; the script fills them in.
"""

from __future__ import annotations

from flask_babel import gettext


def capture_strings() -> dict[str, str]:
    """The capture page's messages in the user's language."""
    return {
        "saved": gettext("All entries are saved."),
        "saving": gettext("Saving…"),
        "offline": gettext("No connection."),
        "serverDown": gettext("The server does not answer."),
        "keepWriting": gettext(
            "Keep writing: entries are kept on this device and sent automatically."
        ),
        "unsentOne": gettext("1 change not sent yet."),
        "unsentMany": gettext("{n} changes not sent yet."),
        "retryNow": gettext("Try again now"),
        "closed": gettext(
            "This workshop has been closed, so changes are no longer saved. Contact the"
            " convenor if something is missing."
        ),
        "closedUnsent": gettext(
            "These entries were not saved before the workshop was closed. Copy them and send"
            " them to the convenor:"
        ),
        "notFound": gettext("This workshop link is not valid. Check the link you were given."),
        "unsent": gettext("Not sent yet"),
        "failed": gettext("Not saved:"),
        "newProposal": gettext("New proposal"),
        "newProposalHint": gettext(
            "Write one proposal and press Enter (or Add). It is saved at once."
        ),
        "add": gettext("Add"),
        "edit": gettext("Edit"),
        "save": gettext("Save"),
        "cancel": gettext("Cancel"),
        "remove": gettext("Remove"),
        "moveUp": gettext("Move up"),
        "moveDown": gettext("Move down"),
        "editLabel": gettext("Edit proposal"),
        "entryActions": gettext("Proposal {n}"),
        "noProposals": gettext("No proposals yet."),
        "proposalCountOne": gettext("1 proposal"),
        "proposalCountMany": gettext("{n} proposals"),
        "removed": gettext("Proposal removed: “{text}”."),
        "undo": gettext("Undo"),
        "added": gettext("Proposal added."),
        "moved": gettext("Moved to place {n}."),
        "empty": gettext("Write the proposal first."),
        "tooLong": gettext("A proposal can be at most 4000 characters."),
        "orgLabel": gettext("Add an attending organisation"),
        "orgHint": gettext(
            "Start typing to pick from the directory, or write a new name and press Enter."
        ),
        "orgRemove": gettext("Remove {name}"),
        "noOrganisations": gettext("No organisations yet."),
        "total": gettext("Participants in total: {n}"),
        "countInvalid": gettext("Give a number from 0 to 10000."),
        "autosaveHint": gettext(
            "Everything you write is saved automatically; you do not need to press Save."
            " When the workshop is over, press “Close the workshop”."
        ),
        "closeButton": gettext("Close the workshop"),
        "confirmClose": gettext(
            "Close the workshop? After closing, nothing can be changed through this link."
        ),
        "cannotCloseUnsent": gettext(
            "The workshop cannot be closed yet: some entries have not been sent. Wait for"
            " the connection to return."
        ),
    }
