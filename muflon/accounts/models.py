"""Users, their roles within one partnership, and the partnership's organisations."""

import functools
from functools import cached_property

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from stdnum.pl import nip

from muflon.core.access import ScopedQuerySet


class Role(models.TextChoices):
    """The one list of roles. A user may hold several, always within their own partnership."""

    ADMIN = "admin", _("partnership administrator")
    COORDINATOR = "coordinator", _("coordinator")
    ADVISOR = "advisor", _("advisor")
    TRAINER = "trainer", _("trainer")
    COUNSELLOR = "counsellor", _("counsellor")
    GRANT_OFFICER = "grant_officer", _("grant officer")
    MUNICIPALITY_OFFICER = "municipality_officer", _("municipality officer")
    PARTNER = "partner", _("partner institution")
    PARTICIPANT = "participant", _("participant")


# Named sets of roles: the one place where a set is spelled out; areas import these by name.
STAFF_ROLES = frozenset(Role) - {Role.PARTICIPANT}
# Run the partnership's work: recruitment, follow-ups, enrolment, the public site and its polls.
MANAGERS = frozenset({Role.ADMIN, Role.COORDINATOR})
# See participants in the list, each as far as `people.access.detail_level` allows.
PARTICIPANT_READERS = frozenset(
    {Role.ADMIN, Role.COORDINATOR, Role.ADVISOR, Role.COUNSELLOR, Role.TRAINER, Role.PARTNER}
)
CASE_NOTE_WRITERS = frozenset({Role.ADMIN, Role.COORDINATOR, Role.ADVISOR, Role.COUNSELLOR})
PLAN_WRITERS = frozenset({Role.ADMIN, Role.COORDINATOR, Role.ADVISOR})
# Workshop editions and certificates: managers and the trainers who run them.
WORKSHOP_ROLES = frozenset({Role.ADMIN, Role.COORDINATOR, Role.TRAINER})
# Barrier support is health data: coordinators and counsellors only; administrators manage accounts, not cases.
CARE_ROLES = frozenset({Role.COORDINATOR, Role.COUNSELLOR})
CARE_MANAGERS = frozenset({Role.COORDINATOR})
# Founding groups and cooperatives: managers all of them, advisors those they advise.
COOPERATIVE_ROLES = frozenset({Role.ADMIN, Role.COORDINATOR, Role.ADVISOR})


class OrganisationQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """Every user of a partnership sees its member organisations (names and contacts)."""
        return self.in_partnership_of(user)


def validate_nip(value):
    if value and not nip.is_valid(value):
        raise ValidationError(_("This is not a valid NIP (10 digits with a correct check digit)."))


