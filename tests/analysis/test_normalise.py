from __future__ import annotations

import logging
import sys

import pytest

from analysis import lemmatise as normalise_module
from analysis import normalise
from analysis.lemmatise import Lemmatiser, detect_language, get_normaliser


@pytest.fixture
def fresh_normaliser():
    """Drop the cached process-wide normaliser before and after a test."""
    normalise_module.reset_normaliser()
    yield
    normalise_module.reset_normaliser()


voikko_missing = not get_normaliser().uses_voikko
needs_voikko = pytest.mark.skipif(voikko_missing, reason="libvoikko / voikko-fi not installed")


@needs_voikko
@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("järjestöavustusten", ["järjestöavustus", "järjestö", "avustus"]),
        ("kokoontumistiloja", ["kokoontumistila", "kokoontuminen", "tila"]),
        # "hyvinvointi" is a lexicalised unit: kept whole, not split into hyvin + vointi.
        ("hyvinvointialueelle", ["hyvinvointialue", "hyvinvointi", "alue"]),
    ],
)
def test_compounds_give_lemma_and_parts(word, expected):
    assert normalise([word]) == [expected]


@needs_voikko
def test_stop_words_and_common_words_are_dropped():
    (tokens,) = normalise(["Minusta järjestöjen avustuksia on korotettava myös kunnissa."])
    assert "olla" not in tokens and "myös" not in tokens
    assert "avustus" in tokens and "kunta" in tokens
    (tokens,) = normalise(["järjestöjen avustuksia kunnissa"], extra_stop_words=["Kunta"])
    assert "kunta" not in tokens and "järjestö" in tokens


@needs_voikko
def test_ambiguous_word_prefers_lemma_close_to_written_form():
    (tokens,) = normalise(["työttömyysturvan"])
    assert tokens[0] == "työttömyysturva"


def test_language_detection():
    assert detect_language("Vi måste satsa mer på skolan och att barnen mår bra.") == "sv"
    assert (
        detect_language("We should invest more in schools and in the wellbeing of children.")
        == "en"
    )
    assert detect_language("Järjestöavustuksia on korotettava, en kannata leikkauksia.") == "fi"
    assert detect_language("") == "fi"


def test_swedish_and_english_are_stemmed_not_lemmatised(monkeypatch):
    norm = get_normaliser()
    if norm.finnish is not None:
        # Any Voikko call for these texts would be a bug.
        def fail(word):
            raise AssertionError(f"Voikko called for {word!r}")

        monkeypatch.setattr(norm.finnish, "lemmas", fail)
    sv, en = normalise(
        [
            "Vi måste satsa mer på skolorna och att barnen mår bra.",
            "We should invest more in schools and the wellbeing of children.",
        ]
    )
    assert "skol" in sv and "barn" in sv and "och" not in sv
    assert "school" in en and "invest" in en and "the" not in en


def test_empty_and_long_texts():
    long_text = ("Järjestöavustuksia on korotettava ja kokoontumistiloja lisättävä. " * 150)[:10000]
    out = normalise(["", "   ", "!!!", long_text])
    assert out[:3] == [[], [], []]
    assert len(out[3]) > 100


def test_without_libvoikko_pyvoikko_gives_the_same_lemmas(monkeypatch, fresh_normaliser):
    monkeypatch.setitem(sys.modules, "libvoikko", None)  # makes "import libvoikko" fail
    lem = Lemmatiser()
    assert lem.backend_name == "pyvoikko" and lem.warning is None
    (tokens,) = lem.normalise(["Järjestöavustusten määrää on korotettava kunnissa Helsingissä."])
    assert tokens[:3] == ["järjestöavustus", "järjestö", "avustus"]
    assert "kunta" in tokens and "helsinki" in tokens and "olla" not in tokens
    for word, expected in [
        ("kokoontumistiloja", ("kokoontumistila", "kokoontuminen", "tila")),
        ("hyvinvointialueelle", ("hyvinvointialue", "hyvinvointi", "alue")),
        ("työttömyysturvan", ("työttömyysturva", "työttömyys", "turva")),
        ("maahanmuuttajia", ("maahanmuuttaja",)),
        ("omaishoitajille", ("omaishoitaja", "omainen", "hoitaja")),
        ("sote-uudistus", ("sote-uudistus", "sote", "uudistus")),
    ]:
        assert lem.finnish.lemmas(word)[1] == expected
    assert lem.finnish.lemmas("yhteistyötä")[1] == ("yhteistyö", "yhteis", "työ")
    assert lem.is_bound_form("yhteis") and not lem.is_bound_form("työ")


