"""Participants and everything on their path: eligibility, referral, consents, diagnosis, plan, stages."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from muflon.accounts.models import Role
from muflon.core.access import ScopedQuerySet
from muflon.people.identity import birth_date_and_sex_from_pesel, name_key
from muflon.people.path import ExitReason, Stage
from muflon.people.visibility import visibility_rules

PARTICIPANT_PATH = "participant__partnership"


class ExclusionCategory(models.Model):
    """A legal ground on which a person may found or join a social cooperative as an excluded person.

    Reference data with validity dates: when the act changes, new rows are added; old cases keep
    the grounds valid on their date.
    """

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name_pl = models.CharField(_("name (Polish)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300)
    legal_basis = models.CharField(_("legal basis"), max_length=200)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    special_category = models.BooleanField(
        _("special-category data"), default=False, help_text=_("Touches health or criminal records (GDPR art. 9–10).")
    )
    sort = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort", "code"]
        verbose_name = _("exclusion category")
        verbose_name_plural = _("exclusion categories")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="exclusion_category_dates_in_order",
            ),
        ]

    # How an option names a legal ground (`core.widgets.FetchedChoiceIterator`), read as plain values.
    CHOICE_FIELDS = ("name_pl", "name_en")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.choice_label({"name_pl": self.name_pl, "name_en": self.name_en})

    @staticmethod
    def choice_label(values) -> str:
        return values["name_en"] if (get_language() or "pl").startswith("en") else values["name_pl"]

    def is_valid_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


def sees_everyone(user) -> bool:
    """Coordinators and administrators see every participant of their partnership."""
    return user.is_authenticated and bool(user.roles & {Role.ADMIN, Role.COORDINATOR})


class ParticipantQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """The partnership first; then coordinators and administrators all, others only their people."""
        people = self.in_partnership_of(user)
        if sees_everyone(user):
            return people
        roles = user.roles if user.is_authenticated else frozenset()
        allowed = Q(pk__in=[])
        if Role.ADVISOR in roles or Role.COUNSELLOR in roles:
            allowed |= Q(case_worker=user) | Q(plans__items__responsible=user)
        if Role.PARTNER in roles and user.organisation_id:
            allowed |= Q(
                referrals__organisation_id=user.organisation_id,
                consents__purpose=Consent.Purpose.SHARE_WITH_REFERRER,
                consents__withdrawn_on__isnull=True,
            )
        if Role.PARTICIPANT in roles:
            allowed |= Q(user=user)
        for rule in visibility_rules():
            extra = rule(user, roles)
            if extra is not None:
                allowed |= extra
        return people.filter(pk__in=people.filter(allowed).values("pk"))


class Participant(models.Model):
    """A person supported by the partnership on their way to work."""

    class Sex(models.TextChoices):
        FEMALE = "F", _("woman")
        MALE = "M", _("man")

    class DocumentType(models.TextChoices):
        ID_CARD = "id_card", _("identity card")
        PASSPORT = "passport", _("passport")
        RESIDENCE_CARD = "residence_card", _("residence card")
        OTHER = "other", _("other document")

    class Education(models.TextChoices):
        ISCED_0 = "isced0", _("below primary (ISCED 0)")
        ISCED_1 = "isced1", _("primary (ISCED 1)")
        ISCED_2 = "isced2", _("lower secondary (ISCED 2)")
        ISCED_3 = "isced3", _("upper secondary (ISCED 3)")
        ISCED_4 = "isced4", _("post-secondary (ISCED 4)")
        ISCED_5_8 = "isced5_8", _("tertiary (ISCED 5–8)")

    class LabourStatus(models.TextChoices):
        REGISTERED_UNEMPLOYED = "registered_unemployed", _("registered unemployed")
        JOB_SEEKER = "job_seeker", _("registered job seeker")
        INACTIVE = "inactive", _("economically inactive")
        EMPLOYED = "employed", _("employed")

    partnership = models.ForeignKey(
        "partnership.Partnership", on_delete=models.PROTECT, related_name="participants", verbose_name=_("partnership")
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("surname"), max_length=100)
    name_key = models.CharField(max_length=210, editable=False, db_index=False)
    pesel = models.CharField(_("PESEL"), max_length=11, blank=True)
    document_type = models.CharField(_("document type"), max_length=20, choices=DocumentType.choices, blank=True)
    document_number = models.CharField(_("document number"), max_length=30, blank=True)
    birth_date = models.DateField(_("date of birth"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=6, blank=True)
    city = models.CharField(_("town"), max_length=100, blank=True)
    gmina = models.ForeignKey(
        "region.Gmina", on_delete=models.PROTECT, related_name="+", verbose_name=_("gmina of residence")
    )
    education = models.CharField(_("education"), max_length=10, choices=Education.choices)
    labour_status = models.CharField(_("labour-market status"), max_length=30, choices=LabourStatus.choices)
    unemployed_since = models.DateField(_("registered unemployed since"), null=True, blank=True)
    long_term_unemployed = models.BooleanField(
        _("long-term unemployed"),
        default=False,
        help_text=_("Registered as unemployed for more than 12 months in total within the last 2 years."),
    )
    stage = models.CharField(_("stage"), max_length=30, choices=Stage.choices, default=Stage.RECRUITED)
    stage_since = models.DateField(_("in this stage since"), default=timezone.localdate)
    joined_on = models.DateField(_("start of participation"), default=timezone.localdate)
    case_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="case_load",
        verbose_name=_("staff member responsible"),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participant",
        verbose_name=_("login account"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["name_key", "id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "pesel"], condition=~Q(pesel=""), name="participant_pesel_unique"
            ),
            models.CheckConstraint(
                condition=~Q(pesel="") | (~Q(document_type="") & ~Q(document_number="")),
                name="participant_identified",
            ),
            models.CheckConstraint(condition=Q(sex__in=["F", "M"]), name="participant_sex_valid"),
            models.CheckConstraint(condition=Q(stage__in=Stage.values), name="participant_stage_valid"),
        ]
        indexes = [
            models.Index(fields=["partnership", "name_key", "id"], name="participant_by_name"),
            # Also covers the dashboard's counts by stage and sex (an index-only scan).
            models.Index(fields=["partnership", "stage", "sex"], name="participant_by_stage_sex"),
            models.Index(fields=["partnership", "sex"], name="participant_by_sex"),
            models.Index(fields=["partnership", "gmina"], name="participant_by_gmina"),
            # The latest change of a partnership's people: the dashboard's figures are cached until it moves.
            models.Index(fields=["partnership", "updated_at"], name="participant_by_change"),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    def save(self, *args, **kwargs):
        self.name_key = name_key(self.last_name, self.first_name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("people:detail", args=[self.pk])

    def clean(self):
        errors = {}
        today = timezone.localdate()
        if self.pesel:
            derived = birth_date_and_sex_from_pesel(self.pesel)
            if derived is None:
                errors["pesel"] = _("This PESEL is not valid: check the digits (the check digit does not match).")
            else:
                birth_date, sex = derived
                if self.birth_date and self.birth_date != birth_date:
                    errors["birth_date"] = _("The date of birth does not match the PESEL (%(date)s).") % {
                        "date": birth_date.strftime("%d.%m.%Y")
                    }
                if self.sex and self.sex != sex:
                    errors["sex"] = _("The sex does not match the PESEL.")
        elif not (self.document_type and self.document_number):
            errors["pesel"] = _("Give the PESEL or, for a person without one, a document type and number.")
        if self.birth_date and self.birth_date > today:
            errors["birth_date"] = _("The date of birth cannot be in the future.")
        if self.unemployed_since and self.unemployed_since > today:
            errors["unemployed_since"] = _("This date cannot be in the future.")
        if self.unemployed_since and self.birth_date and self.unemployed_since < self.birth_date:
            errors["unemployed_since"] = _("This date is before the date of birth.")
        if self.joined_on and self.joined_on > today:
            errors["joined_on"] = _("The start of participation cannot be in the future.")
        if errors:
            raise ValidationError(errors)

    def eligibility_on(self, day: datetime.date | None = None) -> list["EligibilityGround"]:
        """The grounds, valid on `day`, on which the person may found or join a social cooperative."""
        day = day or timezone.localdate()
        return [ground for ground in self.eligibility_grounds.all() if ground.category.is_valid_on(day)]

    def consent_for(self, purpose) -> "Consent | None":
        return next(
            (c for c in self.consents.all() if c.purpose == purpose and c.withdrawn_on is None),
            None,
        )


class ParticipantRecord:
    """A record about one participant: it belongs to the participant's partnership (for the audit log)."""

    @property
    def audit_partnership_id(self):
        return self.participant.partnership_id


