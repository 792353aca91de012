"""Bulk import of labour-office referrals: reading CSV/XLSX, checking rows, the all-or-nothing commit."""

import csv
import datetime
import io
import secrets
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from muflon.people import services
from muflon.people.identity import birth_date_and_sex_from_pesel, normalise
from muflon.people.models import Consent, Participant, Referral
from muflon.region.models import Gmina

MAX_BYTES = 10 * 1024 * 1024
# Registering one row costs about 25 ms (register_participant validates every model and constraint),
# and the commit is one request and, on SQLite, one write lock: 1,000 rows is about half a minute.
MAX_ROWS = 1000
# An XLSX is a zip: a small file can unpack to gigabytes, so the unpacked size is limited too.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
XLSX_CONTENT_TYPES = "[Content_Types].xml"

# Field -> accepted headers, compared after `header_key` (lower case, no diacritics, "_" for spaces).
# The first name of each is the one shown when the column is missing from the file.
COLUMNS = {
    "last_name": ("nazwisko", "last_name", "surname"),
    "first_name": ("imie", "first_name"),
    "pesel": ("pesel",),
    "birth_date": ("data_urodzenia", "birth_date", "date_of_birth"),
    "sex": ("plec", "sex"),
    "phone": ("telefon", "phone"),
    "email": ("email", "e_mail"),
    "gmina": ("gmina",),
    "education": ("wyksztalcenie", "education"),
    "labour_status": ("status", "labour_status"),
    "unemployed_since": ("bezrobotny_od", "unemployed_since"),
    "referred_on": ("data_skierowania", "referred_on"),
    "reason": ("powod", "reason"),
}
REQUIRED_COLUMNS = ("last_name", "first_name", "pesel", "gmina", "education", "labour_status")
HEADER_TO_FIELD = {header: name for name, headers in COLUMNS.items() for header in headers}
TEXT_FIELDS = ("last_name", "first_name", "phone", "email", "reason")
DATE_FIELDS = ("birth_date", "unemployed_since", "referred_on")
DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d")
CHOICE_AND_TEXT_FIELDS = ("first_name", "last_name", "pesel", "sex", "phone", "email", "education", "labour_status")

SEXES = {"k": "F", "f": "F", "kobieta": "F", "m": "M", "mezczyzna": "M"}
LABOUR_STATUSES = {
    **{value: value for value in Participant.LabourStatus.values},
    "bezrobotny": "registered_unemployed",
    "bezrobotna": "registered_unemployed",
    "zarejestrowany bezrobotny": "registered_unemployed",
    "zarejestrowana bezrobotna": "registered_unemployed",
    "poszukujacy pracy": "job_seeker",
    "poszukujaca pracy": "job_seeker",
    "bierny zawodowo": "inactive",
    "bierna zawodowo": "inactive",
    "pracujacy": "employed",
    "pracujaca": "employed",
}
EDUCATION = {
    **{str(level): f"isced{level}" for level in range(5)},
    **{level: "isced5_8" for level in ("5-8", "5", "6", "7", "8")},
}


class FileRefused(Exception):
    """The file as a whole cannot be imported (type, size, header); the message says why."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class CommitRefused(Exception):
    """Nothing was saved; `rows` are the rows checked again, with the errors that stopped the commit."""

    def __init__(self, rows):
        super().__init__("import refused")
        self.rows = rows


@dataclass
class Table:
    columns: dict[str, str]  # field -> the header as written in the file
    positions: list[tuple[int, str]]  # (cell index, field)
    ignored: list[str]
    rows: list[tuple[int, dict]] = field(default_factory=list)  # (row number in the file, field -> cell)


# Reading the file


def read_table(upload) -> Table:
    """The header and rows of an uploaded .csv or .xlsx; the type is checked by content, not by name."""
    if upload.size > MAX_BYTES:
        raise FileRefused(_("The file is larger than 10 MB. Split it into smaller files."))
    extension = PurePath(upload.name or "").suffix.lower()
    if extension not in (".csv", ".xlsx"):
        raise FileRefused(_("Choose a CSV (.csv) or Excel workbook (.xlsx) file."))
    data = upload.read()
    records = xlsx_records(data) if extension == ".xlsx" else csv_records(data)
    return table_from_records(records)


def csv_records(data: bytes):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = None
    if text is None or "\x00" in text:
        raise FileRefused(_("This is not a CSV text file in UTF-8. In the spreadsheet, save it as “CSV UTF-8”."))
    first_line = text.split("\n", 1)[0]
    separator = ";" if first_line.count(";") >= first_line.count(",") else ","
    try:
        yield from enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=separator), start=1)
    except csv.Error as error:
        raise FileRefused(_("The CSV file cannot be read: %(error)s") % {"error": error}) from None


def xlsx_records(data: bytes):
    from openpyxl import load_workbook

    if not is_xlsx(data):
        raise FileRefused(_("This is not an Excel workbook (.xlsx). Save the file as .xlsx or CSV UTF-8."))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds of errors on a damaged file
        raise FileRefused(_("The workbook cannot be read: it may be damaged or protected with a password.")) from None
    try:
        yield from enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1)
    finally:
        workbook.close()


def is_xlsx(data: bytes) -> bool:
    """An OOXML package: a zip with the content-types entry, and no more than the unpacked limit inside."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            entries = package.infolist()
    except zipfile.BadZipFile:
        return False
    if sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES:
        raise FileRefused(_("The workbook is too large when unpacked. Split it into smaller files."))
    return any(entry.filename == XLSX_CONTENT_TYPES for entry in entries)


