"""Published results of a round: participation, highlights, quotes and follow-up, in public."""
