"""A small round with known themes (interpreting, grants, premises), shared by tests."""

from __future__ import annotations

import sqlalchemy as sa

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


HIGHLIGHT_TITLES = [
    "Maksuttomat kokoontumistilat järjestöille",
    "Ennakoitavat ja monivuotiset järjestöavustukset",
    "Viittomakielinen tulkkaus kaikkiin palveluihin",
    "Selkeät yhteistyörakenteet sektorirajojen yli",
    "Järjestöjen osallisuus palvelujen suunnitteluun",
    "Vapaaehtoistoiminnan koordinointi ja tuki",
    "Kylätalot lähipalvelujen tukikohdiksi",
    "Ikäihmisten yksinäisyyden ehkäisy",
    "Nuorten harrastusmahdollisuudet maksuttomiksi",
    "Mielenterveysjärjestöjen matalan kynnyksen palvelut",
    "Järjestöyhteyshenkilö jokaiseen kuntaan",
    "Liikunta- ja urheiluseurojen tilavuorot",
    "Seurakuntien ja järjestöjen diakoniayhteistyö",
    "Digituki järjestöjen jäsenille",
    "Hyvinvointikertomukseen järjestöjen tieto",
    "Palvelulupaus asukkaiden kielellä",
    "Kulttuurin saavutettavuus maaseudulla",
    "Vertaistuen rahoitus pysyväksi",
    "Omaishoitajien jaksamisen tuki",
    "Maahanmuuttajajärjestöjen kotoutumistyö",
    "Järjestöjen neuvottelukunnan asema",
    "Rajapintasopimus hyvinvointialueen ja kuntien välille",
    "Liikennepalvelut osallistumisen esteiden poistoon",
    "Ympäristö- ja luontojärjestöjen hyvinvointityö",
]


def seed_highlights(factory, db, n: int = 22, per_theme: int = 3):
    """A demo-sized selection: ``n`` highlights with statements, each with proposals from
    organisations of their own; returns the round. Built through the services."""
    from flask import current_app

    with current_app.test_request_context("/"):  # the history describes changes in words
        return _seed_highlights(factory, db, n, per_theme)


def _seed_highlights(factory, db, n: int, per_theme: int):
    from consult.curation import services as curation

    assert n <= len(HIGHLIGHT_TITLES)
    rnd = seed_round(factory, db)
    question = rnd.questions[0]
    for i in range(n):
        title = HIGHLIGHT_TITLES[i % len(HIGHLIGHT_TITLES)]
        texts = [f"{title}: ehdotus {j + 1} yhdistykseltä {i + 1}" for j in range(per_theme)]
        submissions.create_independent_submission(
            rnd,
            today=rnd.opens_on,
            organisation=f"Yhdistys {i + 1} ry",
            kind="sote",
            municipality="Oulu",
            contact_name="",
            contact_email="",
            proposals={question.id: texts},
        )
    db.session.commit()
    version = 0
    themes = []
    for i in range(n):
        title = HIGHLIGHT_TITLES[i % len(HIGHLIGHT_TITLES)]
        themes.append(
            curation.add_theme(
                rnd,
                title=title,
                statement=(
                    f"{title}. Järjestöt esittävät, että asia kirjataan maakuntastrategiaan "
                    "selkeänä tavoitteena, jolle nimetään vastuutaho, aikataulu ja seurannan "
                    "mittarit yhdessä järjestöjen kanssa."
                ),
                user_id=None,
                version=version,
            )
        )
        version += 1
    from consult.submissions.models import Proposal, Submission

    proposals = db.session.scalars(
        sa.select(Proposal)
        .join(Submission, Submission.id == Proposal.submission_id)
        .where(Submission.round_id == rnd.id)
        .order_by(Proposal.id)
    )
    by_title = {t.title: t.id for t in themes}
    assignments = {
        p.id: by_title[p.text.split(":")[0]] for p in proposals if p.text.split(":")[0] in by_title
    }
    curation.assign_many(rnd, assignments, user_id=None, version=version)
    db.session.commit()
    return rnd
