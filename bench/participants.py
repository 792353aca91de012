"""Benchmark of the participants area on generated data; see bench/README.md.

    python bench/participants.py generate --database-url URL [--participants 100000] [--seed 1]
    python bench/participants.py time     --database-url URL [--runs 20]
    python bench/participants.py load     --database-url URL [--clients 10] [--seconds 20]
    python bench/participants.py queries  --database-url URL [--explain]

`generate` migrates an empty database and fills it (seeded, so every run makes the same data);
`time` serves the app with gunicorn on loopback (DEBUG off) and times full pages as a logged-in
coordinator; `load` has concurrent clients request one page for a while (requests per second);
`queries` runs the same requests in-process and lists their SQL with timings.
"""

import argparse
import bisect
import contextlib
import datetime
import http.client
import math
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from http.cookies import SimpleCookie
from pathlib import Path
from types import SimpleNamespace

from portal import WRK_SCRIPT, ensure_wrk, run_wrk  # bench/ is the script's folder

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PASSWORD = "bench-pass-1"
COORDINATOR = "bench-coordinator"
PARTNERSHIP_SLUG = "bench-pilot"
# Every date is relative to this day, not to today, so the data are the same whenever they are made.
REFERENCE_DAY = datetime.date(2026, 10, 31)
TRANSITIONS_PER_PERSON = 10
CHUNK = 5000

# ---------------------------------------------------------------------------------------------
# Names. Surnames with their approximate frequency in Poland (thousands of bearers, PESEL register);
# female forms are derived (-ski -> -ska, -cki -> -cka, -dzki -> -dzka). With Faker's lists (ranks to
# 200, then 3,690 rarer surnames) the 200 most common make 20 % of people, as in Poland: Nowak ~0.5 %.

SURNAMES = [
    ("Nowak", 200), ("Kowalski", 139), ("Wiśniewski", 110), ("Wójcik", 99), ("Kowalczyk", 98),
    ("Kamiński", 95), ("Lewandowski", 93), ("Zieliński", 91), ("Szymański", 89), ("Woźniak", 88),
    ("Dąbrowski", 85), ("Kozłowski", 76), ("Mazur", 70), ("Jankowski", 69), ("Wojciechowski", 68),
    ("Kwiatkowski", 68), ("Krawczyk", 66), ("Kaczmarek", 65), ("Piotrowski", 64), ("Grabowski", 61),
    ("Zając", 55), ("Pawłowski", 55), ("Michalski", 55), ("Król", 54), ("Nowakowski", 53),
    ("Wieczorek", 52), ("Jabłoński", 51), ("Wróbel", 51), ("Majewski", 50), ("Olszewski", 48),
    ("Jaworski", 47), ("Stępień", 47), ("Malinowski", 47), ("Adamczyk", 46), ("Dudek", 46),
    ("Górski", 45), ("Nowicki", 45), ("Pawlak", 45), ("Witkowski", 44), ("Walczak", 44),
    ("Sikora", 43), ("Baran", 43), ("Rutkowski", 42), ("Michalak", 42), ("Szewczyk", 42),
    ("Ostrowski", 41), ("Tomaszewski", 41), ("Pietrzak", 40), ("Zalewski", 39), ("Wróblewski", 39),
    ("Duda", 38), ("Jasiński", 38), ("Marciniak", 37), ("Zawadzki", 37), ("Bąk", 37),
    ("Jakubowski", 37), ("Sadowski", 36), ("Włodarczyk", 36), ("Wilk", 35), ("Chmielewski", 35),
]  # fmt: skip
TAIL_SHARE = 80  # per cent of people with a surname outside the 200 most common

FEMALE_NAMES = [
    ("Anna", 30), ("Katarzyna", 25), ("Agnieszka", 22), ("Małgorzata", 20), ("Magdalena", 18),
    ("Joanna", 17), ("Monika", 14), ("Ewa", 13), ("Marta", 12), ("Aleksandra", 11), ("Karolina", 11),
    ("Beata", 10), ("Dorota", 10), ("Justyna", 10), ("Paulina", 10), ("Natalia", 9), ("Barbara", 8),
    ("Elżbieta", 8), ("Iwona", 8), ("Sylwia", 8), ("Agata", 8), ("Patrycja", 8), ("Renata", 7),
    ("Edyta", 7), ("Marzena", 6), ("Izabela", 6), ("Weronika", 6), ("Dominika", 6), ("Kamila", 6),
    ("Kinga", 5), ("Emilia", 5), ("Julia", 5), ("Jolanta", 5), ("Aneta", 5), ("Grażyna", 4),
    ("Krystyna", 4), ("Urszula", 4), ("Bożena", 4), ("Halina", 3), ("Danuta", 3), ("Teresa", 3),
    ("Ilona", 3), ("Wioletta", 3), ("Żaneta", 2),
]  # fmt: skip
MALE_NAMES = [
    ("Piotr", 28), ("Krzysztof", 25), ("Tomasz", 24), ("Paweł", 22), ("Michał", 22), ("Marcin", 20),
    ("Łukasz", 18), ("Andrzej", 16), ("Jakub", 15), ("Adam", 14), ("Grzegorz", 13), ("Mateusz", 13),
    ("Mariusz", 12), ("Marek", 12), ("Kamil", 12), ("Dariusz", 11), ("Wojciech", 11), ("Rafał", 11),
    ("Robert", 10), ("Sebastian", 9), ("Bartosz", 9), ("Jan", 8), ("Jacek", 8), ("Damian", 8),
    ("Dawid", 8), ("Maciej", 8), ("Przemysław", 7), ("Artur", 7), ("Daniel", 7), ("Szymon", 6),
    ("Adrian", 6), ("Patryk", 6), ("Sławomir", 5), ("Zbigniew", 5), ("Jerzy", 5), ("Kacper", 4),
    ("Ryszard", 4), ("Leszek", 4), ("Janusz", 4), ("Arkadiusz", 4), ("Stanisław", 3), ("Józef", 3),
    ("Waldemar", 3), ("Zdzisław", 2),
]  # fmt: skip
# About 1 % of participants are foreigners without a PESEL (a residence card instead).
FOREIGN_SURNAMES = ["Szewczenko", "Kowalenko", "Bondarenko", "Tkaczenko", "Kravchuk", "Melnyk", "Boiko"]
FOREIGN_FEMALE = ["Olena", "Oksana", "Iryna", "Tetiana", "Natalia"]
FOREIGN_MALE = ["Andrii", "Serhii", "Oleksandr", "Dmytro", "Wołodymyr"]

