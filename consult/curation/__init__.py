"""Curation: the round's selected themes (nostot), their history, routing and follow-up."""
