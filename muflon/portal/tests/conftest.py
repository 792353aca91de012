"""Fixtures of the portal's tests: files in a temporary folder and an empty page cache."""

import pytest
from django.core.cache import caches


@pytest.fixture(autouse=True)
def portal_files(settings, tmp_path):
    """Uploaded files go to a temporary folder, never to var/."""
    settings.PORTAL_FILES_ROOT = tmp_path / "files"
    return settings.PORTAL_FILES_ROOT


@pytest.fixture(autouse=True)
def empty_page_cache():
    caches["portal"].clear()
    yield
    caches["portal"].clear()
