"""Keeping the public pages' cache honest: any change of a site's content, or of a consent to publication, makes
the site's cached pages stale at once (see caching.invalidate_site)."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from muflon.portal.caching import invalidate_site


def content_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        invalidate_site(getattr(instance, "audit_partnership_id", None) or instance.partnership_id)


def tags_changed(sender, instance, action, **kwargs):
    if action.startswith("post_"):
        invalidate_site(getattr(instance, "partnership_id", None))


def consent_changed(sender, instance, raw=False, **kwargs):
    """A given or withdrawn consent to publication shows or hides a story about that person."""
    from muflon.people.models import Consent

    if not raw and instance.purpose == Consent.Purpose.PUBLICATION:
        invalidate_site(instance.participant.partnership_id)


def connect():
    from muflon.people.models import Consent
    from muflon.polls.models import Poll
    from muflon.portal import models

    # The home page shows the current poll's question: a new or changed poll shows at once too.
    for model in (
        Poll,
        models.Page,
        models.NewsItem,
        models.SuccessStory,
        models.Tag,
        models.LibraryItem,
        models.LibraryVersion,
    ):
        uid = f"portal-cache-{model._meta.label}"
        post_save.connect(content_changed, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=uid + "-delete")
    m2m_changed.connect(tags_changed, sender=models.LibraryItem.tags.through, dispatch_uid="portal-cache-tags")
    post_save.connect(consent_changed, sender=Consent, dispatch_uid="portal-cache-consent-save")
    post_delete.connect(consent_changed, sender=Consent, dispatch_uid="portal-cache-consent-delete")
