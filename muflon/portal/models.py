"""The public site's content, per partnership: pages, news, success stories, the library and the cache token."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from muflon.accounts.models import MANAGERS, STAFF_ROLES
from muflon.core.access import ScopedQuerySet
from muflon.people.identity import normalise
from muflon.portal.markup import plain_text
from muflon.portal.storage import portal_storage

# Who edits the public site: the partnership's administrators and coordinators.


def new_cache_token() -> str:
    return secrets.token_hex(8)


class PublicSite(models.Model):
    """The public site of one partnership; its cache token changes whenever the site's content changes."""

    partnership = models.OneToOneField("partnership.Partnership", on_delete=models.CASCADE, related_name="public_site")
    cache_token = models.CharField(max_length=32, default=new_cache_token)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["partnership_id"]
        verbose_name = _("public site")
        verbose_name_plural = _("public sites")

    def __str__(self):
        return str(self.partnership)


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")


def matching(queryset, words: list[str]):
    """Rows whose normalised text holds every word (lower case, without Polish letters: "spoldz" finds "Spółdz")."""
    for word in words:
        queryset = queryset.filter(search_text__contains=word)
    return queryset


class EditableQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """Editing: administrators and coordinators of the partnership; nobody else sees drafts or the staff lists."""
        if not getattr(user, "is_authenticated", False) or not user.has_role(*MANAGERS):
            return self.none()
        return self.in_partnership_of(user)

    def search(self, words: list[str]):
        return matching(self, words)


class ContentQuerySet(EditableQuerySet):
    def public_on(self, partnership, now=None):
        """What the public sees on the partnership's site: published, and its publication time has come."""
        return self.filter(partnership=partnership, status=Status.PUBLISHED, publish_at__lte=now or timezone.now())


class PageQuerySet(EditableQuerySet):
    def public_on(self, partnership, now=None):
        return self.filter(partnership=partnership, status=Status.PUBLISHED)


class Page(models.Model):
    """A page of the site edited by staff: the mission, the partnership, contact, the accessibility statement…"""

    partnership = models.ForeignKey("partnership.Partnership", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("address"), max_length=80, help_text=_("The end of the page's address, e.g. contact: /pages/contact/.")
    )
    body = models.TextField(_("text"), help_text=_("Markdown; HTML is removed."))
    menu_order = models.PositiveSmallIntegerField(_("order in the menu"), default=10)
    show_in_menu = models.BooleanField(_("show in the site's menu"), default=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["menu_order", "title", "id"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        constraints = [models.UniqueConstraint(fields=["partnership", "slug"], name="page_slug_unique")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = normalise(f"{self.title} {plain_text(self.body)}")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("portal:page", args=[self.slug])

    def is_public(self, now=None) -> bool:
        return self.status == Status.PUBLISHED


class Publication(models.Model):
    """What news items and stories share: a title, a lead, a Markdown body, an optional image and a publish time."""

    partnership = models.ForeignKey("partnership.Partnership", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80)
    lead = models.TextField(_("lead"), max_length=600, help_text=_("One or two sentences shown in lists and feeds."))
    body = models.TextField(_("text"), help_text=_("Markdown; HTML is removed."))
    image = models.FileField(_("image"), storage=portal_storage, upload_to="images/", blank=True, editable=False)
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField(
        _("alternative text of the image"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it. Required with an image."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        _("publish at"), default=timezone.now, help_text=_("A future time schedules the publication.")
    )
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = normalise(f"{self.title} {self.lead} {plain_text(self.body)}")
        super().save(*args, **kwargs)

    def is_public(self, now=None) -> bool:
        return self.status == Status.PUBLISHED and self.publish_at <= (now or timezone.now())


class NewsItem(Publication):
    """A news item on the site; a future publish time keeps it hidden until then."""

    objects = ContentQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-id"]
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "slug"], name="news_slug_unique"),
            models.CheckConstraint(
                condition=Q(image="") | ~Q(image_alt=""),
                name="news_image_has_alt",
                violation_error_message=_("Describe the image for people who cannot see it."),
            ),
        ]
        indexes = [models.Index(fields=["partnership", "status", "publish_at"], name="news_public")]

    def get_absolute_url(self):
        return reverse("portal:news_detail", args=[self.slug])

    def image_url(self):
        return reverse("portal:news_image", args=[self.slug])


class StoryQuerySet(ContentQuerySet):
    def public_on(self, partnership, now=None):
        """Published stories with consent to publication: the person's own, when the story is about a participant;
        otherwise the consent recorded on the story."""
        from muflon.people.models import Consent

        consent = Consent.objects.filter(
            participant=OuterRef("participant"), purpose=Consent.Purpose.PUBLICATION, withdrawn_on__isnull=True
        )
        return (
            super()
            .public_on(partnership, now)
            .filter(Q(participant__isnull=True, consent_given_on__isnull=False) | Q(Exists(consent)))
        )


class SuccessStory(Publication):
    """A story of a cooperative or a person, shown only with recorded consent to its publication."""

    participant = models.ForeignKey(
        "people.Participant",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("participant the story is about"),
        help_text=_("Only people with an active consent to publication are listed; their consent is what counts."),
    )
    consent_given_by = models.CharField(
        _("consent to publication given by"),
        max_length=200,
        blank=True,
        help_text=_("For a story not about one participant: who agreed (e.g. the cooperative's board)."),
    )
    consent_given_on = models.DateField(_("consent given on"), null=True, blank=True)
    consent_note = models.CharField(_("how the consent was given"), max_length=300, blank=True)
    cooperative_name = models.CharField(_("cooperative"), max_length=200, blank=True)
    cooperative_url = models.URLField(_("cooperative's public profile"), blank=True)

    objects = StoryQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-id"]
        verbose_name = _("success story")
        verbose_name_plural = _("success stories")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "slug"], name="story_slug_unique"),
            models.CheckConstraint(
                condition=Q(image="") | ~Q(image_alt=""),
                name="story_image_has_alt",
                violation_error_message=_("Describe the image for people who cannot see it."),
            ),
            # A published story not about a participant carries its own consent record.
            models.CheckConstraint(
                condition=Q(status=Status.DRAFT)
                | Q(participant__isnull=False)
                | (Q(consent_given_on__isnull=False) & ~Q(consent_given_by="")),
                name="story_published_with_consent",
                violation_error_message=_("A published story needs a recorded consent to its publication."),
            ),
        ]
        indexes = [models.Index(fields=["partnership", "status", "publish_at"], name="story_public")]

    def get_absolute_url(self):
        return reverse("portal:story_detail", args=[self.slug])

    def image_url(self):
        return reverse("portal:story_image", args=[self.slug])


