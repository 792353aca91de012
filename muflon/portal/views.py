"""The public site: home, pages, news with its archive and feed, success stories, the library and search.

Every view works on the partnership of the request's host (`partnership.sites.partnership_for`). Views marked
`public_page` are kept for anonymous visitors (see `caching`); the site's administrators and coordinators also see
drafts, marked as such.
"""

import datetime
import mimetypes

from django.contrib.syndication.views import Feed
from django.db.models import Count, Prefetch
from django.db.models.functions import TruncMonth
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from muflon.accounts.models import MANAGERS
from muflon.core.bounds import EARLIEST_YEAR, LATEST_YEAR
from muflon.core.paging import page_without_count
from muflon.partnership.sites import partnership_for
from muflon.polls.services import current_poll
from muflon.portal import services
from muflon.portal.caching import public_page, render_context
from muflon.portal.forms import LibraryFilterForm, SearchForm
from muflon.portal.models import LibraryItem, LibraryVersion, NewsItem, Page, SuccessStory, Tag

NEWS_PER_PAGE = 10
LIBRARY_PER_PAGE = 20
SEARCH_RESULTS = 20
# What lists of news and stories show: never the body.
LIST_FIELDS = ["title", "slug", "lead", "publish_at", "image", "image_alt", "image_width", "image_height", "status"]


def render_public(request, template, context=None):
    """A page of the public site, with the site's menu; a page that may be kept gets a CSRF placeholder."""
    site = partnership_for(request)
    base = {"site": site, "site_pages": Page.objects.public_on(site).only("title", "slug", "show_in_menu")}
    return render(request, template, {**base, **(context or {}), **render_context(request)})


def edits_site(user, site) -> bool:
    """An administrator or coordinator of the site's partnership: sees drafts and scheduled entries."""
    return getattr(user, "is_authenticated", False) and user.partnership_id == site.pk and user.has_role(*MANAGERS)


def entry_or_404(model, request, **lookup):
    """A public entry of the site; its editors also get drafts and scheduled ones (a preview)."""
    site = partnership_for(request)
    entries = (
        model.objects.filter(partnership=site) if edits_site(request.user, site) else model.objects.public_on(site)
    )
    try:
        return entries.get(**lookup)
    except model.DoesNotExist:
        raise Http404 from None


@require_safe
@public_page
def home(request):
    try:
        site = partnership_for(request)
    except Http404:
        # A new installation without a default partnership: the general introduction and the login link.
        return render(request, "portal/home.html", {"site": None})
    now = timezone.now()
    context = {
        "news": NewsItem.objects.public_on(site, now)[:3],
        "story": SuccessStory.objects.public_on(site, now).first(),
        "poll": current_poll(site),
        "guides": LibraryItem.objects.available_on(site, None)
        .filter(category__in=[LibraryItem.Category.GUIDE, LibraryItem.Category.EDUCATIONAL])
        .select_related("current")
        .order_by("-updated_at")[:3],
    }
    return render_public(request, "portal/home.html", context)


@require_safe
@public_page
def page(request, slug):
    return render_public(request, "portal/page.html", {"page": entry_or_404(Page, request, slug=slug)})


def news_months(site):
    """The months that have news, newest first, with how many items each."""
    return (
        NewsItem.objects.public_on(site)
        .annotate(month=TruncMonth("publish_at"))
        .order_by()
        .values("month")
        .annotate(count=Count("id"))
        .order_by("-month")
    )


def news_page(request, items, context):
    site = partnership_for(request)
    page = page_without_count(items.only(*LIST_FIELDS), request.GET.get("page"), per_page=NEWS_PER_PAGE)
    return render_public(request, "portal/news_list.html", {"page": page, "months": news_months(site), **context})


@require_safe
@public_page
def news_list(request):
    return news_page(request, NewsItem.objects.public_on(partnership_for(request)), {})


@require_safe
@public_page
def news_archive(request, year, month=None):
    # Years as every date field takes them: year 1 in local time lies before the first moment Python can hold.
    if not EARLIEST_YEAR <= year <= LATEST_YEAR or (month is not None and not 1 <= month <= 12):
        raise Http404
    items = NewsItem.objects.public_on(partnership_for(request)).filter(publish_at__year=year)
    period = datetime.date(year, month or 1, 1)
    if month is not None:
        items = items.filter(publish_at__month=month)
    return news_page(request, items, {"year": year, "month": month, "period": period})


@require_safe
@public_page
def news_detail(request, slug):
    item = entry_or_404(NewsItem, request, slug=slug)
    return render_public(request, "portal/news_detail.html", {"item": item})


