"""Founding groups (people and legal persons preparing to found a social cooperative together) and the social
cooperatives they found."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum.pl import regon

from muflon.accounts.models import Organisation, Role, validate_nip
from muflon.cooperatives import rules
from muflon.core.access import ScopedQuerySet

# PKD 2007 (the Polish classification of activities): a section is one letter, a class "NN.NN", a subclass
# "NN.NN.Z".
PKD_SECTION = RegexValidator(r"^[A-U]$", _("A PKD section is one capital letter from A to U."))
PKD_CLASS = RegexValidator(r"^\d{2}\.\d{2}(\.[A-Z])?$", _("Write the PKD class as 56.10 or the subclass as 56.10.A."))

# Which organisations of the partnership the act lets found a social cooperative, and as what (rules.py).
LEGAL_KIND_OF = {
    Organisation.Kind.NGO: rules.NGO,
    Organisation.Kind.MUNICIPALITY: rules.LOCAL_GOVERNMENT,
    Organisation.Kind.CHURCH: rules.CHURCH,
}


class FoundingGroupQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """The partnership first; coordinators and administrators see every group, advisors the groups they
        advise."""
        groups = self.in_partnership_of(user)
        if not user.is_authenticated:
            return groups
        if user.has_role(Role.ADMIN, Role.COORDINATOR):
            return groups
        if user.has_role(Role.ADVISOR):
            return groups.filter(advisor=user)
        return groups.none()


class FoundingGroup(models.Model):
    """People preparing to found one social cooperative, from the first idea to its registration."""

    class Status(models.TextChoices):
        FORMING = "forming", _("forming")
        REGISTERED = "registered", _("registered as a cooperative")
        DISBANDED = "disbanded", _("disbanded")

    partnership = models.ForeignKey(
        "partnership.Partnership",
        on_delete=models.PROTECT,
        related_name="founding_groups",
        verbose_name=_("partnership"),
    )
    name = models.CharField(_("working name"), max_length=200)
    business_idea = models.TextField(_("business idea"))
    pkd_section = models.CharField(_("PKD section"), max_length=1, validators=[PKD_SECTION])
    pkd_class = models.CharField(_("PKD class"), max_length=7, blank=True, validators=[PKD_CLASS])
    gmina = models.ForeignKey("region.Gmina", on_delete=models.PROTECT, related_name="+", verbose_name=_("gmina"))
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="advised_groups",
        verbose_name=_("advisor"),
    )
    formed_on = models.DateField(_("formed on"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.FORMING)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FoundingGroupQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("founding group")
        verbose_name_plural = _("founding groups")
        constraints = [
            models.CheckConstraint(condition=Q(status__in=["forming", "registered", "disbanded"]), name="group_status"),
            models.CheckConstraint(condition=Q(pkd_section__regex=r"^[A-U]$"), name="group_pkd_section"),
        ]

    def __str__(self):
        return self.name

    @property
    def audit_partnership_id(self):
        return self.partnership_id

    def judged_on(self) -> datetime.date:
        """The day whose rules judge the group: today while it forms (it may found today)."""
        return timezone.localdate() if self.status == self.Status.FORMING else self.formed_on


class FoundingMemberQuerySet(ScopedQuerySet):
    partnership_path = "group__partnership"

    def visible_to(self, user):
        return self.filter(group__in=FoundingGroup.objects.visible_to(user))


class FoundingMember(models.Model):
    """A participant or a legal person in a founding group, from the day they joined until they left."""

    group = models.ForeignKey(FoundingGroup, on_delete=models.CASCADE, related_name="members", verbose_name=_("group"))
    participant = models.ForeignKey(
        "people.Participant",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="founding_memberships",
        verbose_name=_("participant"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="founding_memberships",
        verbose_name=_("legal person"),
    )
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FoundingMemberQuerySet.as_manager()

    class Meta:
        ordering = ["group_id", "joined_on", "id"]
        verbose_name = _("founding member")
        verbose_name_plural = _("founding members")
        constraints = [
            models.CheckConstraint(
                condition=Q(participant__isnull=False, organisation__isnull=True)
                | Q(participant__isnull=True, organisation__isnull=False),
                name="founder_is_a_person_or_a_legal_person",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="founder_leaves_after_joining",
            ),
            # A person founds one cooperative at a time: one group they have not left.
            models.UniqueConstraint(
                fields=["participant"],
                condition=Q(left_on__isnull=True, participant__isnull=False),
                name="one_open_group_per_participant",
            ),
            models.UniqueConstraint(
                fields=["group", "organisation"],
                condition=Q(left_on__isnull=True, organisation__isnull=False),
                name="legal_person_once_per_group",
            ),
        ]

    def __str__(self):
        return str(self.participant or self.organisation)

    @property
    def audit_partnership_id(self):
        return self.group.partnership_id

    def founder(self, on: datetime.date) -> rules.Founder:
        """This member as the act's rules see them on `on`."""
        if self.participant_id:
            return rules.Founder(natural=True, excluded=bool(self.participant.eligibility_on(on)))
        return rules.Founder(natural=False, legal_kind=LEGAL_KIND_OF.get(self.organisation.kind, rules.OTHER))


