"""Demo data of the people area: about 300 fictional participants of the pilot region on every stage."""

import datetime
import random

from muflon.accounts.models import Organisation, Role, User
from muflon.partnership.demo import pilot_partnership
from muflon.people import services
from muflon.people.identity import make_pesel, normalise
from muflon.people.models import (
    Assessment,
    BarrierScore,
    Candidate,
    ExclusionCategory,
    Participant,
    PlanItem,
    Referral,
    Task,
)
from muflon.people.path import ALLOWED_MOVES, ExitReason, Stage
from muflon.region.models import Gmina

HOW_MANY = 300
TODAY = datetime.date(2026, 11, 2)  # fixed, so that every run builds the same people and dates

WOMEN = [
    "Anna",
    "Maria",
    "Katarzyna",
    "Małgorzata",
    "Agnieszka",
    "Barbara",
    "Ewa",
    "Krystyna",
    "Elżbieta",
    "Joanna",
    "Zofia",
    "Monika",
    "Danuta",
    "Beata",
    "Jolanta",
    "Grażyna",
    "Halina",
    "Renata",
    "Iwona",
    "Teresa",
]
MEN = [
    "Jan",
    "Andrzej",
    "Piotr",
    "Krzysztof",
    "Stanisław",
    "Tomasz",
    "Paweł",
    "Józef",
    "Marcin",
    "Marek",
    "Michał",
    "Grzegorz",
    "Jerzy",
    "Tadeusz",
    "Adam",
    "Łukasz",
    "Zbigniew",
    "Ryszard",
    "Dariusz",
    "Henryk",
]
SURNAMES = [
    ("Nowak", "Nowak"),
    ("Kowalski", "Kowalska"),
    ("Wiśniewski", "Wiśniewska"),
    ("Wójcik", "Wójcik"),
    ("Kowalczyk", "Kowalczyk"),
    ("Kamiński", "Kamińska"),
    ("Lewandowski", "Lewandowska"),
    ("Zieliński", "Zielińska"),
    ("Szymański", "Szymańska"),
    ("Woźniak", "Woźniak"),
    ("Dąbrowski", "Dąbrowska"),
    ("Kozłowski", "Kozłowska"),
    ("Jankowski", "Jankowska"),
    ("Mazur", "Mazur"),
    ("Kwiatkowski", "Kwiatkowska"),
    ("Krawczyk", "Krawczyk"),
    ("Piotrowski", "Piotrowska"),
    ("Grabowski", "Grabowska"),
    ("Nowakowski", "Nowakowska"),
    ("Pawłowski", "Pawłowska"),
    ("Michalski", "Michalska"),
    ("Król", "Król"),
    ("Wieczorek", "Wieczorek"),
    ("Jabłoński", "Jabłońska"),
]
STREETS = [
    "ul. Wysockiego",
    "ul. Niepodległości",
    "ul. Armii Krajowej",
    "ul. Główna",
    "ul. Kościuszki",
    "ul. Długa",
    "ul. Sienkiewicza",
    "ul. Piłsudskiego",
    "ul. Słowackiego",
    "ul. Ogrodowa",
]
IDEAS = [
    "catering dla szkół",
    "usługi porządkowe dla wspólnot",
    "opieka nad osobami starszymi",
    "naprawa rowerów",
    "pielęgnacja zieleni miejskiej",
    "szycie i poprawki krawieckie",
    "",
]
# How far along the path each demo person gets, so that every stage has people.
PATHS = [
    [Stage.RECRUITED],
    [Stage.RECRUITED, Stage.DIAGNOSED],
    [Stage.RECRUITED, Stage.DIAGNOSED, Stage.IN_SUPPORT],
    [Stage.RECRUITED, Stage.DIAGNOSED, Stage.IN_SUPPORT, Stage.FOUNDING_GROUP],
    [Stage.RECRUITED, Stage.DIAGNOSED, Stage.IN_SUPPORT, Stage.FOUNDING_GROUP, Stage.COOPERATIVE_MEMBER],
    [
        Stage.RECRUITED,
        Stage.DIAGNOSED,
        Stage.IN_SUPPORT,
        Stage.FOUNDING_GROUP,
        Stage.COOPERATIVE_MEMBER,
        Stage.EMPLOYED_COOPERATIVE,
    ],
    [Stage.RECRUITED, Stage.DIAGNOSED, Stage.IN_SUPPORT, Stage.EMPLOYED_OPEN_MARKET],
    [Stage.RECRUITED, Stage.DIAGNOSED, Stage.IN_SUPPORT, Stage.SELF_EMPLOYED],
    [Stage.RECRUITED, Stage.DIAGNOSED, Stage.IN_SUPPORT, Stage.EXITED],
    [Stage.RECRUITED, Stage.DIAGNOSED, Stage.EXITED],
]


