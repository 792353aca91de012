"""Fixtures of the cooperatives area's tests."""

import pytest
from django.utils import translation


@pytest.fixture
def in_english():
    """Messages matched by their English msgids (the pages' tests read Polish)."""
    with translation.override("en"):
        yield
