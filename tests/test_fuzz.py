"""Random and hostile input to every page and every form, as every role: no answer is a server error (issue 11).

Nothing here lists the pages: they are found. Every URL pattern of the project (Django's admin aside, as in the
access matrix) is opened by every subject with its path filled by real ids of a small world of two partnerships; the
links of the pages it gets lead to more real ids, and their forms and the names each view reads (watched on Django's
QueryDict) tell what to send: a `<form method="get">` and the view's reads of `request.GET` give a page's query
parameters, a `<form method="post">` and the reads of `request.POST` the fields its action takes. Then hypothesis
sends GETs and POSTs with those names, filled with valid values, hostile ones (huge and negative numbers, year 1 and
9999-99-99, NUL, very long text, unicode, SQL and HTML injections, repeated keys, odd files) or a mix, at real,
other-tenant and hostile ids, on either partnership's host. Each test first sends its sweep (every name holding the
same hostile value, one request per kind of value) and then random examples. A POST follows its redirects, and a form
in its answer that carries values on (a confirmation, the import's preview) is sent too, as a person pressing its
button would.

Each request is one subject's (anonymous, each role, another partnership's administrator and coordinator) in a
transaction rolled back at its end, so that each starts from the world as built. Django's test client raises what a
view raised: an exception or an answer of 500 or more fails the test, and the report names the request that caused
it ("Falsifying example" and the note under it). The examples are derandomized: a run repeats exactly, in CI too.
"""

import copy
import dataclasses
import datetime
import html
import logging
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import hypothesis
import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models, transaction
from django.db.models import F
from django.http import QueryDict
from django.test import Client
from django.urls import NoReverseMatch, Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.converters import IntConverter, SlugConverter
from django.utils import timezone
from hypothesis import HealthCheck
from hypothesis import strategies as st

from muflon.accounts.models import Role
from tests.access_common import ANONYMOUS, OUTSIDER, SUBJECTS
from tests.access_portal import PDF, PNG
from tests.module_data import rolled_back_after_the_module
from tests.test_access_matrix import EXCLUDED_NAMESPACES, MATRIX, build_world

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db,
    # The public page cache keys hold the address; a 10,000-character one is too long for memcached, not for the
    # local-memory cache in use (settings.CACHES).
    pytest.mark.filterwarnings("ignore::django.core.cache.backends.base.CacheKeyWarning"),
]

# Random examples per URL pattern, after its sweep: GETs, and POSTs where some page has a form for it (else a few).
# MUFLON_FUZZ_SCALE=10 runs ten times as many, for a deeper search by hand; CI runs these.
SCALE = float(os.environ.get("MUFLON_FUZZ_SCALE", "1"))
GET_EXAMPLES = round(8 * SCALE)
POST_EXAMPLES = round(20 * SCALE)
POST_EXAMPLES_WITHOUT_FORM = round(2 * SCALE)
# Real ids per URL pattern found by following links (besides the access matrix's own).
REAL_IDS_PER_PATTERN = 3

OTHER_HOST = "inne.example.org"  # the public site of the second partnership
HOSTS = ["testserver", OTHER_HOST]
# Names sent to a view whose reads show none: the usual ones of lists and forms.
USUAL_NAMES = ["page", "q", "sort", "date_from", "date_to", "next"]