# Gminas of the pilot region: TERC code -> (weight ~ population in thousands, postal code).
GMINAS = {
    "0265011": (108, "58-300"), "0219011": (55, "58-100"), "0221011": (15, "58-370"),
    "0221053": (8.5, "58-340"), "0221063": (6.7, "58-350"), "0221031": (5.6, "58-310"),
    "0221082": (5.3, "58-320"), "0221021": (4.7, "58-330"), "0221042": (4.5, "58-379"),
    "0221072": (4.4, "58-312"),
}  # fmt: skip
STREETS = ["Mickiewicza", "Słowackiego", "Kościuszki", "Andersa", "Wysockiego", "Armii Krajowej", "Długa",
           "Kolejowa", "Ogrodowa", "Polna", "Szkolna", "Lipowa", "Chrobrego", "Wrocławska", "Główna"]  # fmt: skip

# The path: how likely each allowed move is (muflon.people.path.ALLOWED_MOVES decides which exist).
MOVE_WEIGHTS = {
    "recruited": {"diagnosed": 9, "exited": 1},
    "diagnosed": {"in_support": 9, "exited": 1},
    "in_support": {
        "founding_group": 5,
        "employed_cooperative": 1,
        "employed_open_market": 2,
        "self_employed": 1,
        "exited": 1,
    },
    "founding_group": {"cooperative_member": 5, "in_support": 2, "exited": 1},
    "cooperative_member": {"employed_cooperative": 5, "employed_open_market": 1, "exited": 1},
    "employed_cooperative": {"employed_open_market": 4, "self_employed": 1, "exited": 1.5},
    "employed_open_market": {"employed_cooperative": 4, "exited": 1.5},
    "self_employed": {"employed_cooperative": 3, "exited": 1.5},
    "exited": {"recruited": 1},
}
EXIT_REASONS = {"completed": 3, "found_work": 4, "resigned": 3, "lost_contact": 3, "health": 1, "moved_away": 1}
# Where people come from; the organisation kind that refers them (None: no organisation).
SOURCES = {"labour_office": 45, "social_welfare": 25, "own": 15, "ngo": 10, "other": 5}
SOURCE_KIND = {"labour_office": "labour_office", "social_welfare": "social_welfare", "ngo": "ngo"}
# Legal grounds of exclusion (codes from people/data/exclusion_categories.csv) and their evidence.
GROUNDS = {
    "unemployed": (60, "labour_office"),
    "job_seeker_under_30_over_50": (10, "labour_office"),
    "disabled": (10, "disability"),
    "job_seeker_not_employed": (6, "labour_office"),
    "cis_kis_graduate": (5, "cis_kis"),
    "job_seeking_carer": (5, "declaration"),
    "social_employment": (3, "social_welfare"),
    "leaving_foster_care": (1, "institution"),
}
NOTE_TEXTS = [
    "Rozmowa telefoniczna: potwierdzono termin spotkania.",
    "Uczestnik zgłosił się na konsultację z doradcą; omówiono ścieżkę wsparcia.",
    "Przekazano informację o szkoleniu z księgowości spółdzielni.",
    "Uczestniczka nie stawiła się na warsztat; ustalono nowy termin.",
    "Omówiono pomysł na działalność gastronomiczną w grupie założycielskiej.",
    "Dostarczono zaświadczenie z urzędu pracy.",
    "Spotkanie w MOPS w sprawie opieki nad dzieckiem w czasie szkoleń.",
    "Uczestnik rozważa pracę w spółdzielni socjalnej świadczącej usługi remontowe.",
]
PLAN_KINDS = {"workshop": 5, "counselling": 3, "advisory": 4, "self_help_group": 2, "grant": 1, "premises": 1}
TASK_TITLES = ["Zadzwonić w sprawie dokumentów", "Umówić diagnozę", "Sprawdzić obecność na warsztacie",
               "Przygotować wniosek o dotację", "Uzupełnić plan wsparcia"]  # fmt: skip


class Weighted:
    """Fast weighted choice from a {value: weight} mapping or a list of (value, weight)."""

    def __init__(self, items):
        pairs = list(items.items()) if isinstance(items, dict) else list(items)
        self.values = [value for value, _ in pairs]
        self.cumulative = []
        total = 0.0
        for _, weight in pairs:
            total += weight
            self.cumulative.append(total)
        self.total = total

    def pick(self, rng):
        return self.values[bisect.bisect_right(self.cumulative, rng.random() * self.total)]


def feminine(surname: str) -> str:
    for ending in ("ski", "cki", "dzki"):
        if surname.endswith(ending):
            return surname[:-1] + "a"
    return surname


def surname_table() -> Weighted:
    """SURNAMES, then Faker's next most common ones (ranks to 200), then its 3,690 rarer ones as the tail."""
    listed = {name for name, _ in SURNAMES}
    try:
        from faker.providers.person.pl_PL import Provider
    except ImportError:  # Faker comes with requirements-dev.txt; without it the data differ
        print("warning: Faker is not installed, so only the listed surnames are used", file=sys.stderr)
        ranked, tail = [], []
    else:
        ranked = [name for name in Provider.male_last_names if name not in listed]
        tail = [name for name in Provider.unisex_last_names if name not in listed]
    pairs = list(SURNAMES) + [(name, 35 - 23 * i / max(1, len(ranked) - 1)) for i, name in enumerate(ranked)]
    top = sum(weight for _, weight in pairs)
    pairs += [(name, top * TAIL_SHARE / (100 - TAIL_SHARE) / len(tail)) for name in tail]
    return Weighted(pairs)


PESEL_WEIGHTS = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)


def pesel(birth_date: datetime.date, sex: str, serial: int, sex_digit: int) -> str:
    """A valid PESEL: YYMMDD (month +20 in the 2000s), a serial, the sex digit (odd: man), the check digit."""
    month = birth_date.month + (20 if birth_date.year >= 2000 else 0)
    digit = sex_digit * 2 + (1 if sex == "M" else 0)
    digits = f"{birth_date.year % 100:02}{month:02}{birth_date.day:02}{serial:03}{digit}"
    check = (10 - sum(int(d) * w for d, w in zip(digits, PESEL_WEIGHTS, strict=True)) % 10) % 10
    return digits + str(check)


