"""Demo data of the care area."""


def load(**options) -> None:
    """Idempotent: running it twice leaves one copy of everything."""
