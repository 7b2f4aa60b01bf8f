"""Text similarity: passages of a document and how well they answer themes (no app)."""

from __future__ import annotations

from analysis import similarity


def test_nearest_finds_the_doc_sharing_lemmas_or_none():
    docs = similarity.tokens(["Tulkkaus ja viittomakieli", "Järjestöavustukset ja haku"])
    queries = similarity.tokens(["Tulkkauspalvelut kaikille", "Sää on kaunis"])
    assert similarity.nearest(queries, docs) == [0, None]


def test_passages_are_windows_of_paragraphs():
    text = "Eka kappale.\n\nToka kappale.\n\nKolmas kappale."
    assert similarity.passages(text) == [
        "Eka kappale. Toka kappale.",
        "Toka kappale. Kolmas kappale.",
    ]
    assert similarity.passages("") == []


def test_coverage_scores_the_theme_the_document_answers_higher():
    text = (
        "Viittomakielinen tulkkaus turvataan kaikissa palveluissa.\n\n"
        "Tulkkauspalvelut ovat saatavilla."
    )
    covered, other = similarity.coverage(
        [("Tulkkaus", ["Tulkkaus kaikkiin palveluihin"]), ("Avustukset", ["Avustushaku"])], text
    )
    assert covered.score > other.score
    assert covered.passages


def test_doc_index_gives_what_nearest_gives():
    docs = similarity.tokens(
        [
            "Tulkkaus ja viittomakieli kaikissa palveluissa, tulkkaus",
            "Järjestöavustukset ja avustusten haku ajoissa",
            "Liikuntapaikat ja kylätalot järjestöjen käyttöön",
            "",
        ]
    )
    queries = similarity.tokens(
        [
            "Tulkkauspalvelut kaikille",
            "Avustukset maksetaan ajoissa",
            "Sää on kaunis",
            "Kylätalot ja tulkkaus",
            "",
        ]
    )
    assert similarity.DocIndex(docs).nearest(queries) == similarity.nearest(queries, docs)