class ParticipantPartQuerySet(ScopedQuerySet):
    """Rows that belong to a participant are visible exactly when their participant is."""

    partnership_path = PARTICIPANT_PATH

    def visible_to(self, user):
        if sees_everyone(user):
            # A join on the participant: "IN (every participant's id)" is built in full on SQLite.
            return self.in_partnership_of(user)
        return self.filter(participant__in=Participant.objects.visible_to(user).values("pk"))


class EligibilityGround(ParticipantRecord, models.Model):
    """One legal ground of exclusion, stored as category + evidence type + date, never a diagnosis."""

    class Evidence(models.TextChoices):
        LABOUR_OFFICE_CERTIFICATE = "labour_office", _("labour office certificate")
        DISABILITY_CERTIFICATE = "disability", _("disability certificate")
        CIS_KIS_CERTIFICATE = "cis_kis", _("CIS or KIS certificate")
        SOCIAL_WELFARE_CERTIFICATE = "social_welfare", _("social welfare certificate")
        COURT_OR_INSTITUTION = "institution", _("document of a court or institution")
        DECLARATION = "declaration", _("the person's declaration")

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="eligibility_grounds")
    category = models.ForeignKey(ExclusionCategory, on_delete=models.PROTECT, verbose_name=_("legal ground"))
    evidence = models.CharField(_("evidence"), max_length=20, choices=Evidence.choices)
    evidence_date = models.DateField(_("date of the evidence"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ParticipantPartQuerySet.as_manager()

    class Meta:
        ordering = ["category__sort", "id"]
        verbose_name = _("eligibility ground")
        verbose_name_plural = _("eligibility grounds")
        constraints = [
            models.UniqueConstraint(fields=["participant", "category"], name="eligibility_ground_once"),
        ]

    def __str__(self):
        return f"{self.category} ({self.get_evidence_display()}, {self.evidence_date:%d.%m.%Y})"

    def clean(self):
        if self.evidence_date and self.evidence_date > timezone.localdate():
            raise ValidationError({"evidence_date": _("This date cannot be in the future.")})


class Referral(ParticipantRecord, models.Model):
    """Where a person came from: own sign-up or an institution that sent them."""

    class Source(models.TextChoices):
        OWN = "own", _("own sign-up")
        LABOUR_OFFICE = "labour_office", _("labour office")
        SOCIAL_WELFARE = "social_welfare", _("social welfare centre")
        NGO = "ngo", _("non-governmental organisation")
        OTHER = "other", _("other")

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="referrals")
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("referring organisation"),
    )
    referring_person = models.CharField(_("referring person"), max_length=200, blank=True)
    referred_on = models.DateField(_("date of referral"))
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ParticipantPartQuerySet.as_manager()

    class Meta:
        ordering = ["-referred_on", "-id"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        indexes = [models.Index(fields=["organisation", "participant"], name="referral_by_organisation")]

    def __str__(self):
        return f"{self.get_source_display()} ({self.referred_on:%d.%m.%Y})"

    def clean(self):
        errors = {}
        if self.referred_on and self.referred_on > timezone.localdate():
            errors["referred_on"] = _("The date of referral cannot be in the future.")
        if self.source not in (self.Source.OWN, "") and self.source != self.Source.OTHER and not self.organisation_id:
            errors["organisation"] = _("Choose the organisation that referred the person.")
        if errors:
            raise ValidationError(errors)


class Consent(ParticipantRecord, models.Model):
    """A consent for one purpose, with the date and the way it was given, and its withdrawal."""

    class Purpose(models.TextChoices):
        SUPPORT = "support", _("processing of personal data for support")
        SHARE_WITH_REFERRER = "share_with_referrer", _("sharing progress with the referring institution")
        PUBLICATION = "publication", _("publishing a story or photo")
        EMAIL = "email", _("contact by e-mail")
        SMS = "sms", _("contact by SMS")
        HEALTH_DATA = "health_data", _("processing of health data for psychological support")

    class Method(models.TextChoices):
        PAPER = "paper", _("signed on paper")
        ELECTRONIC = "electronic", _("electronically")
        ORAL = "oral", _("orally, noted by staff")

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=30, choices=Purpose.choices)
    given_on = models.DateField(_("given on"))
    method = models.CharField(_("how it was given"), max_length=20, choices=Method.choices)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ParticipantPartQuerySet.as_manager()

    class Meta:
        ordering = ["purpose", "-given_on", "-id"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "purpose"], condition=Q(withdrawn_on__isnull=True), name="one_active_consent"
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=models.F("given_on")),
                name="consent_withdrawn_after_given",
            ),
        ]

    def __str__(self):
        return self.get_purpose_display()

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None


