"""Domain events that other features react to, so features need not import each other.

A sender emits after flushing its change; receivers that start background work must
use ``consult.jobs.enqueue`` (sent only after the request's commit).
"""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

#: Proposals were added or their text changed (moderation, live capture); a stored
#: embedding of the old text is deleted. kwargs: round_id: int, proposal_ids: list[int]
proposals_saved = _signals.signal("proposals-saved")

#: Proposals are about to be deleted one by one (live capture): features that keep rows
#: about them remove them (SQLite enforces no foreign keys). kwargs: round_id: int,
#: proposal_ids: list[int]
proposals_deleting = _signals.signal("proposals-deleting")

#: A round's results page was published. kwargs: round_id: int
results_published = _signals.signal("results-published")

#: A highlight's route or follow-up status changed. kwargs: round_id: int, highlight_id: int
highlight_status_changed = _signals.signal("highlight-status-changed")

#: A question is about to be deleted; a receiver that keeps something about it refuses by
#: raising ``DomainError`` (e.g. QUESTION_HAS_PROPOSALS). sender: the Question.
question_deleting = _signals.signal("question-deleting")

#: New input was saved for a round (an answer, a workshop's output, an import), so its new
#: proposals wait to be embedded. kwargs: round_id: int. Receivers that start work use the
#: job queue (sent after the commit).
answers_saved = _signals.signal("answers-saved")

#: A duplicate in the organisation directory is merged into another: features move their
#: rows about it to the one that stays (before the duplicate is deleted). kwargs:
#: from_id: int (the duplicate), to_id: int (the organisation that stays)
organisation_merging = _signals.signal("organisation-merging")

#: An answer was sent through the public form (flushed; committed with the request).
#: sender: the Submission. kwargs: edit_token: str, send_link: bool (the answerer asked for
#: the edit link by email), invitation: mail's Invitation whose own link the form was opened
#: through, or None. mail links the answer to its invitation and sends the edit link.
answer_sent = _signals.signal("answer-sent")

#: An answer's contact person (name, email) was deleted by the answerer: keep no copy of the
#: address. sender: the Submission
contact_deleted = _signals.signal("contact-deleted")
