"""Certificates: the PDF for the person and for staff, and the public verification page that shows initials only."""

import re
import time

import pytest
from django.urls import reverse
from django.utils import translation

from muflon.accounts.models import Role
from muflon.education import certificates, services
from muflon.education.models import Certificate, WorkshopType
from tests.factories import UserFactory, after_the_meetings, make_edition, make_participant

# dates: The edition is built a month from now; the certificate is dated its last day.
pytestmark = [pytest.mark.django_db, pytest.mark.dates]

# Personal data of the certificate holder: none of it may appear on the public verification page.
CANARY_FIRST, CANARY_SURNAME = "Agata", "Kanarkiewicz"
CANARY_DATA = [CANARY_FIRST, CANARY_SURNAME, "KAN123456", "agata.kanarek@example.org", "Pilotażowe"]


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def holder(cast, partnership, gmina, coordinator):
    """The certificate holder, linked to the cast's participant login."""
    return make_participant(
        partnership,
        gmina,
        by=coordinator,
        first_name=CANARY_FIRST,
        last_name=CANARY_SURNAME,
        document_number="KAN123456",
        email="agata.kanarek@example.org",
        user=cast[Role.PARTICIPANT],
    )


@pytest.fixture
def edition(partnership, gmina, cast):
    WorkshopType.objects.create(
        partnership=partnership,
        name="Zakładanie spółdzielni socjalnej",
        category="cooperative",
        hours="12.5",
        qualification="Umiejętność przygotowania statutu spółdzielni",
        path_order=2,
    )
    return make_edition(partnership, gmina, trainers=[cast[Role.TRAINER]], type_name="Zakładanie spółdzielni socjalnej")


def complete(edition, person, trainer, coordinator) -> Certificate:
    """Enrol now, attend every meeting once they are held: the certificate comes with the completion."""
    enrolment = services.enrol(edition, person, by=coordinator)
    with after_the_meetings(edition):
        for meeting in edition.meetings.all():
            services.mark_attendance(meeting, {enrolment.pk: "present"}, by=trainer)
    return Certificate.objects.get(enrolment=enrolment)


@pytest.fixture
def certificate(edition, holder, cast, coordinator):
    return complete(edition, holder, cast[Role.TRAINER], coordinator)


@pytest.fixture
def other_certificate(edition, partnership, gmina, cast, coordinator):
    person = make_participant(partnership, gmina, by=coordinator, last_name="Obca", document_number="OB0000001")
    return complete(edition, person, cast[Role.TRAINER], coordinator)


def day_in_words(day) -> str:
    """'8 December 2026': how the English pages write a date (derived from the data, never a literal)."""
    return f"{day:%-d %B %Y}"


def test_the_certificate_names_everything_it_certifies(certificate, edition):
    url = "https://muflon.example.org/certificates/" + certificate.code + "/"
    with translation.override("en"):
        html = certificates.certificate_html(certificate, url)

    assert certificate.issued_on == edition.ends_on  # issued on the last day
    assert certificate.number.startswith(f"MUF/{edition.ends_on.year}/")
    for expected in [
        "Partnerstwo Pilotażowe",
        f"{CANARY_FIRST} {CANARY_SURNAME}",
        "Zakładanie spółdzielni socjalnej",
        "12,5",
        "Umiejętność przygotowania statutu spółdzielni",
        f"from {day_in_words(edition.starts_on)} to {day_in_words(edition.ends_on)}",
        certificate.number,
        url,
        certificate.code,
    ]:
        assert expected in html, expected
    issued_row = re.search(r"Issued on</th>\s*<td>([^<]*)</td>", html)
    assert issued_row and issued_row.group(1) == day_in_words(edition.ends_on)


def test_the_certificate_is_one_a4_page_even_with_long_names(certificate):
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    WorkshopType.objects.update(
        name="Zakładanie spółdzielni socjalnej — kurs rozszerzony dla grup założycielskich",
        qualification="Przygotowanie statutu spółdzielni socjalnej, biznesplanu i wniosku o dotację na miejsca pracy",
    )
    certificate.enrolment.participant.last_name = "Grzegorzewska-Wiśniewska-Kanarkiewicz"
    certificate.enrolment.edition.workshop_type.refresh_from_db()
    html = certificates.certificate_html(certificate, "https://muflon.example.org/certificates/x/")
    document = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=set())).render()

    assert len(document.pages) == 1
    page = document.pages[0]
    assert (round(page.width * 25.4 / 96), round(page.height * 25.4 / 96)) == (210, 297)


