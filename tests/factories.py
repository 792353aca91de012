"""Factories for test data; each test names only what matters to it."""

import factory

from muflon.accounts.models import Organisation, Role, RoleAssignment, User
from muflon.partnership.models import Partnership

TEST_PASSWORD = "test-pass-Muflon-1"


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    name = factory.Sequence(lambda n: f"Partnerstwo testowe {n}")
    slug = factory.Sequence(lambda n: f"partnerstwo-{n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Organizacja {n}")
    kind = Organisation.Kind.NGO


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Jan"
    last_name = factory.Sequence(lambda n: f"Testowy{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    partnership = factory.SubFactory(PartnershipFactory)
    password = factory.django.Password(TEST_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or ():
            RoleAssignment.objects.create(user=self, role=role)
        self.__dict__.pop("roles", None)


VALID_PESELS = ["44051401359", "02211307589"]


def participant_data(partnership, gmina, **overrides):
    """Field values of a valid participant without a PESEL (identified by a document)."""
    import datetime

    data = {
        "partnership": partnership,
        "first_name": "Anna",
        "last_name": "Nowak",
        "document_type": "id_card",
        "document_number": "ABC123456",
        "birth_date": datetime.date(1980, 3, 15),
        "sex": "F",
        "gmina": gmina,
        "education": "isced3",
        "labour_status": "registered_unemployed",
        "unemployed_since": datetime.date(2024, 1, 10),
        "joined_on": datetime.date(2026, 1, 5),
    }
    data.update(overrides)
    return data


def make_participant(partnership, gmina, *, by, referral=None, consents=("support",), **overrides):
    """A participant registered through the real service, with the given consents (given on joining)."""
    from muflon.people.models import Consent, Participant
    from muflon.people.services import register_participant

    participant = Participant(**participant_data(partnership, gmina, **overrides))
    consent_rows = [Consent(purpose=purpose, given_on=participant.joined_on, method="paper") for purpose in consents]
    return register_participant(participant, referral=referral, consents=consent_rows, by=by)


def make_edition(partnership, gmina, *, trainers=(), capacity=10, meetings=2, start=None, **overrides):
    """A workshop edition with `meetings` two-hour meetings on consecutive days from `start` (a month ahead)."""
    import datetime

    from django.utils import timezone

    from muflon.education.models import Edition, Meeting, WorkshopType
    from muflon.education.services import refresh_dates

    workshop_type, _ = WorkshopType.objects.get_or_create(
        partnership=partnership,
        name=overrides.pop("type_name", "Warsztaty motywacyjne"),
        defaults={"category": "motivation", "hours": 8, "path_order": 1},
    )
    edition = Edition.objects.create(
        partnership=partnership,
        workshop_type=workshop_type,
        place="Centrum Szkoleń",
        address="ul. Długa 1",
        gmina=gmina,
        capacity=capacity,
        **overrides,
    )
    edition.trainers.set(trainers)
    # By default a month from now at 9:00, so that enrolment stays possible whenever the tests run.
    start = start or timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0) + datetime.timedelta(
        days=30
    )
    for day in range(meetings):
        begins = start + datetime.timedelta(days=day)
        Meeting.objects.create(edition=edition, starts_at=begins, ends_at=begins + datetime.timedelta(hours=2))
    refresh_dates(edition)
    edition.refresh_from_db()
    return edition


def after_the_meetings(held_by, *, hours=1):
    """The clock moved (ticking) to `hours` after the end of the last meeting of `held_by` (a workshop edition or a
    self-help group), as a context manager: for a test that follows a flow across time, such as enrolling now and
    marking attendance once the meetings are held. (A login made before the move has expired by then: log in
    inside.)"""
    import datetime

    import time_machine

    last = held_by.meetings.order_by("ends_at").last()
    return time_machine.travel(last.ends_at + datetime.timedelta(hours=hours), tick=True)


def at_nine(days: int):
    """9:00 local time `days` days from today (negative: before today), timezone-aware."""
    import datetime

    from django.utils import timezone

    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))


# The shared cast of the root conftest.py, as functions, so that data built once for a module can use them too.

ROLE_USERNAMES = {
    Role.ADMIN: "admin",
    Role.COORDINATOR: "coordinator",
    Role.ADVISOR: "advisor",
    Role.TRAINER: "trainer",
    Role.COUNSELLOR: "counsellor",
    Role.GRANT_OFFICER: "grant_officer",
    Role.MUNICIPALITY_OFFICER: "municipality_officer",
    Role.PARTNER: "partner",
    Role.PARTICIPANT: "participant",
}


def make_pilot_partnership():
    return PartnershipFactory(name="Partnerstwo Pilotażowe", slug="pilot", is_default=True)


def make_other_partnership():
    return PartnershipFactory(name="Partnerstwo Inne", slug="inne")


def pilot_gmina():
    """Głuszyca. Transactional tests (live server, threads) empty the tables afterwards, migrated data too,
    so the gminas are loaded again when missing."""
    from muflon.region.models import Gmina
    from muflon.region.reference import upsert_gminas

    upsert_gminas(Gmina)
    return Gmina.objects.get(terc="0221053")


def make_labour_office(partnership):
    return OrganisationFactory(partnership=partnership, name="Urząd Pracy", kind=Organisation.Kind.LABOUR_OFFICE)


def make_cast(partnership, gmina, labour_office) -> dict:
    """One user per role in the partnership, keyed by role."""
    users = {}
    for role, username in ROLE_USERNAMES.items():
        extra = {}
        if role == Role.MUNICIPALITY_OFFICER:
            extra["gmina"] = gmina
        if role == Role.PARTNER:
            extra["organisation"] = labour_office
        users[role] = UserFactory(username=username, partnership=partnership, roles=[role], **extra)
    return users


def make_outsider(other_partnership):
    return UserFactory(username="outsider", partnership=other_partnership, roles=[Role.ADMIN, Role.COORDINATOR])


def make_anna_nowak(cast, partnership, gmina, labour_office):
    """Referred by the labour office (progress shared), advised by the advisor, with a plan whose counselling
    item belongs to the counsellor."""
    import datetime

    from muflon.people.models import PlanItem, Referral
    from muflon.people.services import revise_plan

    coordinator = cast[Role.COORDINATOR]
    referral = Referral(source="labour_office", organisation=labour_office, referred_on=datetime.date(2026, 1, 2))
    person = make_participant(
        partnership,
        gmina,
        by=coordinator,
        referral=referral,
        consents=("support", "share_with_referrer"),
        case_worker=cast[Role.ADVISOR],
    )
    revise_plan(
        person,
        goals="Powrót do pracy",
        items=[
            {
                "kind": PlanItem.Kind.COUNSELLING,
                "description": "Wsparcie psychologa",
                "target_date": datetime.date(2026, 6, 30),
                "responsible": cast[Role.COUNSELLOR],
            }
        ],
        by=coordinator,
    )
    return person


def days_ahead(days: int = 60) -> str:
    """A date `days` from today, as a date field is typed (ISO): for targets that may not lie in the past."""
    import datetime

    from django.utils import timezone

    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()