def test_pyvoikko_runs_its_transducer_in_rust():
    # kfst-rs is a dependency: without it kfst falls back to pure Python, 6x slower cold on
    # the Yle set (40.7 s against 6.6 s for 6,400 texts), which a convenor would wait for.
    import kfst

    assert kfst.BACKEND == "kfst_rs"


@pytest.mark.skipif(voikko_missing, reason="libvoikko / voikko-fi not installed")
def test_both_voikko_backends_agree_on_demo_words():
    lib, py = Lemmatiser("libvoikko"), Lemmatiser("pyvoikko")
    text = (
        "Järjestöjen kokoontumistiloja tarvitaan lisää ja avustusten hakemisen pitää olla "
        "helpompaa; nuorisotilat ovat liian pieniä ja maksuttomia tiloja on vähän."
    )
    assert lib.normalise([text]) == py.normalise([text])


def test_fallback_without_any_voikko(monkeypatch, caplog, fresh_normaliser):
    monkeypatch.setitem(sys.modules, "libvoikko", None)
    monkeypatch.setitem(sys.modules, "pyvoikko", None)
    with caplog.at_level(logging.WARNING, logger="analysis.lemmatise"):
        (tokens,) = normalise(["Järjestöavustusten määrää on korotettava kunnissa."])
    assert any("only stemmed" in r.getMessage() for r in caplog.records)
    assert not get_normaliser().uses_voikko
    assert get_normaliser().backend_name == "snowball" and get_normaliser().warning
    assert tokens  # Snowball stems, not empty
    assert "on" not in tokens
    with pytest.raises(ValueError, match="pyvoikko unavailable"):
        Lemmatiser("pyvoikko")


def test_lemmatiser_caches_are_bounded():
    lem = Lemmatiser(cache_size=10)
    lem.normalise([" ".join(f"sana{i} talo{i}" for i in range(50))])
    if lem.finnish is not None:
        assert len(lem.finnish._cache) <= 10 and len(lem.finnish._analysis_cache) <= 10
    with pytest.raises(ValueError, match="backend must be one of"):
        Lemmatiser("hunspell")
    with pytest.raises(ValueError, match="cache_size"):
        Lemmatiser(cache_size=0)


def test_bound_compound_part_is_never_a_keyword():
    # "yhteis-" in "yhteistyö" has no base form of its own: a feature, not a keyword.
    from analysis import ThemeFinder, is_bound_form

    tokens = normalise(["Yhteistyötä tarvitaan."])[0]
    assert "yhteistyö" in tokens and "työ" in tokens
    assert is_bound_form("yhteis") and not is_bound_form("työ")
    texts = ["Yhteistyötä tarvitaan lisää."] * 3 + ["Tilat kouluilta iltaisin."] * 3
    finder = ThemeFinder(use_embeddings=False).fit(texts)
    assert all(
        "yhteis" not in t.keywords and "yhteis" not in t.word_frequencies for t in finder.themes_
    )


def test_common_compound_takes_its_parts_with_it():
    # Dropping "maakunta" as a word common to every theme must not leave "maa" behind.
    tokens = normalise(["Maakunnan palvelut"], extra_stop_words=["maakunta"])[0]
    assert "maakunta" not in tokens and "maa" not in tokens
    assert "maa" in normalise(["Maakunnan palvelut"])[0]


def test_bounded_caches_survive_threads_filling_them():
    # The app's worker threads share one Lemmatiser; its bounded caches drop their oldest half
    # when full, and two threads dropping the same word raised KeyError.
    import threading

    old_interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    cache = normalise_module.BoundedCache(8)
    errors: list[BaseException] = []

    def work(seed: int) -> None:
        try:
            for i in range(20000):
                cache.put((seed, i), i)
        except BaseException as exc:  # noqa: BLE001 - any error fails the test below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(s,)) for s in range(8)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(old_interval)
    assert errors == []
    assert len(cache) <= 8 + len(threads)  # bounded (a racing put may add one each)
