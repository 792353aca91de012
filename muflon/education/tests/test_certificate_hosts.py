"""A certificate is verified on its own partnership's site only: on another partnership's host it is not found."""

import pytest
from django.urls import reverse

from muflon.accounts.models import Role
from muflon.education import services
from muflon.education.models import Certificate
from tests.factories import after_the_meetings, make_edition, make_participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(partnership, gmina, cast, coordinator):
    edition = make_edition(partnership, gmina, trainers=[cast[Role.TRAINER]])
    person = make_participant(partnership, gmina, by=coordinator, document_number="CER000001")
    enrolment = services.enrol(edition, person, by=coordinator)
    with after_the_meetings(edition):
        for meeting in edition.meetings.all():
            services.mark_attendance(meeting, {enrolment.pk: "present"}, by=cast[Role.TRAINER])
    return Certificate.objects.get(enrolment=enrolment)


def test_another_partnership_s_host_does_not_know_the_code(client, settings, certificate, other_partnership):
    settings.ALLOWED_HOSTS = ["*"]
    other_partnership.host = "inne.example.org"
    other_partnership.save()
    url = reverse("education_public:verify", args=[certificate.code])

    assert client.get(url).status_code == 200  # the default site is the certificate's partnership
    assert client.get(url, headers={"host": "inne.example.org"}).status_code == 404
