"""The legal grounds of exclusion shipped in people/data/, as rows and as database records."""

import csv
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "exclusion_categories.csv"


def read_exclusion_categories() -> list[dict]:
    with open(DATA_FILE, encoding="utf-8") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def upsert_exclusion_categories(category_model) -> None:
    """Create or refresh the categories; takes the model so migrations can pass theirs."""
    for row in read_exclusion_categories():
        category_model.objects.update_or_create(
            code=row["code"],
            defaults={
                "name_pl": row["name_pl"],
                "name_en": row["name_en"],
                "legal_basis": row["legal_basis"],
                "valid_from": row["valid_from"],
                "valid_to": row["valid_to"] or None,
                "special_category": row["special_category"] == "yes",
                "sort": int(row["sort"]),
            },
        )
