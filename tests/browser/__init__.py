"""Browser journeys: the system Chromium driven through Playwright against a live server."""
