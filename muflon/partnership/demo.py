"""Demo data of the partnership area: the pilot partnership."""

from muflon.partnership.models import Partnership

PILOT_SLUG = "walbrzych-swidnica"


def pilot_partnership() -> Partnership:
    return Partnership.objects.get(slug=PILOT_SLUG)


def load(**options) -> Partnership:
    partnership, _ = Partnership.objects.update_or_create(
        slug=PILOT_SLUG,
        defaults={
            "name": "Partnerstwo Ekonomii Społecznej Wałbrzych–Świdnica",
            "region_description": "gminy powiatu wałbrzyskiego, miasto Wałbrzych i miasto Świdnica",
            "is_default": True,
        },
    )
    return partnership
