"""Polls: the public poll (sonda) — questions with choices, one vote per person, results and the archive."""
