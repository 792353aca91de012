"""Demo data of the region area: makes sure the reference gminas are present."""

from muflon.region.models import Gmina
from muflon.region.reference import upsert_gminas


def load(**options) -> None:
    upsert_gminas(Gmina)