HOSTILE = {
    "empty and words": ["", " ", "true", "on", "None", "null", "yes", "[]", "{}", "-", "*"],
    "numbers": ["0", "-1", "007", "1.5", "-0", "1e309", "NaN", "inf", "0x1F", "1,5", "١٢٣", "2147483647",
                "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
                "99999999999999999999999999", "-99999999999999999999", "1" * 400],
    "dates": ["0001-01-01", "9999-99-99", "9999-12-31", "1899-12-31", "2026-02-30", "2026-13-01", "0000-00-00",
              "1-1-1", "31.12.2026", "2026-01-01T25:61", "0001-01-01T00:00", "9999-12-31T23:59",
              "9999-12-31 23:59:59", "24:00", "99:99", "-5:00"],
    "control characters": ["\x00", "a\x00b", "%00", "\t\n\r", "\x1b[2J", "\u200b", "\u202e"],
    "unicode": ["😀", "ąęśćżźńół ĄĘŚĆŻŹŃÓŁ", "\uffff", "\U0010ffff", "ﷺ", "İ", "ß" * 50],
    "long": ["x" * 10_000, "<" * 300, "ą" * 1000],
    "injections": ["' OR '1'='1", "1; DROP TABLE people_participant;--", '" OR 1=1 --', "%' --", "\\", "%", "_",
                   "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "{{ 7*7 }}", "{% debug %}",
                   "%(x)s", "%s%n"],
    "addresses": ["../../../etc/passwd", "/", "//evil.example.org", "https://evil.example.org/",
                  "javascript:alert(1)", "people:list"],
}  # fmt: skip
# The sweep: one request per value, every name holding it (a list: the name repeated).
SWEEP = ["a\x00b", "99999999999999999999", "-1", "0001-01-01", "9999-12-31", "x" * 10_000, "ąę😀\u202e",
         "' OR 1=1 --<script>", ["1", "2", "3"]]  # fmt: skip

# Numbers in the path: year 1, past 32 bits, past 64 bits.
PATH_NUMBERS = [1, 2**31, 10**30]

# A valid row for the participant import (CSV), so that a file can reach the preview and its confirmation.
IMPORT_CSV = (
    b"nazwisko;imie;pesel;gmina;wyksztalcenie;status;bezrobotny_od\n"
    b"Nowak;Jan;44051401359;0221053;isced3;bezrobotny;2024-01-10\n"
)
FILES = [("guide.pdf", PDF), ("photo.png", PNG), ("people.csv", IMPORT_CSV)]
HOSTILE_FILE_NAMES = ["a.pdf", "../../x.pdf", "a\x00.pdf", "😀.png", "x" * 300 + ".csv", "noext", ".xlsx"]


# --- The targets: every URL pattern, with what is learnt of it by opening every page as every subject -----------


