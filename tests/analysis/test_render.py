from __future__ import annotations

import io

from PIL import Image

from analysis import word_cloud_png


def test_word_cloud_png_opens_with_expected_size():
    png = word_cloud_png({"järjestöavustus": 1.0, "tila": 0.6, "hyvinvointi": 0.3}, 320, 200)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.size == (320, 200)


def test_word_cloud_is_deterministic_and_handles_empty():
    freqs = {"vero": 1.0, "lapsilisä": 0.8, "perhe": 0.5}
    assert word_cloud_png(freqs, 200, 100) == word_cloud_png(freqs, 200, 100)
    assert Image.open(io.BytesIO(word_cloud_png({}, 200, 100))).size == (200, 100)
