"""Every URL of the project against every role: the one place that proves who may open what.

Areas added later keep their lines in tests/access_<area>.py (MATRIX, POST_MATRIX, extend_world) and are
merged here, so the meta-test still sees every URL of the project."""

import copy

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from muflon.accounts.models import Role
from tests import access_care, access_cooperatives, access_polls, access_portal
from tests.access_common import (
    ANONYMOUS,
    LOGIN,
    MANAGERS,
    OUTSIDER,
    STAFF,
    SUBJECTS,
    Expect,
    everyone,
)
from tests.module_data import rolled_back_after_the_module

AREAS = [access_care, access_cooperatives, access_polls, access_portal]

# Roles that see the world's participant: managers, the advisor (case worker), the counsellor (plan
# item), the labour office partner (referred, progress shared).
SEE_PARTICIPANT = [*MANAGERS, Role.ADVISOR, Role.COUNSELLOR, Role.PARTNER]
PLAN_WRITERS = [*MANAGERS, Role.ADVISOR]
EDITION_STAFF = [*MANAGERS, Role.TRAINER]  # trainers: the editions they run

# Namespaces left out of the matrix, with the reason; they are tested on their own.
EXCLUDED_NAMESPACES = {"admin": "Django's admin site is for installation superusers only (test_admin_site.py)"}


