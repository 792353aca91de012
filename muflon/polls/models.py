"""The public poll (sonda): a partnership's questions, their ordered choices and the votes cast on them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from muflon.accounts.models import MANAGERS
from muflon.core.access import ScopedQuerySet


class PollQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """Staff management: administrators and coordinators see their partnership's polls, drafts included."""
        if not getattr(user, "is_authenticated", False) or not user.has_role(*MANAGERS):
            return self.none()
        return self.in_partnership_of(user)

    def on_site_of(self, partnership):
        """What the partnership's public site may show: its own polls, never another partnership's."""
        return self.filter(partnership=partnership)

    def open_at(self, moment):
        return self.filter(opens_at__lte=moment, closes_at__gt=moment)

    def closed_at(self, moment):
        return self.filter(closes_at__lte=moment)


class Poll(models.Model):
    """A question asked on the public site between two moments; one vote per person."""

    partnership = models.ForeignKey("partnership.Partnership", on_delete=models.PROTECT, related_name="+")
    question = models.CharField(_("question"), max_length=300)
    opens_at = models.DateTimeField(_("open from"))
    closes_at = models.DateTimeField(_("open until"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PollQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_at", "-id"]
        verbose_name = _("poll")
        verbose_name_plural = _("polls")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")),
                name="poll_closes_after_opening",
                violation_error_message=_("The poll must close after it opens."),
            ),
        ]
        indexes = [models.Index(fields=["partnership", "opens_at", "closes_at"], name="poll_site_dates")]

    def __str__(self):
        return self.question

    def get_absolute_url(self):
        return reverse("polls:detail", args=[self.pk])

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The poll must close after it opens.")})

    def is_open(self, moment=None) -> bool:
        moment = moment or timezone.now()
        return self.opens_at <= moment < self.closes_at

    def has_closed(self, moment=None) -> bool:
        return (moment or timezone.now()) >= self.closes_at

    def has_not_opened(self, moment=None) -> bool:
        return (moment or timezone.now()) < self.opens_at


class Choice(models.Model):
    """One answer a voter may pick; `position` orders the answers as the staff wrote them."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="choices", verbose_name=_("poll"))
    text = models.CharField(_("answer"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["poll", "position", "id"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self):
        return self.text

    @property
    def audit_partnership_id(self):
        return self.poll.partnership_id


class Vote(models.Model):
    """One person's vote: by account when logged in, otherwise by the browser's voter token.

    The unique constraints are what refuse a second vote, also when two arrive at the same moment. The
    network address is kept only as an HMAC, enough to count votes per address and no more.
    """

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="votes")
    choice = models.ForeignKey(Choice, on_delete=models.PROTECT, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True)
    voter_token = models.CharField(max_length=64, null=True, blank=True)
    address_hmac = models.CharField(max_length=64)
    cast_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["cast_at", "id"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(
                fields=["poll", "user"], condition=Q(user__isnull=False), name="vote_one_per_account"
            ),
            models.UniqueConstraint(
                fields=["poll", "voter_token"], condition=Q(voter_token__isnull=False), name="vote_one_per_browser"
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | Q(voter_token__isnull=False), name="vote_has_a_voter"
            ),
        ]
        indexes = [
            # Results: COUNT ... GROUP BY choice reads this index only.
            models.Index(fields=["poll", "choice"], name="vote_results"),
            # The per-address limit counts the last hour's votes of one address.
            models.Index(fields=["poll", "address_hmac", "cast_at"], name="vote_per_address"),
        ]

    def __str__(self):
        return f"{self.poll_id}: {self.choice_id}"
