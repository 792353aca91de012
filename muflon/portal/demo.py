"""Demo data of the portal area."""


def load(**options) -> None:
    """Idempotent: running it twice leaves one copy of everything."""
