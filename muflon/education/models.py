"""The educational path: workshop types, their editions and meetings, enrolments, attendance, certificates."""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from muflon.accounts.models import Role
from muflon.core.access import ScopedQuerySet


class WorkshopTypeQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """The catalogue is open to everyone in the partnership."""
        return self.in_partnership_of(user)


class WorkshopType(models.Model):
    """A catalogue entry of the educational path, such as "Building a social cooperative"."""

    class Category(models.TextChoices):
        MOTIVATION = "motivation", _("motivation")
        COMMUNICATION = "communication", _("communication")
        COOPERATIVE = "cooperative", _("building a social cooperative")
        ENTREPRENEURSHIP = "entrepreneurship", _("entrepreneurship")
        VOCATIONAL = "vocational", _("vocational course")
        OTHER = "other", _("other")

    partnership = models.ForeignKey("partnership.Partnership", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    description = models.TextField(_("description"), blank=True)
    hours = models.DecimalField(
        _("hours"), max_digits=5, decimal_places=1, validators=[MinValueValidator(Decimal("0.5"))]
    )
    qualification = models.CharField(_("qualification or skill gained"), max_length=300, blank=True)
    issues_certificate = models.BooleanField(_("a certificate is issued"), default=True)
    completion_threshold = models.PositiveSmallIntegerField(
        _("attendance needed to complete (%)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    path_order = models.PositiveSmallIntegerField(_("place in the educational path"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = WorkshopTypeQuerySet.as_manager()

    class Meta:
        ordering = ["path_order", "name"]
        verbose_name = _("workshop type")
        verbose_name_plural = _("workshop catalogue")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="workshop_type_name_unique"),
            models.CheckConstraint(
                condition=Q(completion_threshold__gte=1, completion_threshold__lte=100),
                name="workshop_type_threshold_range",
            ),
            models.CheckConstraint(condition=Q(hours__gt=0), name="workshop_type_hours_positive"),
        ]

    def __str__(self):
        return self.name


class EditionQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """Coordinators and administrators all; trainers their own and their training firm's; participants open
        ones and their own."""
        editions = self.in_partnership_of(user)
        roles = user.roles if user.is_authenticated else frozenset()
        if roles & {Role.ADMIN, Role.COORDINATOR}:
            return editions
        allowed = Q(pk__in=[])
        if Role.TRAINER in roles:
            allowed |= Q(trainers=user)
            if user.training_firm_id:
                allowed |= Q(organisation_id=user.training_firm_id)
        if Role.PARTICIPANT in roles:
            allowed |= Q(enrolment_open=True) | Q(enrolments__participant__user=user)
        return editions.filter(pk__in=editions.filter(allowed).values("pk"))


class Edition(models.Model):
    """One run of a workshop type: its trainers, place, meetings and places for participants."""

    partnership = models.ForeignKey("partnership.Partnership", on_delete=models.PROTECT, related_name="+")
    workshop_type = models.ForeignKey(
        WorkshopType, on_delete=models.PROTECT, related_name="editions", verbose_name=_("workshop type")
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="editions_trained", verbose_name=_("trainers")
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("training organisation"),
    )
    place = models.CharField(_("place"), max_length=200)
    address = models.CharField(_("address"), max_length=300)
    gmina = models.ForeignKey("region.Gmina", on_delete=models.PROTECT, related_name="+", verbose_name=_("gmina"))
    step_free = models.BooleanField(_("step-free access"), default=False)
    capacity = models.PositiveSmallIntegerField(_("places"), validators=[MinValueValidator(1)])
    enrolled_count = models.PositiveSmallIntegerField(default=0, editable=False)
    enrolment_open = models.BooleanField(_("enrolment open"), default=True)
    starts_on = models.DateField(_("first day"), null=True, editable=False)
    ends_on = models.DateField(_("last day"), null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "id"]
        verbose_name = _("workshop edition")
        verbose_name_plural = _("workshop editions")
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="edition_capacity_positive"),
            # The seat counter can never pass the capacity, whatever the code does.
            models.CheckConstraint(condition=Q(enrolled_count__lte=F("capacity")), name="edition_not_overbooked"),
        ]
        indexes = [models.Index(fields=["partnership", "starts_on"], name="edition_by_date")]

    def __str__(self):
        start = f" ({self.starts_on:%d.%m.%Y})" if self.starts_on else ""
        return f"{self.workshop_type.name}{start}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("education:edition", args=[self.pk])

    def is_full(self) -> bool:
        return self.enrolled_count >= self.capacity

    def is_planned_by(self, user) -> bool:
        """Coordinators and administrators plan every edition; a training firm's trainers their firm's editions."""
        if user.partnership_id != self.partnership_id:
            return False
        if user.has_role(Role.ADMIN, Role.COORDINATOR):
            return True
        return user.training_firm_id is not None and self.organisation_id == user.training_firm_id


def plans_editions(user) -> bool:
    """Who may create editions: coordinators, administrators and the trainers of a training firm."""
    return user.has_role(Role.ADMIN, Role.COORDINATOR) or user.training_firm_id is not None


