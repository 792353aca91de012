"""Quarterly reports: one per ended quarter since registration, never for a quarter still running; the quarters
with no report listed, late after thirty days."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from muflon.cooperatives import services
from muflon.cooperatives.models import Cooperative, QuarterlyReport

pytestmark = [pytest.mark.django_db, pytest.mark.dates, pytest.mark.usefixtures("in_english")]

FIGURES = {
    "revenue": Decimal("120000.50"),
    "costs": Decimal("100000"),
    "members": 6,
    "employees": 4,
    "public_revenue_share": 40,
}


@pytest.fixture
def cooperative(partnership, gmina):
    return Cooperative.objects.create(
        partnership=partnership,
        name="Kwartalna spółdzielnia socjalna",
        krs="0000444444",
        gmina=gmina,
        pkd_section="N",
        registered_on=datetime.date(2025, 5, 20),
        status_since=datetime.date(2025, 5, 20),
    )


def test_quarter_ends():
    assert services.quarter_end(2025, 1) == datetime.date(2025, 3, 31)
    assert services.quarter_end(2025, 2) == datetime.date(2025, 6, 30)
    assert services.quarter_end(2025, 4) == datetime.date(2025, 12, 31)


def test_a_report_for_an_ended_quarter_once_with_its_result(cooperative, coordinator):
    report = services.submit_report(cooperative, year=2025, quarter=2, by=coordinator, **FIGURES)
    assert report.result == Decimal("20000.50")
    with pytest.raises(ValidationError, match="already reported"):
        services.submit_report(cooperative, year=2025, quarter=2, by=coordinator, **FIGURES)
    with pytest.raises(IntegrityError), transaction.atomic():
        QuarterlyReport.objects.create(cooperative=cooperative, year=2025, quarter=2, entered_by=coordinator, **FIGURES)


def test_a_running_or_future_quarter_and_one_before_registration_are_refused(cooperative, coordinator, monkeypatch):
    monkeypatch.setattr(services.timezone, "localdate", lambda: datetime.date(2026, 8, 15))
    for year, quarter, words in ((2026, 3, "not ended"), (2027, 1, "not ended"), (2025, 1, "not yet registered")):
        with pytest.raises(ValidationError, match=words):
            services.submit_report(cooperative, year=year, quarter=quarter, by=coordinator, **FIGURES)
    with pytest.raises(ValidationError) as refused:
        services.submit_report(
            cooperative, year=2025, quarter=3, by=coordinator, **{**FIGURES, "public_revenue_share": 101}
        )
    assert "public_revenue_share" in refused.value.message_dict
    assert not QuarterlyReport.objects.exists()


def test_the_quarters_without_a_report_late_after_thirty_days(cooperative, coordinator):
    services.submit_report(cooperative, year=2025, quarter=3, by=coordinator, **FIGURES)
    missing = services.missing_reports(cooperative, on=datetime.date(2026, 4, 20))
    # Q2 2025 (registered in May) and Q4 2025 are late; Q1 2026 ended 20 days ago: missing, not yet late.
    assert missing == [(2025, 2, True), (2025, 4, True), (2026, 1, False)]