def table_from_records(records) -> Table:
    """The first record is the header; blank rows are skipped but keep their numbers."""
    _number, header = next(iter(records), (1, []))
    table = read_header(header)
    for number, cells in records:
        if all(cell_is_blank(cell) for cell in cells):
            continue
        if len(table.rows) == MAX_ROWS:
            raise FileRefused(
                _("The file has more than %(count)s rows. Split it into smaller files.") % {"count": MAX_ROWS}
            )
        table.rows.append((number, {name: cells[index] for index, name in table.positions if index < len(cells)}))
    if not table.rows:
        raise FileRefused(_("The file has no rows below the header."))
    return table


def read_header(cells) -> Table:
    table = Table(columns={}, positions=[], ignored=[])
    for index, cell in enumerate(cells):
        if cell_is_blank(cell):
            continue
        name = HEADER_TO_FIELD.get(header_key(cell))
        if name is None:
            table.ignored.append(str(cell).strip())
        elif name in table.columns:
            raise FileRefused(_("The column “%(column)s” appears twice in the header.") % {"column": cell})
        else:
            table.columns[name] = str(cell).strip()
            table.positions.append((index, name))
    missing = [COLUMNS[name][0] for name in REQUIRED_COLUMNS if name not in table.columns]
    if missing:
        raise FileRefused(
            _("The first row must be the header; these columns are missing: %(columns)s.")
            % {"columns": ", ".join(missing)}
        )
    return table


def header_key(cell) -> str:
    return normalise(str(cell)).replace(" ", "_").replace("-", "_")


def cell_is_blank(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


# Checking the rows


def prepare(table: Table, *, partnership, organisation) -> dict:
    """Every row parsed and checked; the result is plain JSON, kept server-side until the commit."""
    gminas = GminaLookup()
    rows = []
    for number, cells in table.rows:
        values, unreadable = parse_row(cells, gminas)
        rows.append({"number": number, "values": values, "unreadable": unreadable, "shown": shown(cells, values)})
    check_rows(rows, partnership=partnership, organisation=organisation)
    return {
        "token": secrets.token_urlsafe(16),
        "organisation": organisation.pk,
        "columns": table.columns,
        "ignored": table.ignored,
        "rows": rows,
    }


def check_rows(rows, *, partnership, organisation):
    """Set each row's errors: unreadable cells, the model's rules, duplicates in the file and the partnership."""
    for row in rows:
        row["errors"] = row["unreadable"] + model_errors(row, partnership=partnership, organisation=organisation)
    mark_duplicates(rows, partnership)


def parse_row(cells, gminas) -> tuple[dict, list]:
    """Cell values turned into field values (JSON-ready); each unreadable cell gives an error instead."""
    values, unreadable = {}, []
    parsers = {
        "pesel": parse_pesel,
        "sex": parse_sex,
        "gmina": gminas.parse,
        "education": parse_education,
        "labour_status": parse_labour_status,
        **dict.fromkeys(DATE_FIELDS, parse_date),
    }
    for name in COLUMNS:
        cell = cells.get(name)
        if name in TEXT_FIELDS:
            values[name] = cell_text(cell)
            continue
        try:
            values[name] = parsers[name](cell)
        except ValidationError as error:
            values[name] = None
            unreadable.append([name, " ".join(error.messages)])
    derive_from_pesel(values)
    return values, unreadable


def derive_from_pesel(values):
    derived = birth_date_and_sex_from_pesel(values["pesel"] or "")
    if derived:
        values["birth_date"] = values["birth_date"] or derived[0].isoformat()
        values["sex"] = values["sex"] or derived[1]


def cell_text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, datetime.datetime):
        cell = cell.date()
    if isinstance(cell, datetime.date):
        return cell.strftime("%d.%m.%Y")
    return str(cell).strip()


