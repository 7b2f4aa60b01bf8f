"""Theme finding for consultation proposals: pure Python, no Flask, no database.

Usage::

    from analysis import ThemeFinder, embed, word_cloud_png

    texts = ["Järjestöavustuksia on korotettava.", "Kokoontumistiloja tarvitaan lisää.", ...]
    lemmatiser = Lemmatiser()               # libvoikko, else pyvoikko, else Snowball
    finder = ThemeFinder(common_words=["järjestö", "kunta"], lemmatiser=lemmatiser).fit(texts)
    # or, with embeddings stored earlier:  E = embed(texts); ThemeFinder().fit(texts, E)
    for theme in finder.themes_:            # largest first; label -1 is "Muut"
        print(theme.title, theme.size, theme.keywords[:5], theme.statement)
        for i in theme.representatives:     # members closest to the theme's centre
            print("  -", texts[i])
        png = word_cloud_png(theme.word_frequencies, width=800, height=400)
    finder.labels_        # theme label per proposal (-1: "Muut")
    finder.suggestions_   # for "Muut" members: the nearest theme
    finder.timings_       # seconds per stage

``normalise(texts)`` gives the lemma tokens the engine works on. Store ``ENGINE_VERSION``
with saved results: it changes whenever the same input would give different themes.

Benchmark: ``python -m analysis.bench DATA.csv [--group-by group] [--stability]``
(see analysis/bench.py).
"""

from .describe import FoundTheme
from .embeddings import embed
from .finder import ThemeFinder
from .lemmatise import Lemmatiser, default_lemmatiser, is_bound_form, normalise
from .render import word_cloud_png

ENGINE_VERSION = "0.5.1"  # Lanczos above 500 proposals; titles: agreement, names capitalised

__all__ = [
    "ENGINE_VERSION",
    "FoundTheme",
    "Lemmatiser",
    "default_lemmatiser",
    "is_bound_form",
    "ThemeFinder",
    "embed",
    "normalise",
    "word_cloud_png",
]
