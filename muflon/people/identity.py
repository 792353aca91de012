"""Personal identifiers and name keys: PESEL through python-stdnum, names normalised for search."""

import datetime
import unicodedata

from stdnum.exceptions import ValidationError as StdnumError
from stdnum.pl import pesel as stdnum_pesel


def birth_date_and_sex_from_pesel(value: str) -> tuple[datetime.date, str] | None:
    """The birth date and sex ('F'/'M') a valid PESEL encodes, or None for an invalid one."""
    try:
        number = stdnum_pesel.validate(value)
    except StdnumError:
        return None
    return stdnum_pesel.get_birth_date(number), stdnum_pesel.get_gender(number)


def is_pesel(value: str) -> bool:
    return value.isdigit() and len(value) == 11


def normalise(text: str) -> str:
    """Lower case without Polish diacritics, so 'Łukasz Żółć' is found by 'lukasz zolc'."""
    text = text.strip().lower().replace("ł", "l")
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(char for char in decomposed if not unicodedata.combining(char)).split())


def name_key(last_name: str, first_name: str) -> str:
    return normalise(f"{last_name} {first_name}")
