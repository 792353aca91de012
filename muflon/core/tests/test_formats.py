"""The fast short date writes what Django's date_format writes, in every language, and falls back on it."""

import datetime

import pytest
from django.utils import translation
from django.utils.formats import date_format

from muflon.core.formats import short_date, strftime_pattern

DAYS = [datetime.date(2026, 1, 5), datetime.date(1999, 12, 31), datetime.datetime(2026, 7, 9, 23, 59)]


@pytest.mark.parametrize("language", ["pl", "en"])
def test_the_short_date_is_djangos_in_each_language(language):
    with translation.override(language):
        assert [short_date(day) for day in DAYS] == [date_format(day, "SHORT_DATE_FORMAT") for day in DAYS]
        assert strftime_pattern(language) is not None


def test_a_format_with_other_letters_or_escapes_goes_to_django(monkeypatch):
    from muflon.core import formats

    monkeypatch.setattr(
        formats, "get_format", lambda name, lang=None: {"xa": "j E Y", "xb": r"d \d\e m", "xc": "Y/m/d %"}[lang]
    )
    strftime_pattern.cache_clear()
    try:
        assert strftime_pattern("xa") is None
        assert strftime_pattern("xb") is None
        assert strftime_pattern("xc") == "%Y/%m/%d %%"
        with translation.override("pl"):
            monkeypatch.setattr(formats, "get_language", lambda: "xa")
            assert short_date(DAYS[0]) == date_format(DAYS[0], "SHORT_DATE_FORMAT")
    finally:
        strftime_pattern.cache_clear()