def random_day(rng, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def at_noon(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)


def transition_counts(rng, people: int, total: int) -> list[int]:
    """How many stage changes each person has: short paths for 30 %, longer for the rest, `total` in all."""
    counts = [rng.randint(1, 6) if rng.random() < 0.3 else rng.randint(8, 18) for _ in range(people)]
    difference = total - sum(counts)
    step = 1 if difference > 0 else -1
    while difference:
        i = rng.randrange(people)
        if 1 <= counts[i] + step <= 25:
            counts[i] += step
            difference -= step
    return counts


# ---------------------------------------------------------------------------------------------
# Django in this process.


def refuse_shared_database(url: str) -> None:
    if "var/muflon" in url or not url.strip():
        sys.exit("Give your own DATABASE_URL (e.g. sqlite:////tmp/bench-people/db.sqlite3), not the shared one.")


def django_env(database_url: str, debug: bool = True, settings: str = "muflon.settings") -> dict:
    env = dict(os.environ)
    env.update(DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE=settings, DJANGO_DEBUG="1" if debug else "0")
    return env


def setup_django(database_url: str, debug: bool = True) -> None:
    os.environ.update(django_env(database_url, debug))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def manage(database_url: str, *args, env=None) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args], cwd=ROOT, env=env or django_env(database_url), check=True
    )


@contextlib.contextmanager
def explicit_created_at(*models):
    """Let bulk_create keep the created_at we give (the data span years, not the seconds of generation)."""
    fields = [model._meta.get_field("created_at") for model in models]
    for field in fields:
        field.auto_now_add = False
    try:
        yield
    finally:
        for field in fields:
            field.auto_now_add = True


# ---------------------------------------------------------------------------------------------
# generate


