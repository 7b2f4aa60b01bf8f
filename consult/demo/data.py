"""Demo round for consult: invented content modelled on a real case.

This module holds the demo consultation round that is loaded into a fresh
installation. It recreates the shape of the 2018 North Ostrobothnia case
("Järjestöjen näkemykset osaksi maakuntastrategiaa vuonna 2018"): thirteen
workshops held inside existing organisation networks between 29 August and
29 November 2018 (158 participants in total), plus organisations taking part
independently, answering three questions: the service promise
(palvelulupaus), the organisations' operating conditions
(toimintaedellytykset) and the structures of cooperation (rakenteet).

The dates, network names and participant totals follow the published
"Toteuma" table of the case. Everything else -- places, facilitators,
attending organisations, the breakdown of participants, the closing reports,
the independent submissions and every proposal -- is invented demo content
written to resemble what facilitators type from sticky notes. It is not the
real output of the 2018 workshops and must not be used to measure theme
quality (see bench/ for that). Organisation names are invented or generic;
e-mail addresses use the reserved example.fi domain.

The module contains data only; its shapes are in :mod:`consult.demo.specs`.
"""

from datetime import date

from consult.demo.specs import (
    Counts,
    OrganisationSpec,
    QuestionSpec,
    RoundSpec,
    SubmissionSpec,
    WorkshopSpec,
)

ROUND = RoundSpec(
    slug="maakuntastrategia-2018",
    title="Maakuntastrategia 2018",
    purpose=(
        "Kuulemiskierroksen tavoitteena on saada Pohjois-Pohjanmaan järjestöjen "
        "näkemykset osaksi maakuntastrategiaa. Järjestöt kertovat, millainen "
        "maakunnan palvelulupauksen tulisi olla, mitä järjestötoiminta tarvitsee "
        "jatkuakseen ja millaisten rakenteiden kautta järjestöyhteistyötä tehdään. "
        "Ehdotukset kootaan teemoittain nostoiksi, joiden näkymistä maakunnan "
        "asiakirjoissa järjestöneuvottelukunta seuraa."
    ),
    instructions=(
        "Yhdistyksenne voi osallistua itsenäisesti, vaikka se ei olisi mukana "
        "missään työpajassa. Keskustelkaa kysymyksistä esimerkiksi hallituksen "
        "kokouksessa tai jäsenillassa ja kirjatkaa vastaukset lomakkeelle. "
        "Kirjoittakaa jokainen ehdotus omaksi kohdakseen: yksi ajatus yhteen "
        "ehdotukseen, lyhyesti ja konkreettisesti. Kaikkiin kolmeen kysymykseen ei "
        "tarvitse vastata, jos jokin aihe ei koske toimintaanne. Lähetettyänne "
        "vastauksen saatte yksityisen linkin, jonka kautta voitte täydentää ja "
        "muokata ehdotuksia. Vastausaikaa on perjantaihin 14.12.2018 asti."
    ),
    opens_on=date(2018, 8, 20),
    closes_on=date(2018, 12, 14),
)

QUESTIONS: tuple[QuestionSpec, ...] = (
    QuestionSpec(
        key="palvelulupaus",
        text=(
            "Palvelulupaus: Mitä maakunnan tulee luvata asukkaille palvelujen "
            "saatavuudesta, laadusta ja yhdenvertaisuudesta, ja miten järjestöjen "
            "toiminta näkyy siinä?"
        ),
        help_text=(
            "Palvelulupaus kertoo, millaisia palveluja asukas voi maakunnassa "
            "odottaa. Ajatelkaa jäsentenne ja kohderyhmienne arkea: mikä palveluissa "
            "toimii, mikä puuttuu ja mitä järjestöt voisivat tuoda mukaan."
        ),
    ),
    QuestionSpec(
        key="toimintaedellytykset",
        text=(
            "Järjestöjen toimintaedellytykset: Mitä järjestöt tarvitsevat "
            "maakunnalta ja kunnilta, jotta niiden toiminta voi jatkua ja kehittyä?"
        ),
        help_text=(
            "Esimerkiksi avustukset, toimitilat, vapaaehtoisten tuki ja koulutus, "
            "viestintä ja hallinnollinen työ. Kertokaa myös, mikä nykyisin "
            "vaikeuttaa toimintaanne."
        ),
    ),
    QuestionSpec(
        key="rakenteet",
        text=(
            "Järjestöyhteistyön rakenteet: Millaisten rakenteiden ja käytäntöjen "
            "kautta järjestöjen, kuntien ja maakunnan yhteistyötä tulisi tehdä?"
        ),
        help_text=(
            "Esimerkiksi neuvottelukunnat, yhdyshenkilöt, verkostot ja foorumit, "
            "järjestöjen osallistuminen valmisteluun ja palveluketjuihin sekä "
            "palautteen antaminen järjestöille."
        ),
    ),
)

