"""Forms of the portal: staff editing of pages, news, stories and library items; public search and filters."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from muflon.core.widgets import DATE_INPUT, DATETIME_INPUT
from muflon.people.identity import normalise
from muflon.portal import services, uploads
from muflon.portal.models import LibraryItem, NewsItem, Page, Status, SuccessStory, Tag

# Addresses that belong to other views of the same folder.
RESERVED_SLUGS = {"feed", "new", "image", "archive"}
MARKDOWN_HELP = _(
    "Markdown: a blank line between paragraphs, **bold**, *italics*, ## heading, - list item, "
    "[link text](https://…). HTML and scripts are removed."
)


class SlugMixin:
    """A slug made from the title when left empty, unique within the partnership."""

    partnership = None

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or services.slug_for(self.data.get(self.add_prefix("title"), ""))
        if not slug:
            raise ValidationError(_("Give an address made of letters, digits and hyphens."))
        if slug.isdigit() or slug in RESERVED_SLUGS:
            raise ValidationError(_("This address is reserved; add a word to it."))
        taken = type(self.instance).objects.filter(partnership=self.partnership, slug=slug)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise ValidationError(_("Another entry already uses this address."))
        return slug


class PageForm(SlugMixin, forms.ModelForm):
    class Meta:
        model = Page
        fields = ["title", "slug", "body", "menu_order", "show_in_menu", "status"]
        widgets = {"body": forms.Textarea(attrs={"rows": 16})}
        help_texts = {"body": MARKDOWN_HELP}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = self.instance.partnership = partnership
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("Leave empty to make it from the title.")


class PublicationForm(SlugMixin, forms.ModelForm):
    """News items and stories: the text, an image checked by content with its required alternative text."""

    image_upload = forms.FileField(
        label=_("Image"),
        required=False,
        help_text=_("JPEG, PNG, WebP or GIF; it is saved anew at most 1600 px wide, without the photo's metadata."),
    )
    remove_image = forms.BooleanField(label=_("Remove the image"), required=False)

    IMAGE_FIELDS = ["image_upload", "image_alt", "remove_image"]

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = self.instance.partnership = partnership
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("Leave empty to make it from the title.")
        self.fields["body"].help_text = MARKDOWN_HELP
        self.fields["body"].widget.attrs["rows"] = 14
        self.fields["lead"].widget.attrs["rows"] = 3
        if not self.instance.image:
            del self.fields["remove_image"]
        self.cleaned_image = None

    def clean_image_upload(self):
        upload = self.cleaned_data.get("image_upload")
        if upload:
            self.cleaned_image = uploads.clean_image(upload)
        return upload

    def clean(self):
        data = super().clean()
        removing = data.get("remove_image")
        has_image = self.cleaned_image is not None or (self.instance.image and not removing)
        if has_image and not data.get("image_alt", "").strip():
            self.add_error("image_alt", _("Describe the image for people who cannot see it."))
        return data

    def save(self, commit=True):
        publication = super().save(commit=False)
        if self.cleaned_data.get("remove_image") and self.cleaned_image is None:
            services.remove_image(publication)
        if self.cleaned_image is not None:
            services.store_image(publication, self.cleaned_image)
        if commit:
            publication.save()
        return publication


class NewsForm(PublicationForm):
    class Meta:
        model = NewsItem
        fields = ["title", "slug", "lead", "body", "image_alt", "publish_at", "status"]
        widgets = {"publish_at": DATETIME_INPUT}
        field_classes = {"publish_at": forms.DateTimeField}


class StoryForm(PublicationForm):
    class Meta:
        model = SuccessStory
        fields = [
            "title",
            "slug",
            "lead",
            "body",
            "image_alt",
            "participant",
            "consent_given_by",
            "consent_given_on",
            "consent_note",
            "cooperative_name",
            "cooperative_url",
            "publish_at",
            "status",
        ]
        widgets = {"publish_at": DATETIME_INPUT, "consent_given_on": DATE_INPUT}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, partnership=partnership, **kwargs)
        self.fields["participant"].queryset = people_who_may_be_published(partnership, self.instance.participant_id)
        self.fields["participant"].empty_label = _("— not about one participant —")

    def clean(self):
        data = super().clean()
        if data.get("status") == Status.PUBLISHED and not data.get("participant"):
            if not data.get("consent_given_by", "").strip():
                self.add_error("consent_given_by", _("A published story needs the name of who agreed to it."))
            if not data.get("consent_given_on"):
                self.add_error("consent_given_on", _("A published story needs the date of the consent."))
            elif data["consent_given_on"] > timezone.localdate():
                self.add_error("consent_given_on", _("The consent cannot be dated in the future."))
        return data


def people_who_may_be_published(partnership, current_id=None):
    """Participants with an active consent to publication (and the one already linked, whose consent may be gone)."""
    from django.db.models import Q

    from muflon.people.models import Consent, Participant

    consenting = Consent.objects.filter(
        participant__partnership=partnership, purpose=Consent.Purpose.PUBLICATION, withdrawn_on__isnull=True
    ).values("participant_id")
    return Participant.objects.filter(partnership=partnership).filter(Q(pk__in=consenting) | Q(pk=current_id))


class LibraryItemForm(forms.ModelForm):
    """A library item's description; a new item comes with its first file."""

    tag_names = forms.CharField(
        label=_("Tags"), required=False, max_length=300, help_text=_("Separated by commas, e.g. grants, accounting.")
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, DOCX, ODT, XLSX or PPTX, at most 20 MB; the type is checked by the file's content."),
    )
    note = forms.CharField(label=_("About this version"), required=False, max_length=300)

    class Meta:
        model = LibraryItem
        fields = ["title", "description", "category", "visibility"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = self.instance.partnership = partnership
        self.kind = None
        if self.instance.pk:
            del self.fields["file"], self.fields["note"]
            self.initial["tag_names"] = ", ".join(tag.name for tag in self.instance.tags.all())

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.kind = uploads.document_kind(upload)
        return upload


class VersionForm(forms.Form):
    file = forms.FileField(
        label=_("New version of the file"),
        help_text=_("PDF, DOCX, ODT, XLSX or PPTX, at most 20 MB; the older versions stay available."),
    )
    note = forms.CharField(label=_("What changed"), required=False, max_length=300)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.kind = uploads.document_kind(upload)
        return upload


def search_words(text: str) -> list[str]:
    """The words of a search, normalised like the indexed text; at most eight, each of two letters or more."""
    return [word for word in normalise(text).split() if len(word) >= 2][:8]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), max_length=100, required=False)

    def words(self) -> list[str]:
        return search_words(self.cleaned_data.get("q", "")) if self.is_valid() else []


class LibraryFilterForm(forms.Form):
    q = forms.CharField(label=_("Words in the title or description"), max_length=100, required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    tag = forms.ModelChoiceField(
        label=_("Tag"), queryset=Tag.objects.none(), required=False, to_field_name="slug", empty_label=_("any")
    )
    kind = forms.ChoiceField(label=_("File type"), required=False)

    def __init__(self, *args, items, **kwargs):
        """`items`: the library items the visitor may open; only their tags are offered (a staff-only item's
        tags are not the public's business)."""
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("any")), *LibraryItem.Category.choices]
        self.fields["tag"].queryset = Tag.objects.filter(pk__in=items.values("tags")).order_by("name")
        self.fields["kind"].choices = [("", _("any"))] + [(code, kind.label) for code, kind in uploads.KINDS.items()]

    def filter(self, items):
        if not self.is_valid():
            return items
        data = self.cleaned_data
        items = items.search(search_words(data["q"]))
        if data["category"]:
            items = items.filter(category=data["category"])
        if data["tag"]:
            items = items.filter(tags=data["tag"])
        if data["kind"]:
            items = items.filter(current__kind=data["kind"])
        return items
