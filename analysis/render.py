"""Word cloud rendering."""

from __future__ import annotations

import io


def word_cloud_png(
    frequencies: dict[str, float], width: int = 800, height: int = 400, random_state: int = 0
) -> bytes:
    """Render a word cloud as PNG bytes.

    Args:
        frequencies: Word -> weight (e.g. ``FoundTheme.word_frequencies``). Non-positive weights
            are ignored; an empty mapping gives a blank image of the requested size.
        width: Image width in pixels.
        height: Image height in pixels.
        random_state: Seed for the layout, so the same theme always looks the same.

    Returns:
        PNG file contents.
    """
    from wordcloud import WordCloud  # imported lazily: it pulls in matplotlib colour maps

    freqs = {str(w): float(f) for w, f in frequencies.items() if f and f > 0}
    cloud = WordCloud(
        width=width,
        height=height,
        background_color="white",
        colormap="viridis",
        random_state=random_state,
        prefer_horizontal=0.9,
        max_words=200,
        collocations=False,
        normalize_plurals=False,
    )
    if freqs:
        image = cloud.generate_from_frequencies(freqs).to_image()
    else:
        from PIL import Image

        image = Image.new("RGB", (width, height), "white")
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()
