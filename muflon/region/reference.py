"""Reading the reference data files shipped in region/data/."""

import csv
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_gminas() -> list[dict]:
    """Rows of gminas.csv, without its comment lines."""
    with open(DATA_DIR / "gminas.csv", encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines))


def upsert_gminas(gmina_model) -> None:
    """Create or refresh the gminas of gminas.csv; takes the model so migrations can pass theirs."""
    for row in read_gminas():
        gmina_model.objects.update_or_create(
            terc=row["terc"],
            defaults={
                "name": row["name"],
                "kind": row["type"],
                "county_terc": row["county_terc"],
                "county_name": row["county_name"],
                "voivodeship": row["voivodeship"],
            },
        )
