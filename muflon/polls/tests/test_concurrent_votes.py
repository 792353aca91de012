"""Reliability: 500 votes from 50 concurrent clients over HTTP are all counted once, and no second vote gets in."""

import datetime
import functools
import re
import ssl
import time
from http.cookiejar import CookieJar
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, HTTPSHandler, build_opener

import pytest
from django.core.servers.basehttp import WSGIServer
from django.utils import timezone

from muflon.polls.models import Choice, Poll, Vote
from tests.concurrency import in_threads

# Django's test server listens with a backlog of 10 connections; 50 clients connecting at once overflow it and
# some are reset before a request is read. Production servers (gunicorn: 2048) queue them; so does the test server
# when it starts after this module is collected. The server, not the vote, is what this setting is about.
WSGIServer.request_queue_size = max(WSGIServer.request_queue_size, 128)

CLIENTS = 50
BROWSERS_PER_CLIENT = 10
BUSY_RETRIES = 5
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
COUNT_CELL = re.compile(r'<td class="count">([^<]*)</td>')
TOTAL_CELL = re.compile(r'<td class="total">([^<]*)</td>')


class Browser:
    """One visitor's browser: its own cookie jar, so its own CSRF cookie and voter token."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.opener = build_opener(HTTPCookieProcessor(CookieJar()), HTTPSHandler(context=tls_context()))
        self.csrf = None
        self.busy_answers = 0

    def get(self, path):
        with self.opener.open(self.base_url + path, timeout=120) as response:
            body = response.read().decode()
        self.csrf = (CSRF_INPUT.search(body) or [None, self.csrf])[1]
        return response.status, body

    def post(self, path, data):
        """The final status after redirects (a refusal answers 409 or 429 without one).

        "Busy, try again" (503, when the write lock did not come in time on a loaded machine) is pressed again, as
        the page asks a person to; every busy answer is remembered so that the test can see none counted a vote.
        """
        for _attempt in range(BUSY_RETRIES):
            status = self.post_once(path, data)
            if status != 503:
                return status
            self.busy_answers += 1
            time.sleep(0.2)
        return status

    def post_once(self, path, data):
        payload = urlencode({**data, "csrfmiddlewaretoken": self.csrf}).encode()
        try:
            with self.opener.open(self.base_url + path, data=payload, timeout=120) as response:
                response.read()
                return response.status
        except HTTPError as error:
            return error.code


@functools.cache
def tls_context():
    """One TLS context for every browser's opener: urllib would otherwise build one per opener, loading the system's
    certificates each time (about 20 ms, ten seconds for 500 browsers), though the live server speaks plain HTTP."""
    return ssl.create_default_context()


def digits(text):
    return int(re.sub(r"\D", "", text))


@pytest.mark.slow  # 1,500 requests to a live server
@pytest.mark.django_db(transaction=True)
def test_five_hundred_votes_from_fifty_concurrent_clients_are_counted_exactly_once(live_server, partnership, settings):
    """Each of 50 clients votes as 10 browsers (500 voters); then every voter tries again and is refused."""
    settings.MUFLON_POLL_VOTES_PER_ADDRESS = 10_000  # every client shares 127.0.0.1
    now = timezone.now()
    poll = Poll.objects.create(
        partnership=partnership,
        question="Czy planujesz założyć spółdzielnię socjalną?",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=1),
    )
    choices = [Choice.objects.create(poll=poll, text=text, position=n) for n, text in enumerate(["Tak", "Nie", "?"])]
    vote_path = f"/poll/{poll.pk}/vote/"
    clients = [
        [Browser(live_server.url) for _ in range(BROWSERS_PER_CLIENT)] for _ in range(CLIENTS)
    ]  # 500 distinct voters
    first, second = {}, {}

    def vote_once(client_number, outcomes):
        for n, browser in enumerate(clients[client_number]):
            voter = client_number * BROWSERS_PER_CLIENT + n
            if browser.csrf is None:
                assert browser.get("/poll/")[0] == 200
            outcomes[voter] = browser.post(vote_path, {"choice": choices[voter % 3].pk})

    assert in_threads(lambda number: vote_once(number, first), list(range(CLIENTS))) == []
    assert in_threads(lambda number: vote_once(number, second), list(range(CLIENTS))) == []

    voters = CLIENTS * BROWSERS_PER_CLIENT
    assert sorted(first.values()) == [200] * voters, "every first vote is counted and shows the results"
    assert sorted(second.values()) == [409] * voters, "every second vote is refused"
    assert Vote.objects.filter(poll=poll).count() == voters
    assert Vote.objects.filter(poll=poll).values("voter_token").distinct().count() == voters
    by_choice = [Vote.objects.filter(choice=choice).count() for choice in choices]
    assert by_choice == [167, 167, 166]

    status, page = clients[0][0].get(f"/poll/{poll.pk}/")
    assert status == 200
    counts = [digits(cell) for cell in COUNT_CELL.findall(page)]
    assert counts == by_choice and sum(counts) == voters
    assert digits(TOTAL_CELL.search(page).group(1)) == voters