class Organisation(models.Model):
    """A member institution of the partnership: the OWES, a labour office, a gmina, an NGO…"""

    class Kind(models.TextChoices):
        OWES = "owes", _("social economy support centre (OWES)")
        LABOUR_OFFICE = "labour_office", _("labour office")
        SOCIAL_WELFARE = "social_welfare", _("social welfare centre")
        MUNICIPALITY = "municipality", _("municipality")
        NGO = "ngo", _("non-governmental organisation")
        CHURCH = "church", _("church legal person")
        BUSINESS = "business", _("business")
        TRAINING = "training", _("training institution")
        OTHER = "other", _("other")

    partnership = models.ForeignKey(
        "partnership.Partnership", on_delete=models.PROTECT, related_name="organisations", verbose_name=_("partnership")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    gmina = models.ForeignKey(
        "region.Gmina",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gmina"),
        help_text=_("Required for a municipality; the seat for other organisations."),
    )
    nip = models.CharField(_("NIP"), max_length=10, blank=True, validators=[validate_nip])
    address = models.CharField(_("address"), max_length=300, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="organisation_name_unique_in_partnership"),
            models.CheckConstraint(
                condition=~models.Q(kind="municipality") | models.Q(gmina__isnull=False),
                name="municipality_has_gmina",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.kind == self.Kind.MUNICIPALITY and self.gmina_id is None:
            raise ValidationError({"gmina": _("Choose the gmina of this municipality.")})


class UserQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """Administrators see the users of their partnership; everyone else only themselves."""
        if not user.is_authenticated:
            return self.none()
        if user.has_role(Role.ADMIN):
            return self.in_partnership_of(user)
        return self.in_partnership_of(user).filter(pk=user.pk)

    def holding(self, partnership, *roles, include_inactive=False):
        """Users of the partnership who hold any of `roles`, each once, by name; active ones unless
        `include_inactive` (a trainer who has left still stands on the editions they ran)."""
        users = self.filter(
            partnership=partnership, pk__in=RoleAssignment.objects.filter(role__in=roles).values("user_id")
        )
        if not include_inactive:
            users = users.filter(is_active=True)
        return users.order_by("last_name", "first_name", "username")


class MuflonUserManager(UserManager.from_queryset(UserQuerySet)):
    def staff_to_choose(self, partnership, *roles) -> UserQuerySet:
        """The active users of the partnership holding any of `roles`, read for a choice (their names only).

        Building this query took half of a list filter's set-up, so it is built once per partnership and set of
        roles and handed out as a fresh copy: no rows are kept, each copy asks the database again."""
        return staff_query(getattr(partnership, "pk", partnership), tuple(sorted(roles))).all()


@functools.lru_cache(maxsize=512)
def staff_query(partnership_id, roles: tuple) -> UserQuerySet:
    return User.objects.holding(partnership_id, *roles).only(*User.NAME_FIELDS)


class User(AbstractUser):
    """A person who logs in. Belongs to one partnership; only installation superusers to none."""

    # What `str(user)` reads: a page that only names staff loads these columns alone (`.only(*User.NAME_FIELDS)`).
    NAME_FIELDS = ("first_name", "last_name", "username")
    # How an option names a user (`core.widgets.FetchedChoiceIterator`), read as plain values.
    CHOICE_FIELDS = NAME_FIELDS

    partnership = models.ForeignKey(
        "partnership.Partnership",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("partnership"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("organisation"),
    )
    gmina = models.ForeignKey(
        "region.Gmina",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gmina"),
        help_text=_("The gmina a municipality officer works for."),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MuflonUserManager()

    class Meta:
        ordering = ["last_name", "first_name", "username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(partnership__isnull=False) | models.Q(is_superuser=True),
                name="user_in_partnership_unless_superuser",
            ),
        ]

    def __str__(self):
        return self.name_of(self.first_name, self.last_name, self.username)

    @classmethod
    def choice_label(cls, values) -> str:
        return cls.name_of(values["first_name"], values["last_name"], values["username"])

    @staticmethod
    def name_of(first_name, last_name, username) -> str:
        """How a user is named: the full name, or the login when there is none (also for rows read as values)."""
        return f"{first_name} {last_name}".strip() or username

    @property
    def audit_partnership_id(self):
        return self.partnership_id

    @cached_property
    def roles(self) -> frozenset[str]:
        if self.pk is None or self.partnership_id is None:
            return frozenset()
        return frozenset(self.role_assignments.order_by().values_list("role", flat=True))

    def has_role(self, *roles) -> bool:
        return bool(self.roles & set(roles))

    @cached_property
    def training_firm_id(self) -> int | None:
        """The training institution a trainer works for, whose editions they plan; None for everyone else."""
        if not self.organisation_id or not self.has_role(Role.TRAINER):
            return None
        is_training = Organisation.objects.filter(pk=self.organisation_id, kind=Organisation.Kind.TRAINING).exists()
        return self.organisation_id if is_training else None

    @property
    def reads_audit_log(self) -> bool:
        """Asked by core's audit log, which knows no roles."""
        return Role.ADMIN in self.roles

    def clean(self):
        super().clean()
        if self.organisation_id and self.organisation.partnership_id != self.partnership_id:
            raise ValidationError({"organisation": _("The organisation belongs to another partnership.")})


class RoleAssignment(models.Model):
    """One role of one user, within the user's partnership."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments", verbose_name=_("user"))
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["user_id", "role"]
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="role_once_per_user"),
            models.CheckConstraint(condition=models.Q(role__in=Role.values), name="role_valid"),
        ]

    def __str__(self):
        return f"{self.user}: {self.get_role_display()}"

    @property
    def audit_partnership_id(self):
        return self.user.partnership_id
