"""Personal data of a round: contact retention, deleting a round entirely, an answer's copy.

Contact details (names, emails) are personal data: nothing here logs them.
"""

from __future__ import annotations

import json
import logging
from datetime import date
from typing import Any

import sqlalchemy as sa
from flask import current_app

from consult import clock
from consult.extensions import db, rowcount
from consult.privacy.models import RetentionSetting
from consult.rounds.models import Round
from consult.submissions.models import Submission
from consult.utils import utcnow

log = logging.getLogger(__name__)

DEFAULT_CONTACT_MONTHS = 12


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it has fewer days)."""
    import calendar

    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def default_months() -> int:
    return int(current_app.config.get("CONTACT_RETENTION_MONTHS", DEFAULT_CONTACT_MONTHS))


def contact_months(rnd: Round) -> int:
    setting = db.session.get(RetentionSetting, rnd.id)
    return setting.contact_months if setting else default_months()


def contacts_removed_on(rnd: Round) -> date:
    """The day the round's contact details are removed."""
    return add_months(rnd.closes_on, contact_months(rnd))


def set_contact_months(rnd: Round, months: int) -> None:
    """Keep the round's contact details ``months`` after it closes (0: remove at closing)."""
    if not 0 <= months <= 120:
        raise ValueError("months out of range")
    setting = db.session.get(RetentionSetting, rnd.id)
    if setting is None:
        db.session.add(RetentionSetting(round_id=rnd.id, contact_months=months))
    else:
        setting.contact_months = months
    db.session.flush()


def contacts_kept(rnd: Round) -> int:
    """How many answers of the round still hold a contact name or email."""
    return (
        db.session.scalar(
            sa.select(sa.func.count(Submission.id)).where(
                Submission.round_id == rnd.id,
                sa.or_(Submission.contact_name != "", Submission.contact_email != ""),
            )
        )
        or 0
    )


def purge_expired_contacts(today: date | None = None) -> int:
    """Remove contact details of every round whose retention time has passed.

    Meant for the scheduled job (``consult run-scheduled``) and the ``consult purge-contacts``
    command. Flushes; the caller commits.

    Args:
        today: The day to judge by; defaults to today.

    Returns:
        How many answers lost their contact details.
    """
    today = today or clock.today()
    cleared = 0
    for rnd in db.session.scalars(sa.select(Round).where(Round.closes_on < today)):
        if contacts_removed_on(rnd) > today:
            continue
        result = db.session.execute(
            sa.update(Submission)
            .where(
                Submission.round_id == rnd.id,
                sa.or_(Submission.contact_name != "", Submission.contact_email != ""),
            )
            .values(contact_name="", contact_email="")
            .execution_options(synchronize_session=False)
        )
        _purge_round_addresses(rnd.id)
        if count := rowcount(result):
            cleared += count
            setting = db.session.get(RetentionSetting, rnd.id)
            if setting is None:
                setting = RetentionSetting(round_id=rnd.id, contact_months=default_months())
                db.session.add(setting)
            setting.contacts_purged_at = utcnow()
    db.session.flush()
    db.session.expire_all()
    log.info("purged contact details of %d answers", cleared)
    return cleared


def _purge_round_addresses(round_id: int) -> None:
    """Email addresses kept per round for sending go with the contacts: invitations,
    the record of sent messages and the facilitators' addresses."""
    from consult.mail.models import Invitation, OutgoingMessage
    from consult.workshops.models import Workshop

    for model, column in (
        (Invitation, Invitation.email),
        (OutgoingMessage, OutgoingMessage.recipient),
        (Workshop, Workshop.facilitator_email),
    ):
        db.session.execute(
            sa.update(model)
            .where(model.round_id == round_id, column != "")
            .values({column.key: ""})
            .execution_options(synchronize_session=False)
        )


Scope = dict[sa.Table, sa.ColumnElement[bool]]
Nullify = list[tuple[sa.Table, sa.Column[Any], sa.ColumnElement[bool]]]


def _round_scope(round_id: int) -> tuple[Scope, Nullify]:
    """Per table, the condition selecting the rows that belong to the round.

    Follows every foreign key with ``ON DELETE CASCADE`` down from ``rounds`` (so tables
    added later by other features are covered), plus tables with a bare ``round_id``
    column. Foreign keys with ``SET NULL`` from outside the round are returned separately.
    """
    rounds = Round.__table__
    scope: Scope = {rounds: rounds.c.id == round_id}
    nullify: Nullify = []
    for table in db.metadata.sorted_tables:
        if table is rounds:
            continue
        parts: list[sa.ColumnElement[bool]] = []
        for fk in table.foreign_keys:
            parent = fk.column.table
            if parent is table or parent not in scope:
                continue
            chosen = fk.parent.in_(sa.select(fk.column).where(scope[parent]))
            if (fk.ondelete or "").upper() == "CASCADE":
                parts.append(chosen)
            else:
                nullify.append((table, fk.parent, chosen))
        if not parts and "round_id" in table.c and not table.c.round_id.foreign_keys:
            parts.append(table.c.round_id == round_id)
        if parts:
            scope[table] = sa.or_(*parts)
    return scope, nullify


def delete_round(rnd: Round) -> dict[str, int]:
    """Delete a round with everything that belongs to it, personal data included.

    Returns:
        Rows deleted per table (no contents).
    """
    round_id = rnd.id
    scope, nullify = _round_scope(round_id)
    for table, column, chosen in nullify:
        if table not in scope and column.nullable:
            db.session.execute(sa.update(table).where(chosen).values({column.name: None}))
    deleted: dict[str, int] = {}
    for table in reversed(db.metadata.sorted_tables):
        if table in scope:
            result = db.session.execute(sa.delete(table).where(scope[table]))
            deleted[table.name] = rowcount(result)
    db.session.expunge_all()
    log.info("deleted round %s: %s", round_id, deleted)
    return deleted


def submission_data(submission: Submission) -> dict[str, Any]:
    """What an organisation sent, as it is stored: for its own download."""
    org = submission.organisation
    by_question = {q.id: q for q in submission.round.questions}
    return {
        "round": submission.round.title,
        "organisation": {
            "name": org.name if org else "",
            "kind": org.kind if org else "",
            "municipality": org.municipality if org else "",
        },
        "contact": {"name": submission.contact_name, "email": submission.contact_email},
        "quote_consent": submission.quote_consent,
        "created_at": submission.created_at.isoformat(),
        "updated_at": submission.updated_at.isoformat(),
        "answers": [
            {
                "question": by_question[q.id].text,
                "proposals": [p.text for p in submission.proposals if p.question_id == q.id],
            }
            for q in submission.round.questions
        ],
    }


def submission_json(submission: Submission) -> bytes:
    return json.dumps(submission_data(submission), ensure_ascii=False, indent=2).encode("utf-8")


def submission_text(submission: Submission, labels: dict[str, str]) -> str:
    """The same as plain text, with labels in the reader's language."""
    data = submission_data(submission)
    org = data["organisation"]
    lines = [
        data["round"],
        "",
        f"{labels['organisation']}: {org['name']}",
        f"{labels['municipality']}: {org['municipality']}",
        f"{labels['contact']}: {data['contact']['name']} {data['contact']['email']}".rstrip(),
        f"{labels['consent']}: {labels['yes'] if data['quote_consent'] else labels['no']}",
        "",
    ]
    for number, answer in enumerate(data["answers"], start=1):
        lines.append(f"{number}. {answer['question']}")
        lines += [f"- {text}" for text in answer["proposals"]] or ["-"]
        lines.append("")
    return "\n".join(lines)
