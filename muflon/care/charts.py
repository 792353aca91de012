"""Barriers over time: a person's diagnoses as small line charts (inline SVG, no script) and a data table."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from muflon.people.models import BarrierScore

WIDTH = 580
LABEL_WIDTH = 255
PLOT_LEFT = LABEL_WIDTH + 16
PLOT_RIGHT = WIDTH - 16
ROW_HEIGHT = 44
ROW_PAD = 8
AXIS_HEIGHT = 28
MAX_SEVERITY = 3


@dataclass
class Point:
    x: float
    y: float
    severity: int
    label: str


@dataclass
class Series:
    label: str
    top: float
    baseline: float
    points: list
    change: str

    @property
    def polyline(self) -> str:
        return " ".join(f"{point.x:.1f},{point.y:.1f}" for point in self.points)

    @property
    def label_y(self) -> float:
        return self.top + ROW_HEIGHT / 2 + 4


def barriers_over_time(assessments) -> dict:
    """Chart geometry and table rows from a person's assessments (their scores prefetched), oldest first."""
    ordered = sorted(assessments, key=lambda a: (a.assessed_on, a.pk))
    if not ordered:
        return {}
    scores = {(a.pk, s.area): s.severity for a in ordered for s in a.scores.all()}
    xs = _x_positions([a.assessed_on for a in ordered])
    series, rows = [], []
    for index, area in enumerate(BarrierScore.Area):
        top = index * ROW_HEIGHT
        values = [scores.get((a.pk, area.value)) for a in ordered]
        points = [
            Point(x, _y(top, value), value, f"{a.assessed_on:%d.%m.%Y}: {value}")
            for x, a, value in zip(xs, ordered, values, strict=True)
            if value is not None
        ]
        series.append(Series(str(area.label), top, top + ROW_HEIGHT - ROW_PAD, points, _change(values)))
        rows.append((str(area.label), values))
    height = len(series) * ROW_HEIGHT + AXIS_HEIGHT
    return {
        "dates": [a.assessed_on for a in ordered],
        "rows": rows,
        "series": series,
        "width": WIDTH,
        "row_height": ROW_HEIGHT,
        "height": height,
        "plot_left": PLOT_LEFT,
        "plot_right": PLOT_RIGHT,
        "axis_y": height - AXIS_HEIGHT + 18,
        "first": ordered[0].assessed_on,
        "last": ordered[-1].assessed_on,
        "description": _description(series, ordered),
    }


def _x_positions(days) -> list[float]:
    """Dates placed in proportion to the time between them; one date sits in the middle."""
    span = (days[-1] - days[0]).days
    if span == 0:
        return [(PLOT_LEFT + PLOT_RIGHT) / 2 for _day in days]
    return [PLOT_LEFT + (day - days[0]).days / span * (PLOT_RIGHT - PLOT_LEFT) for day in days]


def _y(top, severity) -> float:
    usable = ROW_HEIGHT - 2 * ROW_PAD
    return top + ROW_PAD + usable * (MAX_SEVERITY - (severity or 0)) / MAX_SEVERITY


def _change(values) -> str:
    known = [value for value in values if value is not None]
    if not known:
        return "—"
    if len(known) == 1:
        return str(known[0])
    return f"{known[0]} → {known[-1]}"


def _description(series, ordered) -> str:
    """The chart in words, for screen readers: each area's first and latest severity."""
    head = _("Severity of barriers from 0 (none) to 3 (severe) in %(count)s diagnoses, %(first)s to %(last)s.") % {
        "count": len(ordered),
        "first": f"{ordered[0].assessed_on:%d.%m.%Y}",
        "last": f"{ordered[-1].assessed_on:%d.%m.%Y}",
    }
    return head + " " + "; ".join(f"{item.label}: {item.change}" for item in series) + "."