class Tag(models.Model):
    """A keyword of library items, e.g. "grants" or "accounting"."""

    partnership = models.ForeignKey("partnership.Partnership", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=60)
    slug = models.SlugField(max_length=60)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EditableQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        constraints = [models.UniqueConstraint(fields=["partnership", "slug"], name="tag_slug_unique")]

    def __str__(self):
        return self.name


class LibraryQuerySet(EditableQuerySet):
    def available_on(self, partnership, user):
        """What a visitor of the partnership's site may open: public items; staff-only ones too for its staff."""
        items = self.filter(partnership=partnership, current__isnull=False)
        if is_staff_of(user, partnership):
            return items
        return items.filter(visibility=LibraryItem.Visibility.PUBLIC)


def is_staff_of(user, partnership) -> bool:
    """A staff member (any role but participant) of this partnership."""
    return (
        getattr(user, "is_authenticated", False)
        and user.partnership_id == partnership.pk
        and user.has_role(*STAFF_ROLES)
    )


class LibraryItem(models.Model):
    """A guide, material, report, template or legal act, with all its versions; staff-only ones never go public."""

    class Category(models.TextChoices):
        GUIDE = "guide", _("guide")
        EDUCATIONAL = "educational", _("educational material")
        REPORT = "report", _("report")
        TEMPLATE = "template", _("template")
        LEGAL_ACT = "legal_act", _("legal act")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("public")
        STAFF = "staff", _("staff only")

    partnership = models.ForeignKey("partnership.Partnership", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    tags = models.ManyToManyField(Tag, blank=True, related_name="items", verbose_name=_("tags"))
    visibility = models.CharField(_("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC)
    current = models.ForeignKey(
        "LibraryVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    download_count = models.PositiveIntegerField(_("downloads"), default=0, editable=False)
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = LibraryQuerySet.as_manager()

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("library item")
        verbose_name_plural = _("library")
        indexes = [models.Index(fields=["partnership", "visibility", "category"], name="library_filter")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = normalise(f"{self.title} {self.description}")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("portal:library_item", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.visibility == self.Visibility.PUBLIC


class LibraryVersion(models.Model):
    """One file of a library item; a new version becomes the current one and the old ones stay downloadable."""

    item = models.ForeignKey(LibraryItem, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    file = models.FileField(storage=portal_storage, upload_to="library/", max_length=200)
    kind = models.CharField(_("file type"), max_length=10)
    size = models.PositiveIntegerField(_("size in bytes"))
    original_name = models.CharField(_("original file name"), max_length=255)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["item_id", "-number"]
        verbose_name = _("library file version")
        verbose_name_plural = _("library file versions")
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="library_version_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="library_version_positive"),
        ]

    def __str__(self):
        return f"{self.item} v{self.number}"

    def get_absolute_url(self):
        return reverse("portal:library_version", args=[self.item_id, self.number])

    @property
    def audit_partnership_id(self):
        return self.item.partnership_id

    @property
    def kind_label(self) -> str:
        from muflon.portal.uploads import KINDS

        return KINDS[self.kind].label if self.kind in KINDS else self.kind.upper()