def generate(args) -> None:
    refuse_shared_database(args.database_url)
    started = time.perf_counter()
    print(f"migrating {args.database_url} …", flush=True)
    manage(args.database_url, "migrate", "--noinput", "-v", "0")
    setup_django(args.database_url)

    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction

    from muflon.accounts.models import Organisation, Role, RoleAssignment, User
    from muflon.core import audit
    from muflon.core.models import AuditEntry
    from muflon.partnership.models import Partnership
    from muflon.people import models as people
    from muflon.people.identity import birth_date_and_sex_from_pesel, name_key
    from muflon.people.path import ALLOWED_MOVES
    from muflon.region.models import Gmina

    if people.Participant.objects.exists() or Partnership.objects.filter(slug=PARTNERSHIP_SLUG).exists():
        sys.exit("This database already holds participants: drop it and create it again (the data are seeded).")
    for stage, moves in MOVE_WEIGHTS.items():
        assert set(moves) <= ALLOWED_MOVES[stage], f"MOVE_WEIGHTS has a move the path forbids from {stage}"

    rng = random.Random(args.seed)
    migrated = time.perf_counter()
    gminas = {gmina.terc: gmina for gmina in Gmina.objects.all()}
    gmina_table = Weighted({terc: weight for terc, (weight, _) in GMINAS.items() if terc in gminas})
    categories = {category.code: category for category in people.ExclusionCategory.objects.all()}
    ground_table = Weighted({code: weight for code, (weight, _) in GROUNDS.items() if code in categories})

    # The partnership, its organisations and staff: ordinary saves, so the audit log has them.
    with transaction.atomic():
        partnership = Partnership.objects.create(
            name="Partnerstwo benchmarku (pilot)", slug=PARTNERSHIP_SLUG, is_default=True
        )
        organisations = {}
        for name, kind, terc in [
            ("Ośrodek Wsparcia Ekonomii Społecznej w Wałbrzychu", "owes", "0265011"),
            ("Powiatowy Urząd Pracy w Wałbrzychu", "labour_office", "0265011"),
            ("Powiatowy Urząd Pracy w Świdnicy", "labour_office", "0219011"),
            ("Miejski Ośrodek Pomocy Społecznej w Wałbrzychu", "social_welfare", "0265011"),
            ("Miejski Ośrodek Pomocy Społecznej w Świdnicy", "social_welfare", "0219011"),
            ("Stowarzyszenie Aktywni Razem", "ngo", "0219011"),
            ("Fundacja Nowy Start", "ngo", "0221053"),
            ("Centrum Szkoleń Zawodowych Sudety", "training", "0265011"),
        ]:
            organisations.setdefault(kind, []).append(
                Organisation.objects.create(partnership=partnership, name=name, kind=kind, gmina=gminas.get(terc))
            )
        for gmina in gminas.values():
            Organisation.objects.create(
                partnership=partnership, name=f"Gmina {gmina.name}", kind="municipality", gmina=gmina
            )
        password = make_password(args.password)
        staff_plan = (
            [(COORDINATOR, Role.COORDINATOR), ("bench-coordinator-2", Role.COORDINATOR), ("bench-admin", Role.ADMIN)]
            + [(f"bench-advisor-{i}", Role.ADVISOR) for i in range(1, 9)]
            + [(f"bench-counsellor-{i}", Role.COUNSELLOR) for i in range(1, 6)]
            + [("bench-trainer-1", Role.TRAINER), ("bench-trainer-2", Role.TRAINER)]
            + [("bench-partner", Role.PARTNER), ("bench-grant", Role.GRANT_OFFICER)]
        )
        staff = {}
        female, male = Weighted(FEMALE_NAMES), Weighted(MALE_NAMES)
        surnames = surname_table()
        for username, role in staff_plan:
            is_female = rng.random() < 0.7
            organisation = organisations["labour_office"][0] if role == Role.PARTNER else organisations["owes"][0]
            user = User.objects.create(
                username=username,
                password=password,
                partnership=partnership,
                organisation=organisation,
                first_name=(female if is_female else male).pick(rng),
                last_name=feminine(surnames.pick(rng)) if is_female else surnames.pick(rng),
                email=f"{username}@bench.muflon.invalid",
            )
            RoleAssignment.objects.create(user=user, role=role)
            staff.setdefault(role, []).append(user)
    case_workers = Weighted(
        [(None, 10)]
        + [(user.pk, 12) for user in staff[Role.ADVISOR]]
        + [(user.pk, 6) for user in staff[Role.COUNSELLOR]]
        + [(user.pk, 3) for user in staff[Role.COORDINATOR]]
    )
    movers = Weighted([(user.pk, 3) for user in staff[Role.COORDINATOR]] + [(u.pk, 2) for u in staff[Role.ADVISOR]])
    writers = Weighted(
        [(u.pk, 2) for u in staff[Role.ADVISOR] + staff[Role.COUNSELLOR]] + [(u.pk, 1) for u in staff[Role.COORDINATOR]]
    )
    responsible = Weighted([(u.pk, 2) for u in staff[Role.ADVISOR]] + [(u.pk, 1) for u in staff[Role.TRAINER]])
    assignees = Weighted([(user.pk, 1) for users in staff.values() for user in users if user.username != "bench-grant"])
    education = Weighted({"isced1": 3, "isced2": 25, "isced3": 45, "isced4": 12, "isced5_8": 15})
    labour = Weighted({"registered_unemployed": 60, "job_seeker": 10, "inactive": 25, "employed": 5})
    next_stage = {stage: Weighted(moves) for stage, moves in MOVE_WEIGHTS.items()}
    tables = SimpleNamespace(
        categories=categories,
        grounds=ground_table,
        organisations=organisations,
        sources=Weighted(SOURCES),
        exit_reasons=Weighted(EXIT_REASONS),
        movers=movers,
        writers=writers,
        responsible=responsible,
        plan_kinds=Weighted(PLAN_KINDS),
        assignees=assignees,
    )

    counts = transition_counts(rng, args.participants, args.participants * TRANSITIONS_PER_PERSON)
    used_pesels: set[str] = set()
    totals: dict[str, int] = {}
    start_day, end_day = datetime.date(2016, 1, 4), REFERENCE_DAY - datetime.timedelta(days=30)

    def insert(model, rows):
        model.objects.bulk_create(rows, batch_size=2000)
        totals[model._meta.label] = totals.get(model._meta.label, 0) + len(rows)

    print(f"inserting {args.participants:,} participants in chunks of {CHUNK:,} …", flush=True)
    created_models = (people.CaseNote, people.SupportPlan, people.Assessment, people.Task)
    with explicit_created_at(*created_models):
        for chunk_start in range(0, args.participants, CHUNK):
            chunk = range(chunk_start, min(args.participants, chunk_start + CHUNK))
            participants, paths = [], []
            for index in chunk:
                sex = "F" if rng.random() < 0.55 else "M"
                foreign = rng.random() < 0.01
                if foreign:
                    first = rng.choice(FOREIGN_FEMALE if sex == "F" else FOREIGN_MALE)
                    last = rng.choice(FOREIGN_SURNAMES)
                else:
                    first = (female if sex == "F" else male).pick(rng)
                    last = surnames.pick(rng)
                    last = feminine(last) if sex == "F" else last
                    if rng.random() < 0.02:  # a few double-barrelled surnames
                        other = surnames.pick(rng)
                        last = f"{last}-{feminine(other) if sex == 'F' else other}"
                birth = random_day(rng, datetime.date(1960, 1, 1), datetime.date(2005, 12, 31))
                number = ""
                if not foreign:
                    while not number or number in used_pesels:
                        number = pesel(birth, sex, rng.randrange(1000), rng.randrange(5))
                    used_pesels.add(number)
                joined = random_day(
                    rng, max(start_day, birth.replace(day=1) + datetime.timedelta(days=18 * 366)), end_day
                )
                terc = gmina_table.pick(rng)
                status = labour.pick(rng)
                unemployed_since = None
                if status == "registered_unemployed":
                    adult = birth.replace(day=1) + datetime.timedelta(days=18 * 366)
                    unemployed_since = max(adult, joined - datetime.timedelta(days=rng.randint(30, 1500)))
                email_name = name_key(last, first).replace(" ", ".")
                participant = people.Participant(
                    partnership=partnership,
                    first_name=first,
                    last_name=last,
                    name_key=name_key(last, first),  # bulk_create skips save(), which sets it
                    pesel=number,
                    document_type="residence_card" if foreign else "",
                    document_number=f"RC{rng.randrange(10**7):07}" if foreign else "",
                    birth_date=birth,
                    sex=sex,
                    phone=f"+48 {rng.choice('5678')}{rng.randrange(10**8):08}" if rng.random() < 0.85 else "",
                    email=f"{email_name}{rng.randrange(100)}@example.pl" if rng.random() < 0.4 else "",
                    street=f"ul. {rng.choice(STREETS)} {rng.randint(1, 120)}" + (
                        f"/{rng.randint(1, 30)}" if rng.random() < 0.6 else ""
                    ),
                    postal_code=GMINAS[terc][1],
                    city=gminas[terc].name,
                    gmina_id=gminas[terc].pk,
                    education=education.pick(rng),
                    labour_status=status,
                    unemployed_since=unemployed_since,
                    long_term_unemployed=bool(unemployed_since and (joined - unemployed_since).days > 365),
                    joined_on=joined,
                    case_worker_id=case_workers.pick(rng),
                )  # fmt: skip
                # The path: a walk through the allowed moves on dates between joining and the reference day.
                days = sorted(random_day(rng, joined, REFERENCE_DAY) for _ in range(counts[index] - 1))
                moves = [("", "recruited", joined)]
                for day in days:
                    moves.append((moves[-1][1], next_stage[moves[-1][1]].pick(rng), day))
                participant.stage, participant.stage_since = moves[-1][1], moves[-1][2]
                participant.clean()  # validate in bulk: PESEL against birth date and sex, dates
                if number:
                    assert birth_date_and_sex_from_pesel(number) == (birth, sex), number
                participants.append(participant)
                paths.append(moves)
            with transaction.atomic():
                insert(people.Participant, participants)
                assert participants[0].pk is not None, "bulk_create did not return primary keys"
                insert_parts(rng, people, insert, participants, paths, tables)
            done = chunk.stop
            if done % 20000 == 0 or done == args.participants:
                elapsed = time.perf_counter() - migrated
                print(f"  {done:>9,} participants, {sum(totals.values()):>10,} rows, {elapsed:6.1f} s", flush=True)

    audit.record(
        AuditEntry.Action.CREATE,
        actor_label="bench/participants.py generate",
        partnership_id=partnership.pk,
        changes={"bulk_created": totals, "seed": args.seed},
    )
    inserted = time.perf_counter()
    if connection.vendor == "postgresql":
        print("VACUUM ANALYZE (what autovacuum would do after a load) …", flush=True)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finished = time.perf_counter()
    rows = sum(totals.values())
    print()
    for label, count in totals.items():
        print(f"  {label:<28} {count:>10,}")
    print(f"  {'rows in all':<28} {rows:>10,}")
    print(
        f"generation took {finished - started:.1f} s: migrate {migrated - started:.1f} s, "
        f"build + insert {inserted - migrated:.1f} s ({rows / (inserted - migrated):,.0f} rows/s), "
        f"{'VACUUM ANALYZE' if connection.vendor == 'postgresql' else 'checkpoint'} {finished - inserted:.1f} s"
    )
    print(f"log in as {COORDINATOR} / {args.password}")


