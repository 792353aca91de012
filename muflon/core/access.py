"""Access helpers: the base of every scoped queryset and the 404-for-others lookup."""

from django.db import models
from django.http import Http404


class ScopedQuerySet(models.QuerySet):
    """A queryset whose rows belong to one partnership.

    Subclasses implement `visible_to(user)`: the user's partnership first (`in_partnership_of`),
    then what the user's roles allow. Views take rows only through it.
    """

    partnership_path = "partnership"

    def in_partnership_of(self, user):
        partnership_id = getattr(user, "partnership_id", None)
        if not getattr(user, "is_authenticated", False) or partnership_id is None:
            return self.none()
        return self.filter(**{self.partnership_path: partnership_id})

    def visible_to(self, user):
        raise NotImplementedError(f"{type(self).__name__} must say who sees its rows.")


def get_visible_or_404(queryset, user, **lookup):
    """One row the user may see; another partnership's or a hidden row is simply not found."""
    try:
        return queryset.visible_to(user).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