def url_patterns(patterns=None, namespace="", converters=None) -> Iterator[tuple[str, dict]]:
    """Every named URL pattern of the project as ('namespace:name', {argument: converter})."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for pattern in patterns:
        found = {**(converters or {}), **getattr(pattern.pattern, "converters", {})}
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_patterns(pattern.url_patterns, inner, found)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", found


PATTERNS = {
    name: converters
    for name, converters in reversed(list(url_patterns()))  # reversed: the first of a name wins, as in reverse()
    if name.split(":")[0] not in EXCLUDED_NAMESPACES
}
NAMES = sorted(PATTERNS)


@dataclasses.dataclass
class Field:
    """A field as pages show it: its kind (an input's type, select, textarea; text when only read) and the values
    the pages offer."""

    kind: str = "text"
    values: set = dataclasses.field(default_factory=set)
    multiple: bool = False


@dataclasses.dataclass
class Target:
    """What is known of one URL pattern after every subject opened every page."""

    name: str
    converters: dict
    urls: list = dataclasses.field(default_factory=list)  # at real ids (and those forms post to)
    seen_by: list = dataclasses.field(default_factory=list)  # subjects who got its page (200)
    query_fields: dict = dataclasses.field(default_factory=dict)  # name -> Field: forms with method get, GET reads
    post_fields: dict = dataclasses.field(default_factory=dict)  # name -> Field: forms with method post, POST reads
    posted_by: list = dataclasses.field(default_factory=list)  # subjects who were shown a form posting here
    has_form: bool = False

    def add_url(self, url) -> bool:
        if url in self.urls:
            return False
        self.urls.append(url)
        return True


@dataclasses.dataclass
class Form:
    method: str
    action: str
    fields: dict = dataclasses.field(default_factory=dict)
    submission: list = dataclasses.field(default_factory=list)  # (name, value) as a browser sends it unchanged

    def add(self, name, kind, value=None, *, multiple=False):
        field = self.fields.setdefault(name, Field(kind, multiple=multiple))
        if value is not None:
            field.values.add(value)
        return field


class PageReader(HTMLParser):
    """The forms of an HTML page (fields, the values they offer, what pressing the button sends) and its links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.links: list[str] = []
        self.form = self.select = self.text_of = None
        self.select_name = self.selected = None
        self.text = ""

    def handle_starttag(self, tag, attrs):
        attrs = {key: value if value is not None else "" for key, value in attrs}
        name = attrs.get("name")
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            self.form = Form(method=(attrs.get("method") or "get").lower(), action=attrs.get("action") or "")
            self.forms.append(self.form)
        elif self.form is None:
            return
        elif tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            value = attrs.get("value", "on" if kind in ("checkbox", "radio") else "")
            self.form.add(name, kind, value)
            if kind not in ("checkbox", "radio", "submit", "button", "image", "reset", "file") or "checked" in attrs:
                self.form.submission.append((name, value))
        elif tag == "select" and name:
            self.select = self.form.add(name, "select", multiple="multiple" in attrs)
            self.select_name, self.selected = name, None
        elif tag == "option" and self.select is not None:
            self.text_of, self.text = ("option", attrs), ""
        elif tag == "textarea" and name:
            self.form.add(name, "textarea")
            self.text_of, self.text = ("textarea", name), ""
        elif tag == "button" and name:
            self.form.add(name, "button", attrs.get("value", ""))

    def handle_data(self, data):
        if self.text_of is not None:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "option" and self.text_of and self.text_of[0] == "option":
            attrs = self.text_of[1]
            value = attrs["value"] if "value" in attrs else self.text.strip()
            self.select.values.add(value)
            if self.selected is None or "selected" in attrs:
                self.selected = value
            self.text_of = None
        elif tag == "select" and self.select is not None:
            if self.selected is not None:
                self.form.submission.append((self.select_name, self.selected))
            self.select = None
        elif tag == "textarea" and self.text_of and self.text_of[0] == "textarea":
            self.form.fields[self.text_of[1]].values.add(self.text)
            self.form.submission.append((self.text_of[1], self.text))
            self.text_of = None


def read_page(response) -> PageReader:
    reader = PageReader()
    if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
        reader.feed(response.content.decode(response.charset or "utf-8", errors="replace"))
    return reader


def pattern_of(href: str, page_url: str) -> tuple[str, str] | None:
    """(URL pattern name, URL) of a link or a form's action, or None when it leads outside the patterns."""
    parts = urlsplit(urljoin(page_url, html.unescape(href)))
    if parts.netloc not in ("", "testserver", OTHER_HOST):
        return None
    try:
        name = resolve(parts.path).view_name
    except Resolver404:
        return None
    return (name, parts.path + (f"?{parts.query}" if parts.query else "")) if name in PATTERNS else None


@contextmanager
def names_read() -> Iterator[set]:
    """The names that the code handling a request reads from its query or form data, seen on Django's QueryDict."""
    read = set()
    methods = ("__getitem__", "__contains__", "get", "getlist")
    own = {method: method in QueryDict.__dict__ for method in methods}

    def watched(method):
        original = getattr(QueryDict, method)

        def reading(self, key, *args, **kwargs):
            if isinstance(key, str):
                read.add(key)
            return original(self, key, *args, **kwargs)

        return reading

    originals = {method: QueryDict.__dict__.get(method) for method in methods}
    for method in methods:
        setattr(QueryDict, method, watched(method))
    try:
        yield read
    finally:
        for method in methods:
            if own[method]:
                setattr(QueryDict, method, originals[method])
            else:
                delattr(QueryDict, method)


def discover(world) -> tuple[dict[str, Target], list[str]]:
    """Open every URL pattern at real ids as every subject, follow the links to more real ids, learn the forms and
    the names each view reads. Also returns the server errors met on the way."""
    targets = {name: Target(name, converters) for name, converters in PATTERNS.items()}
    errors = []
    queue = []
    for name, target in targets.items():
        expect = MATRIX.get(name)
        if expect is not None and expect.args:
            target.add_url(reverse(name, args=expect.args(world)))
        elif not target.converters:
            target.add_url(reverse(name))
        queue += [(subject, url) for url in target.urls for subject in SUBJECTS]
    opened = set()
    while queue:
        subject, url = queue.pop(0)
        if (subject, url) in opened:
            continue
        opened.add((subject, url))
        target = targets[resolve(urlsplit(url).path).view_name]
        # A value of no meaning, so that `Form(request.GET or None)` is bound and reads its fields.
        response, read = request(world, subject, "get", url, {"_": ""}, errors)
        for field_name in read - {"_"}:
            target.query_fields.setdefault(field_name, Field())
        if response is None:
            continue
        if response.status_code == 200 and subject not in target.seen_by:
            target.seen_by.append(subject)
        page = read_page(response)
        for form in page.forms:
            learn(targets, form, url, subject)
        for href in page.links:
            found = pattern_of(href, url)
            if found is None or not targets[found[0]].converters:
                continue
            linked, linked_url = found[0], urlsplit(found[1]).path
            if linked_url in targets[linked].urls or len(targets[linked].urls) < REAL_IDS_PER_PATTERN:
                targets[linked].add_url(linked_url)
                queue.append((subject, linked_url))
    for target in targets.values():
        # A POST with a value of no meaning, as the first few subjects shown the page or a form for it.
        for subject in (target.posted_by + [s for s in target.seen_by if s not in target.posted_by])[:3]:
            _response, read = request(world, subject, "post", target.urls[0], {"_": ""}, errors)
            for field_name in read - {"_", "csrfmiddlewaretoken"}:
                target.post_fields.setdefault(field_name, Field())
    return targets, errors


def request(world, subject, method, url, data, errors):
    """One request in the starting state while watching the names read; a server error goes to `errors`."""
    with names_read() as read, starting_state():
        try:
            response = getattr(client_for(subject, world), method)(url, data)
        except Exception as error:  # noqa: BLE001 - reported by test_every_page_opens_at_real_ids
            errors.append(f"{method.upper()} {url} as {subject}: {error!r}")
            return None, set(read)
    if response.status_code >= 500:
        errors.append(f"{method.upper()} {url} as {subject}: {response.status_code}")
    return response, set(read)


def learn(targets, form: Form, page_url: str, subject) -> None:
    found = pattern_of(form.action, page_url)
    if found is None:
        return
    target = targets[found[0]]
    if form.method == "post":
        fields = target.post_fields
        target.has_form = True
        target.add_url(found[1])
        if subject not in target.posted_by:
            target.posted_by.append(subject)
    else:
        fields = target.query_fields
    for field_name, field in form.fields.items():
        known = fields.setdefault(field_name, Field(field.kind, multiple=field.multiple))
        if known.kind == "text" and field.kind != "text":  # first learnt from a read, now seen on a page
            known.kind, known.multiple = field.kind, field.multiple
        known.values |= field.values


# --- The world: the access matrix's, and what fuzzing needs besides ---------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module and rolled back after it (tests/module_data.py); the targets are learnt in it."""
    # Thousands of refused requests would each log a warning; server errors are still logged (as errors).
    logging.disable(logging.WARNING)
    try:
        with rolled_back_after_the_module(django_db_blocker, ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, OTHER_HOST]):
            with django_db_blocker.unblock():
                world = build_world()
                add_to_world(world)
                log_in_everyone(world)
                world["targets"], world["discovery_errors"] = discover(world)
            yield world
    finally:
        logging.disable(logging.NOTSET)


