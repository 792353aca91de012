"""App configuration of the public portal."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "muflon.portal"
    verbose_name = _("Public portal")

    def ready(self):
        from muflon.accounts.models import MANAGERS
        from muflon.core import audit
        from muflon.core.navigation import add_menu_item
        from muflon.partnership.sites import add_site_column
        from muflon.portal import models, signals

        audit.track(models.Page, exclude={"search_text"})
        audit.track(models.NewsItem, exclude={"search_text"})
        audit.track(models.SuccessStory, exclude={"search_text"})
        audit.track(models.Tag)
        audit.track(models.LibraryItem, exclude={"search_text", "download_count"})
        audit.track(models.LibraryVersion)
        signals.connect()

        add_menu_item(_("Public site"), "portal:staff", roles=MANAGERS, order=80)
        # Every public request needs the site's cache token: fetched with the partnership, in one query.
        add_site_column("portal_cache_token", models.PublicSite, "cache_token")
