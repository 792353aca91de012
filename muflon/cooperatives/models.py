"""Founding groups: people (and legal persons) preparing to found a social cooperative together."""

import datetime

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from muflon.accounts.models import Organisation, Role
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
        from django.utils import timezone

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