MATRIX = {
    "healthz": everyone(),
    "set_language": everyone(302),
    # A participant is sent on to their own page at /me/.
    "shell:dashboard": Expect(allowed=list(Role), overrides={Role.PARTICIPANT: 302}),
    "core:audit_log": Expect(allowed=[Role.ADMIN]),
    "accounts:user_list": Expect(allowed=[Role.ADMIN]),
    "accounts:user_create": Expect(allowed=[Role.ADMIN]),
    "accounts:user_edit": Expect(
        allowed=[Role.ADMIN], args=lambda world: [world["cast"][Role.COORDINATOR].pk], outsider=404
    ),
    "accounts:organisation_list": Expect(allowed=STAFF, outsider=200),
    "accounts:organisation_create": Expect(allowed=[Role.ADMIN]),
    "accounts:organisation_edit": Expect(
        allowed=[Role.ADMIN], args=lambda world: [world["labour_office"].pk], outsider=404
    ),
    # Each administrator sees their own partnership's failing tasks (the other one's: none).
    "accounts:failing_tasks": Expect(allowed=[Role.ADMIN]),
    "login": everyone(),
    # Logging out is a POST; a GET is refused.
    "logout": everyone(405),
    "password_change": Expect(allowed=list(Role)),
    "password_change_done": Expect(allowed=list(Role)),
    "password_reset": everyone(),
    "password_reset_done": everyone(),
    # A wrong or used link shows a page that says so (the valid flow: test_login.py).
    "password_reset_confirm": everyone(args=lambda world: ["MQ", "wrong-token"]),
    "password_reset_complete": everyone(),
    # Trainers list the people of their workshops (none in this world).
    "people:list": Expect(allowed=[*SEE_PARTICIPANT, Role.TRAINER], outsider=200),
    "people:export": Expect(allowed=MANAGERS, args=lambda world: ["csv"], outsider=200),
    "people:create": Expect(allowed=MANAGERS, outsider=200),
    "people:detail": Expect(
        allowed=SEE_PARTICIPANT,
        args=lambda world: [world["participant"].pk],
        outsider=404,
        overrides={Role.TRAINER: 404},
    ),
    "people:edit": Expect(allowed=MANAGERS, args=lambda world: [world["participant"].pk], outsider=404),
    "people:assess": Expect(allowed=PLAN_WRITERS, args=lambda world: [world["participant"].pk], outsider=404),
    "people:plan": Expect(allowed=PLAN_WRITERS, args=lambda world: [world["participant"].pk], outsider=404),
    "people:consents": Expect(allowed=MANAGERS, args=lambda world: [world["participant"].pk], outsider=404),
    "people:refer": Expect(allowed=MANAGERS, args=lambda world: [world["participant"].pk], outsider=404),
    "people:eligibility": Expect(allowed=MANAGERS, args=lambda world: [world["participant"].pk], outsider=404),
    "people:follow_ups": Expect(allowed=MANAGERS, outsider=200),
    "people:follow_up": Expect(allowed=MANAGERS, args=lambda world: [world["follow_up"].pk], outsider=404),
    "people:queue": Expect(allowed=MANAGERS, outsider=200),
    "people:import": Expect(allowed=MANAGERS, outsider=200),
    # GET shows the file waiting in the session; with none waiting it redirects to the upload page.
    "people:import_confirm": Expect(allowed=MANAGERS, status=302),
    "education:list": Expect(allowed=EDITION_STAFF, outsider=200),
    "education:create": Expect(allowed=MANAGERS, outsider=200),
    "education:catalogue": Expect(allowed=EDITION_STAFF, outsider=200),
    "education:type_create": Expect(allowed=MANAGERS, outsider=200),
    "education:type_edit": Expect(
        allowed=MANAGERS, args=lambda world: [world["edition"].workshop_type_id], outsider=404
    ),
    "education:edition": Expect(allowed=EDITION_STAFF, args=lambda world: [world["edition"].pk], outsider=404),
    "education:edit": Expect(allowed=MANAGERS, args=lambda world: [world["edition"].pk], outsider=404),
    "education:attendance": Expect(
        allowed=EDITION_STAFF, args=lambda world: [world["edition"].pk, world["meeting"].pk], outsider=404
    ),
    "education:add_meeting": everyone(405, args=lambda world: [world["edition"].pk]),
    "education:enrol": everyone(405, args=lambda world: [world["edition"].pk]),
    # The enrol form's chooser as you type: the people whom those who enrol may choose.
    "education:enrol_people": Expect(allowed=MANAGERS, args=lambda world: [world["edition"].pk], outsider=404),
    "education:withdraw": everyone(405, args=lambda world: [world["edition"].pk, world["enrolment"].pk]),
    "education:override": everyone(405, args=lambda world: [world["edition"].pk]),
    # The participant's own workshops; the matrix's participant has no linked record (a friendly page, no files).
    "me_workshops:home": Expect(allowed=[Role.PARTICIPANT], outsider=403),
    "me_workshops:feedback": Expect(
        allowed=[Role.PARTICIPANT], args=lambda world: [world["enrolment"].pk], outsider=403
    ),
    "me_workshops:certificate_pdf": Expect(
        allowed=[Role.PARTICIPANT], status=404, args=lambda world: [world["certificate"].pk], outsider=403
    ),
    "me_workshops:enrol": everyone(405, args=lambda world: [world["edition"].pk]),
    "me_workshops:withdraw": everyone(405, args=lambda world: [world["enrolment"].pk]),
    # Public: anyone with the code or the secret link; staff PDFs for managers and the edition's trainers.
    "education_public:verify": everyone(args=lambda world: [world["certificate"].code]),
    "education_public:calendar_feed": everyone(args=lambda world: [world["calendar_feed"].token]),
    "education_public:certificate_pdf": Expect(
        allowed=[*MANAGERS, Role.TRAINER], args=lambda world: [world["certificate"].pk], outsider=404
    ),
    "education_public:calendar_reset": everyone(405),
    # A participant's own pages; the matrix's participant has no linked record yet (a friendly page, no files).
    "me:home": Expect(allowed=[Role.PARTICIPANT], outsider=403),
    "me:contact": Expect(allowed=[Role.PARTICIPANT], outsider=403),
    "me:data_json": Expect(allowed=[Role.PARTICIPANT], status=404, outsider=403),
    "me:data_pdf": Expect(allowed=[Role.PARTICIPANT], status=404, outsider=403),
    # Actions: a GET is refused; who may POST is declared in POST_MATRIX.
    "people:move": everyone(405, args=lambda world: [world["participant"].pk]),
    "people:withdraw": everyone(405, args=lambda world: [world["participant"].pk, world["consent"].pk]),
    "people:note": everyone(405, args=lambda world: [world["participant"].pk]),
    "people:task": everyone(405, args=lambda world: [world["participant"].pk]),
    "people:task_done": everyone(405, args=lambda world: [world["task"].pk]),
    "people:decline": everyone(405, args=lambda world: [world["candidate"].pk]),
}

