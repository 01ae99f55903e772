"""Understand adds what a reader knows: language, entities, quotes, events, places."""