def validate_krs(value):
    if value and not (len(value) == 10 and value.isdigit()):
        raise ValidationError(_("A KRS number has exactly 10 digits."), code="krs")


def validate_regon(value):
    if value and not regon.is_valid(value):
        raise ValidationError(_("This is not a valid REGON: check its 9 or 14 digits."), code="regon")


class CooperativeQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """The partnership first; managers every cooperative, advisors those from the groups they advise."""
        cooperatives = self.in_partnership_of(user)
        if not user.is_authenticated:
            return cooperatives
        if user.has_role(Role.ADMIN, Role.COORDINATOR):
            return cooperatives
        if user.has_role(Role.ADVISOR):
            return cooperatives.filter(group__advisor=user)
        return cooperatives.none()


class Cooperative(models.Model):
    """A social cooperative in the register (KRS), founded from one of the partnership's groups or already there."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        SUSPENDED = "suspended", _("suspended")
        IN_LIQUIDATION = "in_liquidation", _("in liquidation")
        CLOSED = "closed", _("closed")

    partnership = models.ForeignKey(
        "partnership.Partnership", on_delete=models.PROTECT, related_name="cooperatives", verbose_name=_("partnership")
    )
    group = models.OneToOneField(
        FoundingGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cooperative",
        verbose_name=_("founding group"),
    )
    name = models.CharField(_("name"), max_length=300)
    krs = models.CharField(_("KRS number"), max_length=10, validators=[validate_krs])
    nip = models.CharField(_("NIP"), max_length=10, blank=True, validators=[validate_nip])
    regon = models.CharField(_("REGON"), max_length=14, blank=True, validators=[validate_regon])
    gmina = models.ForeignKey("region.Gmina", on_delete=models.PROTECT, related_name="+", verbose_name=_("gmina"))
    pkd_section = models.CharField(_("PKD section"), max_length=1, validators=[PKD_SECTION])
    pkd_class = models.CharField(_("PKD class"), max_length=7, blank=True, validators=[PKD_CLASS])
    registered_on = models.DateField(_("registered on"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    status_since = models.DateField(_("status since"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CooperativeQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("social cooperative")
        verbose_name_plural = _("social cooperatives")
        constraints = [
            models.UniqueConstraint(fields=["krs"], name="cooperative_krs_once"),
            models.CheckConstraint(
                condition=Q(status__in=["active", "suspended", "in_liquidation", "closed"]), name="cooperative_status"
            ),
            models.CheckConstraint(
                condition=Q(status_since__gte=models.F("registered_on")), name="status_after_registration"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def audit_partnership_id(self):
        return self.partnership_id

    def clean(self):
        super().clean()
        if self.name and self.registered_on and not name_is_lawful(self.name, self.registered_on):
            raise ValidationError({"name": name_rule(self.registered_on)})


def name_is_lawful(name: str, registered_on: datetime.date) -> bool:
    """The act's art. 3: "spółdzielnia socjalna" in the name, or "Sp.n.s." where that set of rules allows it."""
    lowered = name.lower()
    if "spółdzielnia socjalna" in lowered:
        return True
    return rules.rules_on(registered_on).short_name_allowed and "sp.n.s." in lowered


def name_rule(registered_on: datetime.date) -> str:
    if rules.rules_on(registered_on).short_name_allowed:
        return _("The name must contain “spółdzielnia socjalna” or the abbreviation “Sp.n.s.”.")
    return _(
        "The name must contain “spółdzielnia socjalna” (the abbreviation “Sp.n.s.” is allowed from 31 March 2018)."
    )


class CooperativeMemberQuerySet(ScopedQuerySet):
    partnership_path = "cooperative__partnership"

    def visible_to(self, user):
        return self.filter(cooperative__in=Cooperative.objects.visible_to(user))


