"""Demo data of the care area: counselling clients with sessions and fictional notes, two self-help groups,
dependants with care arrangements (some missing, for the coordinator's list)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from muflon.accounts.models import User
from muflon.care import services
from muflon.care.models import CareArrangement, CounsellingClient, Dependant, SelfHelpGroup
from muflon.education.models import Enrolment
from muflon.partnership.demo import pilot_partnership
from muflon.people.models import Consent, Participant, PlanItem
from muflon.people.services import give_consent, withdraw_consent

# Written for the demo: every note says it is fiction, so nobody mistakes it for a real person's.
NOTES = [
    "[DEMO – fikcja] Pierwsza rozmowa. Klientka opowiada o lęku przed powrotem do pracy po długiej przerwie. "
    "Ustalamy cel: trzy spotkania o radzeniu sobie ze stresem.",
    "[DEMO – fikcja] Klient zauważa, że poranki są najtrudniejsze. Ćwiczymy plan dnia; zadanie domowe: "
    "zapisywać, co się udało.",
    "[DEMO – fikcja] Postęp: udział w warsztatach bez rezygnacji. Rozmawiamy o obawach przed rozmową w spółdzielni.",
]
SESSION_FORMS = ["individual", "individual", "therapeutic", "crisis"]
GROUPS = [
    (
        "Wsparcie dla rodziców wracających do pracy",
        "Świetlica OWES, ul. Armii Krajowej 5, Wałbrzych",
        "co drugi wtorek, 17:00–18:30",
        SelfHelpGroup.Status.FACILITATED,
    ),
    (
        "Grupa abstynencka „Nowy dzień”",
        "Miejski Ośrodek Kultury, Głuszyca",
        "każdy czwartek, 18:00–19:30",
        SelfHelpGroup.Status.SELF_RUNNING,
    ),
]


def load(**options) -> None:
    """Idempotent: running it twice leaves one copy of everything."""
    partnership = pilot_partnership()
    if CounsellingClient.objects.filter(partnership=partnership).exists():
        return
    coordinator = User.objects.get(username="koordynator")
    counsellor = User.objects.get(username="psycholog")
    second = second_counsellor(partnership)
    clients = counselling(partnership, coordinator, [counsellor, second])
    groups = self_help_groups(partnership, coordinator, counsellor, [client.participant for client in clients])
    dependant_care(partnership, coordinator, groups)


def second_counsellor(partnership) -> User:
    """The therapist of the accounts demo (login `terapeuta`), so that a hand-over can be tried."""
    return User.objects.get(partnership=partnership, username="terapeuta")


def counselling(partnership, coordinator, counsellors) -> list[CounsellingClient]:
    """People whose plan has psychological support: consent to health data, referral, sessions and notes."""
    today = timezone.localdate()
    planned = (
        Participant.objects.filter(partnership=partnership, plans__items__kind=PlanItem.Kind.COUNSELLING)
        .distinct()
        .order_by("id")[:8]
    )
    clients = []
    for number, participant in enumerate(planned):
        start = today - datetime.timedelta(days=70 - number * 5)
        if services.active_consent(participant, Consent.Purpose.HEALTH_DATA) is None:
            give_consent(participant, Consent.Purpose.HEALTH_DATA, on=start, method="paper", by=coordinator)
        counsellor = counsellors[0] if number % 4 else counsellors[1]
        client = services.refer_to_counselling(
            participant,
            counsellor=counsellor,
            kind="psychological" if number % 3 else "therapeutic",
            referred_on=start,
            by=coordinator,
        )
        for visit in range(1 + number % 4):
            session = services.record_session(
                client,
                held_on=start + datetime.timedelta(days=7 * (visit + 1)),
                minutes=50 if visit % 2 == 0 else 60,
                form=SESSION_FORMS[(number + visit) % len(SESSION_FORMS)],
                summary="Sesja odbyta.",
                by=counsellor,
            )
            services.write_note(client, NOTES[(number + visit) % len(NOTES)], session=session, by=counsellor)
        clients.append(client)
    if len(clients) > 2:
        # The last one withdrew the consent: the coordinator sees what must happen to the records.
        withdrawn = clients[-1].participant.consents.get(purpose=Consent.Purpose.HEALTH_DATA, withdrawn_on=None)
        withdraw_consent(withdrawn, on=today, by=coordinator)
    return clients


def self_help_groups(partnership, coordinator, counsellor, people) -> list[SelfHelpGroup]:
    today = timezone.localdate()
    members = list(people) + list(
        Participant.objects.filter(partnership=partnership).exclude(pk__in=[p.pk for p in people]).order_by("id")[:6]
    )
    groups = []
    for number, (topic, place, schedule, status) in enumerate(GROUPS):
        group = SelfHelpGroup.objects.create(
            partnership=partnership,
            topic=topic,
            facilitator=counsellor if status == SelfHelpGroup.Status.FACILITATED else None,
            place=place,
            schedule=schedule,
            status=status,
            started_on=today - datetime.timedelta(days=90),
        )
        for person in members[number::2][:6]:
            if services.active_consent(person, Consent.Purpose.SUPPORT) is not None:
                services.add_member(group, person, on=group.started_on, by=coordinator)
        for week in range(-4, 4):
            day = today + datetime.timedelta(days=7 * week + 2 + number)
            starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(17, 0)))
            meeting = services.add_group_meeting(
                group, starts_at=starts, ends_at=starts + datetime.timedelta(minutes=90), topic="", by=coordinator
            )
            if meeting.has_started():  # attendance only for the meetings held so far
                present = [m.pk for i, m in enumerate(services.members_on(meeting)) if (i + week) % 4]
                services.mark_group_attendance(meeting, present, by=coordinator)
        groups.append(group)
    return groups


def dependant_care(partnership, coordinator, groups) -> None:
    """Dependants of people enrolled in upcoming workshops: care for some, none for others (the gaps)."""
    today = timezone.localdate()
    enrolled = (
        Participant.objects.filter(
            partnership=partnership,
            enrolments__status=Enrolment.Status.ENROLLED,
            enrolments__edition__meetings__starts_at__date__gte=today,
        )
        .distinct()
        .order_by("id")[:6]
    )
    kinds = [
        (Dependant.Kind.CHILD_UNDER_7, "Zosia", "Przedszkole do 15:00; alergia na orzechy."),
        (Dependant.Kind.CHILD_7_15, "Kuba", "Opieka po lekcjach, od 13:00."),
        (Dependant.Kind.OLDER_PERSON, "Mama", "Pomoc przy posiłkach i lekach."),
        (Dependant.Kind.DISABLED_ADULT, "Brat", "Porusza się na wózku; potrzebna obecność opiekuna."),
    ]
    providers = [
        (CareArrangement.Provider.KINDERGARTEN, "Przedszkole Miejskie nr 3", Decimal("250.00"), "project"),
        (CareArrangement.Provider.FAMILY, "Babcia", Decimal("0.00"), "nobody"),
        (CareArrangement.Provider.CARE_ORGANISATION, "Caritas – opieka domowa", Decimal("480.00"), "social_welfare"),
    ]
    for number, participant in enumerate(enrolled):
        kind, name, needs = kinds[number % len(kinds)]
        dependant = Dependant.objects.create(participant=participant, kind=kind, name=name, care_needs=needs)
        if number % 2:
            continue  # no care arranged: this person appears on the coordinator's list
        provider, provider_name, cost, payer = providers[number // 2 % len(providers)]
        arrangement = CareArrangement(
            dependant=dependant,
            provider=provider,
            provider_name=provider_name,
            starts_on=today - datetime.timedelta(days=30),
            ends_on=today + datetime.timedelta(days=120),
            hours_per_week=Decimal("20"),
            monthly_cost=cost,
            paid_by=payer,
        )
        editions = participant.enrolments.filter(status=Enrolment.Status.ENROLLED).values_list("edition", flat=True)
        own_groups = [group for group in groups if group.members.filter(participant=participant).exists()]
        services.save_arrangement(arrangement, editions=list(editions), groups=own_groups, by=coordinator)
    # A member of the parents' group whose child has no care arranged for the group's meetings.
    member = groups[0].members.exclude(participant__dependants__isnull=False).select_related("participant").first()
    if member is not None:
        Dependant.objects.create(
            participant=member.participant, kind=Dependant.Kind.CHILD_UNDER_7, name="Ola", care_needs="Żłobek do 16:00."
        )