def insert_parts(rng, people, insert, participants, paths, tables) -> None:
    """Everything that hangs on a chunk of participants, in bulk."""
    categories, organisations = tables.categories, tables.organisations
    referrals, consents, grounds, transitions, exits = [], [], [], [], []
    plans, plan_items, notes, tasks, assessments = [], [], [], [], []
    for person, moves in zip(participants, paths, strict=True):
        source = tables.sources.pick(rng)
        kind = SOURCE_KIND.get(source)
        referred_on = person.joined_on - datetime.timedelta(days=rng.randint(0, 60))
        referrals.append(
            people.Referral(
                participant_id=person.pk,
                source=source,
                organisation=rng.choice(organisations[kind]) if kind else None,
                referring_person="" if kind is None else f"{rng.choice(FEMALE_NAMES)[0]} {rng.choice(SURNAMES)[0]}",
                referred_on=referred_on,
                reason="Długotrwałe bezrobocie, chęć podjęcia pracy w spółdzielni socjalnej." if kind else "",
            )
        )
        purposes = ["support"] + (["share_with_referrer"] if kind and rng.random() < 0.7 else [])
        purposes += [
            purpose for purpose, share in (("email", 0.4), ("sms", 0.5), ("health_data", 0.1)) if rng.random() < share
        ]
        for purpose in purposes:
            withdrawn = rng.random() < 0.04 and purpose != "support"
            consents.append(
                people.Consent(
                    participant_id=person.pk,
                    purpose=purpose,
                    given_on=person.joined_on,
                    method=rng.choice(["paper", "paper", "electronic", "oral"]),
                    withdrawn_on=random_day(rng, person.joined_on, REFERENCE_DAY) if withdrawn else None,
                )
            )  # fmt: skip
        ground_count = rng.choices([0, 1, 2], weights=[10, 75, 15])[0]
        for code in sorted({tables.grounds.pick(rng) for _ in range(ground_count)}):
            grounds.append(
                people.EligibilityGround(
                    participant_id=person.pk,
                    category=categories[code],
                    evidence=GROUNDS[code][1],
                    evidence_date=max(categories[code].valid_from, referred_on - datetime.timedelta(days=14)),
                )
            )
        for from_stage, to_stage, day in moves:
            transition = people.StageTransition(
                participant_id=person.pk,
                from_stage=from_stage,
                to_stage=to_stage,
                moved_on=day,
                moved_by_id=tables.movers.pick(rng),
                exit_reason=tables.exit_reasons.pick(rng) if to_stage == "exited" else "",
                note="" if rng.random() < 0.8 else "Uzgodniono na spotkaniu z uczestnikiem.",
            )
            transitions.append(transition)
            if to_stage == "exited":
                exits.append((person, transition))
        diagnosed = next((day for _, to_stage, day in moves if to_stage == "diagnosed"), None)
        if diagnosed:
            versions = 2 if rng.random() < 0.25 else 1
            for version in range(1, versions + 1):
                created = diagnosed + datetime.timedelta(days=7 + 120 * (version - 1))
                plan = people.SupportPlan(
                    participant_id=person.pk,
                    version=version,
                    goals="Założenie spółdzielni socjalnej lub zatrudnienie w istniejącej; wzmocnienie kompetencji.",
                    created_by_id=tables.writers.pick(rng),
                    created_at=at_noon(min(created, REFERENCE_DAY)),
                )
                plans.append(plan)
                plan_items.append(
                    [
                        dict(
                            kind=tables.plan_kinds.pick(rng),
                            description="Warsztaty, doradztwo i wsparcie w zakładaniu spółdzielni",
                            target_date=created + datetime.timedelta(days=rng.randint(30, 300)),
                            responsible_id=tables.responsible.pick(rng),
                            status=rng.choice(["planned", "in_progress", "done", "done"]),
                        )
                        for _ in range(rng.randint(1, 3))
                    ]
                )
            if rng.random() < 0.4:
                assessments.append(
                    people.Assessment(
                        participant_id=person.pk,
                        assessed_on=diagnosed,
                        assessed_by_id=tables.writers.pick(rng),
                        strengths="Sumienność, doświadczenie w handlu.",
                        interests="Gastronomia, usługi opiekuńcze.",
                        created_at=at_noon(diagnosed),
                    )
                )
        for _ in range(rng.choices([0, 1, 2, 3, 4], weights=[13, 27, 27, 18, 15])[0]):
            day = random_day(rng, person.joined_on, REFERENCE_DAY)
            notes.append(
                people.CaseNote(
                    participant_id=person.pk,
                    author_id=tables.writers.pick(rng),
                    text=rng.choice(NOTE_TEXTS),
                    created_at=at_noon(day) + datetime.timedelta(minutes=rng.randrange(480)),
                )
            )
        if rng.random() < 0.3:
            due = random_day(rng, person.joined_on, REFERENCE_DAY + datetime.timedelta(days=30))
            creator = tables.writers.pick(rng)
            tasks.append(
                people.Task(
                    participant_id=person.pk,
                    title=rng.choice(TASK_TITLES),
                    due_on=due,
                    assignee_id=tables.assignees.pick(rng),
                    created_by_id=creator,
                    done_on=min(due, REFERENCE_DAY) if rng.random() < 0.6 else None,
                    created_at=at_noon(person.joined_on),
                )
            )
    insert(people.Referral, referrals)
    insert(people.Consent, consents)
    insert(people.EligibilityGround, grounds)
    insert(people.StageTransition, transitions)
    follow_ups = []
    for person, transition in exits:
        for kind, days in (("at_exit", 0), ("after_4_weeks", 28), ("after_6_months", 182)):
            due = transition.moved_on + datetime.timedelta(days=days)
            recorded = due <= REFERENCE_DAY and rng.random() < 0.8
            follow_ups.append(
                people.FollowUp(
                    participant_id=person.pk,
                    exit_id=transition.pk,
                    kind=kind,
                    due_on=due,
                    outcome=rng.choice(["employed_cooperative", "employed_open_market", "unemployed", "unknown"])
                    if recorded
                    else "",
                    recorded_on=due if recorded else None,
                )
            )
    insert(people.FollowUp, follow_ups)
    insert(people.SupportPlan, plans)
    insert(
        people.PlanItem,
        [
            people.PlanItem(plan_id=plan.pk, **item)
            for plan, items in zip(plans, plan_items, strict=True)
            for item in items
        ],
    )
    insert(people.Assessment, assessments)
    insert(
        people.BarrierScore,
        [
            people.BarrierScore(assessment_id=assessment.pk, area=area, severity=rng.randint(0, 3))
            for assessment in assessments
            for area in people.BarrierScore.Area.values
        ],
    )
    insert(people.CaseNote, notes)
    insert(people.Task, tasks)