def parse_pesel(cell) -> str:
    # A spreadsheet keeps a PESEL typed as a number without its leading zero (people born 2000-2009).
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        cell = f"{int(cell):011d}"
    pesel = "".join(cell_text(cell).split())
    if not pesel:
        raise ValidationError(_("The PESEL is required in an import."))
    if not (pesel.isdigit() and len(pesel) == 11):
        message = _("A PESEL has exactly 11 digits.")
        if pesel.isdigit() and len(pesel) == 10:
            message += " " + _("The spreadsheet may have dropped a leading 0: format the column as text.")
        raise ValidationError(message)
    return pesel


def parse_date(cell) -> str | None:
    if isinstance(cell, datetime.datetime):
        return cell.date().isoformat()
    if isinstance(cell, datetime.date):
        return cell.isoformat()
    text = cell_text(cell)
    if not text:
        return None
    for date_format in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, date_format).date().isoformat()
        except ValueError:
            continue
    raise ValidationError(_("“%(value)s” is not a date: write DD.MM.YYYY or YYYY-MM-DD.") % {"value": text})


def parse_sex(cell) -> str:
    text = normalise(cell_text(cell))
    if text and text not in SEXES:
        raise ValidationError(_("Write K or M (F or M also works)."))
    return SEXES.get(text, "")


def parse_education(cell) -> str:
    text = normalise(cell_text(cell)).replace(" ", "").replace("–", "-").replace("_", "-").removeprefix("isced")
    if not text:
        raise ValidationError(_("The education level is required."))
    if text not in EDUCATION:
        raise ValidationError(
            _("Unknown education level “%(value)s”: write isced0 to isced4 or isced5_8 (or 0 to 4, 5-8).")
            % {"value": cell_text(cell)}
        )
    return EDUCATION[text]


def parse_labour_status(cell) -> str:
    text = normalise(cell_text(cell))
    if not text:
        raise ValidationError(_("The labour-market status is required."))
    if text not in LABOUR_STATUSES:
        raise ValidationError(
            _("Unknown status “%(value)s”: write e.g. bezrobotny, poszukujący pracy, bierny zawodowo, pracujący.")
            % {"value": cell_text(cell)}
        )
    return LABOUR_STATUSES[text]


class GminaLookup:
    """Gminas by TERC code and by name, read once per file (a few thousand rows at most)."""

    def __init__(self):
        self.by_terc, self.by_name = {}, {}
        for gmina in Gmina.objects.only("pk", "terc", "name"):
            self.by_terc[gmina.terc] = gmina.pk
            self.by_name.setdefault(gmina.name.casefold(), []).append(gmina.pk)

    def parse(self, cell) -> int:
        if isinstance(cell, int | float) and not isinstance(cell, bool):
            cell = f"{int(cell):07d}"  # a TERC code typed as a number loses its leading zero
        text = cell_text(cell)
        if not text:
            raise ValidationError(_("The gmina is required: its TERC code or name."))
        if text in self.by_terc:
            return self.by_terc[text]
        found = self.by_name.get(text.casefold(), [])
        if len(found) == 1:
            return found[0]
        if found:
            raise ValidationError(_("Several gminas are called “%(value)s”: give the TERC code.") % {"value": text})
        raise ValidationError(_("No gmina has the TERC code or name “%(value)s”.") % {"value": text})


def shown(cells, values) -> dict:
    """What the preview shows of a row: the file's own text, and the date of birth as read."""
    birth_date = values["birth_date"]
    return {
        "last_name": cell_text(cells.get("last_name")),
        "first_name": cell_text(cells.get("first_name")),
        "pesel": cell_text(cells.get("pesel")),
        "birth_date": as_date(birth_date).strftime("%d.%m.%Y") if birth_date else cell_text(cells.get("birth_date")),
        "gmina": cell_text(cells.get("gmina")),
    }


def build(values, *, partnership, organisation, today=None):
    """The unsaved participant, referral and support consent of one row."""
    participant = Participant(
        partnership=partnership,
        gmina_id=values["gmina"],
        **{name: values[name] or "" for name in CHOICE_AND_TEXT_FIELDS},
        birth_date=as_date(values["birth_date"]),
        unemployed_since=as_date(values["unemployed_since"]),
    )
    referred_on = as_date(values["referred_on"]) or today or timezone.localdate()
    referral = Referral(
        source=Referral.Source.LABOUR_OFFICE,
        organisation=organisation,
        referred_on=referred_on,
        reason=values["reason"],
    )
    # The labour office collected the signed consent when it referred the person.
    consent = Consent(purpose=Consent.Purpose.SUPPORT, given_on=referred_on, method=Consent.Method.PAPER)
    return participant, referral, consent


