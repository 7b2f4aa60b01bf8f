"""Telling the organisations that answered when results are published or move on; keeping
invitations with their organisation."""

from __future__ import annotations

from consult.mail import services
from consult.signals import highlight_status_changed, organisation_merging, results_published


@results_published.connect
def on_results_published(sender, round_id: int, **_kwargs) -> None:
    services.notify_answered(round_id, "results")


@highlight_status_changed.connect
def on_highlight_status_changed(sender, round_id: int, highlight_id: int, **_kwargs) -> None:
    services.notify_answered(round_id, "status", highlight_id=highlight_id)


@organisation_merging.connect
def on_organisation_merging(sender, from_id: int, to_id: int, **_kwargs) -> None:
    services.move_invitations(from_id, to_id)