WORKSHOPS: tuple[WorkshopSpec, ...] = (
    WorkshopSpec(
        date=date(2018, 8, 29),
        network="Ikäihmisten elämänkaariverkosto/Oulu",
        place="Oulun kumppanuuskeskus, kokoustila Kaarna, Oulu",
        facilitator="Anneli Kärkkäinen",
        counts=Counts(org_reps=8, staff=3, residents=1, others=0),
        organisations=(
            OrganisationSpec(
                name="Oulun Seudun Eläkkeensaajat ry", kind="sote", municipality="Oulu"
            ),
            OrganisationSpec(name="Kaukovainion Seniorit ry", kind="sote", municipality="Oulu"),
            OrganisationSpec(
                name="Oulun Seudun Muistiyhdistys ry", kind="sote", municipality="Oulu"
            ),
            OrganisationSpec(
                name="Hiukkavaaran Asukasyhdistys ry", kind="village", municipality="Oulu"
            ),
            OrganisationSpec(
                name="Oulun kaupunki, ikäihmisten palvelut",
                kind="municipality",
                municipality="Oulu",
            ),
        ),
        report=(
            "Työpajaan osallistui eläkeläis- ja potilasjärjestöjen edustajia sekä "
            "kaupungin ikäihmisten palvelujen työntekijöitä. Eniten keskustelua "
            "herättivät henkilökohtaisen asioinnin turvaaminen digipalvelujen rinnalla "
            "ja yksinäisyyden ehkäisy. Verkosto toivoo, että sen työ jatkuu myös "
            "maakunnan aikana."
        ),
        proposals={
            "palvelulupaus": (
                "Ikäihmisellä pitää olla oikeus asioida kasvokkain, jos digipalvelut eivät ole hänelle mahdollisia.",
                "Palveluohjaajan puhelinnumero pitää löytyä helposti ja vastaajan pitää olla ihminen eikä automaatti.",
                "Kotiin annettavat palvelut myös syrjäkylille, ei pelkästään Oulun keskustan tuntumaan.",
                "Järjestöjen vertaisryhmät ja päivätoiminta tulee mainita palvelulupauksessa osana ikäihmisten hyvinvointia.",
                "Muistisairaan ja hänen läheisensä tulee saada sama palveluohjaaja koko sairauden ajan.",
                "Palvelujen esteettömyys: rampit, induktiosilmukat ja riittävä valaistus kaikkiin toimipisteisiin.",
                "Ennaltaehkäisevät kotikäynnit 75 vuotta täyttäneille takaisin jokaiseen kuntaan.",
                "Yksinäisyyden ehkäisy kirjattava maakunnan palvelulupaukseen yhtä tärkeäksi asiaksi kuin hoito.",
                "Palveluista kerrottava selkokielellä ja paperisena esitteenä, ei pelkästään verkossa.",
                "Kuljetuspalvelut järjestettävä niin, että ikäihminen pääsee myös järjestön kerhoon ja liikuntaryhmään.",
            ),
            "toimintaedellytykset": (
                "Eläkeläisjärjestöjen kerhot tarvitsevat maksuttomat kokoontumistilat kunnan tai maakunnan tiloista.",
                "Avustushaku yhdeksi kerraksi vuodessa ja päätökset ajoissa ennen toimintakauden alkua.",
                "Ystävätoiminnan vapaaehtoiset tarvitsevat koulutusta ja työnohjausta, jota järjestö ei yksin jaksa järjestää.",
                "Pienen yhdistyksen raportointi saadusta avustuksesta pitää olla kevyt, yksi sivu riittää.",
                "Vapaaehtoisten kulukorvaukset, esimerkiksi bensarahat, pitäisi voida kattaa avustuksella.",
                "Kunnan ja maakunnan on sovittava selvästi, kumpi avustaa ikäihmisten järjestöjä sote-uudistuksen jälkeen.",
                "Uusia, nuorempia eläkeläisiä pitää houkutella mukaan vapaaehtoistoimintaan yhteisellä kampanjalla.",
                "Yhdistysten tapahtumat näkyviin ihimiset.fi-sivustolle ja kunnan omille sivuille samasta paikasta.",
                "Palvelutalojen yhteistiloja pitää saada käyttää järjestön toimintaan ilta-aikaan ilman vuokraa.",
            ),
            "rakenteet": (
                "Ikäihmisten elämänkaariverkoston pitää jatkua myös maakunnan aikana ja sillä pitää olla nimetty koollekutsuja.",
                "Vanhusneuvostojen ja järjestöjen välille säännöllinen yhteinen tapaaminen kahdesti vuodessa.",
                "Järjestöt mukaan ikäihmisten palveluketjujen suunnitteluun heti alusta, ei vasta lausuntovaiheessa.",
                "Jokaisessa kunnassa nimetty järjestöyhdyshenkilö, jolta voi kysyä avustuksista ja tiloista.",
                "Kotihoidon työntekijät voisivat ohjata asiakkaita järjestöjen toimintaan, jos heillä olisi ajantasainen tieto.",
                "Kokemusasiantuntijoita ja omaisia pitää ottaa mukaan vanhuspalvelujen kehittämisryhmiin.",
                "Hyvinvointikertomukseen pitää kirjata, miten järjestöt osallistuvat ikäihmisten hyvinvoinnin edistämiseen.",
                "Seurakuntien diakoniatyö ja järjestöt samaan pöytään kunnan hyte-ryhmän kanssa.",
                "Maakunnan järjestöneuvottelukunnassa pitää olla myös ikäihmisten järjestöjen edustaja.",
            ),
        },
    ),
    WorkshopSpec(
        date=date(2018, 9, 24),
        network="Työikäisten elämänkaariverkosto/Oulu",
        place="Oulun kumppanuuskeskus, kokoustila Kaarna, Oulu",
        facilitator="Juha Niskanen",
        counts=Counts(org_reps=6, staff=3, residents=0, others=1),
        organisations=(
            OrganisationSpec(
                name="Mielenterveysyhdistys Tuulenhenki ry", kind="sote", municipality="Oulu"
            ),
            OrganisationSpec(name="Oulun A-kilta ry", kind="sote", municipality="Oulu"),
            OrganisationSpec(
                name="Oulun Seudun Hengitysyhdistys ry", kind="sote", municipality="Oulu"
            ),
            OrganisationSpec(name="Oulun Työttömät ry", kind="other", municipality="Oulu"),
            OrganisationSpec(
                name="Oulun kaupunki, työikäisten palvelut",
                kind="municipality",
                municipality="Oulu",
            ),
        ),
        report=(
            "Keskustelussa painottuivat matalan kynnyksen mielenterveys- ja "
            "päihdepalvelut sekä järjestöjen vertaistuen kytkeminen hoitopolkuihin. "
            "Järjestöjen edustajat nostivat esiin hankerahoituksen katkonaisuuden. "
            "Sote-keskuksiin toivottiin järjestöpistettä."
        ),
        proposals={
            "palvelulupaus": (
                "Mielenterveyspalveluihin pitää päästä matalalla kynnyksellä ilman pitkää jonoa tai lähetettä.",
                "Päihde- ja mielenterveyskuntoutujille tarjottava järjestöjen vertaistuki osaksi hoitopolkua.",
                "Työikäisten terveystarkastukset myös niille, jotka eivät ole työterveyshuollon piirissä.",
                "Sähköisten palvelujen rinnalla on oltava aina mahdollisuus henkilökohtaiseen asiointiin ja neuvontaan.",
                "Palvelulupauksessa todettava, että asiakas saa tiedon myös järjestöjen tarjoamasta tuesta.",
                "Sosiaaliohjaajien kanssa pitäisi voida asioida myös ilta-aikaan, jotta työssäkäyväkin ehtii.",
                "Terveyttä edistävät ryhmät, kuten painonhallinta ja tupakasta vieroitus, järjestöjen kanssa yhteistyössä.",
                "Lupaus siitä, ettei ketään pompotella luukulta toiselle vaan yksi ihminen vastaa kokonaisuudesta.",
                "Kuntoutusjakson jälkeinen siirtyminen järjestön ryhmään pitää sopia jo ennen kotiutusta.",
            ),
            "toimintaedellytykset": (
                "Järjestöjen palkattujen työntekijöiden rahoitus katkeaa projektien päättyessä, tarvitaan pysyvämpää rahoitusta.",
                "Toiminta-avustukset monivuotisiksi, jotta henkilöstöä voidaan sitouttaa pidemmäksi aikaa.",
                "Kunnan tilojen varausjärjestelmä yhdistyksille helpommaksi ja kokonaan sähköiseksi.",
                "Vertaisohjaajien peruskoulutus voitaisiin järjestää yhteisesti usean yhdistyksen voimin.",
                "Avustusten hakulomakkeet yhtenäisiksi kuntien ja maakunnan välillä, nyt jokaisella on oma lomake.",
                "Viestintään tukea: pienillä yhdistyksillä ei ole osaamista sosiaaliseen mediaan eikä verkkosivuihin.",
                "STEA-rahoitteisen toiminnan ja kunnan avustusten yhteensovittaminen vaatii selkeät pelisäännöt.",
                "Kokoontumistiloja tarvitaan keskustan ulkopuolelle, lähelle asukkaita ja hyvien bussiyhteyksien varrelle.",
                "Järjestöjen tekemä työ pitää tunnustaa myös taloudellisesti eikä pitää sitä ilmaisena lisänä.",
            ),
            "rakenteet": (
                "Työikäisten elämänkaariverkostolle vakituinen asema maakunnan hyvinvoinnin edistämisen rakenteessa.",
                "Sote-keskusten asiakasraateihin on saatava myös järjestöjen edustaja jokaiselta alueelta.",
                "Sote-keskukseen järjestöpiste tai järjestöjen päivystysvuoro, josta asiakas saa tietoa suoraan.",
                "Yhteinen foorumi kerran vuodessa, jossa maakunta kertoo, miten järjestöjen ehdotuksia on huomioitu.",
                "Palveluohjauksen kehittämiseen mukaan järjestöjen työntekijät ja kokemusasiantuntijat.",
                "Kunnan hyvinvointikoordinaattorin ja järjestöjen välille säännölliset tapaamiset.",
                "Yhteinen kalenteri, josta näkee kaikki kunnan, maakunnan ja järjestöjen hyte-tapahtumat.",
                "Järjestöt mukaan valmisteluun jo suunnitteluvaiheessa eikä vasta, kun asiat on päätetty.",
            ),
        },
    ),
    WorkshopSpec(
        date=date(2018, 9, 26),
        network="Sote-järjestöjen alueverkosto",
        place="Ylivieskan kaupunginkirjasto, ryhmätila, Ylivieska",
        facilitator="Marjo Hietala",
        counts=Counts(org_reps=4, staff=1, residents=0, others=0),
        organisations=(
            OrganisationSpec(
                name="Ylivieskan Seudun Reumayhdistys ry", kind="sote", municipality="Ylivieska"
            ),
            OrganisationSpec(name="Nivalan Sydänyhdistys ry", kind="sote", municipality="Nivala"),
            OrganisationSpec(
                name="Haapajärven Mielenterveysseura ry", kind="sote", municipality="Haapajärvi"
            ),
            OrganisationSpec(
                name="Kalajokilaakson Omaiset ry", kind="sote", municipality="Kalajoki"
            ),
        ),
        report=(
            "Pieni mutta aktiivinen joukko eteläisen Pohjois-Pohjanmaan "
            "sote-järjestöistä. Huolena oli, että palvelut ja päätöksenteko "
            "keskittyvät Ouluun ja pienten yhdistysten kuntarahoitus loppuu "
            "uudistuksessa. Alueverkostolle toivottiin pysyvää koordinaattoria."
        ),
        proposals={
            "palvelulupaus": (
                "Jokilaaksojen asukkaiden pitää saada samat palvelut kuin Oulun seudulla, vaikka matkaa on enemmän.",
                "Erikoislääkärin vastaanotto myös Ylivieskan ja Nivalan suunnalla, ettei kaikkien tarvitse ajaa Ouluun.",
                "Liikkuvat palvelut, kuten terveysbussi, niille kylille, joilla ei ole omaa terveysasemaa.",
                "Potilasjärjestöjen ensitietopäivät osaksi diagnoosin jälkeistä hoitopolkua.",
                "Hoitajat ja lääkärit tarvitsevat tietoa alueen järjestöistä, jotta osaavat ohjata asiakkaan vertaistukeen.",
                "Palvelulupauksen pitää olla niin konkreettinen, että sen toteutumista voi oikeasti seurata.",
                "Etävastaanotot ovat hyvä lisä, mutta niiden tekniikka ja opastus pitää järjestää ikäihmisille.",
            ),
            "toimintaedellytykset": (
                "Pienet paikallisyhdistykset eivät pysty hakemaan STEA-rahaa, joten kunnan avustus on niille elintärkeä.",
                "Jos kunta ei enää avusta sote-yhdistyksiä uudistuksen jälkeen, moni yhdistys lopettaa toimintansa.",
                "Yhdyspintasopimukseen kirjattava, kuka vastaa sote-järjestöjen avustamisesta kunnassa ja maakunnassa.",
                "Terveyskeskusten ja sairaaloiden tiloja pitäisi saada maksutta vertaisryhmien kokoontumisiin.",
                "Vapaaehtoisten jaksamista on tuettava, koska samat aktiivit tekevät kaiken ja väsyvät.",
                "Järjestöjen yhteiset koulutuspäivät alueella, ettei aina tarvitse matkustaa Ouluun asti.",
                "Hallituksen jäsenille koulutusta kirjanpidosta, tietosuojasta ja avustusten hakemisesta.",
                "Kuntien nettisivuilla järjestöjen tiedot ovat usein vanhentuneita, ihimiset.fi-leijukkeet käyttöön kaikkiin kuntiin.",
            ),
            "rakenteet": (
                "Alueverkosto tarvitsee pysyvän koordinaattorin, jonka työ ei ole hankerahan varassa.",
                "Maakunnan järjestöneuvottelukunnassa pitää olla edustus myös eteläisestä Pohjois-Pohjanmaasta.",
                "Jokaiseen kuntaan järjestöyhdyshenkilö, jonka yhteystiedot ovat julkisesti esillä.",
                "Järjestöjen ja sote-keskusten yhteiset palaverit vähintään kaksi kertaa vuodessa.",
                "Järjestöjen kuuleminen valmistelussa ei saa olla pelkkä muodollisuus, palaute pitää antaa takaisin.",
                "Sähköinen palvelutarjotin, josta ammattilainen löytää järjestöjen toiminnan ja voi ohjata asiakkaan.",
                "Kuntien hyvinvointiryhmiin on kutsuttava myös paikalliset sote-järjestöt.",
                "Kokemusasiantuntijat koulutettava ja heille maksettava palkkio, kun he osallistuvat kehittämiseen.",
                "Seutukunnittain järjestettävät järjestöfoorumit lisäisivät vuoropuhelua kuntien ja maakunnan kanssa.",
            ),
        },
    ),
    WorkshopSpec(
        date=date(2018, 10, 2),
        network="LAPE-seminaarin osallistujajärjestöt",
        place="Oulun kaupungintalo, valtuustosali, Oulu",
        facilitator="Sanna Keränen",
        counts=Counts(org_reps=18, staff=8, residents=1, others=3),
        organisations=(
            OrganisationSpec(name="Perhekeskusyhdistys Kehto ry", kind="sote", municipality="Oulu"),
            OrganisationSpec(name="Oulun 4H-yhdistys ry", kind="youth", municipality="Oulu"),
            OrganisationSpec(
                name="Limingan Lakeuden Partiolaiset ry", kind="youth", municipality="Liminka"
            ),
            OrganisationSpec(name="Muhoksen Nuorisoseura ry", kind="youth", municipality="Muhos"),
            OrganisationSpec(
                name="Oulun seurakuntayhtymä, perhetyö", kind="parish", municipality="Oulu"
            ),
            OrganisationSpec(
                name="Kempeleen kunta, perhepalvelut", kind="municipality", municipality="Kempele"
            ),
        ),
        report=(
            "Työpaja pidettiin LAPE-seminaarin yhteydessä pöytäryhmissä, ja "
            "osallistujia oli runsaasti. Keskeisiä viestejä olivat perhekeskusten "
            "rakentaminen yhdessä järjestöjen ja seurakuntien kanssa, matalan "
            "kynnyksen tuki vanhemmuuteen sekä LAPE-työn jatkuvuus hankkeen jälkeen."
        ),
        proposals={
            "palvelulupaus": (
                "Perhekeskus jokaiseen kuntaan niin, että järjestöjen perhetoiminta on siellä näkyvästi mukana.",
                "Lapsiperheen pitää saada kotipalvelua nopeasti ja ilman raskasta lastensuojelun asiakkuutta.",
                "Matalan kynnyksen tuki vanhemmuuteen: vertaisryhmät, perhekahvilat ja neuvolan yhteiset ryhmät.",
                "Lasten ja nuorten mielenterveyspalveluihin pääsyä nopeutettava, nyt jonot venyvät kuukausiin.",
                "Erityistä tukea tarvitsevan lapsen perhe tarvitsee yhden yhteyshenkilön, joka kokoaa palvelut.",
                "Nuorten ääni kuuluviin palveluja suunniteltaessa, esimerkiksi nuorisovaltuustojen kautta.",
                "Eroperheille tarjottava tukea järjestöjen kanssa yhteistyössä jo eron alkuvaiheessa.",
                "Harrastamisen mahdollisuus jokaiselle lapselle perheen tuloista riippumatta.",
                "Neuvolan ja koulun terveydenhoitajan tulisi tietää lähialueen järjestöjen perhetoiminnasta.",
                "Maahanmuuttajaperheille tietoa palveluista omalla kielellä tai selkokielellä.",
                "Ennaltaehkäisevään perhetyöhön panostettava, koska se säästää korjaavien palvelujen kuluissa.",
                "Palvelulupaukseen sitoumus lapsivaikutusten arvioinnista kaikissa maakunnan päätöksissä.",
            ),
            "toimintaedellytykset": (
                "LAPE-hankkeen aikana syntyneille yhteistyömalleille jatkorahoitus hankkeen päättymisen jälkeen.",
                "Perhekahvilan pitäminen vaatii tilan, joka on lastenvaunuille esteetön ja jossa on keittiö.",
                "Koulujen tiloja iltakäyttöön nuorten ja perheiden järjestötoiminnalle maksutta.",
                "Nuorisojärjestöjen avustuskriteerit pitäisi avata, jotta tiedetään, mihin rahaa voi saada.",
                "Vapaaehtoisille tukihenkilöille ja tukiperheille koulutusta ja säännöllistä ohjausta.",
                "Avustusten maksatus nopeammaksi, pieni yhdistys ei pysty odottamaan rahoja puolta vuotta.",
                "Lapsi- ja perhejärjestöjen toimintaa pitää esitellä perheille yhteisessä tapahtumassa kerran vuodessa.",
                "Rikostaustaotteen pyytäminen vapaaehtoisilta on hankalaa, tähän tarvitaan selkeä ohje järjestöille.",
                "Kunnan ja maakunnan pitää sopia, kumpi tukee perhekahviloita ja kerhotoimintaa uudessa mallissa.",
                "Partio ja muut harrastusjärjestöt tarvitsevat varastotilaa ja kololle edullisen vuokran.",
                "Järjestöjen viestintä kannattaisi koota yhteen perheille suunnattuun kanavaan.",
            ),
            "rakenteet": (
                "LAPE-verkoston työ pitää vakiinnuttaa osaksi maakunnan rakenteita eikä antaa sen hiipua.",
                "Perhekeskuksen ohjausryhmässä pitää olla järjestöjen ja seurakuntien edustajat.",
                "Lasten ja nuorten hyvinvointisuunnitelman laatimiseen järjestöt mukaan alusta asti.",
                "Kuntien lapsi- ja perhepalvelujen ja järjestöjen yhteiset verkostotapaamiset säännöllisiksi.",
                "Järjestöjen asiantuntijuutta pitäisi hyödyntää ammattilaisten koulutuksissa, esimerkiksi erotyössä.",
                "Nuorten osallisuusryhmät kytkettävä maakunnan valmisteluun niin, että palaute kulkee molempiin suuntiin.",
                "Palveluohjaus perhekeskuksessa pitää tehdä yhdessä järjestöjen kanssa, ei niiden ohi.",
                "Maakunnan järjestöneuvottelukunnassa pitää olla lapsi-, nuoriso- ja perhejärjestöjen edustus.",
                "Sektorirajat ylittävä yhteistyö koulun, sosiaalitoimen, järjestöjen ja seurakuntien välillä.",
                "Kokemusasiantuntijavanhemmat pitää ottaa mukaan lastensuojelun palvelujen kehittämiseen.",
                "Yhteistyösopimukset järjestöjen kanssa kirjallisiksi, jotta yhteistyö ei ole yksittäisten ihmisten varassa.",
            ),
        },
    ),
    WorkshopSpec(
        date=date(2018, 10, 2),
        network="Oulun seudun omaishoitajat ry",
        place="Oulun seudun omaishoitajat ry:n toimitila, Oulu",
        facilitator="Päivi Jokela",
        counts=Counts(org_reps=7, staff=1, residents=2, others=0),
        organisations=(
            OrganisationSpec(
                name="Oulun seudun omaishoitajat ry", kind="sote", municipality="Oulu"
            ),
            OrganisationSpec(
                name="Kiimingin Omaishoitajien Kerho ry", kind="sote", municipality="Oulu"
            ),
            OrganisationSpec(name="Limingan Omaishoitajat ry", kind="sote", municipality="Liminka"),
        ),
        report=(
            "Omaishoitajat kertoivat arjestaan avoimesti. Tärkeimpinä pidettiin "
            "lakisääteisten vapaapäivien toteutumista, sijaishoidon järjestämistä "
            "kotiin ja omaishoidon tuen yhtenäisiä perusteita koko maakunnassa. "
            "Vertaistukiryhmiin osallistuminen edellyttää hoidettavalle hoitajaa."
        ),
        proposals={
            "palvelulupaus": (
                "Omaishoitajan lakisääteisten vapaapäivien on toteuduttava, sijaishoitopaikkoja on nyt liian vähän.",
                "Intervallihoitoon pääsyn pitää olla joustavaa ja hoitopaikan hoidettavalle tuttu aina kun mahdollista.",
                "Omaishoitajille vuosittainen terveystarkastus, jota nyt ei kaikissa kunnissa järjestetä.",
                "Omaishoidon tuen myöntämisperusteet yhtenäisiksi koko maakunnassa, nyt kuntien välillä on suuria eroja.",
                "Kotiin annettava sijaishoito, jolloin hoidettavan ei tarvitse lähteä vieraaseen paikkaan.",
                "Omaishoitajalle oma nimetty yhteyshenkilö, joka tuntee perheen tilanteen.",
                "Omaishoitajuuden tunnistaminen terveyskeskuksessa ja ohjaus yhdistyksen vertaistukeen heti alussa.",
                "Palvelusetelien käyttö selkeäksi, omaishoitaja ei jaksa selvittää monimutkaisia ohjeita.",
                "Asiointi ilman nettiä on mahdollistettava, monella iäkkäällä omaishoitajalla ei ole tietokonetta.",
            ),
            "toimintaedellytykset": (
                "Vertaistukiryhmien ajaksi tarvitaan hoidettavalle hoitaja, muuten omaishoitaja ei pääse ryhmään.",
                "Yhdistyksen toiminta-avustus turvattava, vaikka omaishoidon tuki siirtyy maakunnalle.",
                "Virkistyspäivien ja -lomien järjestämiseen tukea, ne ovat omaishoitajalle tärkein lepohetki.",
                "Vapaaehtoisia tarvitaan omaishoitoperheiden tueksi, esimerkiksi ulkoiluttamaan tai juttuseuraksi.",
                "Kokoontumistila keskeiselle paikalle, jonne pääsee myös pyörätuolin kanssa ja jossa on parkkipaikkoja.",
                "Yhdistyksen työntekijän palkkaamiseen tarvitaan jatkuvaa rahoitusta, vapaaehtoisvoimin ei pärjätä.",
                "Omaishoitajille suunnattu tieto ja tapahtumat yhteen paikkaan, esimerkiksi ihimiset.fi-sivustolle.",
                "Järjestöjen tiloista ei pitäisi periä vuokraa silloin, kun toiminta tukee maakunnan palveluja.",
            ),
            "rakenteet": (
                "Omaishoitoyhdistykset mukaan omaishoidon palveluketjun suunnitteluun maakunnassa.",
                "Omaishoitajien edustaja pitäisi saada kunnan vanhus- ja vammaisneuvostoon.",
                "Säännöllinen yhteistyöpalaveri omaishoidon ohjaajien ja yhdistyksen välillä.",
                "Omaishoitajien kokemukset hyödynnettävä palveluja kehitettäessä, kokemusasiantuntijoina ja palkallisesti.",
                "Sopimus yhdistyksen kanssa siitä, että uudet omaishoitajat ohjataan valmennukseen ja vertaisryhmiin.",
                "Omaishoidon asiat näkyviin hyvinvointikertomukseen ja maakunnan strategiaan.",
                "Omaishoitajat tarvitsevat paikan, jossa yhdistyksen ja kunnan neuvonta on saman katon alla.",
            ),
        },
    ),
    WorkshopSpec(
        date=date(2018, 10, 9),
        network="Pohjois-Pohjanmaan diabetesyhdistykset",
        place="Oulun kumppanuuskeskus, kokoustila Lumme, Oulu",
        facilitator="Tero Pesonen",
        counts=Counts(org_reps=7, staff=0, residents=0, others=1),
        organisations=(
            OrganisationSpec(
                name="Oulun Seudun Diabetesyhdistys ry", kind="sote", municipality="Oulu"
            ),
            OrganisationSpec(
                name="Raahen Seudun Diabetesyhdistys ry", kind="sote", municipality="Raahe"
            ),
            OrganisationSpec(
                name="Kuusamon Diabetesyhdistys ry", kind="sote", municipality="Kuusamo"
            ),
            OrganisationSpec(
                name="Ylivieskan Seudun Diabetesyhdistys ry", kind="sote", municipality="Ylivieska"
            ),
            OrganisationSpec(
                name="Pudasjärven Diabetesyhdistys ry", kind="sote", municipality="Pudasjärvi"
            ),
        ),
        report=(
            "Diabetesyhdistysten edustajat eri puolilta maakuntaa painottivat "
            "tyypin 2 diabeteksen ennaltaehkäisyä ja vertaistuen kytkemistä "
            "hoitopolkuun heti diagnoosin jälkeen. Hoitotarvikejakelun erot "
            "kuntien välillä koettiin epäoikeudenmukaisiksi."
        ),
        proposals={
            "palvelulupaus": (
                "Tyypin 2 diabeteksen ennaltaehkäisy vahvasti mukaan, riskitestit ja elintapaohjaus kaikille riskiryhmään kuuluville.",
                "Diabeteshoitajan vastaanotolle pääsy kohtuullisessa ajassa myös pienissä kunnissa.",
                "Hoitotarvikkeiden jakelu yhtenäiseksi koko maakunnassa, nyt käytännöt vaihtelevat kunnittain.",
                "Vertaistuki osaksi hoitopolkua: diagnoosin saanut ohjataan yhdistyksen ensitietoiltaan.",
                "Jalkahoitajan palvelut diabeetikoille pitää turvata myös haja-asutusalueilla.",
                "Etäseuranta ja sähköinen hoitopäiväkirja ovat hyvä lisä, mutta eivät korvaa hoitajan tapaamista.",
                "Terveellisten elintapojen edistäminen jo kouluissa ja työpaikoilla yhdessä järjestöjen kanssa.",
                "Jokaisella diabeetikolla on ajantasainen hoitosuunnitelma, joka tehdään yhdessä potilaan kanssa.",
            ),
            "toimintaedellytykset": (
                "Vertaistukihenkilöiden koulutus järjestettävä yhteisesti kaikille maakunnan diabetesyhdistyksille.",
                "Yhdistysten liikuntaryhmille edullisia vuoroja kuntien liikuntatiloista.",
                "Terveyskeskusten odotustiloihin tilaa yhdistysten esitteille ja infopisteelle.",
                "Avustuksen pitäisi kattaa myös kahvitukset ja materiaalit, koska ne houkuttelevat uusia jäseniä mukaan.",
                "Pienet yhdistykset tarvitsevat apua jäsenrekisterin ja tietosuoja-asioiden hoitamiseen.",
                "Hallitustyöhön on vaikea saada uusia ihmisiä, tarvitaan koulutusta ja mentorointia.",
                "Mittaustapahtumat kauppakeskuksissa toimivat hyvin, mutta niihin tarvitaan kunnan ja terveydenhuollon tukea.",
                "Avustuspäätökset pitäisi tehdä monivuotisina, jotta toimintaa voi suunnitella pidemmälle.",
            ),
            "rakenteet": (
                "Diabeteshoitajat ja yhdistykset yhteiseen tapaamiseen kerran vuodessa jokaisella seutukunnalla.",
                "Hoitoketjuun kirjattava kohta, jossa potilaalle kerrotaan diabetesyhdistyksen toiminnasta.",
                "Järjestöjen edustus maakunnan hyte-työryhmässä, koska ennaltaehkäisyssä järjestöillä on paljon annettavaa.",
                "Kokemusasiantuntijoita voisi käyttää hoitajien ja lääkärien koulutuksessa.",
                "Kuntien järjestöyhdyshenkilöt voisivat tiedottaa yhdistyksille ajankohtaisista asioista.",
                "Valtakunnallisten liittojen, paikallisyhdistysten ja maakunnan yhteistyöstä pitää sopia selvästi.",
                "Kansalaisopistojen, liikuntatoimen ja diabetesyhdistysten yhteisiä elintapakursseja pitäisi järjestää enemmän.",
            ),
        },
    ),
    WorkshopSpec(
        date=date(2018, 10, 11),
        network="Kynnys ry:n SAMAT-toiminta",
        place="Oulun kaupunginkirjasto, esteetön ryhmätila, Oulu",
        facilitator="Laura Heikkinen",
        counts=Counts(org_reps=2, staff=0, residents=1, others=0),
        organisations=(
            OrganisationSpec(name="Kynnys ry, SAMAT-toiminta", kind="sote", municipality="Oulu"),
        ),
        report=(
            "Pienessä ryhmässä keskusteltiin vammaisten ihmisten ja "
            "maahanmuuttajataustaisten vammaisten kokemuksista palveluissa. "
            "Esteettömyys ja saavutettavuus, selkokieli ja tulkkaus nousivat "
            "kaikkien kysymysten kohdalla esiin."
        ),
        proposals={
            "palvelulupaus": (
                "Kaikkien maakunnan palvelupisteiden on oltava esteettömiä, myös wc-tilojen ja sisäänkäyntien.",
                "Verkkopalvelujen saavutettavuus pitää testata yhdessä vammaisten käyttäjien kanssa.",
                "Tietoa palveluista myös selkokielellä ja eri kielillä, koska kaikki eivät puhu suomea äidinkielenään.",
                "Vammaiselle maahanmuuttajalle tulkki ja palveluohjaus samalla käynnillä, ettei tarvitse asioida monta kertaa.",
                "Henkilökohtainen apu järjestettävä nopeasti ja niin, että vammainen saa itse päättää avustajastaan.",
                "Kuljetuspalvelujen pitää toimia yli kuntarajojen ilman erillisiä hakemuksia.",
            ),
            "toimintaedellytykset": (
                "Vammaisten ihmisten järjestötoimintaan tarvitaan esteettömät tilat, joita on Oulussa vaikea löytää.",
                "Avustajien ja tulkkien kulut pitäisi voida sisällyttää järjestöavustuksiin.",
                "Pienelle toiminnalle kevyempi avustushaku ilman monimutkaisia liitteitä.",
                "Vertaisohjaajien koulutusta pitäisi järjestää myös selkokielellä ja tulkattuna.",
                "Järjestöjen tapahtumailmoituksiin merkintä esteettömyydestä, jotta tietää, voiko osallistua.",
            ),
            "rakenteet": (
                "Vammaisneuvostoon on valittava myös maahanmuuttajataustaisten vammaisten edustaja.",
                "Vammaiset ihmiset kokemusasiantuntijoina mukaan suunnittelemaan palveluja, ei vain niiden kohteina.",
                "Maakunnan valmistelussa jokaisen asiakirjan saavutettavuus tarkistettava ennen kuin se lähetetään lausunnolle.",
                "Järjestöjen ja maahanmuuttajapalvelujen välille yhteistyökäytäntö, jotta vammaiset maahanmuuttajat löytävät tuen.",
                "Kuulemistilaisuudet pidettävä esteettömissä paikoissa ja tulkkaus järjestettävä pyytämättä.",
            ),
        },
    ),
    WorkshopSpec(
        date=date(2018, 10, 31),
        network="Oulun kuurojen yhdistys ry ja Suomen Kuurosokeat ry:n jäsenet",
        place="Oulun kuurojen yhdistyksen kerhotila, Oulu",
        facilitator="Minna Ylitalo",
        counts=Counts(org_reps=3, staff=2, residents=24, others=1),
        organisations=(
            OrganisationSpec(name="Oulun kuurojen yhdistys ry", kind="sote", municipality="Oulu"),
            OrganisationSpec(name="Suomen Kuurosokeat ry", kind="sote", municipality="Oulu"),
        ),
        report=(
            "Tilaisuus pidettiin viittomakielellä, ja paikalla oli viittomakielen "
            "tulkit sekä kuurosokeille kosketusviittomakielen tulkit. Jäsenet "
            "toivat esiin, että palvelut pitää saada suoraan viittomakielellä ja "
            "että tulkkauksen pitää olla itsestäänselvyys kaikessa kuulemisessa. "
            "Osallistujia oli paljon, mikä kertoo aiheen tärkeydestä."
        ),
        proposals={
            "palvelulupaus": (
                "Viittomakielinen palvelu suoraan viittomakielellä, ei aina tulkin välityksellä.",
                "Tulkin tilaaminen lääkäriin pitää onnistua helposti myös äkillisissä tilanteissa ja viikonloppuisin.",
                "Hätänumeroon pitää saada yhteys tekstiviestillä tai videolla, ei pelkästään puhelimella.",
                "Kuurosokean asiointi vaatii kosketusviittomista tai pisteohjausta, henkilökunnan pitää tietää tästä.",
                "Sähköisissä palveluissa videot viittomakielelle tulkattuina ja tekstitettyinä.",
                "Sote-keskuksen ajanvaraus pitää onnistua myös tekstiviestillä ja chatissa.",
                "Odotusaulaan näyttötaulu, jossa vuoronumero ja nimi näkyvät, koska kuuro ei kuule kutsua.",
                "Viittomakieliset ikäihmiset tarvitsevat palvelutalon, jossa henkilökunta osaa viittoa.",
                "Kuulovammaisille induktiosilmukka ja kirjoitustulkkaus kaikkiin yleisötilaisuuksiin.",
                "Palvelulupauksessa on mainittava, että tieto palveluista tarjotaan myös viittomakielellä.",
                "Kuurosokeiden tulkkauksen ja opastuksen tarve huomioitava, kun palvelupisteitä suunnitellaan.",
                "Henkilökunnalle koulutusta siitä, miten kuuron tai kuurosokean asiakkaan kanssa asioidaan.",
            ),
            "toimintaedellytykset": (
                "Yhdistyksen tapahtumiin tarvitaan tulkkeja, ja tulkkauksen kulut pitää voida kattaa avustuksella.",
                "Kuurojen yhdistyksen oma kerhotila on tärkeä kohtaamispaikka, sen vuokraan tarvitaan tukea.",
                "Viittomakielisiä vapaaehtoisia on vähän, heille tarvitaan omaa koulutusta viittomakielellä.",
                "Avustushakemuksen ja raportin voisi palauttaa myös viittomakielisenä videona.",
                "Maakunnan tiedotteet ja uutiset myös viittomakielellä yhdistyksen jäsenille.",
                "Kuurosokeiden toimintaan tarvitaan opastajia ja avustajia, joiden kuluihin ei nyt saa rahaa.",
                "Ikääntyneiden viittomakielisten kerhotoimintaa pitää tukea, koska he jäävät muuten yksin.",
                "Vapaaehtoisille kursseja viittomakielestä ja kuurosokeiden opastamisesta.",
                "Kunnan tiloissa induktiosilmukat ja hyvä valaistus, jotta niitä voi käyttää kokoontumiseen.",
                "Hallinnon paperit ovat liian vaikeita, tarvitaan selkokielinen ohje yhdistysten hallituksille.",
            ),
            "rakenteet": (
                "Viittomakielisillä pitää olla oma edustaja maakunnan vammaisneuvostossa ja järjestöneuvottelukunnassa.",
                "Kuulemistilaisuuksiin tulkkaus aina automaattisesti, ei niin että kuuron pitää itse tilata tulkki.",
                "Kuurojen ja kuurosokeiden kokemusasiantuntijat mukaan palvelujen suunnitteluun.",
                "Yhteistyöryhmä, jossa tulkkipalvelu, maakunta ja yhdistykset sopivat käytännöistä yhdessä.",
                "Yhdistyksen pitää saada tieto valmistelusta ajoissa, jotta ehditään tulkata ja keskustella jäsenten kanssa.",
                "Palveluohjaajat tarvitsevat tietoa kuurojen yhdistyksen ja kuurosokeiden järjestön palveluista.",
                "Kuulovammaisten, kuurojen ja kuurosokeiden järjestöjen yhteinen verkosto Pohjois-Pohjanmaalle.",
                "Maakunnan verkkosivuille viittomakielinen osio, jossa kerrotaan osallistumisen mahdollisuuksista.",
                "Maakunnalle pitää voida antaa palautetta myös viittomakielisellä videolla.",
                "Järjestöjen kuuleminen ei toimi, jos materiaalit ovat vain pitkiä tekstejä, tarvitaan selkokieltä ja videoita.",
            ),
        },
    ),
    WorkshopSpec(
        date=date(2018, 11, 8),
        network="Pohjois-Pohjanmaan sosiaali- ja terveysturvayhdistys ry",
        place="Oulun kumppanuuskeskus, kokoustila Kaarna, Oulu",
        facilitator="Heikki Rautio",
        counts=Counts(org_reps=7, staff=3, residents=0, others=1),
        organisations=(
            OrganisationSpec(
                name="Pohjois-Pohjanmaan sosiaali- ja terveysturvayhdistys ry",
                kind="sote",
                municipality="Oulu",
            ),
            OrganisationSpec(
                name="Oulun Seudun Sydänyhdistys ry", kind="sote", municipality="Oulu"
            ),
            OrganisationSpec(
                name="Oulun Seudun Setlementtiyhdistys ry", kind="other", municipality="Oulu"
            ),
            OrganisationSpec(
                name="Muhoksen Mielenterveysyhdistys ry", kind="sote", municipality="Muhos"
            ),
            OrganisationSpec(name="Iin Eläkeläiset ry", kind="sote", municipality="Ii"),
        ),
        report=(
            "Työpajassa koottiin sote-järjestöjen näkemyksiä koko maakunnan "
            "tasolta. Keskeisiksi nousivat selkeät, sektorirajat ylittävät "
            "rakenteet hyvinvoinnin edistämiseen sekä kuntien ja maakunnan "
            "yhteinen linjaus järjestöavustuksista yhdyspintasopimuksessa."
        ),
        proposals={
            "palvelulupaus": (
                "Maakunnan palvelujen on oltava yhdenvertaisia riippumatta asuinpaikasta, iästä tai toimintakyvystä.",
                "Hyvinvoinnin ja terveyden edistäminen kirjattava palvelulupaukseen yhtä vahvasti kuin korjaavat palvelut.",
                "Järjestöjen tarjoama vertaistuki ja neuvonta osaksi maakunnan palveluketjuja.",
                "Asiakkaan pitää voida valita, asioiko hän verkossa, puhelimessa vai kasvokkain.",
                "Sosiaalihuollon palveluihin pääsy pitää turvata yhtä hyvin kuin terveyspalveluihin.",
                "Palvelulupauksen toteutumista seurattava yhdessä asukkaiden ja järjestöjen kanssa.",
                "Lähipalveluiksi määriteltävistä palveluista pitää päättää avoimesti ja kuulla siinä myös kyläläisiä.",
                "Palveluohjauksessa tunnistettava myös järjestöjen tarjoama tuki, ei vain julkiset palvelut.",
            ),
            "toimintaedellytykset": (
                "Maakunnan ja kuntien yhteinen järjestöavustusten linjaus, joka sovitaan yhdyspintasopimuksessa.",
                "Kartoitus kuntien ja maakunnan tiloista, joita järjestöt voivat käyttää maksutta.",
                "Järjestöavustusten hakuajat ja kriteerit yhdenmukaisiksi koko maakunnassa.",
                "Ihimiset.fi-palvelun käyttöä laajennettava ja kuntien sivuille leijukkeet järjestöjen tapahtumista.",
                "Järjestöjen vapaaehtoistoiminnan koordinointiin tarvitaan pysyviä resursseja.",
                "Järjestöjen rooli pitää tunnustaa: ne eivät ole vain palveluntuottajia vaan kansalaistoiminnan kanava.",
                "Sote-uudistuksen vaikutukset järjestöjen rahoitukseen selvitettävä ennen kuin muutokset tehdään.",
                "Järjestökoulutuksia esimerkiksi avustusten hakemisesta, viestinnästä ja yhdistyksen taloudesta.",
                "Avustusten raportointi sähköiseksi ja niin, ettei samaa tietoa kysytä monta kertaa.",
            ),
            "rakenteet": (
                "Järjestöneuvottelukunnalle virallinen asema maakunnan organisaatiossa ja oikeus tehdä aloitteita.",
                "Hyteen, osallisuuteen ja järjestöyhteistyöhön selkeät rakenteet, jotka ylittävät organisaatio- ja sektorirajat.",
                "Maakuntaan järjestöyhteistyön koordinaattori, joka toimii järjestöjen yhteyshenkilönä.",
                "Kuntien järjestöyhdyshenkilöiden verkosto, joka tapaa säännöllisesti maakunnan kanssa.",
                "Järjestöt mukaan valmisteluryhmiin jo silloin, kun asioita vasta linjataan.",
                "Osallisuussuunnitelmaan kirjattava, miten järjestöjä kuullaan ja miten niille annetaan palautetta.",
                "Järjestöjen hyvinvointia edistävä toiminta näkyviin hyvinvointikertomukseen ja -suunnitelmaan.",
                "Seurakunnat, järjestöt ja kunnat yhteiseen hyte-työhön, esimerkiksi yksinäisyyden vähentämiseksi.",
                "Kuntien ja maakunnan välinen yhdyspintasopimus on laadittava yhdessä järjestöjen kanssa.",
                "Vuosittainen järjestöfoorumi maakunnan päättäjien ja järjestöjen kohtaamispaikaksi.",
            ),
        },
    ),
    WorkshopSpec(
        date=date(2018, 11, 16),
        network="MLL Kuivasjärven yhdistys ry",
        place="Kuivasjärven asukastupa, Oulu",
        facilitator="Tiina Honkanen",
        counts=Counts(org_reps=3, staff=0, residents=1, others=0),
        organisations=(
            OrganisationSpec(name="MLL Kuivasjärven yhdistys ry", kind="sote", municipality="Oulu"),
        ),
        report=(
            "Paikallisyhdistyksen aktiivit keskustelivat perhekahvilan yhteydessä. "
            "Tärkeimpiä asioita olivat lähineuvola, maksuton kokoontumistila ja "
            "vapaaehtoisten jaksaminen, kun aktiivit ovat itsekin pikkulapsiperheitä."
        ),
        proposals={
            "palvelulupaus": (
                "Neuvolan pitää olla lähellä, lapsiperheellä ei ole aikaa ajaa bussilla keskustaan.",
                "Vauvaperheille kotikäynti neuvolasta ensimmäisten viikkojen aikana jokaiseen perheeseen.",
                "Lapsiperheiden kotipalvelua saatava myös tilapäiseen uupumiseen ilman pitkää selvittelyä.",
                "Neuvolassa pitäisi kertoa MLL:n perhekahvilasta ja muusta lähialueen perhetoiminnasta.",
                "Isät pitää huomioida paremmin neuvolassa, perhevalmennuksessa ja lapsiperheiden palveluissa.",
                "Lasten harrastuksiin ja kerhoihin pääsy lähialueella, ei vain keskustan kouluilla.",
            ),
            "toimintaedellytykset": (
                "Perhekahvila kokoontuu koulun tiloissa, mutta vuokra nousi, maksuton tila turvattava jatkossa.",
                "Pieni paikallisyhdistys tarvitsee pienen, mutta varman avustuksen joka vuosi.",
                "Uusia vapaaehtoisia on vaikea löytää, kaikki aktiivit ovat itsekin pikkulapsiperheitä.",
                "Lastenhoitoapua koordinoivalle vapaaehtoiselle koulutusta ja tukea piiriltä ja kunnalta.",
                "Avustusten hakeminen vie liikaa aikaa pienen yhdistyksen muutamalta aktiivilta.",
                "Yhdistyksen tapahtumista pitää voida tiedottaa perheille koulun ja päiväkodin kautta.",
            ),
            "rakenteet": (
                "Päiväkodin, koulun ja yhdistyksen yhteistyö sovittava niin, ettei se riipu yhdestä opettajasta.",
                "Asuinalueen kaikkien perhetoimijoiden yhteinen tapaaminen pitäisi järjestää kerran lukukaudessa.",
                "Perhekeskuksen työntekijä voisi käydä perhekahvilassa kertomassa palveluista.",
                "Pienten paikallisyhdistysten ääni pitää kuulua myös maakunnan suunnittelussa.",
                "Asukasyhdistyksen, seurakunnan ja MLL:n yhteiset tapahtumat tukevat alueen yhteisöllisyyttä.",
            ),
        },
    ),
    WorkshopSpec(
        date=date(2018, 11, 19),
        network="Työllisyyttä edistävät järjestöt/Oulu",
        place="Oulun työllisyyspalvelut, koulutustila, Oulu",
        facilitator="Jari Kemppainen",
        counts=Counts(org_reps=13, staff=5, residents=0, others=2),
        organisations=(
            OrganisationSpec(name="Oulun Työttömät ry", kind="other", municipality="Oulu"),
            OrganisationSpec(name="Oulun Seudun Työpaja ry", kind="other", municipality="Oulu"),
            OrganisationSpec(
                name="Raahen Työllistämisyhdistys ry", kind="other", municipality="Raahe"
            ),
            OrganisationSpec(
                name="Kuusamon Työttömien Yhdistys ry", kind="other", municipality="Kuusamo"
            ),
            OrganisationSpec(name="Nuorten Työpaja Väylä ry", kind="youth", municipality="Oulu"),
            OrganisationSpec(
                name="Oulun kaupunki, työllisyyspalvelut", kind="municipality", municipality="Oulu"
            ),
        ),
        report=(
            "Työllisyyttä edistävät järjestöt korostivat palkkatuen ja "
            "työkokeilujen merkitystä sekä huolta siitä, kuka vastaa "
            "työllisyyspalveluista uudistuksen jälkeen. Järjestöt haluavat olla "
            "mukana pitkäaikaistyöttömien palveluketjujen suunnittelussa."
        ),
        proposals={
            "palvelulupaus": (
                "Pitkäaikaistyöttömille terveystarkastus ja työkyvyn arviointi ennen kuin heitä ohjataan työhön.",
                "Työttömän pitää saada sosiaali-, terveys- ja työllisyyspalvelut saman katon alta.",
                "Kuntouttava työtoiminta järjestöissä tunnustettava osaksi palveluketjua.",
                "Palveluohjaajan pitäisi tuntea järjestöjen tarjoamat työkokeilupaikat ja ohjata niihin.",
                "Osatyökykyisille räätälöityjä polkuja työelämään yhdessä järjestöjen kanssa.",
                "Asiointi työllisyyspalveluissa ei saa olla pelkästään verkossa, moni tarvitsee henkilökohtaista apua.",
                "Nuorten työttömien pitää saada apua nopeasti, ennen kuin syrjäytyminen alkaa.",
                "Maahanmuuttajien kielikoulutus ja työllistyminen pitää kytkeä toisiinsa, esimerkiksi työpaikalla opiskeluna.",
                "Päihde- ja mielenterveysongelmat tunnistettava osana työllisyyspalveluja ja ohjattava hoitoon.",
            ),
            "toimintaedellytykset": (
                "Järjestöjen palkkatuen pitää olla 100 prosenttia, muuten pieni yhdistys ei pysty palkkaamaan.",
                "Kunnan lisä palkkatukeen on säilytettävä, kun työllisyyspalvelut siirtyvät maakunnalle.",
                "Työkokeilijoiden ohjaamiseen tarvitaan korvausta, ohjaus vie järjestön työntekijältä paljon aikaa.",
                "Työllistämisyhdistysten rahoitus monivuotiseksi, nyt jatkuvuus on epävarmaa joka vuosi.",
                "Byrokratiaa vähennettävä: palkkatukihakemukset ja maksatukset ovat raskaita pienelle yhdistykselle.",
                "Työpajoille ja työllistäville järjestöille tilat kohtuulliseen vuokraan kunnan kiinteistöistä.",
                "Järjestöjen työllistämien henkilöiden jatkopolkuja avoimille työmarkkinoille pitää tukea.",
                "Järjestöt tarvitsevat tietoa siitä, kuka työllisyyspalvelut hoitaa sote-uudistuksen jälkeen.",
                "Kuntouttavan työtoiminnan ostopalvelukorvaukset järjestöille pitää nostaa kohtuulliselle tasolle.",
                "Työllisyyttä edistävien järjestöjen yhteinen viestintä, jotta työnantajat ja työnhakijat löytävät ne.",
            ),
            "rakenteet": (
                "Työllisyyttä edistävien järjestöjen verkosto mukaan maakunnan työllisyysstrategian valmisteluun.",
                "Kunnan, maakunnan, TE-toimiston ja järjestöjen yhteinen työllisyyden foorumi.",
                "Monialaisen yhteispalvelun (TYP) yhteistyöhön järjestöt mukaan kiinteänä osana.",
                "Järjestöneuvottelukuntaan tarvitaan myös työllisyyttä edistävien järjestöjen edustaja.",
                "Palveluketjut pitkäaikaistyöttömille suunniteltava yhdessä järjestöjen kanssa.",
                "Työkokeilun ja palkkatuen tiedot yhteen paikkaan, josta järjestöt ja työnhakijat löytävät ne.",
                "Entisiä pitkäaikaistyöttömiä voisi kouluttaa kokemusasiantuntijoiksi työllisyyspalvelujen kehittämiseen.",
                "Järjestöjen ja yritysten yhteistyötä pitää edistää, jotta työllistymispolku jatkuu yritykseen.",
                "Sovittava selkeästi, mikä kuuluu kunnalle ja mikä maakunnalle työllisyydenhoidossa.",
            ),
        },
    ),
    WorkshopSpec(
        date=date(2018, 11, 29),
        network="Pohjois-Pohjanmaan kylät ry",
        place="Laitasaaren kylätalo, Muhos",
        facilitator="Eija Alatalo",
        counts=Counts(org_reps=3, staff=1, residents=0, others=0),
        organisations=(
            OrganisationSpec(
                name="Pohjois-Pohjanmaan Kylät ry", kind="village", municipality="Oulu"
            ),
            OrganisationSpec(
                name="Laitasaaren kyläyhdistys ry", kind="village", municipality="Muhos"
            ),
            OrganisationSpec(name="Alpuan kyläyhdistys ry", kind="village", municipality="Raahe"),
        ),
        report=(
            "Kylätoimijat muistuttivat pitkistä välimatkoista ja siitä, että "
            "kylätalot ovat monin paikoin ainoa kokoontumispaikka. Kylätaloja "
            "voitaisiin käyttää lähipalvelujen pisteinä, jos ylläpitoon saadaan "
            "tukea. Kyläasiamiestoiminnan jatkuvuutta pidettiin tärkeänä."
        ),
        proposals={
            "palvelulupaus": (
                "Lähipalvelut pitää turvata kylissä, välimatkat terveysasemalle ovat jo nyt kymmeniä kilometrejä.",
                "Liikkuva palveluauto voisi käydä kylätalolla säännöllisesti, esimerkiksi neuvola, laboratorio ja neuvonta.",
                "Kylätalosta voisi tulla palvelupiste, jossa on etäyhteys lääkäriin ja sosiaalityöntekijään.",
                "Haja-asutusalueella ei ole joukkoliikennettä, joten palvelukuljetukset ovat välttämättömiä.",
                "Nopea laajakaista kaikille kylille ennen kuin palveluja siirretään verkkoon.",
                "Kyläläisille neuvontaa digipalvelujen käyttöön kylätalolla, esimerkiksi vapaaehtoisten digitukijoiden avulla.",
                "Ikäihmisten kotona asumista tukevat palvelut kyliin, myös kauppa- ja asiointiapu.",
            ),
            "toimintaedellytykset": (
                "Kylätalojen ylläpitoon tarvitaan tukea, lämmitys- ja korjauskulut ovat pienelle yhdistykselle liian suuret.",
                "Kylätalon käyttö kunnan ja maakunnan palveluihin pitäisi korvata yhdistykselle vuokrana.",
                "Kyläyhdistysten talkootyö ja vapaaehtoisuus pitää tunnustaa osaksi hyvinvoinnin edistämistä.",
                "Pienet avustukset kyläyhdistysten tapahtumiin kevyellä haulla, esimerkiksi ilman tilintarkastettua tilinpäätöstä.",
                "Kyläyhdistysten tieto kuntien ja maakunnan avustuksista on heikkoa, tiedotusta tarvitaan enemmän.",
                "Pitkät välimatkat nostavat vapaaehtoisten kuluja, matkakuluihin tarvitaan tukea.",
                "Kyläsuunnitelmat huomioitava, kun kunta ja maakunta tekevät päätöksiä kylän palveluista.",
                "Kylien tapahtumat näkyviin ihimiset.fi-sivustolla ja kuntien tapahtumakalentereissa.",
            ),
            "rakenteet": (
                "Kylien edustus maakunnan järjestöneuvottelukunnassa ja kuntien hyvinvointiryhmissä.",
                "Jokaisessa kunnassa oltava kylä- ja järjestöasioiden yhdyshenkilö.",
                "Kyläasiamiestoiminta vakinaistettava, se yhdistää kylät, kunnat ja maakunnan.",
                "Kuntien ja kylien kumppanuussopimukset, joissa sovitaan tehtävistä ja korvauksista.",
                "Maakunnan valmistelussa kuultava kyliä jo alussa eikä vasta, kun lähipalveluista on päätetty.",
                "Kylien asukkaat mukaan palvelujen suunnitteluun asukasraatien ja kyläkokousten kautta.",
            ),
        },
    ),
    WorkshopSpec(
        date=date(2018, 11, 29),
        network="Pohjois-Pohjanmaan järjestöneuvottelukunta",
        place="Pohjois-Pohjanmaan liitto, kokoushuone, Oulu",
        facilitator="Kaisa Väisänen",
        counts=Counts(org_reps=9, staff=2, residents=0, others=0),
        organisations=(
            OrganisationSpec(
                name="Pohjois-Pohjanmaan sosiaali- ja terveysturvayhdistys ry",
                kind="sote",
                municipality="Oulu",
            ),
            OrganisationSpec(
                name="Pohjois-Pohjanmaan Liikunta ry", kind="sports", municipality="Oulu"
            ),
            OrganisationSpec(
                name="Pohjois-Pohjanmaan Kylät ry", kind="village", municipality="Oulu"
            ),
            OrganisationSpec(name="Oulun seurakuntayhtymä", kind="parish", municipality="Oulu"),
            OrganisationSpec(
                name="Pohjois-Pohjanmaan Nuorisoseurat ry", kind="youth", municipality="Oulu"
            ),
            OrganisationSpec(
                name="Pohjois-Pohjanmaan Kulttuuriyhdistys ry", kind="culture", municipality="Oulu"
            ),
        ),
        report=(
            "Neuvottelukunta kävi läpi aiempien työpajojen alustavia tuloksia ja "
            "täydensi niitä koko järjestökentän näkökulmasta. Neuvottelukunta "
            "haluaa vahvistaa oman asemansa maakunnassa ja seurata, miten "
            "järjestöt näkyvät lopullisissa asiakirjoissa."
        ),
        proposals={
            "palvelulupaus": (
                "Maakunnan palvelujen pitää olla yhdenvertaisia, esteettömiä ja saavutettavia kaikille asukkaille.",
                "Monialainen maakunta tarkoittaa, että myös kulttuuri, liikunta ja nuorisotyö nähdään osana hyvinvointia.",
                "Järjestöjen hyvinvointia ja terveyttä edistävä toiminta kytkettävä maakunnan palveluketjuihin.",
                "Järjestöjen erityisasiantuntijuutta käytettävä palvelujen kehittämisessä, esimerkiksi harvinaisissa sairauksissa.",
                "Palvelulupaus laadittava ymmärrettävällä kielellä ja siitä tehtävä selkokielinen versio.",
                "Liikkumisen edistäminen ja liikuntaneuvonta osaksi sote-keskusten palveluja.",
                "Kulttuurihyvinvointi, esimerkiksi taide- ja kulttuuritoiminta hoivakodeissa, kuuluu palvelulupaukseen.",
            ),
            "toimintaedellytykset": (
                "Maakunnan ja kuntien yhteisesti sopima työnjako järjestöjen avustamisessa kirjattava yhdyspintasopimukseen.",
                "Maakunnan järjestöavustuksille oma määräraha ja selkeät avustusperiaatteet.",
                "Maakunnan tiloja avattava järjestöille samoin periaattein kuin kuntien tiloja.",
                "Ihimiset.fi-sivusto maakunnan viralliseksi järjestö- ja vapaaehtoistoiminnan viestintäkanavaksi.",
                "Järjestöjen toimintaedellytyksiin kohdistuvat vaikutukset arvioitava ennen maakunnan päätöksiä.",
                "Vapaaehtoistoiminnan tukeen pysyvä rakenne, esimerkiksi alueelliset vapaaehtoiskeskukset.",
                "Avustusten haku ja raportointi yhteen sähköiseen järjestelmään kuntien ja maakunnan kesken.",
                "Avustusten jatkuvuus turvattava siirtymävaiheessa, ettei yksikään järjestö jää tyhjän päälle.",
                "Liikunta-, kulttuuri- ja nuorisojärjestöjen tuki jää kunnille, mutta yhteistyö maakunnan kanssa on sovittava.",
            ),
            "rakenteet": (
                "Järjestöneuvottelukunnan asema ja tehtävät on kirjattava maakunnan hallintosääntöön.",
                "Järjestöneuvottelukunta seuraa, miten järjestöt ja järjestötoiminta näkyvät maakunnan asiakirjoissa.",
                "Hyteen, osallisuustyöhön ja järjestöyhteistyöhön luotava selkeät organisaatio- ja sektorirajat ylittävät yhteistyörakenteet.",
                "Maakunnassa oltava järjestöyhteistyöstä vastaava viranhaltija ja järjestöyhteistyön suunnitelma.",
                "Kuntien järjestöyhdyshenkilöiden ja maakunnan säännöllinen yhteistyö, esimerkiksi kaksi kertaa vuodessa.",
                "Järjestöt otettava mukaan kehittämään maakunnan palveluja erityisasiantuntijuutensa vuoksi.",
                "Ne ehdotukset, jotka eivät mahdu strategiaan, vietävä osallisuussuunnitelmaan ja hyvinvointikertomukseen.",
                "Järjestötoimijoita aktivoitava osallistumaan maakuntastrategiatyöhön myös kansalaisina.",
                "Maakunnan lautakuntiin ja vaikuttamistoimielimiin pitäisi nimetä järjestöjen asiantuntijajäseniä.",
                "Järjestöille annettava palaute siitä, miten kuulemisen tuloksia on käytetty.",
                "Seurakunnat mukaan järjestöyhteistyön rakenteisiin, koska diakoniatyö tavoittaa samoja ihmisiä.",
            ),
        },
    ),
)

