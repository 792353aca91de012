"""Pagination that never counts the whole table: fetch one row more to know there is a next page."""

from dataclasses import dataclass

from django.http import Http404

# Nobody pages this deep by hand; a larger number would reach past the database's integer range.
MAX_PAGE = 100_000


@dataclass
class Page:
    rows: list
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def page_number(value) -> int:
    """The page asked for: 1 when missing or not a number; 404 beyond MAX_PAGE."""
    try:
        number = max(1, int(value))
    except (TypeError, ValueError):
        return 1
    if number > MAX_PAGE:
        raise Http404("No such page.")
    return number


def page_without_count(queryset, number, *, per_page: int, rows=None) -> Page:
    """One page of `queryset`; a page past the end is not found (404), as a page that never existed.

    `rows(queryset)` gives what the page's rows are read from (say, `.values()` of a few columns through joins),
    while the rows before the page are skipped on `queryset` itself, whose keys need no join."""
    rows = rows or (lambda queryset: queryset)
    number = page_number(number)
    start = (number - 1) * per_page
    if start:
        # Deep pages: skip rows on the keys alone (from the index, without joins or table rows),
        # then fetch the page's own rows; OFFSET over whole rows took 0.1 s at page 1000 of 100k.
        keys = list(queryset.values_list("pk", flat=True)[start : start + per_page + 1])
        if not keys:
            raise Http404("No such page.")
        found = rows(queryset.order_by()).in_bulk(keys)
        fetched = [found[key] for key in keys if key in found]
    else:
        fetched = list(rows(queryset)[: per_page + 1])
    return Page(rows=fetched[:per_page], number=number, has_next=len(fetched) > per_page)
