"""Importing labour-office referrals from CSV or XLSX: preview, row errors, duplicates, all-or-nothing commit."""

import datetime
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook
from stdnum.pl import pesel as stdnum_pesel

from muflon.accounts.models import Role
from muflon.core.models import AuditEntry
from muflon.people import importer, services
from muflon.people.models import Consent, Participant, Referral
from muflon.people.path import Stage
from muflon.people.views_import import SESSION_KEY
from muflon.region.models import Gmina

pytestmark = pytest.mark.django_db

SAMPLE = Path(importer.__file__).resolve().parent / "data" / "import_sample.csv"
HEADER = ["nazwisko", "imie", "pesel", "data_urodzenia", "plec", "gmina", "wyksztalcenie", "status", "bezrobotny_od"]
KNOWN_MAN = "44051401359"  # born 14.05.1944
KNOWN_WOMAN = "02211307589"  # born 13.01.2002


def make_pesel(birth: datetime.date, serial: int, female: bool) -> str:
    century = {1900: 0, 2000: 20}[birth.year // 100 * 100]
    sex_digit = 2 * (serial % 5) + (0 if female else 1)
    digits = f"{birth.year % 100:02d}{birth.month + century:02d}{birth.day:02d}{serial % 1000:03d}{sex_digit}"
    return digits + stdnum_pesel.calc_check_digit(digits)


def row(last_name, pesel, **overrides):
    values = {
        "nazwisko": last_name,
        "imie": "Jan",
        "pesel": pesel,
        "data_urodzenia": "",
        "plec": "",
        "gmina": "0221053",
        "wyksztalcenie": "isced3",
        "status": "bezrobotny",
        "bezrobotny_od": "01.02.2024",
    }
    values.update(overrides)
    return [values[column] for column in HEADER]


def csv_file(rows, *, header=HEADER, separator=";", bom=False, name="skierowania.csv"):
    lines = [separator.join(header)] + [separator.join(values) for values in rows]
    content = ("\ufeff" if bom else "") + "\n".join(lines) + "\n"
    return SimpleUploadedFile(name, content.encode("utf-8"), content_type="text/csv")


def xlsx_file(rows, *, header=HEADER, name="skierowania.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for values in rows:
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def upload(client, file, office, **extra):
    form = {"file": file, "organisation": office.pk, "consents_held": "on", **extra}
    return client.post(reverse("people:import"), form)


def confirm(client):
    return client.post(reverse("people:import_confirm"), {"token": client.session[SESSION_KEY]["token"]})


def pending_errors(client):
    """{row number: [field, ...]} of the rows with errors in the import waiting in the session."""
    rows = client.session[SESSION_KEY]["rows"]
    return {r["number"]: [field for field, _message in r["errors"]] for r in rows if r["errors"]}


def message_texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def register_existing(pesel, coordinator):
    person = Participant(
        partnership=coordinator.partnership,
        first_name="Ewa",
        last_name="Wcześniejsza",
        pesel=pesel,
        birth_date=stdnum_pesel.get_birth_date(pesel),
        sex=stdnum_pesel.get_gender(pesel),
        gmina=Gmina.objects.get(terc="0221053"),
        education="isced3",
        labour_status="inactive",
    )
    return services.register_participant(person, by=coordinator)


def assert_registered_from_labour_office(people, office, count):
    assert people.count() == count
    for person in people.prefetch_related("referrals", "consents", "transitions"):
        assert person.stage == Stage.RECRUITED
        assert [t.to_stage for t in person.transitions.all()] == [Stage.RECRUITED]
        (referral,) = person.referrals.all()
        assert referral.source == Referral.Source.LABOUR_OFFICE and referral.organisation == office
        (consent,) = person.consents.all()
        assert consent.purpose == Consent.Purpose.SUPPORT and consent.method == Consent.Method.PAPER
        assert consent.given_on == referral.referred_on


# Good files


def test_the_sample_csv_previews_clean_and_registers_every_person_with_referral_and_consent(
    client, coordinator, labour_office
):
    """The shipped sample (Polish headers, ; separator, both date formats, TERC codes and names) imports whole."""
    client.force_login(coordinator)
    with SAMPLE.open("rb") as handle:
        response = upload(client, SimpleUploadedFile("import_sample.csv", handle.read()), labour_office)
    assert response.status_code == 302 and response["Location"] == reverse("people:import_confirm")
    preview = client.get(reverse("people:import_confirm"))
    assert preview.status_code == 200
    assert preview.context["good"] == 6 and preview.context["bad"] == 0
    assert 'name="token"' in preview.content.decode()

    response = confirm(client)

    assert response.status_code == 302 and response["Location"] == reverse("people:list")
    people = Participant.objects.filter(partnership=coordinator.partnership)
    assert_registered_from_labour_office(people, labour_office, 6)
    kowalska = people.get(last_name="Kowalska")
    assert kowalska.birth_date == datetime.date(1985, 3, 12) and kowalska.sex == "F"  # read from the PESEL
    assert kowalska.gmina.terc == "0221053" and kowalska.education == "isced3"
    assert kowalska.labour_status == "registered_unemployed"
    assert kowalska.referrals.get().referred_on == datetime.date(2025, 1, 15)
    assert people.get(last_name="Nowak").gmina.name == "Wałbrzych"
    assert people.get(last_name="Wiśniewska").education == "isced5_8"
    assert people.get(last_name="Wójcik").referrals.get().referred_on == timezone.localdate()
    assert SESSION_KEY not in client.session


def test_a_comma_separated_csv_with_a_bom_and_english_headers_imports(client, admin_user, labour_office):
    """UTF-8 with a BOM and `,` are detected; English column names work; an unknown column is left out."""
    header = ["Last_Name", "first_name", "PESEL", "birth_date", "sex", "gmina", "education", "status", "uwagi"]
    rows = [
        ["Zielińska", "Ola", KNOWN_WOMAN, "2002-01-13", "F", "Głuszyca", "isced2", "job_seeker", "x"],
        ["Stary", "Jan", KNOWN_MAN, "", "", "0221053", "1", "inactive", ""],
    ]
    client.force_login(admin_user)
    upload(client, csv_file(rows, header=header, separator=",", bom=True), labour_office)
    assert pending_errors(client) == {}
    assert client.session[SESSION_KEY]["ignored"] == ["uwagi"]  # shown on the preview as not read
    confirm(client)
    people = Participant.objects.filter(partnership=admin_user.partnership)
    assert_registered_from_labour_office(people, labour_office, 2)
    assert people.get(pesel=KNOWN_MAN).birth_date == datetime.date(1944, 5, 14)


def test_a_good_xlsx_imports_every_row_even_with_numbers_and_dates_as_spreadsheet_cells(
    client, coordinator, labour_office
):
    """Dates as date cells, a PESEL and a TERC code typed as numbers (their leading zero lost) are read right."""
    rows = [
        ["Zielińska", "Ola", int(KNOWN_WOMAN), None, None, 221053, 3, "bezrobotna", datetime.datetime(2025, 3, 1)],
        ["Stary", "Jan", KNOWN_MAN, datetime.date(1944, 5, 14), "M", "Głuszyca", "5-8", "pracujący", None],
    ]
    client.force_login(coordinator)
    upload(client, xlsx_file(rows), labour_office)
    assert pending_errors(client) == {}
    confirm(client)
    people = Participant.objects.filter(partnership=coordinator.partnership)
    assert_registered_from_labour_office(people, labour_office, 2)
    ola = people.get(pesel=KNOWN_WOMAN)
    assert ola.gmina.terc == "0221053" and ola.unemployed_since == datetime.date(2025, 3, 1)
    assert ola.education == "isced3" and ola.sex == "F"
    assert people.get(pesel=KNOWN_MAN).labour_status == "employed"


def test_every_registration_leaves_its_audit_trail(client, coordinator, labour_office):
    """The import registers through the service, so participant, referral and consent are each audited."""
    client.force_login(coordinator)
    upload(client, csv_file([row("Kos", KNOWN_MAN)]), labour_office)
    confirm(client)
    created = AuditEntry.objects.filter(action=AuditEntry.Action.CREATE, actor=coordinator)
    assert {entry.content_type.model for entry in created} >= {"participant", "referral", "consent", "stagetransition"}


# Row errors


def test_bad_rows_are_each_reported_with_row_and_column_and_nothing_is_saved(english, coordinator, labour_office):
    """Bad checksum, PESEL vs birth date, a duplicate in the file and an already registered PESEL: four errors."""
    client = english
    register_existing(KNOWN_WOMAN, coordinator)
    rows = [
        row("Dobra", KNOWN_MAN),  # row 2
        row("Zlasuma", KNOWN_MAN[:-1] + "0"),  # row 3: the check digit does not match
        row("Zladata", make_pesel(datetime.date(1980, 6, 1), 123, True), data_urodzenia="02.06.1980"),  # row 4
        row("Powtorka", KNOWN_MAN),  # row 5: the PESEL of row 2
        row("Istniejaca", KNOWN_WOMAN),  # row 6: already registered
    ]
    client.force_login(coordinator)
    upload(client, csv_file(rows), labour_office)

    assert pending_errors(client) == {3: ["pesel"], 4: ["birth_date"], 5: ["pesel"], 6: ["pesel"]}
    preview = client.get(reverse("people:import_confirm"))
    page = preview.content.decode()
    assert preview.context["good"] == 1 and preview.context["bad"] == 4
    assert 'name="token"' not in page  # no commit button
    assert "pesel: This PESEL is not valid" in page
    assert "data_urodzenia: The date of birth does not match the PESEL (01.06.1980)." in page
    assert "pesel: The same PESEL is already in row 2." in page
    assert "pesel: A participant with this PESEL is already registered." in page
    assert [r["number"] for r in preview.context["rows"]] == [2, 3, 4, 5, 6]

    token = client.session[SESSION_KEY]["token"]
    response = client.post(reverse("people:import_confirm"), {"token": token})

    assert response.status_code == 302
    assert any("nothing was saved" in text for text in message_texts(response))
    assert Participant.objects.filter(partnership=coordinator.partnership).count() == 1  # only the earlier one


def test_unreadable_cells_and_missing_values_are_row_errors_in_their_column(english, coordinator, labour_office):
    """A wrong date, sex, gmina, education or status names its column; the unemployed need the date since."""
    rows = [
        row("A", KNOWN_MAN, data_urodzenia="1944/05/14"),
        row("B", KNOWN_MAN[:-1] + "0", plec="X"),
        row("C", make_pesel(datetime.date(1990, 1, 1), 1, False), gmina="Atlantyda"),
        row("D", make_pesel(datetime.date(1990, 1, 2), 2, False), wyksztalcenie="wyższe"),
        row("E", make_pesel(datetime.date(1990, 1, 3), 3, False), status="astronauta"),
        row("F", make_pesel(datetime.date(1990, 1, 4), 4, False), bezrobotny_od=""),
        row("G", "2211307589"),
        row("", make_pesel(datetime.date(1990, 1, 5), 5, False)),
    ]
    english.force_login(coordinator)
    upload(english, csv_file(rows), labour_office)
    assert pending_errors(english) == {
        2: ["birth_date"],
        3: ["sex", "pesel"],
        4: ["gmina"],
        5: ["education"],
        6: ["labour_status"],
        7: ["unemployed_since"],
        8: ["pesel"],
        9: ["last_name"],
    }
    page = english.get(reverse("people:import_confirm")).content.decode()
    assert "leading 0" in page
    assert "wyksztalcenie: Unknown education level" in page


def test_a_pesel_registered_between_preview_and_commit_makes_the_whole_commit_fail(english, coordinator, labour_office):
    """The commit checks every row again: one PESEL taken meanwhile stops all rows, and the row is named."""
    other = make_pesel(datetime.date(1975, 4, 4), 44, False)
    english.force_login(coordinator)
    upload(english, csv_file([row("Pierwszy", other), row("Drugi", KNOWN_MAN)]), labour_office)
    assert pending_errors(english) == {}
    register_existing(KNOWN_MAN, coordinator)

    response = confirm(english)

    assert response["Location"] == reverse("people:import_confirm")
    assert any(
        "Row 3, column “pesel”: A participant with this PESEL is already registered." in text
        for text in message_texts(response)
    )
    assert not Participant.objects.filter(pesel=other).exists()
    assert pending_errors(english) == {3: ["pesel"]}
    assert 'name="token"' not in english.get(reverse("people:import_confirm")).content.decode()


def test_a_failure_inside_registration_rolls_back_the_rows_already_saved(coordinator, labour_office, monkeypatch):
    """If registering row N fails, rows before it are undone too: the commit is one transaction."""
    real = services.register_participant
    calls = []

    def failing_on_second(participant, **kwargs):
        calls.append(participant.pesel)
        if len(calls) == 2:
            from django.core.exceptions import ValidationError

            raise ValidationError({"email": "broken"})
        return real(participant, **kwargs)

    rows = [row("A", KNOWN_MAN), row("B", KNOWN_WOMAN)]
    table = importer.read_table(csv_file(rows))
    pending = importer.prepare(table, partnership=coordinator.partnership, organisation=labour_office)
    monkeypatch.setattr(services, "register_participant", failing_on_second)
    with pytest.raises(importer.CommitRefused) as refused:
        importer.commit(pending, partnership=coordinator.partnership, organisation=labour_office, by=coordinator)
    assert [r["errors"] for r in refused.value.rows] == [[], [["email", "broken"]]]
    assert not Participant.objects.exists()


# Refused files


@pytest.mark.parametrize(
    "name, content",
    [
        ("referrals.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
        ("referrals.xlsx", b"nazwisko;imie\nKowalska;Anna\n"),
        ("referrals.xlsx", b"PK\x03\x04 not really a zip"),
        ("referrals.png", b"\x89PNG\r\n\x1a\n"),
        ("referrals.csv", "nazwisko;imie\n".encode("cp1250")),
    ],
)
def test_a_file_of_another_type_is_refused_at_the_field_and_nothing_is_kept(
    client, coordinator, labour_office, name, content
):
    """The type is judged by content: a PNG renamed .csv, text named .xlsx or a non-XLSX zip are refused."""
    client.force_login(coordinator)
    response = upload(client, SimpleUploadedFile(name, content), labour_office)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert SESSION_KEY not in client.session


def test_a_zip_without_the_ooxml_content_types_is_not_taken_for_a_workbook(client, coordinator, labour_office):
    """A real zip named .xlsx but without [Content_Types].xml is refused."""
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("readme.txt", "hello")
    client.force_login(coordinator)
    response = upload(client, SimpleUploadedFile("referrals.xlsx", buffer.getvalue()), labour_office)
    assert response.context["form"].errors["file"]


def test_a_file_over_10_mb_is_refused_with_a_message(english, coordinator, labour_office):
    """An 11 MB file is refused before it is read, with a message that says the limit."""
    big = csv_file([row("Kos", KNOWN_MAN)])
    content = big.read() + b"x" * (11 * 1024 * 1024)
    english.force_login(coordinator)
    response = upload(english, SimpleUploadedFile("big.csv", content), labour_office)
    assert response.context["form"].errors["file"] == ["The file is larger than 10 MB. Split it into smaller files."]
    assert SESSION_KEY not in english.session


def test_a_file_without_required_columns_or_without_rows_is_refused(english, coordinator, labour_office):
    """The header must name the required columns, and there must be at least one row below it."""
    english.force_login(coordinator)
    no_gmina = csv_file([row("Kos", KNOWN_MAN)[:5]], header=HEADER[:5])
    errors = upload(english, no_gmina, labour_office).context["form"].errors["file"]
    assert "missing: gmina, wyksztalcenie, status" in errors[0]
    assert upload(english, csv_file([]), labour_office).context["form"].errors["file"]


def test_a_file_with_more_rows_than_the_limit_is_refused(english, coordinator, labour_office):
    """Above the row limit the file is refused whole, with a message that gives the limit."""
    rows = [row(f"Osoba{n}", KNOWN_MAN) for n in range(importer.MAX_ROWS + 1)]
    english.force_login(coordinator)
    errors = upload(english, csv_file(rows), labour_office).context["form"].errors["file"]
    assert errors == [f"The file has more than {importer.MAX_ROWS} rows. Split it into smaller files."]


def test_the_consent_checkbox_is_required(client, coordinator, labour_office):
    """Without the statement that the office holds the consents nothing is checked or kept."""
    client.force_login(coordinator)
    response = upload(client, csv_file([row("Kos", KNOWN_MAN)]), labour_office, consents_held="")
    assert "consents_held" in response.context["form"].errors
    assert SESSION_KEY not in client.session


# The preview and its session


def test_more_than_200_rows_are_previewed_200_per_page_with_the_counts(client, coordinator, labour_office):
    """A long file is shown page by page; the counts cover the whole file."""
    rows = [
        row(f"Osoba{n}", make_pesel(datetime.date(1980, 1, 1) + datetime.timedelta(days=n), n, False))
        for n in range(250)
    ]
    client.force_login(coordinator)
    upload(client, csv_file(rows), labour_office)
    first = client.get(reverse("people:import_confirm"))
    second = client.get(reverse("people:import_confirm"), {"page": 2})
    assert len(first.context["rows"]) == 200 and len(second.context["rows"]) == 50
    assert first.context["total"] == 250 and first.context["good"] == 250
    assert second.context["rows"][0]["number"] == 202


def test_a_commit_from_an_older_preview_is_refused(client, coordinator, labour_office):
    """The form carries the token of the preview it came from; another upload since makes it stale."""
    client.force_login(coordinator)
    upload(client, csv_file([row("Kos", KNOWN_MAN)]), labour_office)
    stale = client.session[SESSION_KEY]["token"]
    upload(client, csv_file([row("Wrona", KNOWN_WOMAN)]), labour_office)
    response = client.post(reverse("people:import_confirm"), {"token": stale})
    assert response["Location"] == reverse("people:import_confirm")
    assert not Participant.objects.exists()


def test_discarding_forgets_the_file(client, coordinator, labour_office):
    """The discard button removes the rows from the session; nothing is saved."""
    client.force_login(coordinator)
    upload(client, csv_file([row("Kos", KNOWN_MAN)]), labour_office)
    response = client.post(reverse("people:import_confirm"), {"discard": "1"})
    assert response["Location"] == reverse("people:import")
    assert SESSION_KEY not in client.session and not Participant.objects.exists()


def test_the_confirm_page_without_a_waiting_file_sends_back_to_the_upload(client, coordinator):
    """GET on the confirm URL with nothing waiting redirects to the upload page (also what the access matrix sees)."""
    client.force_login(coordinator)
    response = client.get(reverse("people:import_confirm"))
    assert response.status_code == 302 and response["Location"] == reverse("people:import")


# Access


@pytest.mark.parametrize("url_name", ["people:import", "people:import_confirm"])
def test_only_coordinators_and_administrators_may_import(client, cast, labour_office, url_name):
    """A trainer (or any other role) gets 403 on both pages, GET or POST; anonymous is sent to log in."""
    url = reverse(url_name)
    assert client.get(url)["Location"].startswith(reverse("login"))
    assert client.post(url, {"file": csv_file([row("Kos", KNOWN_MAN)])})["Location"].startswith(reverse("login"))
    for role in (Role.TRAINER, Role.ADVISOR, Role.PARTNER, Role.PARTICIPANT):
        client.force_login(cast[role])
        assert client.get(url).status_code == 403
        assert client.post(url, {"file": csv_file([row("Kos", KNOWN_MAN)])}).status_code == 403
    for role in (Role.ADMIN, Role.COORDINATOR):
        client.force_login(cast[role])
        assert client.get(url).status_code in (200, 302)


def test_another_partnerships_administrator_cannot_use_this_partnerships_labour_office(
    client, outsider, labour_office, cast
):
    """The office list holds only the user's own partnership's offices; a foreign id is an error at the field."""
    client.force_login(outsider)
    response = upload(client, csv_file([row("Kos", KNOWN_MAN)]), labour_office)
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert SESSION_KEY not in client.session
    assert not Participant.objects.exists()


def test_the_upload_page_says_when_the_partnership_has_no_labour_office(client, outsider):
    """Without a labour office among the organisations there is nothing to refer from: the page says so."""
    client.force_login(outsider)
    response = client.get(reverse("people:import"))
    assert response.status_code == 200 and response.context["has_office"] is False
    assert '<form method="post" enctype' not in response.content.decode()


# Size


@pytest.mark.slow
def test_a_thousand_rows_import_in_one_commit(client, coordinator, labour_office):
    """1,000 rows preview clean and are all registered by one confirmation."""
    start = datetime.date(1960, 1, 1)
    rows = [row(f"Osoba{n}", make_pesel(start + datetime.timedelta(days=n * 7), n, n % 2 == 0)) for n in range(1000)]
    client.force_login(coordinator)
    upload(client, csv_file(rows), labour_office)
    assert pending_errors(client) == {}
    response = confirm(client)
    assert response["Location"] == reverse("people:list")
    people = Participant.objects.filter(partnership=coordinator.partnership)
    assert people.count() == 1000
    assert Referral.objects.filter(participant__in=people, organisation=labour_office).count() == 1000
    assert Consent.objects.filter(participant__in=people, purpose=Consent.Purpose.SUPPORT).count() == 1000
