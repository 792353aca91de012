"""App configuration of the public portal."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "muflon.portal"
    verbose_name = _("Public portal")

    def ready(self):
        from muflon.core import audit
        from muflon.portal import models, signals

        audit.track(models.Page, exclude={"search_text"})
        audit.track(models.NewsItem, exclude={"search_text"})
        audit.track(models.SuccessStory, exclude={"search_text"})
        audit.track(models.Tag)
        audit.track(models.LibraryItem, exclude={"search_text", "download_count"})
        audit.track(models.LibraryVersion)
        signals.connect()
