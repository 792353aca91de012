"""Barrier support: counselling clients, sessions, encrypted confidential notes, self-help groups, dependant care."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from muflon.care import encryption
from muflon.care.access import is_counsellor, manages_care
from muflon.core.access import ScopedQuerySet


class CounsellingClientQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """Coordinators and administrators all clients of the partnership; a counsellor their own clients."""
        clients = self.in_partnership_of(user)
        if manages_care(user):
            return clients
        if is_counsellor(user):
            return clients.filter(counsellor=user)
        return clients.none()


class CounsellingClient(models.Model):
    """A participant referred to psychological or therapeutic support, with the counsellor now responsible.

    The counsellor changes only by an explicit hand-over (`CounsellingHandover`). Whoever is the client's
    counsellor now reads all the client's notes; a counsellor who handed the client over no longer does.
    """

    class Kind(models.TextChoices):
        PSYCHOLOGICAL = "psychological", _("psychological support")
        THERAPEUTIC = "therapeutic", _("therapeutic support")

    partnership = models.ForeignKey(
        "partnership.Partnership", on_delete=models.PROTECT, related_name="+", verbose_name=_("partnership")
    )
    participant = models.ForeignKey(
        "people.Participant", on_delete=models.CASCADE, related_name="counselling", verbose_name=_("participant")
    )
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="counselling_clients",
        verbose_name=_("counsellor"),
    )
    kind = models.CharField(_("kind of support"), max_length=20, choices=Kind.choices)
    referred_on = models.DateField(_("referred on"))
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("referred by"),
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CounsellingClientQuerySet.as_manager()

    class Meta:
        ordering = ["-referred_on", "-id"]
        verbose_name = _("counselling client")
        verbose_name_plural = _("counselling clients")
        constraints = [
            models.UniqueConstraint(
                fields=["participant"], condition=Q(ended_on__isnull=True), name="one_open_counselling"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("referred_on")),
                name="counselling_ends_after_referral",
            ),
        ]
        indexes = [models.Index(fields=["partnership", "counsellor", "ended_on"], name="counselling_by_counsellor")]

    def __str__(self):
        return _("Counselling of %(name)s") % {"name": self.participant}

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("care:client", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.ended_on is None


class SessionQuerySet(ScopedQuerySet):
    partnership_path = "client__partnership"

    def visible_to(self, user):
        """That a session took place (date, length, form): coordinators and administrators all, a counsellor
        their clients'."""
        sessions = self.in_partnership_of(user)
        if manages_care(user):
            return sessions
        if is_counsellor(user):
            return sessions.filter(client__counsellor=user)
        return sessions.none()