def add_to_world(world) -> None:
    """What the access matrix's world lacks for fuzzing: a participant login linked to a record with a workshop to
    come, one that has ended (feedback) and one open to sign up for, so that /me/ has its forms; a counselling client
    who withdrew consent (erasing notes); the other partnership's public site and records, whose ids must find
    nothing here; and the real values of the world."""
    from muflon.care import services as care
    from muflon.education.models import Edition, Enrolment
    from muflon.education.services import enrol
    from muflon.people.services import give_consent, withdraw_consent
    from muflon.polls.models import Choice, Poll
    from muflon.portal.models import Page, Status
    from tests.factories import make_edition, make_participant

    cast, gmina = world["cast"], world["participant"].gmina
    coordinator, partnership = cast[Role.COORDINATOR], world["participant"].partnership
    now = timezone.now()
    student = world["enrolment"].participant
    student.user = cast[Role.PARTICIPANT]
    student.save()
    ended = make_edition(partnership, gmina, type_name="Warsztaty minione", start=now - datetime.timedelta(days=40))
    # The service refuses an edition that has ended: the place is taken by hand, its count with it.
    Enrolment.objects.create(edition=ended, participant=student, status=Enrolment.Status.ENROLLED)
    Edition.objects.filter(pk=ended.pk).update(enrolled_count=F("enrolled_count") + 1)
    make_edition(partnership, gmina, type_name="Warsztaty otwarte", start=now + datetime.timedelta(days=50))

    person = make_participant(
        partnership, gmina, by=coordinator, first_name="Olga", document_number="CAR000001", consents=["support"]
    )
    consent = give_consent(person, "health_data", on=person.joined_on, method="paper", by=coordinator)
    client = care.refer_to_counselling(
        person, counsellor=cast[Role.COUNSELLOR], kind="psychological", referred_on=person.joined_on, by=coordinator
    )
    care.write_note(client, "Notatka", by=cast[Role.COUNSELLOR])
    withdraw_consent(consent, on=timezone.localdate(), by=coordinator)

    outsider = world["outsider"]
    other = outsider.partnership
    other.host = OTHER_HOST
    other.save()
    stranger = make_participant(other, gmina, by=outsider, first_name="Obca", document_number="OTH000001")
    enrol(make_edition(other, gmina, type_name="Warsztaty innych"), stranger, by=outsider)
    poll = Poll.objects.create(
        partnership=other, question="Pytanie innych?", opens_at=now, closes_at=now + datetime.timedelta(days=9)
    )
    Choice.objects.create(poll=poll, text="Tak", position=0)
    Page.objects.create(partnership=other, status=Status.PUBLISHED, slug="inna", title="Inna", body="Tekst")
    world["real_ints"], world["real_strings"] = real_values()


