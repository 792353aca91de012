"""Reading the reference data files shipped in region/data/."""

import csv
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_gminas() -> list[dict]:
    """Rows of gminas.csv, without its comment lines."""
    with open(DATA_DIR / "gminas.csv", encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines))