# What an empty POST gets: 302 back to the page (with a message) for those allowed, 403 or 404 for others.
NOTE_WRITERS = [*MANAGERS, Role.ADVISOR, Role.COUNSELLOR]
POST_MATRIX = {
    "logout": everyone(302),
    "people:import": Expect(allowed=MANAGERS, outsider=200),
    "people:import_confirm": Expect(allowed=MANAGERS, status=302),
    "people:move": Expect(allowed=MANAGERS, status=200, outsider=404),  # a refused move shows the page again
    "people:withdraw": Expect(allowed=MANAGERS, status=302, outsider=404),
    "people:note": Expect(allowed=NOTE_WRITERS, status=302, outsider=404),
    "people:task": Expect(allowed=NOTE_WRITERS, status=302, outsider=404),
    # Only the assignee or the author of a task may close it; others are told it does not exist.
    "people:task_done": Expect(
        allowed=[Role.COORDINATOR],
        status=302,
        outsider=404,
        overrides={Role.ADMIN: 404, Role.ADVISOR: 404, Role.COUNSELLOR: 404},
    ),
    "people:decline": Expect(allowed=MANAGERS, status=302, outsider=404),
    # A refused form comes back with its errors at the fields (200); a withdrawal goes back to the page (302).
    "education:add_meeting": Expect(allowed=MANAGERS, outsider=404),
    "education:enrol": Expect(allowed=MANAGERS, outsider=404),
    "education:withdraw": Expect(allowed=MANAGERS, status=200, outsider=404),  # asks to confirm first
    "education:override": Expect(allowed=MANAGERS, outsider=404),
    "education:attendance": Expect(allowed=EDITION_STAFF, outsider=404),
    # The matrix's participant has no linked record: the friendly page, nothing saved.
    "me_workshops:enrol": Expect(allowed=[Role.PARTICIPANT], outsider=403),
    "me_workshops:withdraw": Expect(allowed=[Role.PARTICIPANT], outsider=403),
    "education_public:calendar_reset": Expect(allowed=[Role.PARTICIPANT, Role.TRAINER], status=302, outsider=403),
}


for area in AREAS:
    assert not MATRIX.keys() & area.MATRIX.keys(), f"{area.__name__} declares a URL twice"
    MATRIX.update(area.MATRIX)
    POST_MATRIX.update(area.POST_MATRIX)