# ---------------------------------------------------------------------------------------------
# time: the real server, full pages


class Browser:
    """A minimal client over http.client: one connection per request, cookies kept, CSRF token read."""

    def __init__(self, port: int, timeout: float = 30):
        self.port, self.timeout, self.cookies = port, timeout, {}

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, dict, bytes, float]:
        headers = {"Host": f"127.0.0.1:{self.port}", "Accept-Language": "pl", "Connection": "close"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        started = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        elapsed = (time.perf_counter() - started) * 1000
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, dict(response.headers), content, elapsed

    def csrf_token(self, path: str) -> str:
        status, _, content, _ = self.request("GET", path)
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content)
        if status != 200 or not match:
            raise SystemExit(f"no CSRF token on {path} (status {status})")
        return match.group(1).decode()

    def login(self, username: str, password: str) -> None:
        token = self.csrf_token("/accounts/login/")
        form = {"csrfmiddlewaretoken": token, "username": username, "password": password, "next": "/app/"}
        status, headers, _, _ = self.request("POST", "/accounts/login/", form)
        if status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(f"login as {username} failed (status {status}); did `generate` run with this password?")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def sample_values(database_url: str) -> dict:
    """The values the timed requests use, read from the database (the same data give the same values)."""
    setup_django(database_url)
    from django.db import connection
    from django.db.models import Count

    from muflon.accounts.models import User
    from muflon.people.models import EligibilityGround, Participant

    people = Participant.objects.filter(partnership__slug=PARTNERSHIP_SLUG)
    total = people.count()
    if not total:
        raise SystemExit("no bench participants in this database: run `generate` first")
    ids = people.order_by("pk").values_list("pk", flat=True)
    # A typical person with a full page: the first from the middle of the table with a plan, a diagnosis, notes.
    middle = ids[total // 2]
    person = (
        people.filter(pk__gte=middle, pesel__gt="", plans__isnull=False, assessments__isnull=False)
        .annotate(notes_count=Count("notes", distinct=True))
        .filter(notes_count__gte=2)
        .order_by("pk")
        .first()
    )
    gminas = list(people.values("gmina").annotate(n=Count("id")).order_by("-n", "gmina"))
    categories = list(
        EligibilityGround.objects.filter(participant__partnership__slug=PARTNERSHIP_SLUG)
        .values("category", "category__code")
        .annotate(n=Count("id"))
        .order_by("-n", "category")
    )
    values = {
        "total": total,
        "vendor": connection.vendor,
        "version": connection.Database.sqlite_version
        if connection.vendor == "sqlite"
        else f"PostgreSQL {connection.pg_version // 10000}.{connection.pg_version % 10000}",
        "person": person.pk,
        "pesel": person.pesel,
        "gmina": gminas[len(gminas) // 2]["gmina"],  # a gmina of middling size
        "gmina_share": gminas[len(gminas) // 2]["n"] / total,
        "category": categories[0]["category"],
        "category_code": categories[0]["category__code"],
        "rare_category": categories[-1]["category"],
        "rare_category_code": categories[-1]["category__code"],
        "staff": User.objects.get(username="bench-advisor-1").pk,
    }
    connection.close()
    return values


def bench_requests(values: dict) -> list[tuple[str, str, str, dict | None, float]]:
    """(label, method, path, form, target p95 in ms). The general target is 50 ms p95."""
    list_url = "/app/participants/"
    return [
        ("(a) list, first page by name", "GET", list_url, None, 15),
        ("(b) name search q=nowak", "GET", list_url + "?q=nowak", None, 50),
        ("(c) PESEL search (POST)", "POST", list_url, {"q": values["pesel"]}, 50),
        ("(d) filter stage=in_support", "GET", list_url + "?stage=in_support", None, 50),
        ("(d) filter gmina (middling)", "GET", list_url + f"?gmina={values['gmina']}", None, 50),
        ("(d) filter sex=F", "GET", list_url + "?sex=F", None, 50),
        (
            f"(d) filter category={values['category_code']}",
            "GET",
            list_url + f"?category={values['category']}",
            None,
            50,
        ),
        (
            f"(d) filter category={values['rare_category_code']} (rarest)",
            "GET",
            list_url + f"?category={values['rare_category']}",
            None,
            50,
        ),
        ("(d) filter staff (an advisor)", "GET", list_url + f"?staff={values['staff']}", None, 50),
        ("(d) filter source=labour_office", "GET", list_url + "?source=labour_office", None, 50),
        ("(e) list, page 1000", "GET", list_url + "?page=1000", None, 50),
        ("(f) dashboard /app/", "GET", "/app/", None, 32),
        ("(g) participant's page", "GET", f"/app/participants/{values['person']}/", None, 50),
    ]


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def write_settings(directory: Path) -> str:
    """A settings module for the bench server: the project's settings with STATIC_ROOT in a temp folder."""
    (directory / "bench_settings.py").write_text(
        f"from muflon.settings import *  # noqa: F403\n\nSTATIC_ROOT = {str(directory / 'static')!r}\n"
    )
    return "bench_settings"


@contextlib.contextmanager
def served(args):
    """gunicorn with 2 sync workers on a free loopback port, as in production (DEBUG off); yields the port."""
    workdir = Path(tempfile.mkdtemp(prefix="bench-time-", dir="/tmp"))
    settings = write_settings(workdir)
    env = django_env(args.database_url, debug=args.debug, settings=settings)
    env["PYTHONPATH"] = os.pathsep.join([str(workdir), str(ROOT)])
    if not args.debug:
        # DEBUG off uses the manifest static storage, which needs collected files.
        manage(args.database_url, "collectstatic", "--noinput", "-v", "0", env=env)
    port = free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    log = (workdir / "gunicorn.log").open("w")
    command = [str(gunicorn), "muflon.wsgi:application", "--workers", "2", "--bind", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command + ["--chdir", str(ROOT)], cwd=ROOT, env=env, stdout=log, stderr=log)
    try:
        browser = Browser(port)
        for _ in range(150):  # up to 30 s for the server to answer
            with contextlib.suppress(OSError):
                if browser.request("GET", "/healthz")[0] == 200:
                    break
            if server.poll() is not None:
                raise SystemExit(f"gunicorn stopped: see {workdir / 'gunicorn.log'}")
            time.sleep(0.2)
        else:
            raise SystemExit("gunicorn did not answer within 30 s")
        yield port
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
        shutil.rmtree(workdir, ignore_errors=True)


def time_pages(args) -> None:
    refuse_shared_database(args.database_url)
    values = sample_values(args.database_url)
    notes = [f"before: {machine_note()}"]
    deadline = time.monotonic() + args.budget
    with served(args) as port:
        browser = Browser(port)
        browser.login(COORDINATOR, args.password)
        requests = bench_requests(values)
        # Warm both workers (templates, translations, database connections) before any timing.
        for _ in range(3):
            for _, method, path, form, _ in requests:
                send(browser, method, path, form)
        results = []
        for label, method, path, form, target in requests:
            send(browser, method, path, form)  # the warm-up of this request
            samples, size, rows = [], 0, 0
            request_deadline = min(deadline, time.monotonic() + args.request_budget)
            while len(samples) < args.runs and time.monotonic() < request_deadline:
                elapsed, size, rows = send(browser, method, path, form)
                samples.append(elapsed)
            if len(samples) < 5:
                raise SystemExit(f"{label}: only {len(samples)} runs within the time budget")
            results.append((label, target, samples, size, rows))
            print(f"  {label:<44} median {statistics.median(samples):7.1f} ms", file=sys.stderr, flush=True)
        notes.append(f"after: {machine_note()}")
    report(args, values, results, notes)


def load_pages(args) -> None:
    """`--clients` concurrent clients, logged in as the coordinator, request one page for `--seconds`: requests per
    second. With Debian's wrk (as bench/portal.py; `--python-client` forces threads here), so that the load tool
    takes little of the two cores the server needs."""
    refuse_shared_database(args.database_url)
    values = sample_values(args.database_url)
    paths = {"list": "/app/participants/", "person": f"/app/participants/{values['person']}/"}
    wrk = None if args.python_client else ensure_wrk()
    print(
        f"{values['vendor']} ({values['version']}), {values['total']:,} participants, gunicorn 2 sync workers, "
        f"DEBUG {'on' if args.debug else 'off'}, {args.clients} concurrent clients, {args.seconds:g} s per page, "
        f"load tool {'wrk' if wrk else 'Python threads'}"
    )
    print(f"before: {machine_note()}")
    with served(args) as port:
        browser = Browser(port)
        browser.login(COORDINATOR, args.password)
        for name in args.pages:
            for _ in range(4):
                send(browser, "GET", paths[name], None)  # warm both workers
            if wrk:
                rate, p50, p95, requests = wrk_load(wrk, port, paths[name], browser.cookies, args)
            else:
                rate, p50, p95, requests = thread_load(port, paths[name], args)
            print(f"  {name:<7} {rate:7.1f} requests/s  median {p50:6.1f} ms  p95 {p95:6.1f} ms  ({requests} requests)")
    print(f"after: {machine_note()}")


def wrk_load(wrk, port, path, cookies, args):
    cookie = "; ".join(f"{name}={value}" for name, value in cookies.items())
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(f'wrk.headers["Cookie"] = "{cookie}"\nwrk.headers["Accept-Language"] = "pl"\n')
        script.write(WRK_SCRIPT)
    try:
        url = f"http://127.0.0.1:{port}{path}"
        figures, _ = run_wrk(wrk, url, args.clients, int(args.seconds), script.name)
    finally:
        os.unlink(script.name)
    if figures.get("errors"):
        raise SystemExit(f"{path}: {figures['errors']} requests failed under load")
    return figures["rate"], figures["p50"], figures["p95"], figures["requests"]


def thread_load(port, path, args):
    browsers = [Browser(port) for _ in range(args.clients)]
    for browser in browsers:
        browser.login(COORDINATOR, args.password)
    samples = [[] for _ in browsers]
    stop = time.monotonic() + args.seconds

    def client(number):
        while time.monotonic() < stop:
            samples[number].append(send(browsers[number], "GET", path, None)[0])

    threads = [threading.Thread(target=client, args=(n,)) for n in range(len(browsers))]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    every = [sample for per_client in samples for sample in per_client]
    return len(every) / elapsed, statistics.median(every), percentile(every, 0.95), len(every)


def send(browser: Browser, method: str, path: str, form: dict | None) -> tuple[float, int, int]:
    if form is not None:
        form = {"csrfmiddlewaretoken": browser.cookies.get("csrftoken", ""), **form}
    status, _, content, elapsed = browser.request(method, path, form)
    if status != 200:
        raise SystemExit(f"{method} {path} answered {status}")
    rows = len(re.findall(rb'<td><a href="/app/participants/\d+/">', content))
    return elapsed, len(content), rows


def report(args, values, results, notes) -> None:
    title = (
        f"{values['vendor']} ({values['version']}), {values['total']:,} participants, gunicorn 2 sync workers, "
        f"DEBUG {'on' if args.debug else 'off'}, {args.runs} timed runs after 1 warm-up, ms per full page"
    )
    header = ["request", "median", "p95", "min", "max", "target p95", "", "rows", "KB"]
    lines = []
    for label, target, samples, size, rows in results:
        p95 = percentile(samples, 0.95)
        lines.append(
            [
                label,
                f"{statistics.median(samples):.1f}",
                f"{p95:.1f}",
                f"{min(samples):.1f}",
                f"{max(samples):.1f}",
                f"≤ {target:g}",
                "ok" if p95 <= target else "MISSED",
                str(rows),
                f"{size / 1024:.0f}",
            ]
        )
    widths = [max(len(row[i]) for row in [header, *lines]) for i in range(len(header))]
    print(title)
    for note in notes:
        print(note)
    for row in [header, *lines]:
        print(
            "  ".join(
                cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True))
            )
        )
    print()
    print(f"**{title}**")
    print()
    print("| " + " | ".join(header[:6] + ["met", "rows", "KB"]) + " |")
    print("| --- | " + " | ".join(["---:"] * 5 + [":---:", "---:", "---:"]) + " |")
    for row in lines:
        print("| " + " | ".join(row) + " |")
    print()
    for note in notes:
        print(f"Machine {note}  ")


# ---------------------------------------------------------------------------------------------
# queries: the same requests in-process, with their SQL


def list_queries(args) -> None:
    refuse_shared_database(args.database_url)
    values = sample_values(args.database_url)
    from django.db import connection
    from django.test import Client

    from muflon.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username=COORDINATOR))
    print(f"{values['vendor']} ({values['version']}), {values['total']:,} participants, in process, DEBUG on")
    print(f"page: median of {args.runs} runs after a warm-up; SQL: each SELECT again, median of 3; {machine_note()}")
    for label, method, path, form, _ in bench_requests(values):
        call = client.post if method == "POST" else client.get
        call(path, form or {})  # warm
        walls, runs = [], []
        for _ in range(args.runs):
            timed = []

            def timer(execute, sql, params, many, context, timed=timed):
                started = time.perf_counter()
                try:
                    return execute(sql, params, many, context)
                finally:
                    timed.append(((time.perf_counter() - started) * 1000, sql, params))

            started = time.perf_counter()
            with connection.execute_wrapper(timer):
                response = call(path, form or {})
            walls.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (path, response.status_code)
            runs.append(timed)
        # Time each SELECT again on its own, with all its rows fetched: the wrapper around execute()
        # misses the rows SQLite produces during the fetch (a LIMIT walk, a grouping from an index).
        queries = [(rerun(connection, sql, params) or ms, sql, params) for ms, sql, params in runs[-1]]
        sql_ms = sum(ms for ms, _, _ in queries)
        wall = statistics.median(walls)
        print(
            f"\n{label}: {len(queries)} queries, SQL {sql_ms:.1f} ms, the rest {wall - sql_ms:.1f} ms ({wall:.1f} ms)"
        )
        for ms, sql, _ in sorted(queries, key=lambda query: -query[0])[: args.top]:
            print(f"    {ms:7.2f} ms  {' '.join(sql.split())[: args.width]}")
        if args.explain and queries:
            _, sql, params = max(queries, key=lambda query: query[0])
            prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN (ANALYZE, BUFFERS) "
            with connection.cursor() as cursor:
                cursor.execute(prefix + sql, params)
                for row in cursor.fetchall():
                    print("      | " + " ".join(str(cell) for cell in row))


