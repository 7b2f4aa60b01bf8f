"""Legal pages: the accessibility statement with its feedback channel, the privacy notice."""