SUBMISSIONS: tuple[SubmissionSpec, ...] = (
    SubmissionSpec(
        organisation="Kempeleen Urheiluseura Kiilat ry",
        kind="sports",
        municipality="Kempele",
        contact_name="Mikko Parkkila",
        contact_email="mikko.parkkila@example.fi",
        proposals={
            "palvelulupaus": (
                "Liikuntaneuvontaa pitää tarjota sote-keskuksessa ja ohjata asiakkaita urheiluseurojen matalan kynnyksen ryhmiin.",
                "Lasten ja nuorten liikkumattomuuteen puututtava yhdessä koulujen, neuvoloiden ja seurojen kanssa.",
                "Terveystarkastuksessa voisi antaa liikuntareseptin, jonka voi käyttää seuran ohjattuun ryhmään.",
            ),
            "toimintaedellytykset": (
                "Kuntien liikuntavuorojen hinnat pidettävä kohtuullisina, jotta harrastusmaksut eivät nouse liian korkeiksi.",
                "Valmentajien ja ohjaajien koulutukseen tarvitaan tukea, vapaaehtoiset valmentajat tekevät työtä omalla ajallaan.",
                "Seurojen avustushaun pitäisi olla kevyempi, nyt sama tieto ilmoitetaan moneen eri paikkaan.",
            ),
            "rakenteet": (
                "Urheiluseurat mukaan kunnan hyte-työryhmään, koska liikunta on keskeinen osa hyvinvoinnin edistämistä.",
                "Liikuntajärjestöjen ja sote-järjestöjen yhteistyöfoorumi, jossa voisi suunnitella yhteisiä ryhmiä.",
            ),
        },
    ),
    SubmissionSpec(
        organisation="Raahen Seudun Nuorisotyön Tuki ry",
        kind="youth",
        municipality="Raahe",
        contact_name=None,
        contact_email=None,
        proposals={
            "palvelulupaus": (
                "Nuorille chat-palvelu, josta saa apua mielenterveysasioihin myös ilta-aikaan.",
                "Koulupsykologin ja kuraattorin palvelut turvattava kaikissa kouluissa myös pienissä kunnissa.",
                "Nuorten palveluista tiedotettava niissä kanavissa, joita nuoret oikeasti käyttävät.",
            ),
            "toimintaedellytykset": (
                "Nuorisotilojen aukioloaikoja pidennettävä ja järjestöjen sallittava käyttää niitä iltaisin ja viikonloppuisin.",
                "Nuorten vapaaehtoistoimintaan matalan kynnyksen mahdollisuuksia, esimerkiksi lyhyitä tapahtumatehtäviä.",
                "Nuorisojärjestöjen hankkeiden päättyessä hyvät käytännöt jäävät usein ilman jatkoa, tarvitaan pysyvää rahoitusta.",
            ),
            "rakenteet": (
                "Nuorisovaltuustojen ja nuorisojärjestöjen yhteistyö maakunnan nuorisovaltuuston kanssa pitää rakentaa heti alussa.",
                "Etsivä nuorisotyö, järjestöt ja sote-palvelut tarvitsevat yhteisen tavan ohjata nuori eteenpäin.",
                "Nuoret kokemusasiantuntijat mukaan nuorten palvelujen kehittämiseen ja heille pieni palkkio.",
            ),
        },
    ),
    SubmissionSpec(
        organisation="Ylivieskan Kulttuuriyhdistys Kaari ry",
        kind="culture",
        municipality="Ylivieska",
        contact_name="Satu Rahkola",
        contact_email="satu.rahkola@example.fi",
        proposals={
            "palvelulupaus": (
                "Kulttuurihyvinvointia pitää tarjota ikäihmisille kotihoidossa ja hoivakodeissa, esimerkiksi musiikkia ja lukupiirejä.",
                "Taiteen ja kulttuurin keinot mukaan mielenterveyskuntoutukseen yhdessä kulttuuriyhdistysten kanssa.",
            ),
            "toimintaedellytykset": (
                "Kulttuuriyhdistysten esiintymis- ja harjoitustiloihin tarvitaan edullinen vuokra, nyt tilat ovat kalliita.",
                "Kulttuuriyhdistyksille pitää selvittää, voivatko ne jatkossa hakea avustusta myös maakunnalta hyte-toimintaan.",
                "Tapahtumien tiedottamiseen yhteinen kanava, ihimiset.fi voisi näyttää myös kulttuuritapahtumat kuntien sivuilla.",
            ),
            "rakenteet": (
                "Kulttuuritoimijat mukaan hyvinvointikertomuksen laatimiseen, sillä kulttuuri on osa hyvinvointia.",
                "Kulttuurin, sosiaali- ja terveyspalvelujen ja järjestöjen yhteistyölle tarvitaan yhteinen verkosto.",
            ),
        },
    ),
    SubmissionSpec(
        organisation="Nivalan seurakunta",
        kind="parish",
        municipality="Nivala",
        contact_name="Jouni Korkiakoski",
        contact_email="jouni.korkiakoski@example.fi",
        proposals={
            "palvelulupaus": (
                "Diakoniatyö kohtaa ihmisiä, jotka putoavat palvelujen väliin, heidät pitää ohjata nopeasti oikeaan palveluun.",
                "Ruoka-avun ja talousneuvonnan tulisi kytkeytyä sosiaalityöhön niin, ettei ihminen jää yksin.",
                "Ikääntyneiden yksinäisyyteen tarvitaan yhteistä työtä, esimerkiksi kotikäyntejä ja päiväkerhoja.",
            ),
            "toimintaedellytykset": (
                "Seurakunnan tiloja voidaan tarjota järjestöjen käyttöön, kun siitä sovitaan yhteisesti kunnan kanssa.",
                "Vapaaehtoisten yhteinen koulutus seurakunnan, järjestöjen ja kunnan kesken säästäisi kaikkien resursseja.",
            ),
            "rakenteet": (
                "Seurakunnat mukaan kunnan ja maakunnan hyvinvointiryhmiin pysyvinä jäseninä.",
                "Diakoniatyön, sosiaalityön ja järjestöjen yhteiset tapaamiset paikkakunnalla pari kertaa vuodessa.",
                "Sosiaalityöntekijän pitää voida ohjata asiakas diakoniatyöhön sovitun käytännön mukaisesti.",
            ),
        },
    ),
    SubmissionSpec(
        organisation="Sarakylän kyläyhdistys ry",
        kind="village",
        municipality="Pudasjärvi",
        contact_name=None,
        contact_email=None,
        proposals={
            "palvelulupaus": (
                "Pudasjärven kyliin on pitkät matkat, terveysaseman palvelut pitää saada lähemmäksi liikkuvina palveluina.",
                "Kotihoidon käynnit kylillä eivät saa lyhentyä sen vuoksi, että ajomatkat ovat pitkiä.",
            ),
            "toimintaedellytykset": (
                "Kylätalon kunnostukseen ja esteettömyyden parantamiseen tarvitaan investointiavustusta.",
                "Kyläyhdistyksen vapaaehtoiset jaksavat paremmin, jos talkootöitä tuetaan pienillä kulukorvauksilla.",
            ),
            "rakenteet": (
                "Kyläyhdistys voisi toimia palvelujen tiedonvälittäjänä, jos yhteistyöstä sovitaan kunnan ja maakunnan kanssa.",
                "Syrjäkylien asukkaiden kuuleminen onnistuu parhaiten kyläillassa paikan päällä, ei pelkillä verkkokyselyillä.",
            ),
        },
    ),
    SubmissionSpec(
        organisation="Kalajoen Seudun Mielenterveysyhdistys ry",
        kind="sote",
        municipality="Kalajoki",
        contact_name="Hanna Ojala",
        contact_email="hanna.ojala@example.fi",
        proposals={
            "palvelulupaus": (
                "Mielenterveyskuntoutujille klubitalo- tai päivätoimintaa myös pienemmillä paikkakunnilla.",
                "Kriisiapua pitää saada vuorokauden ympäri, myös viikonloppuisin ja pienissä kunnissa.",
                "Hoitoon pääsyn jälkeen kuntoutuja ohjattava vertaistukeen, jota yhdistys tarjoaa maksutta.",
            ),
            "toimintaedellytykset": (
                "Yhdistyksen toimitilan vuokra vie suurimman osan avustuksesta, tilakysymys ratkaistava kunnan kanssa.",
                "Vertaisohjaajat tarvitsevat työnohjausta, johon pienellä yhdistyksellä ei ole varaa.",
                "Järjestöjen pitäisi saada tietoa maakunnan valmistelusta selkeästi yhdestä paikasta.",
            ),
            "rakenteet": (
                "Mielenterveys- ja päihdepalvelujen palveluketjuun kirjattava järjestöjen vertaistuki ja kokemusasiantuntijat.",
                "Kunnan järjestöyhdyshenkilön tehtävän pitää säilyä myös sote-uudistuksen jälkeen.",
            ),
        },
    ),
)
