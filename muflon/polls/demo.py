"""Demo data of the polls area: the open poll with its 855 votes and one archived poll with results."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from muflon.core.addresses import address_hmac
from muflon.partnership.demo import pilot_partnership
from muflon.polls.models import Choice, Poll, Vote

CURRENT_QUESTION = "Czy planujesz założyć spółdzielnię socjalną?"
# answer -> votes; 855 in all
CURRENT_ANSWERS = {
    "Tak, w ciągu najbliższego roku": 214,
    "Tak, ale później": 187,
    "Jeszcze nie wiem, chcę się dowiedzieć więcej": 301,
    "Nie": 153,
}
ARCHIVED_QUESTION = "Jakiego wsparcia potrzebujesz najbardziej, żeby wrócić do pracy?"
ARCHIVED_ANSWERS = {
    "Kursu zawodowego": 142,
    "Pomocy w znalezieniu lokalu na działalność": 61,
    "Doradztwa prawnego i księgowego": 88,
    "Opieki nad dziećmi lub bliskimi w czasie zajęć": 97,
    "Wsparcia psychologa": 45,
}


def load(**options) -> None:
    """Idempotent: running it twice leaves one copy of everything (and writes nothing the second time)."""
    partnership = pilot_partnership()
    now = timezone.now()
    today = timezone.localtime(now).replace(hour=8, minute=0, second=0, microsecond=0)
    current = poll_with_answers(
        partnership,
        CURRENT_QUESTION,
        list(CURRENT_ANSWERS),
        opens_at=today - datetime.timedelta(days=21),
        closes_at=today + datetime.timedelta(days=70),
    )
    if not current.is_open(now):
        # A demo loaded long ago: open the poll again around today.
        Poll.objects.filter(pk=current.pk).update(
            opens_at=today - datetime.timedelta(days=21), closes_at=today + datetime.timedelta(days=70)
        )
        current.refresh_from_db()
    archived = poll_with_answers(
        partnership,
        ARCHIVED_QUESTION,
        list(ARCHIVED_ANSWERS),
        opens_at=today - datetime.timedelta(days=240),
        closes_at=today - datetime.timedelta(days=180),
    )
    votes_for(current, CURRENT_ANSWERS, until=now, seed=855)
    votes_for(archived, ARCHIVED_ANSWERS, until=archived.closes_at, seed=433)


def poll_with_answers(partnership, question, answers, *, opens_at, closes_at) -> Poll:
    poll, created = Poll.objects.get_or_create(
        partnership=partnership, question=question, defaults={"opens_at": opens_at, "closes_at": closes_at}
    )
    if created:
        for position, text in enumerate(answers):
            Choice.objects.create(poll=poll, text=text, position=position)
    return poll


@transaction.atomic
def votes_for(poll, answers: dict[str, int], *, until, seed) -> None:
    """Exactly the given votes per answer, cast by distinct demo browsers between the opening and `until`."""
    if poll.votes.count() == sum(answers.values()):
        return
    poll.votes.all().delete()
    rnd = random.Random(seed)
    choices = {choice.text: choice for choice in poll.choices.all()}
    span = (until - poll.opens_at).total_seconds()
    votes = []
    for text, count in answers.items():
        for _ in range(count):
            number = len(votes)
            votes.append(
                Vote(
                    poll=poll,
                    choice=choices[text],
                    voter_token=f"demo-{poll.pk}-{number}",
                    address_hmac=address_hmac(f"198.51.100.{number % 250}", purpose="poll"),
                    cast_at=poll.opens_at + datetime.timedelta(seconds=rnd.uniform(0, span)),
                )
            )
    Vote.objects.bulk_create(votes, batch_size=500)