def real_values() -> tuple[list[int], list[str]]:
    """The ids, slugs, codes and tokens of the world's records, of both partnerships."""
    ints, strings = set(), set()
    for model in apps.get_models():
        if not model.__module__.startswith("muflon.") or model._meta.app_label == "region":
            continue
        ints.update(value for value in model.objects.values_list("pk", flat=True)[:50] if isinstance(value, int))
        for field in model._meta.concrete_fields:
            if isinstance(field, models.SlugField) or field.name in ("code", "token"):
                strings.update(str(value) for value in model.objects.values_list(field.name, flat=True)[:20] if value)
    return sorted(ints), sorted(strings | {str(value) for value in ints})


def log_in_everyone(world) -> None:
    """One session per subject, made once in the module's data: each request starts from a copy of its cookie."""
    world["cookies"] = {}
    for subject in SUBJECTS:
        client = Client()
        if subject == OUTSIDER:
            client.force_login(world["outsider"])
        elif subject != ANONYMOUS:
            client.force_login(world["cast"][subject])
        world["cookies"][subject] = client.cookies


# --- Sending one request from the known state --------------------------------------------------------------------


@contextmanager
def starting_state():
    """Whatever the request writes is rolled back and the caches (limits per address, cached pages) emptied."""
    for cache in caches.all(initialized_only=True):
        cache.clear()
    with transaction.atomic():
        try:
            yield
        finally:
            transaction.set_rollback(True)


