"""Demo data of the education area: the catalogue of the path and about 40 editions around today."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from muflon.accounts.models import Organisation, User
from muflon.education import services
from muflon.education.models import Edition, Enrolment, Feedback, WorkshopType
from muflon.partnership.demo import pilot_partnership
from muflon.people.models import Participant
from muflon.people.path import Stage
from muflon.region.models import Gmina

EDITIONS = 40
# name, category, hours, qualification, order
CATALOGUE = [
    ("Warsztaty motywacyjne", "motivation", 16, "Planowanie własnej drogi zawodowej", 1),
    ("Komunikacja i praca w zespole", "communication", 16, "Komunikacja interpersonalna", 2),
    (
        "Jak założyć i prowadzić spółdzielnię socjalną",
        "cooperative",
        24,
        "Podstawy prawne i organizacja spółdzielni",
        3,
    ),
    ("Przedsiębiorczość i biznesplan", "entrepreneurship", 32, "Przygotowanie biznesplanu", 4),
    ("Pomoc kuchenna z uprawnieniami HACCP", "vocational", 80, "Pomoc kuchenna, zasady HACCP", 5),
    ("Opiekun osoby starszej", "vocational", 120, "Opieka nad osobą starszą", 6),
    ("Pracownik utrzymania terenów zielonych", "vocational", 60, "Pielęgnacja zieleni", 7),
]
PLACES = [
    ("Centrum Szkoleń Zawodowych Sudety", "ul. Wysockiego 12, 58-300 Wałbrzych", "0265011", True),
    ("Ośrodek Wsparcia Ekonomii Społecznej", "ul. Armii Krajowej 5, 58-300 Wałbrzych", "0265011", True),
    ("Miejski Ośrodek Kultury", "ul. Grunwaldzka 20, 58-340 Głuszyca", "0221053", False),
    ("Świetlica wiejska", "ul. Główna 3, 58-320 Walim", "0221082", False),
    ("Sala konferencyjna Urzędu Miasta", "ul. Armii Krajowej 49, 58-100 Świdnica", "0219011", True),
]
# Students who will go through the path: people beyond the diagnosis.
STUDENT_STAGES = [
    Stage.IN_SUPPORT,
    Stage.FOUNDING_GROUP,
    Stage.COOPERATIVE_MEMBER,
    Stage.EMPLOYED_COOPERATIVE,
    Stage.DIAGNOSED,
]


def load(**options) -> None:
    partnership = pilot_partnership()
    types = catalogue(partnership)
    if Edition.objects.filter(partnership=partnership).exists():
        return
    rnd = random.Random(4)
    trainer = User.objects.get(username="trener")
    coordinator = User.objects.get(username="koordynator")
    organisation = Organisation.objects.get(partnership=partnership, name="Centrum Szkoleń Zawodowych Sudety")
    students = list(Participant.objects.filter(partnership=partnership, stage__in=STUDENT_STAGES).order_by("id")[:120])
    today = timezone.localdate()
    for number in range(EDITIONS):
        first_day = today + datetime.timedelta(days=7 * (number - 28))
        workshop_type = types[number % len(types)]
        place, address, terc, step_free = PLACES[number % len(PLACES)]
        edition = Edition.objects.create(
            partnership=partnership,
            workshop_type=workshop_type,
            organisation=organisation,
            place=place,
            address=address,
            gmina=Gmina.objects.get(terc=terc),
            step_free=step_free,
            capacity=12 if number % 5 else 6,
            enrolment_open=True,
        )
        edition.trainers.set([trainer])
        group = rnd.sample(students, min(len(students), 8 if number % 5 else 9))
        for person in group:
            services.enrol(edition, person, by=coordinator)
        for day in range(3):
            start = timezone.make_aware(
                datetime.datetime.combine(first_day + datetime.timedelta(days=day), datetime.time(9, 0))
            )
            services.add_meeting(
                edition, starts_at=start, ends_at=start + datetime.timedelta(hours=4), room="sala 1", by=coordinator
            )
        if first_day <= today:
            Edition.objects.filter(pk=edition.pk).update(enrolment_open=False)
        if first_day + datetime.timedelta(days=2) < today:
            mark_past_meetings(edition, trainer, rnd)


def catalogue(partnership) -> list[WorkshopType]:
    return [
        WorkshopType.objects.update_or_create(
            partnership=partnership,
            name=name,
            defaults={
                "category": category,
                "hours": Decimal(hours),
                "qualification": qualification,
                "path_order": order,
                "issues_certificate": True,
                "completion_threshold": 80,
                "description": f"{name}: zajęcia praktyczne w małej grupie.",
            },
        )[0]
        for name, category, hours, qualification, order in CATALOGUE
    ]


def mark_past_meetings(edition, trainer, rnd) -> None:
    """Attendance of the meetings held so far (a meeting that has not started takes none)."""
    enrolled = list(edition.enrolments.filter(status=Enrolment.Status.ENROLLED))
    if not enrolled:
        return
    for meeting in edition.meetings.filter(starts_at__lte=timezone.now()):
        marks = {e.pk: rnd.choices(["present", "absent", "excused"], weights=[85, 10, 5])[0] for e in enrolled}
        services.mark_attendance(meeting, marks, by=trainer)
    for enrolment in enrolled[:5]:
        Feedback.objects.get_or_create(
            enrolment=enrolment, defaults={"rating": rnd.choice([4, 5, 5, 3]), "comment": "Przydatne zajęcia."}
        )