def as_date(value):
    return datetime.date.fromisoformat(value) if value else None


def model_errors(row, *, partnership, organisation) -> list:
    """The rules of manual registration; a field the file could not give has its own error already."""
    values = row["values"]
    unreadable = {name for name, _message in row["unreadable"]}
    participant, referral, consent = build(values, partnership=partnership, organisation=organisation)
    # The PESEL's format and uniqueness are checked here with clearer messages; clean() still checks its digits.
    # Foreign keys come from the database already (gmina lookup, the form's offices), so they are not queried
    # again per row; constraints are left to the database query of duplicates and to the commit, where
    # register_participant runs the full validation. This keeps the preview of 1,000 rows fast.
    exclude = {"partnership", "pesel", "gmina", *unreadable}
    if not birth_date_and_sex_from_pesel(values["pesel"] or ""):
        exclude |= {"birth_date", "sex"}  # nothing to read or compare them with: the PESEL's error says enough
    errors = []
    checks = ((participant, exclude), (referral, {"participant", "organisation"}), (consent, {"participant"}))
    for instance, skip in checks:
        try:
            instance.full_clean(exclude=sorted(skip), validate_constraints=False)
        except ValidationError as error:
            errors += [[name, message] for name, message in error_pairs(error) if name not in unreadable]
    if values["labour_status"] == Participant.LabourStatus.REGISTERED_UNEMPLOYED and not values["unemployed_since"]:
        if "unemployed_since" not in unreadable:
            errors.append(["unemployed_since", _("Give the date since when the person is registered as unemployed.")])
    return errors


def mark_duplicates(rows, partnership):
    """A PESEL already registered in the partnership, or one met in an earlier row of the file."""
    first_row = {}
    registered = registered_pesels(partnership, {row["values"]["pesel"] for row in rows if row["values"]["pesel"]})
    for row in rows:
        pesel = row["values"]["pesel"]
        if not pesel:
            continue
        if pesel in registered:
            row["errors"].append(["pesel", _("A participant with this PESEL is already registered.")])
        elif pesel in first_row:
            row["errors"].append(["pesel", _("The same PESEL is already in row %(row)s.") % {"row": first_row[pesel]}])
        first_row.setdefault(pesel, row["number"])


def registered_pesels(partnership, pesels) -> set:
    found, pesels = set(), sorted(pesels)
    for start in range(0, len(pesels), 500):
        chunk = pesels[start : start + 500]
        found.update(
            Participant.objects.filter(partnership=partnership, pesel__in=chunk).values_list("pesel", flat=True)
        )
    return found


# Committing


def commit(pending, *, partnership, organisation, by) -> int:
    """Register every row in one transaction; any failure saves nothing and names the row.

    The rows were checked at the preview; a PESEL registered since is caught by the duplicate check
    here, and everything else by register_participant's full validation of each row.
    """
    if any(row["errors"] for row in pending["rows"]):
        raise CommitRefused(pending["rows"])
    rows = [{**row, "errors": []} for row in pending["rows"]]
    with transaction.atomic():
        mark_duplicates(rows, partnership)
        if any(row["errors"] for row in rows):
            raise CommitRefused(rows)
        today = timezone.localdate()
        for row in rows:
            participant, referral, consent = build(
                row["values"], partnership=partnership, organisation=organisation, today=today
            )
            try:
                services.register_participant(participant, referral=referral, consents=[consent], by=by)
            except ValidationError as error:
                row["errors"] = [list(pair) for pair in error_pairs(error)]
                raise CommitRefused(rows) from None
            except IntegrityError:
                # Another user registered the same PESEL after the check above (PostgreSQL).
                row["errors"] = [["pesel", _("A participant with this PESEL is already registered.")]]
                raise CommitRefused(rows) from None
    return len(rows)


def error_pairs(error: ValidationError):
    if hasattr(error, "error_dict"):
        return [(name, message) for name, messages in error.message_dict.items() for message in messages]
    return [(NON_FIELD_ERRORS, message) for message in error.messages]


def column_of(name, columns) -> str | None:
    """The header a field has in the file (or its usual Polish name); None for whole-row errors."""
    if name not in COLUMNS:
        return None
    return columns.get(name) or COLUMNS[name][0]
