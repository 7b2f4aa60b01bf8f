"""What the measurement and fault scripts (``consult.fuzz``, ``consult.loadtest``,
``consult.imports.measure``) and the multi-process test start from: a round open since
yesterday (by default) and for a month, its questions and workshops, and made-up proposals.
Not used by the app."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from consult import clock
from consult.rounds import services as rounds
from consult.rounds.models import Round
from consult.workshops import services as workshops
from consult.workshops.models import Workshop

SUBJECTS = [
    "Järjestöavustusten haku",
    "Kokoontumistilojen käyttö",
    "Viittomakielinen tulkkaus",
    "Vapaaehtoistoiminnan koordinointi",
    "Nuorisotyön tilat",
    "Ikäihmisten kerhotoiminta",
    "Kylätalojen ylläpito",
    "Liikuntaseurojen vuorot",
]
NEEDS = [
    "on tehtävä helpommaksi",
    "tarvitsee pysyvää rahoitusta",
    "pitää turvata myös haja-asutusalueilla",
    "vaatii selkeän yhteyshenkilön kunnasta",
    "kaipaa parempaa tiedotusta",
]


def proposal_texts(
    n: int, subjects: Sequence[str] = SUBJECTS, needs: Sequence[str] = NEEDS, areas: int = 999
) -> list[str]:
    """``n`` distinct proposals "<subject> <need> alueella <i>": every subject with every need
    in area 1, then in area 2, and so on (at most ``areas`` areas)."""
    return [
        f"{subject} {need} alueella {i}"
        for i in range(1, areas + 1)
        for subject in subjects
        for need in needs
    ][:n]


def open_round(
    title: str,
    questions: Sequence[str] = (),
    *,
    purpose: str = "",
    instructions: str = "",
    opened_days_ago: int = 1,
    closes_in_days: int = 30,
) -> Round:
    """A round open today, with ``questions`` in order (flushed, not committed)."""
    today = clock.today()
    rnd = rounds.create_round(
        title=title,
        purpose=purpose,
        instructions=instructions,
        opens_on=today - timedelta(days=opened_days_ago),
        closes_on=today + timedelta(days=closes_in_days),
    )
    for text in questions:
        rounds.add_question(rnd, text=text)
    return rnd


def workshop(
    rnd: Round,
    network: str,
    *,
    facilitator: str = "",
    proposals: dict[int, list[str]] | None = None,
) -> Workshop:
    """A workshop held today in Oulu; with ``proposals`` (by question id) its output saved."""
    added = workshops.add_workshop(
        rnd, network=network, date=clock.today(), place="Oulu", facilitator=facilitator
    )
    if proposals is not None:
        workshops.save_output(added, counts={}, organisations=[], proposals=proposals, report="")
    return added
