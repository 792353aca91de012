"""Browser journey: a participant enrols from /me/, the trainer marks attendance once the meetings are held, the
certificate verifies."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from muflon.accounts.models import Role
from muflon.education.models import Certificate, Enrolment
from tests.browser.axe import assert_accessible
from tests.browser.login import log_in_with_session
from tests.factories import after_the_meetings, make_edition, make_participant

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_participant_enrols_trainer_marks_attendance_and_the_certificate_verifies(
    page, browser, live_server, log_in, cast, partnership, gmina
):
    trainer, coordinator = cast[Role.TRAINER], cast[Role.COORDINATOR]
    person = make_participant(
        partnership,
        gmina,
        by=coordinator,
        first_name="Krzysztof",
        last_name="Mazur",
        sex="M",
        user=cast[Role.PARTICIPANT],
    )
    edition = make_edition(partnership, gmina, trainers=[trainer], capacity=5, meetings=2)

    log_in(cast[Role.PARTICIPANT], expect_path="**/me/")
    page.goto("/me/workshops/")
    assert_accessible(page)
    page.locator(f"form[action$='/me/workshops/editions/{edition.pk}/enrol/'] button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    enrolment = Enrolment.objects.get(edition=edition, participant=person)
    assert enrolment.status == "enrolled"

    trainer_context = browser.new_context(base_url=live_server.url)
    trainer_page = trainer_context.new_page()
    # Before the meetings: the attendance page says from when it can be recorded, and offers no form.
    log_in_with_session(trainer_page, live_server.url, trainer)
    first = edition.meetings.first()
    trainer_page.goto(f"/app/workshops/{edition.pk}/meetings/{first.pk}/")
    expect(trainer_page.get_by_text(f"({timezone.localtime(first.starts_at):%d-%m-%Y, %H:%M}).")).to_be_visible()
    expect(trainer_page.locator("input[type=radio]")).to_have_count(0)
    assert_accessible(trainer_page)
    trainer_context.close()

    # The meetings are held (the server's clock moves past them; the trainer logs in again then) and marked.
    with after_the_meetings(edition):
        trainer_context = browser.new_context(base_url=live_server.url)
        trainer_page = trainer_context.new_page()
        log_in_with_session(trainer_page, live_server.url, trainer)
        for meeting in edition.meetings.all():
            trainer_page.goto(f"/app/workshops/{edition.pk}/meetings/{meeting.pk}/")
            trainer_page.locator(f"input[type=radio][value='present'][name$='{enrolment.pk}']").check()
            trainer_page.locator("main form button[type=submit]").click()
            expect(trainer_page.locator(".messages")).to_be_visible()
        assert_accessible(trainer_page)
        trainer_context.close()

    certificate = Certificate.objects.get(enrolment=enrolment)
    page.goto("/me/workshops/")
    link = page.locator(f"a[href$='/certificates/{certificate.pk}.pdf']")
    expect(link).to_be_visible()
    pdf = page.request.get(link.get_attribute("href"))
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF-")

    page.goto(f"/certificates/{certificate.code}/")
    expect(page.get_by_text("K. M.")).to_be_visible()
    expect(page.get_by_text(certificate.number)).to_be_visible()
    assert "Mazur" not in page.content()
    assert_accessible(page)