def test_the_participant_downloads_their_own_certificate(client, cast, certificate):
    client.force_login(cast[Role.PARTICIPANT])

    started = time.perf_counter()
    response = client.get(reverse("me_workshops:certificate_pdf", args=[certificate.pk]))
    elapsed = time.perf_counter() - started

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == (
        f'attachment; filename="zaswiadczenie-{certificate.number.replace("/", "-")}.pdf"'
    )
    assert elapsed < 10
    page = client.get(reverse("me_workshops:home")).content.decode()
    assert reverse("me_workshops:certificate_pdf", args=[certificate.pk]) in page


def test_a_participant_cannot_download_another_persons_certificate(client, cast, certificate, other_certificate):
    client.force_login(cast[Role.PARTICIPANT])

    assert client.get(reverse("me_workshops:certificate_pdf", args=[other_certificate.pk])).status_code == 404
    assert client.get(reverse("education_public:certificate_pdf", args=[certificate.pk])).status_code == 403


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("coordinator", 200),
        ("admin", 200),
        ("trainer of the edition", 200),
        ("another trainer", 404),
        ("advisor", 403),
        ("outsider", 404),
        ("anonymous", "login"),
    ],
)
def test_staff_download_is_for_coordinators_administrators_and_the_editions_trainers(
    client, cast, outsider, partnership, certificate, who, expected
):
    users = {
        "coordinator": cast[Role.COORDINATOR],
        "admin": cast[Role.ADMIN],
        "trainer of the edition": cast[Role.TRAINER],
        "another trainer": UserFactory(partnership=partnership, roles=[Role.TRAINER]),
        "advisor": cast[Role.ADVISOR],
        "outsider": outsider,
    }
    if who in users:
        client.force_login(users[who])

    response = client.get(reverse("education_public:certificate_pdf", args=[certificate.pk]))

    if expected == "login":
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == expected
    if expected == 200:
        assert response.content.startswith(b"%PDF")


def test_the_verification_page_confirms_with_initials_only(client, certificate, edition):
    response = client.get(reverse("education_public:verify", args=[certificate.code]))
    page = response.content.decode()

    assert response.status_code == 200
    assert "This certificate is genuine" in page
    for shown in ["A. K.", "Zakładanie spółdzielni socjalnej", certificate.number]:
        assert shown in page
    assert f"Issued on</dt><dd>{day_in_words(edition.ends_on)}</dd>" in page  # the edition's last day
    for hidden in CANARY_DATA:
        assert hidden not in page
    assert "private" in response["Cache-Control"] and "max-age=3600" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_the_verification_page_needs_no_login_and_shows_no_more_to_a_logged_in_stranger(client, certificate, outsider):
    client.force_login(outsider)
    page = client.get(reverse("education_public:verify", args=[certificate.code])).content.decode()
    assert "A. K." in page
    assert CANARY_SURNAME not in page


def test_an_unknown_code_gets_a_page_saying_there_is_no_such_certificate(client, certificate):
    response = client.get(reverse("education_public:verify", args=["no-such-code"]))

    assert response.status_code == 404
    assert "No such certificate" in response.content.decode()
    assert "no-cache" in response["Cache-Control"]


def test_no_certificate_before_completion(client, cast, edition, holder, coordinator):
    services.enrol(edition, holder, by=coordinator)
    client.force_login(cast[Role.PARTICIPANT])
    assert not Certificate.objects.exists()
    assert "Download your certificate" not in client.get(reverse("me_workshops:home")).content.decode()


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [("Anna", "Nowak", "A. N."), ("łucja", "Żak-Ślęzak", "Ł. Ż."), (" Ewa ", "", "E.")],
)
def test_initials_are_the_first_letters_of_the_names(first, last, expected):
    assert certificates.initials(first, last) == expected
