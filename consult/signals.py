"""Domain events that other features react to, so features need not import each other.

A sender emits after flushing its change; receivers that start background work must
use ``consult.jobs.enqueue`` (sent only after the request's commit).
"""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

#: Proposals were added or their text changed. kwargs: round_id: int, proposal_ids: list[int]
proposals_saved = _signals.signal("proposals-saved")

#: A round's results page was published. kwargs: round_id: int
results_published = _signals.signal("results-published")

#: A highlight's route or follow-up status changed. kwargs: round_id: int, highlight_id: int
highlight_status_changed = _signals.signal("highlight-status-changed")
