"""The shapes of the demo fixtures in :mod:`consult.demo.data`: frozen, typed records.

They mirror what the services take (a round, its questions, workshops with their output,
independent submissions); :func:`consult.demo.load_demo` turns them into rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, dataclass

# Proposals by question key ("palvelulupaus", ...), in the order they were written.
Proposals = Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class RoundSpec:
    slug: str
    title: str
    purpose: str
    instructions: str
    opens_on: dt.date
    closes_on: dt.date


@dataclass(frozen=True)
class QuestionSpec:
    key: str
    text: str
    help_text: str


@dataclass(frozen=True)
class Counts:
    """A workshop's participants by group (the facilitator's form's four fields)."""

    org_reps: int
    staff: int
    residents: int
    others: int

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


@dataclass(frozen=True)
class OrganisationSpec:
    name: str
    kind: str
    municipality: str


@dataclass(frozen=True)
class WorkshopSpec:
    date: dt.date
    network: str
    place: str
    facilitator: str
    counts: Counts
    organisations: tuple[OrganisationSpec, ...]
    report: str
    proposals: Proposals


@dataclass(frozen=True)
class SubmissionSpec:
    """An organisation taking part independently, outside every workshop."""

    organisation: str
    kind: str
    municipality: str
    contact_name: str | None
    contact_email: str | None
    proposals: Proposals