class CooperativeMember(models.Model):
    """A member of a cooperative: a participant or a legal person, from the day they joined until they left."""

    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.CASCADE, related_name="members", verbose_name=_("cooperative")
    )
    participant = models.ForeignKey(
        "people.Participant",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cooperative_memberships",
        verbose_name=_("participant"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cooperative_memberships",
        verbose_name=_("legal person"),
    )
    founder = models.BooleanField(_("founder"), default=False)
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CooperativeMemberQuerySet.as_manager()

    class Meta:
        ordering = ["cooperative_id", "joined_on", "id"]
        verbose_name = _("cooperative member")
        verbose_name_plural = _("cooperative members")
        constraints = [
            models.CheckConstraint(
                condition=Q(participant__isnull=False, organisation__isnull=True)
                | Q(participant__isnull=True, organisation__isnull=False),
                name="cooperative_member_is_a_person_or_a_legal_person",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="cooperative_member_leaves_after_joining",
            ),
            models.UniqueConstraint(
                fields=["cooperative", "participant"],
                condition=Q(left_on__isnull=True, participant__isnull=False),
                name="person_once_per_cooperative",
            ),
        ]

    def __str__(self):
        return str(self.participant or self.organisation)

    @property
    def audit_partnership_id(self):
        return self.cooperative.partnership_id


class JobQuerySet(ScopedQuerySet):
    partnership_path = "cooperative__partnership"

    def visible_to(self, user):
        return self.filter(cooperative__in=Cooperative.objects.visible_to(user))


class Job(models.Model):
    """A participant's job in a cooperative, from its first day until its last."""

    class Contract(models.TextChoices):
        EMPLOYMENT = "employment", _("employment contract")
        COOPERATIVE = "cooperative", _("cooperative employment contract")
        CIVIL = "civil", _("civil-law contract")

    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.CASCADE, related_name="jobs", verbose_name=_("cooperative")
    )
    participant = models.ForeignKey(
        "people.Participant", on_delete=models.PROTECT, related_name="cooperative_jobs", verbose_name=_("participant")
    )
    contract = models.CharField(_("contract"), max_length=20, choices=Contract.choices)
    working_time = models.DecimalField(
        _("working time (share of full time)"),
        max_digits=3,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.05")), MaxValueValidator(Decimal("1"))],
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    grant_funded = models.BooleanField(_("funded by a grant"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["cooperative_id", "starts_on", "id"]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="job_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(working_time__gt=0) & Q(working_time__lte=1), name="job_working_time_share"
            ),
            models.CheckConstraint(
                condition=Q(contract__in=["employment", "cooperative", "civil"]), name="job_contract"
            ),
        ]

    def __str__(self):
        return f"{self.participant} — {self.cooperative}"

    def clean(self):
        super().clean()
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A job cannot end before it starts.")})

    @property
    def audit_partnership_id(self):
        return self.cooperative.partnership_id


class QuarterlyReportQuerySet(ScopedQuerySet):
    partnership_path = "cooperative__partnership"

    def visible_to(self, user):
        return self.filter(cooperative__in=Cooperative.objects.visible_to(user))


class QuarterlyReport(models.Model):
    """A cooperative's figures for one quarter: money in PLN, people, and who its customers were."""

    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.CASCADE, related_name="reports", verbose_name=_("cooperative")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    revenue = models.DecimalField(
        _("revenue (PLN)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    costs = models.DecimalField(_("costs (PLN)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)])
    members = models.PositiveSmallIntegerField(_("members at the end of the quarter"))
    employees = models.PositiveSmallIntegerField(_("employees at the end of the quarter"))
    public_revenue_share = models.PositiveSmallIntegerField(
        _("share of revenue from public customers (%)"), validators=[MaxValueValidator(100)]
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("entered by")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = QuarterlyReportQuerySet.as_manager()

    class Meta:
        ordering = ["cooperative_id", "-year", "-quarter"]
        verbose_name = _("quarterly report")
        verbose_name_plural = _("quarterly reports")
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "year", "quarter"], name="one_report_per_quarter"),
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="report_quarter_1_to_4"),
            models.CheckConstraint(condition=Q(public_revenue_share__lte=100), name="report_share_at_most_100"),
            models.CheckConstraint(condition=Q(revenue__gte=0, costs__gte=0), name="report_money_not_negative"),
        ]

    def __str__(self):
        return f"{self.cooperative} — {self.year} Q{self.quarter}"

    @property
    def audit_partnership_id(self):
        return self.cooperative.partnership_id

    @property
    def result(self) -> Decimal:
        return self.revenue - self.costs
