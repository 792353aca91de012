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


def email_key(address: str) -> str:
    """An e-mail address as compared: without case, so that Renata@Example.org is renata@example.org."""
    return address.strip().casefold()


def phone_key(number: str) -> str:
    """A phone number as compared: its last nine digits, so that +48 600-100-200 and 600100200 are one."""
    return "".join(char for char in number if char.isdigit())[-9:]


PESEL_WEIGHTS = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)


def make_pesel(birth_date: datetime.date, sex: str, serial: int) -> str:
    """A valid PESEL for a birth date, sex ('F'/'M') and a serial 0–999 (for demo and test data)."""
    month = birth_date.month + {18: 80, 19: 0, 20: 20, 21: 40, 22: 60}[birth_date.year // 100]
    sex_digit = (serial % 5) * 2 + (1 if sex == "M" else 0)
    digits = f"{birth_date.year % 100:02}{month:02}{birth_date.day:02}{serial % 1000:03}{sex_digit}"
    check = (10 - sum(int(d) * w for d, w in zip(digits, PESEL_WEIGHTS, strict=True)) % 10) % 10
    return f"{digits}{check}"