class Assessment(ParticipantRecord, models.Model):
    """A diagnosis of the barriers that keep a person from work, repeated over time."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="assessments")
    assessed_on = models.DateField(_("date of assessment"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("assessed by")
    )
    strengths = models.TextField(_("strengths"), blank=True)
    interests = models.TextField(_("interests"), blank=True)
    business_idea = models.TextField(_("business idea"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ParticipantPartQuerySet.as_manager()

    class Meta:
        ordering = ["-assessed_on", "-id"]
        verbose_name = _("diagnosis")
        verbose_name_plural = _("diagnoses")

    def __str__(self):
        return _("Diagnosis of %(date)s") % {"date": self.assessed_on.strftime("%d.%m.%Y")}


class BarrierScore(models.Model):
    """The severity of barriers in one area of one assessment."""

    class Area(models.TextChoices):
        SOCIAL_FAMILY = "social_family", _("social and family")
        FINANCES = "finances", _("finances and debts")
        PSYCHOLOGICAL = "psychological", _("psychological and motivational")
        HEALTH = "health", _("health")
        CARE_DUTIES = "care_duties", _("care for dependants")
        HOUSING = "housing", _("housing")
        SKILLS = "skills", _("skills and work experience")

    class Severity(models.IntegerChoices):
        NONE = 0, _("no barrier")
        LOW = 1, _("small")
        MEDIUM = 2, _("considerable")
        HIGH = 3, _("severe")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    area = models.CharField(_("area"), max_length=20, choices=Area.choices)
    severity = models.PositiveSmallIntegerField(
        _("severity"), choices=Severity.choices, validators=[MinValueValidator(0), MaxValueValidator(3)]
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["assessment_id", "area"]
        verbose_name = _("barrier")
        verbose_name_plural = _("barriers")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "area"], name="barrier_area_once_per_assessment"),
            models.CheckConstraint(condition=Q(severity__gte=0, severity__lte=3), name="barrier_severity_range"),
        ]

    def __str__(self):
        return f"{self.get_area_display()}: {self.get_severity_display()}"

    @property
    def audit_partnership_id(self):
        return self.assessment.participant.partnership_id


class SupportPlan(ParticipantRecord, models.Model):
    """One version of a person's individual support plan; a revision is a new version."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="plans")
    version = models.PositiveIntegerField(_("version"))
    goals = models.TextField(_("goals"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("prepared by")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ParticipantPartQuerySet.as_manager()

    class Meta:
        ordering = ["participant_id", "-version"]
        verbose_name = _("individual support plan")
        verbose_name_plural = _("individual support plans")
        constraints = [models.UniqueConstraint(fields=["participant", "version"], name="plan_version_unique")]

    def __str__(self):
        return _("Support plan, version %(version)s") % {"version": self.version}


class PlanItem(models.Model):
    """One planned form of support, with its target date and the staff member responsible."""

    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("workshop or course")
        COUNSELLING = "counselling", _("psychological or therapeutic support")
        SELF_HELP_GROUP = "self_help_group", _("self-help group")
        DEPENDANT_CARE = "dependant_care", _("care for dependants")
        ADVISORY = "advisory", _("advisory hours")
        PREMISES = "premises", _("premises")
        GRANT = "grant", _("grant")
        OTHER = "other", _("other")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("kind of support"), max_length=20, choices=Kind.choices)
    description = models.CharField(_("description"), max_length=300)
    target_date = models.DateField(_("target date"))
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="plan_items",
        verbose_name=_("responsible"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["plan_id", "target_date", "id"]
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.description}"

    @property
    def audit_partnership_id(self):
        return self.plan.participant.partnership_id


class StageTransition(ParticipantRecord, models.Model):
    """A move on the path, with its date and author; the time in each stage is reported from these."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="transitions")
    from_stage = models.CharField(pgettext_lazy("stage", "from"), max_length=30, choices=Stage.choices, blank=True)
    to_stage = models.CharField(pgettext_lazy("stage", "to"), max_length=30, choices=Stage.choices)
    moved_on = models.DateField(_("date"))
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    exit_reason = models.CharField(_("reason for exit"), max_length=20, choices=ExitReason.choices, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ParticipantPartQuerySet.as_manager()

    class Meta:
        ordering = ["participant_id", "moved_on", "id"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        indexes = [models.Index(fields=["participant", "moved_on"], name="transition_by_participant")]
        constraints = [
            models.CheckConstraint(condition=~Q(to_stage="exited") | ~Q(exit_reason=""), name="exit_has_a_reason"),
        ]

    def __str__(self):
        return f"{self.get_from_stage_display() or '—'} → {self.get_to_stage_display()}"


class FollowUp(ParticipantRecord, models.Model):
    """The person's situation at exit, four weeks after and six months after (EU indicators)."""

    class Kind(models.TextChoices):
        AT_EXIT = "at_exit", _("at exit")
        AFTER_4_WEEKS = "after_4_weeks", _("4 weeks after exit")
        AFTER_6_MONTHS = "after_6_months", _("6 months after exit")

    class Outcome(models.TextChoices):
        EMPLOYED_COOPERATIVE = "employed_cooperative", _("employed in a social cooperative")
        EMPLOYED_OPEN_MARKET = "employed_open_market", _("employed on the open labour market")
        SELF_EMPLOYED = "self_employed", _("self-employed")
        IN_EDUCATION = "in_education", _("in education or training")
        UNEMPLOYED = "unemployed", _("unemployed")
        INACTIVE = "inactive", _("economically inactive")
        UNKNOWN = "unknown", _("unknown")

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="follow_ups")
    exit = models.ForeignKey(StageTransition, on_delete=models.CASCADE, related_name="follow_ups")
    kind = models.CharField(_("when"), max_length=20, choices=Kind.choices)
    due_on = models.DateField(_("due"))
    outcome = models.CharField(_("situation"), max_length=30, choices=Outcome.choices, blank=True)
    details = models.CharField(_("details (employer, kind of work)"), max_length=300, blank=True)
    recorded_on = models.DateField(_("recorded on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ParticipantPartQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        constraints = [models.UniqueConstraint(fields=["exit", "kind"], name="follow_up_once_per_exit")]
        indexes = [models.Index(fields=["due_on", "outcome"], name="follow_up_due")]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.due_on:%d.%m.%Y})"


