"""Every paginated list answers any page number without a server error: 404 past the end or beyond the limit."""

import pytest
from django.urls import reverse

from muflon.accounts.models import Role
from muflon.core.paging import MAX_PAGE

pytestmark = pytest.mark.django_db

LISTS = [
    (Role.ADMIN, "core:audit_log"),
    (Role.ADMIN, "accounts:user_list"),
    (Role.ADMIN, "accounts:organisation_list"),
    (Role.COORDINATOR, "people:list"),
    (Role.COORDINATOR, "people:follow_ups"),
    (Role.COORDINATOR, "people:queue"),
    (Role.COORDINATOR, "education:list"),
    (Role.COORDINATOR, "care:clients"),
    (Role.COORDINATOR, "care:sessions"),
    (Role.COORDINATOR, "care:groups"),
    (Role.COORDINATOR, "care:arrangements"),
    (Role.COORDINATOR, "polls:manage"),
    (Role.COORDINATOR, "portal:staff_pages"),
    (Role.COORDINATOR, "portal:staff_library"),
    (None, "portal:news_list"),
    (None, "polls:archive"),
]
HUGE = ["99999999999999999999", str(MAX_PAGE + 1), "9" * 5000]


@pytest.mark.parametrize(("role", "url_name"), LISTS)
def test_pages_beyond_the_limit_or_past_the_end_are_not_found(client, cast, role, url_name):
    if role:
        client.force_login(cast[role])
    url = reverse(url_name)
    assert client.get(url, {"page": "1"}).status_code == 200
    for number in ["abc", "-3", "0", ""]:
        assert client.get(url, {"page": number}).status_code == 200, number
    assert client.get(url, {"page": str(MAX_PAGE)}).status_code == 404
    for number in HUGE[:2]:
        assert client.get(url, {"page": number}).status_code == 404, number
    # More digits than Python turns into a number: read as no number at all.
    assert client.get(url, {"page": HUGE[2]}).status_code == 200


def test_a_parameter_named_like_a_method_of_the_query_breaks_no_pager(client, partnership):
    """`?items=` stood in for the query's items() in the pager's template: every list with a second page was a 500.
    The links keep every parameter, repeated ones too, with the page number set anew."""
    import datetime

    from django.utils import timezone

    from muflon.polls.models import Poll

    closed = timezone.now() - datetime.timedelta(days=1)
    for number in range(11):
        Poll.objects.create(
            partnership=partnership,
            question=f"Pytanie {number}",
            opens_at=closed - datetime.timedelta(days=2),
            closes_at=closed,
        )
    response = client.get(reverse("polls:archive") + "?items=1&urlencode=2&tag=a&tag=b&page=1")
    assert response.status_code == 200
    assert 'href="?items=1&amp;urlencode=2&amp;tag=a&amp;tag=b&amp;page=2" rel="next"' in response.content.decode()


def test_the_participant_list_offers_its_own_query_to_the_export(client, cast):
    client.force_login(cast[Role.COORDINATOR])
    response = client.get(reverse("people:list"), {"sex": "F", "urlencode": "x"})
    assert f'{reverse("people:export", args=["csv"])}?sex=F&amp;urlencode=x"' in response.content.decode()
