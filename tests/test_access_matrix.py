"""Every URL of the project against every role: the one place that proves who may open what."""

from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from muflon.accounts.models import Role

ANONYMOUS = "anonymous"
OUTSIDER = "outsider"  # administrator and coordinator of another partnership
SUBJECTS = [ANONYMOUS, *Role, OUTSIDER]
LOGIN = "login"  # a redirect to the login page
STAFF = [role for role in Role if role != Role.PARTICIPANT]

# Namespaces left out of the matrix, with the reason; they are tested on their own.
EXCLUDED_NAMESPACES = {"admin": "Django's admin site is for installation superusers only (test_admin_site.py)"}


@dataclass
class Expect:
    """The status each subject gets on GET; `args` builds the URL's arguments from the test world."""

    allowed: list
    args: object = None
    status: int = 200
    denied: int | str = 403
    anonymous: int | str = LOGIN
    outsider: int | str | None = None
    overrides: dict = field(default_factory=dict)

    def for_subject(self, subject):
        if subject in self.overrides:
            return self.overrides[subject]
        if subject == ANONYMOUS:
            return self.anonymous
        if subject == OUTSIDER:
            return self.outsider if self.outsider is not None else self.status
        return self.status if subject in self.allowed else self.denied


def everyone(status=200, **kwargs):
    return Expect(allowed=list(Role), status=status, anonymous=status, **kwargs)


MATRIX = {
    "core:home": everyone(),
    "healthz": everyone(),
    "set_language": everyone(302),
    "core:dashboard": Expect(allowed=list(Role)),
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
}


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


@pytest.fixture
def world(cast, outsider, labour_office):
    return {"cast": cast, "outsider": outsider, "labour_office": labour_office}


def login_as(client, subject, world):
    client.logout()
    if subject == OUTSIDER:
        client.force_login(world["outsider"])
    elif subject != ANONYMOUS:
        client.force_login(world["cast"][subject])


def outcome(response):
    if response.status_code == 302 and response["Location"].startswith(reverse("login")):
        return LOGIN
    return response.status_code


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
