"""Telling the organisations that answered when results are published or move on."""

from __future__ import annotations

from consult.mail import services
from consult.signals import highlight_status_changed, results_published


@results_published.connect
def on_results_published(sender, round_id: int, **_kwargs) -> None:
    services.notify_answered(round_id, "results")


@highlight_status_changed.connect
def on_highlight_status_changed(sender, round_id: int, highlight_id: int, **_kwargs) -> None:
    services.notify_answered(round_id, "status", highlight_id=highlight_id)
