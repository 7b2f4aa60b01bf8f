"""Demo feedback for the demo round: invented answers with Finnish comments.

The figures are plausible, not real: not every participant answers (roughly 40–75 % in
each workshop), most grades are 4 or 5 and about four in five find the workshop useful,
as in the seeds' feedback summaries. Deterministic: the same round gets the same answers.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, time, timedelta

from consult.extensions import db
from consult.feedback.models import Feedback
from consult.rounds.models import Round
from consult.utils import hash_token

DEMO_WORKSHOPS_WITH_FEEDBACK = 8

COMMENTS = [
    "Hyvä keskustelu, kaikki pääsivät ääneen.",
    "Aikaa olisi saanut olla enemmän, nyt jäi monta asiaa kesken.",
    "Hienoa, että järjestöjä kuullaan jo strategian valmisteluvaiheessa.",
    "Fasilitaattori piti keskustelun hyvin aiheessa.",
    "Kysymykset olivat aika laajoja, konkreettisemmat esimerkit olisivat auttaneet.",
    "Toivottavasti tästä tulee palaute myös meille: mitä ehdotuksille tapahtuu?",
    "Tilaisuus oli hyvin järjestetty ja tila esteetön.",
    "Pienryhmätyöskentely toimi hyvin.",
    "Olisin kaivannut enemmän tietoa maakuntauudistuksen aikataulusta.",
    "Mukavaa tavata muiden yhdistysten väkeä, saimme uusia yhteistyöideoita.",
    "Post it -lappuja oli vähän liikaa, kaikkea ei ehditty käydä läpi.",
    "Hyvä että tämä järjestettiin verkoston omassa kokouksessa, ei tarvinnut lähteä erikseen.",
    "Järjestöjen toimintaedellytyksistä olisi pitänyt puhua enemmän.",
    "Selkeä alustus, kiitos!",
    "Jatkossa kannattaa kutsua mukaan myös kunnan edustajia.",
    "Aamupäivä oli liian lyhyt näin isolle aiheelle.",
    "Tulkkaus toimi hyvin, kiitos siitä.",
    "Kahvit ja ilmapiiri kohdallaan.",
    "En ole varma, vaikuttaako tämä oikeasti mihinkään, mutta hyvä yrittää.",
    "Materiaalit olisi hyvä saada etukäteen luettavaksi.",
    "Hyvä, että myös pienten kyläyhdistysten ääni kuuluu.",
    "Keskustelu meni välillä sivuraiteille.",
    "Toivon, että tällaisia työpajoja järjestetään jatkossakin.",
    "Selkokielinen materiaali olisi auttanut osaa osallistujista.",
]

GRADE_WEIGHTS = {1: 1, 2: 3, 3: 14, 4: 50, 5: 32}
USEFUL_WEIGHTS = {"yes": 80, "unsure": 14, "no": 6}
COMMENT_SHARE = 0.45


def add_demo_feedback(rnd: Round) -> int:
    """Add invented feedback to the round's first closed workshops; returns the answers added.

    Only workshops with at least five participants get feedback, in date order, at most
    :data:`DEMO_WORKSHOPS_WITH_FEEDBACK` of them. Flushes; the caller commits.
    """
    rng = random.Random(2018)
    grades, grade_weights = zip(*GRADE_WEIGHTS.items(), strict=True)
    usefuls, useful_weights = zip(*USEFUL_WEIGHTS.items(), strict=True)
    chosen = [
        w
        for w in sorted(rnd.workshops, key=lambda w: (w.date, w.id))
        if w.is_closed and w.participants >= 5
    ][:DEMO_WORKSHOPS_WITH_FEEDBACK]
    added = 0
    for workshop in chosen:
        answers = max(2, round(workshop.participants * rng.uniform(0.4, 0.75)))
        start = datetime.combine(workshop.date, time(13, 0), tzinfo=UTC)
        comments = rng.sample(COMMENTS, len(COMMENTS))  # no comment twice in one workshop
        for i in range(answers):
            comment = comments.pop() if comments and rng.random() < COMMENT_SHARE else ""
            db.session.add(
                Feedback(
                    workshop_id=workshop.id,
                    grade=rng.choices(grades, grade_weights)[0],
                    useful=rng.choices(usefuls, useful_weights)[0],
                    comment=comment,
                    browser_key=hash_token(f"demo:{workshop.id}:{i}"),
                    created_at=start + timedelta(minutes=rng.randint(0, 240)),
                )
            )
            added += 1
    db.session.flush()
    return added
