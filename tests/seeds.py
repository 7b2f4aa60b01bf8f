"""A small round with known themes (interpreting, grants, premises), shared by tests."""

from __future__ import annotations

from consult.submissions import services as submissions
from consult.workshops import services as workshops

SPACES = [
    "Järjestöille maksuttomat kokoontumistilat kunnan kouluilta",
    "Kokoontumistiloja tarvitaan iltaisin yhdistysten käyttöön",
    "Tilojen käyttö maksuttomaksi yhdistyksille",
    "Kunnan tilat järjestöjen käyttöön ilman vuokraa",
    "Edulliset tilat kokoontumiseen kylätaloilla",
]
GRANTS = [
    "Järjestöavustusten haku ennakoitavaksi ja monivuotiseksi",
    "Avustukset maksettava ajoissa vuoden alussa",
    "Kunnan järjestöavustukset turvattava leikkauksilta",
    "Avustusten hakuprosessi kevyemmäksi pienille yhdistyksille",
    "Toiminta-avustuksia myös pienille järjestöille",
]
ACCESS = [
    "Viittomakielinen tulkkaus kaikkiin palveluihin",
    "Tulkkauspalvelut saataville myös iltaisin",
    "Selkokieli ja tulkkaus palveluiden esteettömyyteen",
    "Kuurojen tulkkauspalvelu ilman pitkää odotusta",
    "Kuulovammaisille tulkkaus ja induktiosilmukka tilaisuuksiin",
]


def add_independent(rnd, organisation: str, texts: list[str]) -> None:
    """An organisation's independent answer to the round's first question."""
    submissions.create_independent_submission(
        rnd,
        today=rnd.opens_on,
        organisation=organisation,
        kind="sports",
        municipality="Kempele",
        contact_name="",
        contact_email="",
        proposals={rnd.questions[0].id: texts},
    )


def seed_round(factory, db, independent: str = "Kempeleen Urheilijat ry"):
    """Two workshops and one independent answer: 15 proposals to one question."""
    rnd = factory.round(questions=("Toimintaedellytykset",))
    q = rnd.questions[0]
    w1 = factory.workshop(rnd, "Kuurojen verkosto")
    w2 = factory.workshop(rnd, "Kylät ry")
    workshops.save_output(
        w1,
        counts={"org_reps": 10},
        organisations=["Oulun kuurojen yhdistys ry"],
        proposals={q.id: ACCESS + GRANTS[:2]},
        report="",
    )
    workshops.save_output(
        w2,
        counts={"residents": 4},
        organisations=["Kuivasjärven kyläyhdistys ry"],
        proposals={q.id: SPACES[:3] + GRANTS[2:3]},
        report="",
    )
    add_independent(rnd, independent, SPACES[3:] + GRANTS[3:])
    db.session.commit()
    return rnd
