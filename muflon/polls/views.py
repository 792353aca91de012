"""Pages of the poll: the current poll, a poll's page with its vote and results, the archive, and staff management."""

import secrets

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_POST, require_safe

from muflon.accounts.access import role_required
from muflon.accounts.models import MANAGERS
from muflon.core.access import get_visible_or_404
from muflon.core.addresses import client_address
from muflon.core.forms import add_validation_error
from muflon.core.paging import page_without_count
from muflon.partnership.sites import partnership_for
from muflon.polls import services
from muflon.polls.forms import PollForm, VoteForm
from muflon.polls.models import Poll

VOTER_COOKIE = "muflon_voter"
VOTER_COOKIE_SALT = "muflon.polls.voter"
VOTER_COOKIE_AGE = 2 * 365 * 24 * 60 * 60


def voter_token(request) -> str | None:
    """The browser's voter token from its signed cookie; None when missing or tampered with."""
    return request.get_signed_cookie(VOTER_COOKIE, default=None, salt=VOTER_COOKIE_SALT)


def give_voter_token(request, response):
    """A browser without a token gets one, so that its vote can be recognised when it comes back."""
    if voter_token(request) is None:
        response.set_signed_cookie(
            VOTER_COOKIE,
            secrets.token_urlsafe(24),
            salt=VOTER_COOKIE_SALT,
            max_age=VOTER_COOKIE_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


def public_poll_or_404(request, pk) -> Poll:
    """A poll of this site's partnership; another partnership's poll is not found here."""
    try:
        return Poll.objects.on_site_of(partnership_for(request)).get(pk=pk)
    except (Poll.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def poll_page(request, poll, *, form=None, refusal=None, status=200, is_current=False):
    """A poll's page: the vote while it is open and this person has not voted, the results after."""
    now = timezone.now()
    voted = services.has_voted(poll, user=request.user, voter_token=voter_token(request))
    can_vote = poll.is_open(now) and not voted
    show_results = voted or poll.has_closed(now)
    context = {
        "poll": poll,
        "is_current": is_current,
        "has_voted": voted,
        "form": (form or VoteForm(poll=poll)) if can_vote else None,
        "result": services.results(poll) if show_results else None,
        "not_open_yet": poll.has_not_opened(now),
        "is_closed": poll.has_closed(now),
        "refusal": refusal,
    }
    response = render(request, "polls/poll_detail.html", context, status=status)
    return give_voter_token(request, response) if can_vote else response


@never_cache
@require_safe
def current(request):
    partnership = partnership_for(request)
    poll = services.current_poll(partnership)
    if poll is None:
        last_closed = Poll.objects.on_site_of(partnership).closed_at(timezone.now()).order_by("-closes_at").first()
        return render(request, "polls/no_poll.html", {"last_closed": last_closed})
    return poll_page(request, poll, is_current=True)


@never_cache
@require_safe
def detail(request, pk):
    poll = public_poll_or_404(request, pk)
    return poll_page(request, poll, is_current=poll == services.current_poll(poll.partnership))


@never_cache
@require_POST
def vote(request, pk):
    poll = public_poll_or_404(request, pk)
    is_current = poll == services.current_poll(poll.partnership)
    form = VoteForm(request.POST, poll=poll)
    if not form.is_valid():
        return poll_page(request, poll, form=form, is_current=is_current)
    try:
        services.cast_vote(
            poll,
            form.cleaned_data["choice"],
            user=request.user,
            voter_token=voter_token(request),
            address=client_address(request),
        )
    except services.VoteRefused as refusal:
        return poll_page(request, poll, refusal=refusal.message, status=refusal.status, is_current=is_current)
    messages.success(request, _("Thank you: your vote was counted."))
    return redirect("polls:current" if is_current else poll)


@cache_control(private=True, max_age=300)
@require_safe
def archive(request):
    partnership = partnership_for(request)
    polls = Poll.objects.on_site_of(partnership).closed_at(timezone.now()).order_by("-closes_at", "-id")
    page = page_without_count(polls, request.GET.get("page"), per_page=10)
    results = services.results_of(page.rows)
    return render(request, "polls/archive.html", {"page": page, "results": [results[poll.pk] for poll in page.rows]})


@never_cache
@role_required(*MANAGERS)
def manage(request):
    polls = Poll.objects.visible_to(request.user).annotate(vote_count=Count("votes"))
    page = page_without_count(polls, request.GET.get("page"), per_page=50)
    return render(request, "polls/manage_list.html", {"page": page, "now": timezone.now()})


@role_required(*MANAGERS)
def create(request):
    form = PollForm(request.POST or None, partnership=request.user.partnership)
    if request.method == "POST" and form.is_valid() and save_form(form, request.user):
        messages.success(request, _("The poll was saved."))
        return redirect("polls:manage")
    return render(request, "polls/poll_form.html", {"form": form})


@role_required(*MANAGERS)
def edit(request, pk):
    poll = get_visible_or_404(Poll.objects, request.user, pk=pk)
    vote_count = poll.votes.count()
    form = PollForm(request.POST or None, instance=poll, partnership=request.user.partnership, vote_count=vote_count)
    if request.method == "POST" and form.is_valid() and save_form(form, request.user):
        messages.success(request, _("The changes were saved."))
        return redirect("polls:manage")
    return render(request, "polls/poll_form.html", {"form": form, "poll": poll, "vote_count": vote_count})


def save_form(form, user) -> bool:
    """Save through the service; its refusal (answers after votes, too few answers) lands at the answers."""
    try:
        services.save_poll(form.instance, form.answer_lines(), by=user)
    except ValidationError as error:
        add_validation_error(form, error, field="answers")
        return False
    return True
