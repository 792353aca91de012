"""The poll: one vote per person, the limit per address, results that add up, the archive and staff editing."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from muflon.accounts.models import Role
from muflon.polls import services
from muflon.polls.models import Choice, Poll, Vote
from muflon.polls.services import AlreadyVoted, PollNotOpen, TooManyVotesFromAddress, VoteRefused

# dates: Polls open and close relative to now.
pytestmark = [pytest.mark.django_db, pytest.mark.dates]

NOW = timezone.now


def make_poll(partnership, question="Czy planujesz założyć spółdzielnię socjalną?", *, opens=-1, closes=30):
    """A poll opened `opens` days from now and closing `closes` days from now, with three answers."""
    poll = Poll.objects.create(
        partnership=partnership,
        question=question,
        opens_at=NOW() + datetime.timedelta(days=opens),
        closes_at=NOW() + datetime.timedelta(days=closes),
    )
    for position, text in enumerate(["Tak", "Nie", "Nie wiem"]):
        Choice.objects.create(poll=poll, text=text, position=position)
    return poll


@pytest.fixture
def poll(partnership):
    return make_poll(partnership)


def vote(poll, number=0, *, token=None, address="192.0.2.1", user=None):
    choice = poll.choices.all()[number]
    return services.cast_vote(poll, choice, user=user, voter_token=token, address=address)


class Anonymous:
    is_authenticated = False


# --- the rules -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "votes, tenths",
    [
        ([1, 1, 1], [334, 333, 333]),
        ([2, 1], [667, 333]),
        ([0, 0, 0], [0, 0, 0]),
        ([5, 0], [1000, 0]),
        ([214, 187, 301, 153], [250, 219, 352, 179]),
    ],
)
def test_shares_always_add_up_to_one_hundred_percent(votes, tenths):
    assert services.shares_in_tenths(votes) == tenths
    assert sum(tenths) in (0, 1000)


def test_a_vote_is_counted_and_the_results_show_counts_and_shares(poll):
    vote(poll, 0, token="a")
    vote(poll, 0, token="b")
    vote(poll, 1, token="c")
    result = services.results(poll)
    assert [(row.choice.text, row.votes, str(row.percent)) for row in result.answers] == [
        ("Tak", 2, "66.7"),
        ("Nie", 1, "33.3"),
        ("Nie wiem", 0, "0"),
    ]
    assert result.total == 3


def test_the_same_browser_cannot_vote_twice(poll):
    vote(poll, 0, token="browser-1")
    with pytest.raises(AlreadyVoted):
        vote(poll, 1, token="browser-1")
    assert poll.votes.count() == 1


def test_the_same_account_cannot_vote_twice_even_from_another_browser(poll, participant, cast):
    user = cast[Role.PARTICIPANT]
    vote(poll, 0, user=user, token="phone")
    with pytest.raises(AlreadyVoted):
        vote(poll, 1, user=user, token="laptop")
    assert list(poll.votes.values_list("user", "voter_token")) == [(user.pk, None)]


def test_the_database_itself_refuses_a_second_vote(poll):
    """Even code that skips the service cannot count one browser twice."""
    choice = poll.choices.first()
    Vote.objects.create(poll=poll, choice=choice, voter_token="t", address_hmac="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(poll=poll, choice=choice, voter_token="t", address_hmac="y")


def test_a_vote_without_account_or_browser_token_is_refused(poll):
    with pytest.raises(VoteRefused):
        vote(poll, 0, token=None, user=Anonymous())
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(poll=poll, choice=poll.choices.first(), address_hmac="x")
    assert poll.votes.count() == 0


def test_a_closed_or_not_yet_open_poll_takes_no_votes(partnership):
    closed = make_poll(partnership, "Zamknięta", opens=-30, closes=-1)
    future = make_poll(partnership, "Przyszła", opens=2, closes=9)
    with pytest.raises(PollNotOpen):
        vote(closed, token="a")
    with pytest.raises(PollNotOpen):
        vote(future, token="a")
    assert Vote.objects.count() == 0


def test_an_answer_of_another_poll_is_refused(partnership, poll):
    other = make_poll(partnership, "Inna")
    with pytest.raises(VoteRefused):
        services.cast_vote(poll, other.choices.first(), user=None, voter_token="a", address="192.0.2.1")
    assert Vote.objects.count() == 0


def test_the_limit_per_address_refuses_once_exceeded(poll, settings):
    settings.MUFLON_POLL_VOTES_PER_ADDRESS = 2
    vote(poll, token="a", address="192.0.2.7")
    vote(poll, token="b", address="192.0.2.7")
    with pytest.raises(TooManyVotesFromAddress):
        vote(poll, token="c", address="192.0.2.7")
    vote(poll, token="d", address="192.0.2.8")
    assert poll.votes.count() == 3


def test_the_limit_counts_only_the_last_hour(poll, settings):
    settings.MUFLON_POLL_VOTES_PER_ADDRESS = 1
    vote(poll, token="a", address="192.0.2.7")
    Vote.objects.update(cast_at=NOW() - datetime.timedelta(minutes=61))
    vote(poll, token="b", address="192.0.2.7")
    assert poll.votes.count() == 2


def test_the_address_is_kept_only_as_a_keyed_hash(poll):
    counted = vote(poll, token="a", address="203.0.113.5")
    assert "203.0.113.5" not in counted.address_hmac
    assert len(counted.address_hmac) == 64
    assert counted.address_hmac == vote(poll, token="b", address="203.0.113.5").address_hmac


def test_the_current_poll_is_the_open_one_of_the_site_partnership(partnership, other_partnership):
    make_poll(partnership, "Zamknięta", opens=-30, closes=-1)
    open_poll = make_poll(partnership, "Otwarta")
    make_poll(other_partnership, "Cudza")
    assert services.current_poll(partnership) == open_poll
    assert services.current_poll(None) is None


# --- the public pages ----------------------------------------------------------------------------------------


def test_the_poll_page_offers_an_accessible_vote_and_gives_the_browser_a_token(client, poll):
    response = client.get(reverse("polls:current"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<fieldset" in html and f"<legend>{poll.question}" in html
    assert html.count('type="radio"') == 3
    cookie = response.cookies["muflon_voter"]
    assert cookie["httponly"] and cookie.value
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_a_visitor_votes_once_and_then_sees_the_results(client, poll):
    client.get(reverse("polls:current"))
    yes = poll.choices.get(text="Tak")
    response = client.post(reverse("polls:vote", args=[poll.pk]), {"choice": yes.pk})
    assert response.status_code == 302 and response["Location"] == reverse("polls:current")
    assert poll.votes.get().choice == yes

    page = client.get(reverse("polls:current")).content.decode()
    assert "Twój głos został policzony" in page or "your vote was counted" in page
    assert 'type="radio"' not in page
    assert "<table" in page and "100,0" in page

    again = client.post(reverse("polls:vote", args=[poll.pk]), {"choice": yes.pk})
    assert again.status_code == 409
    assert poll.votes.count() == 1


def test_numbers_are_shown_the_polish_way(client, poll):
    choices = list(poll.choices.all())
    Vote.objects.bulk_create(
        [Vote(poll=poll, choice=choices[n % 3], voter_token=f"t{n}", address_hmac="x") for n in range(1234)]
    )
    client.get(reverse("polls:current"))
    client.post(reverse("polls:vote", args=[poll.pk]), {"choice": choices[0].pk})
    page = client.get(reverse("polls:current")).content.decode()
    assert "1\xa0235" in page  # the total, grouped with a (non-breaking) space
    assert "33,4" in page or "33,3" in page


def test_a_vote_without_a_choice_shows_the_error_at_the_field(client, poll):
    client.get(reverse("polls:current"))
    response = client.post(reverse("polls:vote", args=[poll.pk]), {})
    assert response.status_code == 200
    assert 'id="id_choice_error"' in response.content.decode()
    assert Vote.objects.count() == 0


def test_a_browser_that_keeps_no_cookie_cannot_vote(client, poll):
    response = client.post(reverse("polls:vote", args=[poll.pk]), {"choice": poll.choices.first().pk})
    assert response.status_code == 409
    assert Vote.objects.count() == 0


def test_voting_in_a_closed_poll_is_refused_with_a_message(client, partnership):
    closed = make_poll(partnership, "Zamknięta", opens=-30, closes=-1)
    client.get(reverse("polls:detail", args=[closed.pk]))
    response = client.post(reverse("polls:vote", args=[closed.pk]), {"choice": closed.choices.first().pk})
    assert response.status_code == 409
    assert 'role="alert"' in response.content.decode()
    assert Vote.objects.count() == 0


def test_a_poll_not_yet_open_shows_when_it_opens_and_no_form(client, partnership):
    future = make_poll(partnership, "Przyszła", opens=2, closes=9)
    page = client.get(reverse("polls:detail", args=[future.pk])).content.decode()
    assert 'type="radio"' not in page and "Przyszła" in page


def test_over_http_the_limit_per_address_answers_429_and_counts_nothing(poll, settings):
    from django.test import Client

    settings.MUFLON_POLL_VOTES_PER_ADDRESS = 1
    answers = []
    for _browser in range(2):
        browser = Client(REMOTE_ADDR="203.0.113.9")
        browser.get(reverse("polls:current"))
        response = browser.post(reverse("polls:vote", args=[poll.pk]), {"choice": poll.choices.first().pk})
        answers.append(response.status_code)
    assert answers == [302, 429]
    assert poll.votes.count() == 1


def test_a_logged_in_person_votes_by_account(client, poll, cast):
    user = cast[Role.PARTICIPANT]
    client.force_login(user)
    client.get(reverse("polls:current"))
    client.post(reverse("polls:vote", args=[poll.pk]), {"choice": poll.choices.first().pk})
    assert poll.votes.get().user == user


def test_another_partnerships_poll_is_not_found_on_this_site(client, other_partnership):
    foreign = make_poll(other_partnership, "Cudza")
    assert client.get(reverse("polls:detail", args=[foreign.pk])).status_code == 404
    response = client.post(reverse("polls:vote", args=[foreign.pk]), {"choice": foreign.choices.first().pk})
    assert response.status_code == 404


def test_a_partnership_with_its_own_host_shows_its_own_poll(client, partnership, other_partnership, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "sonda.inne.example.org"]
    other_partnership.host = "sonda.inne.example.org"
    other_partnership.save()
    make_poll(partnership, "Nasza")
    make_poll(other_partnership, "Ich")
    page = client.get(reverse("polls:current"), HTTP_HOST="sonda.inne.example.org").content.decode()
    assert "Ich" in page and "Nasza" not in page


def test_without_an_open_poll_the_page_says_so_and_links_the_last_results(client, partnership):
    closed = make_poll(partnership, "Ostatnia", opens=-30, closes=-1)
    page = client.get(reverse("polls:current")).content.decode()
    assert closed.get_absolute_url() in page and 'type="radio"' not in page


def test_the_archive_lists_closed_polls_with_results_and_not_open_ones(client, partnership, poll):
    closed = make_poll(partnership, "Zamknięta", opens=-30, closes=-1)
    Vote.objects.create(poll=closed, choice=closed.choices.first(), voter_token="t", address_hmac="x")
    page = client.get(reverse("polls:archive")).content.decode()
    assert "Zamknięta" in page and poll.question not in page
    assert "100,0" in page


def test_a_closed_poll_shows_its_results_to_everyone(client, partnership):
    closed = make_poll(partnership, "Zamknięta", opens=-30, closes=-1)
    Vote.objects.create(poll=closed, choice=closed.choices.first(), voter_token="t", address_hmac="x")
    page = client.get(reverse("polls:detail", args=[closed.pk])).content.decode()
    assert "<table" in page and 'type="radio"' not in page


def test_the_home_page_teaser_links_to_the_poll_and_has_no_form(poll):
    html = render_to_string("polls/_current.html", {"poll": poll})
    assert reverse("polls:current") in html and poll.question in html
    assert "<form" not in html
    assert render_to_string("polls/_current.html", {"poll": None}).strip() == ""


# --- staff ---------------------------------------------------------------------------------------------------


def poll_form(**overrides):
    data = {
        "question": "Czy chcesz pracować w spółdzielni?",
        "opens_at": "2026-01-05T08:00",
        "closes_at": "2026-02-05T20:00",
        "answers": "Tak\nNie\n\nNie wiem\n",
    }
    data.update(overrides)
    return data


def test_a_coordinator_creates_a_poll_with_answers_in_order(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("polls:create"), poll_form())
    assert response.status_code == 302
    poll = Poll.objects.get()
    assert poll.partnership == coordinator.partnership and poll.created_by == coordinator
    assert list(poll.choices.values_list("text", flat=True)) == ["Tak", "Nie", "Nie wiem"]
    assert timezone.localtime(poll.opens_at).hour == 8


def test_a_poll_must_close_after_it_opens_and_have_two_answers(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("polls:create"), poll_form(closes_at="2026-01-01T08:00", answers="Tak"))
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"closes_at", "answers"}
    assert Poll.objects.count() == 0


def test_answers_cannot_change_once_people_have_voted(client, coordinator, poll):
    vote(poll, token="a")
    client.force_login(coordinator)
    response = client.post(
        reverse("polls:edit", args=[poll.pk]), poll_form(question="Poprawione pytanie?", answers="Tak\nNie")
    )
    assert response.status_code == 200
    assert "answers" in response.context["form"].errors
    poll.refresh_from_db()
    assert poll.question != "Poprawione pytanie?"
    assert poll.choices.count() == 3


def test_the_question_and_dates_can_change_after_votes_when_the_answers_stay(client, coordinator, poll):
    vote(poll, token="a")
    client.force_login(coordinator)
    data = poll_form(question="Poprawione pytanie?", answers="Tak\nNie\nNie wiem", closes_at="2027-02-05T20:00")
    assert client.post(reverse("polls:edit", args=[poll.pk]), data).status_code == 302
    poll.refresh_from_db()
    assert poll.question == "Poprawione pytanie?" and poll.votes.count() == 1


def test_answers_can_be_rewritten_before_anyone_votes(client, coordinator, poll):
    client.force_login(coordinator)
    data = poll_form(answers="Raczej tak\nRaczej nie")
    assert client.post(reverse("polls:edit", args=[poll.pk]), data).status_code == 302
    assert list(poll.choices.values_list("text", "position")) == [("Raczej tak", 0), ("Raczej nie", 1)]


def test_staff_edit_only_their_partnerships_polls(client, outsider, poll):
    client.force_login(outsider)
    assert client.get(reverse("polls:edit", args=[poll.pk])).status_code == 404
    assert poll.question not in client.get(reverse("polls:manage")).content.decode()


def test_poll_changes_are_audited(client, coordinator):
    from muflon.core.models import AuditEntry

    client.force_login(coordinator)
    client.post(reverse("polls:create"), poll_form())
    entry = AuditEntry.objects.filter(content_type__model="poll").get()
    assert entry.actor == coordinator and entry.partnership_id == coordinator.partnership_id


# --- demo ----------------------------------------------------------------------------------------------------


def test_the_demo_has_the_open_poll_with_855_votes_and_an_archived_one(settings):
    from muflon.partnership import demo as partnership_demo
    from muflon.polls import demo

    pilot = partnership_demo.load()
    demo.load()
    demo.load()
    current = services.current_poll(pilot)
    assert current.question == "Czy planujesz założyć spółdzielnię socjalną?"
    assert services.results(current).total == 855
    archived = Poll.objects.closed_at(NOW()).get(partnership=pilot)
    assert services.results(archived).total > 0
    assert Poll.objects.count() == 2 and Vote.objects.count() == 855 + services.results(archived).total


def test_behind_a_proxy_the_address_comes_from_the_header_the_proxy_sets(rf, settings):
    from muflon.core.addresses import client_address

    request = rf.get("/poll/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.9, 198.51.100.4")
    assert client_address(request) == "127.0.0.1"
    settings.MUFLON_CLIENT_ADDRESS_HEADER = "HTTP_X_FORWARDED_FOR"
    assert client_address(request) == "198.51.100.4"  # the hop the proxy added, not what the visitor wrote