def client_for(subject, world) -> Client:
    client = Client()  # raises what a view raised, as every test client
    client.cookies = copy.deepcopy(world["cookies"][subject])
    return client


def as_sent(data: dict) -> dict:
    """Uploads are drawn as (name, bytes) and made files only when sent (a file is read once)."""

    def value(item):
        return SimpleUploadedFile(*item) if isinstance(item, tuple) else item

    return {
        name: [value(item) for item in items] if isinstance(items, list) else value(items)
        for name, items in data.items()
    }


PLAIN_HIDDEN = {"csrfmiddlewaretoken", "next"}


def pattern_name(path: str) -> str | None:
    try:
        return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return None


def form_to_send_on(response, sent_to: str) -> tuple[str, dict] | None:
    """(URL, data) of the form in a POST's answer that carries values on to the same action or page: a confirmation
    (what was sent, and `confirmed`), the import's preview (its token). Not the login a refused request lands on,
    nor the menu's forms (language, logout): their only hidden values are the CSRF token and where to go next."""
    here = response.request["PATH_INFO"]
    for form in read_page(response).forms:
        found = pattern_of(form.action, here)
        hidden = [name for name, field in form.fields.items() if field.kind == "hidden" and name not in PLAIN_HIDDEN]
        if form.method == "post" and hidden and found and found[0] in (pattern_name(sent_to), pattern_name(here)):
            submission = {}
            for name, value in form.submission:
                submission.setdefault(name, []).append(value)
            return found[1], submission
    return None


def send(world, subject, method, url, data, host) -> None:
    """One request (a POST follows its redirects, then a form of its answer that carries values on); fails on a
    server error, naming the request."""
    sent = f"{method.upper()} {url} as {subject} on {host} with {data!r}"
    hypothesis.note(sent)
    with starting_state():
        client = client_for(subject, world)
        try:
            if method == "get":
                response = client.get(url, data, headers={"host": host})
            else:
                response = client.post(url, as_sent(data), follow=True, headers={"host": host})
                assert response.status_code < 500, f"server error {response.status_code}: {sent}"
                follow_up = form_to_send_on(response, url)
                if follow_up is not None:
                    sent = f"then POST {follow_up[0]} with {follow_up[1]!r} (a form of the answer)"
                    hypothesis.note(sent)
                    response = client.post(*follow_up, follow=True, headers={"host": host})
        except Exception as error:
            error.add_note(f"Request: {sent}")
            raise
    assert response.status_code < 500, f"server error {response.status_code}: {sent}"


# --- What hypothesis draws ---------------------------------------------------------------------------------------


