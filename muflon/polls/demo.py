"""Demo data of the polls area."""


def load(**options) -> None:
    """Idempotent: running it twice leaves one copy of everything."""
