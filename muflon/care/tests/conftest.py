"""Fixtures of barrier support: a counselling client with consent, the counsellors, the English UI."""

import datetime

import pytest
from cryptography.fernet import Fernet
from django.conf import settings as django_settings
from django.utils import timezone

from muflon.accounts.models import Role
from muflon.care import services
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def field_key(settings):
    """Each test encrypts with a key of its own, as production does with MUFLON_FIELD_KEY."""
    key = Fernet.generate_key().decode()
    settings.MUFLON_FIELD_KEYS = [key]
    return key


@pytest.fixture
def english(client):
    """The pages in English, so that messages read as their msgids whatever the Polish catalogue holds."""
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def counsellor(cast):
    return cast[Role.COUNSELLOR]


@pytest.fixture
def other_counsellor(partnership):
    return UserFactory(
        username="therapist", first_name="Paweł", last_name="Drugi", partnership=partnership, roles=[Role.COUNSELLOR]
    )


@pytest.fixture
def consenting(participant, coordinator):
    """The cast's participant with the consent to processing of health data."""
    from muflon.people.services import give_consent

    give_consent(participant, "health_data", on=participant.joined_on, method="paper", by=coordinator)
    return participant


@pytest.fixture
def care_client(consenting, counsellor, coordinator):
    return services.refer_to_counselling(
        consenting, counsellor=counsellor, kind="psychological", referred_on=consenting.joined_on, by=coordinator
    )


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def yesterday(today):
    return today - datetime.timedelta(days=1)