def rerun(connection, sql, params, times=3) -> float | None:
    """The median time of one SELECT with every row fetched, in ms (None for other statements)."""
    if not sql.lstrip().upper().startswith("SELECT"):
        return None
    samples = []
    with connection.cursor() as cursor:
        for _ in range(times):
            started = time.perf_counter()
            cursor.execute(sql, params)
            cursor.fetchall()
            samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def machine_note() -> str:
    """The load and the speed of one core, so figures from different machines can be compared."""
    started = time.perf_counter()
    total = 0
    for i in range(2_000_000):
        total += i
    loop = (time.perf_counter() - started) * 1000
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return f"{os.cpu_count()} CPUs, load average {load}, Python 2M-addition loop {loop:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    gen = commands.add_parser("generate", help="migrate an empty database and fill it")
    gen.add_argument("--database-url", required=True)
    gen.add_argument("--participants", type=int, default=100_000)
    gen.add_argument("--seed", type=int, default=1)
    gen.add_argument("--password", default=DEFAULT_PASSWORD, help=f"of every bench user (default {DEFAULT_PASSWORD})")
    timer = commands.add_parser("time", help="serve with gunicorn on loopback and time full pages")
    timer.add_argument("--database-url", required=True)
    timer.add_argument("--password", default=DEFAULT_PASSWORD)
    timer.add_argument("--runs", type=int, default=20, help="timed runs per request (5–200)")
    timer.add_argument("--budget", type=float, default=600, help="seconds for the whole timing")
    timer.add_argument("--request-budget", type=float, default=60, help="seconds for one request's runs")
    timer.add_argument("--debug", action="store_true", help="keep DEBUG on (no collectstatic; slower)")
    load = commands.add_parser("load", help="concurrent clients on one page at a time: requests per second")
    load.add_argument("--database-url", required=True)
    load.add_argument("--password", default=DEFAULT_PASSWORD)
    load.add_argument("--clients", type=int, default=10)
    load.add_argument("--seconds", type=float, default=20)
    load.add_argument("--pages", nargs="+", choices=["list", "person"], default=["list", "person"])
    load.add_argument("--debug", action="store_true", help="keep DEBUG on (no collectstatic; slower)")
    load.add_argument("--python-client", action="store_true", help="use Python threads even when wrk exists")
    queries = commands.add_parser("queries", help="the same requests in-process, with their SQL")
    queries.add_argument("--database-url", required=True)
    queries.add_argument("--explain", action="store_true", help="EXPLAIN the slowest query of each page")
    queries.add_argument("--runs", type=int, default=5)
    queries.add_argument("--top", type=int, default=3)
    queries.add_argument("--width", type=int, default=400)
    args = parser.parse_args()
    if args.command == "time" and not 5 <= args.runs <= 200:
        parser.error("--runs must be between 5 and 200")
    {"generate": generate, "time": time_pages, "load": load_pages, "queries": list_queries}[args.command](args)


if __name__ == "__main__":
    main()
