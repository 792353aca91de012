"""Streaming CSV downloads: semicolons and a BOM for Polish spreadsheet programs, and cells that cannot run as
formulas (text a person typed, starting with = + - @, would otherwise be a formula when the file is opened)."""

import csv

from django.http import StreamingHttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class Echo:
    """A file-like object that hands back what the csv writer writes, so rows can be streamed."""

    def write(self, value):
        return value


def safe_cell(value):
    """The value, with a leading apostrophe when it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_response(columns, rows, filename: str, *, chunk_size=2000) -> StreamingHttpResponse:
    """`columns`: (heading, value function) pairs; `rows`: a queryset, read in chunks."""
    writer = csv.writer(Echo(), delimiter=";")

    def lines():
        yield "\ufeff"  # a BOM so that spreadsheet programs read the Polish letters right
        yield writer.writerow([heading for heading, _value in columns])
        for row in rows.iterator(chunk_size=chunk_size):
            yield writer.writerow([safe_cell(value(row)) for _heading, value in columns])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
