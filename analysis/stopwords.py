"""Stop words for the languages the engine meets (Finnish lemmas, Swedish, English).

Finnish entries are lemmas as Voikko returns them *and* the commonest surface forms, so the
same list also serves the fallback stemmer, which never sees lemmas.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


FINNISH = _words(
    """
    ja ei en et emme ette eivät eikä sekä tai vai mutta vaan kuin että jotta koska kun jos
    vaikka joten sillä siis eli myös vielä jo nyt vain aina ehkä kyllä juuri niin näin noin
    siten täten sitten siellä täällä tässä siinä tuossa missä mistä mihin tänne sinne mm esim
    jne yms ym ns tms vrt ks ko eg ok ed
    olla on ole ovat oli olivat ollut olleet olisi olisivat ollaan olemme olen olet olette
    voida voi voisi voidaan voivat pitää pitäisi pitäisikö täytyä täytyy tulla tulee tulisi
    tulevat saada saa saisi saadaan kannattaa kannatan kannata tarvita tarvitaan tehdä tehdään
    antaa nähdä näen katsoa katson mieli mieltä mielestä mielestäni mielestämme asia asiat
    asiaa asioita asian osa osin osittain kaikki kaikkia kaiken muu muut muiden muita oma omaa
    omat paljon enemmän vähemmän liian erittäin todella hyvin aivan melko hieman kovin
    minä sinä hän me te he se ne tämä nämä tuo nuo joka jotka mikä mitkä kuka ketkä itse
    jokin joku jotain jotakin mitään mikään kukaan kumpikin kumpi molemmat moni monet usea
    kaikki jokainen jokaisen sama samaa toinen toiset muuten lisäksi kuitenkin silti ainakin
    myöskin tietysti tietenkin toki nimenomaan lähinnä varsin yleensä edelleen ehdottomasti
    minun sinun hänen meidän teidän heidän sen niiden tämän näiden sitä niitä tätä näitä
    jonka joiden joita jota minkä mitä mutta
    """
)

SWEDISH = _words(
    """
    och att det som en ett är för på inte med har av till den de jag om ska skall kan vi
    eller också men så vara detta alla mycket man sig sin sitt sina min mitt mina hon han
    dem oss er ni nu när där här vad vilken vilket vilka bör måste skulle kunde vill blir
    bli blev varit hade var från efter under över mot utan genom mellan än bara redan även
    dock alltså sedan ju nog ja nej inga ingen inget någon något några
    """
)

ENGLISH = _words(
    """
    the and of to is in that it for be are not with this should we as on at by an or but
    from have has had was were will would can could must shall may might do does did so
    than then there their they them these those its our us you your he she his her i my
    which who whom what when where why how all any more most other some such only also
    very just into about over after before because if while been being a no nor too
    """
)
