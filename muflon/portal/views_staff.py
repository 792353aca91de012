"""Staff editing of the public site at /app/portal/: pages, news, stories and the library, with a preview.

Only the partnership's administrators and coordinators edit, and only their own partnership's site; another
partnership's entry is not found (404).
"""

from dataclasses import dataclass

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from muflon.accounts.access import role_required
from muflon.accounts.models import MANAGERS
from muflon.core.access import get_visible_or_404
from muflon.core.paging import page_without_count
from muflon.portal import services
from muflon.portal.forms import LibraryItemForm, NewsForm, PageForm, StoryForm, VersionForm
from muflon.portal.models import LibraryItem, NewsItem, Page, Status, SuccessStory

PER_PAGE = 50


@dataclass(frozen=True)
class Section:
    """One kind of content in the staff area: its model, form, names and templates."""

    model: type
    form: type
    list_url: str
    create_url: str
    edit_url: str
    title: str
    new_title: str
    preview_template: str


PAGES = Section(
    Page,
    PageForm,
    "portal:staff_pages",
    "portal:staff_page_create",
    "portal:staff_page_edit",
    gettext_lazy("Pages"),
    gettext_lazy("New page"),
    "portal/_page_body.html",
)
NEWS = Section(
    NewsItem,
    NewsForm,
    "portal:staff_news",
    "portal:staff_news_create",
    "portal:staff_news_edit",
    gettext_lazy("News"),
    gettext_lazy("New news item"),
    "portal/_publication_body.html",
)
STORIES = Section(
    SuccessStory,
    StoryForm,
    "portal:staff_stories",
    "portal:staff_story_create",
    "portal:staff_story_edit",
    gettext_lazy("Success stories"),
    gettext_lazy("New success story"),
    "portal/_publication_body.html",
)
SECTIONS = [PAGES, NEWS, STORIES]


@role_required(*MANAGERS)
def overview(request):
    """What the site holds: entries and drafts of each kind, the library, links to add more."""
    user = request.user
    tally = {"total": Count("id"), "drafts": Count("id", filter=Q(status=Status.DRAFT))}
    context = {
        "sections": [(section, section.model.objects.visible_to(user).aggregate(**tally)) for section in SECTIONS],
        "library": LibraryItem.objects.visible_to(user).aggregate(
            total=Count("id"), staff_only=Count("id", filter=Q(visibility=LibraryItem.Visibility.STAFF))
        ),
    }
    return render(request, "portal/staff/overview.html", context)


def content_list(request, section: Section):
    rows = section.model.objects.visible_to(request.user).defer("body", "search_text")
    page = page_without_count(rows, request.GET.get("page"), per_page=PER_PAGE)
    context = {"section": section, "page": page, "Status": Status, "is_pages": section is PAGES}
    return render(request, "portal/staff/content_list.html", context)


def edit_content(request, section: Section, instance=None):
    """The form of a page, news item or story; "Preview" shows it as the public will see it, saving nothing."""
    form = section.form(
        request.POST or None, request.FILES or None, instance=instance, partnership=request.user.partnership
    )
    preview = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview = form.instance
        else:
            with transaction.atomic():
                entry = form.save()
            messages.success(request, _("“%(title)s” was saved.") % {"title": entry.title})
            return redirect(section.list_url)
    context = {"section": section, "form": form, "entry": instance, "preview": preview}
    return render(request, "portal/staff/content_form.html", context)


def entry_for(request, section: Section, pk):
    return get_visible_or_404(section.model.objects, request.user, pk=pk)


@role_required(*MANAGERS)
def page_list(request):
    return content_list(request, PAGES)


@role_required(*MANAGERS)
def page_create(request):
    return edit_content(request, PAGES)


@role_required(*MANAGERS)
def page_edit(request, pk):
    return edit_content(request, PAGES, entry_for(request, PAGES, pk))


@role_required(*MANAGERS)
def news_list(request):
    return content_list(request, NEWS)


@role_required(*MANAGERS)
def news_create(request):
    return edit_content(request, NEWS)


@role_required(*MANAGERS)
def news_edit(request, pk):
    return edit_content(request, NEWS, entry_for(request, NEWS, pk))


@role_required(*MANAGERS)
def story_list(request):
    return content_list(request, STORIES)


@role_required(*MANAGERS)
def story_create(request):
    return edit_content(request, STORIES)


@role_required(*MANAGERS)
def story_edit(request, pk):
    return edit_content(request, STORIES, entry_for(request, STORIES, pk))


@role_required(*MANAGERS)
def library_list(request):
    items = LibraryItem.objects.visible_to(request.user).select_related("current").defer("search_text")
    page = page_without_count(items, request.GET.get("page"), per_page=PER_PAGE)
    return render(request, "portal/staff/library_list.html", {"page": page})


@role_required(*MANAGERS)
def library_create(request):
    form = LibraryItemForm(request.POST or None, request.FILES or None, partnership=request.user.partnership)
    if request.method == "POST" and form.is_valid():
        item = services.add_library_item(
            form.save(commit=False),
            form.cleaned_data["file"],
            form.kind,
            tag_names=form.cleaned_data["tag_names"],
            note=form.cleaned_data["note"],
            by=request.user,
        )
        messages.success(request, _("“%(title)s” was added to the library.") % {"title": item.title})
        return redirect("portal:staff_library")
    return render(request, "portal/staff/library_form.html", {"form": form})


@role_required(*MANAGERS)
def library_edit(request, pk):
    item = get_visible_or_404(LibraryItem.objects.select_related("current"), request.user, pk=pk)
    form = LibraryItemForm(request.POST or None, instance=item, partnership=request.user.partnership)
    if request.method == "POST" and form.is_valid():
        item = services.save_library_item(
            form.save(commit=False), tag_names=form.cleaned_data["tag_names"], by=request.user
        )
        messages.success(request, _("“%(title)s” was saved.") % {"title": item.title})
        return redirect("portal:staff_library")
    context = {"form": form, "item": item, "versions": item.versions.select_related("uploaded_by")}
    return render(request, "portal/staff/library_form.html", context)


@role_required(*MANAGERS)
def library_add_version(request, pk):
    item = get_visible_or_404(LibraryItem.objects, request.user, pk=pk)
    form = VersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        version = services.add_version(
            item, form.cleaned_data["file"], form.kind, note=form.cleaned_data["note"], by=request.user
        )
        messages.success(request, _("Version %(number)s is now the current file.") % {"number": version.number})
        return redirect("portal:staff_library_edit", item.pk)
    return render(request, "portal/staff/version_form.html", {"form": form, "item": item})