class CaseNote(ParticipantRecord, models.Model):
    """An ordinary (not confidential) note by staff about a participant."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ParticipantPartQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("case note")
        verbose_name_plural = _("case notes")

    def __str__(self):
        return self.text[:60]


class TaskQuerySet(ScopedQuerySet):
    partnership_path = PARTICIPANT_PATH

    def visible_to(self, user):
        """Staff see the tasks given to them or by them, about people they may see."""
        if sees_everyone(user):
            tasks = self.in_partnership_of(user)
        else:
            tasks = self.filter(participant__in=Participant.objects.visible_to(user).values("pk"))
        return tasks.filter(Q(assignee=user) | Q(created_by=user))


class Task(ParticipantRecord, models.Model):
    """Something a staff member must do about a participant by a date."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("task"), max_length=200)
    due_on = models.DateField(_("due"))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="tasks", verbose_name=_("for")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    done_on = models.DateField(_("done on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        indexes = [models.Index(fields=["assignee", "done_on", "due_on"], name="task_open_for_assignee")]

    def __str__(self):
        return self.title


class CandidateQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """The recruitment queue is the coordinators' (and administrators') work."""
        if not user.is_authenticated or not user.has_role(Role.ADMIN, Role.COORDINATOR):
            return self.none()
        return self.in_partnership_of(user)


class Candidate(models.Model):
    """A person who signed up on the public site, waiting for a coordinator's decision."""

    class Status(models.TextChoices):
        NEW = "new", _("waiting")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    class Source(models.TextChoices):
        PUBLIC_SITE = "public_site", _("the public site")
        STAFF = "staff", _("entered by staff")

    partnership = models.ForeignKey("partnership.Partnership", on_delete=models.PROTECT, related_name="candidates")
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("surname"), max_length=100)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    gmina = models.ForeignKey("region.Gmina", on_delete=models.PROTECT, related_name="+", verbose_name=_("gmina"))
    situation = models.CharField(_("situation"), max_length=200, blank=True)
    interests = models.TextField(_("work that interests them"), blank=True)
    signed_up_at = models.DateTimeField(_("signed up"), default=timezone.now)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    decline_reason = models.CharField(_("reason for declining"), max_length=300, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    participant = models.OneToOneField(
        Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="candidate"
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.STAFF)
    consent_given_at = models.DateTimeField(_("consent to processing given"), null=True, blank=True)
    consent_text = models.TextField(_("text of the consent"), blank=True)
    # Only a keyed hash of the sender's network address, to limit sign-ups per address; never the address.
    address_hmac = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CandidateQuerySet.as_manager()

    class Meta:
        ordering = ["signed_up_at", "id"]
        verbose_name = _("candidate")
        verbose_name_plural = _("recruitment queue")
        constraints = [
            models.CheckConstraint(condition=~Q(phone="") | ~Q(email=""), name="candidate_reachable"),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""), name="candidate_decline_has_reason"
            ),
            models.CheckConstraint(
                condition=~Q(source="public_site") | Q(consent_given_at__isnull=False),
                name="candidate_site_sign_up_has_consent",
            ),
        ]
        indexes = [
            models.Index(fields=["partnership", "status", "signed_up_at"], name="candidate_queue"),
            models.Index(fields=["address_hmac", "signed_up_at"], name="candidate_per_address"),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"


class RepeatedSignUp(models.Model):
    """A public sign-up that repeated a waiting one within a day (the same name, and the same e-mail or phone),
    noted on that queue entry instead of becoming a second one.

    It keeps only when it came and, as a keyed hash, from which network address, so that repeats count towards
    the limit of sign-ups per address; the queue entry keeps the data first given."""

    candidate = models.ForeignKey(
        Candidate, on_delete=models.CASCADE, related_name="repeats", verbose_name=_("queue entry")
    )
    signed_up_at = models.DateTimeField(_("signed up again"), default=timezone.now)
    address_hmac = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["signed_up_at", "id"]
        verbose_name = _("repeated sign-up")
        verbose_name_plural = _("repeated sign-ups")
        indexes = [models.Index(fields=["address_hmac", "signed_up_at"], name="repeated_sign_up_per_address")]

    def __str__(self):
        return f"{self.candidate}, {timezone.localtime(self.signed_up_at):%d.%m.%Y %H:%M}"

    @property
    def audit_partnership_id(self):
        return self.candidate.partnership_id
