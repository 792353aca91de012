"""The rules of the poll: which poll is current, voting (one vote per person, a limit per address), results,
and staff saving a poll with its answers."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from muflon.core.addresses import address_hmac
from muflon.polls.models import Choice, Poll, Vote

ADDRESS_WINDOW = datetime.timedelta(hours=1)


class VoteRefused(Exception):
    """A vote that was not counted; `message` says why in the visitor's language."""

    status = 409

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class AlreadyVoted(VoteRefused):
    pass


class PollNotOpen(VoteRefused):
    pass


class TooManyVotesFromAddress(VoteRefused):
    status = 429


def current_poll(partnership, moment=None):
    """The poll open now on the partnership's site (the one opened last), or None."""
    if partnership is None:
        return None
    return Poll.objects.on_site_of(partnership).open_at(moment or timezone.now()).first()


def votes_per_address() -> int:
    return settings.MUFLON_POLL_VOTES_PER_ADDRESS


def has_voted(poll, *, user=None, voter_token=None) -> bool:
    """Whether this account or this browser has a vote in the poll."""
    voter = Q(pk__in=[])
    if user is not None and user.is_authenticated:
        voter |= Q(user=user)
    if voter_token:
        voter |= Q(voter_token=voter_token)
    return poll.votes.filter(voter).exists()


@transaction.atomic
def cast_vote(poll: Poll, choice: Choice, *, user, voter_token: str | None, address: str) -> Vote:
    """Count one vote, or raise VoteRefused saying why nothing was counted.

    The poll row is locked so that the dates and the per-address count are checked against committed
    votes; the unique constraints on the vote are what finally refuse a second vote from one person.
    """
    now = timezone.now()
    poll = Poll.objects.select_for_update().get(pk=poll.pk)
    if poll.has_not_opened(now):
        raise PollNotOpen(_("This poll is not open yet: voting starts at the date shown on its page."))
    if poll.has_closed(now):
        raise PollNotOpen(_("This poll is closed: voting is no longer possible."))
    if choice.poll_id != poll.pk:
        raise VoteRefused(_("Choose one of this poll's answers."))
    logged_in = user is not None and user.is_authenticated
    if not logged_in and not voter_token:
        raise VoteRefused(_("Your browser did not keep this site's cookie: allow cookies and vote again."))
    if has_voted(poll, user=user, voter_token=voter_token):
        raise AlreadyVoted(_("You have already voted in this poll. Each person votes once."))
    address_key = address_hmac(address, purpose="poll")
    recent = poll.votes.filter(address_hmac=address_key, cast_at__gt=now - ADDRESS_WINDOW).count()
    if recent >= votes_per_address():
        raise TooManyVotesFromAddress(
            _("Too many votes came from your network in the last hour. Please try again later.")
        )
    try:
        with transaction.atomic():
            return Vote.objects.create(
                poll=poll,
                choice=choice,
                user=user if logged_in else None,
                voter_token=None if logged_in else voter_token,
                address_hmac=address_key,
                cast_at=now,
            )
    except IntegrityError:
        raise AlreadyVoted(_("You have already voted in this poll. Each person votes once.")) from None


@dataclass(frozen=True)
class AnswerResult:
    choice: Choice
    votes: int
    percent: Decimal


@dataclass(frozen=True)
class PollResult:
    poll: Poll
    answers: list[AnswerResult]
    total: int


def results_of(polls) -> dict[int, PollResult]:
    """The results of several polls in two queries: votes counted in the database, grouped by answer."""
    polls = list(polls)
    counts = {
        row["choice"]: row["votes"]
        for row in Vote.objects.filter(poll__in=polls).values("choice").annotate(votes=Count("*")).order_by()
    }
    choices_by_poll = {poll.pk: [] for poll in polls}
    for choice in Choice.objects.filter(poll__in=polls):
        choices_by_poll[choice.poll_id].append(choice)
    return {poll.pk: result_of(poll, choices_by_poll[poll.pk], counts) for poll in polls}


def results(poll: Poll) -> PollResult:
    return results_of([poll])[poll.pk]


def result_of(poll, choices, counts) -> PollResult:
    votes = [counts.get(choice.pk, 0) for choice in choices]
    percents = shares_in_tenths(votes)
    answers = [
        AnswerResult(choice=choice, votes=count, percent=Decimal(tenths) / 10)
        for choice, count, tenths in zip(choices, votes, percents, strict=True)
    ]
    return PollResult(poll=poll, answers=answers, total=sum(votes))


def shares_in_tenths(votes: list[int]) -> list[int]:
    """Each count's share in tenths of a percent, summing to exactly 1000 (largest remainder first).

    Rounding each share on its own can show 33.3 + 33.3 + 33.3 = 99.9 %; this hands the missing tenths to
    the shares that lost most in rounding, so the column always adds up to 100 %.
    """
    total = sum(votes)
    if total == 0:
        return [0] * len(votes)
    floors = [count * 1000 // total for count in votes]
    remainders = [count * 1000 % total for count in votes]
    missing = 1000 - sum(floors)
    by_remainder = sorted(range(len(votes)), key=lambda index: (-remainders[index], index))
    for index in by_remainder[:missing]:
        floors[index] += 1
    return floors


def clean_answers(answers: list[str]) -> list[str]:
    """The answers as written, one per line, without blanks; refuses fewer than two or repeated ones."""
    cleaned = [answer.strip() for answer in answers if answer.strip()]
    if len(cleaned) < 2:
        raise ValidationError(_("Give at least two answers, one per line."))
    if len({answer.casefold() for answer in cleaned}) != len(cleaned):
        raise ValidationError(_("Each answer may appear only once."))
    if any(len(answer) > Choice._meta.get_field("text").max_length for answer in cleaned):
        raise ValidationError(_("An answer may have at most 200 characters."))
    return cleaned


@transaction.atomic
def save_poll(poll: Poll, answers: list[str], *, by) -> Poll:
    """Save the poll and its answers in order; once anyone has voted the answers stay as they are."""
    answers = clean_answers(answers)
    existing = []
    if poll.pk:
        list(Poll.objects.select_for_update().filter(pk=poll.pk).values_list("pk", flat=True))
        existing = list(poll.choices.order_by("position", "id"))
        if [choice.text for choice in existing] != answers and poll.votes.exists():
            raise ValidationError(
                _("The answers cannot change once people have voted. Create a new poll to ask other answers.")
            )
    else:
        poll.created_by = by
    poll.full_clean(exclude=["created_by"])
    poll.save()
    for position, text in enumerate(answers):
        if position < len(existing):
            choice = existing[position]
            if (choice.text, choice.position) != (text, position):
                choice.text, choice.position = text, position
                choice.save()
        else:
            Choice.objects.create(poll=poll, text=text, position=position)
    for choice in existing[len(answers) :]:
        choice.delete()
    return poll
