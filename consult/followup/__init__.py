"""Following up a round's highlights: the routing overview, documents and their coverage."""