class CounsellingSession(models.Model):
    """One session with a client; its summary is not confidential ("session held"), the notes are."""

    class Form(models.TextChoices):
        INDIVIDUAL = "individual", _("individual psychological")
        THERAPEUTIC = "therapeutic", _("therapeutic")
        GROUP = "group", _("group")
        CRISIS = "crisis", _("crisis intervention")

    client = models.ForeignKey(CounsellingClient, on_delete=models.CASCADE, related_name="sessions")
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("counsellor")
    )
    held_on = models.DateField(_("date"))
    minutes = models.PositiveSmallIntegerField(
        _("length in minutes"), validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    form = models.CharField(_("form"), max_length=20, choices=Form.choices)
    summary = models.CharField(
        _("summary (not confidential)"),
        max_length=200,
        help_text=_("What others may read, such as “session held”. Keep everything personal for a confidential note."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("counselling session")
        verbose_name_plural = _("counselling sessions")
        constraints = [
            models.CheckConstraint(condition=Q(minutes__gt=0, minutes__lte=600), name="session_length_positive"),
        ]
        indexes = [models.Index(fields=["client", "held_on"], name="session_by_client")]

    def __str__(self):
        return f"{self.get_form_display()}, {self.held_on:%d.%m.%Y}"

    @property
    def audit_partnership_id(self):
        return self.client.partnership_id

    def clean(self):
        if self.held_on and self.held_on > timezone.localdate():
            raise ValidationError({"held_on": _("A session cannot be recorded before it takes place.")})


class ConfidentialNoteQuerySet(ScopedQuerySet):
    partnership_path = "client__partnership"

    def visible_to(self, user):
        """Only the client's counsellor, never coordinators or administrators (even one who is also a counsellor
        sees only the notes of their own clients)."""
        if not is_counsellor(user):
            return self.none()
        return self.in_partnership_of(user).filter(client__counsellor=user)


class ConfidentialNote(models.Model):
    """A counsellor's own note about a client, stored only encrypted (see `encryption`).

    Its text is never a model field: `set_text` encrypts, `read_text` decrypts, and views that call it
    write the read to the audit log. `__str__` says nothing of the content.
    """

    client = models.ForeignKey(CounsellingClient, on_delete=models.CASCADE, related_name="notes")
    session = models.ForeignKey(
        CounsellingSession,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notes",
        verbose_name=_("session"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author")
    )
    ciphertext = models.TextField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ConfidentialNoteQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("confidential note")
        verbose_name_plural = _("confidential notes")

    def __str__(self):
        return _("Confidential note no. %(number)s") % {"number": self.pk}

    @property
    def audit_partnership_id(self):
        return self.client.partnership_id

    def set_text(self, text: str) -> None:
        self.ciphertext = encryption.encrypt(text)

    def read_text(self) -> str:
        return encryption.decrypt(self.ciphertext)


class CounsellingHandover(models.Model):
    """The explicit, logged move of a client to another counsellor, who from then on reads the notes."""

    client = models.ForeignKey(CounsellingClient, on_delete=models.CASCADE, related_name="handovers")
    from_counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=pgettext_lazy("hand-over", "from"),
    )
    to_counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=pgettext_lazy("hand-over", "to"),
    )
    handed_over_on = models.DateField(_("date"))
    reason = models.CharField(_("reason (not confidential)"), max_length=300)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["client", "handed_over_on", "id"]
        verbose_name = _("hand-over")
        verbose_name_plural = _("hand-overs")
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_counsellor=F("to_counsellor")), name="handover_to_another_counsellor"
            ),
        ]

    def __str__(self):
        return f"{self.from_counsellor} → {self.to_counsellor} ({self.handed_over_on:%d.%m.%Y})"

    @property
    def audit_partnership_id(self):
        return self.client.partnership_id


class SelfHelpGroupQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """Coordinators and administrators all groups; a counsellor the groups they facilitate."""
        groups = self.in_partnership_of(user)
        if manages_care(user):
            return groups
        if is_counsellor(user):
            return groups.filter(facilitator=user)
        return groups.none()


class SelfHelpGroup(models.Model):
    """A self-help group; the aim is one that carries on without a facilitator."""

    class Status(models.TextChoices):
        STARTING = "starting", _("starting")
        FACILITATED = "facilitated", _("facilitated")
        SELF_RUNNING = "self_running", _("self-running")
        CLOSED = "closed", _("closed")

    partnership = models.ForeignKey(
        "partnership.Partnership", on_delete=models.PROTECT, related_name="+", verbose_name=_("partnership")
    )
    topic = models.CharField(_("topic"), max_length=200)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="facilitated_groups",
        verbose_name=_("facilitator"),
    )
    place = models.CharField(_("place"), max_length=200)
    schedule = models.CharField(
        _("schedule"), max_length=200, help_text=_("For example: every second Tuesday, 17:00–18:30.")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.STARTING)
    started_on = models.DateField(_("started on"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SelfHelpGroupQuerySet.as_manager()

    class Meta:
        ordering = ["topic", "id"]
        verbose_name = _("self-help group")
        verbose_name_plural = _("self-help groups")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["starting", "facilitated", "self_running", "closed"]),
                name="self_help_group_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="facilitated") | Q(facilitator__isnull=False), name="facilitated_has_facilitator"
            ),
        ]

    def __str__(self):
        return self.topic

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("care:group", args=[self.pk])

    def clean(self):
        if self.status == self.Status.FACILITATED and not self.facilitator_id:
            raise ValidationError({"facilitator": _("A facilitated group needs its facilitator.")})


