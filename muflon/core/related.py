"""Filling several foreign keys to the same model from one query (a page naming the staff behind ten kinds of
record would otherwise read the user table once per kind, each time with every column)."""

from collections.abc import Iterable


def attach_related(queryset, links: Iterable[tuple[Iterable, str]]) -> None:
    """For each (objects, field) in `links`, set `obj.<field>` to its row from `queryset`, read in one query.

    Objects whose key is empty, or points at a row `queryset` does not hold, keep their field empty."""
    links = [(list(objects), field) for objects, field in links]
    keys = {getattr(obj, f"{field}_id") for objects, field in links for obj in objects}
    keys.discard(None)
    rows = queryset.in_bulk(keys) if keys else {}
    for objects, field in links:
        for obj in objects:
            key = getattr(obj, f"{field}_id")
            if key is not None and key in rows:
                setattr(obj, field, rows[key])