def image_response(request, publication):
    """The image of an entry the visitor may see; never the file's path, never another site's."""
    if not publication.image:
        raise Http404
    content_type = mimetypes.guess_type(publication.image.name)[0] or "application/octet-stream"
    try:
        response = FileResponse(publication.image.open("rb"), content_type=content_type)
    except FileNotFoundError:
        raise Http404 from None
    if isinstance(publication, NewsItem) and publication.is_public():
        patch_cache_control(response, public=True, max_age=3600)
    elif publication.is_public():
        # A story's image stops being public the moment its consent is withdrawn: no copies kept elsewhere.
        patch_cache_control(response, private=True, max_age=60)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response


@require_safe
def news_image(request, slug):
    return image_response(request, entry_or_404(NewsItem, request, slug=slug))


@require_safe
@public_page
def story_list(request):
    stories = SuccessStory.objects.public_on(partnership_for(request)).only(*LIST_FIELDS, "cooperative_name")
    page = page_without_count(stories, request.GET.get("page"), per_page=NEWS_PER_PAGE)
    return render_public(request, "portal/story_list.html", {"page": page})


@require_safe
@public_page
def story_detail(request, slug):
    story = entry_or_404(SuccessStory, request, slug=slug)
    return render_public(request, "portal/story_detail.html", {"story": story})


@require_safe
def story_image(request, slug):
    return image_response(request, entry_or_404(SuccessStory, request, slug=slug))


def library_items(request):
    """The library items this visitor may open on this site: public ones, and staff-only ones for its staff."""
    return LibraryItem.objects.available_on(partnership_for(request), request.user)


@require_safe
@public_page
def library(request):
    available = library_items(request)
    form = LibraryFilterForm(request.GET or None, items=available)
    items = (
        form.filter(available)
        .select_related("current")
        .prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("name")))
    )
    page = page_without_count(items, request.GET.get("page"), per_page=LIBRARY_PER_PAGE)
    return render_public(request, "portal/library_list.html", {"form": form, "page": page})


def library_item_or_404(request, pk):
    try:
        return library_items(request).select_related("current").get(pk=pk)
    except LibraryItem.DoesNotExist:
        raise Http404 from None


@require_safe
@public_page
def library_item(request, pk):
    item = library_item_or_404(request, pk)
    context = {"item": item, "versions": item.versions.all(), "tags": item.tags.order_by("name")}
    return render_public(request, "portal/library_item.html", context)


def file_response(item: LibraryItem, version: LibraryVersion):
    """The file as a download, named after the item; staff-only files are kept out of every cache."""
    from muflon.portal.uploads import KINDS

    kind = KINDS.get(version.kind)
    name = f"{services.slug_for(item.title, 60) or 'plik'}-v{version.number}.{kind.extension if kind else 'bin'}"
    try:
        handle = version.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=name,
        content_type=kind.content_type if kind else "application/octet-stream",
    )
    if item.is_public:
        patch_cache_control(response, private=True, max_age=0)
    else:
        patch_cache_control(response, private=True, no_store=True)
    services.count_download(item)
    return response


@require_safe
def library_download(request, pk):
    item = library_item_or_404(request, pk)
    return file_response(item, item.current)


@require_safe
def library_version(request, pk, number):
    item = library_item_or_404(request, pk)
    try:
        version = item.versions.get(number=number)
    except LibraryVersion.DoesNotExist:
        raise Http404 from None
    return file_response(item, version)


@require_safe
def search(request):
    """Pages, news, stories and public library items holding every word of the query; not cached (any text)."""
    site = partnership_for(request)
    form = SearchForm(request.GET or None)
    words = form.words()
    sections = []
    if words:
        now = timezone.now()
        sections = [
            (_("Pages"), Page.objects.public_on(site).search(words).only("title", "slug")),
            (_("News"), NewsItem.objects.public_on(site, now).search(words).only(*LIST_FIELDS)),
            (_("Success stories"), SuccessStory.objects.public_on(site, now).search(words).only(*LIST_FIELDS)),
            (
                _("Library"),
                LibraryItem.objects.available_on(site, None).search(words).only("title", "description", "category"),
            ),
        ]
        sections = [(title, list(rows[:SEARCH_RESULTS])) for title, rows in sections]
    found = sum(len(rows) for _title, rows in sections)
    context = {"form": form, "words": words, "sections": sections, "found": found}
    return render_public(request, "portal/search.html", context)


class NewsFeed(Feed):
    """The site's news as an Atom feed: the 20 latest published items."""

    feed_type = Atom1Feed

    def get_object(self, request):
        return partnership_for(request)

    def title(self, site):
        return _("%(site)s — news") % {"site": site.name}

    def subtitle(self, site):
        return site.region_description

    def link(self, site):
        return reverse("portal:news_list")

    def feed_url(self, site):
        return reverse("portal:news_feed")

    def items(self, site):
        return NewsItem.objects.public_on(site)[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at


news_feed = require_safe(public_page(NewsFeed()))