class Strategies:
    """The strategies of one world, built once (building them for every draw took a third of the time)."""

    def __init__(self, world):
        self.hostile = st.one_of(
            *[st.sampled_from(values) for values in HOSTILE.values()],
            st.sampled_from(world["real_strings"]),
            st.integers(min_value=-(2**70), max_value=2**70).map(str),
            st.dates(min_value=datetime.date(1, 1, 1)).map(datetime.date.isoformat),
            st.datetimes().map(lambda moment: moment.isoformat(timespec="minutes")),
            st.decimals(allow_nan=True, allow_infinity=True).map(str),
            st.text(max_size=40),
        )
        self.hostile_or_repeated = st.one_of(self.hostile, st.lists(self.hostile, min_size=2, max_size=4))
        self.odd_file = st.tuples(st.sampled_from(HOSTILE_FILE_NAMES), st.binary(max_size=3000))
        self.extra_names = st.dictionaries(st.text(min_size=1, max_size=20), self.hostile, max_size=3)
        self.int_path = st.one_of(
            st.sampled_from(world["real_ints"] + [0, 1, 2**31 - 1, 2**31, 2**63 - 1, 2**63, 10**30]),
            st.integers(min_value=0, max_value=2**70),
        )
        hostile = [value for values in HOSTILE.values() for value in values]
        self.text_path = {
            pattern: st.one_of(
                st.sampled_from(world["real_strings"] + [value for value in hostile if re.fullmatch(pattern, value)]),
                st.from_regex(pattern, fullmatch=True),
            )
            for pattern in (r"[-a-zA-Z0-9_]+", r"[^/]+")
        }

    def subjects(self, favoured: list) -> st.SearchStrategy:
        """Any subject; half of the time one who gets the page or form, so that the examples reach past the door."""
        everyone = st.sampled_from(SUBJECTS)
        return st.one_of(st.sampled_from(favoured), everyone) if favoured else everyone

    def path_value(self, converter) -> st.SearchStrategy:
        if isinstance(converter, IntConverter):
            return self.int_path
        return self.text_path[r"[-a-zA-Z0-9_]+" if isinstance(converter, SlugConverter) else r"[^/]+"]

    def urls(self, target: Target) -> st.SearchStrategy:
        """The pattern's URL at real ids (and those forms post to), or at any ids: another tenant's, hostile ones."""
        if not target.converters:
            return st.sampled_from(target.urls)

        def build(kwargs):
            try:
                return reverse(target.name, kwargs=kwargs)
            except NoReverseMatch:
                return None

        anywhere = st.fixed_dictionaries({key: self.path_value(conv) for key, conv in target.converters.items()})
        built = anywhere.map(build).filter(lambda url: url is not None)
        return st.one_of(st.sampled_from(target.urls), built) if target.urls else built

    def field_values(self, field: Field) -> tuple[st.SearchStrategy | None, st.SearchStrategy]:
        """(valid, hostile) values of a field; no valid ones when nothing is known of it."""
        if field.kind == "file":
            return st.one_of(st.sampled_from(FILES), self.odd_file), self.odd_file
        good = good_values(field)
        if not good:
            return None, self.hostile_or_repeated
        if field.multiple or field.kind == "checkbox":
            return st.lists(st.sampled_from(good), min_size=1, max_size=3, unique=True), self.hostile_or_repeated
        return st.sampled_from(good), self.hostile_or_repeated

    def data(self, fields: dict) -> st.SearchStrategy:
        """Every field valid; or valid but for a few (missing, hostile, repeated); or anything, unknown names too."""
        names = sorted(fields)
        values = {name: self.field_values(fields[name]) for name in names}

        @st.composite
        def draw_data(draw):
            mode = draw(st.sampled_from(["valid", "valid but a few", "anything"]))
            broken = set()
            if mode == "valid but a few" and names:
                broken = set(draw(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True)))
            data = {}
            for name in names:
                good, hostile = values[name]
                if mode == "anything":
                    choice = draw(st.sampled_from(["leave out", "valid", "hostile"]))
                elif name in broken:
                    choice = draw(st.sampled_from(["leave out", "hostile"]))
                elif fields[name].kind in ("checkbox", "button", "radio"):
                    choice = draw(st.sampled_from(["valid", "leave out"]))
                else:
                    choice = "valid"
                if choice == "valid" and good is None:
                    choice = draw(st.sampled_from(["leave out", "hostile"]))
                if choice != "leave out":
                    data[name] = draw(good if choice == "valid" else hostile)
            if mode == "anything":
                data.update(draw(self.extra_names))
            return data

        return draw_data()


