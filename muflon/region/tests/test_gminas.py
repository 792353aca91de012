"""The gminas of the pilot region are in the database from the migrations on."""

import pytest

from muflon.region.models import Gmina
from muflon.region.reference import read_gminas


@pytest.mark.django_db
def test_every_gmina_of_the_reference_file_is_loaded_with_its_terc_code_and_type():
    rows = read_gminas()
    assert len(rows) == 10
    assert Gmina.objects.count() == len(rows)
    walbrzych = Gmina.objects.get(terc="0265011")
    assert (walbrzych.name, walbrzych.kind, walbrzych.county_terc) == ("Wałbrzych", "urban", "0265")


@pytest.mark.django_db
def test_the_two_swidnica_units_are_not_confused():
    """The model worked with the city of Świdnica (0219011), not the rural gmina (0219072)."""
    swidnica = Gmina.objects.get(name="Świdnica")
    assert swidnica.terc == "0219011"
    assert swidnica.kind == Gmina.Kind.URBAN
