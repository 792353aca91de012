"""The public pages' cache: whole pages for anonymous visitors, per site, language, host and address.

`PublicPageCacheMiddleware` sits high in the middleware stack and answers a visitor without a session from the
kept copy, before sessions, authentication and the rest are set up; on a miss the page is rendered as usual and,
when its view is marked with `public_page`, kept. A copy is kept under its site's cache token (portal.PublicSite),
which changes whenever the site's content is saved, so every worker process stops using old copies at once; a copy
also expires after a minute (the poll on the home page) or when the next scheduled news item or story is due.

The CSRF token of the language switch is never kept: pages are rendered with a placeholder that each response
replaces with the visitor's own token (and its cookie)."""

import datetime
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import IntegrityError, transaction
from django.db.models import Min
from django.http import Http404, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers

from muflon.partnership.sites import partnership_for

CSRF_PLACEHOLDER = "portalCsrfPlaceholder0x7Q"
MAX_AGE = 60
# Addresses whose views may be kept (see urls.py); search takes any text and is never kept.
KEPT_PREFIXES = ("/pages/", "/news/", "/stories/", "/library/")
# Set for each response anew.
RESPONSE_OWN_HEADERS = {"content-length", "set-cookie"}


def page_cache():
    return caches["portal"]


def invalidate_site(partnership_id) -> None:
    """Make every kept page of the partnership's site stale (called whenever its content changes)."""
    from muflon.portal.models import PublicSite, new_cache_token

    if partnership_id is not None:
        PublicSite.objects.filter(partnership_id=partnership_id).update(
            cache_token=new_cache_token(), updated_at=timezone.now()
        )


def cache_token(partnership) -> str:
    """The site's current token; the first visit of a site creates its row."""
    token = getattr(partnership, "portal_cache_token", None)
    if token:
        return token
    from muflon.portal.models import PublicSite

    try:
        with transaction.atomic():
            site, _ = PublicSite.objects.get_or_create(partnership_id=partnership.pk)
    except IntegrityError:  # another request created it at the same moment
        site = PublicSite.objects.get(partnership_id=partnership.pk)
    partnership.portal_cache_token = site.cache_token
    return site.cache_token


def may_be_kept(request) -> bool:
    """A GET of a public page by a visitor without a session (so not logged in) and without a message waiting,
    with no query but a page number: any other query (a library filter, made-up parameters) is rendered afresh,
    so that nobody can fill the cache with endless variants of one address."""
    path = request.path_info
    return (
        request.method == "GET"
        and (path == "/" or path.startswith(KEPT_PREFIXES))
        and plain_query(request.GET)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    )


def plain_query(query) -> bool:
    """No parameters, or just `page` with a number of at most four digits."""
    if not query:
        return True
    page = query.get("page", "")
    return list(query) == ["page"] and page.isdigit() and len(page) <= 4


def cache_key(request, partnership) -> str:
    language = translation.get_language_from_request(request)
    token = cache_token(partnership)
    return f"portal:{partnership.pk}:{token}:{language}:{request.get_host()}:{request.get_full_path()}"


def seconds_to_keep(partnership) -> int:
    """A minute, or less when a scheduled news item or story is due to appear before then."""
    from muflon.portal.models import NewsItem, Status, SuccessStory

    now = timezone.now()
    soon = now + datetime.timedelta(seconds=MAX_AGE)
    due = [
        model.objects.filter(
            partnership=partnership, status=Status.PUBLISHED, publish_at__gt=now, publish_at__lt=soon
        ).aggregate(first=Min("publish_at"))["first"]
        for model in (NewsItem, SuccessStory)
    ]
    due = [moment for moment in due if moment is not None]
    if not due:
        return MAX_AGE
    return max(1, int((min(due) - now).total_seconds()))


def public_page(view):
    """Mark a view's pages as the same for every anonymous visitor of a site, so that they may be kept."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        request.portal_page = True
        return view(request, *args, **kwargs)

    return wrapped


def render_context(request) -> dict:
    """What a page that may be kept is rendered with: a placeholder instead of the visitor's CSRF token."""
    return {"csrf_token": CSRF_PLACEHOLDER} if getattr(request, "portal_caching", False) else {}


class PublicPageCacheMiddleware:
    """Answer anonymous visitors of public pages from the kept copies; keep the pages that `public_page` marks."""

    def __init__(self, get_response):
        self.get_response = get_response
        # Used for its request and response steps, which this middleware runs itself on a kept page.
        self.csrf = CsrfViewMiddleware(get_response)

    def __call__(self, request):
        if not may_be_kept(request):
            return self.get_response(request)
        try:
            partnership = partnership_for(request)
        except Http404:
            return self.get_response(request)
        key = cache_key(request, partnership)
        kept = page_cache().get(key)
        if kept is None:
            request.portal_caching = True
            response = self.get_response(request)
            if self.should_keep(request, response):
                headers = {name: value for name, value in response.items() if name.lower() not in RESPONSE_OWN_HEADERS}
                page_cache().set(key, (response.content, headers), seconds_to_keep(partnership))
        else:
            content, headers = kept
            response = HttpResponse(content, headers=headers)
        return self.with_csrf_token(request, response)

    @staticmethod
    def should_keep(request, response) -> bool:
        return (
            getattr(request, "portal_page", False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
        )

    def with_csrf_token(self, request, response):
        """Put the visitor's CSRF token where the placeholder is, and give them its cookie when they have none."""
        placeholder = CSRF_PLACEHOLDER.encode()
        if response.streaming or placeholder not in response.content:
            return response
        self.csrf.process_request(request)
        response.content = response.content.replace(placeholder, get_token(request).encode())
        response.headers["Content-Length"] = str(len(response.content))
        patch_vary_headers(response, ("Cookie",))
        return self.csrf.process_response(request, response)