def named_patterns(patterns=None, namespace=""):
    """Every named URL pattern of the project as 'namespace:name'."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from named_patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_url_has_a_declared_expectation():
    """A new URL without a line in MATRIX fails here, so nobody forgets to decide who may open it."""
    names = {name for name in named_patterns() if name.split(":")[0] not in EXCLUDED_NAMESPACES}
    assert names - MATRIX.keys() == set(), "add these URLs to MATRIX"
    assert MATRIX.keys() - names == set(), "MATRIX names URLs that no longer exist"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """One world for the whole module, built once (tests/module_data.py): every test reads it, and whatever a test
    writes (an accepted POST, a session) is rolled back after that test, so each one sees it as built."""
    with rolled_back_after_the_module(django_db_blocker):
        with django_db_blocker.unblock():
            world = build_world()
            world["cookies"] = sessions_of_every_subject(world)
        yield world


def build_world():
    import datetime

    from muflon.education.calendar import feed_for
    from muflon.education.models import Meeting
    from muflon.education.services import enrol, override_completion
    from muflon.people.models import Candidate, Task
    from muflon.people.services import move_to_stage
    from tests.factories import (
        at_nine,
        make_anna_nowak,
        make_cast,
        make_edition,
        make_labour_office,
        make_other_partnership,
        make_outsider,
        make_participant,
        make_pilot_partnership,
        pilot_gmina,
    )

    partnership, gmina = make_pilot_partnership(), pilot_gmina()
    labour_office = make_labour_office(partnership)
    cast = make_cast(partnership, gmina, labour_office)
    outsider = make_outsider(make_other_partnership())
    participant = make_anna_nowak(cast, partnership, gmina, labour_office)
    coordinator = cast[Role.COORDINATOR]
    leaver = make_participant(
        participant.partnership, gmina, by=coordinator, first_name="Piotr", sex="M", document_number="XYZ987654"
    )
    exit = move_to_stage(leaver, "exited", on=datetime.date(2026, 2, 1), by=coordinator, exit_reason="resigned")
    task = Task.objects.create(
        participant=participant,
        title="Zadzwonić",
        due_on=datetime.date(2026, 12, 1),
        assignee=coordinator,
        created_by=coordinator,
    )
    # An edition run by the cast's trainer, with a new person enrolled (not `participant`, whom the trainer
    # must not see).
    edition = make_edition(participant.partnership, gmina, trainers=[cast[Role.TRAINER]])
    student = make_participant(
        participant.partnership, gmina, by=coordinator, first_name="Marta", document_number="EDU000001"
    )
    enrolment = enrol(edition, student, by=coordinator)
    override_completion(enrolment, completed=True, reason="Egzamin", by=coordinator)
    # A meeting held yesterday, whose attendance page offers the form (a meeting still ahead offers none).
    held = Meeting.objects.create(
        edition=edition, starts_at=at_nine(-1), ends_at=at_nine(-1) + datetime.timedelta(hours=2)
    )
    enrolment.refresh_from_db()
    candidate = Candidate.objects.create(
        partnership=participant.partnership, first_name="Ewa", last_name="Kos", phone="600100200", gmina=gmina
    )
    world = {
        "cast": cast,
        "outsider": outsider,
        "labour_office": labour_office,
        "participant": participant,
        "consent": participant.consents.get(purpose="support"),
        "follow_up": exit.follow_ups.first(),
        "task": task,
        "candidate": candidate,
        "edition": edition,
        "meeting": held,
        "enrolment": enrolment,
        "certificate": enrolment.certificate,
        "calendar_feed": feed_for(cast[Role.TRAINER]),
    }
    for area in AREAS:
        area.extend_world(world)
    return world


def sessions_of_every_subject(world) -> dict:
    """One login per subject, made once in the module's data: each request starts from a copy of its cookie (a test
    that ends a session, logging out, has it back after the test, as whatever else a test writes)."""
    cookies = {}
    for subject in SUBJECTS:
        client = Client()
        if subject == OUTSIDER:
            client.force_login(world["outsider"])
        elif subject != ANONYMOUS:
            client.force_login(world["cast"][subject])
        cookies[subject] = client.cookies
    return cookies


def login_as(client, subject, world):
    client.cookies = copy.deepcopy(world["cookies"][subject])


def outcome(response):
    if response.status_code == 302 and response["Location"].startswith(reverse("login")):
        return LOGIN
    return response.status_code


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_url_answers_each_role_as_declared(client, world, url_name):
    """Each role gets exactly the declared answer; another partnership's object is not found (404)."""
    expect = MATRIX[url_name]
    url = reverse(url_name, args=expect.args(world) if expect.args else None)
    wrong = {}
    for subject in SUBJECTS:
        login_as(client, subject, world)
        got = outcome(client.get(url))
        if got != expect.for_subject(subject):
            wrong[str(subject)] = f"got {got}, expected {expect.for_subject(subject)}"
    assert wrong == {}


def test_every_action_url_has_a_declared_post_expectation():
    actions = {name for name, expect in MATRIX.items() if expect.status == 405}
    assert actions <= POST_MATRIX.keys()


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", sorted(POST_MATRIX))
def test_action_answers_each_role_as_declared(client, world, url_name):
    """An empty POST by each role: handled (302) for those allowed, refused (403) or not found (404)."""
    expect = POST_MATRIX[url_name]
    args = MATRIX[url_name].args
    url = reverse(url_name, args=args(world) if args else None)
    wrong = {}
    for subject in SUBJECTS:
        login_as(client, subject, world)
        got = outcome(client.post(url, {}))
        if got != expect.for_subject(subject):
            wrong[str(subject)] = f"got {got}, expected {expect.for_subject(subject)}"
    assert wrong == {}