def load(participants: int = HOW_MANY, **options) -> None:
    partnership = pilot_partnership()
    if Participant.objects.filter(partnership=partnership).count() >= participants:
        return
    world = DemoWorld(partnership)
    for number in range(participants):
        world.person(number)
    world.candidates()
    link_participant_login(partnership)


class DemoWorld:
    def __init__(self, partnership):
        self.partnership = partnership
        self.random = random.Random(2026)
        self.coordinator = User.objects.get(username="koordynator")
        self.advisor = User.objects.get(username="doradca")
        self.counsellor = User.objects.get(username="psycholog")
        self.trainer = User.objects.get(username="trener")
        self.gminas = list(Gmina.objects.order_by("terc"))
        self.organisations = {
            kind: Organisation.objects.filter(partnership=partnership, kind=kind).first()
            for kind in ("labour_office", "social_welfare", "ngo")
        }
        self.categories = {c.code: c for c in ExclusionCategory.objects.all()}

    def person(self, number):
        rnd = self.random
        sex = "F" if number % 2 == 0 else "M"
        birth = datetime.date(rnd.randint(1965, 2003), rnd.randint(1, 12), rnd.randint(1, 28))
        pesel = make_pesel(birth, sex, number)
        if Participant.objects.filter(partnership=self.partnership, pesel=pesel).exists():
            return
        surname = rnd.choice(SURNAMES)[0 if sex == "M" else 1]
        first = rnd.choice(MEN if sex == "M" else WOMEN)
        joined = TODAY - datetime.timedelta(days=rnd.randint(30, 700))
        gmina = rnd.choice(self.gminas)
        source = rnd.choice(["labour_office", "labour_office", "social_welfare", "ngo", "own"])
        participant = Participant(
            partnership=self.partnership,
            first_name=first,
            last_name=surname,
            pesel=pesel,
            birth_date=birth,
            sex=sex,
            phone=f"6{rnd.randint(10, 99)} {rnd.randint(100, 999)} {rnd.randint(100, 999)}",
            email=f"{normalise(first)}.{number}@example.org" if rnd.random() < 0.6 else "",
            street=f"{rnd.choice(STREETS)} {rnd.randint(1, 80)}",
            postal_code=f"58-{rnd.randint(300, 399)}",
            city=gmina.name,
            gmina=gmina,
            education=rnd.choice(["isced1", "isced2", "isced2", "isced3", "isced4"]),
            labour_status="registered_unemployed",
            unemployed_since=joined - datetime.timedelta(days=rnd.randint(90, 1500)),
            long_term_unemployed=rnd.random() < 0.7,
            joined_on=joined,
            case_worker=self.advisor if rnd.random() < 0.5 else self.coordinator,
        )
        referral = Referral(
            source=source,
            organisation=self.organisations.get(source),
            referred_on=joined,
            reason="Długotrwale bezrobotna osoba zainteresowana pracą w spółdzielni socjalnej.",
        )
        consents = ["support", "share_with_referrer"] if source != "own" else ["support"]
        participant = services.register_participant(
            participant,
            referral=referral,
            consents=[self.consent(purpose, joined) for purpose in consents],
            by=self.coordinator,
        )
        participant.eligibility_grounds.create(
            category=self.categories["unemployed"], evidence="labour_office", evidence_date=joined
        )
        self.walk(participant, PATHS[number % len(PATHS)], joined)

    def consent(self, purpose, day):
        from muflon.people.models import Consent

        return Consent(purpose=purpose, given_on=day, method="paper")

    def walk(self, participant, path, joined):
        day = joined
        for stage in path[1:]:
            day = min(day + datetime.timedelta(days=self.random.randint(10, 60)), TODAY)
            if stage == Stage.DIAGNOSED:
                self.diagnose(participant, day)
            if stage == Stage.IN_SUPPORT:
                self.plan(participant, day)
            assert stage in ALLOWED_MOVES[participant.stage]
            reason = self.random.choice(list(ExitReason)) if stage == Stage.EXITED else ""
            services.move_to_stage(participant, stage, on=day, by=self.coordinator, exit_reason=reason)
            participant.refresh_from_db()

    def diagnose(self, participant, day):
        assessment = Assessment.objects.create(
            participant=participant,
            assessed_on=day,
            assessed_by=self.advisor,
            strengths="Punktualność, doświadczenie w pracy fizycznej.",
            interests="Praca z ludźmi, gotowanie.",
            business_idea=self.random.choice(IDEAS),
        )
        for area in BarrierScore.Area:
            BarrierScore.objects.create(assessment=assessment, area=area, severity=self.random.randint(0, 3))

    def plan(self, participant, day):
        items = [
            {
                "kind": PlanItem.Kind.WORKSHOP,
                "description": "Warsztaty motywacyjne i komunikacyjne",
                "target_date": day + datetime.timedelta(days=30),
                "responsible": self.trainer,
            },
            {
                "kind": PlanItem.Kind.ADVISORY,
                "description": "Doradztwo: jak założyć spółdzielnię socjalną",
                "target_date": day + datetime.timedelta(days=60),
                "responsible": self.advisor,
            },
        ]
        if self.random.random() < 0.4:
            items.append(
                {
                    "kind": PlanItem.Kind.COUNSELLING,
                    "description": "Wsparcie psychologiczne",
                    "target_date": day + datetime.timedelta(days=45),
                    "responsible": self.counsellor,
                }
            )
        services.revise_plan(
            participant,
            goals="Zdobyć kwalifikacje i współtworzyć spółdzielnię socjalną.",
            items=items,
            by=self.coordinator,
        )
        if self.random.random() < 0.3:
            Task.objects.create(
                participant=participant,
                title="Zadzwonić i umówić spotkanie",
                due_on=TODAY + datetime.timedelta(days=self.random.randint(1, 30)),
                assignee=self.coordinator,
                created_by=self.coordinator,
            )

    def candidates(self):
        people = [("Renata", "Kubiak", "Głuszyca"), ("Mariusz", "Sikora", "Wałbrzych"), ("Halina", "Baran", "Walim")]
        for first, last, gmina_name in people:
            Candidate.objects.get_or_create(
                partnership=self.partnership,
                first_name=first,
                last_name=last,
                defaults={
                    "phone": "600 700 800",
                    "gmina": Gmina.objects.get(name=gmina_name),
                    "situation": "bezrobotna ponad rok",
                    "interests": "gastronomia",
                },
            )


def link_participant_login(partnership):
    """The demo login `uczestnik` belongs to the first participant in a founding group."""
    user = User.objects.get(username="uczestnik")
    if Participant.objects.filter(user=user).exists():
        return
    person = Participant.objects.filter(partnership=partnership, stage=Stage.FOUNDING_GROUP, user__isnull=True).first()
    person.user = user
    person.first_name, person.last_name = user.first_name, user.last_name
    person.save()
    assert user.has_role(Role.PARTICIPANT)
