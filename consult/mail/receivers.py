"""Telling the organisations that answered when results are published or move on; linking
answers to their invitations and sending edit links; keeping invitations with their
organisation and no address of a deleted contact."""

from __future__ import annotations

from consult.mail import services
from consult.signals import (
    answer_sent,
    contact_deleted,
    highlight_status_changed,
    organisation_merging,
    results_published,
)


@results_published.connect
def on_results_published(sender, round_id: int, **_kwargs) -> None:
    services.notify_answered(round_id, "results")


@highlight_status_changed.connect
def on_highlight_status_changed(sender, round_id: int, highlight_id: int, **_kwargs) -> None:
    services.notify_answered(round_id, "status", highlight_id=highlight_id)


@organisation_merging.connect
def on_organisation_merging(sender, from_id: int, to_id: int, **_kwargs) -> None:
    services.move_invitations(from_id, to_id)


@answer_sent.connect
def on_answer_sent(submission, edit_token: str, send_link: bool, invitation=None, **_kwargs):
    """An answer through an invitation's link, or from an invited organisation through the
    public link, stops that invitation's reminders; the edit link goes out if asked for."""
    if invitation is not None:
        services.link_answer(invitation, submission)
    else:
        services.link_answer_by_organisation(submission)
    if send_link:
        services.send_edit_link(submission, edit_token)


@contact_deleted.connect
def on_contact_deleted(submission, **_kwargs) -> None:
    services.forget_recipients(submission.id)
