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


# Reading a person's records (or any parent's) without prefetch_related's per-query costs. Django compiles each
# ORDER BY name again for every query, about a third of a small query's time (more when the model's ordering runs
# through a relation), and prefetch_related adds its own bookkeeping per lookup; so the rows are read unordered,
# with the parent's foreign key as the only condition, sorted here by the model's Meta.ordering and kept where
# prefetch_related keeps them, so that `parent.<relation>.all()` then answers without a query.


def load_related(instance, relation: str, *, select_related=()) -> list:
    """`instance.<relation>` (a reverse foreign key), in one query, sorted and kept as prefetched."""
    field = getattr(type(instance), relation).field
    queryset = rows_of(field, instance.pk, select_related)
    rows = sorted_by_meta(list(queryset), field.model)
    for row in rows:
        field.set_cached_value(row, instance)
    keep_prefetched(instance, field.remote_field.cache_name, queryset, rows)
    return rows


def load_nested(parents: list, relation: str, *, select_related=()) -> None:
    """`parent.<relation>` (a reverse foreign key) of every one of `parents`, in one query for all of them."""
    if not parents:
        return
    field = getattr(type(parents[0]), relation).field
    children = field.model._default_manager.filter(**{f"{field.attname}__in": [parent.pk for parent in parents]})
    if select_related:
        children = children.select_related(*select_related)
    groups = {parent.pk: [] for parent in parents}
    for child in sorted_by_meta(list(children.order_by()), field.model):
        groups[getattr(child, field.attname)].append(child)
    for parent in parents:
        for child in groups[parent.pk]:
            field.set_cached_value(child, parent)
        keep_prefetched(parent, field.remote_field.cache_name, rows_of(field, parent.pk), groups[parent.pk])


def rows_of(field, key, select_related=()):
    """The rows whose foreign key `field` holds `key`, unordered: the query a related manager would make, without
    resolving the parent instance again."""
    queryset = field.model._default_manager.filter(**{field.attname: key}).order_by()
    if select_related:  # select_related() with no names would follow every foreign key
        queryset = queryset.select_related(*select_related)
    return queryset


def keep_prefetched(instance, cache_name: str, queryset, rows: list) -> None:
    """Where Django's prefetch_related keeps a relation's rows (`prefetch_one_level`): the relation's own queryset
    (so that a `.filter()` on it still asks the database about this instance only) with its result filled in."""
    queryset._result_cache = rows
    queryset._prefetch_done = True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[cache_name] = queryset


def sorted_by_meta(rows: list, model) -> list:
    """`rows` in the order of `model`'s Meta.ordering (field names, `-` for descending, `a__b` through relations
    already read, a relation alone by its key); empty values first, as SQLite puts them."""
    for term in reversed(model._meta.ordering):
        path = attribute_path(model, term.lstrip("-"))
        rows.sort(key=lambda row, path=path: sort_key(row, path), reverse=term.startswith("-"))
    return rows


def attribute_path(model, term: str) -> list[str]:
    if term in ("pk", "id"):
        return ["pk"]
    names = term.split("__")
    if len(names) == 1 and model._meta.get_field(term).is_relation:
        return [model._meta.get_field(term).attname]
    return names


def sort_key(row, path):
    value = row
    for name in path:
        value = getattr(value, name)
    return (value is not None, value)