class GroupMember(models.Model):
    """A participant's membership of a self-help group, from joining until leaving."""

    group = models.ForeignKey(SelfHelpGroup, on_delete=models.CASCADE, related_name="members")
    participant = models.ForeignKey(
        "people.Participant", on_delete=models.CASCADE, related_name="self_help_groups", verbose_name=_("participant")
    )
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["group", "joined_on", "id"]
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "participant"], condition=Q(left_on__isnull=True), name="one_live_group_membership"
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")), name="member_leaves_after_joining"
            ),
        ]

    def __str__(self):
        return f"{self.participant} – {self.group}"

    @property
    def audit_partnership_id(self):
        return self.group.partnership_id


class GroupMeeting(models.Model):
    """One meeting of a self-help group."""

    group = models.ForeignKey(SelfHelpGroup, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    topic = models.CharField(_("topic of the meeting"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("group meeting")
        verbose_name_plural = _("group meetings")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="group_meeting_ends_after_start"),
        ]
        indexes = [models.Index(fields=["group", "starts_at"], name="group_meeting_by_time")]

    def __str__(self):
        return f"{self.group.topic}, {timezone.localtime(self.starts_at):%d.%m.%Y %H:%M}"

    @property
    def audit_partnership_id(self):
        return self.group.partnership_id

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A meeting must end after it starts.")})

    def has_started(self, now=None) -> bool:
        """Whether the meeting has begun by `now` (this moment by default). The start is stored as one aware
        moment (the form joins the local day and time), so the comparison holds in any time zone; a meeting
        starting exactly now has started."""
        return self.starts_at <= (now or timezone.now())


class GroupAttendance(models.Model):
    """Whether a member came to one meeting."""

    meeting = models.ForeignKey(GroupMeeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(GroupMember, on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField(_("present"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["meeting", "member"]
        verbose_name = _("group attendance")
        verbose_name_plural = _("group attendance")
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="group_attendance_once")]

    def __str__(self):
        return f"{self.member.participant}: {self.present}"

    @property
    def audit_partnership_id(self):
        return self.meeting.group.partnership_id


class DependantCareQuerySet(ScopedQuerySet):
    """Dependants and their care: coordinators and administrators all, a counsellor those of open clients."""

    client_path = "participant"

    def visible_to(self, user):
        rows = self.in_partnership_of(user)
        if manages_care(user):
            return rows
        if is_counsellor(user):
            clients = CounsellingClient.objects.filter(counsellor=user, ended_on__isnull=True)
            return rows.filter(**{f"{self.client_path}__in": clients.values("participant")})
        return rows.none()


class DependantQuerySet(DependantCareQuerySet):
    partnership_path = "participant__partnership"


class CareArrangementQuerySet(DependantCareQuerySet):
    partnership_path = "dependant__participant__partnership"
    client_path = "dependant__participant"


class Dependant(models.Model):
    """A person a participant cares for, whose care must be arranged so that the participant can take part."""

    class Kind(models.TextChoices):
        CHILD_UNDER_7 = "child_under_7", _("child under 7")
        CHILD_7_15 = "child_7_15", _("child aged 7–15")
        OLDER_PERSON = "older_person", _("older person")
        DISABLED_ADULT = "disabled_adult", _("disabled adult")

    participant = models.ForeignKey(
        "people.Participant", on_delete=models.CASCADE, related_name="dependants", verbose_name=_("participant")
    )
    kind = models.CharField(_("who"), max_length=20, choices=Kind.choices)
    name = models.CharField(
        _("first name or description"), max_length=100, help_text=_("Enough to tell dependants apart, e.g. “Zosia”.")
    )
    care_needs = models.TextField(_("care needs"), blank=True)
    needs_care = models.BooleanField(
        _("needs care while the participant takes part"),
        default=True,
        help_text=_("Untick for a dependant who can stay alone; they then never appear as lacking care."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DependantQuerySet.as_manager()

    class Meta:
        ordering = ["participant", "kind", "id"]
        verbose_name = _("dependant")
        verbose_name_plural = _("dependants")

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"

    @property
    def audit_partnership_id(self):
        return self.participant.partnership_id


class CareArrangement(models.Model):
    """Who looks after a dependant in a period, at what cost and paid by whom, and what it makes possible.

    Arrangements of one dependant never overlap: the model refuses it, the service checks it under a lock,
    and the database refuses it too (a trigger on SQLite, an exclusion constraint on PostgreSQL).
    """

    class Provider(models.TextChoices):
        NURSERY = "nursery", _("nursery")
        KINDERGARTEN = "kindergarten", _("kindergarten")
        CARE_ORGANISATION = "care_organisation", _("care organisation")
        PAID_CARER = "paid_carer", _("paid carer")
        FAMILY = "family", _("family")

    class Payer(models.TextChoices):
        PARTICIPANT = "participant", _("the participant or family")
        PROJECT = "project", _("the partnership's project")
        SOCIAL_WELFARE = "social_welfare", _("social welfare or the gmina")
        EMPLOYER = "employer", _("employer or cooperative")
        NOBODY = "nobody", _("free of charge")

    dependant = models.ForeignKey(Dependant, on_delete=models.CASCADE, related_name="arrangements")
    provider = models.CharField(_("provider"), max_length=20, choices=Provider.choices)
    provider_name = models.CharField(_("name of the provider"), max_length=200, blank=True)
    starts_on = models.DateField(pgettext_lazy("period", "from"))
    ends_on = models.DateField(_("until"), null=True, blank=True, help_text=_("Leave empty while it goes on."))
    hours_per_week = models.DecimalField(
        _("hours a week"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(168)],
    )
    monthly_cost = models.DecimalField(
        _("cost a month (PLN)"), max_digits=9, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )
    paid_by = models.CharField(_("paid by"), max_length=20, choices=Payer.choices)
    editions = models.ManyToManyField(
        "education.Edition", blank=True, related_name="care_arrangements", verbose_name=_("workshops it makes possible")
    )
    groups = models.ManyToManyField(
        SelfHelpGroup,
        blank=True,
        related_name="care_arrangements",
        verbose_name=_("self-help groups it makes possible"),
    )
    other_activity = models.CharField(
        _("other activity it makes possible"),
        max_length=200,
        blank=True,
        help_text=_("For example: work in the cooperative."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CareArrangementQuerySet.as_manager()

    class Meta:
        ordering = ["dependant", "starts_on", "id"]
        verbose_name = _("care arrangement")
        verbose_name_plural = _("care arrangements")
        constraints = [
            models.CheckConstraint(condition=Q(monthly_cost__gte=0), name="care_cost_not_negative"),
            models.CheckConstraint(condition=Q(hours_per_week__gt=0), name="care_hours_positive"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")), name="care_period_in_order"
            ),
        ]
        indexes = [models.Index(fields=["dependant", "starts_on", "ends_on"], name="care_by_period")]

    def __str__(self):
        return f"{self.get_provider_display()}: {self.dependant.name}, {self.period_display()}"

    @property
    def audit_partnership_id(self):
        return self.dependant.participant.partnership_id

    def period_display(self) -> str:
        end = f"{self.ends_on:%d.%m.%Y}" if self.ends_on else "…"
        return f"{self.starts_on:%d.%m.%Y} – {end}"

    def covers(self, day: datetime.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)

    def overlapping(self):
        """Other arrangements of the same dependant whose period meets this one's."""
        others = CareArrangement.objects.filter(dependant_id=self.dependant_id).exclude(pk=self.pk)
        if self.ends_on is not None:
            others = others.filter(starts_on__lte=self.ends_on)
        return others.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=self.starts_on))

    def clean(self):
        errors = {}
        if self.monthly_cost is not None and self.monthly_cost < 0:
            errors["monthly_cost"] = _("The cost cannot be negative.")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The end of the period is before its start.")
        elif self.starts_on and self.dependant_id:
            clash = self.overlapping().first()
            if clash is not None:
                errors["starts_on"] = _(
                    "This period overlaps another arrangement for the same person (%(other)s): "
                    "end that one first or choose other dates."
                ) % {"other": f"{clash.get_provider_display()}, {clash.period_display()}"}
        if errors:
            raise ValidationError(errors)
