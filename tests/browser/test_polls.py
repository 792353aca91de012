"""Browser journeys of the poll: a visitor votes and sees the results; the pages pass axe-core, reflow at 320 px
and work without JavaScript."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from muflon.polls.models import Choice, Poll, Vote
from tests.browser.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def make_poll(partnership, question, *, opens, closes, answers=("Tak", "Nie", "Jeszcze nie wiem")):
    now = timezone.now()
    poll = Poll.objects.create(
        partnership=partnership,
        question=question,
        opens_at=now + datetime.timedelta(days=opens),
        closes_at=now + datetime.timedelta(days=closes),
    )
    for position, text in enumerate(answers):
        Choice.objects.create(poll=poll, text=text, position=position)
    return poll


@pytest.fixture
def polls(partnership):
    """The open poll and a closed one with 1,234 votes in the archive."""
    current = make_poll(partnership, "Czy planujesz założyć spółdzielnię socjalną?", opens=-3, closes=30)
    closed = make_poll(partnership, "Jakiego wsparcia potrzebujesz najbardziej?", opens=-90, closes=-60)
    choices = list(closed.choices.all())
    Vote.objects.bulk_create(
        Vote(poll=closed, choice=choices[n % 3], voter_token=f"t{n}", address_hmac="x") for n in range(1234)
    )
    return current, closed


def vote_for(page, answer):
    page.goto("/poll/")
    page.get_by_label(answer, exact=True).check()
    page.locator("form.poll-vote button[type=submit]").click()
    page.wait_for_url("**/poll/")


def test_a_visitor_votes_and_sees_the_results(page, polls):
    current, closed = polls
    page.goto("/poll/")
    expect(page.locator("legend")).to_contain_text(current.question)
    assert_accessible(page)

    vote_for(page, "Jeszcze nie wiem")
    expect(page.locator("table.poll-results td.total")).to_have_text("1")
    # The language follows the browser's (English here): 100.0 %; in Polish 100,0 %.
    expect(page.locator("table.poll-results tbody tr").nth(2).locator("td.share")).to_contain_text(
        re.compile(r"100[,.]0")
    )
    expect(page.locator("form.poll-vote")).to_have_count(0)
    assert_accessible(page)
    assert current.votes.get().choice.text == "Jeszcze nie wiem"

    page.goto("/poll/archive/")
    expect(page.get_by_role("heading", name=closed.question)).to_be_visible()
    expect(page.locator("td.total")).to_have_text(re.compile(r"1[\xa0 ,]234"))
    assert_accessible(page)


def test_poll_pages_reflow_at_320_pixels(page, polls):
    current, closed = polls
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ["/poll/", "/poll/archive/", closed.get_absolute_url()]:
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path


def test_a_vote_works_without_javascript(browser, live_server, polls):
    current, _closed = polls
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    vote_for(page, "Tak")
    expect(page.locator("table.poll-results td.total")).to_have_text("1")
    assert current.votes.get().choice.text == "Tak"
    context.close()


def test_a_coordinator_writes_a_poll_in_the_staff_area(page, log_in, cast):
    from muflon.accounts.models import Role

    log_in(cast[Role.COORDINATOR])
    page.goto("/poll/manage/new/")
    assert_accessible(page)
    page.fill("#id_question", "Czy chcesz pracować w spółdzielni?")
    page.fill("#id_opens_at", "2026-01-05T08:00")
    page.fill("#id_closes_at", "2026-02-05T20:00")
    page.fill("#id_answers", "Tak\nNie\nNie wiem")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/poll/manage/")
    expect(page.get_by_role("link", name="Czy chcesz pracować w spółdzielni?", exact=True)).to_be_visible()
    assert_accessible(page)
    poll = Poll.objects.get(question="Czy chcesz pracować w spółdzielni?")
    assert list(poll.choices.values_list("text", flat=True)) == ["Tak", "Nie", "Nie wiem"]