def good_values(field: Field) -> list:
    """Values a person could send: what the page offers, else something of the field's kind, edges included."""
    today, now = timezone.localdate(), timezone.localtime()
    offered = sorted(value for value in field.values if value)
    by_kind = {
        "date": [(today + datetime.timedelta(days=days)).isoformat() for days in (-400, -1, 0, 1, 30)]
        + ["1900-01-01", "2100-12-31"],
        "datetime-local": [(now + datetime.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M") for days in (-3, 2, 9)]
        + ["1900-01-01T00:00", "2100-12-31T23:59"],
        "time": ["09:00", "17:30", "00:00", "23:59"],
        "number": ["0", "1", "2", "8", "60", "2147483647", "-2147483647"],
        "email": ["ktos@example.org"],
        "tel": ["600100200", "+48 600 100 200"],
        "password": ["test-pass-Muflon-1"],
    }
    general = ["Tekst", "Anna", "1", "44051401359", "58-340", today.isoformat()]
    if field.kind in by_kind:
        return offered + by_kind[field.kind]
    return offered + (general if field.kind in ("text", "textarea", "search") else [])


def examples(count: int):
    return hypothesis.settings(
        max_examples=count,
        deadline=None,
        derandomize=True,
        database=None,
        print_blob=False,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
    )


@pytest.fixture(scope="module")
def strategies(world):
    return Strategies(world)


def sweep(target: Target, fields: dict, subjects: list) -> list[dict]:
    """One request per value of SWEEP with every name holding it, by the first subject who gets the page (or
    anyone), at real ids; then the path's numbers at PATH_NUMBERS and its text at SWEEP's values."""
    subject = subjects[0] if subjects else ANONYMOUS
    real = target.urls[0]
    cases = [
        {"subject": subject, "url": real, "data": dict.fromkeys(fields, value), "host": "testserver"} for value in SWEEP
    ]
    numbers = [key for key, converter in target.converters.items() if isinstance(converter, IntConverter)]
    texts = [key for key in target.converters if key not in numbers]
    changes = [dict.fromkeys(numbers, number) for number in PATH_NUMBERS if numbers]
    changes += [dict.fromkeys(texts, value) for value in SWEEP if texts and isinstance(value, str)]
    for change in changes:
        try:
            url = reverse(target.name, kwargs=resolve(urlsplit(real).path).kwargs | change)
        except NoReverseMatch:
            continue
        cases.append({"subject": subject, "url": url, "data": {}, "host": "testserver"})
    return cases


def fuzz(world, strategies, target, method, fields, subjects, count):
    """The sweep as explicit examples, then `count` drawn by hypothesis."""

    @examples(count)
    @hypothesis.given(
        subject=strategies.subjects(subjects),
        url=strategies.urls(target),
        data=strategies.data(fields),
        host=st.sampled_from(HOSTS),
    )
    def run(subject, url, data, host):
        send(world, subject, method, url, data, host)

    for case in sweep(target, fields, subjects) if target.urls else ():
        run = hypothesis.example(**case)(run)
    run()


# --- The tests ---------------------------------------------------------------------------------------------------


def test_every_page_opens_at_real_ids(world):
    """Every URL pattern at the world's real ids, as every subject: no server error (and the forms were found)."""
    assert world["discovery_errors"] == []
    targets = world["targets"].values()
    assert sum(target.has_form for target in targets) > 60
    assert all(target.urls for target in targets), "a URL pattern without real ids: add a line to the access matrix"


@pytest.mark.parametrize("name", NAMES)
def test_random_and_hostile_query_parameters(world, strategies, name):
    """GET at real, foreign and hostile ids with the names the page reads: no server error."""
    target = world["targets"][name]
    fields = target.query_fields or {name: Field() for name in USUAL_NAMES}
    fuzz(world, strategies, target, "get", fields, target.seen_by, GET_EXAMPLES)


@pytest.mark.parametrize("name", NAMES)
def test_random_and_hostile_forms(world, strategies, name):
    """POST of the fields that pages' forms send here and the view reads, valid, hostile or mixed, by any subject:
    no server error."""
    target = world["targets"][name]
    fields = target.post_fields or {name: Field() for name in USUAL_NAMES}
    count = POST_EXAMPLES if target.has_form else POST_EXAMPLES_WITHOUT_FORM
    fuzz(world, strategies, target, "post", fields, target.posted_by or target.seen_by, count)
