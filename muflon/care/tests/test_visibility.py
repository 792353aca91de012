"""A counsellor finds their open counselling clients among the participants; after a hand-over, no longer."""

import pytest

from muflon.care import services
from muflon.people.models import Participant
from muflon.people.services import give_consent
from tests.factories import make_participant

# dates: Hand-overs dated today.
pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def test_a_counsellor_sees_their_clients_and_loses_them_with_the_hand_over(
    partnership, gmina, coordinator, counsellor, other_counsellor, today
):
    person = make_participant(partnership, gmina, by=coordinator, last_name="Klientka", document_number="CARE0001")
    assert not Participant.objects.visible_to(other_counsellor).filter(pk=person.pk).exists()

    give_consent(person, "health_data", on=person.joined_on, method="paper", by=coordinator)
    client = services.refer_to_counselling(
        person, counsellor=other_counsellor, kind="psychological", referred_on=person.joined_on, by=coordinator
    )
    assert list(Participant.objects.visible_to(other_counsellor)) == [person]

    services.hand_over(client, counsellor, on=today, reason="Urlop", by=coordinator)
    assert not Participant.objects.visible_to(other_counsellor).filter(pk=person.pk).exists()
    assert Participant.objects.visible_to(counsellor).filter(pk=person.pk).exists()
