"""Project-wide tests: access matrix, settings, demo, browser journeys."""