class Meeting(models.Model):
    """One date of an edition."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    room = models.CharField(_("room"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_start"),
        ]
        indexes = [models.Index(fields=["starts_at", "ends_at"], name="meeting_by_time")]

    def __str__(self):
        # Local time: the string ends up in messages ("busy then: ..."), which people read in Warsaw time.
        return f"{self.edition.workshop_type.name}, {timezone.localtime(self.starts_at):%d.%m.%Y %H:%M}"

    @property
    def audit_partnership_id(self):
        return self.edition.partnership_id

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A meeting must end after it starts.")})

    def has_started(self, now=None) -> bool:
        """Whether the meeting has begun by `now` (this moment by default). Both are aware datetimes, so the
        comparison holds in any time zone; a meeting starting exactly now has started."""
        return self.starts_at <= (now or timezone.now())


class EnrolmentQuerySet(ScopedQuerySet):
    partnership_path = "edition__partnership"

    def visible_to(self, user):
        """Coordinators and administrators all; a trainer their editions' (and their firm's editions') people; a
        participant their own."""
        enrolments = self.in_partnership_of(user)
        if not user.is_authenticated or user.has_role(Role.ADMIN, Role.COORDINATOR):
            return enrolments
        allowed = Q(pk__in=[])
        if user.has_role(Role.TRAINER):
            allowed |= Q(edition__trainers=user)
            if user.training_firm_id:
                allowed |= Q(edition__organisation_id=user.training_firm_id)
        if user.has_role(Role.PARTICIPANT):
            allowed |= Q(participant__user=user)
        return enrolments.filter(pk__in=enrolments.filter(allowed).values("pk"))


class Enrolment(models.Model):
    """A participant's place in an edition, or their place on its waiting list."""

    class Status(models.TextChoices):
        ENROLLED = "enrolled", _("enrolled")
        WAITING = "waiting", _("on the waiting list")
        WITHDRAWN = "withdrawn", _("withdrawn")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="enrolments")
    participant = models.ForeignKey(
        "people.Participant", on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("participant")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    queued_at = models.DateTimeField(_("signed up"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    completed = models.BooleanField(_("completed"), null=True, blank=True)
    completion_overridden = models.BooleanField(default=False)
    override_reason = models.CharField(_("reason for the decision"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        ordering = ["edition", "queued_at", "id"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "participant"],
                condition=Q(status__in=["enrolled", "waiting"]),
                name="one_live_enrolment_per_edition",
            ),
            models.CheckConstraint(
                condition=Q(completion_overridden=False) | ~Q(override_reason=""), name="override_has_reason"
            ),
        ]
        indexes = [models.Index(fields=["edition", "status", "queued_at"], name="enrolment_queue")]

    def __str__(self):
        return f"{self.participant} – {self.edition}"

    @property
    def audit_partnership_id(self):
        return self.edition.partnership_id


class Attendance(models.Model):
    """Whether an enrolled participant came to one meeting."""

    class Status(models.TextChoices):
        PRESENT = "present", _("present")
        ABSENT = "absent", _("absent")
        EXCUSED = "excused", _("excused")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendance")
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices)
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["meeting", "enrolment"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["meeting", "enrolment"], name="attendance_once_per_meeting")]

    def __str__(self):
        return f"{self.enrolment.participant}: {self.get_status_display()}"

    @property
    def audit_partnership_id(self):
        return self.meeting.edition.partnership_id


def certificate_code() -> str:
    return secrets.token_urlsafe(12)


class Certificate(models.Model):
    """Proof of completion with a unique number and a code for public verification."""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.PROTECT, related_name="certificate")
    number = models.CharField(_("number"), max_length=30, unique=True)
    code = models.CharField(max_length=32, unique=True, default=certificate_code, editable=False)
    issued_on = models.DateField(_("issued on"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-issued_on", "number"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self):
        return self.number

    @property
    def audit_partnership_id(self):
        return self.enrolment.edition.partnership_id


class PlanItemWorkshop(models.Model):
    """The workshop whose completion fulfils a support plan item (people's plans know no workshops)."""

    plan_item = models.OneToOneField("people.PlanItem", on_delete=models.CASCADE, related_name="workshop_link")
    workshop_type = models.ForeignKey(
        WorkshopType, on_delete=models.PROTECT, related_name="plan_item_links", verbose_name=_("workshop")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("workshop of a plan item")
        verbose_name_plural = _("workshops of plan items")

    def __str__(self):
        return str(self.workshop_type)

    @property
    def audit_partnership_id(self):
        return self.workshop_type.partnership_id


class Feedback(models.Model):
    """A participant's rating of an edition after it ended."""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="feedback")
    rating = models.PositiveSmallIntegerField(_("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="feedback_rating_range")]

    def __str__(self):
        return f"{self.rating}/5"

    @property
    def audit_partnership_id(self):
        return self.enrolment.edition.partnership_id


def calendar_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """The secret address of a user's personal iCalendar feed."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=calendar_token)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["user_id"]
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(self.user)
